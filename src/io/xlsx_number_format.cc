#include "io/xlsx_number_format.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/time.h"

namespace duban::io {

// Excel's built-in formats that show a date or time; 27–36 and 50–58 are the East Asian
// locale formats (in zh-CN e.g. 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分").
ValueFormat BuiltInFormat(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return ValueFormat::kDate;
  }
  if (id == 18 || id == 20 || id == 32 || id == 34 || id == 55) return ValueFormat::kTimeMinutes;
  if (id == 19 || id == 21 || id == 33 || id == 35 || id == 56) return ValueFormat::kTimeSeconds;
  return ValueFormat::kGeneral;  // includes 45–47, durations, which stay numbers
}

// Classifies a custom format code by its first section's date/time tokens, skipping quoted
// text, escaped and padding characters and [bracketed] modifiers. "m" is a month unless h or s
// is present (then minutes). Elapsed-time formats ([h]:mm) are durations and stay numbers.
ValueFormat ClassifyFormatCode(std::string_view code) {
  bool year_or_day = false, month_or_minute = false, hour = false, second = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        return ValueFormat::kGeneral;
      }
      i = close;
      continue;
    }
    switch (c) {
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        year_or_day = true;
        break;
      case 'm':
      case 'M':
        month_or_minute = true;
        break;
      case 'h':
      case 'H':
        hour = true;
        break;
      case 's':
      case 'S':
        second = true;
        break;
      default:
        break;
    }
  }
  if (year_or_day || (month_or_minute && !hour && !second)) return ValueFormat::kDate;
  if (hour || second) return second ? ValueFormat::kTimeSeconds : ValueFormat::kTimeMinutes;
  return ValueFormat::kGeneral;
}

// A number as Excel shows it in General format and the formula bar: 15 significant digits,
// no trailing zeros, positional unless very large or small.
std::string FormatGeneralNumber(double value) {
  if (value == 0) return "0";
  char buf[40];
  const auto result =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));  // -d.dddddddddddddde±XX
  std::string out;
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t e_pos = sci.find('e');
  std::string digits = std::string(1, sci[0]) + std::string(sci.substr(2, e_pos - 2));
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (exponent > 20 || exponent < -9) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    const int magnitude = exponent < 0 ? -exponent : exponent;
    out += exponent < 0 ? "E-" : "E+";
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  const size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits + std::string(int_digits - digits.size(), '0');
  } else {
    out += digits.substr(0, int_digits) + "." + digits.substr(int_digits);
  }
  return out;
}

// Day serials as Excel counts them: the 1900 system keeps Lotus' fictitious 1900-02-29
// (serial 60); the 1904 system counts from 1904-01-01. nullopt outside 1900..9999.
std::optional<std::string> FormatSerialDate(double serial, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
  const long long days = std::llround(serial * 86400.0) / 86400;
  using std::chrono::sys_days;
  sys_days day;
  if (date1904) {
    day = sys_days(std::chrono::year(1904) / 1 / 1) + std::chrono::days(days);
  } else if (days == 60) {
    return "1900-02-29";
  } else {
    day = sys_days(std::chrono::year(1899) / 12 / (days < 60 ? 31 : 30)) + std::chrono::days(days);
  }
  const Date date(day);
  if (int(date.year()) > 9999) return std::nullopt;
  return FormatDate(date);
}

std::optional<std::string> FormatSerialTime(double serial, bool with_seconds) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
  const long long seconds = std::llround(serial * 86400.0) % 86400;
  char buf[16];
  const int n = with_seconds ? std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld",
                                             seconds / 3600, seconds / 60 % 60, seconds % 60)
                             : std::snprintf(buf, sizeof buf, "%02lld:%02lld", seconds / 3600,
                                             seconds / 60 % 60);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace duban::io
