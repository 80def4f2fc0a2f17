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
