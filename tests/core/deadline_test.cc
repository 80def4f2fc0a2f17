#include "core/deadline.h"

#include <gtest/gtest.h>

#include "testing/china_calendar.h"

namespace duban {
namespace {

using testing::ChinaCalendar2025And2026;

Date D(const char* text) { return *ParseDate(text); }

TEST(DeadlineTest, WarningNamesRoundTrip) {
  for (Warning w : {Warning::kGreen, Warning::kYellow, Warning::kRed, Warning::kSevere}) {
    EXPECT_EQ(ParseWarning(WarningName(w)), w);
  }
  EXPECT_EQ(WarningName(Warning::kSevere), "severe");
  for (const char* bad : {"", "Green", "orange", "severe "}) {
    EXPECT_FALSE(ParseWarning(bad).has_value()) << bad;
  }
}

TEST(DeadlineTest, ComputeWarningBoundaries) {
  struct Case {
    const char* deadline;
    const char* today;
    Warning expected;
  };
  // Deadline Tuesday 2026-10-13 (SPEC §4's example). Working days after it: 10/14 (1), 10/15,
  // 10/16, 10/19, 10/20, 10/21, 10/22, 10/23, 10/26, 10/27 (10), 10/28 (11).
  const Case cases[] = {
      {"2026-10-13", "2026-09-30", Warning::kGreen},  // 5 remaining
      {"2026-10-13", "2026-10-07", Warning::kGreen},  // 5 remaining, on a holiday
      {"2026-10-13", "2026-10-08",
       Warning::kGreen},  // 4 remaining: 10/9, 10/10 (补班), 10/12, 10/13
      {"2026-10-13", "2026-10-09", Warning::kYellow},  // exactly 3 remaining
      {"2026-10-13", "2026-10-10", Warning::kYellow},  // 2
      {"2026-10-13", "2026-10-11", Warning::kYellow},  // 2, on a Sunday
      {"2026-10-13", "2026-10-12", Warning::kYellow},  // 1
      {"2026-10-13", "2026-10-13", Warning::kYellow},  // the deadline day: 0 remaining
      {"2026-10-13", "2026-10-14", Warning::kRed},     // 1 working day overdue
      {"2026-10-13", "2026-10-27", Warning::kRed},     // 10 overdue
      {"2026-10-13", "2026-10-28", Warning::kSevere},  // 11 overdue
      {"2026-10-13", "2027-03-01", Warning::kSevere},  // stops counting before 2027
      // Overdue by calendar days but not yet by a working day: still red.
      {"2026-10-16", "2026-10-17", Warning::kRed},  // Friday deadline, Saturday
      {"2026-09-30", "2026-10-07", Warning::kRed},  // 0 working days into the holiday
      {"2026-09-30", "2026-10-16", Warning::kRed},  // 10/8..10/16: 8
      // Holidays do not count as remaining time.
      {"2026-10-08", "2026-09-30", Warning::kYellow},  // 1 remaining across 国庆节
      {"2026-02-24", "2026-02-13", Warning::kYellow},  // 2/14 (补班), 2/24: 2 remaining
      // A far deadline needs only the working days up to the threshold.
      {"2027-06-30", "2026-11-02", Warning::kGreen},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto warning = ComputeWarning(calendar, D(c.deadline), D(c.today), WarningPolicy{});
    ASSERT_TRUE(warning.ok()) << c.deadline << " on " << c.today << ": "
                              << warning.status().ToString();
    EXPECT_EQ(WarningName(*warning), WarningName(c.expected))
        << "deadline " << c.deadline << " seen on " << c.today;
  }
}

TEST(DeadlineTest, ComputeWarningFollowsThePolicy) {
  struct Case {
    WarningPolicy policy;
    const char* today;
    Warning expected;
  };
  // Deadline 2026-10-13 again.
  const Case cases[] = {
      {{0, 10}, "2026-10-12", Warning::kGreen},  // 1 remaining, yellow only on the day
      {{0, 10}, "2026-10-13", Warning::kYellow},
      {{5, 10}, "2026-09-30", Warning::kYellow},  // 5 remaining
      {{3, 0}, "2026-10-14", Warning::kSevere},   // any working day overdue is severe
      {{3, 0}, "2026-10-17", Warning::kSevere},
      {{3, 1}, "2026-10-14", Warning::kRed},
      {{3, 1}, "2026-10-15", Warning::kSevere},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto warning = ComputeWarning(calendar, D("2026-10-13"), D(c.today), c.policy);
    ASSERT_TRUE(warning.ok()) << c.today;
    EXPECT_EQ(WarningName(*warning), WarningName(c.expected))
        << c.today << " yellow=" << c.policy.yellow_working_days
        << " severe=" << c.policy.severe_working_days;
  }
}

TEST(DeadlineTest, ComputeWarningFailures) {
  struct Case {
    const char* label;
    Date deadline;
    Date today;
    WarningPolicy policy;
    ErrorCode code;
    const char* message_part;
  };
  const Case cases[] = {
      // 2026-12-31 is the only working day known before the deadline: not enough to decide.
      {"remaining runs into 2027",
       D("2027-01-05"),
       D("2026-12-30"),
       {},
       ErrorCode::kFailedPrecondition,
       "2027"},
      {"overdue runs into 2027",
       D("2026-12-25"),
       D("2027-01-20"),
       {},
       ErrorCode::kFailedPrecondition,
       "2027"},
      {"today in 2024",
       D("2025-01-10"),
       D("2024-12-30"),
       {},
       ErrorCode::kFailedPrecondition,
       "2024"},
      {"negative yellow",
       D("2026-10-13"),
       D("2026-10-01"),
       {-1, 10},
       ErrorCode::kInvalidArgument,
       "预警"},
      {"negative severe",
       D("2026-10-13"),
       D("2026-10-01"),
       {3, -1},
       ErrorCode::kInvalidArgument,
       "预警"},
      {"bad deadline",
       std::chrono::year{2026} / 2 / 30,
       D("2026-10-01"),
       {},
       ErrorCode::kInvalidArgument,
       "截止日期"},
      {"bad today",
       D("2026-10-13"),
       std::chrono::year{2026} / 13 / 1,
       {},
       ErrorCode::kInvalidArgument,
       "当前日期"},
  };
  const WorkCalendar calendar = ChinaCalendar2025And2026();
  for (const Case& c : cases) {
    auto warning = ComputeWarning(calendar, c.deadline, c.today, c.policy);
    ASSERT_FALSE(warning.ok()) << c.label;
    EXPECT_EQ(warning.status().code(), c.code) << c.label;
    EXPECT_NE(warning.status().message().find(c.message_part), std::string::npos)
        << c.label << ": " << warning.status().message();
  }
}

TEST(DeadlineTest, ShanghaiDate) {
  struct Case {
    const char* instant;
    const char* date;
  };
  const Case cases[] = {
      {"2026-09-30T15:59:59.999999Z", "2026-09-30"},
      {"2026-09-30T16:00:00Z", "2026-10-01"},  // midnight in Shanghai
      {"2026-10-01T00:00:00+08:00", "2026-10-01"},
      {"2026-09-30T23:59:59+08:00", "2026-09-30"},
      {"2025-12-31T16:00:00Z", "2026-01-01"},  // new year in Shanghai, not yet in UTC
      {"2025-12-31T15:59:59Z", "2025-12-31"},
      {"2024-02-28T16:00:00Z", "2024-02-29"},
      {"1969-12-31T16:00:00Z", "1970-01-01"},  // before the epoch: floor, not truncation
      {"1969-12-31T15:59:59Z", "1969-12-31"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(ShanghaiDate(*ParseRfc3339(c.instant))), c.date) << c.instant;
  }
}

TEST(DeadlineTest, EndOfShanghaiDay) {
  struct Case {
    const char* date;
    const char* end;
  };
  const Case cases[] = {
      {"2026-10-13", "2026-10-13T15:59:59.999999Z"},
      {"2026-01-01", "2026-01-01T15:59:59.999999Z"},
      {"2024-02-29", "2024-02-29T15:59:59.999999Z"},
      {"1970-01-01", "1970-01-01T15:59:59.999999Z"},
  };
  for (const Case& c : cases) {
    Instant end = EndOfShanghaiDay(D(c.date));
    EXPECT_EQ(FormatRfc3339(end), c.end);
    EXPECT_EQ(FormatDate(ShanghaiDate(end)), c.date);
    EXPECT_NE(FormatDate(ShanghaiDate(end + std::chrono::microseconds{1})), c.date);
  }
}

}  // namespace
}  // namespace duban
