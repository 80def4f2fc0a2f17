#include "app/audit_log.h"

#include "app/crypto.h"

namespace duban {

std::string AuditHash(const AuditEvent& event) { return Sha256Hex(AuditCanonicalContent(event)); }

Status AuditLog::Append(Tx& tx, const Caller& caller, const AuditEntry& entry) const {
  DUBAN_ASSIGN_OR_RETURN(std::optional<AuditEvent> last, tx.audit().Last());
  AuditEvent e;
  e.seq = last ? last->seq + 1 : 1;
  e.prev_hash = last ? last->hash : kGenesisHash;
  e.at = clock_.Now();
  e.actor_account_id = caller.account_id;
  e.actor_username = caller.username;
  e.action = entry.action;
  e.entity_type = entry.entity_type;
  e.entity_id = entry.entity_id;
  e.unit_id = entry.unit_id;
  e.unit_path = entry.unit_path;
  e.before_json = EncodeAuditSnapshot(entry.before);
  e.after_json = EncodeAuditSnapshot(entry.after);
  e.hash = AuditHash(e);
  return tx.audit().Append(e);
}

Result<AuditVerification> AuditLog::Verify(Store& store,
                                           const std::function<void(int64_t)>& progress) {
  AuditVerification report;
  int64_t last_seq = 0;
  std::string prev_hash = kGenesisHash;
  constexpr int kBatch = 1000;
  while (true) {
    std::vector<AuditEvent> batch;
    DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(batch, tx.audit().Scan(last_seq, kBatch));
      return Status::Ok();
    }));
    if (batch.empty()) break;
    for (const AuditEvent& e : batch) {
      auto fail = [&](std::string reason) {
        report.ok = false;
        report.first_bad_seq = e.seq;
        report.reason = std::move(reason);
      };
      if (e.seq != last_seq + 1) {
        report.ok = false;
        report.first_bad_seq = last_seq + 1;
        report.reason = "event " + std::to_string(last_seq + 1) + " is missing (next is " +
                        std::to_string(e.seq) + ")";
        return report;
      }
      if (e.prev_hash != prev_hash) {
        fail("prev_hash does not match the hash of event " + std::to_string(last_seq));
        return report;
      }
      if (AuditHash(e) != e.hash) {
        fail("content does not match its hash: the event was changed after it was written");
        return report;
      }
      last_seq = e.seq;
      prev_hash = e.hash;
      ++report.events_checked;
    }
    if (progress) progress(report.events_checked);
  }
  return report;
}

}  // namespace duban
