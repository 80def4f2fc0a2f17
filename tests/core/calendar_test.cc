#include "core/calendar.h"

#include <gtest/gtest.h>

#include "testing/china_calendar.h"

namespace duban {
namespace {

using testing::CalendarDays;
using testing::ChinaCalendar2025And2026;

Date D(const char* text) { return *ParseDate(text); }

TEST(WorkCalendarTest, AddWorkingDaysAcrossEveryHolidayPeriodOf2025And2026) {
  struct Case {
    const char* assigned_on;
    int n;
    const char* due_on;
  };
  // Around each period: assigned the day before, on the first day, inside, on the last day, on
  // and just before each adjusted working day. Weekdays in the comments (一 = Monday).
  const Case cases[] = {
      // 2025 元旦 1/1. 2024 is not loaded, but assigning on its last day needs only 2025.
      {"2024-12-31", 1, "2025-01-02"},  // 二 → 四
      {"2025-01-01", 1, "2025-01-02"},  // 三 → 四
      {"2025-01-01", 3, "2025-01-06"},  // 三 → 一
      // 2025 春节 1/28–2/4; 1/26 (日) and 2/8 (六) are working.
      {"2025-01-24", 1, "2025-01-26"},  // 五 → 日 (补班)
      {"2025-01-25", 1, "2025-01-26"},  // 六 → 日
      {"2025-01-26", 1, "2025-01-27"},  // 日 (补班) → 一
      {"2025-01-27", 1, "2025-02-05"},  // the day before → 三
      {"2025-01-28", 1, "2025-02-05"},  // first day
      {"2025-01-31", 1, "2025-02-05"},  // inside
      {"2025-02-04", 1, "2025-02-05"},  // last day
      {"2025-02-04", 5, "2025-02-10"},  // 三四五六(补班) 一
      {"2025-02-07", 1, "2025-02-08"},  // 五 → 六 (补班)
      {"2025-02-08", 1, "2025-02-10"},  // 六 (补班) → 一
      // 2025 清明 4/4–4/6.
      {"2025-04-03", 1, "2025-04-07"},
      {"2025-04-04", 1, "2025-04-07"},
      {"2025-04-05", 1, "2025-04-07"},
      {"2025-04-06", 1, "2025-04-07"},
      // 2025 劳动节 5/1–5/5; 4/27 (日) is working.
      {"2025-04-25", 1, "2025-04-27"},
      {"2025-04-26", 1, "2025-04-27"},
      {"2025-04-27", 1, "2025-04-28"},
      {"2025-04-30", 1, "2025-05-06"},
      {"2025-05-01", 1, "2025-05-06"},
      {"2025-05-03", 1, "2025-05-06"},
      {"2025-05-05", 1, "2025-05-06"},
      {"2025-04-30", 3, "2025-05-08"},
      // 2025 端午 5/31–6/2.
      {"2025-05-30", 1, "2025-06-03"},
      {"2025-05-31", 1, "2025-06-03"},
      {"2025-06-01", 1, "2025-06-03"},
      {"2025-06-02", 1, "2025-06-03"},
      // 2025 国庆节·中秋节 10/1–10/8; 9/28 (日) and 10/11 (六) are working.
      {"2025-09-26", 1, "2025-09-28"},
      {"2025-09-27", 1, "2025-09-28"},
      {"2025-09-28", 1, "2025-09-29"},
      {"2025-09-30", 1, "2025-10-09"},
      {"2025-10-01", 1, "2025-10-09"},
      {"2025-10-06", 1, "2025-10-09"},
      {"2025-10-08", 1, "2025-10-09"},
      {"2025-10-09", 2, "2025-10-11"},
      {"2025-10-10", 1, "2025-10-11"},
      {"2025-10-11", 1, "2025-10-13"},
      {"2025-09-30", 5, "2025-10-14"},
      // Across the year boundary into 2026 元旦 1/1–1/3; 1/4 (日) is working.
      {"2025-12-30", 1, "2025-12-31"},
      {"2025-12-31", 3, "2026-01-06"},  // 1/4 (补班), 1/5, 1/6
      {"2026-01-01", 1, "2026-01-04"},
      {"2026-01-02", 1, "2026-01-04"},
      {"2026-01-03", 1, "2026-01-04"},
      {"2026-01-04", 1, "2026-01-05"},
      // 2026 春节 2/15–2/23; 2/14 (六) and 2/28 (六) are working.
      {"2026-02-13", 1, "2026-02-14"},
      {"2026-02-14", 1, "2026-02-24"},
      {"2026-02-13", 2, "2026-02-24"},
      {"2026-02-15", 1, "2026-02-24"},
      {"2026-02-19", 1, "2026-02-24"},
      {"2026-02-23", 1, "2026-02-24"},
      {"2026-02-27", 1, "2026-02-28"},
      {"2026-02-28", 1, "2026-03-02"},
      {"2026-02-13", 10, "2026-03-05"},
      // 2026 清明 4/4–4/6.
      {"2026-04-03", 1, "2026-04-07"},
      {"2026-04-04", 1, "2026-04-07"},
      {"2026-04-05", 1, "2026-04-07"},
      {"2026-04-06", 1, "2026-04-07"},
      // 2026 劳动节 5/1–5/5; 5/9 (六) is working.
      {"2026-04-30", 1, "2026-05-06"},
      {"2026-05-01", 1, "2026-05-06"},
      {"2026-05-03", 1, "2026-05-06"},
      {"2026-05-05", 1, "2026-05-06"},
      {"2026-05-08", 1, "2026-05-09"},
      {"2026-05-09", 1, "2026-05-11"},
      // 2026 端午 6/19–6/21.
      {"2026-06-18", 1, "2026-06-22"},
      {"2026-06-19", 1, "2026-06-22"},
      {"2026-06-20", 1, "2026-06-22"},
      {"2026-06-21", 1, "2026-06-22"},
      // 2026 中秋 9/25–9/27 and 国庆节 10/1–10/7; 9/20 (日) and 10/10 (六) are working.
      {"2026-09-18", 1, "2026-09-20"},
      {"2026-09-19", 1, "2026-09-20"},
      {"2026-09-20", 1, "2026-09-21"},
      {"2026-09-24", 1, "2026-09-28"},
      {"2026-09-25", 1, "2026-09-28"},
      {"2026-09-26", 1, "2026-09-28"},
      {"2026-09-27", 1, "2026-09-28"},
      {"2026-09-30", 1, "2026-10-08"},
      {"2026-09-30", 5, "2026-10-13"},  // SPEC §4's example
      {"2026-10-01", 1, "2026-10-08"},
      {"2026-10-04", 1, "2026-10-08"},
      {"2026-10-07", 1, "2026-10-08"},
      {"2026-10-08", 2, "2026-10-10"},
      {"2026-10-09", 1, "2026-10-10"},
      {"2026-10-10", 1, "2026-10-12"},
      // A long count through five holiday periods.
      {"2025-01-01", 100, "2025-05-30"},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto due = calendar.AddWorkingDays(D(c.assigned_on), c.n);
    ASSERT_TRUE(due.ok()) << c.assigned_on << " + " << c.n << ": " << due.status().ToString();
    EXPECT_EQ(FormatDate(*due), c.due_on) << c.assigned_on << " + " << c.n;
  }
}

TEST(WorkCalendarTest, SpecExample) {
  auto due = ChinaCalendar2025And2026().AddWorkingDays(D("2026-09-30"), 5);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, D("2026-10-13"));
}

TEST(WorkCalendarTest, IsWorkingDay) {
  struct Case {
    const char* date;
    bool working;
  };
  const Case cases[] = {
      {"2026-10-01", false},  // 国庆节 on a Thursday
      {"2026-10-03", false},  // 国庆节 on a Saturday
      {"2026-10-08", true},   // Thursday after the holiday
      {"2026-10-10", true},   // 补班 Saturday
      {"2026-10-11", false},  // plain Sunday
      {"2026-09-20", true},   // 补班 Sunday
      {"2026-11-23", true},   // plain Monday
      {"2026-11-28", false},  // plain Saturday
      {"2025-02-08", true},   // 补班 Saturday
      {"2025-10-06", false},  // 中秋节 inside 国庆节
      {"2025-12-31", true},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto working = calendar.IsWorkingDay(D(c.date));
    ASSERT_TRUE(working.ok()) << c.date;
    EXPECT_EQ(*working, c.working) << c.date;
  }
}

TEST(WorkCalendarTest, UnloadedYearIsRefusedAndNamed) {
  struct Case {
    const char* assigned_on;
    int n;
    const char* year;  // the year the error must name
  };
  const Case cases[] = {
      {"2026-12-30", 5, "2027"},     // runs past 31 December 2026
      {"2026-12-31", 1, "2027"},     // the very next day is in 2027
      {"2024-06-03", 1, "2024"},     // starts in a year not loaded
      {"2025-01-01", 1000, "2027"},  // n = 1000 is allowed, the calendar is not
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto due = calendar.AddWorkingDays(D(c.assigned_on), c.n);
    ASSERT_FALSE(due.ok()) << c.assigned_on;
    EXPECT_EQ(due.status().code(), ErrorCode::kFailedPrecondition) << c.assigned_on;
    EXPECT_NE(due.status().message().find(std::string(c.year) + " 年的工作日历尚未加载"),
              std::string::npos)
        << due.status().message();
  }
  // The last days of a loaded year are fine without the next one.
  auto due = calendar.AddWorkingDays(D("2026-12-28"), 3);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, D("2026-12-31"));

  auto working = calendar.IsWorkingDay(D("2027-01-04"));
  ASSERT_FALSE(working.ok());
  EXPECT_EQ(working.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(working.status().message().find("2027"), std::string::npos);
}

TEST(WorkCalendarTest, WorkingDayCountOutOfRange) {
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (int n : {0, -1, 1001, -2147483647 - 1, 2147483647}) {
    auto due = calendar.AddWorkingDays(D("2026-03-02"), n);
    ASSERT_FALSE(due.ok()) << n;
    EXPECT_EQ(due.status().code(), ErrorCode::kInvalidArgument) << n;
  }
  EXPECT_TRUE(calendar.AddWorkingDays(D("2026-03-02"), 1).ok());
}

TEST(WorkCalendarTest, InvalidDatesAreRejected) {
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  const Date bad = std::chrono::year{2026} / 2 / 30;
  EXPECT_EQ(calendar.IsWorkingDay(bad).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(calendar.AddWorkingDays(bad, 1).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(calendar.WorkingDaysBetween(bad, D("2026-03-02")).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2026-03-02"), bad).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(WorkCalendarTest, WorkingDaysBetween) {
  struct Case {
    const char* from;
    const char* to;
    int count;  // -1: kFailedPrecondition
  };
  const Case cases[] = {
      {"2026-09-30", "2026-10-13", 5},  // the SPEC example, backwards
      {"2026-10-13", "2026-10-13", 0},
      {"2026-10-13", "2026-09-30", 0},  // to before from
      {"2027-05-01", "2024-01-01", 0},  // nothing to count, nothing checked
      {"2025-12-31", "2026-01-06", 3},
      {"2025-01-27", "2025-02-08", 4},  // 1/27 excluded; 2/5, 2/6, 2/7, 2/8 (补班)
      {"2026-02-13", "2026-03-01", 6},
      {"2024-12-31", "2025-12-31", 248},  // every working day of 2025
      {"2025-12-31", "2026-12-31", 248},  // every working day of 2026
      {"2024-12-30", "2025-01-02", -1},   // 2024-12-31 is needed
      {"2026-12-30", "2027-01-01", -1},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto count = calendar.WorkingDaysBetween(D(c.from), D(c.to));
    if (c.count < 0) {
      ASSERT_FALSE(count.ok()) << c.from << ".." << c.to;
      EXPECT_EQ(count.status().code(), ErrorCode::kFailedPrecondition);
    } else {
      ASSERT_TRUE(count.ok()) << c.from << ".." << c.to << ": " << count.status().ToString();
      EXPECT_EQ(*count, c.count) << c.from << ".." << c.to;
    }
  }
}

TEST(WorkCalendarTest, SetYearRejectsBadDays) {
  struct Case {
    const char* label;
    int year;
    std::vector<CalendarDay> days;
    const char* message_part;  // nullptr: accepted
  };
  const Case cases[] = {
      {"ok", 2027, {{D("2027-10-01"), false, "国庆节"}}, nullptr},
      {"no overrides at all", 2027, {}, nullptr},
      {"weekend holiday names the day", 2027, {{D("2027-10-02"), false, "国庆节"}}, nullptr},
      {"working weekend", 2027, {{D("2027-09-26"), true, "国庆节补班"}}, nullptr},
      {"empty name", 2027, {{D("2027-10-01"), false, ""}}, nullptr},
      {"other year", 2027, {{D("2026-10-01"), false, "国庆节"}}, "不在 2027 年内"},
      {"duplicate",
       2027,
       {{D("2027-10-01"), false, "国庆节"}, {D("2027-10-01"), false, "国庆节"}},
       "出现了两次"},
      {"working weekday", 2027, {{D("2027-10-08"), true, "补班"}}, "本来就是工作日"},
      {"not a date", 2027, {{std::chrono::year{2027} / 2 / 29, false, "x"}}, "不是有效的日期"},
      {"year too small", 1899, {}, "1900"},
      {"year too large", 10000, {}, "9999"},
      {"bad UTF-8", 2027, {{D("2027-10-01"), false, "\xff"}}, "名称"},
      {"control character", 2027, {{D("2027-10-01"), false, "国庆\x01"}}, "名称"},
      {"long name", 2027, {{D("2027-10-01"), false, std::string(65, 'x')}}, "64"},
  };
  for (const Case& c : cases) {
    WorkCalendar calendar;
    Status s = calendar.SetYear(c.year, c.days);
    if (c.message_part == nullptr) {
      EXPECT_TRUE(s.ok()) << c.label << ": " << s.ToString();
      EXPECT_TRUE(calendar.HasYear(c.year)) << c.label;
    } else {
      EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.label;
      EXPECT_NE(s.message().find(c.message_part), std::string::npos)
          << c.label << ": " << s.message();
      EXPECT_FALSE(calendar.HasYear(c.year)) << c.label;
    }
  }
}

TEST(WorkCalendarTest, FailedSetYearKeepsTheLoadedYear) {
  WorkCalendar calendar = ChinaCalendar2025And2026();
  Status s = calendar.SetYear(2026, {{D("2026-10-08"), true, "补班"}});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(calendar.Days(2026), CalendarDays(testing::kChina2026));
}

TEST(WorkCalendarTest, YearsDaysAndRemoval) {
  WorkCalendar calendar = ChinaCalendar2025And2026();
  EXPECT_EQ(calendar.Years(), (std::vector<int>{2025, 2026}));
  // Days come back sorted whatever order they were given in.
  std::vector<CalendarDay> reversed = CalendarDays(testing::kChina2025);
  std::reverse(reversed.begin(), reversed.end());
  ASSERT_TRUE(calendar.SetYear(2025, reversed).ok());
  EXPECT_EQ(calendar.Days(2025), CalendarDays(testing::kChina2025));

  // Replacing a year replaces its rules too.
  ASSERT_TRUE(calendar.SetYear(2026, {}).ok());
  EXPECT_TRUE(*calendar.IsWorkingDay(D("2026-10-01")));
  EXPECT_FALSE(*calendar.IsWorkingDay(D("2026-10-10")));

  calendar.RemoveYear(2026);
  calendar.RemoveYear(2030);  // not loaded: nothing happens
  EXPECT_EQ(calendar.Years(), (std::vector<int>{2025}));
  EXPECT_FALSE(calendar.HasYear(2026));
  EXPECT_TRUE(calendar.Days(2026).empty());
  EXPECT_EQ(calendar.IsWorkingDay(D("2026-03-02")).status().code(), ErrorCode::kFailedPrecondition);
}

TEST(WorkCalendarTest, LeapYearHasItsLastDay) {
  WorkCalendar calendar;
  ASSERT_TRUE(calendar.SetYear(2028, {}).ok());
  EXPECT_TRUE(*calendar.IsWorkingDay(D("2028-02-29")));   // a Tuesday
  EXPECT_FALSE(*calendar.IsWorkingDay(D("2028-12-31")));  // a Sunday
  EXPECT_EQ(*calendar.WorkingDaysBetween(D("2027-12-31"), D("2028-12-31")), 260);
}

}  // namespace
}  // namespace duban
