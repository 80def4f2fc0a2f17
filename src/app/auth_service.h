// AuthService: sign-in, sessions, sign-out, password changes and unlocking (SPEC §9, §10).
// Thread-safe: holds no per-request state; the failure tables have their own locks.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/audit_log.h"
#include "app/caller.h"
#include "app/crypto.h"
#include "core/sign_in.h"
#include "storage/store.h"

namespace duban {

struct SignedIn {
  std::string token;       // goes into the session cookie; stored only as its SHA-256
  std::string csrf_token;  // must come back as X-CSRF-Token on every state-changing request
  Account account;
};

struct Authenticated {
  Caller caller;
  Account account;
  std::string csrf_token;
};

// The key a client address is throttled by: an IPv4 address as it is; an IPv6 address by its
// /64 (one subscriber holds a whole /64, so single addresses would be free to spray); an
// IPv4-mapped IPv6 address as its IPv4. Text that is no address is its own key.
std::string ThrottleKey(std::string_view address);

// The failures of many clients (core's Backoff per key), in memory and bounded: never more than
// policy.max_tracked_clients entries. Entries forgotten by the policy are dropped first; when
// the table is still full, the least recently failed entry that is not in back-off goes, and
// only when every entry is in back-off the least recently failed of those. So a spray of new
// addresses cannot reset a window that is holding a client back. Thread-safe.
class FailureTable {
 public:
  FailureTable(const SignInPolicy& policy, int free_failures, std::chrono::seconds max_wait)
      : policy_(policy), free_failures_(free_failures), max_wait_(max_wait) {}
  FailureTable(const FailureTable&) = delete;
  FailureTable& operator=(const FailureTable&) = delete;

  // When `key` may try again; nullopt when it may now.
  std::optional<Instant> RetryAt(const std::string& key, Instant now);
  void RecordFailure(const std::string& key, Instant now);
  void Forget(const std::string& key);
  // Forgets every key `drop` is true for (an admin's unlock; walks the whole table).
  void ForgetIf(const std::function<bool(const std::string&)>& drop);
  size_t size() const;

 private:
  struct Entry {
    Backoff backoff;
    bool held = false;  // in back-off: lives in held_, else in free_
    std::list<const std::string*>::iterator position;
  };
  using Map = std::unordered_map<std::string, Entry>;
  void Unlink(Map::iterator it);
  void DropForgotten(std::list<const std::string*>& list, Instant now);
  void MakeRoom(Instant now);

  const SignInPolicy& policy_;
  const int free_failures_;
  const std::chrono::seconds max_wait_;
  mutable std::mutex mu_;
  Map entries_;
  // Keys of entries_, most recently failed first: within their allowance, and in back-off.
  std::list<const std::string*> free_, held_;
};

// At most `slots` password hashes at once (M4: each argon2id takes 64 MiB). Thread-safe.
class HashSlots {
 public:
  explicit HashSlots(int slots) : free_(slots < 1 ? 1 : slots) {}
  // Waits at most `wait` for a slot; false when none came free.
  bool Acquire(std::chrono::milliseconds wait);
  void Release();

  // A slot held for a scope: false when none came free in time.
  class Slot {
   public:
    Slot(HashSlots& slots, std::chrono::milliseconds wait)
        : slots_(slots), held_(slots.Acquire(wait)) {}
    ~Slot() {
      if (held_) slots_.Release();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    explicit operator bool() const { return held_; }

   private:
    HashSlots& slots_;
    bool held_;
  };

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher, const AuditLog& audit,
              SignInPolicy policy = {});

  // kUnauthenticated, with one message, for a wrong password, an unknown username, a disabled
  // account and a locked one (whatever the password: a lock is silent), so accounts cannot be
  // probed; each is audited as session.failed with its reason. kResourceExhausted while the
  // client (the address, or the address and username) must wait after repeated failures, with
  // the seconds to wait in `retry_after`. kUnavailable when no password hash slot came free.
  // Only failures count; a success clears the client's (address, username) entry.
  Result<SignedIn> SignIn(const std::string& username, const std::string& password,
                          const std::string& remote_address,
                          std::chrono::seconds* retry_after = nullptr);
  // kUnauthenticated when the token names no live session.
  Result<Authenticated> Authenticate(const std::string& token);
  Status SignOut(const std::string& token, const Caller& caller);
  // kInvalidArgument when the old password is wrong (counted like a failed sign-in, toward the
  // account's lockout and the client's back-off) or the new one breaks the rules;
  // kResourceExhausted while the account is locked or the client must wait (`retry_after`).
  // Other sessions of the account end; `keep_token`'s stays.
  Status ChangePassword(const Caller& caller, const std::string& old_password,
                        const std::string& new_password, const std::string& keep_token,
                        const std::string& remote_address = "",
                        std::chrono::seconds* retry_after = nullptr);
  // An admin ends an account's lockout and clears its failure counts (also the in-memory ones
  // of its username). kPermissionDenied for other roles; kNotFound outside the caller's scope.
  Result<Account> Unlock(const Caller& caller, AccountId id);

  const SignInPolicy& policy() const { return policy_; }

 private:
  // The seconds until `at`, at least 1.
  static std::chrono::seconds SecondsUntil(Instant at, Instant now);
  // kResourceExhausted, with the wait in `retry_after`, while either table holds this client
  // back (the later of the two instants).
  Status RefuseWhileHeld(const std::string& pair_key, const std::string& address_key, Instant now,
                         std::chrono::seconds* retry_after);
  // Counts one more failure on `account` (not while it is locked); true when it is locked now.
  bool CountFailure(Account& account, Instant now) const;
  void RecordClientFailure(const std::string& pair_key, const std::string& address_key,
                           Instant now);
  // One verify under a hash slot: nullopt when no slot came free in time.
  std::optional<bool> VerifyBounded(const std::string& hash, const std::string& password);
  // Audits a failure for a username no account has (the username sanitised).
  Status AuditUnknownUser(Tx& tx, const std::string& username, const std::string& remote_address);

  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  const AuditLog& audit_;
  SignInPolicy policy_;
  FailureTable pairs_{policy_, policy_.pair_free_failures, policy_.pair_backoff_max};
  FailureTable addresses_{policy_, policy_.address_free_failures, policy_.address_backoff_max};
  HashSlots hash_slots_{policy_.max_concurrent_hashes};
  std::string dummy_hash_;  // verified against when the username is unknown, to equalise time
};

}  // namespace duban
