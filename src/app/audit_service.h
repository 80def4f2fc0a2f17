// AuditService: reading the audit log within the caller's scope. Thread-safe.
#pragma once

#include "app/caller.h"
#include "storage/store.h"

namespace duban {

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}
  // kPermissionDenied unless the caller is an admin, supervisor or leader.
  Result<Page<AuditEvent>> List(const Caller& caller, const AuditRepository::Query& query);

 private:
  Store& store_;
};

}  // namespace duban
