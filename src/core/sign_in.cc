#include "core/sign_in.h"

#include <algorithm>

namespace duban {
namespace {

using std::chrono::microseconds;

// base × 2^doublings, at most `cap`, without overflow.
microseconds Doubled(microseconds base, int doublings, microseconds cap) {
  microseconds d = base;
  for (int i = 0; i < doublings && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

}  // namespace

bool IsLocked(const LockState& state, Instant now) {
  return state.locked_until && now < *state.locked_until;
}

LockState AfterFailure(const LockState& state, const SignInPolicy& policy, Instant now) {
  LockState next = state;
  // L3: the lockout grows with each lock in a row, but an old lock is history.
  if (next.locked_until && now >= *next.locked_until &&
      now - *next.locked_until >= std::chrono::duration_cast<microseconds>(policy.lock_memory)) {
    next = {};
  }
  const int per_lock = std::max(1, policy.max_failures);
  // Bounded: past a few dozen locks in a row the lockout is at its cap anyway.
  if (next.failed_logins >= per_lock * 64) next.failed_logins -= per_lock;
  next.failed_logins += 1;
  if (next.failed_logins % per_lock == 0) {
    int locks_before = next.failed_logins / per_lock - 1;
    next.locked_until =
        now + Doubled(std::chrono::duration_cast<microseconds>(policy.lockout), locks_before,
                      std::chrono::duration_cast<microseconds>(policy.max_lockout));
  }
  return next;
}

bool IsForgotten(const Backoff& b, const SignInPolicy& policy, Instant now) {
  return b.failures == 0 ||
         now - b.last_failure >= std::chrono::duration_cast<microseconds>(policy.backoff_memory);
}

std::optional<Instant> RetryAt(const Backoff& b, int free_failures, std::chrono::seconds max_wait,
                               const SignInPolicy& policy, Instant now) {
  if (IsForgotten(b, policy, now) || b.failures < free_failures) return std::nullopt;
  Instant at =
      b.last_failure + Doubled(std::chrono::duration_cast<microseconds>(policy.backoff_base),
                               b.failures - free_failures,
                               std::chrono::duration_cast<microseconds>(max_wait));
  if (now >= at) return std::nullopt;
  return at;
}

Backoff AfterClientFailure(const Backoff& b, const SignInPolicy& policy, Instant now) {
  Backoff next = IsForgotten(b, policy, now) ? Backoff{} : b;
  if (next.failures < 1000) next.failures += 1;
  next.last_failure = now;
  return next;
}

bool IsSessionLive(Instant created_at, Instant last_seen_at, const SignInPolicy& policy,
                   Instant now) {
  auto idle_end = last_seen_at + std::chrono::duration_cast<microseconds>(policy.session_idle);
  auto max_end = created_at + std::chrono::duration_cast<microseconds>(policy.session_max);
  return now < std::min(idle_end, max_end);
}

}  // namespace duban
