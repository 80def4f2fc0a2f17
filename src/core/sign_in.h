// Sign-in rules (SPEC §10): the account lockout, the back-off of failing clients and session
// lifetimes. Pure functions over explicit state and `now`; thread-safe.
//
// Two counters limit password guessing, and only failures count, never successes:
//  - per account (stored with it): every max_failures-th failure in a row locks the account for
//    `lockout`, doubled at each further lock up to `max_lockout`: bounded, never forever. A
//    success or an admin's unlock starts afresh; so does a failure `lock_memory` after the last
//    lock ended.
//  - per client (in memory, AuthService): per (address, username) and per address, the first
//    `*_free_failures` failures cost nothing; from then on each attempt must wait
//    backoff_base × 2^(failures − free) after the last failure, up to `*_backoff_max`. A
//    client that has not failed for `backoff_memory` is forgotten. An address's wait stays
//    short: everyone behind it (an office's NAT) waits with it, while one (address, username)
//    holds back only guesses at one account.
// The per-(address, username) allowance is below the account's, so a client guessing one
// account is slowed down before the account locks for its owner.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "core/time.h"

namespace duban {

struct SignInPolicy {
  int max_failures = 10;                 // failures in a row before each lockout of an account
  std::chrono::minutes lockout{15};      // the first lockout; each further one doubles
  std::chrono::minutes max_lockout{60};  // and none lasts longer
  std::chrono::hours lock_memory{24};    // a lock this long over is forgotten
  int pair_free_failures = 5;            // per (address, username) before the back-off
  int address_free_failures = 30;        // per address, whatever the usernames
  std::chrono::seconds backoff_base{5};  // the first wait
  std::chrono::seconds pair_backoff_max{900};    // the longest wait of an (address, username)
  std::chrono::seconds address_backoff_max{60};  // and of an address
  std::chrono::seconds backoff_memory{3600};     // a client this long without failure is forgotten
  size_t max_tracked_clients = 100000;           // entries per table (pairs, addresses)
  int max_concurrent_hashes = 2;                 // argon2 runs at once (64 MiB each)
  std::chrono::milliseconds hash_wait{10000};    // longest wait for one, else 503
  std::chrono::hours session_idle{8};            // a session unused this long expires
  std::chrono::hours session_max{24 * 7};        // and none lives longer than this
};

struct LockState {
  int failed_logins = 0;  // failures in a row since the last success or unlock
  std::optional<Instant> locked_until;
};

bool IsLocked(const LockState& state, Instant now);
// The state after one more failed attempt (not made while locked): every max_failures-th
// failure in a row locks for lockout × 2^(locks so far), at most max_lockout.
LockState AfterFailure(const LockState& state, const SignInPolicy& policy, Instant now);

// The failures of one client (an address, or an address and a username).
struct Backoff {
  int failures = 0;
  Instant last_failure;
};

// True when the entry says nothing any more: no failure within backoff_memory.
bool IsForgotten(const Backoff& b, const SignInPolicy& policy, Instant now);
// When the client may try again; nullopt when it may now. `free_failures` and `max_wait` are
// those of this kind of client (pair_* or address_*).
std::optional<Instant> RetryAt(const Backoff& b, int free_failures, std::chrono::seconds max_wait,
                               const SignInPolicy& policy, Instant now);
// The entry after one more failure at `now` (a forgotten entry starts afresh).
Backoff AfterClientFailure(const Backoff& b, const SignInPolicy& policy, Instant now);

// A session is live while now < min(last_seen + idle, created + max).
bool IsSessionLive(Instant created_at, Instant last_seen_at, const SignInPolicy& policy,
                   Instant now);

}  // namespace duban
