#include "http/handler_util.h"

#include "http/json_codec.h"

namespace duban::http {

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.Set("Content-Type", "application/json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Response Attachment(const std::string& content_type, const std::string& file_name,
                    std::string bytes) {
  Response r;
  r.Set("Content-Type", content_type);
  std::string encoded;
  PercentEncode(file_name, encoded);
  r.Set("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  r.body = std::move(bytes);
  return r;
}

Result<PageRequest> PageFromQuery(const Request& r) {
  DUBAN_ASSIGN_OR_RETURN(auto page, QueryInt(r, "page"));
  DUBAN_ASSIGN_OR_RETURN(auto size, QueryInt(r, "page_size"));
  return MakePageRequest(page.value_or(1), size.value_or(20));
}

}  // namespace duban::http
