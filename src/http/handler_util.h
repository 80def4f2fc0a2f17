// What every route handler shares: JSON responses, the paged-list body, paging from the query
// string, and Guard, which turns a failed Result into the standard error response.
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/page.h"
#include "core/status.h"
#include "http/api.h"
#include "http/message.h"

namespace duban::http {

Response Json(int status, const nlohmann::json& body);
Response NoContent();
// A file download: its type and a UTF-8 file name (RFC 6266 filename*).
Response Attachment(const std::string& content_type, const std::string& file_name,
                    std::string bytes);
Result<PageRequest> PageFromQuery(const Request& r);

template <typename T, typename F>
nlohmann::json PageJson(const Page<T>& page, const PageRequest& req, F view) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(view(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"page", req.page},
          {"page_size", req.page_size}};
}

// Runs a handler body that may fail: a failed Status becomes the standard error response.
template <typename F>
Response Guard(F&& body) {
  Result<Response> r = body();
  if (!r.ok()) return ErrorResponse(r.status());
  return std::move(r).value();
}

}  // namespace duban::http
