#include "core/calendar.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/text.h"

namespace duban {
namespace {

using std::chrono::sys_days;

constexpr int kMaxWorkingDays = 1000;
constexpr size_t kMaxNameChars = 64;

bool IsWeekend(Date d) {
  std::chrono::weekday wd{sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

int DayOfYear(Date d) {
  return static_cast<int>((sys_days{d} - sys_days{d.year() / std::chrono::January / 1}).count());
}

Status YearNotLoaded(int year, Date needed) {
  // SPEC §4: a year without a calendar is refused, never guessed as plain Monday–Friday.
  return FailedPrecondition(std::to_string(year) + " 年的工作日历尚未加载，无法判断 " +
                            FormatDate(needed) + " 是否为工作日；请管理员导入该年的节假日安排");
}

Status BadDate(std::string_view what) {
  return InvalidArgument(std::string(what) + "不是有效的日期");
}

}  // namespace

Status WorkCalendar::SetYear(int year, std::vector<CalendarDay> days) {
  if (year < kMinYear || year > kMaxYear) {
    return InvalidArgument("工作日历的年份必须在 " + std::to_string(kMinYear) + " 到 " +
                           std::to_string(kMaxYear) + " 之间，收到 " + std::to_string(year));
  }
  Year loaded;
  std::set<int> seen;
  for (size_t i = 0; i < days.size(); ++i) {
    const CalendarDay& day = days[i];
    if (!day.date.ok()) return BadDate("第 " + std::to_string(i + 1) + " 天的日期");
    std::string label = FormatDate(day.date);
    if (int(day.date.year()) != year) {
      return InvalidArgument(label + " 不在 " + std::to_string(year) + " 年内");
    }
    if (!seen.insert(DayOfYear(day.date)).second) {
      return InvalidArgument(label + " 出现了两次");
    }
    if (day.working && !IsWeekend(day.date)) {
      return InvalidArgument(label + " 是周一至周五，本来就是工作日，不能标为调休上班");
    }
    if (!IsValidUtf8(day.name) || HasControlCharacters(day.name)) {
      return InvalidArgument(label + " 的名称不是有效的文本");
    }
    if (Utf8Length(day.name) > kMaxNameChars) {
      return InvalidArgument(label + " 的名称不能超过 " + std::to_string(kMaxNameChars) + " 个字");
    }
  }
  std::sort(days.begin(), days.end(),
            [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  Date first = std::chrono::year{year} / std::chrono::January / 1;
  Date last = std::chrono::year{year} / std::chrono::December / 31;
  for (sys_days d = sys_days{first}; d <= sys_days{last}; d += std::chrono::days{1}) {
    loaded.working[DayOfYear(Date{d})] = !IsWeekend(Date{d});
  }
  for (const CalendarDay& day : days) loaded.working[DayOfYear(day.date)] = day.working;
  loaded.days = std::move(days);
  years_[year] = std::move(loaded);
  return Status::Ok();
}

void WorkCalendar::RemoveYear(int year) { years_.erase(year); }

bool WorkCalendar::HasYear(int year) const { return years_.count(year) != 0; }

std::vector<int> WorkCalendar::Years() const {
  std::vector<int> out;
  out.reserve(years_.size());
  for (const auto& [year, unused] : years_) out.push_back(year);
  return out;
}

const std::vector<CalendarDay>& WorkCalendar::Days(int year) const {
  static const std::vector<CalendarDay> kNone;
  auto it = years_.find(year);
  return it == years_.end() ? kNone : it->second.days;
}

Result<const WorkCalendar::Year*> WorkCalendar::YearOf(Date d) const {
  auto it = years_.find(int(d.year()));
  if (it == years_.end()) return YearNotLoaded(int(d.year()), d);
  return &it->second;
}

Result<bool> WorkCalendar::IsWorkingDay(Date d) const {
  if (!d.ok()) return BadDate("日期");
  DUBAN_ASSIGN_OR_RETURN(const Year* year, YearOf(d));
  return bool(year->working[DayOfYear(d)]);
}

Result<Date> WorkCalendar::AddWorkingDays(Date assigned_on, int n) const {
  if (!assigned_on.ok()) return BadDate("交办日期");
  if (n < 1 || n > kMaxWorkingDays) {
    return InvalidArgument("工作日数必须在 1 到 " + std::to_string(kMaxWorkingDays) +
                               " 之间，收到 " + std::to_string(n),
                           "working_days");
  }
  // SPEC §4: the day of assignment never counts; the first counted day is the next working day.
  sys_days day{assigned_on};
  const Year* year = nullptr;
  int counted = 0;
  while (counted < n) {
    day += std::chrono::days{1};
    Date date{day};
    if (year == nullptr || DayOfYear(date) == 0) {
      DUBAN_ASSIGN_OR_RETURN(year, YearOf(date));
    }
    if (year->working[DayOfYear(date)]) ++counted;
  }
  return Date{day};
}

Result<int> WorkCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (!from.ok()) return BadDate("起始日期");
  if (!to.ok()) return BadDate("截止日期");
  int count = 0;
  const Year* year = nullptr;
  for (sys_days day = sys_days{from} + std::chrono::days{1}; day <= sys_days{to};
       day += std::chrono::days{1}) {
    Date date{day};
    if (year == nullptr || DayOfYear(date) == 0) {
      DUBAN_ASSIGN_OR_RETURN(year, YearOf(date));
    }
    if (year->working[DayOfYear(date)]) ++count;
  }
  return count;
}

}  // namespace duban
