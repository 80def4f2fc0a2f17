// AuthService: sign-in, sessions, sign-out and password changes (SPEC §9, §10).
// Thread-safe: holds no per-request state; the per-address throttle has its own lock.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

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

// Limits sign-in attempts per client address: at most `max_attempts` in `window`.
class AddressThrottle {
 public:
  AddressThrottle(int max_attempts, std::chrono::seconds window)
      : max_attempts_(max_attempts), window_(window) {}
  // Counts an attempt; false when the address is over its limit.
  bool Allow(const std::string& address, Instant now);

 private:
  struct Window {
    Instant start;
    int attempts = 0;
  };
  int max_attempts_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, Window> windows_;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher, const AuditLog& audit,
              SignInPolicy policy = {});

  // kUnauthenticated for a wrong username or password or a disabled account (one message for
  // all, so usernames cannot be probed); kResourceExhausted while the account is locked or the
  // address is throttled.
  Result<SignedIn> SignIn(const std::string& username, const std::string& password,
                          const std::string& remote_address);
  // kUnauthenticated when the token names no live session.
  Result<Authenticated> Authenticate(const std::string& token);
  Status SignOut(const std::string& token, const Caller& caller);
  // kInvalidArgument when the old password is wrong or the new one breaks the rules.
  // Other sessions of the account end; `keep_token`'s stays.
  Status ChangePassword(const Caller& caller, const std::string& old_password,
                        const std::string& new_password, const std::string& keep_token);

  const SignInPolicy& policy() const { return policy_; }

 private:
  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  const AuditLog& audit_;
  SignInPolicy policy_;
  AddressThrottle throttle_{30, std::chrono::seconds(300)};
  std::string dummy_hash_;  // verified against when the username is unknown, to equalise time
};

}  // namespace duban
