// PostgreSQL's own dump and restore programs (pg_dump, pg_restore from postgresql-client), run
// as child processes for `duban backup` and `duban restore`. Thread-safe (each call spawns its
// own process); the programs must be on PATH.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace duban::postgres {

// Runs `argv` (argv[0] looked up on PATH) and waits. kUnavailable, with the program's stderr,
// when it cannot start or exits non-zero.
Status RunTool(const std::vector<std::string>& argv);

// Restores a pg_dump custom-format archive into the database at `url` in one transaction
// (pg_restore --single-transaction --exit-on-error --no-owner). With `replace`, existing objects
// of the dump are dropped first (--clean --if-exists). The server must not be running.
Status RestorePostgresDump(const std::string& dump_path, const std::string& url, bool replace);

}  // namespace duban::postgres
