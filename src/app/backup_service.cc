#include "app/backup_service.h"

#include "app/audit_log.h"

namespace duban {

Status BackupService::VerifyRestored(const std::map<std::string, int64_t>& rows) const {
  for (const auto& [table, expected] : rows) {
    int64_t n = -1;
    DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(n, tx.bulk().Count(table));
      return Status::Ok();
    }));
    if (n != expected) {
      return FailedPrecondition("恢复后表 " + table + " 有 " + std::to_string(n) +
                                " 行，备份时有 " + std::to_string(expected) + " 行");
    }
  }
  DUBAN_ASSIGN_OR_RETURN(AuditVerification audit, AuditLog::Verify(store_));
  if (!audit.ok) {
    return FailedPrecondition("恢复的审计链被破坏: 第 " + std::to_string(audit.first_bad_seq) +
                              " 条事件: " + audit.reason);
  }
  return Status::Ok();
}

}  // namespace duban
