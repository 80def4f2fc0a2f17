// The China work calendar (SPEC §4): per year, the State Council's overrides of the weekend rule
// (statutory holidays off, adjusted working days 调休补班 on), and working-day arithmetic over it.
// A year that is not loaded is never guessed: every question about it is refused.
// WorkCalendar is a value type: copy it freely; concurrent const use is thread-safe, mutation
// needs external synchronisation.
#pragma once

#include <bitset>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace duban {

// One day of a year's arrangement. `working == false`: a holiday (e.g. 国庆节), on a weekday or
// on a weekend inside a holiday period; `working == true`: an adjusted working Saturday/Sunday.
struct CalendarDay {
  Date date;
  bool working = false;
  std::string name;  // "国庆节", "国庆节补班"; may be empty

  bool operator==(const CalendarDay&) const = default;
};

class WorkCalendar {
 public:
  // The years a calendar may hold (the range ParseDate accepts).
  static constexpr int kMinYear = 1900;
  static constexpr int kMaxYear = 9999;

  // Loads `year`, replacing what was loaded for it: `days` are that year's overrides, in any
  // order; every other day is working Monday–Friday and off Saturday/Sunday. An empty `days`
  // loads a year with no holidays at all.
  // kInvalidArgument (nothing changes) when `year` is outside kMinYear..kMaxYear, or a day is
  // not a real date, lies outside `year`, appears twice, is a weekday marked working (that
  // overrides nothing), or has a name that is not UTF-8, has control characters or exceeds 64
  // characters. A weekend day marked off is accepted: it changes nothing but names the day as
  // part of a holiday period (国庆节 on a Saturday), as the State Council notices and every
  // iCalendar holiday feed list them.
  Status SetYear(int year, std::vector<CalendarDay> days);
  void RemoveYear(int year);
  bool HasYear(int year) const;
  // The loaded years, ascending.
  std::vector<int> Years() const;
  // The overrides of `year`, sorted by date; empty when the year is not loaded. The reference
  // is valid until the next SetYear/RemoveYear of that year or the calendar's destruction.
  const std::vector<CalendarDay>& Days(int year) const;

  // kInvalidArgument when `d` is not a real date; kFailedPrecondition, naming the year, when
  // its year is not loaded.
  Result<bool> IsWorkingDay(Date d) const;

  // SPEC §4, "N working days from assignment": counting starts on the first working day after
  // `assigned_on` (which itself never counts, working or not); returns the N-th working day.
  // Assigned 2026-09-30 with 5 → 2026-10-13. `assigned_on`'s own year need not be loaded.
  // kInvalidArgument when `n` is outside 1..1000 or `assigned_on` is not a real date;
  // kFailedPrecondition, naming the year, when the count runs into a year not loaded.
  Result<Date> AddWorkingDays(Date assigned_on, int n) const;

  // The number of working days d with from < d <= to; 0 when to <= from (nothing is checked
  // then). Errors as AddWorkingDays; every year from from+1 to `to` must be loaded.
  Result<int> WorkingDaysBetween(Date from, Date to) const;

 private:
  struct Year {
    std::vector<CalendarDay> days;
    std::bitset<366> working;  // by day of the year, 0 = 1 January
  };

  // The loaded year of `d`, or kFailedPrecondition naming it.
  Result<const Year*> YearOf(Date d) const;

  std::map<int, Year> years_;
};

}  // namespace duban
