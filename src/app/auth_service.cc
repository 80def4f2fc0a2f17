#include "app/auth_service.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "core/permission.h"

namespace duban {
namespace {

constexpr char kBadCredentials[] = "用户名或密码错误";
constexpr char kBusy[] = "服务器繁忙，请稍后再试";
// last_seen is written at most this often, so a busy session is not a write per request.
constexpr auto kTouchInterval = std::chrono::minutes(5);
// The username part of a pair key: more says nothing about a client, and bounds memory.
constexpr size_t kMaxKeyUsername = 64;

std::string PairKey(const std::string& address_key, const std::string& username) {
  return address_key + '\x1f' + username.substr(0, kMaxKeyUsername);
}

// A tried username as the audit event records it (L2): at most 32 bytes of the characters a
// username may hold (ValidateUsername, upper case too), anything else as '?'.
std::string SanitisedUsername(const std::string& tried) {
  std::string out;
  for (char c : tried.substr(0, 32)) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '_' || c == '.' || c == '-';
    out += ok ? c : '?';
  }
  return out;
}

std::string WaitMessage(std::chrono::seconds wait) {
  return "登录失败次数过多，请 " + std::to_string(wait.count()) + " 秒后再试";
}

}  // namespace

std::string ThrottleKey(std::string_view address) {
  std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return text;
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[INET6_ADDRSTRLEN];
  if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) {
    if (inet_ntop(AF_INET, bytes + 12, out, sizeof out)) return out;
    return text;
  }
  std::memset(bytes + 8, 0, 8);
  if (!inet_ntop(AF_INET6, bytes, out, sizeof out)) return text;
  return std::string(out) + "/64";
}

// ---- FailureTable ----

std::optional<Instant> FailureTable::RetryAt(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return duban::RetryAt(it->second.backoff, free_failures_, max_wait_, policy_, now);
}

void FailureTable::Unlink(Map::iterator it) {
  (it->second.held ? held_ : free_).erase(it->second.position);
}

void FailureTable::DropForgotten(std::list<const std::string*>& list, Instant now) {
  while (!list.empty()) {
    auto it = entries_.find(*list.back());
    if (!IsForgotten(it->second.backoff, policy_, now)) return;
    list.pop_back();
    entries_.erase(it);
  }
}

void FailureTable::MakeRoom(Instant now) {
  DropForgotten(free_, now);
  DropForgotten(held_, now);
  while (entries_.size() >= std::max<size_t>(1, policy_.max_tracked_clients)) {
    std::list<const std::string*>& victims = free_.empty() ? held_ : free_;
    auto it = entries_.find(*victims.back());
    victims.pop_back();
    entries_.erase(it);
  }
}

void FailureTable::RecordFailure(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    MakeRoom(now);
    it = entries_.emplace(key, Entry{}).first;
  } else {
    Unlink(it);
  }
  Entry& e = it->second;
  e.backoff = AfterClientFailure(e.backoff, policy_, now);
  e.held = e.backoff.failures >= free_failures_;
  std::list<const std::string*>& list = e.held ? held_ : free_;
  list.push_front(&it->first);
  e.position = list.begin();
}

void FailureTable::Forget(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  Unlink(it);
  entries_.erase(it);
}

void FailureTable::ForgetIf(const std::function<bool(const std::string&)>& drop) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (drop(it->first)) {
      Unlink(it);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

size_t FailureTable::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

// ---- HashSlots ----

bool HashSlots::Acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, wait, [&] { return free_ > 0; })) return false;
  --free_;
  return true;
}

void HashSlots::Release() {
  {
    std::lock_guard lock(mu_);
    ++free_;
  }
  cv_.notify_one();
}

// ---- AuthService ----

AuthService::AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher,
                         const AuditLog& audit, SignInPolicy policy)
    : store_(store), clock_(clock), hasher_(hasher), audit_(audit), policy_(policy) {
  auto h = hasher_.Hash(RandomHex(16));
  if (h.ok()) dummy_hash_ = *h;
}

std::chrono::seconds AuthService::SecondsUntil(Instant at, Instant now) {
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(at - now));
}

Status AuthService::RefuseWhileHeld(const std::string& pair_key, const std::string& address_key,
                                    Instant now, std::chrono::seconds* retry_after) {
  std::optional<Instant> pair = pairs_.RetryAt(pair_key, now);
  std::optional<Instant> address = addresses_.RetryAt(address_key, now);
  std::optional<Instant> at = pair && address ? std::max(*pair, *address) : pair ? pair : address;
  if (!at) return Status::Ok();
  std::chrono::seconds wait = SecondsUntil(*at, now);
  if (retry_after) *retry_after = wait;
  return ResourceExhausted(WaitMessage(wait));
}

bool AuthService::CountFailure(Account& account, Instant now) const {
  LockState next = AfterFailure({account.failed_logins, account.locked_until}, policy_, now);
  account.failed_logins = next.failed_logins;
  account.locked_until = next.locked_until;
  return IsLocked(next, now);
}

void AuthService::RecordClientFailure(const std::string& pair_key, const std::string& address_key,
                                      Instant now) {
  pairs_.RecordFailure(pair_key, now);
  addresses_.RecordFailure(address_key, now);
}

std::optional<bool> AuthService::VerifyBounded(const std::string& hash,
                                               const std::string& password) {
  HashSlots::Slot slot(hash_slots_, policy_.hash_wait);
  if (!slot) return std::nullopt;
  return hasher_.Verify(hash, password);
}

Status AuthService::AuditUnknownUser(Tx& tx, const std::string& username,
                                     const std::string& remote_address) {
  // The event belongs to the top of the tree when there is one top (its admins and supervisors
  // read it); with several tops, to none of them (the operator's `duban audit` shows it).
  std::optional<UnitId> unit_id;
  std::string unit_path = "/";
  UnitRepository::Query roots;
  roots.roots_only = true;
  roots.page = {1, 2};
  DUBAN_ASSIGN_OR_RETURN(Page<Unit> tops, tx.units().List(Scope::Everything(), roots));
  if (tops.items.size() == 1) {
    unit_id = tops.items[0].id;
    unit_path = tops.items[0].path;
  }
  Caller nobody;
  nobody.username = "";
  SignInFailureSnapshot detail{remote_address, "unknown_user", SanitisedUsername(username), false,
                               std::nullopt};
  return audit_.Append(tx, nobody,
                       {"session.failed", "account", "", unit_id, unit_path, {}, detail});
}

Result<SignedIn> AuthService::SignIn(const std::string& username, const std::string& password,
                                     const std::string& remote_address,
                                     std::chrono::seconds* retry_after) {
  Instant now = clock_.Now();
  const std::string address_key = ThrottleKey(remote_address);
  const std::string pair_key = PairKey(address_key, username);
  // H2: only a client that has failed again and again waits; the wait is about the address,
  // never about the account, so this answer tells nothing about the username.
  DUBAN_RETURN_IF_ERROR(RefuseWhileHeld(pair_key, address_key, now, retry_after));
  Account account;
  bool found = false;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    auto a = tx.accounts().FindByUsername(username);
    if (a.ok()) {
      account = std::move(a).value();
      found = true;
    } else if (a.status().code() != ErrorCode::kNotFound) {
      return a.status();
    }
    return Status::Ok();
  }));
  // L2: exactly one argon2 verify whatever the account's state, outside any transaction (it
  // takes tens of milliseconds by design), under a hash slot (M4).
  std::optional<bool> verified =
      VerifyBounded(found ? account.password_hash : dummy_hash_, password);
  if (!verified) return Unavailable(kBusy);
  const bool locked = found && IsLocked({account.failed_logins, account.locked_until}, now);
  if (found && *verified && !account.disabled && !locked) {
    pairs_.Forget(pair_key);
    SignedIn out;
    out.token = RandomHex(32);
    out.csrf_token = RandomHex(32);
    Caller caller = Caller::ForAccount(account);
    DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Account current, tx.accounts().Get(Scope::Everything(), account.id));
      if (current.failed_logins != 0 || current.locked_until) {
        current.failed_logins = 0;
        current.locked_until.reset();
        DUBAN_RETURN_IF_ERROR(tx.accounts().Update(Scope::Everything(), current));
      }
      SessionRecord session{Sha256Hex(out.token), account.id, out.csrf_token, now, now};
      DUBAN_RETURN_IF_ERROR(tx.sessions().Insert(session));
      out.account = current;
      return audit_.Append(tx, caller,
                           {"session.create",
                            "account",
                            std::to_string(account.id),
                            account.unit_id,
                            account.unit_path,
                            {},
                            SessionSnapshot{remote_address}});
    }));
    return out;
  }
  // A failure of any kind: counted for the client, audited, and answered alike (L2). Each kind
  // costs one write transaction; only a wrong password for a usable account also updates it.
  RecordClientFailure(pair_key, address_key, now);
  Status s = store_.Write([&](Tx& tx) -> Status {
    if (!found) return AuditUnknownUser(tx, username, remote_address);
    DUBAN_ASSIGN_OR_RETURN(Account current, tx.accounts().Get(Scope::Everything(), account.id));
    // Here the password was wrong, or the account disabled or locked when it was read.
    const char* reason = "wrong_password";
    bool now_locked = IsLocked({current.failed_logins, current.locked_until}, now);
    if (account.disabled || current.disabled) {
      reason = "disabled";
    } else if (locked || now_locked) {
      reason = "locked";  // not counted: guesses made during a lock do not extend it
    } else {
      now_locked = CountFailure(current, now);
      DUBAN_RETURN_IF_ERROR(tx.accounts().Update(Scope::Everything(), current));
    }
    SignInFailureSnapshot detail{remote_address, reason, std::nullopt, now_locked, std::nullopt};
    if (now_locked) detail.locked_until = FormatRfc3339(*current.locked_until);
    return audit_.Append(tx, Caller::ForAccount(account),
                         {"session.failed",
                          "account",
                          std::to_string(account.id),
                          account.unit_id,
                          account.unit_path,
                          {},
                          detail});
  });
  DUBAN_RETURN_IF_ERROR(s);
  return Unauthenticated(kBadCredentials);
}

Result<Authenticated> AuthService::Authenticate(const std::string& token) {
  if (token.size() != 64) return Unauthenticated("未登录或会话已过期");
  Instant now = clock_.Now();
  std::string token_hash = Sha256Hex(token);
  Authenticated out;
  SessionRecord session;
  Status s = store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(session, tx.sessions().Find(token_hash));
    DUBAN_ASSIGN_OR_RETURN(out.account, tx.accounts().Get(Scope::Everything(), session.account_id));
    return Status::Ok();
  });
  if (s.code() == ErrorCode::kNotFound) return Unauthenticated("未登录或会话已过期");
  DUBAN_RETURN_IF_ERROR(s);
  if (out.account.disabled ||
      !IsSessionLive(session.created_at, session.last_seen_at, policy_, now)) {
    return Unauthenticated("未登录或会话已过期");
  }
  if (now - session.last_seen_at >= kTouchInterval) {
    DUBAN_RETURN_IF_ERROR(
        store_.Write([&](Tx& tx) { return tx.sessions().Touch(token_hash, now); }));
  }
  out.caller = Caller::ForAccount(out.account);
  out.csrf_token = session.csrf_token;
  return out;
}

Status AuthService::SignOut(const std::string& token, const Caller& caller) {
  return store_.Write([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(tx.sessions().Delete(Sha256Hex(token)));
    return audit_.Append(tx, caller,
                         {"session.delete",
                          "account",
                          std::to_string(caller.account_id.value_or(0)),
                          caller.unit_id,
                          caller.unit_path,
                          {},
                          {}});
  });
}

Status AuthService::ChangePassword(const Caller& caller, const std::string& old_password,
                                   const std::string& new_password, const std::string& keep_token,
                                   const std::string& remote_address,
                                   std::chrono::seconds* retry_after) {
  if (!caller.account_id) return FailedPrecondition("只有已登录账号可以修改自己的密码");
  Instant now = clock_.Now();
  const std::string address_key = ThrottleKey(remote_address);
  const std::string pair_key = PairKey(address_key, caller.username);
  // L4: a stolen session must not make a password oracle; the same back-off as sign-in.
  DUBAN_RETURN_IF_ERROR(RefuseWhileHeld(pair_key, address_key, now, retry_after));
  Account account;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(account, tx.accounts().Get(caller.scope(), *caller.account_id));
    return Status::Ok();
  }));
  if (IsLocked({account.failed_logins, account.locked_until}, now)) {
    std::chrono::seconds wait = SecondsUntil(*account.locked_until, now);
    if (retry_after) *retry_after = wait;
    auto minutes = std::chrono::ceil<std::chrono::minutes>(wait).count();
    return ResourceExhausted("账号因多次密码错误已被临时锁定，请 " + std::to_string(minutes) +
                             " 分钟后再试，或请系统管理员解锁");
  }
  // The cheap checks first: a request that cannot succeed costs no argon2 run.
  if (Status v = ValidatePassword(new_password); !v.ok()) return v.WithField("new_password");
  if (old_password == new_password) {
    return InvalidArgument("新密码不能与原密码相同", "new_password");
  }
  std::optional<bool> verified = VerifyBounded(account.password_hash, old_password);
  if (!verified) return Unavailable(kBusy);
  if (!*verified) {
    RecordClientFailure(pair_key, address_key, now);
    DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Account current,
                             tx.accounts().Get(caller.scope(), *caller.account_id));
      bool now_locked = IsLocked({current.failed_logins, current.locked_until}, now);
      if (!now_locked) {
        now_locked = CountFailure(current, now);
        DUBAN_RETURN_IF_ERROR(tx.accounts().Update(caller.scope(), current));
      }
      SignInFailureSnapshot detail{remote_address, "wrong_old_password", std::nullopt, now_locked,
                                   std::nullopt};
      if (now_locked) detail.locked_until = FormatRfc3339(*current.locked_until);
      return audit_.Append(tx, caller,
                           {"account.password_failed",
                            "account",
                            std::to_string(current.id),
                            current.unit_id,
                            current.unit_path,
                            {},
                            detail});
    }));
    return InvalidArgument("原密码不正确", "old_password");
  }
  std::string hash;
  {
    HashSlots::Slot slot(hash_slots_, policy_.hash_wait);
    if (!slot) return Unavailable(kBusy);
    DUBAN_ASSIGN_OR_RETURN(hash, hasher_.Hash(new_password));
  }
  pairs_.Forget(pair_key);
  return store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account current, tx.accounts().Get(caller.scope(), *caller.account_id));
    current.password_hash = hash;
    current.failed_logins = 0;
    current.locked_until.reset();
    DUBAN_RETURN_IF_ERROR(tx.accounts().Update(caller.scope(), current));
    // Every other session of the account ends; the caller's own stays, CSRF token and all.
    std::optional<SessionRecord> kept;
    if (!keep_token.empty()) {
      auto found = tx.sessions().Find(Sha256Hex(keep_token));
      if (found.ok()) {
        kept = *found;
      } else if (found.status().code() != ErrorCode::kNotFound) {
        return found.status();  // not "no session to keep": that would end the caller's own
      }
    }
    DUBAN_RETURN_IF_ERROR(tx.sessions().DeleteForAccount(current.id));
    if (kept) DUBAN_RETURN_IF_ERROR(tx.sessions().Insert(*kept));
    return audit_.Append(tx, caller,
                         {"account.password",
                          "account",
                          std::to_string(current.id),
                          current.unit_id,
                          current.unit_path,
                          {},
                          PasswordChangeSnapshot{"self"}});
  });
}

Result<Account> AuthService::Unlock(const Caller& caller, AccountId id) {
  if (!May(caller.roles, Capability::kAccountManage)) {
    return PermissionDenied("您的角色无权执行此操作（需要系统管理员）");
  }
  Account out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account before, tx.accounts().Get(caller.scope(), id));
    out = before;
    out.failed_logins = 0;
    out.locked_until.reset();
    DUBAN_RETURN_IF_ERROR(tx.accounts().Update(caller.scope(), out));
    return audit_.Append(tx, caller,
                         {"account.unlock", "account", std::to_string(id), out.unit_id,
                          out.unit_path, LockSnapshot::Of(before), LockSnapshot::Of(out)});
  }));
  // The account's clients start afresh too: its owner may sign in at once from anywhere.
  const std::string suffix = std::string(1, '\x1f') + out.username.substr(0, kMaxKeyUsername);
  pairs_.ForgetIf([&](const std::string& key) { return key.ends_with(suffix); });
  return out;
}

}  // namespace duban
