// End to end through the real binary: `duban init`, `duban serve` on port 0 with a temporary
// data directory, HTTP over loopback, SIGTERM with requests in flight, `duban audit verify`
// against a tampered database.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "testing/pg_database.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::HttpRequest;
using testing::RunCommand;

constexpr char kPassword[] = "E2e-pass-2026";

// Runs on SQLite; the PostgreSQL build (server_e2e_pgtest) runs the same on PostgreSQL via --db.
class ServerE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef DUBAN_POSTGRES_SUITE
    if (!testing::PgBaseUrl()) GTEST_SKIP() << "DUBAN_TEST_PG_URL is not set";
    pg_.emplace();
    db_args_ = {"--db", pg_->url()};
#endif
    data_ = (dir_.path() / "data").string();
    auto init = Cli({"init", "--data", data_, "--demo"},
                    {std::string("DUBAN_ADMIN_PASSWORD=") + kPassword});
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }

  // `duban ARGS... [--db URL]`.
  testing::CommandResult Cli(std::vector<std::string> args,
                             const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), DUBAN_BINARY);
    args.insert(args.end(), db_args_.begin(), db_args_.end());
    return RunCommand(args, env);
  }
  testing::ServerProcess Serve() { return testing::ServerProcess(DUBAN_BINARY, data_, db_args_); }

  // Runs SQL on the database behind the server, as an attacker with database access would.
  void TamperSql(const std::string& sqlite_sql, const std::string& postgres_sql) {
    if (pg_) {
      pg_->Exec(postgres_sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((std::string(data_) + "/duban.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sqlite_sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    EXPECT_EQ(sqlite3_changes(db), 1);
    sqlite3_close(db);
  }

  struct Session {
    std::string cookie, csrf;
  };
  static Session SignIn(int port) {
    auto r = HttpRequest(port, "POST", "/api/v1/session",
                         json{{"username", "admin"}, {"password", kPassword}}.dump(),
                         {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    std::smatch m;
    std::string cookie = r.headers["set-cookie"];
    EXPECT_TRUE(std::regex_search(cookie, m, std::regex("duban_session=([0-9a-f]+)")));
    return {"duban_session=" + std::string(m[1]), json::parse(r.body)["csrf_token"]};
  }

  testing::TempDir dir_;
  std::optional<testing::TempPgDatabase> pg_;
  std::vector<std::string> db_args_;
  std::string data_;
};

TEST_F(ServerE2eTest, HealthSignInMeAndMetrics) {
  testing::ServerProcess server = Serve();
  auto health = HttpRequest(server.port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");
  Session s = SignIn(server.port());
  auto me = HttpRequest(server.port(), "GET", "/api/v1/me", "", {{"Cookie", s.cookie}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["account"]["username"], "admin");
  auto metrics = HttpRequest(server.port(), "GET", "/metrics");
  EXPECT_NE(
      metrics.body.find("duban_http_requests_total{route=\"GET /api/v1/me\",status=\"200\"} 1"),
      std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("route=\"POST /api/v1/session\",status=\"200\"} 1"),
            std::string::npos);
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);
}

TEST_F(ServerE2eTest, HostileRequestsGetTheRight4xxAndTheServerStaysUp) {
  testing::ServerProcess server = Serve();
  std::string huge_header(64 * 1024, 'a');
  EXPECT_EQ(HttpRequest(server.port(), "GET", "/healthz", "", {{"X-Big", huge_header}}).status,
            431);
  std::string huge_body(17 * 1024 * 1024, 'x');
  auto big = HttpRequest(server.port(), "POST", "/api/v1/session", huge_body,
                         {{"Content-Type", "application/json"}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(json::parse(big.body)["error"]["code"], "payload_too_large");
  EXPECT_EQ(HttpRequest(server.port(), "GET", "/api/v1/units/%zz").status, 400);
  EXPECT_EQ(HttpRequest(server.port(), "GET", "/healthz").status, 200);
}

// SIGTERM while requests are in flight: each gets its full response, then the process exits 0.
TEST_F(ServerE2eTest, SigtermLetsInFlightRequestsFinish) {
  testing::ServerProcess server = Serve();
  constexpr int kRequests = 6;
  std::vector<testing::HttpResult> results(kRequests);
  std::vector<std::thread> threads;
  // Sign-ins hash with argon2id (tens of milliseconds each), so they are in flight together.
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      results[i] = HttpRequest(server.port(), "POST", "/api/v1/session",
                               json{{"username", "admin"}, {"password", kPassword}}.dump(),
                               {{"Content-Type", "application/json"}});
    });
  }
  // Wait until the server reports them in flight (the metrics request itself counts one).
  int64_t in_flight = 0;
  for (int attempt = 0; attempt < 20000 && in_flight < 2; ++attempt) {
    auto m = HttpRequest(server.port(), "GET", "/metrics");
    std::smatch match;
    if (std::regex_search(m.body, match, std::regex("duban_http_in_flight (\\d+)"))) {
      in_flight = std::stoll(match[1]) - 1;
    }
  }
  ASSERT_GE(in_flight, 1) << "no request was ever seen in flight";
  server.Signal(SIGTERM);
  for (auto& t : threads) t.join();
  int completed = 0;
  for (const auto& r : results) completed += r.status == 200;
  EXPECT_GE(completed, in_flight) << "a request in flight at SIGTERM was cut off";
  for (const auto& r : results) EXPECT_TRUE(r.status == 200 || r.status == 0) << r.status;
  EXPECT_EQ(server.Wait(), 0);
  EXPECT_NE(HttpRequest(server.port(), "GET", "/healthz").status, 200) << "server still answers";
}

TEST_F(ServerE2eTest, AuditVerifyPassesThenNamesTheTamperedEvent) {
  {
    testing::ServerProcess server = Serve();
    Session s = SignIn(server.port());
    auto created = HttpRequest(
        server.port(), "POST", "/api/v1/units",
        json{{"parent_id", 1}, {"name", "审计测试单位"}}.dump(),
        {{"Content-Type", "application/json"}, {"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
    ASSERT_EQ(created.status, 201) << created.body;
    server.Signal(SIGTERM);
    ASSERT_EQ(server.Wait(), 0);
  }
  auto ok = Cli({"audit", "verify", "--data", data_});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("审计链完整"), std::string::npos) << ok.output;

  // Change one byte of event 3 as a tamperer with the database shell would (who must first
  // drop the append-only trigger).
  TamperSql(
      "DROP TRIGGER audit_events_no_update;"
      "UPDATE audit_events SET after_json = replace(after_json, '县', '具') WHERE seq = 3;",
      "DROP TRIGGER audit_events_no_update ON audit_events;"
      "UPDATE audit_events SET after_json = replace(after_json, '县', '具') WHERE seq = 3;");
  auto bad = Cli({"audit", "verify", "--data", data_});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("第 3 条"), std::string::npos) << bad.output;
}

TEST_F(ServerE2eTest, AuditVerifyFindsADeletedEvent) {
  TamperSql("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 5;",
            "DROP TRIGGER audit_events_no_delete ON audit_events;"
            "DELETE FROM audit_events WHERE seq = 5;");
  auto bad = Cli({"audit", "verify", "--data", data_});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("第 5 条"), std::string::npos) << bad.output;
}

TEST_F(ServerE2eTest, CliUserAddPasswdAndClearErrors) {
  auto add = Cli({"user", "add", "--data", data_, "--username", "cli_user", "--unit", "2",
                  "--roles", "supervisor"},
                 {"DUBAN_PASSWORD=Cli-pass-2026"});
  EXPECT_EQ(add.exit_code, 0) << add.output;
  auto dup = Cli({"user", "add", "--data", data_, "--username", "cli_user", "--unit", "2"});
  EXPECT_EQ(dup.exit_code, 4) << dup.output;
  EXPECT_NE(dup.output.find("已被使用"), std::string::npos);
  auto badrole = Cli(
      {"user", "add", "--data", data_, "--username", "x_user", "--unit", "2", "--roles", "king"});
  EXPECT_EQ(badrole.exit_code, 2) << badrole.output;
  auto passwd = Cli({"user", "passwd", "--data", data_, "--username", "cli_user"});
  EXPECT_EQ(passwd.exit_code, 0) << passwd.output;
  EXPECT_NE(passwd.output.find("新密码"), std::string::npos) << "a generated password is printed";
  auto again = Cli({"init", "--data", data_});
  EXPECT_NE(again.exit_code, 0) << "init refuses an existing database";
  if (!pg_) {
    auto nodata = Cli({"audit", "verify", "--data", (dir_.path() / "none").string()});
    EXPECT_EQ(nodata.exit_code, 3) << nodata.output;
  }
  auto check = Cli({"migrate", "--check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  auto help = Cli({"user", "add", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--username"), std::string::npos);
}

#ifdef DUBAN_POSTGRES_SUITE
// Every row of every table of a SQLite file, in key order, as text: what "the same data" means.
std::string DumpSqlite(const std::string& file) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  std::string out;
  for (const char* q :
       {"SELECT * FROM units ORDER BY id", "SELECT * FROM people ORDER BY id",
        "SELECT * FROM accounts ORDER BY id", "SELECT * FROM sessions ORDER BY token_hash",
        "SELECT * FROM audit_events ORDER BY seq"}) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, q, -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        auto* text = sqlite3_column_text(st, c);
        out += text ? reinterpret_cast<const char*>(text) : "<null>";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

// A demo SQLite database copied to PostgreSQL and back is the same, row for row, and its
// audit chain verifies on each store.
TEST_F(ServerE2eTest, MigrateStoreSqliteToPostgresAndBack) {
  std::string sqlite_dir = (dir_.path() / "sqlite").string();
  std::string back_dir = (dir_.path() / "back").string();
  auto init = RunCommand({DUBAN_BINARY, "init", "--data", sqlite_dir, "--demo"},
                         {std::string("DUBAN_ADMIN_PASSWORD=") + kPassword});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  {
    testing::ServerProcess server(DUBAN_BINARY, sqlite_dir);
    Session s = SignIn(server.port());  // a session and a sign-in event to carry over
    server.Signal(SIGTERM);
    ASSERT_EQ(server.Wait(), 0);
  }
  testing::TempPgDatabase target;
  auto to_pg =
      RunCommand({DUBAN_BINARY, "migrate-store", "--from", sqlite_dir, "--to", target.url()});
  ASSERT_EQ(to_pg.exit_code, 0) << to_pg.output;
  auto verify_pg = RunCommand({DUBAN_BINARY, "audit", "verify", "--db", target.url()});
  EXPECT_EQ(verify_pg.exit_code, 0) << verify_pg.output;
  auto again =
      RunCommand({DUBAN_BINARY, "migrate-store", "--from", sqlite_dir, "--to", target.url()});
  EXPECT_EQ(again.exit_code, 6) << "a non-empty target is refused: " << again.output;
  auto back = RunCommand({DUBAN_BINARY, "migrate-store", "--from", target.url(), "--to", back_dir});
  ASSERT_EQ(back.exit_code, 0) << back.output;
  std::string before = DumpSqlite(sqlite_dir + "/duban.db");
  EXPECT_GT(before.size(), 1000u);
  EXPECT_EQ(DumpSqlite(back_dir + "/duban.db"), before);
  // The copy on PostgreSQL serves: the admin signs in there.
  testing::ServerProcess pg_server(DUBAN_BINARY, back_dir, {"--db", target.url()});
  SignIn(pg_server.port());
}

// PostgreSQL dies under the server: requests get a clear 503, and once it is back the server
// recovers by itself, without a restart. Kills the shared test cluster, so script/test runs it
// alone, after the other PostgreSQL tests.
TEST_F(ServerE2eTest, PostgresOutageGives503ThenRecovers) {
  const char* cluster = std::getenv("DUBAN_TEST_PG_DIR");
  if (!cluster) GTEST_SKIP() << "DUBAN_TEST_PG_DIR is not set";
  testing::ServerProcess server = Serve();
  Session s = SignIn(server.port());
  ASSERT_EQ(HttpRequest(server.port(), "GET", "/api/v1/units", "", {{"Cookie", s.cookie}}).status,
            200);
  auto killed = RunCommand({DUBAN_PG_CLUSTER, "kill", cluster});
  ASSERT_EQ(killed.exit_code, 0) << killed.output;
  auto down = HttpRequest(server.port(), "GET", "/api/v1/units", "", {{"Cookie", s.cookie}});
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(json::parse(down.body)["error"]["code"], "unavailable");
  auto health = HttpRequest(server.port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 503);
  auto write = HttpRequest(
      server.port(), "POST", "/api/v1/units",
      json{{"parent_id", 1}, {"name", "停机时的单位"}}.dump(),
      {{"Content-Type", "application/json"}, {"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  EXPECT_EQ(write.status, 503) << write.body;
  auto resumed = RunCommand({DUBAN_PG_CLUSTER, "resume", cluster});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  // Each pooled connection notices the loss on its next use and reconnects; a few requests
  // may still meet a dead connection before every slot has been replaced.
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = HttpRequest(server.port(), "GET", "/api/v1/units", "", {{"Cookie", s.cookie}}).status;
    EXPECT_TRUE(status == 200 || status == 503) << status;
  }
  EXPECT_EQ(status, 200);
  auto after = HttpRequest(
      server.port(), "POST", "/api/v1/units",
      json{{"parent_id", 1}, {"name", "恢复后的单位"}}.dump(),
      {{"Content-Type", "application/json"}, {"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  EXPECT_EQ(after.status, 201) << after.body;
  auto units =
      HttpRequest(server.port(), "GET", "/api/v1/units?q=停机", "", {{"Cookie", s.cookie}});
  EXPECT_EQ(json::parse(units.body)["total"], 0) << "the refused write left nothing behind";
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);
}
#endif

}  // namespace
}  // namespace duban
