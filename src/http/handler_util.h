// What every route handler shares: JSON responses, downloads, the paged-list body and paging
// from the query string. (A failed Result needs no helper: the router maps it, route.h.)
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

}  // namespace duban::http
