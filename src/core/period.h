// Reporting periods of bulletins and assessments (SPEC §6, §7): a year "2026", a month "2026-10", a
// quarter "2026-Q3", an ISO week "2026-W44", or custom "2026-10-01..2026-10-31", as a range of
// Shanghai dates. Pure functions; thread-safe. (Rates print with FormatPercent of
// core/assessment.h.)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace duban {

struct Period {
  std::string kind;   // year | month | quarter | week | custom
  std::string spec;   // as given, normalised
  std::string label;  // "2026年度", "2026年10月", "2026年第三季度", "2026年第44周",
                      // "2026年10月1日至10月31日"
  Date from{};
  Date to{};  // inclusive
};

// kInvalidArgument naming what is wrong ("2026-13", "2026-Q5", a custom range ending before it
// starts or longer than 366 days).
Result<Period> ParsePeriod(std::string_view spec);

// The period of `kind` (year, quarter, month or week) that holds date `d`; kInvalidArgument
// for another kind.
Result<Period> PeriodContaining(std::string_view kind, Date d);

// The newest period of `kind` whose end lies at least `delay_days` + 1 days before `today`:
// the one a schedule issues on `today` (month, delay 1: October from 2 November on).
Result<Period> LastEndedPeriod(std::string_view kind, Date today, int delay_days);

}  // namespace duban
