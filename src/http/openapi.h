// The OpenAPI 3 description of the API, built by walking the route table: every route's path,
// method, summary, access (the session cookie), path parameters and request body class.
// Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/route.h"

namespace duban::http {

nlohmann::json OpenApiDocument(const RouteTable& table, const std::string& version,
                               const std::string& session_cookie);

}  // namespace duban::http
