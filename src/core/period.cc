#include "core/period.h"

#include <charconv>
#include <cstdio>

namespace duban {
namespace {

using namespace std::chrono;

std::optional<int> Int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string Chinese(Date d, bool with_year) {
  char buf[48];
  if (with_year) {
    std::snprintf(buf, sizeof buf, "%d年%u月%u日", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
  } else {
    std::snprintf(buf, sizeof buf, "%u月%u日", unsigned(d.month()), unsigned(d.day()));
  }
  return buf;
}

}  // namespace

Result<Period> ParsePeriod(std::string_view spec) {
  Period p;
  p.spec = std::string(spec);
  auto bad = [&](const std::string& why) {
    return InvalidArgument(
        "期间 \"" + std::string(spec) + "\" 无效：" + why +
            "（可填 2026、2026-10、2026-Q3、2026-W44 或 2026-10-01..2026-10-31）",
        "period");
  };
  if (auto dots = spec.find(".."); dots != std::string_view::npos) {
    auto from = ParseDate(spec.substr(0, dots)), to = ParseDate(spec.substr(dots + 2));
    if (!from || !to) return bad("日期格式应为 YYYY-MM-DD");
    if (*to < *from) return bad("结束早于开始");
    if ((sys_days(*to) - sys_days(*from)).count() > 366) return bad("不能超过 366 天");
    p.kind = "custom";
    p.from = *from;
    p.to = *to;
    p.label = Chinese(*from, true) + "至" + Chinese(*to, from->year() != to->year());
    return p;
  }
  if (spec.size() == 4) {  // a year: assessment's annual 年度考核
    auto y = Int(spec);
    if (!y || *y < 1990 || *y > 2100) return bad("年份不对");
    p.kind = "year";
    p.from = year_month_day{std::chrono::year(*y), January, day(1)};
    p.to = year_month_day{std::chrono::year(*y), December, day(31)};
    p.label = std::to_string(*y) + "年度";
    return p;
  }
  if (spec.size() < 6 || spec[4] != '-') return bad("格式不对");
  auto year = Int(spec.substr(0, 4));
  if (!year || *year < 1990 || *year > 2100) return bad("年份不对");
  std::string_view rest = spec.substr(5);
  if (!rest.empty() && (rest[0] == 'Q' || rest[0] == 'q')) {
    auto q = Int(rest.substr(1));
    if (!q || *q < 1 || *q > 4) return bad("季度须为 Q1 到 Q4");
    static const char* kNames[] = {"一", "二", "三", "四"};
    p.kind = "quarter";
    p.from = year_month_day{std::chrono::year(*year), month(unsigned(3 * *q - 2)), day(1)};
    p.to = year_month_day_last{std::chrono::year(*year), month_day_last{month(unsigned(3 * *q))}};
    p.label = std::to_string(*year) + "年第" + kNames[*q - 1] + "季度";
    return p;
  }
  if (!rest.empty() && (rest[0] == 'W' || rest[0] == 'w')) {
    auto w = Int(rest.substr(1));
    if (!w || *w < 1 || *w > 53) return bad("周次须为 W1 到 W53");
    // ISO 8601: week 1 holds the year's first Thursday; weeks start on Monday.
    sys_days jan4 = sys_days(year_month_day{std::chrono::year(*year), January, day(4)});
    sys_days monday = jan4 - days((weekday(jan4).iso_encoding() - 1));
    sys_days start = monday + days(7 * (*w - 1));
    if (*w == 53 && year_month_day(start + days(3)).year() != std::chrono::year(*year)) {
      return bad(std::to_string(*year) + " 年没有第 53 周");
    }
    p.kind = "week";
    p.from = year_month_day(start);
    p.to = year_month_day(start + days(6));
    p.label = std::to_string(*year) + "年第" + std::to_string(*w) + "周";
    return p;
  }
  auto m = Int(rest);
  if (!m || *m < 1 || *m > 12 || rest.size() != 2) return bad("月份须为 01 到 12");
  p.kind = "month";
  p.from = year_month_day{std::chrono::year(*year), month(unsigned(*m)), day(1)};
  p.to = year_month_day_last{std::chrono::year(*year), month_day_last{month(unsigned(*m))}};
  p.label = std::to_string(*year) + "年" + std::to_string(*m) + "月";
  return p;
}

Result<Period> PeriodContaining(std::string_view kind, Date d) {
  const int y = int(d.year());
  const unsigned m = unsigned(d.month());
  char spec[32];
  if (kind == "year") {
    std::snprintf(spec, sizeof spec, "%04d", y);
  } else if (kind == "quarter") {
    std::snprintf(spec, sizeof spec, "%04d-Q%u", y, (m - 1) / 3 + 1);
  } else if (kind == "month") {
    std::snprintf(spec, sizeof spec, "%04d-%02u", y, m);
  } else if (kind == "week") {
    // ISO 8601: the week's Thursday decides its year.
    sys_days day_of = sys_days(d);
    sys_days thursday = day_of + days(4 - int(weekday(day_of).iso_encoding()));
    int iso_year = int(year_month_day(thursday).year());
    sys_days jan1 = sys_days(year_month_day{std::chrono::year(iso_year), January, day(1)});
    int week = int((thursday - jan1).count() / 7) + 1;
    std::snprintf(spec, sizeof spec, "%04d-W%02d", iso_year, week);
  } else {
    return InvalidArgument(
        "期间类型 \"" + std::string(kind) + "\" 无效（可填 week、month、quarter、year）", "kind");
  }
  return ParsePeriod(spec);
}

Result<Period> LastEndedPeriod(std::string_view kind, Date today, int delay_days) {
  Date last_day = year_month_day(sys_days(today) - days(1 + delay_days));
  DUBAN_ASSIGN_OR_RETURN(Period p, PeriodContaining(kind, last_day));
  if (p.to <= last_day) return p;
  return PeriodContaining(kind, year_month_day(sys_days(p.from) - days(1)));
}

}  // namespace duban
