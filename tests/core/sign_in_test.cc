#include "core/sign_in.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

using std::chrono::minutes;

TEST(SignInTest, LockoutAfterMaxFailuresThenExpires) {
  SignInPolicy policy;  // 5 failures, 15 minutes
  Instant now = *ParseRfc3339("2026-11-23T01:00:00Z");
  LockState state;
  for (int i = 1; i <= 4; ++i) {
    state = AfterFailure(state, policy, now);
    EXPECT_EQ(state.failed_logins, i);
    EXPECT_FALSE(IsLocked(state, now));
  }
  state = AfterFailure(state, policy, now);
  EXPECT_TRUE(IsLocked(state, now));
  EXPECT_TRUE(IsLocked(state, now + minutes(14)));
  EXPECT_FALSE(IsLocked(state, now + minutes(15)));
  EXPECT_EQ(state.failed_logins, 0);
  // A failure after the lock expired starts counting afresh and clears the old lock.
  state = AfterFailure(state, policy, now + minutes(16));
  EXPECT_EQ(state.failed_logins, 1);
  EXPECT_FALSE(state.locked_until.has_value());
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
