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
  e.seq = r.Int(0);
  e.at = FromUnixMicros(r.Int(1));
  e.actor_account_id = r.OptInt(2);
  e.actor_username = r.Text(3);
  e.action = r.Text(4);
  e.entity_type = r.Text(5);
  e.entity_id = r.Text(6);
  e.unit_id = r.OptInt(7);
  e.unit_path = r.Text(8);
  e.before_json = r.Text(9);
  e.after_json = r.Text(10);
  e.prev_hash = r.Text(11);
  e.hash = r.Text(12);
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
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         c_.Query(std::string(kAuditColumns) + " ORDER BY seq DESC LIMIT 1"));
  if (rows.empty()) return std::optional<AuditEvent>();
  return std::optional<AuditEvent>(ReadAudit(rows[0]));
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
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string(kAuditColumns) + " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                          {after_seq, int64_t{limit}}));
  std::vector<AuditEvent> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadAudit(rows[i]));
  return out;
}

}  // namespace duban::sql
