// The append-only audit chain (docs/ARCHITECTURE.md, the audit chain).
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"

namespace duban {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends the event as given (seq, hashes included); kAlreadyExists if seq is taken.
  virtual Status Append(const AuditEvent& event) = 0;
  virtual Result<std::optional<AuditEvent>> Last() = 0;
  struct Query {
    std::string entity_type;
    std::string entity_id;
    PageRequest page;
  };
  // Newest first, events whose unit is in scope: by the unit's current path when the event
  // names a unit, by the path it was written with when it does not (docs/decisions/0003).
  virtual Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) = 0;
  // Events with seq > after_seq in seq order, at most `limit`: for verifying the chain.
  virtual Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) = 0;
};

}  // namespace duban
