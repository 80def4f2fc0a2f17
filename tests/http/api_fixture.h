// The fixture of the API suites: Api::Handle over a store with the demo county and the
// shipped calendar, a fake clock and cheap password hashing. No sockets. Built on SQLite
// (*_test) and on PostgreSQL (*_pgtest, DUBAN_POSTGRES_SUITE). One per test.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "app/services.h"
#include "app/setup.h"
#include "http/api.h"
#include "io/calendar_import.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/pg_database.h"
#include "testing/temp_dir.h"
#include "testing/test_codec.h"

namespace duban::http {

using nlohmann::json;

inline constexpr char kPassword[] = "Test-pass-1";

using testing::TestCodec;

// Runs on SQLite; the PostgreSQL build of this file (api_pgtest) runs it on PostgreSQL.
inline std::unique_ptr<Store> OpenTestStore(std::optional<testing::TempPgDatabase>& pg) {
#ifdef DUBAN_POSTGRES_SUITE
  if (testing::PgBaseUrl()) {
    pg.emplace();
    postgres::PostgresOptions options;
    options.url = pg->url();
    options.pool_size = 4;
    return std::move(postgres::OpenPostgresStore(options)).value();
  }
#endif
  (void)pg;
  return std::move(sqlite::OpenSqliteStore({":memory:", true, 0})).value();
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef DUBAN_POSTGRES_SUITE
    if (!testing::PgBaseUrl()) GTEST_SKIP() << "DUBAN_TEST_PG_URL is not set";
#endif
  }

  ApiTest()
      : store_(OpenTestStore(pg_)),
        hasher_(1, 8192),
        services_(BuildServices(*store_, clock_, hasher_, web_.path() / "files")),
        audit_log_(services_->audit_log),
        auth_(services_->auth),
        org_(services_->org),
        audit_(services_->audit),
        calendar_(services_->calendar),
        items_(services_->items),
        campaigns_(services_->campaigns),
        ledger_(services_->ledger),
        bulletins_(services_->bulletins),
        assessment_(services_->assessment),
        api_(*services_, codec_, {web_.path(), false, "test"}) {
    auto setup = InitializeDatabase(*store_, org_, kPassword, /*demo=*/true);
    EXPECT_TRUE(setup.ok()) << setup.status().ToString();
    auto shipped = ShippedCalendar();
    EXPECT_TRUE(shipped.ok());
    EXPECT_TRUE(calendar_.ReplaceYears(Caller::Operator(), *shipped, "calendar.import").ok());
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  Response Call(const std::string& method, const std::string& target, const json& body = nullptr,
                const Session* session = nullptr, bool send_csrf = true) {
    Request r;
    r.method = method;
    r.target = target;
    r.remote_address = "127.0.0.1";
    EXPECT_TRUE(ParseTarget(target, r.path, r.query));
    if (!body.is_null()) {
      r.body = body.dump();
      r.headers["Content-Type"] = "application/json";
    }
    if (session) {
      r.headers["Cookie"] = "duban_session=" + session->cookie;
      if (send_csrf) r.headers["X-CSRF-Token"] = session->csrf;
    }
    return api_.Handle(r);
  }

  // A raw-body upload (Duban takes no multipart bodies): POST `target` with `bytes`.
  Response Upload(const std::string& target, const std::string& bytes, const Session& session) {
    Request r;
    r.method = "POST";
    r.target = target;
    r.remote_address = "127.0.0.1";
    EXPECT_TRUE(ParseTarget(target, r.path, r.query));
    r.body = bytes;
    r.headers["Cookie"] = "duban_session=" + session.cookie;
    r.headers["X-CSRF-Token"] = session.csrf;
    return api_.Handle(r);
  }

  static json Body(const Response& r) { return json::parse(r.body); }

  Session SignIn(const std::string& username, const std::string& password = kPassword) {
    Response r = Call("POST", "/api/v1/session", {{"username", username}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string* cookie = r.Get("Set-Cookie");
    EXPECT_NE(cookie, nullptr);
    std::smatch m;
    std::string c = cookie ? *cookie : "";
    EXPECT_TRUE(std::regex_search(c, m, std::regex("duban_session=([0-9a-f]{64})")));
    return {m[1], Body(r)["csrf_token"]};
  }

  int64_t AuditCount() {
    int64_t n = 0;
    (void)store_->Read([&](Tx& tx) -> Status {
      auto last = tx.audit().Last();
      n = last.ok() && *last ? (*last)->seq : 0;
      return Status::Ok();
    });
    return n;
  }

  // Moves every deadline `from` to `to`, straight in the store: for tests that need items
  // overdue already, which the API and the import refuse to assign (review L9).
  void MoveDeadlines(const std::string& from, const std::string& to) {
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) -> Status {
                      ItemQuery q;
                      q.due_before = ParseDate(from);
                      std::optional<ItemListKey> after;
                      while (true) {
                        DUBAN_ASSIGN_OR_RETURN(auto items, tx.items().ListAfter(Scope::Everything(),
                                                                                q, {}, after, 200));
                        for (const Item& stored : items) {
                          if (stored.deadline != ParseDate(from)) continue;
                          Item item = stored;
                          item.deadline = ParseDate(to);
                          DUBAN_RETURN_IF_ERROR(tx.items().Update(stored, item));
                        }
                        if (items.size() < 200) return Status::Ok();
                        after = ItemListKey::Of(items.back());
                      }
                    })
                    .ok());
  }

  // The unit id of a demo unit by its code.
  int64_t UnitId(const std::string& code) {
    Session s = admin();
    json page = Body(Call("GET", "/api/v1/units?page_size=200", nullptr, &s));
    for (const auto& u : page["items"]) {
      if (u["code"] == code) return u["id"];
    }
    ADD_FAILURE() << "no unit " << code;
    return 0;
  }

  Session& admin() {
    if (!admin_) admin_ = SignIn("admin");
    return *admin_;
  }

  static std::unique_ptr<Services> BuildServices(Store& store, const Clock& clock,
                                                 const PasswordHasher& hasher,
                                                 const std::filesystem::path& files_dir) {
    ServicesOptions options;
    options.files_dir = files_dir;
    auto services = Services::Build(store, clock, hasher, options);
    EXPECT_TRUE(services.ok()) << services.status().ToString();
    return std::move(services).value();
  }

  testing::TempDir web_;
  testing::FakeClock clock_;
  std::optional<testing::TempPgDatabase> pg_;
  std::unique_ptr<Store> store_;
  Argon2idHasher hasher_;
  std::unique_ptr<Services> services_;
  // The services the suites call directly, by their old names.
  AuditLog& audit_log_;
  AuthService& auth_;
  OrgService& org_;
  AuditService& audit_;
  CalendarService& calendar_;
  ItemService& items_;
  CampaignService& campaigns_;
  LedgerService& ledger_;
  BulletinService& bulletins_;
  AssessmentService& assessment_;
  TableCodec codec_ = TestCodec();
  Api api_;
  std::optional<Session> admin_;
};

}  // namespace duban::http
