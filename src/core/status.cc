#include "core/status.h"

#include "core/enum_names.h"

namespace duban {

namespace {

constexpr auto kErrorCodes = MakeEnumNames<ErrorCode>({
    {ErrorCode::kOk, "ok"},
    {ErrorCode::kInvalidArgument, "invalid_argument"},
    {ErrorCode::kNotFound, "not_found"},
    {ErrorCode::kAlreadyExists, "already_exists"},
    {ErrorCode::kPermissionDenied, "permission_denied"},
    {ErrorCode::kUnauthenticated, "unauthenticated"},
    {ErrorCode::kFailedPrecondition, "failed_precondition"},
    {ErrorCode::kResourceExhausted, "resource_exhausted"},
    {ErrorCode::kAborted, "aborted"},
    {ErrorCode::kUnavailable, "unavailable"},
    {ErrorCode::kInternal, "internal"},
});
// kInternal is the last code: a code added after it must be named here too.
static_assert(kErrorCodes.IsInOrder() &&
              kErrorCodes.size() == static_cast<size_t>(ErrorCode::kInternal) + 1);

}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return kErrorCodes.Name(code); }

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
