// The one mapping from an error to an HTTP answer (STYLE "Errors"): an ErrorCode to its status,
// and the SPEC §9 error body. Pure functions apart from the log line of a 5xx; thread-safe.
#pragma once

#include <string>

#include "core/status.h"
#include "http/message.h"

namespace duban::http {

// Maps an error code to its HTTP status: the one switch of the API.
int HttpStatusFor(ErrorCode code);
// The SPEC §9 error body for a status, with the field in details when there is one.
Response ErrorResponse(const Status& status);
Response ErrorResponse(int http_status, const std::string& code, const std::string& message);
// A 5xx whose cause is internal (review L1): the client gets a generic message with a request
// number; `detail` goes to the log under that number only.
Response InternalErrorResponse(int http_status, const std::string& detail);

}  // namespace duban::http
