// Deadlines (SPEC §4): the warning colour of an open item against its deadline, counted in
// working days of the China work calendar, and the Asia/Shanghai civil date of an instant.
// Pure functions of their arguments (the caller passes `today`); thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/calendar.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

enum class Warning { kGreen, kYellow, kRed, kSevere };

// "green", "yellow", "red", "severe" (严重超期): the JSON and storage form.
std::string_view WarningName(Warning warning);
// The inverse of WarningName; exact, lower case; nullopt for anything else.
std::optional<Warning> ParseWarning(std::string_view name);

struct WarningPolicy {
  int yellow_working_days = 3;   // N of SPEC §4
  int severe_working_days = 10;  // M of SPEC §4
};

// The colour of an item due at the end of `deadline` (Shanghai) seen on `today` (Shanghai).
// Working days are counted like WorkCalendar::WorkingDaysBetween, never counting `today`'s
// own working hours as remaining:
//   today <= deadline: remaining = working days d with today < d <= deadline
//     (so today == deadline leaves 0 remaining);
//     kYellow when remaining <= yellow_working_days, else kGreen.
//     With the defaults: 4 remaining → green, 3..0 → yellow.
//   today > deadline: overdue = working days d with deadline < d <= today (today counts);
//     kSevere when overdue > severe_working_days, else kRed — also when overdue is 0, e.g. a
//     Friday deadline seen on the Saturday after.
//     With the defaults: 1..10 working days overdue → red, 11 or more → severe.
// Only the days needed to decide are looked at (counting stops past the threshold), so a far
// deadline in a year not yet loaded is green as long as enough working days are known.
// kInvalidArgument when a date is not real or a policy value is negative; kFailedPrecondition,
// naming the year, when the decision needs a year the calendar does not have.
Result<Warning> ComputeWarning(const WorkCalendar& calendar, Date deadline, Date today,
                               const WarningPolicy& policy);

// The civil date in Asia/Shanghai (UTC+8 all year; China has had no DST since 1991) of `t`:
// 2026-09-30T15:59:59.999999Z → 2026-09-30, 2026-09-30T16:00:00Z → 2026-10-01.
Date ShanghaiDate(Instant t);
// The last microsecond of Shanghai date `d`, 23:59:59.999999+08:00 (15:59:59.999999Z): the
// deadline instant of SPEC §4. An item is overdue at instants strictly after it, so
// ShanghaiDate(EndOfShanghaiDay(d)) == d. Precondition: d.ok().
Instant EndOfShanghaiDay(Date d);

}  // namespace duban
