// SQLite-specific behaviour: durability settings, migrations and their refusal of newer schemas.
#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/sqlite/db.h"
#include "storage/sqlite/sqlite_connection.h"
#include "testing/temp_dir.h"

namespace duban::sqlite {
namespace {

TEST(SqliteStoreTest, FileIsWalWithMigrationsApplied) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  auto store = OpenSqliteStore({path, true, 2});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), SqliteNewestSchemaVersion());
  EXPECT_GE((*store)->SchemaVersion(), 2);
  auto db = Db::Open(path, false);
  ASSERT_TRUE(db.ok());
  auto st = (*db)->PrepareOnce("PRAGMA journal_mode");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "wal");
}

TEST(SqliteStoreTest, RefusesADatabaseFromANewerBinary) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  {
    auto db = Db::Open(path, false);
    ASSERT_TRUE(
        (*db)->Exec("INSERT INTO schema_migrations(version, name) VALUES (999, 'future')").ok());
  }
  auto store = OpenSqliteStore({path, false, 1});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("999"), std::string::npos);
}

// A migration merged from a branch after a later one ran (its version below the newest applied)
// is still applied on the next start.
TEST(SqliteStoreTest, AppliesAMigrationOlderThanTheNewestApplied) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  {
    auto db = Db::Open(path, false);
    ASSERT_TRUE((*db)
                    ->Exec("DROP TABLE assessment_results; DROP TABLE assessment_events; "
                           "DROP TABLE assessment_grants; DROP TABLE assessment_schemes; "
                           "DELETE FROM schema_migrations WHERE version = 3")
                    .ok());
  }
  // `duban migrate --check` sees the gap: the schema is complete up to version 2 only.
  EXPECT_EQ(*SqliteSchemaVersion(path), 2);
  ASSERT_TRUE(OpenSqliteStore({path, false, 1}).ok());
  EXPECT_EQ(*SqliteSchemaVersion(path), SqliteNewestSchemaVersion());
  auto db = Db::Open(path, false);
  auto st = (*db)->PrepareOnce(
      "SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'assessment_schemes'), "
      "(SELECT count(*) FROM schema_migrations WHERE version = 3)");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 1) << "the missing migration made its table";
  EXPECT_EQ(st->Int(1), 1) << "and was recorded";
}

// Review M6: a statement that runs over the connection's time limit is stopped and answered as
// kUnavailable "查询超时" without its SQL; the next statement gets its own clock.
TEST(SqliteStoreTest, AStatementOverTheTimeLimitIsStoppedAsUnavailable) {
  auto db = Db::Open(":memory:", true);
  ASSERT_TRUE(db.ok());
  (*db)->SetStatementTimeLimit(std::chrono::milliseconds(100));
  SqliteConnection conn(**db);
  const std::string endless =
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
      "SELECT count(*) FROM (SELECT x FROM c LIMIT 100000000000)";
  auto started = std::chrono::steady_clock::now();
  auto slow = conn.Query(endless, {});
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(slow.status().message().find("查询超时"), std::string::npos)
      << slow.status().ToString();
  EXPECT_EQ(slow.status().message().find("RECURSIVE"), std::string::npos) << "no SQL in the error";
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  auto quick = conn.Query("SELECT count(*) FROM (SELECT 1 UNION ALL SELECT 2)", {});
  ASSERT_TRUE(quick.ok()) << quick.status().ToString();
  EXPECT_EQ((*quick)[0].Int(0), 2);
  (*db)->SetStatementTimeLimit(std::chrono::milliseconds(0));
  auto counted = conn.Query(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) "
      "SELECT count(*) FROM c",
      {});
  ASSERT_TRUE(counted.ok()) << "no limit: " << counted.status().ToString();
}

// The store puts the limit on its reader connections: a read of a large table through a
// repository with a limit of 1 ms is stopped; without a limit it completes.
TEST(SqliteStoreTest, ReadersStopAReadOverTheConfiguredLimit) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  {
    auto db = Db::Open(path, false);
    ASSERT_TRUE((*db)
                    ->Exec("WITH RECURSIVE n(x) AS (SELECT 1000 UNION ALL SELECT x + 1 FROM n "
                           "WHERE x < 301000) INSERT INTO units(id, name, kind, path) "
                           "SELECT x, 'u' || x, 'other', '/' || x || '/' FROM n")
                    .ok());
  }
  auto list = [&](int limit_ms) {
    SqliteOptions options{path, false, 1};
    options.read_timeout_ms = limit_ms;
    auto store = OpenSqliteStore(options);
    EXPECT_TRUE(store.ok());
    UnitRepository::Query q;
    q.q = "没有这个名字";
    return (*store)->Read([&](Tx& tx) { return tx.units().List(Scope::Everything(), q).status(); });
  };
  Status stopped = list(1);
  EXPECT_EQ(stopped.code(), ErrorCode::kUnavailable) << stopped.ToString();
  EXPECT_NE(stopped.message().find("查询超时"), std::string::npos) << stopped.ToString();
  EXPECT_TRUE(list(0).ok());
}

// Migration 0008: a database in which a unit moved before moves rewrote the copies of its path
// (H1) has them resynced from the units, and the audit list gets its unit_id index.
TEST(SqliteStoreTest, Migration0008ResyncsPathsCopiedBeforeAUnitMoved) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  {
    auto db = Db::Open(path, false);
    // Unit 3 was moved from under 1/2 to under 1 by the old code: units say /1/3/, the item,
    // its notice and campaign still say /1/2/3/.
    ASSERT_TRUE(
        (*db)
            ->Exec(
                "DROP INDEX audit_unit; DELETE FROM schema_migrations WHERE version = 8; "
                "INSERT INTO units(id, parent_id, name, kind, path) VALUES (1, NULL, 'a', 'x', "
                "'/1/'), (2, 1, 'b', 'x', '/1/2/'), (3, 1, 'c', 'x', '/1/3/'); "
                "INSERT INTO campaigns(id, name, unit_id, unit_path) VALUES (1, 'c', 3, "
                "'/1/2/3/'); "
                "INSERT INTO items(id, code, kind, title, description, source, severity, unit_id, "
                "unit_path, found_on, found_by, responsible_unit_id, responsible_unit_path, "
                "report_every, rectify_mode, status, created_at, updated_at) VALUES (1, "
                "'DB-2026-000001', 'problem', 't', '', '自查', '一般', 3, '/1/2/3/', "
                "'2026-09-30', '', 3, '/1/2/3/', 'none', 'deadline', 'assigned', 0, 0); "
                "INSERT INTO notices(id, year, number, item_id, unit_id, unit_path, level, "
                "condition, condition_key, reason, issued_at, issued_by, respond_by, status) "
                "VALUES (1, 2026, 1, 1, 3, '/1/2/3/', 'reminder', 'manual', 'k', 'r', 0, 's', "
                "'2026-10-09', 'open')")
            .ok());
  }
  ASSERT_TRUE(OpenSqliteStore({path, false, 1}).ok());
  auto db = Db::Open(path, false);
  auto st = (*db)->PrepareOnce(
      "SELECT (SELECT unit_path || responsible_unit_path FROM items WHERE id = 1), "
      "(SELECT unit_path FROM notices WHERE id = 1), (SELECT unit_path FROM campaigns WHERE id "
      "= 1), (SELECT count(*) FROM sqlite_master WHERE name = 'audit_unit')");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "/1/3//1/3/");
  EXPECT_EQ(st->Text(1), "/1/3/");
  EXPECT_EQ(st->Text(2), "/1/3/");
  EXPECT_EQ(st->Int(3), 1);
}

// Migration 0010 folds the rows of item_grams (one per gram and item) into posting lists per
// block of 256 ids; items 63 and 255 set the sign bit of a word, and the sum used as an OR must not
// overflow.
TEST(SqliteStoreTest, Migration0010FoldsTheGramRowsIntoBlocks) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  {
    auto db = Db::Open(path, false);
    ASSERT_TRUE(
        (*db)
            ->Exec("DROP TABLE item_text; DROP TABLE item_text_bits; "
                   "DELETE FROM schema_migrations WHERE version = 10; "
                   "CREATE TABLE item_grams (gram TEXT NOT NULL, item_id INTEGER NOT NULL, "
                   "PRIMARY KEY (gram, item_id)) WITHOUT ROWID; "
                   "INSERT INTO item_grams VALUES ('积', 1), ('积', 62), ('积', 63), "
                   "('积', 64), ('积', 130), ('积', 300), ('积水', 63), ('水', 2), ('水', 255)")
            .ok());
  }
  ASSERT_TRUE(OpenSqliteStore({path, false, 1}).ok());
  auto db = Db::Open(path, false);
  auto st = (*db)->PrepareOnce(
      "SELECT gram || ':' || block || ':' || w0 || ',' || w1 || ',' || w2 || ',' || w3 FROM "
      "item_text ORDER BY gram, block");
  ASSERT_TRUE(st.ok());
  std::vector<std::string> rows;
  while (*st->Step()) rows.push_back(st->Text(0));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "水:0:4,0,0,-9223372036854775808", "积:0:-4611686018427387902,1,4,0",
                      "积:1:17592186044416,0,0,0", "积水:0:-9223372036854775808,0,0,0"}));
  auto left = (*db)->PrepareOnce(
      "SELECT (SELECT count(*) FROM item_text_bits), (SELECT count(*) FROM sqlite_master WHERE "
      "name = 'item_grams')");
  ASSERT_TRUE(left.ok());
  ASSERT_TRUE(*left->Step());
  EXPECT_EQ(left->Int(0), 256);
  EXPECT_EQ(left->Int(1), 0);
}

TEST(SqliteStoreTest, MissingFileWithoutCreateIsUnavailable) {
  testing::TempDir dir;
  auto store = OpenSqliteStore({(dir.path() / "none.db").string(), false, 1});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kUnavailable);
}

TEST(SqliteStoreTest, AuditTableRejectsUpdateAndDelete) {
  testing::TempDir dir;
  std::string path = (dir.path() / "d.db").string();
  { ASSERT_TRUE(OpenSqliteStore({path, true, 1}).ok()); }
  auto db = Db::Open(path, false);
  ASSERT_TRUE((*db)
                  ->Exec("INSERT INTO audit_events VALUES (1, 0, NULL, 'x', 'a', 'unit', '1', "
                         "NULL, '/', '', '', 'p', 'h')")
                  .ok());
  EXPECT_FALSE((*db)->Exec("UPDATE audit_events SET action = 'b'").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM audit_events").ok());
}

}  // namespace
}  // namespace duban::sqlite
