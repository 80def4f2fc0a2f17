// PostgresStore: the Store for large deployments (SPEC §10), over libpq. A pool of
// connections serves reads (REPEATABLE READ, READ ONLY) and writes (one transaction per write,
// serialised by a transaction-scoped advisory lock so the audit chain and id assignment stay
// in order). A lost connection is replaced on next use, so the store recovers by itself when
// the server comes back; meanwhile calls fail with kUnavailable. Serialisation failures and
// deadlocks are retried, since a write function reruns from scratch in a new transaction.
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "storage/store.h"

namespace duban::postgres {

struct PostgresOptions {
  std::string url;  // postgresql://user@host:port/db: the primary, for writes and reads
  int pool_size = 8;
  int statement_timeout_ms = 10000;
  int write_retries = 3;
  std::string read_url;  // optional streaming replica: reads go there instead
};

// Connects, applies pending migrations. kUnavailable when the server cannot be reached;
// kFailedPrecondition when the schema is newer than this binary's.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);

// The schema version of the database at `url` without migrating it, and the newest this
// binary knows.
Result<int> PostgresSchemaVersion(const std::string& url);
int PostgresNewestSchemaVersion();

// True for URLs this backend takes: postgresql://... or postgres://...
bool IsPostgresUrl(const std::string& url);

}  // namespace duban::postgres
