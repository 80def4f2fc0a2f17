#include "app/audit_service.h"

#include "core/permission.h"

namespace duban {

Result<Page<AuditEvent>> AuditService::List(const Caller& caller,
                                            const AuditRepository::Query& query) {
  if (!May(caller.roles, Capability::kAuditView)) {
    return PermissionDenied("您的角色无权查看审计日志");
  }
  Page<AuditEvent> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.audit().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

}  // namespace duban
