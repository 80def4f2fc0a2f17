// The route table: each route declares its method, path pattern, access, body class and
// OpenAPI summary next to its handler, and the table answers which route a request is for.
// Handlers return Result<Response>; the dispatcher maps a failed Result to the error body
// once (error_mapping.h), so no handler repeats it. Matching does not depend on the order of
// registration: the most specific pattern wins (a literal segment beats a `{param}` at the
// first place they differ). Built once at start-up, then read-only and thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "core/status.h"
#include "http/message.h"

namespace duban::http {

struct RequestContext {
  Request& request;
  std::map<std::string, std::string> params;  // path parameters, e.g. {"id": "42"}
  std::optional<Authenticated> auth;          // set for routes that need a session
  std::string session_token;
  const Caller& caller() const { return auth->caller; }
};

enum class Access { kPublic, kSignedIn };

// What a route reads as its body, which sets its size limit (review M4) before it is read:
// sign-in (kSignInBodyBytes), a JSON object (kJsonBodyBytes), or raw bytes such as an evidence
// upload or an import (ApiOptions::max_upload_bytes).
enum class BodyClass { kJson, kSignIn, kRaw };

using RouteHandler = std::function<Result<Response>(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/units/{id}"
  Access access = Access::kSignedIn;
  std::string summary;  // for the OpenAPI document
  BodyClass body = BodyClass::kJson;
  RouteHandler handler;
};

// The segments of a path after its leading '/': "/a/{id}" -> {"a", "{id}"}.
std::vector<std::string> SplitPath(std::string_view path);
// True for a `{name}` pattern segment.
bool IsParamSegment(const std::string& segment);

class RouteTable {
 public:
  struct Match {
    const Route* route = nullptr;               // null when no route takes this method
    std::map<std::string, std::string> params;  // of `route`
    std::vector<std::string> allowed;           // methods of the patterns that match the path
  };

  // Adds a route. Aborts at start-up when a route of the same method has the same pattern
  // shape (the same literals, parameters in the same places): such a pair would be ambiguous.
  void Add(Route route);
  // Adds a signed-in route, the common case.
  void Add(std::string method, std::string pattern, std::string summary, RouteHandler handler,
           BodyClass body = BodyClass::kJson) {
    Add(Route{std::move(method), std::move(pattern), Access::kSignedIn, std::move(summary), body,
              std::move(handler)});
  }
  void Add(std::string method, std::string pattern, Access access, std::string summary,
           RouteHandler handler, BodyClass body = BodyClass::kJson) {
    Add(Route{std::move(method), std::move(pattern), access, std::move(summary), body,
              std::move(handler)});
  }
  // The most specific route for `method` (GET also serves HEAD) and `path`.
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // of each route's pattern, split once
};

}  // namespace duban::http
