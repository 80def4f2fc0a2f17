// Sign-in rules: lockout after repeated failures and session lifetimes (SPEC §10).
// Pure functions over explicit state and `now`; thread-safe.
#pragma once

#include <chrono>
#include <optional>

#include "core/time.h"

namespace duban {

struct SignInPolicy {
  int max_failures = 5;                    // failures in a row before a lockout
  std::chrono::minutes lockout{15};        // how long a lockout lasts
  std::chrono::hours session_idle{8};      // a session unused this long expires
  std::chrono::hours session_max{24 * 7};  // and none lives longer than this
};

struct LockState {
  int failed_logins = 0;
  std::optional<Instant> locked_until;
};

bool IsLocked(const LockState& state, Instant now);
// The state after one more failed attempt: the max_failures-th failure starts a lockout and
// resets the count.
LockState AfterFailure(const LockState& state, const SignInPolicy& policy, Instant now);

// A session is live while now < min(last_seen + idle, created + max).
bool IsSessionLive(Instant created_at, Instant last_seen_at, const SignInPolicy& policy,
                   Instant now);

}  // namespace duban
