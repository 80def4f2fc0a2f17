#include "core/period.h"

#include <gtest/gtest.h>

#include "core/assessment.h"

namespace duban {
namespace {

TEST(PeriodTest, ParsesEveryKind) {
  struct Case {
    const char* spec;
    const char* from;
    const char* to;
    const char* label;
  };
  const Case cases[] = {
      {"2026", "2026-01-01", "2026-12-31", "2026年度"},
      {"2026-10", "2026-10-01", "2026-10-31", "2026年10月"},
      {"2024-02", "2024-02-01", "2024-02-29", "2024年2月"},
      {"2026-Q3", "2026-07-01", "2026-09-30", "2026年第三季度"},
      {"2026-Q1", "2026-01-01", "2026-03-31", "2026年第一季度"},
      {"2026-W01", "2025-12-29", "2026-01-04", "2026年第1周"},
      {"2026-W44", "2026-10-26", "2026-11-01", "2026年第44周"},
      {"2026-W53", "2026-12-28", "2027-01-03", "2026年第53周"},
      {"2026-10-08..2026-10-14", "2026-10-08", "2026-10-14", "2026年10月8日至10月14日"},
  };
  for (const Case& c : cases) {
    auto p = ParsePeriod(c.spec);
    ASSERT_TRUE(p.ok()) << c.spec << ": " << p.status().message();
    EXPECT_EQ(FormatDate(p->from), c.from) << c.spec;
    EXPECT_EQ(FormatDate(p->to), c.to) << c.spec;
    EXPECT_EQ(p->label, c.label) << c.spec;
  }
  for (const char* bad : {"2026-13", "2026-00", "2026-Q5", "2025-W53", "2026-10-14..2026-10-01",
                          "2026-01-01..2027-06-01", "26-10", "2026/10", "", "1989", "20x6"}) {
    auto p = ParsePeriod(bad);
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) {
      EXPECT_EQ(p.status().field(), "period") << bad;
    }
  }
}

TEST(PeriodTest, PeriodContainingADate) {
  struct Case {
    const char* kind;
    const char* date;
    const char* spec;
  };
  const Case cases[] = {
      {"month", "2026-10-31", "2026-10"},   {"month", "2026-11-01", "2026-11"},
      {"quarter", "2026-09-30", "2026-Q3"}, {"quarter", "2026-10-01", "2026-Q4"},
      {"year", "2026-12-31", "2026"},       {"week", "2026-11-01", "2026-W44"},
      {"week", "2026-10-26", "2026-W44"},   {"week", "2025-12-29", "2026-W01"},
      {"week", "2027-01-03", "2026-W53"},   {"week", "2021-01-03", "2020-W53"},
  };
  for (const Case& c : cases) {
    auto p = PeriodContaining(c.kind, *ParseDate(c.date));
    ASSERT_TRUE(p.ok()) << c.kind << " " << c.date << ": " << p.status().message();
    EXPECT_EQ(p->spec, c.spec) << c.kind << " " << c.date;
    EXPECT_LE(p->from, *ParseDate(c.date));
    EXPECT_GE(p->to, *ParseDate(c.date));
  }
  EXPECT_FALSE(PeriodContaining("custom", *ParseDate("2026-10-01")).ok());
}

TEST(PeriodTest, LastEndedPeriodWaitsTheDelay) {
  struct Case {
    const char* kind;
    const char* today;
    int delay;
    const char* spec;
  };
  const Case cases[] = {
      {"month", "2026-11-01", 0, "2026-10"},   {"month", "2026-11-01", 1, "2026-09"},
      {"month", "2026-11-02", 1, "2026-10"},   {"month", "2026-11-30", 1, "2026-10"},
      {"quarter", "2026-10-01", 0, "2026-Q3"}, {"quarter", "2026-10-03", 3, "2026-Q2"},
      {"quarter", "2027-01-05", 2, "2026-Q4"}, {"week", "2026-11-02", 0, "2026-W44"},
      {"week", "2026-11-02", 1, "2026-W43"},   {"year", "2027-01-01", 0, "2026"},
  };
  for (const Case& c : cases) {
    auto p = LastEndedPeriod(c.kind, *ParseDate(c.today), c.delay);
    ASSERT_TRUE(p.ok()) << c.kind << " " << c.today;
    EXPECT_EQ(p->spec, c.spec) << c.kind << " " << c.today << " delay " << c.delay;
  }
}

TEST(PeriodTest, PercentagesRoundHalfAwayFromZero) {
  struct Case {
    int64_t num, den;
    const char* out;
  };
  const Case cases[] = {{748, 857, "87.28%"}, {1, 3, "33.33%"},     {2, 3, "66.67%"},
                        {1, 8, "12.50%"},     {0, 5, "0.00%"},      {5, 5, "100.00%"},
                        {1, 0, "—"},          {1, 200000, "0.00%"}, {1, 20000, "0.01%"},
                        {1, 40000, "0.00%"},  {3, 40000, "0.01%"}};
  for (const Case& c : cases) {
    EXPECT_EQ(FormatPercent(c.num, c.den), c.out) << c.num << "/" << c.den;
  }
}

}  // namespace
}  // namespace duban
