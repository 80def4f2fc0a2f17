#include "app/calendar_service.h"

#include <algorithm>

#include "core/permission.h"

namespace duban {
namespace {

std::vector<CalendarDay> ToDays(const std::vector<CalendarDayRow>& rows) {
  std::vector<CalendarDay> out;
  for (const auto& r : rows) out.push_back({r.date, r.working, r.name});
  return out;
}

}  // namespace

Status CalendarService::Load() {
  auto calendar = std::make_shared<WorkCalendar>();
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(std::vector<int> years, tx.calendar().Years());
    for (int y : years) {
      DUBAN_ASSIGN_OR_RETURN(auto rows, tx.calendar().Days(y));
      DUBAN_RETURN_IF_ERROR(
          calendar->SetYear(y, ToDays(rows)).WithContext(std::to_string(y) + " 年"));
    }
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  calendar_ = std::move(calendar);
  return Status::Ok();
}

std::shared_ptr<const WorkCalendar> CalendarService::Snapshot() const {
  std::lock_guard lock(mu_);
  return calendar_;
}

Result<std::vector<int>> CalendarService::Years() const { return Snapshot()->Years(); }

std::pair<bool, std::vector<CalendarDay>> CalendarService::Year(int year) const {
  auto cal = Snapshot();
  return {cal->HasYear(year), cal->Days(year)};
}

Status CalendarService::ReplaceYears(const Caller& caller,
                                     const std::map<int, std::vector<CalendarDay>>& years,
                                     const std::string& action) {
  // The calendar is the whole system's: only an admin of a top-level unit may change it.
  bool top_level = std::count(caller.unit_path.begin(), caller.unit_path.end(), '/') <= 2;
  if (!May(caller.roles, Capability::kCalendarManage) || !top_level) {
    return PermissionDenied("只有最高层级单位的系统管理员可以修改工作日历");
  }
  if (years.empty()) return InvalidArgument("没有要导入的日期");
  // Validate every year on a copy before anything is written.
  auto next = std::make_shared<WorkCalendar>(*Snapshot());
  for (const auto& [year, days] : years) {
    if (year < 1990 || year > 2100)
      return InvalidArgument("年份 " + std::to_string(year) + " 超出范围");
    DUBAN_RETURN_IF_ERROR(next->SetYear(year, days).WithContext(std::to_string(year) + " 年"));
  }
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    CalendarSnapshot summary;
    for (const auto& [year, days] : years) {
      std::vector<CalendarDayRow> rows;
      for (const auto& d : days) rows.push_back({d.date, d.working, d.name});
      DUBAN_RETURN_IF_ERROR(tx.calendar().ReplaceYear(year, rows));
      summary.days_per_year[std::to_string(year)] = static_cast<int64_t>(days.size());
    }
    return audit_.Append(tx, caller,
                         {action, "calendar", "", caller.unit_id, caller.unit_path, {}, summary});
  }));
  std::lock_guard lock(mu_);
  calendar_ = std::move(next);
  return Status::Ok();
}

Result<Date> CalendarService::Deadline(Date from, int working_days) const {
  return Snapshot()->AddWorkingDays(from, working_days);
}

Result<WarningCutoffs> CalendarService::Cutoffs(Date today, const WarningPolicy& policy) const {
  auto cal = Snapshot();
  WarningCutoffs c;
  c.today = today;
  // Yellow while at most N working days remain after today: up to the day before the
  // (N+1)-th working day after today.
  DUBAN_ASSIGN_OR_RETURN(Date beyond, cal->AddWorkingDays(today, policy.yellow_working_days + 1));
  c.yellow_until = std::chrono::sys_days(beyond) - std::chrono::days(1);
  // Severe when more than M working days in (deadline, today]: the deadline lies before the
  // (M+1)-th working day counted back from today (today included).
  Date d = today;
  int found = 0;
  for (int guard = 0; guard < 4000; ++guard) {
    DUBAN_ASSIGN_OR_RETURN(bool working, cal->IsWorkingDay(d));
    if (working && ++found == policy.severe_working_days + 1) break;
    d = std::chrono::sys_days(d) - std::chrono::days(1);
  }
  c.severe_before = d;
  return c;
}

}  // namespace duban
