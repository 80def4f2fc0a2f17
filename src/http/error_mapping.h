// The one mapping from an error to an HTTP answer (STYLE "Errors"): an ErrorCode to its status,
// and the SPEC §9 error body. Pure functions apart from the log line of a 5xx; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace duban::http {

// Maps an error code to its HTTP status: the one switch of the API.
int HttpStatusFor(ErrorCode code);
// The stable key of a known fixed message ("session.expired" for "未登录或会话已过期"), so a
// client can show the sentence in its own language (docs/API-LOOP.md "Errors"); empty for
// any other message, including a fixed one with context added in front.
std::string_view MessageKey(std::string_view message);

// The SPEC §9 error body for a status: {"error": {"code", "message", "details"}}, with the
// field in details when there is one, and "key" (MessageKey) when the message has one.
Response ErrorResponse(const Status& status);
// The same body for the API's own refusals; `key` names a message whose text varies (the
// path, the methods allowed), else MessageKey(message) is used.
Response ErrorResponse(int http_status, const std::string& code, const std::string& message,
                       std::string_view key = {});
// A 5xx whose cause is internal (review L1): the client gets a generic message with a request
// number; `detail` goes to the log under that number only.
Response InternalErrorResponse(int http_status, const std::string& detail);

}  // namespace duban::http
