#include "core/deadline.h"

#include <cassert>
#include <chrono>

#include "core/enum_names.h"

namespace duban {
namespace {

using std::chrono::sys_days;

constexpr std::chrono::hours kShanghaiOffset{8};

// Working days d with from < d <= to, counting no further than cap + 1: enough to compare with
// `cap`, without needing years past that point.
Result<int> CountWorkingDaysUpTo(const WorkCalendar& calendar, Date from, Date to, int cap) {
  int count = 0;
  for (sys_days day = sys_days{from} + std::chrono::days{1}; day <= sys_days{to} && count <= cap;
       day += std::chrono::days{1}) {
    DUBAN_ASSIGN_OR_RETURN(bool working, calendar.IsWorkingDay(Date{day}));
    if (working) ++count;
  }
  return count;
}

constexpr auto kWarnings = MakeEnumNames<Warning>({{Warning::kGreen, "green"},
                                                   {Warning::kYellow, "yellow"},
                                                   {Warning::kRed, "red"},
                                                   {Warning::kSevere, "severe"}});
static_assert(kWarnings.IsInOrder());

}  // namespace

std::string_view WarningName(Warning warning) { return kWarnings.Name(warning); }
std::optional<Warning> ParseWarning(std::string_view name) { return kWarnings.Parse(name); }

Result<Warning> ComputeWarning(const WorkCalendar& calendar, Date deadline, Date today,
                               const WarningPolicy& policy) {
  if (!deadline.ok()) return InvalidArgument("截止日期不是有效的日期", "deadline");
  if (!today.ok()) return InvalidArgument("当前日期不是有效的日期", "today");
  if (policy.yellow_working_days < 0 || policy.severe_working_days < 0) {
    return InvalidArgument("预警天数不能为负数");
  }
  if (today <= deadline) {
    DUBAN_ASSIGN_OR_RETURN(
        int remaining, CountWorkingDaysUpTo(calendar, today, deadline, policy.yellow_working_days));
    return remaining <= policy.yellow_working_days ? Warning::kYellow : Warning::kGreen;
  }
  DUBAN_ASSIGN_OR_RETURN(
      int overdue, CountWorkingDaysUpTo(calendar, deadline, today, policy.severe_working_days));
  return overdue > policy.severe_working_days ? Warning::kSevere : Warning::kRed;
}

Date ShanghaiDate(Instant t) {
  return Date{std::chrono::floor<std::chrono::days>(t + kShanghaiOffset)};
}

Instant EndOfShanghaiDay(Date d) {
  assert(d.ok());
  auto next_midnight_utc = sys_days{d} + std::chrono::days{1} - kShanghaiOffset;
  return std::chrono::time_point_cast<std::chrono::microseconds>(next_midnight_utc) -
         std::chrono::microseconds{1};
}

}  // namespace duban
