// The item and notice row forms shared by the repositories that write them (sql_item_rows.h).
#include "storage/sql/sql_item_rows.h"

#include <string>
#include <vector>

#include "core/string_list.h"
#include "storage/sql/sql_helpers.h"

namespace duban::sql {

std::string EncodeIds(const std::vector<UnitId>& ids) {
  std::vector<std::string> s;
  for (auto id : ids) s.push_back(std::to_string(id));
  return EncodeStringList(s);
}

std::vector<UnitId> DecodeIds(const std::string& text) {
  std::vector<UnitId> out;
  auto list = DecodeStringList(text);
  if (!list.ok()) return out;
  for (const auto& s : *list) out.push_back(std::stoll(s));
  return out;
}

std::string EncodeExtension(const std::optional<PendingExtension>& e) {
  if (!e) return "";
  return EncodeStringList({FormatDate(e->new_deadline), e->reason,
                           std::to_string(ToUnixMicros(e->requested_at)), e->requested_by});
}

std::optional<PendingExtension> DecodeExtension(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto list = DecodeStringList(text);
  if (!list.ok() || list->size() != 4) return std::nullopt;
  auto date = ParseDate((*list)[0]);
  if (!date) return std::nullopt;
  return PendingExtension{*date, (*list)[1], FromUnixMicros(std::stoll((*list)[2])), (*list)[3]};
}

Params ItemParams(const Item& i) {
  return {i.code,
          std::string(ItemKindName(i.kind)),
          i.title,
          i.description,
          Opt(i.campaign_id),
          Opt(i.category_id),
          i.source,
          i.severity,
          i.unit_id,
          i.unit_path,
          FormatDate(i.found_on),
          i.found_by,
          Opt(i.responsible_unit_id),
          i.responsible_unit_path,
          Opt(i.responsible_person_id),
          Opt(i.lead_leader_id),
          EncodeIds(i.assisting_unit_ids),
          EncodeStringList(i.measures),
          DateValue(i.deadline),
          i.deadline_working_days ? Value(int64_t{*i.deadline_working_days}) : Value(),
          std::string(ReportEveryName(i.report_every)),
          std::string(RectifyModeName(i.rectify_mode)),
          int64_t{i.is_public},
          Opt(i.parent_id),
          std::string(ItemStatusName(i.status)),
          int64_t{i.progress},
          DateValue(i.closed_on),
          Opt(i.recurrence_of),
          int64_t{i.reopen_count},
          i.satisfaction ? std::string(SatisfactionName(*i.satisfaction)) : std::string(),
          int64_t{i.second_handling_used},
          EncodeExtension(i.pending_extension),
          i.details_json,
          ToUnixMicros(i.created_at),
          ToUnixMicros(i.updated_at),
          MicrosValue(i.assigned_at),
          MicrosValue(i.accepted_at),
          MicrosValue(i.last_report_at),
          DateValue(i.next_check_on)};
}

Params ItemRowParams(const Item& item) {
  Params columns = ItemParams(item);
  Params row;
  row.reserve(columns.size() + 1);
  row.emplace_back(item.id);
  for (Value& v : columns) row.push_back(std::move(v));
  return row;
}

Params NoticeParams(const Notice& n) {
  return {n.id,
          int64_t{n.year},
          n.number,
          n.item_id,
          n.unit_id,
          n.unit_path,
          n.level,
          n.condition,
          n.condition_key,
          n.reason,
          ToUnixMicros(n.issued_at),
          n.issued_by,
          FormatDate(n.respond_by),
          n.status,
          n.response_text,
          MicrosValue(n.responded_at),
          n.responded_by};
}

Result<int64_t> NextCounter(Connection& c, const std::string& name) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT value FROM counters WHERE name = ?1", {name}));
  int64_t next = rows.empty() ? 1 : rows[0].Int(0) + 1;
  if (rows.empty()) {
    DUBAN_RETURN_IF_ERROR(
        c.Execute("INSERT INTO counters(name, value) VALUES (?1, ?2)", {name, next}).status());
  } else {
    DUBAN_RETURN_IF_ERROR(
        c.Execute("UPDATE counters SET value = ?1 WHERE name = ?2", {next, name}).status());
  }
  return next;
}

}  // namespace duban::sql
