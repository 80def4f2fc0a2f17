// The `duban` command line (CLI11): init, serve, user, audit, migrate, sweep, import, export,
// bulletin, migrate-store, backup and restore. Each command opens the store through
// CliEnvironment (which main/ fills with the concrete backends, the HTTP server and io/'s
// formats), builds the app services once (OpenServices -> Services::Build) and calls them;
// it never runs a store transaction itself. Runs on the calling thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/crypto.h"
#include "app/ledger.h"
#include "app/services.h"
#include "cli/config.h"
#include "core/calendar.h"
#include "core/status.h"
#include "core/time.h"

namespace duban::cli {

// A member of a backup archive: a file on disk stored under `name`.
struct ArchiveMember {
  std::string name;
  std::string source_path;
  bool compress = true;
};

// The backup archive format (ZIP, from io/), handed in by main/.
struct ArchiveCodec {
  std::function<Status(const std::string& path, const std::vector<ArchiveMember>& members)> write;
  std::function<Result<std::vector<std::pair<std::string, int64_t>>>(const std::string& path)>
      list;  // names and sizes
  std::function<Result<std::string>(const std::string& path, const std::string& name,
                                    int64_t max_bytes)>
      read;
  std::function<Status(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& name_to_file)>
      extract;
};

struct CliEnvironment {
  // Opens the store: PostgreSQL when `db_url` is a postgresql:// URL, else the SQLite file in
  // `data_dir` (created with `create`). Migrations are applied.
  std::function<Result<std::unique_ptr<Store>>(const std::string& data_dir,
                                               const std::string& db_url, bool create)>
      open_store;
  // The schema version a store is at without migrating it, and the newest this binary knows.
  std::function<Result<std::pair<int, int>>(const std::string& data_dir, const std::string& db_url)>
      schema_versions;
  // Serves until stopped; returns the process exit code.
  std::function<int(const ServeConfig& config)> serve;
  // The China work calendar shipped in the binary (io/), loaded into a new database by init.
  std::function<Result<std::map<int, std::vector<CalendarDay>>>()> shipped_calendar;
  // Puts a database copy made by Store::Backup in place as the store at data_dir (SQLite:
  // checks its integrity, moves it to DATA/duban.db) or db_url (PostgreSQL: pg_restore), which
  // must be empty unless `replace`.
  std::function<Status(const std::string& copy_path, const std::string& data_dir,
                       const std::string& db_url, bool replace)>
      restore_database;
  const TableCodec* codec = nullptr;      // XLSX/CSV from io/
  const ArchiveCodec* archive = nullptr;  // backup archives (ZIP) from io/
  const Clock* clock = nullptr;
  const PasswordHasher* hasher = nullptr;
  std::string version;
};

// The one map from error code to process exit code.
int ExitCodeFor(ErrorCode code);

// A store and the services built over it, for one command's run. The services are destroyed
// before the store they use.
struct OpenedStore {
  std::unique_ptr<Store> store;
  std::unique_ptr<Services> services;
};

// Opens the store at `data_dir` or `db_url` (CliEnvironment::open_store, creating it with
// `create`) and builds the services over it, with the evidence files under DATA/files. The
// store's error, or the calendar's (Services::Build).
Result<OpenedStore> OpenServices(CliEnvironment& env, const std::string& data_dir,
                                 const std::string& db_url, bool create);

int RunCli(int argc, char** argv, CliEnvironment& env);

}  // namespace duban::cli
