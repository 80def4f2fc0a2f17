// `duban backup` and `duban restore` (SPEC §10; docs/ARCHITECTURE.md "Backup and restore"):
// one ZIP archive holding manifest.json, the database copy (duban.db for SQLite, duban.pgdump
// for PostgreSQL) and every evidence file as files/<2 hex>/<sha256>. The archive format comes
// from io/ and the database copy from the store, both through CliEnvironment. Runs on the
// calling thread.
#pragma once

#include <string>

#include "cli/commands.h"

namespace duban::cli {

// Writes the archive `to` (which must not exist) while the server may keep writing: the
// database snapshot first, then the evidence files, so every file row of the snapshot has its
// bytes in the archive. Returns the process exit code; prints a summary.
int RunBackup(CliEnvironment& env, const std::string& data_dir, const std::string& db_url,
              const std::string& to);

// Restores the archive `from` into the store at data_dir/db_url, which must be empty unless
// `force`. Checks before anything is replaced (SQLite) or right after (PostgreSQL): member
// names, each evidence file's SHA-256, the schema version, every table's row count against the
// manifest, and the audit chain. The server must be stopped. Returns the process exit code.
int RunRestore(CliEnvironment& env, const std::string& from, const std::string& data_dir,
               const std::string& db_url, bool force);

}  // namespace duban::cli
