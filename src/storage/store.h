// The storage seam: repositories in the domain's words and the transactions that hold them.
// app/ talks only to these interfaces; sqlite/ and postgres/ implement them (over the one SQL
// body in sql/), and one contract suite (tests/storage) proves every implementation alike.
// Each repository interface has its own header (storage/*_repository.h); this one gathers
// them into a Tx.
//
// Threading: a Store is thread-safe. A Tx and its repositories belong to the one call of
// Read/Write that handed them out and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/page.h"
#include "core/status.h"
#include "storage/assessment_repository.h"
#include "storage/audit_repository.h"
#include "storage/bulk_repository.h"
#include "storage/bulletin_repository.h"
#include "storage/calendar_repository.h"
#include "storage/campaign_repository.h"
#include "storage/file_repository.h"
#include "storage/item_repository.h"
#include "storage/notice_repository.h"
#include "storage/org_repository.h"
#include "storage/session_repository.h"

namespace duban {

class Tx {
 public:
  virtual ~Tx() = default;
  virtual UnitRepository& units() = 0;
  virtual PersonRepository& people() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  virtual BulkRepository& bulk() = 0;
  virtual ItemRepository& items() = 0;
  virtual NoticeRepository& notices() = 0;
  virtual FileRepository& files() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual CampaignRepository& campaigns() = 0;
  virtual AssessmentRepository& assessment() = 0;
  virtual BulletinRepository& bulletins() = 0;
};

struct StoreStats {
  int64_t reads = 0;
  int64_t writes = 0;   // write functions run
  int64_t commits = 0;  // transactions committed (writes / commits = group size)
  int64_t write_errors = 0;
  int reader_connections = 0;
  int readers_in_use = 0;
  int64_t write_queue_depth = 0;
};

// What Store::Backup wrote: the row count of every table of BulkRepository::Tables() as of
// the copy (the same snapshot), for checking a restore.
struct BackupCopy {
  std::map<std::string, int64_t> rows;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a consistent read-only snapshot. Returns fn's status, or the store's error.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction. When fn returns an error, nothing it did is kept. When
  // Write returns Ok, the change is durable. Concurrent writers may be committed together
  // (group commit); each still sees all or nothing of its own work.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  virtual StoreStats Stats() const = 0;
  // Schema version the database is at, and the newest this binary knows.
  virtual int SchemaVersion() const = 0;
  // Writes a consistent copy of the whole database to the new file `path` while reads and
  // writes go on. SQLite: a database file made with the online backup API. PostgreSQL: a
  // pg_dump custom-format archive of an exported snapshot (needs pg_dump on PATH).
  // kFailedPrecondition for an in-memory store; kUnavailable when the copy fails.
  virtual Result<BackupCopy> Backup(const std::string& path) = 0;
};

}  // namespace duban
