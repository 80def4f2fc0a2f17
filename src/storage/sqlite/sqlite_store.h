// SqliteStore: the embedded default Store (SPEC §10). One file in WAL mode with
// synchronous=FULL; a pool of read-only connections for parallel readers; one writer thread
// that runs queued write functions together in one transaction (group commit), each inside
// its own savepoint so one failing writer does not undo the others.
// Thread-safe; owns its connections and its writer thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "storage/store.h"

namespace duban::sql {
class Connection;
}  // namespace duban::sql

namespace duban::sqlite {

struct SqliteOptions {
  std::string path;     // database file, or ":memory:" for a private in-memory store
  bool create = false;  // create the file when missing
  int reader_connections = 4;
  int busy_timeout_ms = 5000;
  int max_group = 256;  // most write functions in one transaction
  // Page cache of the writer connection. A transaction that outgrows it spills pages to the
  // WAL and writes them again and again; a bulk load wants far more than a server does.
  int writer_cache_mib = 16;
  // How much of the file every connection reads through a shared memory map instead of
  // copying pages into its own cache with a pread each (0: off). Mapped pages are the kernel's
  // page cache, shared by all connections; they show in the process's RSS as file pages.
  int64_t mmap_mib = 16 * 1024;
  // A statement on a reader connection that runs longer than this is stopped (kUnavailable
  // "查询超时"), so a few expensive reads cannot hold every reader (review M6); 0: no limit.
  // PostgreSQL's counterpart is statement_timeout. In-memory stores read on the writer: none.
  int read_timeout_ms = 10000;
  // A test seam (tests/testing/faulty_connection.h): when set, the repositories of the writer
  // connection run their statements through the connection this returns, which wraps (and must
  // not outlive the store's use of) `inner`. Transaction control (BEGIN, savepoints, COMMIT)
  // stays on the backend's own connection. An in-memory store also reads on the writer.
  std::function<std::unique_ptr<sql::Connection>(sql::Connection& inner)> wrap_writer = nullptr;
};

// Opens the database, applies pending migrations, and starts the writer thread.
// kFailedPrecondition when the file's schema is newer than this binary's;
// kUnavailable when the file cannot be opened.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// The schema version of the file at `path` without migrating it (0 for an empty database),
// and the newest version this binary knows.
Result<int> SqliteSchemaVersion(const std::string& path);
int SqliteNewestSchemaVersion();

// Puts a database file made by Store::Backup in place at `db_path`, after PRAGMA
// integrity_check: moves it there (so `copy_path` must be on the same file system) and removes
// a stale -wal/-shm. kFailedPrecondition when the copy is damaged, or when `db_path` exists and
// `replace` is false. The server must not be running on `db_path`.
Status RestoreSqliteFile(const std::string& copy_path, const std::string& db_path, bool replace);

}  // namespace duban::sqlite
