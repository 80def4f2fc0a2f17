#include "core/status.h"

namespace duban {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kAborted:
      return "aborted";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  Status s = *this;
  s.message_ = std::string(context) + ": " + message_;
  return s;
}

Status Status::WithField(std::string field) const {
  Status s = *this;
  s.field_ = std::move(field);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(ErrorCodeName(code_)) + ": " + message_;
}

Status InvalidArgument(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message)).WithField(std::move(field));
}
Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
Status AlreadyExists(std::string message, std::string field) {
  return Status(ErrorCode::kAlreadyExists, std::move(message)).WithField(std::move(field));
}
Status PermissionDenied(std::string message) {
  return {ErrorCode::kPermissionDenied, std::move(message)};
}
Status Unauthenticated(std::string message) {
  return {ErrorCode::kUnauthenticated, std::move(message)};
}
Status FailedPrecondition(std::string message) {
  return {ErrorCode::kFailedPrecondition, std::move(message)};
}
Status ResourceExhausted(std::string message) {
  return {ErrorCode::kResourceExhausted, std::move(message)};
}
Status Aborted(std::string message) { return {ErrorCode::kAborted, std::move(message)}; }
Status Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message)}; }
Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

}  // namespace duban
