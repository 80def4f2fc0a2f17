#include "core/time.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(TimeTest, Rfc3339RoundTripsAndNormalisesToUtc) {
  struct Case {
    const char* in;
    const char* out;  // nullptr: must be rejected
  };
  const Case cases[] = {
      {"2026-11-23T05:00:00Z", "2026-11-23T05:00:00Z"},
      {"2026-11-23T13:00:00+08:00", "2026-11-23T05:00:00Z"},
      {"2026-01-01T02:30:00+08:00", "2025-12-31T18:30:00Z"},
      {"2026-11-23T05:00:00.5Z", "2026-11-23T05:00:00.500000Z"},
      {"2026-11-23T05:00:00.1234567Z", "2026-11-23T05:00:00.123456Z"},
      {"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
      {"2025-02-29T00:00:00Z", nullptr},
      {"2026-11-23T24:00:00Z", nullptr},
      {"2026-11-23T05:00:00", nullptr},
      {"2026-11-23T05:00:00.Z", nullptr},
      {"2026-11-23T05:00:00+0800", nullptr},
      {"2026-11-23T05:00:00Zjunk", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    auto t = ParseRfc3339(c.in);
    if (c.out == nullptr) {
      EXPECT_FALSE(t.has_value()) << c.in;
    } else {
      ASSERT_TRUE(t.has_value()) << c.in;
      EXPECT_EQ(FormatRfc3339(*t), c.out) << c.in;
    }
  }
}

TEST(TimeTest, DatesAreStrict) {
  EXPECT_EQ(FormatDate(*ParseDate("2026-10-13")), "2026-10-13");
  for (const char* bad : {"2026-13-01", "2026-02-30", "26-10-13", "2026/10/13", "2026-10-1",
                          "1899-12-31", "2026-10-13 "}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

TEST(TimeTest, UnixMicrosRoundTrip) {
  Instant t = *ParseRfc3339("2026-09-30T16:00:00.000001Z");
  EXPECT_EQ(FromUnixMicros(ToUnixMicros(t)), t);
}

}  // namespace
}  // namespace duban
