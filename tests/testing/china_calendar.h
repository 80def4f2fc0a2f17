// The China work calendars of 2025 and 2026 as literal tables, shared by the core tests (which
// may not read files) and the io test that proves share/calendar/cn.json says the same.
// 2025 (国办发明电〔2024〕12号): 元旦 1/1; 春节 1/28–2/4, work 1/26 (Sun) and 2/8 (Sat);
// 清明 4/4–4/6; 劳动节 5/1–5/5, work 4/27 (Sun); 端午 5/31–6/2; 国庆节·中秋节 10/1–10/8, work 9/28
// (Sun) and 10/11 (Sat).
// 2026: 元旦 1/1–1/3, work 1/4 (Sun); 春节 2/15–2/23, work 2/14 and 2/28 (Sat); 清明 4/4–4/6;
// 劳动节 5/1–5/5, work 5/9 (Sat); 端午 6/19–6/21; 中秋 9/25–9/27; 国庆节 10/1–10/7, work 9/20
// (Sun) and 10/10 (Sat).
// Immutable data; thread-safe.
#pragma once

#include <cstdlib>
#include <span>
#include <vector>

#include "core/calendar.h"

namespace duban::testing {

struct CalendarRow {
  const char* date;
  bool working;
  const char* name;
};

// The 2025 overrides (国务院办公厅 notice for 2025), as shipped in share/calendar/cn.json.
inline const CalendarRow kChina2025[] = {
    {"2025-01-01", false, "元旦"},      {"2025-01-26", true, "春节补班"},
    {"2025-01-28", false, "春节"},      {"2025-01-29", false, "春节"},
    {"2025-01-30", false, "春节"},      {"2025-01-31", false, "春节"},
    {"2025-02-01", false, "春节"},      {"2025-02-02", false, "春节"},
    {"2025-02-03", false, "春节"},      {"2025-02-04", false, "春节"},
    {"2025-02-08", true, "春节补班"},   {"2025-04-04", false, "清明节"},
    {"2025-04-05", false, "清明节"},    {"2025-04-06", false, "清明节"},
    {"2025-04-27", true, "劳动节补班"}, {"2025-05-01", false, "劳动节"},
    {"2025-05-02", false, "劳动节"},    {"2025-05-03", false, "劳动节"},
    {"2025-05-04", false, "劳动节"},    {"2025-05-05", false, "劳动节"},
    {"2025-05-31", false, "端午节"},    {"2025-06-01", false, "端午节"},
    {"2025-06-02", false, "端午节"},    {"2025-09-28", true, "国庆节补班"},
    {"2025-10-01", false, "国庆节"},    {"2025-10-02", false, "国庆节"},
    {"2025-10-03", false, "国庆节"},    {"2025-10-04", false, "国庆节"},
    {"2025-10-05", false, "国庆节"},    {"2025-10-06", false, "中秋节"},
    {"2025-10-07", false, "国庆节"},    {"2025-10-08", false, "国庆节"},
    {"2025-10-11", true, "国庆节补班"},
};

// The 2026 overrides (国务院办公厅 notice for 2026), as shipped in share/calendar/cn.json.
inline const CalendarRow kChina2026[] = {
    {"2026-01-01", false, "元旦"},      {"2026-01-02", false, "元旦"},
    {"2026-01-03", false, "元旦"},      {"2026-01-04", true, "元旦补班"},
    {"2026-02-14", true, "春节补班"},   {"2026-02-15", false, "春节"},
    {"2026-02-16", false, "春节"},      {"2026-02-17", false, "春节"},
    {"2026-02-18", false, "春节"},      {"2026-02-19", false, "春节"},
    {"2026-02-20", false, "春节"},      {"2026-02-21", false, "春节"},
    {"2026-02-22", false, "春节"},      {"2026-02-23", false, "春节"},
    {"2026-02-28", true, "春节补班"},   {"2026-04-04", false, "清明节"},
    {"2026-04-05", false, "清明节"},    {"2026-04-06", false, "清明节"},
    {"2026-05-01", false, "劳动节"},    {"2026-05-02", false, "劳动节"},
    {"2026-05-03", false, "劳动节"},    {"2026-05-04", false, "劳动节"},
    {"2026-05-05", false, "劳动节"},    {"2026-05-09", true, "劳动节补班"},
    {"2026-06-19", false, "端午节"},    {"2026-06-20", false, "端午节"},
    {"2026-06-21", false, "端午节"},    {"2026-09-20", true, "国庆节补班"},
    {"2026-09-25", false, "中秋节"},    {"2026-09-26", false, "中秋节"},
    {"2026-09-27", false, "中秋节"},    {"2026-10-01", false, "国庆节"},
    {"2026-10-02", false, "国庆节"},    {"2026-10-03", false, "国庆节"},
    {"2026-10-04", false, "国庆节"},    {"2026-10-05", false, "国庆节"},
    {"2026-10-06", false, "国庆节"},    {"2026-10-07", false, "国庆节"},
    {"2026-10-10", true, "国庆节补班"},
};

inline std::vector<CalendarDay> CalendarDays(std::span<const CalendarRow> rows) {
  std::vector<CalendarDay> days;
  for (const CalendarRow& row : rows) days.push_back({*ParseDate(row.date), row.working, row.name});
  return days;
}

// A calendar holding exactly 2025 and 2026.
inline WorkCalendar ChinaCalendar2025And2026() {
  WorkCalendar calendar;
  Status s2025 = calendar.SetYear(2025, CalendarDays(kChina2025));
  Status s2026 = calendar.SetYear(2026, CalendarDays(kChina2026));
  if (!s2025.ok() || !s2026.ok()) std::abort();
  return calendar;
}

}  // namespace duban::testing
