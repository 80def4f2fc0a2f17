#include "core/sign_in.h"

#include <algorithm>

namespace duban {

bool IsLocked(const LockState& state, Instant now) {
  return state.locked_until && now < *state.locked_until;
}

LockState AfterFailure(const LockState& state, const SignInPolicy& policy, Instant now) {
  LockState next = state;
  if (next.locked_until && now >= *next.locked_until) next.locked_until.reset();
  next.failed_logins += 1;
  if (next.failed_logins >= policy.max_failures) {
    next.locked_until = now + std::chrono::duration_cast<std::chrono::microseconds>(policy.lockout);
    next.failed_logins = 0;
  }
  return next;
}

bool IsSessionLive(Instant created_at, Instant last_seen_at, const SignInPolicy& policy,
                   Instant now) {
  auto idle_end =
      last_seen_at + std::chrono::duration_cast<std::chrono::microseconds>(policy.session_idle);
  auto max_end =
      created_at + std::chrono::duration_cast<std::chrono::microseconds>(policy.session_max);
  return now < std::min(idle_end, max_end);
}

}  // namespace duban
