// Sign-in and account security (security review H2, L2, L3, L4, L5, L17, M4): failures, not
// attempts, are counted per (address, username) and per address with a back-off; accounts lock
// for a bounded time and admins unlock them; every failed answer looks the same; a wrong old
// password counts too; the failure tables stay bounded; argon2 runs are bounded.
#include <atomic>
#include <future>
#include <thread>

#include "http/api_fixture.h"

namespace duban::http {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class AuthApiTest : public ApiTest {
 protected:
  // A request from `address` (what the server's edge delivers as the client's address).
  Response CallFrom(const std::string& address, const std::string& method,
                    const std::string& target, const json& body = nullptr,
                    const Session* session = nullptr) {
    Request r;
    r.method = method;
    r.target = target;
    r.remote_address = address;
    EXPECT_TRUE(ParseTarget(target, r.path, r.query));
    if (!body.is_null()) {
      r.body = body.dump();
      r.headers["Content-Type"] = "application/json";
    }
    if (session) {
      r.headers["Cookie"] = "duban_session=" + session->cookie;
      r.headers["X-CSRF-Token"] = session->csrf;
    }
    return api_.Handle(r);
  }

  Response SignInFrom(const std::string& address, const std::string& username,
                      const std::string& password) {
    return CallFrom(address, "POST", "/api/v1/session",
                    {{"username", username}, {"password", password}});
  }

  // Locks `username` with failures from distinct addresses (no client back-off involved).
  void Lock(const std::string& username) {
    for (int i = 0; i < auth_.policy().max_failures; ++i) {
      ASSERT_EQ(
          SignInFrom("10.200." + std::to_string(++lockers_) + ".1", username, "Bad-pass-1").status,
          401);
    }
  }

  int64_t AccountId(const std::string& username) {
    json page =
        Body(Call("GET", "/api/v1/accounts?q=" + username + "&page_size=50", nullptr, &admin()));
    for (const auto& a : page["items"]) {
      if (a["username"] == username) return a["id"];
    }
    ADD_FAILURE() << "no account " << username;
    return 0;
  }

  // The newest audit events of `action`, newest first, as the admin sees them.
  std::vector<json> AuditOf(const std::string& action) {
    std::vector<json> out;
    json page = Body(Call("GET", "/api/v1/audit?page_size=200", nullptr, &admin()));
    for (const auto& e : page["items"]) {
      if (e["action"] == action) out.push_back(e);
    }
    return out;
  }

  int lockers_ = 0;
};

// H2: a spray from 100 addresses, nine of its tries on a real account, stops no one: the
// account's owner and the admin sign in from elsewhere (the old code locked after 5).
TEST_F(AuthApiTest, HundredFailuresFromHundredAddressesDoNotStopACorrectSignIn) {
  for (int i = 0; i < 100; ++i) {
    std::string user = i < 9 ? "viewer" : "spray" + std::to_string(i);
    EXPECT_EQ(SignInFrom("10.9.0." + std::to_string(i), user, "Wrong-pass-1").status, 401) << i;
  }
  Response viewer = SignInFrom("10.9.1.1", "viewer", kPassword);
  EXPECT_EQ(viewer.status, 200) << viewer.body;
  EXPECT_EQ(SignInFrom("10.9.1.2", "admin", kPassword).status, 200);
}

// H2: the 09:00 rush behind one proxy address: successes never count, and a few typos among
// them do not trip the address's allowance (the old code refused after 30 attempts).
TEST_F(AuthApiTest, TwoHundredSignInsFromOneAddressAllSucceed) {
  const std::vector<std::string> users = {"admin",      "viewer",    "leader",     "supervisor",
                                          "evaluator",  "leader_jt", "handler_jt", "handler_sj",
                                          "handler_rx", "handler_cg"};
  for (int i = 0; i < 200; ++i) {
    const std::string& user = users[i % users.size()];
    if (i % 20 == 0) {
      EXPECT_EQ(SignInFrom("203.0.113.7", user, "typo-pass-1").status, 401) << i;
    }
    Response r = SignInFrom("203.0.113.7", user, kPassword);
    ASSERT_EQ(r.status, 200) << i << " " << user << ": " << r.body;
  }
}

// H2/L3: five failures for (address, user) make that client wait, growing; the same user from
// another address still signs in, since the account locks only at ten.
TEST_F(AuthApiTest, BackOffHoldsOneClientButNotTheAccountsOwnerElsewhere) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignInFrom("198.51.100.1", "viewer", "Wrong-pass-1").status, 401);
  }
  Response held = SignInFrom("198.51.100.1", "viewer", kPassword);
  ASSERT_EQ(held.status, 429) << held.body;
  ASSERT_NE(held.Get("Retry-After"), nullptr);
  EXPECT_EQ(*held.Get("Retry-After"), "5");
  EXPECT_EQ(Body(held)["error"]["message"], "登录失败次数过多，请 5 秒后再试");
  Response elsewhere = SignInFrom("198.51.100.2", "viewer", kPassword);
  EXPECT_EQ(elsewhere.status, 200) << elsewhere.body;
  // The client may try again when its wait is over, and a further failure doubles the wait.
  // (The success above cleared only the other address's entry.)
  clock_.Advance(seconds(5));
  EXPECT_EQ(SignInFrom("198.51.100.1", "viewer", "Wrong-pass-1").status, 401);
  Response longer = SignInFrom("198.51.100.1", "viewer", "Wrong-pass-1");
  ASSERT_EQ(longer.status, 429);
  EXPECT_EQ(*longer.Get("Retry-After"), "10");
  // The address's own allowance (30) is not yet used up: another user from it is not held.
  EXPECT_EQ(SignInFrom("198.51.100.1", "leader", kPassword).status, 200);
}

// H2: per address, whatever the usernames, 30 failures then the same back-off for everyone
// behind that address; an IPv6 client is one /64, so hopping inside it does not help (L5).
TEST_F(AuthApiTest, AnAddressAndItsSlash64HaveAnAllowanceToo) {
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(SignInFrom("2001:db8:1:2::" + std::to_string(i + 1), "spray" + std::to_string(i),
                         "Wrong-pass-1")
                  .status,
              401)
        << i;
  }
  Response held = SignInFrom("2001:db8:1:2:ffff::9", "admin", kPassword);
  EXPECT_EQ(held.status, 429) << held.body;
  EXPECT_EQ(SignInFrom("2001:db8:1:3::1", "admin", kPassword).status, 200) << "another /64";
  clock_.Advance(seconds(5));
  EXPECT_EQ(SignInFrom("2001:db8:1:2:ffff::9", "admin", kPassword).status, 200);
  // Everyone behind an address waits with it, so its wait doubles only up to a minute.
  std::string retry_after;
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(SignInFrom("2001:db8:1:2::77", "more" + std::to_string(i), "Wrong-pass-1").status,
              401);
    Response wait = SignInFrom("2001:db8:1:2::77", "admin", kPassword);
    ASSERT_EQ(wait.status, 429) << i;
    retry_after = *wait.Get("Retry-After");
    EXPECT_LE(std::stoi(retry_after), 60) << i;
    clock_.Advance(seconds(std::stoi(retry_after)));
  }
  EXPECT_EQ(retry_after, "60");
}

// L3: a locked account answers like a wrong password, ends by itself after its time (longer
// at the next lock), and an admin can end it at once; others may not.
TEST_F(AuthApiTest, ALockedAccountUnlocksAfterItsTimeAndByAnAdmin) {
  Lock("viewer");
  Response locked = SignInFrom("10.7.0.1", "viewer", kPassword);
  EXPECT_EQ(locked.status, 401) << locked.body;
  EXPECT_EQ(Body(locked)["error"]["message"], "用户名或密码错误");
  auto failed = AuditOf("session.failed");
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(failed[0]["after"]["reason"], "locked");
  EXPECT_EQ(failed[1]["after"]["locked"], true) << "the tenth failure locked it";
  clock_.Advance(minutes(15));

  // The next lock in a row (no success between) lasts 30 minutes: still locked after 20,
  // until an admin unlocks it; no one else may.
  Lock("viewer");
  clock_.Advance(minutes(20));
  EXPECT_EQ(SignInFrom("10.7.0.2", "viewer", kPassword).status, 401);
  const std::string unlock = "/api/v1/accounts/" + std::to_string(AccountId("viewer")) + "/unlock";
  Session leader = SignIn("leader");
  int64_t before = AuditCount();
  EXPECT_EQ(Call("POST", unlock, nullptr, &leader).status, 403);
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(SignInFrom("10.7.0.3", "viewer", kPassword).status, 401) << "still locked";
  Response unlocked = Call("POST", unlock, nullptr, &admin());
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_EQ(Body(unlocked)["locked_until"], nullptr);
  auto events = AuditOf("account.unlock");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0]["before"]["locked_until"], nullptr);
  EXPECT_EQ(SignInFrom("10.7.0.4", "viewer", kPassword).status, 200);

  // After the unlock the count starts afresh: the next lock is a first one, 15 minutes.
  Lock("viewer");
  clock_.Advance(minutes(14));
  EXPECT_EQ(SignInFrom("10.7.0.5", "viewer", kPassword).status, 401);
  clock_.Advance(minutes(1));
  EXPECT_EQ(SignInFrom("10.7.0.6", "viewer", kPassword).status, 200);
}

// L3: the unlock also lets the owner in from an address that was being held for that account.
TEST_F(AuthApiTest, UnlockAlsoReleasesTheClientsHeldForThatAccount) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignInFrom("192.0.2.9", "viewer", "Wrong-pass-1").status, 401);
  }
  EXPECT_EQ(SignInFrom("192.0.2.9", "viewer", kPassword).status, 429);
  ASSERT_EQ(Call("POST", "/api/v1/accounts/" + std::to_string(AccountId("viewer")) + "/unlock",
                 nullptr, &admin())
                .status,
            200);
  EXPECT_EQ(SignInFrom("192.0.2.9", "viewer", kPassword).status, 200);
}

// L2: wrong password, unknown user, disabled and locked accounts (with the right password or
// not) get the very same answer; each failure is audited with its reason, the unknown
// username too (sanitised), where the county's admin reads it.
TEST_F(AuthApiTest, UnknownDisabledLockedAndWrongPasswordLookTheSame) {
  ASSERT_EQ(Call("PATCH", "/api/v1/accounts/" + std::to_string(AccountId("handler_rx")),
                 {{"disabled", true}}, &admin())
                .status,
            200);
  Lock("viewer");
  struct Try {
    std::string username, password, reason;
  };
  const Try tries[] = {
      {"leader", "Wrong-pass-1", "wrong_password"},
      {"ghost", "Wrong-pass-1", "unknown_user"},
      {"handler_rx", kPassword, "disabled"},
      {"handler_rx", "Wrong-pass-1", "disabled"},
      {"viewer", kPassword, "locked"},
      {"viewer", "Wrong-pass-1", "locked"},
  };
  std::optional<Response> first;
  int n = 0;
  for (const Try& t : tries) {
    Response r = SignInFrom("10.8.0." + std::to_string(++n), t.username, t.password);
    EXPECT_EQ(r.status, 401) << t.username;
    if (!first) first = r;
    EXPECT_EQ(r.body, first->body) << t.username << " / " << t.reason;
    auto failed = AuditOf("session.failed");
    ASSERT_FALSE(failed.empty());
    EXPECT_EQ(failed[0]["after"]["reason"], t.reason) << t.username;
  }
  Response odd = SignInFrom("10.8.1.1", "Eve\u202e\n" + std::string(100, 'x'), "Wrong-pass-1");
  EXPECT_EQ(odd.body, first->body);
  auto failed = AuditOf("session.failed");
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(failed[0]["after"]["username"], "Eve????" + std::string(25, 'x'));
  EXPECT_EQ(failed[0]["actor_account_id"], nullptr);
  EXPECT_EQ(failed[0]["after"]["remote_address"], "10.8.1.1");
}

// L4: a wrong old password counts like a failed sign-in: the client is held after five, the
// account locks at ten, and a locked account cannot change its password (nor sign in).
TEST_F(AuthApiTest, WrongOldPasswordsAreThrottledAndLockTheAccount) {
  Session s = SignIn("viewer");
  auto change = [&](const std::string& address, const std::string& old_password) {
    return CallFrom(address, "PUT", "/api/v1/me/password",
                    {{"old_password", old_password}, {"new_password", "Changed-pass-9"}}, &s);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(change("10.6.0.1", "Wrong-pass-1").status, 400) << i;
  Response held = change("10.6.0.1", kPassword);
  ASSERT_EQ(held.status, 429) << held.body;
  EXPECT_NE(held.Get("Retry-After"), nullptr);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(change("10.6.0.2", "Wrong-pass-1").status, 400) << i;
  Response locked = change("10.6.0.3", kPassword);
  ASSERT_EQ(locked.status, 429) << locked.body;
  EXPECT_NE(Body(locked)["error"]["message"].get<std::string>().find("锁定"), std::string::npos);
  EXPECT_EQ(SignInFrom("10.6.0.4", "viewer", kPassword).status, 401);
  EXPECT_EQ(AuditOf("account.password_failed").size(), 10u);
  EXPECT_TRUE(AuditOf("account.password").empty()) << "the password did not change";
}

// L17: the account list is the admin's; others read only their own account.
TEST_F(AuthApiTest, AccountsAreTheAdminsAndEveryoneReadsOnlyTheirOwn) {
  Session viewer = SignIn("viewer");
  int64_t own = Body(Call("GET", "/api/v1/me", nullptr, &viewer))["account"]["id"];
  EXPECT_EQ(Call("GET", "/api/v1/accounts", nullptr, &viewer).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/accounts/" + std::to_string(own), nullptr, &viewer).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/accounts/" + std::to_string(AccountId("admin")), nullptr, &viewer)
                .status,
            403);
  EXPECT_EQ(Call("GET", "/api/v1/accounts", nullptr, &admin()).status, 200);
}

// A hasher whose first Verify blocks until released, counting how many run at once.
class GatedHasher final : public PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) const override {
    return "hash:" + std::string(password);
  }
  bool Verify(std::string_view encoded_hash, std::string_view password) const override {
    int running = ++running_;
    int seen = max_running_.load();
    while (running > seen && !max_running_.compare_exchange_weak(seen, running)) {
    }
    if (!gated_.exchange(true)) {
      entered_.set_value();
      release_.get_future().wait();
    }
    --running_;
    return encoded_hash == "hash:" + std::string(password);
  }
  mutable std::atomic<int> running_{0}, max_running_{0};
  mutable std::atomic<bool> gated_{false};
  mutable std::promise<void> entered_, release_;
};

// M4: argon2 runs are bounded (64 MiB each), and waiting for one is bounded: a sign-in that
// finds no free slot in time gets 503 and counts as no failure.
TEST_F(AuthApiTest, PasswordHashesRunBoundedAndWaitingForOneIsBounded) {
  GatedHasher hasher;
  SignInPolicy policy;
  policy.max_concurrent_hashes = 1;
  policy.hash_wait = std::chrono::milliseconds(50);
  AuthService auth(*store_, clock_, hasher, audit_log_, policy);
  std::future<void> entered = hasher.entered_.get_future();
  // The first verify (of a sign-in) holds the only slot until released.
  auto first =
      std::async(std::launch::async, [&] { return auth.SignIn("ghost", "x", "10.5.0.1"); });
  entered.wait();
  auto second = auth.SignIn("ghost", "x", "10.5.0.2");
  EXPECT_EQ(second.status().code(), ErrorCode::kUnavailable) << second.status().ToString();
  hasher.release_.set_value();
  EXPECT_EQ(first.get().status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(hasher.max_running_.load(), 1);
}

#ifndef DUBAN_POSTGRES_SUITE
// L5: the failure tables never outgrow their cap, and a spray of new addresses does not
// reset the windows of clients being held (the old table was wiped at 100k).
TEST(FailureTableTest, ItsCapHoldsUnderASprayWithoutResettingHeldClients) {
  SignInPolicy policy;  // 100,000 entries
  FailureTable table(policy, policy.pair_free_failures, policy.pair_backoff_max);
  Instant now = *ParseRfc3339("2026-11-23T01:00:00Z");
  for (int i = 0; i < 100; ++i) {
    for (int f = 0; f < 8; ++f) table.RecordFailure("held-" + std::to_string(i), now);
  }
  for (int i = 0; i < 200000; ++i) {
    table.RecordFailure("spray-" + std::to_string(i), now + std::chrono::microseconds(i));
    ASSERT_LE(table.size(), policy.max_tracked_clients);
  }
  EXPECT_EQ(table.size(), policy.max_tracked_clients);
  Instant later = now + seconds(1);
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(table.RetryAt("held-" + std::to_string(i), later).has_value()) << i;
  }
  // Entries forgotten by the policy make room before anything else goes.
  Instant hour_later = now + std::chrono::hours(2);
  table.RecordFailure("new", hour_later);
  EXPECT_EQ(table.size(), 1u);
}

TEST(ThrottleKeyTest, IPv6ByItsSlash64AndMappedIPv4AsIPv4) {
  const std::pair<std::string, std::string> cases[] = {
      {"192.0.2.1", "192.0.2.1"},
      {"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
      {"2001:db8:1:2::ffff", "2001:db8:1:2::/64"},
      {"::ffff:192.0.2.1", "192.0.2.1"},
      {"::1", "::/64"},
      {"not an address", "not an address"},
  };
  for (const auto& [address, key] : cases) EXPECT_EQ(ThrottleKey(address), key) << address;
}
#endif

}  // namespace
}  // namespace duban::http
