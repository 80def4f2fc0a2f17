// Instants, civil dates and the Clock seam. Rules take `now` as a value; services hold a Clock&.
// All functions are pure and thread-safe; Clock implementations must be thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duban {

// A moment in UTC with microsecond precision. Stored as microseconds since the Unix epoch.
using Instant = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;
using Date = std::chrono::year_month_day;

int64_t ToUnixMicros(Instant t);
Instant FromUnixMicros(int64_t micros);

// RFC 3339 in UTC: "2026-11-23T05:00:00Z", with ".ffffff" only when there are microseconds.
std::string FormatRfc3339(Instant t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)"; nullopt when malformed or out of range.
std::optional<Instant> ParseRfc3339(std::string_view text);

// "YYYY-MM-DD".
std::string FormatDate(Date d);
// Accepts exactly "YYYY-MM-DD" naming a real day of years 1900..9999.
std::optional<Date> ParseDate(std::string_view text);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

}  // namespace duban
