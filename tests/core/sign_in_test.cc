#include "core/sign_in.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

using std::chrono::minutes;

TEST(SignInTest, EveryTenthFailureLocksForLongerEachTimeButCapped) {
  SignInPolicy policy;  // 10 failures a lock, 15 minutes doubling up to 60
  Instant now = *ParseRfc3339("2026-11-23T01:00:00Z");
  LockState state;
  for (int i = 1; i <= 9; ++i) {
    state = AfterFailure(state, policy, now);
    EXPECT_EQ(state.failed_logins, i);
    EXPECT_FALSE(IsLocked(state, now)) << i;
  }
  // The lockout of each lock in a row: 15, 30, 60, then never longer (L3: never forever).
  const minutes expected[] = {minutes(15), minutes(30), minutes(60), minutes(60), minutes(60)};
  for (minutes length : expected) {
    state = AfterFailure(state, policy, now);
    EXPECT_TRUE(IsLocked(state, now));
    EXPECT_TRUE(IsLocked(state, now + length - minutes(1))) << length.count();
    EXPECT_FALSE(IsLocked(state, now + length)) << length.count();
    now += length;
    for (int i = 1; i <= 9; ++i) {
      state = AfterFailure(state, policy, now);
      EXPECT_FALSE(IsLocked(state, now));
    }
  }
}

TEST(SignInTest, ALockLongOverIsForgotten) {
  SignInPolicy policy;
  Instant now = *ParseRfc3339("2026-11-23T01:00:00Z");
  LockState state;
  for (int i = 0; i < 10; ++i) state = AfterFailure(state, policy, now);
  ASSERT_TRUE(IsLocked(state, now));
  // An hour after the lock: still remembered, the count goes on.
  LockState soon = AfterFailure(state, policy, now + minutes(75));
  EXPECT_EQ(soon.failed_logins, 11);
  // A day after it ended: a first failure again, no lock left.
  LockState later = AfterFailure(state, policy, now + minutes(15) + std::chrono::hours(24));
  EXPECT_EQ(later.failed_logins, 1);
  EXPECT_FALSE(later.locked_until.has_value());
}

TEST(SignInTest, TheFailureCountStaysBoundedAndLocksStayCapped) {
  SignInPolicy policy;
  Instant now = *ParseRfc3339("2026-11-23T01:00:00Z");
  LockState state;
  for (int i = 0; i < 100000; ++i) {
    state = AfterFailure(state, policy, now);
    if (IsLocked(state, now)) {
      EXPECT_LE(*state.locked_until - now, minutes(60));
      now = *state.locked_until;
    }
  }
  EXPECT_LE(state.failed_logins, policy.max_failures * 64);
}

TEST(SignInTest, ClientsWaitOnlyAfterTheirAllowanceAndTheWaitDoublesToACap) {
  SignInPolicy policy;  // back-off 5 s doubling to 900 s, forgotten after an hour
  Instant t0 = *ParseRfc3339("2026-11-23T01:00:00Z");
  using std::chrono::seconds;
  struct Case {
    int failures;
    seconds wait;  // after the last failure; 0: none
  };
  const Case cases[] = {{1, seconds(0)},    {4, seconds(0)},   {5, seconds(5)},
                        {6, seconds(10)},   {7, seconds(20)},  {12, seconds(640)},
                        {13, seconds(900)}, {50, seconds(900)}};
  for (const Case& c : cases) {
    Backoff b;
    for (int i = 0; i < c.failures; ++i) b = AfterClientFailure(b, policy, t0);
    auto at = RetryAt(b, /*free_failures=*/5, policy.pair_backoff_max, policy, t0);
    if (c.wait == seconds(0)) {
      EXPECT_FALSE(at.has_value()) << c.failures;
      continue;
    }
    ASSERT_TRUE(at.has_value()) << c.failures;
    EXPECT_EQ(*at - t0, c.wait) << c.failures;
    EXPECT_TRUE(RetryAt(b, 5, seconds(900), policy, t0 + c.wait - seconds(1)).has_value())
        << c.failures;
    EXPECT_FALSE(RetryAt(b, 5, seconds(900), policy, t0 + c.wait).has_value()) << c.failures;
  }
}

TEST(SignInTest, AClientQuietForAnHourIsForgotten) {
  SignInPolicy policy;
  Instant t0 = *ParseRfc3339("2026-11-23T01:00:00Z");
  Backoff b;
  for (int i = 0; i < 20; ++i) b = AfterClientFailure(b, policy, t0);
  EXPECT_FALSE(IsForgotten(b, policy, t0 + minutes(59)));
  EXPECT_TRUE(IsForgotten(b, policy, t0 + minutes(60)));
  EXPECT_FALSE(RetryAt(b, 5, std::chrono::seconds(900), policy, t0 + minutes(60)).has_value());
  Backoff again = AfterClientFailure(b, policy, t0 + minutes(60));
  EXPECT_EQ(again.failures, 1);
}

TEST(SignInTest, SessionLivesUntilIdleOrMaxAge) {
  SignInPolicy policy;  // idle 8 h, max 7 days
  Instant created = *ParseRfc3339("2026-11-23T01:00:00Z");
  using std::chrono::hours;
  struct Case {
    hours last_seen_after_create, now_after_create;
    bool live;
  };
  const Case cases[] =
      {
          {hours(0), hours(0), true},      {hours(0), hours(7), true},
          {hours(0), hours(8), false},     {hours(100), hours(107), true},
          {hours(167), hours(168), false},  // max age reached though recently used
      };
  for (const Case& c : cases) {
    EXPECT_EQ(IsSessionLive(created, created + c.last_seen_after_create, policy,
                            created + c.now_after_create),
              c.live)
        << c.last_seen_after_create.count() << " " << c.now_after_create.count();
  }
}

}  // namespace
}  // namespace duban
