// The closed loop's repositories in SQL: items (with the bigram text index), their events,
// notices, files, the work calendar and campaigns.
#include <algorithm>
#include <set>
#include <string>

#include "core/deadline.h"
#include "core/string_list.h"
#include "core/text.h"
#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

std::string Ids(const std::vector<UnitId>& ids) {
  std::vector<std::string> s;
  for (auto id : ids) s.push_back(std::to_string(id));
  return EncodeStringList(s);
}

std::vector<UnitId> ParseIds(const std::string& text) {
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
  i.id = r.Int(0);
  i.code = r.Text(1);
  i.kind = ParseItemKind(r.Text(2)).value_or(ItemKind::kProblem);
  i.title = r.Text(3);
  i.description = r.Text(4);
  i.campaign_id = r.OptInt(5);
  i.category_id = r.OptInt(6);
  i.source = r.Text(7);
  i.severity = r.Text(8);
  i.unit_id = r.Int(9);
  i.unit_path = r.Text(10);
  i.found_on = ParseDate(r.Text(11)).value_or(Date{});
  i.found_by = r.Text(12);
  i.responsible_unit_id = r.OptInt(13);
  i.responsible_unit_path = r.Text(14);
  i.responsible_person_id = r.OptInt(15);
  i.lead_leader_id = r.OptInt(16);
  i.assisting_unit_ids = ParseIds(r.Text(17));
  i.measures = DecodeStringList(r.Text(18)).value_or(std::vector<std::string>{});
  i.deadline = DateOf(r, 19);
  if (auto n = r.OptInt(20)) i.deadline_working_days = static_cast<int>(*n);
  // Only names that parse were ever written (ApplyAction); a foreign one reads as the default.
  i.report_every = ParseReportEvery(r.Text(21)).value_or(ReportEvery::kNone);
  i.rectify_mode = ParseRectifyMode(r.Text(22)).value_or(RectifyMode::kDeadline);
  i.is_public = r.Int(23) != 0;
  i.parent_id = r.OptInt(24);
  i.status = ParseItemStatus(r.Text(25)).value_or(ItemStatus::kDraft);
  i.progress = static_cast<int>(r.Int(26));
  i.closed_on = DateOf(r, 27);
  i.recurrence_of = r.OptInt(28);
  i.reopen_count = static_cast<int>(r.Int(29));
  i.satisfaction = ParseSatisfaction(r.Text(30));
  i.second_handling_used = r.Int(31) != 0;
  i.pending_extension = DecodeExtension(r.Text(32));
  i.details_json = r.Text(33);
  i.created_at = FromUnixMicros(r.Int(34));
  i.updated_at = FromUnixMicros(r.Int(35));
  i.assigned_at = InstantOf(r, 36);
  i.accepted_at = InstantOf(r, 37);
  i.last_report_at = InstantOf(r, 38);
  i.next_check_on = DateOf(r, 39);
  i.unit_name = r.Text(40);
  i.responsible_unit_name = r.Text(41);
  i.responsible_person_name = r.Text(42);
  i.lead_leader_name = r.Text(43);
  i.campaign_name = r.Text(44);
  i.category_name = r.Text(45);
  return i;
}

// Code points of `text`, ASCII letters lower-cased.
std::vector<std::string> CodePoints(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    std::string cp(text.substr(i, len));
    if (len == 1 && cp[0] >= 'A' && cp[0] <= 'Z') cp[0] = static_cast<char>(cp[0] - 'A' + 'a');
    out.push_back(std::move(cp));
    i += len;
  }
  return out;
}

bool IsSpace(const std::string& cp) {
  return cp == " " || cp == "\n" || cp == "\r" || cp == "\t" || cp == "\xE3\x80\x80";
}

// Unigrams and bigrams (not across white space) of the text.
void Grams(std::string_view text, std::set<std::string>& out) {
  auto cps = CodePoints(text);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsSpace(cps[i])) continue;
    out.insert(cps[i]);
    if (i + 1 < cps.size() && !IsSpace(cps[i + 1])) out.insert(cps[i] + cps[i + 1]);
  }
}

// Only the start of a long description is indexed; a match further in is still found by the
// LIKE check when the other words of the query narrow the candidates.
constexpr size_t kIndexedDescriptionBytes = 6000;

// The grams a search for `text` looks up: its bigrams (one character: itself; no bigram: the
// unigrams), at most kMaxSearchGrams of them spread over the text in order. Fewer grams only
// widen the candidates; the LIKE on the whole text decides (review M6: a long query used to
// join hundreds of posting lists).
constexpr size_t kMaxSearchGrams = 8;
std::set<std::string> SearchGrams(std::string_view text) {
  auto cps = CodePoints(text);
  if (cps.size() == 1) return {cps[0]};
  std::vector<std::string> ordered;  // distinct bigrams in text order
  std::set<std::string> seen;
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    if (IsSpace(cps[i]) || IsSpace(cps[i + 1])) continue;
    std::string g = cps[i] + cps[i + 1];
    if (seen.insert(g).second) ordered.push_back(std::move(g));
  }
  if (ordered.empty()) {
    std::set<std::string> all;
    Grams(text, all);
    while (all.size() > kMaxSearchGrams) all.erase(std::prev(all.end()));
    return all;
  }
  if (ordered.size() <= kMaxSearchGrams) return seen;
  std::set<std::string> out;
  for (size_t k = 0; k < kMaxSearchGrams; ++k) {
    out.insert(ordered[k * (ordered.size() - 1) / (kMaxSearchGrams - 1)]);
  }
  return out;
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
    std::string today = FormatDate(cut.today), yellow = FormatDate(cut.yellow_until),
                severe = FormatDate(cut.severe_before);
    std::string any;
    for (const auto& name : q.warnings) {
      std::string c;
      if (name == "severe") c = "i.deadline < " + w.Param(severe);
      if (name == "red")
        c = "(i.deadline >= " + w.Param(severe) + " AND i.deadline < " + w.Param(today) + ")";
      if (name == "yellow")
        c = "(i.deadline >= " + w.Param(today) + " AND i.deadline <= " + w.Param(yellow) + ")";
      if (name == "green") c = "i.deadline > " + w.Param(yellow);
      if (!c.empty()) any += (any.empty() ? "" : " OR ") + c;
    }
    if (!any.empty()) {
      w.And("i.status NOT IN ('closed', 'cancelled') AND i.deadline IS NOT NULL AND (" + any + ")");
    }
  }
  if (!q.q.empty()) {
    std::set<std::string> grams = SearchGrams(q.q);
    // Below a root, the grams are probed for the items in the caller's scope only, one index
    // lookup per (item, gram) (review M6: a county's search must not read a province's posting
    // lists). At a root the scope holds every item, and intersecting the posting lists of the
    // grams reads least.
    bool below_root = std::count(scope.lower().begin(), scope.lower().end(), '/') > 2;
    if (below_root) {
      for (const auto& g : grams) {
        w.And("EXISTS (SELECT 1 FROM item_grams g WHERE g.gram = " + w.Param(g) +
              " AND g.item_id = i.id)");
      }
    } else if (!grams.empty()) {
      std::string in;
      for (const auto& g : grams) in += (in.empty() ? "" : ", ") + w.Param(g);
      w.And("i.id IN (SELECT item_id FROM item_grams WHERE gram IN (" + in +
            ") GROUP BY item_id HAVING count(*) = " + w.Param(static_cast<int64_t>(grams.size())) +
            ")");
    }
    std::string like = "%";
    for (char c : q.q) {
      if (c == '%' || c == '_' || c == '\\') like += '\\';
      like += c;
    }
    like += '%';
    std::string p = w.Param(like);
    w.And("(lower(i.title) LIKE lower(" + p + ") ESCAPE '\\' OR lower(i.description) LIKE lower(" +
          p + ") ESCAPE '\\' OR lower(i.code) LIKE lower(" + p + ") ESCAPE '\\')");
  }
}

// The unigrams and bigrams IndexText stores for `item`.
std::set<std::string> ItemGrams(const Item& item) {
  std::set<std::string> grams;
  Grams(item.code, grams);
  Grams(item.title, grams);
  std::string_view desc = item.description;
  if (desc.size() > kIndexedDescriptionBytes) {
    size_t cut = kIndexedDescriptionBytes;
    while (cut > 0 && (static_cast<unsigned char>(desc[cut]) & 0xC0) == 0x80) --cut;
    desc = desc.substr(0, cut);
  }
  Grams(desc, grams);
  return grams;
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

// ---- items ----

Result<Item> SqlItems::Get(const Scope& scope, ItemId id) {
  Where w;
  w.And("i.id = " + w.Param(id));
  std::string lo = w.Param(scope.lower()), hi = w.Param(scope.upper());
  w.And("((i.unit_path >= " + lo + " AND i.unit_path < " + hi +
        ") OR (i.responsible_unit_path >= " + lo + " AND i.responsible_unit_path < " + hi + "))");
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string(kItemSelect) + w.sql(), w.params()));
  if (rows.empty()) return NotFound("事项 " + std::to_string(id) + " 不存在或不在您的数据范围内");
  return ReadItem(rows[0]);
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
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string(kItemSelect) + w.sql() + OrderBy(query.sort) + " LIMIT " + n,
                          w.params()));
  std::vector<Item> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadItem(rows[i]));
  return out;
}

Result<ItemCounts> SqlItems::Count(const Scope& scope, const ItemQuery& query,
                                   const WarningCutoffs& cutoffs) {
  // One scan for both tables: grouped by warning colour and status with neither filter, then
  // the status table keeps the rows that pass the warning filter and the warning table those
  // that pass the status filter (it used to be one scan each).
  Where w;
  AddFilters(w, scope, query, cutoffs, /*with_status=*/false, /*with_warning=*/false);
  std::string today = w.Param(FormatDate(cutoffs.today));
  std::string yellow = w.Param(FormatDate(cutoffs.yellow_until));
  std::string severe = w.Param(FormatDate(cutoffs.severe_before));
  std::string sql =
      "SELECT CASE WHEN i.status IN ('closed', 'cancelled') OR i.deadline IS NULL THEN 'none' "
      "WHEN i.deadline < " +
      severe + " THEN 'severe' WHEN i.deadline < " + today +
      " THEN 'red' WHEN i.deadline <= " + yellow +
      " THEN 'yellow' ELSE 'green' END AS w, i.status, "
      "count(*) FROM items i" +
      w.sql() + " GROUP BY 1, 2";
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql, w.params()));
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
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string warning = rows[i].Text(0), status = rows[i].Text(1);
    int64_t n = rows[i].Int(2);
    if (warnings.empty() || warnings.count(warning)) counts.status[status] += n;
    if (statuses.empty() || statuses.count(status)) counts.warning[warning] += n;
  }
  return counts;
}

Status SqlItems::IndexText(const Item* stored, const Item& item) {
  // The grams to drop are those of the stored text, so the index needs no item_id index of its
  // own (migration 0004): an edit touches only the grams that changed.
  std::set<std::string> now = ItemGrams(item), before;
  if (stored) before = ItemGrams(*stored);
  for (const auto& g : before) {
    if (now.count(g)) continue;
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("DELETE FROM item_grams WHERE gram = ?1 AND item_id = ?2", {g, item.id})
            .status());
  }
  for (const auto& g : now) {
    if (before.count(g)) continue;
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO item_grams(gram, item_id) VALUES (?1, ?2)", {g, item.id}).status());
  }
  return Status::Ok();
}

namespace {
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
          Ids(i.assisting_unit_ids),
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
constexpr const char* kItemColumns =
    "code, kind, title, description, campaign_id, category_id, source, severity, unit_id, "
    "unit_path, found_on, found_by, responsible_unit_id, responsible_unit_path, "
    "responsible_person_id, lead_leader_id, assisting_unit_ids, measures, deadline, "
    "deadline_working_days, report_every, rectify_mode, is_public, parent_id, status, progress, "
    "closed_on, recurrence_of, reopen_count, satisfaction, second_handling_used, "
    "pending_extension, details, created_at, updated_at, assigned_at, accepted_at, "
    "last_report_at, next_check_on";
constexpr int kItemColumnCount = 39;
}  // namespace

Status SqlItems::Insert(Item& item) {
  int year =
      static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                       item.created_at + std::chrono::hours(8)))
                           .year());
  DUBAN_ASSIGN_OR_RETURN(int64_t number, NextCounter(c_, "item:" + std::to_string(year)));
  item.code = FormatItemCode(year, number);
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM items"));
  item.id = next[0].Int(0);
  Params params = ItemParams(item);
  params.insert(params.begin(), item.id);
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
// "UPDATE items SET code = ?1, ... WHERE id = ?40", built once.
const std::string& ItemUpdateSql() {
  static const std::string sql = [] {
    std::string sets, columns = kItemColumns;
    size_t start = 0;
    int n = 0;
    while (start < columns.size()) {
      size_t comma = columns.find(',', start);
      std::string col =
          columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      while (!col.empty() && col.front() == ' ') col.erase(0, 1);
      ++n;
      sets += (n > 1 ? ", " : "") + col + " = ?" + std::to_string(n);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return "UPDATE items SET " + sets + " WHERE id = ?" + std::to_string(n + 1);
  }();
  return sql;
}
}  // namespace

Status SqlItems::Update(const Item& stored, const Item& item) {
  if (stored.id != item.id) {
    return InvalidArgument("事项 " + std::to_string(item.id) + " 与读出的事项 " +
                           std::to_string(stored.id) + " 不是同一项");
  }
  Params params = ItemParams(item);
  params.emplace_back(item.id);
  DUBAN_ASSIGN_OR_RETURN(int64_t changed, c_.Execute(ItemUpdateSql(), params));
  if (changed == 0) return NotFound("事项 " + std::to_string(item.id) + " 不存在");
  bool text_changed = stored.title != item.title || stored.description != item.description;
  return text_changed ? IndexText(&stored, item) : Status::Ok();
}

// ---- bulk loading ----

namespace {

// Inserts rows into `table`, one statement per row. Not several rows per statement: SQLite
// gives a multi-row INSERT a statement journal, and releasing it inside the write's savepoint
// walks the savepoint's whole in-memory journal — quadratic in the rows of a bulk write.
class RowInserter {
 public:
  RowInserter(Connection& c, const std::string& table, const std::string& columns, int column_count)
      : c_(c), table_(table) {
    sql_ = "INSERT INTO " + table + "(" + columns + ") VALUES (";
    for (int i = 1; i <= column_count; ++i) sql_ += (i > 1 ? ", ?" : "?") + std::to_string(i);
    sql_ += ")";
  }
  Status Add(const Params& row) { return c_.Execute(sql_, row).status().WithContext(table_); }

 private:
  Connection& c_;
  std::string table_, sql_;
};

}  // namespace

Status SqlBulk::WriteItems(const std::vector<Item>& items) {
  RowInserter rows(c_, "items", std::string("id, ") + kItemColumns, kItemColumnCount + 1);
  RowInserter grams(c_, "item_grams", "gram, item_id", 2);
  for (const Item& item : items) {
    Params params = ItemParams(item);
    params.insert(params.begin(), item.id);
    DUBAN_RETURN_IF_ERROR(rows.Add(params));
  }
  // In key order: each insert then lands next to the previous one, on pages already in cache.
  std::vector<std::pair<std::string, ItemId>> keys;
  for (const Item& item : items) {
    for (auto& g : ItemGrams(item)) keys.emplace_back(g, item.id);
  }
  std::sort(keys.begin(), keys.end());
  for (auto& [g, id] : keys) DUBAN_RETURN_IF_ERROR(grams.Add({std::move(g), id}));
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
  RowInserter rows(c_, "notices",
                   "id, year, number, item_id, unit_id, unit_path, level, condition, "
                   "condition_key, reason, issued_at, issued_by, respond_by, status, "
                   "response_text, responded_at, responded_by",
                   17);
  for (const Notice& n : notices) {
    DUBAN_RETURN_IF_ERROR(
        rows.Add({n.id, int64_t{n.year}, n.number, n.item_id, n.unit_id, n.unit_path, n.level,
                  n.condition, n.condition_key, n.reason, ToUnixMicros(n.issued_at), n.issued_by,
                  FormatDate(n.respond_by), n.status, n.response_text, MicrosValue(n.responded_at),
                  n.responded_by}));
  }
  return Status::Ok();
}

Status SqlItems::AppendEvent(ItemEvent& e) {
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM item_events"));
  e.id = next[0].Int(0);
  return c_
      .Execute(
          "INSERT INTO item_events(id, item_id, at, actor_account_id, actor_username, action, "
          "from_status, to_status, text, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          {e.id, e.item_id, ToUnixMicros(e.at), Opt(e.actor_account_id), e.actor_username, e.action,
           e.from_status, e.to_status, e.text, e.data_json})
      .status();
}

Result<std::vector<ItemEvent>> SqlItems::Events(ItemId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query("SELECT id, item_id, at, actor_account_id, actor_username, action, "
                          "from_status, to_status, text, data FROM item_events WHERE item_id = ?1 "
                          "ORDER BY id",
                          {id}));
  std::vector<ItemEvent> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row r = rows[i];
    out.push_back({r.Int(0), r.Int(1), FromUnixMicros(r.Int(2)), r.OptInt(3), r.Text(4), r.Text(5),
                   r.Text(6), r.Text(7), r.Text(8), r.Text(9)});
  }
  return out;
}

Result<std::map<UnitId, AssessmentCounts>> SqlItems::AssessmentCountsByUnit(
    const std::string& unit_path, Date from, Date to, Date today, bool with_events) {
  using std::chrono::days;
  using std::chrono::sys_days;
  Scope sub = Scope::Subtree(unit_path);
  // Instants bounding the period: from 00:00 of `from` to the end of `to`, Shanghai time.
  int64_t from_us = ToUnixMicros(EndOfShanghaiDay(Date(sys_days(from) - days(1)))) + 1;
  int64_t to_us = ToUnixMicros(EndOfShanghaiDay(to));
  Date cutoff = std::min(to, today);
  int64_t cutoff_us = ToUnixMicros(EndOfShanghaiDay(cutoff));
  constexpr int64_t kDay = int64_t{86400} * 1000000;
  Where w;
  w.And("i.unit_path >= " + w.Param(sub.lower()) + " AND i.unit_path < " + w.Param(sub.upper()));
  w.And("i.status <> 'cancelled'");
  std::string f = w.Param(FormatDate(from)), t = w.Param(FormatDate(to));
  std::string before = w.Param(FormatDate(cutoff));
  std::string fu = w.Param(from_us), tu = w.Param(to_us), cu = w.Param(cutoff_us);
  // Plain comparisons with bound values only: PostgreSQL cannot type a parameter inside
  // arithmetic or a CASE.
  std::string day = w.Param(kDay), week = w.Param(cutoff_us - 7 * kDay),
              month = w.Param(cutoff_us - 31 * kDay);
  w.And("i.found_on <= " + t);
  const std::string overdue = "i.status NOT IN ('closed', 'cancelled') AND i.deadline < " + before;
  auto sum = [](const std::string& condition) {
    return "coalesce(sum(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
  };
  // The hazard level is in the details JSON, which the item service writes compactly.
  std::string sql =
      "SELECT i.unit_id, count(*), " + sum("i.closed_on IS NOT NULL AND i.closed_on <= " + t) +
      ", " +
      sum("i.closed_on IS NOT NULL AND i.closed_on <= " + t +
          " AND (i.deadline IS NULL OR i.closed_on <= i.deadline)") +
      ", " + sum("i.assigned_at >= " + fu + " AND i.assigned_at <= " + tu) + ", " +
      sum("i.assigned_at >= " + fu + " AND i.assigned_at <= " + tu +
          " AND i.accepted_at IS NOT NULL AND i.accepted_at - i.assigned_at <= " + day) +
      ", " +
      sum("i.report_every <> 'none' AND i.status IN ('assigned', 'in_progress') AND "
          "i.assigned_at <= " +
          cu) +
      ", " +
      sum("i.report_every <> 'none' AND i.status IN ('assigned', 'in_progress') AND "
          "i.assigned_at <= " +
          cu + " AND ((i.report_every = 'week' AND i.last_report_at > " + week +
          ") OR (i.report_every <> 'week' AND i.last_report_at > " + month + "))") +
      ", " + sum("i.satisfaction <> ''") + ", " +
      sum("i.satisfaction IN ('satisfied', 'basically_satisfied')") + ", " +
      sum("i.satisfaction = 'unsatisfied'") + ", " + sum(overdue) + ", " +
      sum("i.recurrence_of IS NOT NULL AND i.found_on >= " + f) + ", " +
      sum(overdue + " AND i.kind = 'hazard' AND i.details LIKE '%\"level\":\"重大\"%'") +
      " FROM items i" + w.sql() + " GROUP BY i.unit_id";
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql, w.params()));
  std::map<UnitId, AssessmentCounts> out;
  for (size_t r = 0; r < rows.size(); ++r) {
    AssessmentCounts& c = out[rows[r].Int(0)];
    int k = 1;
    for (int64_t* field : {&c.total, &c.closed, &c.closed_on_time, &c.assigned, &c.signed_in_time,
                           &c.reports_due, &c.reports_on_time, &c.rated, &c.satisfied,
                           &c.unsatisfied, &c.overdue, &c.recurrences, &c.major_hazard_overdue}) {
      *field = rows[r].Int(k++);
    }
  }
  if (!with_events) return out;
  // Closure submissions and rejections within the period, by the item's unit.
  DUBAN_ASSIGN_OR_RETURN(
      Rows events,
      c_.Query("SELECT i.unit_id, e.action, count(*) FROM item_events e JOIN items i ON "
               "i.id = e.item_id WHERE i.unit_path >= ?1 AND i.unit_path < ?2 AND "
               "i.status <> 'cancelled' AND e.action IN ('submit', 'reject') AND e.at >= ?3 AND "
               "e.at <= ?4 GROUP BY i.unit_id, e.action",
               {sub.lower(), sub.upper(), from_us, to_us}));
  for (size_t r = 0; r < events.size(); ++r) {
    AssessmentCounts& c = out[events[r].Int(0)];
    (events[r].Text(1) == "submit" ? c.submitted : c.returned) = events[r].Int(2);
  }
  // Notices issued within the period, by the unit that must respond.
  DUBAN_ASSIGN_OR_RETURN(Rows notices,
                         c_.Query("SELECT unit_id, count(*) FROM notices WHERE unit_path >= ?1 AND "
                                  "unit_path < ?2 AND issued_at >= ?3 AND issued_at <= ?4 "
                                  "GROUP BY unit_id",
                                  {sub.lower(), sub.upper(), from_us, to_us}));
  for (size_t r = 0; r < notices.size(); ++r) out[notices[r].Int(0)].notices = notices[r].Int(1);
  return out;
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
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string(kItemSelect) + w.sql() +
                                                 " ORDER BY i.next_check_on, i.id LIMIT " + n,
                                             w.params()));
  std::vector<Item> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadItem(rows[i]));
  return out;
}

Result<LedgerFigures> SqlItems::Figures(const std::string& unit_path, Date from, Date to,
                                        Date today, std::optional<ItemKind> kind) {
  Where w;
  Scope sub = Scope::Subtree(unit_path);
  w.And("i.unit_path >= " + w.Param(sub.lower()) + " AND i.unit_path < " + w.Param(sub.upper()));
  w.And("i.status <> 'cancelled'");
  std::string f = w.Param(FormatDate(from)), t = w.Param(FormatDate(to));
  std::string before = w.Param(FormatDate(std::min(to, today)));
  w.And("i.found_on <= " + t);
  if (kind) w.And("i.kind = " + w.Param(std::string(ItemKindName(*kind))));
  std::string sql =
      "SELECT count(*), "
      "coalesce(sum(CASE WHEN i.found_on >= " +
      f +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on IS NOT NULL AND i.closed_on <= " +
      t +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on >= " +
      f + " AND i.closed_on <= " + t +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on IS NOT NULL AND i.closed_on <= " +
      t +
      " AND (i.deadline IS NULL OR i.closed_on <= i.deadline) THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.status NOT IN ('closed', 'cancelled') AND i.deadline < " +
      before +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.satisfaction <> '' THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 "
      "END), 0) "
      "FROM items i" +
      w.sql();
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql, w.params()));
  LedgerFigures out;
  if (rows.empty()) return out;
  out.total = rows[0].Int(0);
  out.new_in_period = rows[0].Int(1);
  out.closed_total = rows[0].Int(2);
  out.closed_in_period = rows[0].Int(3);
  out.closed_on_time = rows[0].Int(4);
  out.overdue_open = rows[0].Int(5);
  out.rated = rows[0].Int(6);
  out.satisfied = rows[0].Int(7);
  return out;
}

// ---- notices ----

namespace {
constexpr const char* kNoticeSelect =
    "SELECT n.id, n.year, n.number, n.item_id, n.unit_id, n.unit_path, n.level, n.condition, "
    "n.condition_key, n.reason, n.issued_at, n.issued_by, n.respond_by, n.status, "
    "n.response_text, n.responded_at, n.responded_by FROM notices n";

// The notices a caller in `scope` sees (store.h, NoticeRepository::Get; M1 of the December 2026
// review): the notice's unit in scope, and the item either supervised from within the scope or
// still held by the unit the notice is addressed to. A unit that returned the item, or from
// which it was reassigned, no longer sees or answers its notices.
void NoticeScope(Where& w, const Scope& scope) {
  std::string lower = w.Param(scope.lower()), upper = w.Param(scope.upper());
  w.And("n.unit_path >= " + lower + " AND n.unit_path < " + upper);
  w.And("EXISTS (SELECT 1 FROM items i WHERE i.id = n.item_id AND ((i.unit_path >= " + lower +
        " AND i.unit_path < " + upper + ") OR i.responsible_unit_id = n.unit_id))");
}

Notice ReadNotice(const Row& r) {
  Notice n;
  n.id = r.Int(0);
  n.year = static_cast<int>(r.Int(1));
  n.number = r.Int(2);
  n.item_id = r.Int(3);
  n.unit_id = r.Int(4);
  n.unit_path = r.Text(5);
  n.level = r.Text(6);
  n.condition = r.Text(7);
  n.condition_key = r.Text(8);
  n.reason = r.Text(9);
  n.issued_at = FromUnixMicros(r.Int(10));
  n.issued_by = r.Text(11);
  n.respond_by = ParseDate(r.Text(12)).value_or(Date{});
  n.status = r.Text(13);
  n.response_text = r.Text(14);
  n.responded_at = InstantOf(r, 15);
  n.responded_by = r.Text(16);
  return n;
}
}  // namespace

Status SqlNotices::Insert(Notice& n) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows dup, c_.Query("SELECT id FROM notices WHERE item_id = ?1 AND condition_key = ?2",
                         {n.item_id, n.condition_key}));
  if (!dup.empty()) return AlreadyExists("该事项已就此情形发过督办单");
  DUBAN_ASSIGN_OR_RETURN(n.number, NextCounter(c_, "notice:" + std::to_string(n.year)));
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM notices"));
  n.id = next[0].Int(0);
  return c_
      .Execute(
          "INSERT INTO notices(id, year, number, item_id, unit_id, unit_path, level, "
          "condition, condition_key, reason, issued_at, issued_by, respond_by, status, "
          "response_text, responded_at, responded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
          "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
          {n.id, int64_t{n.year}, n.number, n.item_id, n.unit_id, n.unit_path, n.level, n.condition,
           n.condition_key, n.reason, ToUnixMicros(n.issued_at), n.issued_by,
           FormatDate(n.respond_by), n.status, n.response_text, MicrosValue(n.responded_at),
           n.responded_by})
      .status();
}

Result<Notice> SqlNotices::Get(const Scope& scope, int64_t id) {
  Where w;
  w.And("n.id = " + w.Param(id));
  NoticeScope(w, scope);
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string(kNoticeSelect) + w.sql(), w.params()));
  if (rows.empty()) return NotFound("督办单 " + std::to_string(id) + " 不存在或不在您的数据范围内");
  return ReadNotice(rows[0]);
}

Result<Page<Notice>> SqlNotices::List(const Scope& scope, const Query& query) {
  Where w;
  NoticeScope(w, scope);
  if (!query.status.empty()) w.And("n.status = " + w.Param(query.status));
  if (query.item_id) w.And("n.item_id = " + w.Param(*query.item_id));
  if (!query.level.empty()) w.And("n.level = " + w.Param(query.level));
  if (query.issued_from) w.And("n.issued_at >= " + w.Param(ToUnixMicros(*query.issued_from)));
  if (query.issued_until) w.And("n.issued_at <= " + w.Param(ToUnixMicros(*query.issued_until)));
  return QueryPage<Notice>(c_, "SELECT count(*) FROM notices n" + w.sql(),
                           std::string(kNoticeSelect) + w.sql() + " ORDER BY n.id DESC", w.params(),
                           query.page, ReadNotice);
}

Status SqlNotices::Update(const Notice& n) {
  return c_
      .Execute(
          "UPDATE notices SET status = ?1, response_text = ?2, responded_at = ?3, "
          "responded_by = ?4 WHERE id = ?5",
          {n.status, n.response_text, MicrosValue(n.responded_at), n.responded_by, n.id})
      .status();
}

Result<std::vector<Notice>> SqlNotices::ForItem(ItemId item_id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows,
      c_.Query(std::string(kNoticeSelect) + " WHERE n.item_id = ?1 ORDER BY n.id", {item_id}));
  std::vector<Notice> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadNotice(rows[i]));
  return out;
}

// ---- files ----

Status SqlFiles::Insert(StoredFile& f) {
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM files"));
  f.id = next[0].Int(0);
  return c_
      .Execute(
          "INSERT INTO files(id, item_id, name, size, content_type, sha256, uploaded_at, "
          "uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          {f.id, f.item_id, f.name, f.size, f.content_type, f.sha256, ToUnixMicros(f.uploaded_at),
           f.uploaded_by})
      .status();
}

namespace {
StoredFile ReadFile(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), FromUnixMicros(r.Int(6)),
          r.Text(7)};
}
constexpr const char* kFileSelect =
    "SELECT id, item_id, name, size, content_type, sha256, uploaded_at, uploaded_by FROM files";
}  // namespace

Result<StoredFile> SqlFiles::Get(int64_t id) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string(kFileSelect) + " WHERE id = ?1", {id}));
  if (rows.empty()) return NotFound("文件 " + std::to_string(id) + " 不存在");
  return ReadFile(rows[0]);
}

Result<std::vector<StoredFile>> SqlFiles::ForItem(ItemId item_id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string(kFileSelect) + " WHERE item_id = ?1 ORDER BY id", {item_id}));
  std::vector<StoredFile> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadFile(rows[i]));
  return out;
}

// ---- calendar ----

Result<std::vector<int>> SqlCalendar::Years() {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT year FROM calendar_years ORDER BY year"));
  std::vector<int> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(static_cast<int>(rows[i].Int(0)));
  return out;
}

Result<std::vector<CalendarDayRow>> SqlCalendar::Days(int year) {
  std::string y = std::to_string(year);
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT date, working, name FROM calendar_days "
                                             "WHERE date >= ?1 AND date <= ?2 ORDER BY date",
                                             {y + "-01-01", y + "-12-31"}));
  std::vector<CalendarDayRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(
        {ParseDate(rows[i].Text(0)).value_or(Date{}), rows[i].Int(1) != 0, rows[i].Text(2)});
  }
  return out;
}

Status SqlCalendar::ReplaceYear(int year, const std::vector<CalendarDayRow>& days) {
  std::string y = std::to_string(year);
  DUBAN_RETURN_IF_ERROR(c_.Execute("DELETE FROM calendar_days WHERE date >= ?1 AND date <= ?2",
                                   {y + "-01-01", y + "-12-31"})
                            .status());
  for (const auto& d : days) {
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO calendar_days(date, working, name) VALUES (?1, ?2, ?3)",
                   {FormatDate(d.date), int64_t{d.working}, d.name})
            .status());
  }
  DUBAN_ASSIGN_OR_RETURN(
      Rows have, c_.Query("SELECT year FROM calendar_years WHERE year = ?1", {int64_t{year}}));
  if (have.empty()) {
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO calendar_years(year) VALUES (?1)", {int64_t{year}}).status());
  }
  return Status::Ok();
}

// ---- campaigns ----

namespace {
constexpr const char* kCampaignSelect =
    "SELECT id, name, description, starts_on, ends_on, unit_id, unit_path, phases_json FROM "
    "campaigns";
Campaign ReadCampaign(const Row& r) {
  Campaign c;
  c.id = r.Int(0);
  c.name = r.Text(1);
  c.description = r.Text(2);
  c.starts_on = DateOf(r, 3);
  c.ends_on = DateOf(r, 4);
  c.unit_id = r.Int(5);
  c.unit_path = r.Text(6);
  c.phases_json = r.Text(7);
  return c;
}
}  // namespace

Status SqlCampaigns::LoadCategories(Campaign& campaign) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT id, parent_id, name FROM categories "
                                             "WHERE campaign_id = ?1 ORDER BY id",
                                             {campaign.id}));
  campaign.categories.clear();
  for (size_t i = 0; i < rows.size(); ++i) {
    campaign.categories.push_back({rows[i].Int(0), rows[i].OptInt(1), rows[i].Text(2)});
  }
  return Status::Ok();
}

Result<Campaign> SqlCampaigns::Get(const Scope& scope, int64_t id) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         c_.Query(std::string(kCampaignSelect) + " WHERE id = ?1", {id}));
  if (rows.empty()) return NotFound("专项活动 " + std::to_string(id) + " 不存在");
  Campaign c = ReadCampaign(rows[0]);
  // Visible within its unit's subtree, and from above it.
  if (!scope.Contains(c.unit_path) && !c.unit_path.empty() &&
      !Scope::Subtree(c.unit_path).Contains(scope.lower())) {
    return NotFound("专项活动 " + std::to_string(id) + " 不存在或不在您的数据范围内");
  }
  DUBAN_RETURN_IF_ERROR(LoadCategories(c));
  return c;
}

Result<Page<Campaign>> SqlCampaigns::List(const Scope& scope, PageRequest page_request) {
  // In scope, or an ancestor of the scope's root (a county campaign covers its bureaus).
  Where w;
  w.And("((unit_path >= " + w.Param(scope.lower()) + " AND unit_path < " + w.Param(scope.upper()) +
        ") OR " + w.Param(scope.lower()) + " LIKE unit_path || '%')");
  DUBAN_ASSIGN_OR_RETURN(
      Page<Campaign> page,
      QueryPage<Campaign>(c_, "SELECT count(*) FROM campaigns" + w.sql(),
                          std::string(kCampaignSelect) + w.sql() + " ORDER BY id DESC", w.params(),
                          page_request, ReadCampaign));
  for (Campaign& c : page.items) DUBAN_RETURN_IF_ERROR(LoadCategories(c));
  return page;
}

Status SqlCampaigns::SaveCategories(Campaign& campaign) {
  for (auto& cat : campaign.categories) {
    if (cat.id != 0) {
      DUBAN_RETURN_IF_ERROR(
          c_.Execute("UPDATE categories SET name = ?1 WHERE id = ?2 AND campaign_id = ?3",
                     {cat.name, cat.id, campaign.id})
              .status());
      continue;
    }
    DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM categories"));
    cat.id = next[0].Int(0);
    DUBAN_RETURN_IF_ERROR(c_.Execute("INSERT INTO categories(id, campaign_id, parent_id, name) "
                                     "VALUES (?1, ?2, ?3, ?4)",
                                     {cat.id, campaign.id, Opt(cat.parent_id), cat.name})
                              .status());
  }
  return Status::Ok();
}

Status SqlCampaigns::Insert(Campaign& campaign) {
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM campaigns"));
  campaign.id = next[0].Int(0);
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("INSERT INTO campaigns(id, name, description, starts_on, ends_on, unit_id, "
                 "unit_path, phases_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                 {campaign.id, campaign.name, campaign.description, DateValue(campaign.starts_on),
                  DateValue(campaign.ends_on), campaign.unit_id, campaign.unit_path,
                  campaign.phases_json})
          .status());
  return SaveCategories(campaign);
}

Status SqlCampaigns::Update(Campaign& campaign) {
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("UPDATE campaigns SET name = ?1, description = ?2, starts_on = ?3, ends_on = ?4, "
                 "unit_id = ?5, unit_path = ?6, phases_json = ?7 WHERE id = ?8",
                 {campaign.name, campaign.description, DateValue(campaign.starts_on),
                  DateValue(campaign.ends_on), campaign.unit_id, campaign.unit_path,
                  campaign.phases_json, campaign.id})
          .status());
  return SaveCategories(campaign);
}

}  // namespace duban::sql
