// AuditLog appends events to the hash chain inside the caller's write transaction, and
// verifies the whole chain. Stateless apart from its Clock; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/caller.h"
#include "app/records/audit_snapshot.h"
#include "core/audit.h"
#include "core/time.h"
#include "storage/store.h"

namespace duban {

struct AuditEntry {
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::optional<UnitId> unit_id;
  std::string unit_path;
  AuditSnapshot before;  // std::monostate when there was no before
  AuditSnapshot after;   // std::monostate when there is no after
};

// The SHA-256 of prev_hash and the event's canonical content.
std::string AuditHash(const AuditEvent& event);

struct AuditVerification {
  bool ok = true;
  int64_t events_checked = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string reason;         // what is wrong with that event
};

class AuditLog {
 public:
  explicit AuditLog(const Clock& clock) : clock_(clock) {}
  // Appends within `tx`, so the event commits or rolls back with the change it records.
  Status Append(Tx& tx, const Caller& caller, const AuditEntry& entry) const;

  // Walks the whole chain in order. `progress` (may be empty) is called with the events
  // checked so far. A store error is returned as such; a broken chain is a report, not an error.
  static Result<AuditVerification> Verify(Store& store,
                                          const std::function<void(int64_t)>& progress = {});

 private:
  const Clock& clock_;
};

}  // namespace duban
