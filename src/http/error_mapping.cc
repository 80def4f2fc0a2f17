#include "http/error_mapping.h"

#include <spdlog/spdlog.h>

#include "app/crypto.h"
#include "http/handler_util.h"

namespace duban::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kAborted:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response InternalErrorResponse(int http_status, const std::string& detail) {
  std::string id = RandomHex(6);
  spdlog::error("{} error (请求编号 {}): {}", http_status, id, detail);
  std::string message =
      http_status == 503
          ? "服务暂时不可用，请稍后重试；如持续出现请联系管理员（请求编号 " + id + "）"
          : "服务器内部错误，请联系管理员（请求编号 " + id + "）";
  return Json(http_status, {{"error",
                             {{"code", http_status == 503 ? "unavailable" : "internal"},
                              {"message", message},
                              {"details", {{"request_id", id}}}}}});
}

Response ErrorResponse(const Status& status) {
  int http_status = HttpStatusFor(status.code());
  // A 5xx names files, SQL or hosts: the log gets it, the client a request number (review L1).
  if (http_status >= 500) return InternalErrorResponse(http_status, status.message());
  nlohmann::json details = nullptr;
  if (!status.field().empty()) details = {{"field", status.field()}};
  return Json(http_status, {{"error",
                             {{"code", std::string(ErrorCodeName(status.code()))},
                              {"message", status.message()},
                              {"details", details}}}});
}

Response ErrorResponse(int http_status, const std::string& code, const std::string& message) {
  return Json(http_status,
              {{"error", {{"code", code}, {"message", message}, {"details", nullptr}}}});
}

}  // namespace duban::http
