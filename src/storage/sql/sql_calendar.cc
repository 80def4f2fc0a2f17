// The work calendar's overrides in SQL, per year.
#include <string>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {

Result<std::vector<int>> SqlCalendar::Years() {
  return ReadAll<int>(c_.Query("SELECT year FROM calendar_years ORDER BY year"),
                      [](const Row& r) { return static_cast<int>(r.Int(0)); });
}

Result<std::vector<CalendarDayRow>> SqlCalendar::Days(int year) {
  std::string y = std::to_string(year);
  return ReadAll<CalendarDayRow>(c_.Query("SELECT date, working, name FROM calendar_days "
                                          "WHERE date >= ?1 AND date <= ?2 ORDER BY date",
                                          {y + "-01-01", y + "-12-31"}),
                                 [](const Row& r) {
                                   CalendarDayRow d;
                                   Columns(r).Into(d.date, d.working, d.name);
                                   return d;
                                 });
}

Status SqlCalendar::ReplaceYear(int year, const std::vector<CalendarDayRow>& days) {
  std::string y = std::to_string(year);
  DUBAN_RETURN_IF_ERROR(c_.Execute("DELETE FROM calendar_days WHERE date >= ?1 AND date <= ?2",
                                   {y + "-01-01", y + "-12-31"})
                            .status());
  for (const auto& d : days) {
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO calendar_days(date, working, name) VALUES (?1, ?2, ?3)",
                   {FormatDate(d.date), int64_t{d.working}, d.name})
            .status());
  }
  DUBAN_ASSIGN_OR_RETURN(
      Rows have, c_.Query("SELECT year FROM calendar_years WHERE year = ?1", {int64_t{year}}));
  if (have.empty()) {
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO calendar_years(year) VALUES (?1)", {int64_t{year}}).status());
  }
  return Status::Ok();
}

}  // namespace duban::sql
