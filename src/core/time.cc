#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace duban {
namespace {

bool ParseFixedInt(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

int64_t ToUnixMicros(Instant t) { return t.time_since_epoch().count(); }

Instant FromUnixMicros(int64_t micros) { return Instant(std::chrono::microseconds(micros)); }

std::string FormatRfc3339(Instant t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd(day);
  hh_mm_ss<microseconds> tod(t - day);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                        unsigned(ymd.month()), unsigned(ymd.day()), int(tod.hours().count()),
                        int(tod.minutes().count()), int(tod.seconds().count()));
  std::string out(buf, n);
  if (auto us = tod.subseconds().count(); us != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(us));
    out += buf;
  }
  out += 'Z';
  return out;
}

std::optional<Instant> ParseRfc3339(std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return std::nullopt;
  }
  auto date = ParseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  int h, m, s;
  if (!ParseFixedInt(text, 11, 2, h) || text[13] != ':' || !ParseFixedInt(text, 14, 2, m) ||
      text[16] != ':' || !ParseFixedInt(text, 17, 2, s)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  size_t pos = 19;
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!ParseFixedInt(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ParseFixedInt(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  auto t = sys_days(*date) + hours(h) + minutes(m) + seconds(s) + microseconds(micros) -
           minutes(offset_minutes);
  return time_point_cast<microseconds>(t);
}

std::string FormatDate(Date d) {
  char buf[16];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                        unsigned(d.day()));
  return std::string(buf, n);
}

std::optional<Date> ParseDate(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseFixedInt(text, 0, 4, y) ||
      !ParseFixedInt(text, 5, 2, m) || !ParseFixedInt(text, 8, 2, d)) {
    return std::nullopt;
  }
  Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
            std::chrono::day(static_cast<unsigned>(d))};
  if (y < 1900 || !date.ok()) return std::nullopt;
  return date;
}

}  // namespace duban
