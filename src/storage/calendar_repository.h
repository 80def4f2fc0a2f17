// The work calendar's overrides per year (core/calendar.h holds the rules).
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace duban {

struct CalendarDayRow {
  Date date{};
  bool working = false;
  std::string name;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  virtual Result<std::vector<int>> Years() = 0;
  virtual Result<std::vector<CalendarDayRow>> Days(int year) = 0;
  // Replaces the year's overrides and marks the year loaded.
  virtual Status ReplaceYear(int year, const std::vector<CalendarDayRow>& days) = 0;
};

}  // namespace duban
