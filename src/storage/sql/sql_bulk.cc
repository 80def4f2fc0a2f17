// The bulk repository in SQL: raw rows of whole tables in key order (migrate-store, backups)
// and the typed bulk loading of bench/gen.
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_item_rows.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

struct TableSpec {
  const char* name;
  const char* key;
  const char* columns;
  int column_count;
};
// Parents before children; the same columns in every dialect.
constexpr TableSpec kTables[] = {
    {"units", "id", "id, parent_id, name, kind, code, disabled, path", 7},
    {"people", "id", "id, unit_id, name, title, phone", 5},
    {"accounts", "id",
     "id, username, person_id, unit_id, roles, disabled, password_hash, failed_logins, "
     "locked_until",
     9},
    {"sessions", "token_hash", "token_hash, account_id, csrf_token, created_at, last_seen_at", 5},
    {"audit_events", "seq",
     "seq, at, actor_account_id, actor_username, action, entity_type, entity_id, unit_id, "
     "unit_path, before_json, after_json, prev_hash, hash",
     13},
    {"campaigns", "id",
     "id, name, description, starts_on, ends_on, unit_id, unit_path, phases_json", 8},
    {"categories", "id", "id, campaign_id, parent_id, name", 4},
    {"items", "id",
     "id, code, kind, title, description, campaign_id, category_id, source, severity, unit_id, "
     "unit_path, found_on, found_by, responsible_unit_id, responsible_unit_path, "
     "responsible_person_id, lead_leader_id, assisting_unit_ids, measures, deadline, "
     "deadline_working_days, report_every, rectify_mode, is_public, parent_id, status, progress, "
     "closed_on, recurrence_of, reopen_count, satisfaction, second_handling_used, "
     "pending_extension, details, created_at, updated_at, assigned_at, accepted_at, "
     "last_report_at, next_check_on",
     40},
    {"item_events", "id",
     "id, item_id, at, actor_account_id, actor_username, action, from_status, to_status, text, "
     "data",
     10},
    {"item_text", "gram, block", "gram, block, w0, w1, w2, w3", 6},
    {"notices", "id",
     "id, year, number, item_id, unit_id, unit_path, level, condition, condition_key, reason, "
     "issued_at, issued_by, respond_by, status, response_text, responded_at, responded_by",
     17},
    {"files", "id", "id, item_id, name, size, content_type, sha256, uploaded_at, uploaded_by", 8},
    {"calendar_years", "year", "year", 1},
    {"calendar_days", "date", "date, working, name", 3},
    {"counters", "name", "name, value", 2},
    {"assessment_schemes", "id",
     "id, key, version, name, subject_type, definition, created_at, created_by", 8},
    {"assessment_grants", "id", "id, scheme_key, account_id, unit_id", 4},
    {"assessment_events", "id",
     "id, scheme_key, kind, subject_type, subject_id, subject_path, indicator_key, period, "
     "occurred_on, evaluator_group, score_x100, points_x100, reason, evidence, status, "
     "created_by_id, created_by, created_at, decided_by, decided_at",
     20},
    {"assessment_event_files", "id",
     "id, event_id, name, size, content_type, sha256, uploaded_at, uploaded_by", 8},
    {"assessment_results", "id",
     "id, scheme_key, scheme_version, period, scope_unit_id, subject_type, subject_id, "
     "subject_path, score_x100, own_score_x100, rank, peer_count, tier, tier_by_score, capped_by, "
     "stars, breakdown, follow_up_item_id, computed_at, superseded_at",
     20},
    {"bulletins", "id",
     "id, scope_unit_id, scope_path, period, period_kind, item_kind, scheme_key, year, number, "
     "doc_number, title, content, origin, issued_by, issued_at",
     15},
};

const TableSpec* FindTable(const std::string& name) {
  for (const auto& t : kTables) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

// gives a multi-row INSERT a statement journal, and releasing it inside the write's savepoint
// walks the savepoint's whole in-memory journal — quadratic in the rows of a bulk write.

}  // namespace

std::vector<std::string> SqlBulk::Tables() const {
  std::vector<std::string> out;
  for (const auto& t : kTables) out.emplace_back(t.name);
  return out;
}

Result<int64_t> SqlBulk::Count(const std::string& table) {
  const TableSpec* t = FindTable(table);
  if (!t) return InvalidArgument("unknown table " + table);
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string("SELECT count(*) FROM ") + t->name));
  return CountOf(rows);
}

Result<TableChunk> SqlBulk::Read(const std::string& table, int64_t offset, int limit) {
  const TableSpec* t = FindTable(table);
  if (!t) return InvalidArgument("unknown table " + table);
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string("SELECT ") + t->columns + " FROM " + t->name + " ORDER BY " +
                              t->key + " LIMIT ?1 OFFSET ?2",
                          {int64_t{limit}, offset}));
  TableChunk chunk{table, {}};
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::optional<std::string>> row;
    for (int c = 0; c < t->column_count; ++c) {
      if (rows[i].IsNull(c)) {
        row.emplace_back();
      } else {
        row.emplace_back(rows[i].Text(c));
      }
    }
    chunk.rows.push_back(std::move(row));
  }
  return chunk;
}

Status SqlBulk::Write(const TableChunk& chunk) {
  const TableSpec* t = FindTable(chunk.table);
  if (!t) return InvalidArgument("unknown table " + chunk.table);
  std::string sql = std::string("INSERT INTO ") + t->name + "(" + t->columns + ") VALUES (";
  for (int c = 1; c <= t->column_count; ++c) sql += (c > 1 ? ", ?" : "?") + std::to_string(c);
  sql += ")";
  for (const auto& row : chunk.rows) {
    if (static_cast<int>(row.size()) != t->column_count) {
      return InvalidArgument("row of " + chunk.table + " has the wrong number of columns");
    }
    Params params;
    for (const auto& v : row) params.push_back(v ? Value(*v) : Value());
    DUBAN_RETURN_IF_ERROR(c_.Execute(sql, params).status().WithContext(chunk.table));
  }
  return Status::Ok();
}

Status SqlBulk::WriteItems(const std::vector<Item>& items) {
  RowInserter rows(c_, "items", std::string("id, ") + kItemColumns, kItemColumnCount + 1);
  for (const Item& item : items) {
    DUBAN_RETURN_IF_ERROR(rows.Add(ItemRowParams(item)));
  }
  // One row per gram and block for the whole batch, in key order: each write then lands next
  // to the previous one, on pages already in cache. A block the previous batch began gets its
  // bits added to the row already there.
  std::map<std::pair<std::string, int64_t>, std::array<int64_t, 4>> blocks;
  for (const Item& item : items) {
    const TextBits b = TextBitsOf(item.id);
    for (auto& g : ItemGrams(item)) {
      auto& words = blocks[{g, b.block}];
      for (size_t k = 0; k < words.size(); ++k) words[k] |= b.words[k];
    }
  }
  for (const auto& [key, w] : blocks) {
    DUBAN_RETURN_IF_ERROR(
        c_.Execute(kAddTextBitsSql, {key.first, key.second, w[0], w[1], w[2], w[3]})
            .status()
            .WithContext("item_text"));
  }
  return Status::Ok();
}

Status SqlBulk::WriteItemEvents(const std::vector<ItemEvent>& events) {
  RowInserter rows(c_, "item_events",
                   "id, item_id, at, actor_account_id, actor_username, action, from_status, "
                   "to_status, text, data",
                   10);
  for (const ItemEvent& e : events) {
    DUBAN_RETURN_IF_ERROR(
        rows.Add({e.id, e.item_id, ToUnixMicros(e.at), Opt(e.actor_account_id), e.actor_username,
                  e.action, e.from_status, e.to_status, e.text, e.data_json}));
  }
  return Status::Ok();
}

Status SqlBulk::WriteNotices(const std::vector<Notice>& notices) {
  RowInserter rows(c_, "notices", kNoticeColumns, kNoticeColumnCount);
  for (const Notice& n : notices) DUBAN_RETURN_IF_ERROR(rows.Add(NoticeParams(n)));
  return Status::Ok();
}

}  // namespace duban::sql
