// SQLite-specific behaviour: durability settings, migrations and their refusal of newer schemas.
#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/sqlite/db.h"
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
