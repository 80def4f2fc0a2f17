// The item repository in SQL: reads with the scope and query filters, keyset paging, counts,
// writes, the item events and the sweep's due list. Text index: sql_item_text.cc; figures:
// sql_item_figures.cc.
#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <string>

#include "core/deadline.h"
#include "core/string_list.h"
#include "core/text.h"
#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_item_rows.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kItemSelect =
    "SELECT i.id, i.code, i.kind, i.title, i.description, i.campaign_id, i.category_id, i.source, "
    "i.severity, i.unit_id, i.unit_path, i.found_on, i.found_by, i.responsible_unit_id, "
    "i.responsible_unit_path, i.responsible_person_id, i.lead_leader_id, i.assisting_unit_ids, "
    "i.measures, i.deadline, i.deadline_working_days, i.report_every, i.rectify_mode, "
    "i.is_public, i.parent_id, i.status, i.progress, i.closed_on, i.recurrence_of, "
    "i.reopen_count, i.satisfaction, i.second_handling_used, i.pending_extension, i.details, "
    "i.created_at, i.updated_at, i.assigned_at, i.accepted_at, i.last_report_at, "
    "i.next_check_on, u.name, coalesce(ru.name, ''), coalesce(rp.name, ''), "
    "coalesce(ll.name, ''), coalesce(c.name, ''), coalesce(cat.name, '') "
    "FROM items i JOIN units u ON u.id = i.unit_id "
    "LEFT JOIN units ru ON ru.id = i.responsible_unit_id "
    "LEFT JOIN people rp ON rp.id = i.responsible_person_id "
    "LEFT JOIN people ll ON ll.id = i.lead_leader_id "
    "LEFT JOIN campaigns c ON c.id = i.campaign_id "
    "LEFT JOIN categories cat ON cat.id = i.category_id";

Item ReadItem(const Row& r) {
  Item i;
  Columns c(r);
  c.Into(i.id, i.code);
  i.kind = ParseItemKind(c.Text()).value_or(ItemKind::kProblem);
  c.Into(i.title, i.description, i.campaign_id, i.category_id, i.source, i.severity, i.unit_id,
         i.unit_path, i.found_on, i.found_by, i.responsible_unit_id, i.responsible_unit_path,
         i.responsible_person_id, i.lead_leader_id);
  i.assisting_unit_ids = DecodeIds(c.Text());
  i.measures = DecodeStringList(c.Text()).value_or(std::vector<std::string>{});
  c.Into(i.deadline, i.deadline_working_days);
  // Only names that parse were ever written (ApplyAction); a foreign one reads as the default.
  i.report_every = ParseReportEvery(c.Text()).value_or(ReportEvery::kNone);
  i.rectify_mode = ParseRectifyMode(c.Text()).value_or(RectifyMode::kDeadline);
  c.Into(i.is_public, i.parent_id);
  i.status = ParseItemStatus(c.Text()).value_or(ItemStatus::kDraft);
  c.Into(i.progress, i.closed_on, i.recurrence_of, i.reopen_count);
  i.satisfaction = ParseSatisfaction(c.Text());
  c.Into(i.second_handling_used);
  i.pending_extension = DecodeExtension(c.Text());
  c.Into(i.details_json, i.created_at, i.updated_at, i.assigned_at, i.accepted_at, i.last_report_at,
         i.next_check_on, i.unit_name, i.responsible_unit_name, i.responsible_person_name,
         i.lead_leader_name, i.campaign_name, i.category_name);
  return i;
}

// The warning colours are bands of an open item's deadline, in this order: severe (before
// severe_before), red (from severe_before to before today), yellow (today to yellow_until),
// green (after yellow_until). Neighbouring colours asked for together become one range, so
// "red,severe" is `deadline < today`: one range of items_open_deadline, not an OR of two.
// Names other than the four are ignored (the HTTP layer refuses them first).
std::string WarningBands(Where& w, const std::vector<std::string>& names, const WarningCutoffs& cut,
                         const std::string& deadline) {
  static constexpr const char* kOrder[] = {"severe", "red", "yellow", "green"};
  bool on[4] = {};
  for (const auto& name : names) {
    for (int b = 0; b < 4; ++b) on[b] = on[b] || name == kOrder[b];
  }
  const std::string severe = FormatDate(cut.severe_before), today = FormatDate(cut.today),
                    yellow = FormatDate(cut.yellow_until);
  // Lower bound of band b (none for severe), upper bound (none for green).
  auto lower = [&](int b) -> std::string {
    if (b == 1) return deadline + " >= " + w.Param(severe);
    if (b == 2) return deadline + " >= " + w.Param(today);
    if (b == 3) return deadline + " > " + w.Param(yellow);
    return "";
  };
  auto upper = [&](int b) -> std::string {
    if (b == 0) return deadline + " < " + w.Param(severe);
    if (b == 1) return deadline + " < " + w.Param(today);
    if (b == 2) return deadline + " <= " + w.Param(yellow);
    return "";
  };
  // Merging needs the bands in order; cut-offs out of order keep one range per colour.
  const bool ordered = severe <= today && today <= yellow;
  std::vector<std::string> ranges;
  for (int b = 0; b < 4; ++b) {
    if (!on[b]) continue;
    int last = b;
    while (ordered && last + 1 < 4 && on[last + 1]) ++last;
    std::string lo = lower(b), hi = upper(last);
    if (lo.empty() && hi.empty()) return "i.deadline IS NOT NULL";  // every colour
    ranges.push_back(lo.empty() ? hi : hi.empty() ? lo : "(" + lo + " AND " + hi + ")");
    b = last;
  }
  if (ranges.empty()) return "";
  std::string any;
  for (const auto& r : ranges) any += (any.empty() ? "" : " OR ") + r;
  return ranges.size() == 1 ? any : "(" + any + ")";
}

void AddFilters(Where& w, const Scope& scope, const ItemQuery& q, const WarningCutoffs& cut,
                bool with_status, bool with_warning) {
  std::string lo = w.Param(scope.lower()), hi = w.Param(scope.upper());
  w.And("((i.unit_path >= " + lo + " AND i.unit_path < " + hi +
        ") OR (i.responsible_unit_path >= " + lo + " AND i.responsible_unit_path < " + hi + "))");
  if (!q.kinds.empty()) {
    std::string in;
    for (auto k : q.kinds) in += (in.empty() ? "" : ", ") + w.Param(std::string(ItemKindName(k)));
    w.And("i.kind IN (" + in + ")");
  }
  // Which index leads: a subtree (a unit filter, or a caller below the province) is a range
  // on a path index that also holds status and deadline, so those filter inside the index;
  // the (status, deadline) index would instead walk every item of that status in the
  // database (at a million items, the red list of one bureau read ~94,000 open items).
  // SQLite has no statistics to see this (no STAT4), so below the root the status column is
  // wrapped to keep its index out; `|| ''` is a no-op both dialects accept.
  bool subtree_first = !q.unit_path.empty() || !q.responsible_unit_path.empty() ||
                       std::count(scope.lower().begin(), scope.lower().end(), '/') > 2;
  if (with_status && !q.statuses.empty()) {
    std::string in;
    for (auto s : q.statuses)
      in += (in.empty() ? "" : ", ") + w.Param(std::string(ItemStatusName(s)));
    w.And(std::string(subtree_first ? "(i.status || '')" : "i.status") + " IN (" + in + ")");
  }
  if (!q.unit_path.empty()) {
    Scope sub = Scope::Subtree(q.unit_path);
    w.And("i.unit_path >= " + w.Param(sub.lower()) + " AND i.unit_path < " + w.Param(sub.upper()));
  }
  if (!q.responsible_unit_path.empty()) {
    Scope sub = Scope::Subtree(q.responsible_unit_path);
    w.And("i.responsible_unit_path >= " + w.Param(sub.lower()) + " AND i.responsible_unit_path < " +
          w.Param(sub.upper()));
  }
  if (q.responsible_person_id)
    w.And("i.responsible_person_id = " + w.Param(*q.responsible_person_id));
  if (q.campaign_id) w.And("i.campaign_id = " + w.Param(*q.campaign_id));
  if (q.category_id) w.And("i.category_id = " + w.Param(*q.category_id));
  if (q.parent_id) w.And("i.parent_id = " + w.Param(*q.parent_id));
  if (!q.source.empty()) w.And("i.source = " + w.Param(q.source));
  if (q.due_before) w.And("i.deadline <= " + w.Param(FormatDate(*q.due_before)));
  if (with_warning && !q.warnings.empty()) {
    // Below the root the subtree leads here too: the deadline is wrapped like the status, so
    // items_open_deadline (every open item of the database in that band) stays out.
    std::string bands =
        WarningBands(w, q.warnings, cut, subtree_first ? "(i.deadline || '')" : "i.deadline");
    if (!bands.empty()) {
      w.And("i.status NOT IN ('closed', 'cancelled') AND i.deadline IS NOT NULL AND " + bands);
    }
  }
  if (!q.q.empty()) {
    std::set<std::string> grams = SearchGrams(q.q);
    // Below a root, the grams are probed for the items in the caller's scope only, one index
    // lookup per (item, gram) (review M6: a county's search must not read a province's posting
    // lists). At a root the scope holds every item, and intersecting the posting lists of the
    // grams reads least.
    bool below_root = std::count(scope.lower().begin(), scope.lower().end(), '/') > 2;
    // The item's bit in its block's row of each gram (migration 0010): block id >> 8, word
    // (id >> 6) & 3, bit id & 63. The shift count is cast because PostgreSQL shifts a bigint by
    // an integer only.
    std::string probes;
    if (below_root) {
      for (const auto& g : grams) {
        probes +=
            (probes.empty() ? "" : " AND ") +
            ("EXISTS (SELECT 1 FROM item_text g WHERE g.gram = " + w.Param(g) +
             " AND g.block = (i.id >> 8) AND (((CASE ((i.id >> 6) & 3) WHEN 0 THEN g.w0 WHEN 1 "
             "THEN g.w1 WHEN 2 THEN g.w2 ELSE g.w3 END) >> CAST((i.id & 63) AS INTEGER)) & 1) = "
             "1)");
      }
    } else if (!grams.empty()) {
      // The blocks holding every gram, their words intersected, and each set bit an id.
      std::string from;
      std::array<std::string, 4> words;
      int k = 0;
      for (const auto& g : grams) {
        std::string t = "g" + std::to_string(++k);
        if (k == 1) {
          from = "item_text " + t;
        } else {
          from += " JOIN item_text " + t + " ON " + t + ".gram = " + w.Param(g) + " AND " + t +
                  ".block = g1.block";
        }
        for (size_t n = 0; n < words.size(); ++n) {
          words[n] += (words[n].empty() ? "" : " & ") + t + ".w" + std::to_string(n);
        }
      }
      w.And("i.id IN (SELECT g1.block * 256 + b.n FROM " + from +
            " CROSS JOIN item_text_bits b WHERE g1.gram = " + w.Param(*grams.begin()) +
            " AND (((CASE (b.n >> 6) WHEN 0 THEN (" + words[0] + ") WHEN 1 THEN (" + words[1] +
            ") WHEN 2 THEN (" + words[2] + ") ELSE (" + words[3] +
            ") END) >> (b.n & 63)) & 1) = 1)");
    }
    std::string like = "%";
    for (char c : q.q) {
      if (c == '%' || c == '_' || c == '\\') like += '\\';
      like += c;
    }
    like += '%';
    std::string p = w.Param(like);
    std::string holds = "(lower(i.title) LIKE lower(" + p +
                        ") ESCAPE '\\' OR lower(i.description) LIKE lower(" + p +
                        ") ESCAPE '\\' OR lower(i.code) LIKE lower(" + p + ") ESCAPE '\\')";
    // One term, so the cheap probes come first: SQLite evaluates a subquery after the plain
    // terms of the same WHERE, and the LIKE (a row read and two lower() per item) then ran for
    // every item of the subtree instead of the few that hold the grams.
    w.And(probes.empty() ? holds : "CASE WHEN " + probes + " THEN " + holds + " ELSE FALSE END");
  }
}

std::string OrderBy(const std::string& sort) {
  if (sort == "deadline") return " ORDER BY i.deadline IS NULL, i.deadline, i.id";
  if (sort == "-deadline") return " ORDER BY i.deadline IS NULL, i.deadline DESC, i.id DESC";
  if (sort == "found_on") return " ORDER BY i.found_on, i.id";
  if (sort == "-found_on") return " ORDER BY i.found_on DESC, i.id DESC";
  if (sort == "code") return " ORDER BY i.code, i.id";
  return " ORDER BY i.updated_at DESC, i.id DESC";
}

// The rows after `k` in OrderBy(sort)'s order: the same columns compared by key.
std::string AfterKey(Where& w, const std::string& sort, const ItemListKey& k) {
  std::string id = w.Param(k.id);
  if (sort == "deadline" || sort == "-deadline") {
    bool asc = sort == "deadline";
    std::string later_id = std::string("i.id ") + (asc ? ">" : "<") + " " + id;
    if (!k.deadline) return "(i.deadline IS NULL AND " + later_id + ")";
    std::string d = w.Param(FormatDate(*k.deadline));
    return "(i.deadline IS NULL OR i.deadline " + std::string(asc ? ">" : "<") + " " + d +
           " OR (i.deadline = " + d + " AND " + later_id + "))";
  }
  if (sort == "found_on" || sort == "-found_on") {
    std::string op = sort == "found_on" ? ">" : "<";
    std::string f = w.Param(FormatDate(k.found_on));
    return "(i.found_on " + op + " " + f + " OR (i.found_on = " + f + " AND i.id " + op + " " + id +
           "))";
  }
  if (sort == "code") {
    std::string c = w.Param(k.code);
    return "(i.code > " + c + " OR (i.code = " + c + " AND i.id > " + id + "))";
  }
  std::string u = w.Param(ToUnixMicros(k.updated_at));
  return "(i.updated_at < " + u + " OR (i.updated_at = " + u + " AND i.id < " + id + "))";
}

}  // namespace

// ---- items ----

Result<Item> SqlItems::Get(const Scope& scope, ItemId id) {
  Where w;
  w.And("i.id = " + w.Param(id));
  std::string lo = w.Param(scope.lower()), hi = w.Param(scope.upper());
  w.And("((i.unit_path >= " + lo + " AND i.unit_path < " + hi +
        ") OR (i.responsible_unit_path >= " + lo + " AND i.responsible_unit_path < " + hi + "))");
  return ReadOne<Item>(c_.Query(std::string(kItemSelect) + w.sql(), w.params()), ReadItem,
                       [&] { return NotInScope("事项", id); });
}

Result<Page<Item>> SqlItems::List(const Scope& scope, const ItemQuery& query,
                                  const WarningCutoffs& cutoffs) {
  Where w;
  AddFilters(w, scope, query, cutoffs, true, true);
  return QueryPage<Item>(c_, "SELECT count(*) FROM items i" + w.sql(),
                         std::string(kItemSelect) + w.sql() + OrderBy(query.sort), w.params(),
                         query.page, ReadItem);
}

Result<std::vector<Item>> SqlItems::ListAfter(const Scope& scope, const ItemQuery& query,
                                              const WarningCutoffs& cutoffs,
                                              const std::optional<ItemListKey>& after, int limit) {
  Where w;
  AddFilters(w, scope, query, cutoffs, true, true);
  if (after) w.And(AfterKey(w, query.sort, *after));
  std::string n = w.Param(int64_t{limit});
  return ReadAll<Item>(
      c_.Query(std::string(kItemSelect) + w.sql() + OrderBy(query.sort) + " LIMIT " + n,
               w.params()),
      ReadItem);
}

namespace {
// Rows (warning colour, status, count) of the items `query` selects in `scope`, with its
// status and its warning filter each applied or not.
Result<Rows> CountByColourAndStatus(Connection& c, const Scope& scope, const ItemQuery& query,
                                    const WarningCutoffs& cutoffs, bool with_status,
                                    bool with_warning) {
  Where w;
  AddFilters(w, scope, query, cutoffs, with_status, with_warning);
  std::string today = w.Param(FormatDate(cutoffs.today));
  std::string yellow = w.Param(FormatDate(cutoffs.yellow_until));
  std::string severe = w.Param(FormatDate(cutoffs.severe_before));
  return c.Query(
      "SELECT CASE WHEN i.status IN ('closed', 'cancelled') OR i.deadline IS NULL THEN 'none' "
      "WHEN i.deadline < " +
          severe + " THEN 'severe' WHEN i.deadline < " + today + " THEN 'red' WHEN i.deadline <= " +
          yellow + " THEN 'yellow' ELSE 'green' END AS w, i.status, count(*) FROM items i" +
          w.sql() + " GROUP BY 1, 2",
      w.params());
}
}  // namespace

Result<ItemCounts> SqlItems::Count(const Scope& scope, const ItemQuery& query,
                                   const WarningCutoffs& cutoffs) {
  // The status table counts the rows that pass the warning filter, the warning table those
  // that pass the status filter. With one filter or none, one scan grouped by both gives both
  // tables. With both filters, each table is counted by a query that keeps the other filter:
  // a red list of open items then reads the open items and the red band, never the whole
  // scope (it used to read every item of the caller's scope once).
  std::set<std::string> statuses, warnings;
  for (ItemStatus s : query.statuses) statuses.insert(std::string(ItemStatusName(s)));
  for (const auto& name : query.warnings) {
    if (name == "green" || name == "yellow" || name == "red" || name == "severe") {
      warnings.insert(name);  // AddFilters ignores any other name, and so does this
    }
  }
  ItemCounts counts;
  for (ItemStatus s : kAllItemStatuses) counts.status[std::string(ItemStatusName(s))] = 0;
  for (const char* name : {"green", "yellow", "red", "severe", "none"}) counts.warning[name] = 0;
  auto add = [&](const Rows& rows, bool to_status, bool to_warning) {
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string warning = rows[i].Text(0), status = rows[i].Text(1);
      int64_t n = rows[i].Int(2);
      if (to_status && (warnings.empty() || warnings.count(warning))) counts.status[status] += n;
      if (to_warning && (statuses.empty() || statuses.count(status))) counts.warning[warning] += n;
    }
  };
  if (!statuses.empty() && !warnings.empty()) {
    DUBAN_ASSIGN_OR_RETURN(Rows by_status,
                           CountByColourAndStatus(c_, scope, query, cutoffs, false, true));
    DUBAN_ASSIGN_OR_RETURN(Rows by_warning,
                           CountByColourAndStatus(c_, scope, query, cutoffs, true, false));
    add(by_status, true, false);
    add(by_warning, false, true);
    return counts;
  }
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         CountByColourAndStatus(c_, scope, query, cutoffs, false, false));
  add(rows, true, true);
  return counts;
}

Status SqlItems::Insert(Item& item) {
  int year =
      static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                       item.created_at + std::chrono::hours(8)))
                           .year());
  DUBAN_ASSIGN_OR_RETURN(int64_t number, NextCounter(c_, "item:" + std::to_string(year)));
  item.code = FormatItemCode(year, number);
  DUBAN_ASSIGN_OR_RETURN(item.id, NextId(c_, "items"));
  Params params = ItemRowParams(item);
  std::string values;
  for (int i = 1; i <= kItemColumnCount + 1; ++i)
    values += (i > 1 ? ", ?" : "?") + std::to_string(i);
  DUBAN_RETURN_IF_ERROR(
      c_.Execute(std::string("INSERT INTO items(id, ") + kItemColumns + ") VALUES (" + values + ")",
                 params)
          .status());
  return IndexText(nullptr, item);
}

namespace {
// The names of kItemColumns, in order, split once.
const std::vector<std::string>& ItemColumnNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    std::string columns = kItemColumns;
    size_t start = 0;
    while (start < columns.size()) {
      size_t comma = columns.find(',', start);
      std::string col =
          columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      while (!col.empty() && col.front() == ' ') col.erase(0, 1);
      out.push_back(col);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return out;
  }();
  return names;
}
}  // namespace

Status SqlItems::Update(const Item& stored, const Item& item) {
  if (stored.id != item.id) {
    return InvalidArgument("事项 " + std::to_string(item.id) + " 与读出的事项 " +
                           std::to_string(stored.id) + " 不是同一项");
  }
  // Only the columns that changed: SQLite maintains every index with a column in the SET list
  // (a report that moves no status, unit or deadline touches no item index), and the sweep's
  // write of next_check_on alone is one column. `stored` is the row as read in this
  // transaction, so a column equal in both is the stored value.
  const Params before = ItemParams(stored), after = ItemParams(item);
  const auto& names = ItemColumnNames();
  std::string sets;
  Params params;
  for (size_t n = 0; n < after.size(); ++n) {
    if (before[n] == after[n]) continue;
    params.push_back(after[n]);
    sets += (sets.empty() ? "" : ", ") + names[n] + " = ?" + std::to_string(params.size());
  }
  if (sets.empty()) return Status::Ok();  // nothing to write; the row was read in this transaction
  params.emplace_back(item.id);
  DUBAN_ASSIGN_OR_RETURN(int64_t changed, c_.Execute("UPDATE items SET " + sets + " WHERE id = ?" +
                                                         std::to_string(params.size()),
                                                     params));
  if (changed == 0) return NotFound("事项 " + std::to_string(item.id) + " 不存在");
  bool text_changed = stored.title != item.title || stored.description != item.description;
  return text_changed ? IndexText(&stored, item) : Status::Ok();
}

Status SqlItems::AppendEvent(ItemEvent& e) {
  DUBAN_ASSIGN_OR_RETURN(e.id, NextId(c_, "item_events"));
  return c_
      .Execute(
          "INSERT INTO item_events(id, item_id, at, actor_account_id, actor_username, action, "
          "from_status, to_status, text, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          {e.id, e.item_id, ToUnixMicros(e.at), Opt(e.actor_account_id), e.actor_username, e.action,
           e.from_status, e.to_status, e.text, e.data_json})
      .status();
}

Result<std::vector<ItemEvent>> SqlItems::Events(ItemId id) {
  return ReadAll<ItemEvent>(
      c_.Query("SELECT id, item_id, at, actor_account_id, actor_username, action, from_status, "
               "to_status, text, data FROM item_events WHERE item_id = ?1 ORDER BY id",
               {id}),
      [](const Row& r) -> ItemEvent {
        return {r.Int(0),    r.Int(1),  FromUnixMicros(r.Int(2)),
                r.OptInt(3), r.Text(4), r.Text(5),
                r.Text(6),   r.Text(7), r.Text(8),
                r.Text(9)};
      });
}

Result<std::vector<Item>> SqlItems::DueForCheck(const Scope& scope, Date day,
                                                std::optional<CheckCursor> after, int limit) {
  Where w;
  w.And("i.next_check_on IS NOT NULL AND i.next_check_on <= " + w.Param(FormatDate(day)));
  if (!scope.is_everything()) {
    w.And("i.unit_path >= " + w.Param(scope.lower()) + " AND i.unit_path < " +
          w.Param(scope.upper()));
  }
  if (after) {
    std::string d = w.Param(FormatDate(after->next_check_on));
    w.And("i.next_check_on >= " + d + " AND (i.next_check_on > " + d + " OR i.id > " +
          w.Param(after->id) + ")");
  }
  std::string n = w.Param(int64_t{limit});
  return ReadAll<Item>(
      c_.Query(std::string(kItemSelect) + w.sql() + " ORDER BY i.next_check_on, i.id LIMIT " + n,
               w.params()),
      ReadItem);
}

}  // namespace duban::sql
