// End to end through the real binary: `duban init`, `duban serve` on port 0 with a temporary
// data directory, HTTP over loopback, SIGTERM with requests in flight, `duban audit verify`
// against a tampered database. Built twice: on SQLite (server_e2e_test) and on PostgreSQL
// (server_e2e_pgtest).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "e2e/server_fixture.h"

namespace duban {
namespace {

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
  std::string json_out = (dir_.path() / "bulletin.json").string();
  auto bulletin = Cli({"bulletin", "--data", data_, "--period", "2026-11", "--out", json_out});
  EXPECT_EQ(bulletin.exit_code, 0) << bulletin.output;
  std::ifstream bulletin_file(json_out);
  std::string bulletin_text((std::istreambuf_iterator<char>(bulletin_file)), {});
  EXPECT_NE(bulletin_text.find("2026年11月"), std::string::npos) << bulletin_text.substr(0, 200);
  auto bad_period = Cli({"bulletin", "--data", data_, "--period", "2026-13", "--out", json_out});
  EXPECT_EQ(bad_period.exit_code, 2) << bad_period.output;
  EXPECT_NE(bad_period.output.find("2026-13"), std::string::npos);
  auto check = Cli({"migrate", "--check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  auto help = Cli({"user", "add", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--username"), std::string::npos);
}

// Review L13: the data directory, the database and backups are the owner's alone, whatever
// the umask the command was started under.
TEST_F(ServerE2eTest, InitAndBackupMakePrivateFiles) {
  if (pg_) GTEST_SKIP() << "the SQLite files only";
  auto mode = [](const std::string& path) {
    struct stat st {};
    EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
  };
  EXPECT_EQ(mode(data_), 0700u);
  EXPECT_EQ(mode(data_ + "/duban.db"), 0600u);
  std::string archive = (dir_.path() / "backup.zip").string();
  auto backup = Cli({"backup", "--data", data_, "--to", archive});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_EQ(mode(archive), 0600u);
  // A file the running server writes (evidence) is not readable by others either.
  testing::ServerProcess server = Serve();
  Session s = SignIn(server.port());
  auto item = HttpRequest(
      server.port(), "POST", "/api/v1/items", json{{"title", "权限"}, {"unit_id", 1}}.dump(),
      {{"Content-Type", "application/json"}, {"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  ASSERT_EQ(item.status, 201) << item.body;
  auto up =
      HttpRequest(server.port(), "POST",
                  "/api/v1/items/" + json::parse(item.body)["id"].dump() + "/files?name=a.txt",
                  "evidence", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  ASSERT_EQ(up.status, 201) << up.body;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_ + "/files")) {
    EXPECT_EQ(mode(entry.path().string()) & 0007u, 0u) << entry.path();
  }
}

}  // namespace
}  // namespace duban
