// BackupService: the database side of `duban backup` and `duban restore` — a consistent copy
// of the whole store, and the check that a restored store holds what the backup recorded.
// The archive and the evidence files are the CLI's (cli/backup.cc). Runs as the operator.
// Thread-safe as the store is.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "storage/store.h"

namespace duban {

class BackupService {
 public:
  explicit BackupService(Store& store) : store_(store) {}
  // Writes a consistent copy of the database to the new file `path` while reads and writes go
  // on, and returns every table's row count as of the copy (Store::Backup):
  // kFailedPrecondition for an in-memory store, kUnavailable when the copy fails.
  Result<BackupCopy> CopyDatabase(const std::string& path) { return store_.Backup(path); }
  // kFailedPrecondition, naming the table, when a table's row count differs from `rows`
  // (table -> rows, as BackupCopy recorded them), or naming the event when the audit chain does
  // not verify; kInvalidArgument for a table name the store does not know.
  Status VerifyRestored(const std::map<std::string, int64_t>& rows) const;

 private:
  Store& store_;
};

}  // namespace duban
