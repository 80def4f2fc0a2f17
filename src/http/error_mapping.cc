#include "http/error_mapping.h"

#include <spdlog/spdlog.h>

#include <utility>

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

namespace {

// The fixed sentences a client may translate, by key. Add a row when a message becomes one the
// UI should show in other languages; never change a key once published.
constexpr std::pair<std::string_view, std::string_view> kMessageKeys[] = {
    {"未登录或会话已过期", "session.expired"},
    {"用户名或密码错误", "session.bad_credentials"},
    {"缺少或错误的 X-CSRF-Token 请求头：请刷新页面后重试", "session.csrf_failed"},
    {"新密码不能与原密码相同", "password.unchanged"},
    {"原密码不正确", "password.wrong_old"},
    {"您的角色无权执行此操作（需要系统管理员）", "permission.admin_only"},
    {"事项不在您的数据范围内", "item.out_of_scope"},
    {"打印繁忙，请稍后再试", "bulletin.printer_busy"},
    {"请求路径不是有效的 UTF-8", "request.path_not_utf8"},
    {"查询参数不是有效的 UTF-8", "request.query_not_utf8"},
    {"此路径只支持 GET", "request.get_only"},
    {"界面未构建：请先运行 ./script/build", "ui.not_built"},
};

nlohmann::json ErrorBody(const std::string& code, const std::string& message,
                         nlohmann::json details, std::string_view key) {
  nlohmann::json error = {{"code", code}, {"message", message}, {"details", std::move(details)}};
  if (!key.empty()) error["key"] = key;
  return {{"error", std::move(error)}};
}

}  // namespace

std::string_view MessageKey(std::string_view message) {
  for (const auto& [text, key] : kMessageKeys) {
    if (text == message) return key;
  }
  return {};
}

Response InternalErrorResponse(int http_status, const std::string& detail) {
  std::string id = RandomHex(6);
  spdlog::error("{} error (请求编号 {}): {}", http_status, id, detail);
  bool unavailable = http_status == 503;
  std::string message =
      unavailable ? "服务暂时不可用，请稍后重试；如持续出现请联系管理员（请求编号 " + id + "）"
                  : "服务器内部错误，请联系管理员（请求编号 " + id + "）";
  return Json(http_status,
              ErrorBody(unavailable ? "unavailable" : "internal", message, {{"request_id", id}},
                        unavailable ? "server.unavailable" : "server.internal"));
}

Response ErrorResponse(const Status& status) {
  int http_status = HttpStatusFor(status.code());
  // A 5xx names files, SQL or hosts: the log gets it, the client a request number (review L1).
  if (http_status >= 500) return InternalErrorResponse(http_status, status.message());
  nlohmann::json details = nullptr;
  if (!status.field().empty()) details = {{"field", status.field()}};
  return Json(http_status, ErrorBody(std::string(ErrorCodeName(status.code())), status.message(),
                                     std::move(details), MessageKey(status.message())));
}

Response ErrorResponse(int http_status, const std::string& code, const std::string& message,
                       std::string_view key) {
  return Json(http_status,
              ErrorBody(code, message, nullptr, key.empty() ? MessageKey(message) : key));
}

}  // namespace duban::http
