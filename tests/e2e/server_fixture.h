// The fixture of the end-to-end suites: a data directory with the demo county made by
// `duban init`, the real server on port 0, the CLI, and SQL access for tampering tests. On the
// PostgreSQL build (DUBAN_POSTGRES_SUITE) each test gets its own database and every command
// gets --db. Not thread-safe; one per test.
#pragma once

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

using nlohmann::json;
using testing::HttpRequest;
using testing::RunCommand;

inline constexpr char kPassword[] = "E2e-pass-2026";

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
  // The server with no background schedules (--no-background): only the test's requests change
  // the data, so before/after comparisons cannot race the start-up sweep. `extra_args` follow.
  testing::ServerProcess Serve(std::vector<std::string> extra_args = {}) {
    std::vector<std::string> args = db_args_;
    args.push_back("--no-background");
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return testing::ServerProcess(DUBAN_BINARY, data_, args);
  }
  // The server as deployed: the sweep and the bulletin schedule run in it.
  testing::ServerProcess ServeWithBackground() {
    return testing::ServerProcess(DUBAN_BINARY, data_, db_args_);
  }

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

}  // namespace duban
