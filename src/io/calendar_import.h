// Reading work calendars (SPEC §4) from files: our JSON format, a plain JSON list of days, and
// iCalendar (.ics); and the China calendar shipped inside the binary (share/calendar/cn.json).
// Pure functions of their input, no I/O; thread-safe. Written to be fuzzed: any input gives a
// value or kInvalidArgument, never a crash, an exception or unbounded work.
#pragma once

#include <map>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"

namespace duban {

// Days by year, each year's days sorted by date. Every year in it loads into
// WorkCalendar::SetYear without error (the parsers check that before returning).
using CalendarYears = std::map<int, std::vector<CalendarDay>>;

// Reads either
//   (a) our format: {"source": "...", "years": {"2026": [DAY, ...], ...}} — "source" optional,
//       other top-level keys ignored; a year may list no days (a year without holidays);
//   (b) a list of days [DAY, ...], grouped by the year of each date;
// where DAY is {"date": "YYYY-MM-DD", "working": true|false, "name": "国庆节"} ("name" optional,
// default empty; other keys ignored). Input is at most 16 MiB, nested at most 16 deep.
// kInvalidArgument, naming the element (`years.2026[3].date`) and what is wrong, for malformed
// JSON (with its byte offset), a missing or mistyped field, a date outside its year's key, an
// empty calendar (no years, no days), and anything WorkCalendar::SetYear refuses (a day twice,
// a weekday marked working...).
Result<CalendarYears> ParseCalendarJson(std::string_view text);

// Reads an iCalendar file (RFC 5545): CRLF or LF line ends, folded lines (a line starting with a
// space or tab continues the previous one), an optional UTF-8 byte order mark. Every VEVENT
// inside a VCALENDAR names days:
//   - DTSTART must be a date (DTSTART;VALUE=DATE:20261001 or a bare 8-digit date); date-times
//     are refused rather than guessed into a time zone. RRULE/RDATE are refused.
//   - The event covers DTSTART up to DTEND exclusive (DTEND;VALUE=DATE:20261008 → 1–7 Oct), or
//     DURATION P<n>D / P<n>W, or one day when neither is given; at most 366 days.
//   - Working or off: X-APPLE-SPECIAL-DAY decides when present (ALTERNATE-WORKDAY → working,
//     WORK-HOLIDAY → off), as Apple's and chinese-days' feeds mark it. Otherwise the SUMMARY
//     decides: it means a working day when it contains 班 (补班, 上班, "(班)") or, in any case,
//     "working", "workday" or "work day"; every other SUMMARY means a holiday.
//   - The day's name is the SUMMARY, unescaped and trimmed. A VEVENT without SUMMARY is refused.
//   - Two events may name the same day only if they agree on working/off (the first name wins).
// Other components (VTIMEZONE, VALARM...) and properties are skipped.
// kInvalidArgument naming the line and what is wrong: an empty file, no VCALENDAR or no VEVENT,
// BEGIN/END that do not pair up (a missing END:VEVENT names the line of its BEGIN), malformed
// or missing dates, DTEND not after DTSTART, conflicting events, and anything
// WorkCalendar::SetYear refuses.
Result<CalendarYears> ParseCalendarIcs(std::string_view text);

// share/calendar/cn.json as embedded at build time: every year the State Council has published
// that the shipped data covers. Valid for the life of the program.
std::string_view ShippedCalendarJson();
// ShippedCalendarJson() parsed. kInternal if the embedded file does not parse (a build defect).
Result<CalendarYears> ShippedCalendar();

}  // namespace duban
