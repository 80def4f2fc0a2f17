// The work calendar's overrides in SQL, per year.
#include <string>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {

Result<std::vector<int>> SqlCalendar::Years() {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT year FROM calendar_years ORDER BY year"));
  std::vector<int> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(static_cast<int>(rows[i].Int(0)));
  return out;
}

Result<std::vector<CalendarDayRow>> SqlCalendar::Days(int year) {
  std::string y = std::to_string(year);
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT date, working, name FROM calendar_days "
                                             "WHERE date >= ?1 AND date <= ?2 ORDER BY date",
                                             {y + "-01-01", y + "-12-31"}));
  std::vector<CalendarDayRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(
        {ParseDate(rows[i].Text(0)).value_or(Date{}), rows[i].Int(1) != 0, rows[i].Text(2)});
  }
  return out;
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
