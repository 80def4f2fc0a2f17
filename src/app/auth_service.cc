#include "app/auth_service.h"

#include "app/views.h"

namespace duban {
namespace {

constexpr char kBadCredentials[] = "用户名或密码错误";
// last_seen is written at most this often, so a busy session is not a write per request.
constexpr auto kTouchInterval = std::chrono::minutes(5);

}  // namespace

bool AddressThrottle::Allow(const std::string& address, Instant now) {
  std::lock_guard lock(mu_);
  if (windows_.size() > 100000) windows_.clear();  // bound memory under a spray of addresses
  Window& w = windows_[address];
  if (w.attempts == 0 || now - w.start >= window_) {
    w.start = now;
    w.attempts = 0;
  }
  ++w.attempts;
  return w.attempts <= max_attempts_;
}

AuthService::AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher,
                         const AuditLog& audit, SignInPolicy policy)
    : store_(store), clock_(clock), hasher_(hasher), audit_(audit), policy_(policy) {
  auto h = hasher_.Hash(RandomHex(16));
  if (h.ok()) dummy_hash_ = *h;
}

Result<SignedIn> AuthService::SignIn(const std::string& username, const std::string& password,
                                     const std::string& remote_address) {
  Instant now = clock_.Now();
  if (!throttle_.Allow(remote_address, now)) {
    return ResourceExhausted("登录尝试过于频繁，请稍后再试");
  }
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
  if (!found) {
    (void)hasher_.Verify(dummy_hash_, password);
    return Unauthenticated(kBadCredentials);
  }
  if (IsLocked({account.failed_logins, account.locked_until}, now)) {
    auto minutes = std::chrono::ceil<std::chrono::minutes>(*account.locked_until - now).count();
    return ResourceExhausted("账号因多次密码错误已被临时锁定，请 " + std::to_string(minutes) +
                             " 分钟后再试");
  }
  // Argon2 runs outside any transaction: it takes tens of milliseconds by design.
  bool password_ok = hasher_.Verify(account.password_hash, password);
  Caller caller = Caller::ForAccount(account);
  if (!password_ok || account.disabled) {
    Status s = store_.Write([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Account current, tx.accounts().Get(Scope::Everything(), account.id));
      LockState next = AfterFailure({current.failed_logins, current.locked_until}, policy_, now);
      current.failed_logins = next.failed_logins;
      current.locked_until = next.locked_until;
      DUBAN_RETURN_IF_ERROR(tx.accounts().Update(Scope::Everything(), current));
      nlohmann::json detail = {{"remote_address", remote_address},
                               {"reason", account.disabled ? "disabled" : "wrong_password"},
                               {"locked", next.locked_until.has_value()}};
      return audit_.Append(tx, caller,
                           {"session.failed", "account", std::to_string(account.id),
                            account.unit_id, account.unit_path, nullptr, detail});
    });
    DUBAN_RETURN_IF_ERROR(s);
    return Unauthenticated(account.disabled ? "账号已停用，请联系系统管理员" : kBadCredentials);
  }
  SignedIn out;
  out.token = RandomHex(32);
  out.csrf_token = RandomHex(32);
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
    return audit_.Append(
        tx, caller,
        {"session.create", "account", std::to_string(account.id), account.unit_id,
         account.unit_path, nullptr, nlohmann::json{{"remote_address", remote_address}}});
  }));
  return out;
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
    return audit_.Append(
        tx, caller,
        {"session.delete", "account", std::to_string(caller.account_id.value_or(0)), caller.unit_id,
         caller.unit_path, nullptr, nullptr});
  });
}

Status AuthService::ChangePassword(const Caller& caller, const std::string& old_password,
                                   const std::string& new_password, const std::string& keep_token) {
  if (!caller.account_id) return FailedPrecondition("只有已登录账号可以修改自己的密码");
  Account account;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(account, tx.accounts().Get(caller.scope(), *caller.account_id));
    return Status::Ok();
  }));
  if (!hasher_.Verify(account.password_hash, old_password)) {
    return InvalidArgument("原密码不正确", "old_password");
  }
  if (Status v = ValidatePassword(new_password); !v.ok()) return v.WithField("new_password");
  if (old_password == new_password) {
    return InvalidArgument("新密码不能与原密码相同", "new_password");
  }
  DUBAN_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  return store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account current, tx.accounts().Get(caller.scope(), *caller.account_id));
    current.password_hash = hash;
    DUBAN_RETURN_IF_ERROR(tx.accounts().Update(caller.scope(), current));
    // Every other session of the account ends; the caller's own stays, CSRF token and all.
    std::optional<SessionRecord> kept;
    if (!keep_token.empty()) {
      auto found = tx.sessions().Find(Sha256Hex(keep_token));
      if (found.ok()) kept = *found;
    }
    DUBAN_RETURN_IF_ERROR(tx.sessions().DeleteForAccount(current.id));
    if (kept) DUBAN_RETURN_IF_ERROR(tx.sessions().Insert(*kept));
    return audit_.Append(
        tx, caller,
        {"account.password", "account", std::to_string(current.id), current.unit_id,
         current.unit_path, nullptr, nlohmann::json{{"changed_by", "self"}}});
  });
}

}  // namespace duban
