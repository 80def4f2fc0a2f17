// Status and Result<T>: how every layer of Duban reports an expected failure.
// Values are immutable once built and safe to copy between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace duban {

// The one closed set of error kinds. Each edge (HTTP, CLI) maps it once, exhaustively.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // the input is malformed or breaks a rule; nothing changed
  kNotFound,            // no such thing, or not in the caller's scope
  kAlreadyExists,       // a unique key is taken
  kPermissionDenied,    // the caller's role does not allow it
  kUnauthenticated,     // no valid session or wrong credentials
  kFailedPrecondition,  // the state forbids it now (e.g. closing with open children)
  kResourceExhausted,   // throttled, locked out, or over a size limit
  kAborted,             // a concurrent change won; the caller may retry
  kUnavailable,         // a dependency (database, disk) is down; retry later
  kInternal,            // a bug or corrupted data
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Field or location the error refers to ("password", "row 12"), empty when not specific.
  const std::string& field() const { return field_; }

  // Returns a copy whose message starts with `context: `, used as errors cross a layer.
  Status WithContext(std::string_view context) const;
  Status WithField(std::string field) const;
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

Status InvalidArgument(std::string message, std::string field = {});
Status NotFound(std::string message);
Status AlreadyExists(std::string message, std::string field = {});
Status PermissionDenied(std::string message);
Status Unauthenticated(std::string message);
Status FailedPrecondition(std::string message);
Status ResourceExhausted(std::string message);
Status Aborted(std::string message);
Status Unavailable(std::string message);
Status Internal(std::string message);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "a Result needs a value or an error");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T value_or(T fallback) const& {
    if (ok()) return *value_;
    return fallback;  // moved: `ok() ? *value_ : std::move(fallback)` copied it
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace duban

#define DUBAN_CONCAT_INNER(a, b) a##b
#define DUBAN_CONCAT(a, b) DUBAN_CONCAT_INNER(a, b)

// The macros' `tmp` names the variable they declare and `lhs` is a declaration ("auto x"):
// neither can be parenthesised, so bugprone-macro-parentheses does not apply to them.
// NOLINTBEGIN(bugprone-macro-parentheses)
// Propagates a failed Status out of the current function.
#define DUBAN_RETURN_IF_ERROR(expr) \
  DUBAN_RETURN_IF_ERROR_IMPL(DUBAN_CONCAT(duban_status_, __LINE__), expr)
#define DUBAN_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                        \
    ::duban::Status tmp = (expr);             \
    if (!tmp.ok()) return tmp;                \
  } while (false)

// `DUBAN_ASSIGN_OR_RETURN(auto x, Fn());` binds the value or returns the error.
#define DUBAN_ASSIGN_OR_RETURN(lhs, expr) \
  DUBAN_ASSIGN_OR_RETURN_IMPL(DUBAN_CONCAT(duban_result_, __LINE__), lhs, expr)
#define DUBAN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
