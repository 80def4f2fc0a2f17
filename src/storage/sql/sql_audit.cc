// The audit repository in SQL: the append-only chain.
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor_account_id, actor_username, action, entity_type, entity_id, unit_id, "
    "unit_path, before_json, after_json, prev_hash, hash FROM audit_events";

AuditEvent ReadAudit(const Row& r) {
  AuditEvent e;
  Columns(r).Into(e.seq, e.at, e.actor_account_id, e.actor_username, e.action, e.entity_type,
                  e.entity_id, e.unit_id, e.unit_path, e.before_json, e.after_json, e.prev_hash,
                  e.hash);
  return e;
}

}  // namespace

Status SqlAudit::Append(const AuditEvent& e) {
  return c_
      .Execute(
          "INSERT INTO audit_events(seq, at, actor_account_id, actor_username, action, "
          "entity_type, entity_id, unit_id, unit_path, before_json, after_json, prev_hash, "
          "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
          {e.seq, ToUnixMicros(e.at), Opt(e.actor_account_id), e.actor_username, e.action,
           e.entity_type, e.entity_id, Opt(e.unit_id), e.unit_path, e.before_json, e.after_json,
           e.prev_hash, e.hash})
      .status();
}

Result<std::optional<AuditEvent>> SqlAudit::Last() {
  return ReadFirst<AuditEvent>(c_.Query(std::string(kAuditColumns) + " ORDER BY seq DESC LIMIT 1"),
                               ReadAudit);
}

Result<Page<AuditEvent>> SqlAudit::List(const Scope& scope, const Query& query) {
  // Visibility follows the unit (docs/decisions/0003): an event with a unit is in scope while
  // that unit is, wherever it was when the event was written; an event without one keeps the
  // path it was written with.
  std::string where =
      " WHERE (unit_id IN (SELECT u.id FROM units u WHERE u.path >= ?1 AND u.path < ?2) OR "
      "(unit_id IS NULL AND unit_path >= ?1 AND unit_path < ?2))";
  Params params = {scope.lower(), scope.upper()};
  if (!query.entity_type.empty()) {
    params.emplace_back(query.entity_type);
    where += " AND entity_type = ?" + std::to_string(params.size());
  }
  if (!query.entity_id.empty()) {
    params.emplace_back(query.entity_id);
    where += " AND entity_id = ?" + std::to_string(params.size());
  }
  return QueryPage<AuditEvent>(c_, "SELECT count(*) FROM audit_events" + where,
                               std::string(kAuditColumns) + where + " ORDER BY seq DESC", params,
                               query.page, ReadAudit);
}

Result<std::vector<AuditEvent>> SqlAudit::Scan(int64_t after_seq, int limit) {
  return ReadAll<AuditEvent>(
      c_.Query(std::string(kAuditColumns) + " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
               {after_seq, int64_t{limit}}),
      ReadAudit);
}

}  // namespace duban::sql
