// `duban backup` under write load and `duban restore` (issue 7 item 7), on SQLite and (in
// server_e2e_pgtest) PostgreSQL: the restored store holds every write acknowledged before the
// backup began, nothing that was never sent, its evidence files, and an intact audit chain;
// bad archives and occupied targets are refused and change nothing.
#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "e2e/server_fixture.h"

namespace duban {
namespace {

using testing::HttpResult;

class BackupE2eTest : public ServerE2eTest {
 protected:
  HttpResult Call(int port, const Session& s, const std::string& method, const std::string& target,
                  const std::string& body = "", const std::string& type = "application/json") {
    std::map<std::string, std::string> headers = {{"Cookie", s.cookie}};
    if (method != "GET") {
      headers["X-CSRF-Token"] = s.csrf;
      headers["Content-Type"] = type;
    }
    return HttpRequest(port, method, target, body, headers);
  }

  // The titles of every item whose title starts with "backup-", through the API.
  std::set<std::string> Titles(int port, const Session& s) {
    std::set<std::string> out;
    for (int page = 1;; ++page) {
      auto r = Call(port, s, "GET",
                    "/api/v1/items?q=backup-&page_size=200&page=" + std::to_string(page));
      EXPECT_EQ(r.status, 200) << r.body;
      json body = json::parse(r.body);
      for (const auto& item : body["items"]) out.insert(item["title"].get<std::string>());
      if (body["items"].size() < 200) break;
    }
    return out;
  }

  // `duban restore --from ARCHIVE --data DATA [--db URL] [--force]`, with the target's --db.
  testing::CommandResult Restore(const std::string& archive, const std::string& data,
                                 const std::vector<std::string>& db, bool force = false) {
    std::vector<std::string> argv = {DUBAN_BINARY, "restore", "--from", archive, "--data", data};
    argv.insert(argv.end(), db.begin(), db.end());
    if (force) argv.push_back("--force");
    return RunCommand(argv);
  }
};

TEST_F(BackupE2eTest, BackupUnderLoadRestoresEveryAcknowledgedWriteAndTheAuditChain) {
  auto server = Serve();
  Session s = SignIn(server.port());
  auto units = json::parse(Call(server.port(), s, "GET", "/api/v1/units?page_size=200").body);
  int64_t unit = units["items"][0]["id"];

  // An assessment event with an evidence file: kept by the same files/ directory.
  json scheme = {{"name", "备份考核"},
                 {"indicators",
                  {{{"key", "bonus"},
                    {"name", "加减分"},
                    {"formula", "event_sum"},
                    {"max_points", 0},
                    {"cap", 5}}}}};
  ASSERT_EQ(
      Call(server.port(), s, "PUT", "/api/v1/assessment/schemes/backup", scheme.dump()).status,
      200);
  json points = {{"scheme", "backup"},   {"kind", "points"}, {"subject_id", unit},
                 {"indicator", "bonus"}, {"points", -0.5},   {"reason", "迟报"}};
  auto event = Call(server.port(), s, "POST", "/api/v1/assessment/events", points.dump());
  ASSERT_EQ(event.status, 201) << event.body;
  auto event_file = Call(server.port(), s, "POST",
                         "/api/v1/assessment/events/" +
                             std::to_string(json::parse(event.body)["id"].get<int64_t>()) +
                             "/files?name=scan.txt",
                         "督办单扫描件\n", "application/octet-stream");
  ASSERT_EQ(event_file.status, 201) << event_file.body;

  // Writers: each creates items and attaches a file to each, until told to stop.
  std::mutex mu;
  std::set<std::string> acked;
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      for (int n = 0; !stop; ++n) {
        std::string title = "backup-" + std::to_string(t) + "-" + std::to_string(n);
        json body = {
            {"kind", "problem"},       {"title", title},     {"description", "backup test"},
            {"source", "自查"},        {"severity", "一般"}, {"unit_id", unit},
            {"found_on", "2026-01-05"}};
        auto r = Call(server.port(), s, "POST", "/api/v1/items", body.dump());
        if (r.status != 201) {
          ++errors;
          continue;
        }
        int64_t id = json::parse(r.body)["id"];
        auto f = Call(server.port(), s, "POST",
                      "/api/v1/items/" + std::to_string(id) + "/files?name=e.txt",
                      "evidence of " + title + "\n", "application/octet-stream");
        if (f.status != 201) ++errors;
        std::lock_guard lock(mu);
        acked.insert(title);
      }
    });
  }
  auto wait_for = [&](size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu);
        if (acked.size() >= n) return true;
      }
      std::this_thread::yield();
    }
    return false;
  };
  ASSERT_TRUE(wait_for(10));
  std::set<std::string> before;
  {
    std::lock_guard lock(mu);
    before = acked;
  }
  std::string archive = (dir_.path() / "backup.zip").string();
  auto backup = Cli({"backup", "--data", data_, "--to", archive});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("备份完成"), std::string::npos) << backup.output;
  ASSERT_TRUE(wait_for(before.size() + 5)) << "writes went on during the backup";
  stop = true;
  for (auto& w : writers) w.join();
  EXPECT_EQ(errors.load(), 0);
  std::set<std::string> sent;  // acknowledged, plus at most one in flight per writer
  {
    std::lock_guard lock(mu);
    sent = acked;
  }

  // Restore into a new, empty store.
  std::optional<testing::TempPgDatabase> target_pg;
  std::vector<std::string> target_db;
  if (pg_) {
    target_pg.emplace();
    target_db = {"--db", target_pg->url()};
  }
  std::string target = (dir_.path() / "restored").string();
  auto restored = Restore(archive, target, target_db);
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("恢复完成"), std::string::npos) << restored.output;
  std::vector<std::string> verify = {DUBAN_BINARY, "audit", "verify", "--data", target};
  verify.insert(verify.end(), target_db.begin(), target_db.end());
  auto audit = RunCommand(verify);
  EXPECT_EQ(audit.exit_code, 0) << audit.output;

  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);
  testing::ServerProcess restored_server(DUBAN_BINARY, target, target_db);
  Session rs = SignIn(restored_server.port());
  std::set<std::string> titles = Titles(restored_server.port(), rs);
  for (const auto& title : before) EXPECT_TRUE(titles.count(title)) << title << " was lost";
  size_t in_flight = 0;
  for (const auto& title : titles) in_flight += sent.count(title) ? 0 : 1;
  EXPECT_LE(in_flight, 3u) << "items that no writer sent";
  EXPECT_LT(titles.size(), sent.size() + 3) << "the backup is a snapshot, not the end state";

  // The evidence files came back: each item's file downloads with its bytes.
  auto list = json::parse(
      Call(restored_server.port(), rs, "GET", "/api/v1/items?q=backup-0-0&page_size=1").body);
  ASSERT_EQ(list["items"].size(), 1u);
  auto item =
      json::parse(Call(restored_server.port(), rs, "GET",
                       "/api/v1/items/" + std::to_string(list["items"][0]["id"].get<int64_t>()))
                      .body);
  ASSERT_EQ(item["files"].size(), 1u);
  auto file = Call(restored_server.port(), rs, "GET",
                   "/api/v1/files/" + std::to_string(item["files"][0]["id"].get<int64_t>()));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "evidence of backup-0-0\n");
  auto events = json::parse(
      Call(restored_server.port(), rs, "GET", "/api/v1/assessment/events?scheme=backup").body);
  ASSERT_EQ(events["items"].size(), 1u);
  ASSERT_EQ(events["items"][0]["files"].size(), 1u);
  auto scan = Call(restored_server.port(), rs, "GET",
                   "/api/v1/assessment/files/" +
                       std::to_string(events["items"][0]["files"][0]["id"].get<int64_t>()));
  EXPECT_EQ(scan.status, 200);
  EXPECT_EQ(scan.body, "督办单扫描件\n");
  restored_server.Signal(SIGTERM);
  EXPECT_EQ(restored_server.Wait(), 0);

  // An occupied target is refused without --force and left alone; --force replaces it.
  auto again = Restore(archive, target, target_db);
  EXPECT_EQ(again.exit_code, 6) << again.output;
  EXPECT_NE(again.output.find("--force"), std::string::npos) << again.output;
  auto forced = Restore(archive, target, target_db, true);
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
}

TEST_F(BackupE2eTest, DamagedOrMismatchedArchivesAreRefusedAndChangeNothing) {
  std::string archive = (dir_.path() / "backup.zip").string();
  ASSERT_EQ(Cli({"backup", "--data", data_, "--to", archive}).exit_code, 0);
  auto exists = Cli({"backup", "--data", data_, "--to", archive});
  EXPECT_EQ(exists.exit_code, 4) << exists.output;  // never overwrites a file

  std::optional<testing::TempPgDatabase> target_pg;
  std::vector<std::string> target_db;
  if (pg_) {
    target_pg.emplace();
    target_db = {"--db", target_pg->url()};
  }
  std::string target = (dir_.path() / "restored").string();

  // Not a backup at all.
  std::string junk = (dir_.path() / "junk.zip").string();
  std::ofstream(junk) << "not a zip";
  auto r = Restore(junk, target, target_db);
  EXPECT_EQ(r.exit_code, 2) << r.output;

  // The archive with one byte of the database flipped: the ZIP CRC (or the manifest's counts)
  // catches it.
  std::string bytes;
  {
    std::ifstream in(archive, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string damaged = (dir_.path() / "damaged.zip").string();
  size_t at = bytes.find(pg_ ? "duban.pgdump" : "duban.db");
  ASSERT_NE(at, std::string::npos);
  std::string flipped = bytes;
  flipped[at + 200] = static_cast<char>(flipped[at + 200] ^ 0x5a);
  std::ofstream(damaged, std::ios::binary) << flipped;
  r = Restore(damaged, target, target_db);
  EXPECT_NE(r.exit_code, 0) << r.output;

  // A backup of the other kind of store.
  std::vector<std::string> wrong_db =
      pg_ ? std::vector<std::string>{} : std::vector<std::string>{"--db", "postgresql://x/y"};
  r = Restore(archive, target, wrong_db);
  EXPECT_EQ(r.exit_code, 2) << r.output;

  // Nothing was created by the refusals.
  if (!pg_) {
    EXPECT_FALSE(std::filesystem::exists(target)) << "a refused restore leaves no data directory";
  } else {
    std::vector<std::string> check = {DUBAN_BINARY, "migrate", "--check", "--data", target};
    check.insert(check.end(), target_db.begin(), target_db.end());
    auto c = RunCommand(check);
    EXPECT_NE(c.output.find("版本 0"), std::string::npos) << c.output;
  }
}

}  // namespace
}  // namespace duban
