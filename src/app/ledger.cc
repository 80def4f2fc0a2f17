#include "app/ledger.h"

#include <map>
#include <set>
#include <sstream>

#include "core/permission.h"
#include "core/text.h"

namespace duban {
namespace {

std::string StatusLabel(const Item& i) { return std::string(ItemStatusLabel(i.status)); }

std::string WarningLabel(std::optional<Warning> w) {
  if (!w) return "";
  switch (*w) {
    case Warning::kGreen:
      return "正常";
    case Warning::kYellow:
      return "临期";
    case Warning::kRed:
      return "超期";
    case Warning::kSevere:
      return "严重超期";
  }
  return "";
}

std::string KindLabel(ItemKind k) {
  switch (k) {
    case ItemKind::kProblem:
      return "问题";
    case ItemKind::kTask:
      return "重点工作";
    case ItemKind::kCommitment:
      return "承诺事项";
    case ItemKind::kHazard:
      return "安全隐患";
    case ItemKind::kComplaint:
      return "群众诉求";
  }
  return "问题";
}

std::optional<ItemKind> KindFromLabel(const std::string& s) {
  for (ItemKind k : {ItemKind::kProblem, ItemKind::kTask, ItemKind::kCommitment, ItemKind::kHazard,
                     ItemKind::kComplaint}) {
    if (s == KindLabel(k) || s == ItemKindName(k)) return k;
  }
  return std::nullopt;
}

// Measures are one per line in a cell, numbered or not ("1. 补设护栏").
std::vector<std::string> SplitMeasures(const std::string& cell) {
  std::vector<std::string> out;
  std::stringstream ss(cell);
  std::string line;
  while (std::getline(ss, line)) {
    std::string t = TrimSpace(line);
    size_t i = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i > 0 && i < t.size() && (t[i] == '.' || t[i] == ')'))
      t = TrimSpace(t.substr(i + 1));
    else if (i > 0 && t.compare(i, 3, "、") == 0)
      t = TrimSpace(t.substr(i + 3));
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::string JoinMeasures(const std::vector<std::string>& m) {
  std::string out;
  for (size_t i = 0; i < m.size(); ++i) {
    if (i) out += "\n";
    out += std::to_string(i + 1) + ". " + m[i];
  }
  return out;
}

}  // namespace

const std::vector<std::string>& LedgerExportColumns() {
  static const std::vector<std::string> kColumns = {
      "序号",     "编号",     "问题描述", "详细描述", "问题类型", "问题来源",
      "严重程度", "所在单位", "发现日期", "整改措施", "整改时限", "责任单位",
      "责任人",   "领衔领导", "整改进展", "状态",     "预警",     "销号日期"};
  return kColumns;
}

const std::vector<std::string>& LedgerImportColumns() {
  static const std::vector<std::string> kColumns = {
      "问题描述*", "详细描述", "问题类型", "问题来源*", "严重程度", "所在单位*",
      "发现日期",  "整改措施", "整改时限", "责任单位",  "责任人",   "领衔领导"};
  return kColumns;
}

Result<LedgerTable> LedgerService::Export(const Caller& caller, const ItemQuery& query) {
  LedgerTable t;
  t.header = LedgerExportColumns();
  // Page after page by key, not OFFSET (review M6): each page is one index range from where
  // the last one stopped, with no count; OFFSET made the walk quadratic in the rows.
  constexpr int64_t kMaxRows = 100000;
  std::optional<ItemListKey> after;
  int64_t n = 0;
  while (n < kMaxRows) {
    DUBAN_ASSIGN_OR_RETURN(ItemListResult r, items_.ListAfter(caller, query, after, kMaxPageSize));
    for (size_t i = 0; i < r.page.items.size() && n < kMaxRows; ++i) {
      const Item& it = r.page.items[i];
      t.rows.push_back({std::to_string(++n), it.code, it.title, it.description, KindLabel(it.kind),
                        it.source, it.severity, it.unit_name, FormatDate(it.found_on),
                        JoinMeasures(it.measures), it.deadline ? FormatDate(*it.deadline) : "",
                        it.responsible_unit_name, it.responsible_person_name, it.lead_leader_name,
                        std::to_string(it.progress) + "%", StatusLabel(it),
                        WarningLabel(r.warnings[i]),
                        it.closed_on ? FormatDate(*it.closed_on) : ""});
    }
    if (r.page.items.size() < static_cast<size_t>(kMaxPageSize)) break;
    after = ItemListKey::Of(r.page.items.back());
  }
  return t;
}

LedgerTable LedgerService::Template() const {
  LedgerTable t;
  t.header = LedgerImportColumns();
  t.rows.push_back({"（示例）城区主干道路灯损坏未及时修复", "群众反映夜间照明不足", "问题",
                    "群众提", "一般", "城关镇", "2026-11-20", "1. 更换损坏灯具\n2. 建立巡查制度",
                    "2026-12-15", "党政综合办公室", "马骏", ""});
  return t;
}

namespace {

// Columns by header, with or without the * of required ones (the export's headers work too).
using ColumnIndex = std::map<std::string, int>;

// The units and people a file names, by name (units also by code).
struct NamedRecords {
  std::map<std::string, std::vector<Unit>> units;
  std::map<std::string, std::vector<std::pair<Person, std::string>>> people;  // with unit path
};

// A checked row: the item to create, and its assignment when 责任单位 and 整改时限 are given.
struct PlannedRow {
  ItemInput create;
  std::optional<ActionInput> assign;
};

Result<ColumnIndex> IndexColumns(const LedgerTable& table) {
  ColumnIndex col;
  for (size_t i = 0; i < table.header.size(); ++i) {
    std::string h = TrimSpace(table.header[i]);
    if (!h.empty() && h.back() == '*') h.pop_back();
    col[h] = static_cast<int>(i);
  }
  for (const char* required : {"问题描述", "问题来源", "所在单位"}) {
    if (!col.count(required)) {
      return InvalidArgument(std::string("表头缺少必填列「") + required + "」：请使用导入模板",
                             "file");
    }
  }
  if (table.rows.empty()) return InvalidArgument("文件中没有数据行", "file");
  if (table.rows.size() > 100000) return InvalidArgument("一次最多导入 100000 行", "file");
  return col;
}

// The distinct non-empty values of the columns `names`.
std::vector<std::string> ColumnValues(const LedgerTable& table, const ColumnIndex& col,
                                      std::initializer_list<const char*> names) {
  std::set<std::string> values;
  for (const char* name : names) {
    auto it = col.find(name);
    if (it == col.end()) continue;
    for (const auto& row : table.rows) {
      if (it->second < static_cast<int>(row.size())) {
        std::string v = TrimSpace(row[it->second]);
        if (!v.empty()) values.insert(std::move(v));
      }
    }
  }
  return std::vector<std::string>(values.begin(), values.end());
}

// Only the units and people the file names, looked up before the write transaction (review
// M6: reading every unit and person in scope inside the one writer transaction blocked all
// writes for as long as that took).
Result<NamedRecords> LookUpNames(Store& store, const Scope& scope, const LedgerTable& table,
                                 const ColumnIndex& col) {
  NamedRecords named;
  DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(
        auto found,
        tx.units().FindByNames(scope, ColumnValues(table, col, {"所在单位", "责任单位"})));
    for (const Unit& u : found) {
      named.units[u.name].push_back(u);
      if (!u.code.empty() && u.code != u.name) named.units[u.code].push_back(u);
    }
    DUBAN_ASSIGN_OR_RETURN(
        auto people,
        tx.people().FindByNames(scope, ColumnValues(table, col, {"责任人", "领衔领导"})));
    for (auto& p : people) named.people[p.first.name].push_back(std::move(p));
    return Status::Ok();
  }));
  return named;
}

// Checks one row, reporting each bad cell into `errors` by its column; the planned create and
// assign when the row has none. The checks are those of ItemService's create and assign, made
// here first so that each is reported with its row and column.
class RowChecker {
 public:
  RowChecker(const ColumnIndex& col, NamedRecords& named, Date today,
             std::vector<ImportError>& errors)
      : col_(col), named_(named), today_(today), errors_(errors) {}

  std::optional<PlannedRow> Check(const std::vector<std::string>& row, int row_number);

 private:
  std::string Cell(const char* name) const {
    auto it = col_.find(name);
    if (it == col_.end() || it->second >= static_cast<int>(row_->size())) return "";
    return TrimSpace((*row_)[it->second]);
  }
  void Fail(const char* column, std::string message) {
    errors_.push_back({row_number_, column, std::move(message)});
  }
  std::optional<Unit> FindUnit(const char* column, const char* disabled_message);
  std::optional<Person> FindPerson(const char* column, const std::optional<Unit>& within);
  std::optional<Date> DateCell(const char* column);

  const ColumnIndex& col_;
  NamedRecords& named_;
  Date today_;
  std::vector<ImportError>& errors_;
  const std::vector<std::string>* row_ = nullptr;
  int row_number_ = 0;
};

std::optional<Unit> RowChecker::FindUnit(const char* column, const char* disabled_message) {
  std::string name = Cell(column);
  if (name.empty()) return std::nullopt;
  auto it = named_.units.find(name);
  if (it == named_.units.end()) {
    Fail(column, "找不到单位「" + name + "」（或不在您的数据范围内）");
    return std::nullopt;
  }
  if (it->second.size() > 1) {
    Fail(column, "单位名称「" + name + "」不唯一，请改填单位编码");
    return std::nullopt;
  }
  const Unit& unit = it->second[0];
  if (unit.disabled) {  // refused by create and assign alike
    Fail(column, std::string(column) + "「" + unit.name + "」" + disabled_message);
    return std::nullopt;
  }
  return unit;
}

std::optional<Person> RowChecker::FindPerson(const char* column,
                                             const std::optional<Unit>& within) {
  std::string name = Cell(column);
  if (name.empty()) return std::nullopt;
  std::vector<Person> matches;
  for (const auto& [p, unit_path] : named_.people[name]) {
    if (!within || Scope::Subtree(within->path).Contains(unit_path)) matches.push_back(p);
  }
  if (matches.empty()) {
    Fail(column, "找不到人员「" + name + "」" + (within ? "（须属于责任单位）" : ""));
    return std::nullopt;
  }
  if (matches.size() > 1) {
    Fail(column, "人员「" + name + "」重名，请在系统中核对");
    return std::nullopt;
  }
  return matches[0];
}

std::optional<Date> RowChecker::DateCell(const char* column) {
  std::string text = Cell(column);
  if (text.empty()) return std::nullopt;
  auto d = ParseDate(text);
  if (!d) Fail(column, "「" + text + "」不是 YYYY-MM-DD 格式的日期");
  return d;
}

std::optional<PlannedRow> RowChecker::Check(const std::vector<std::string>& row, int row_number) {
  row_ = &row;
  row_number_ = row_number;
  // The template's example row shows how to fill it in; it is never imported.
  if (Cell("问题描述").starts_with("（示例）")) return std::nullopt;
  const size_t errors_before = errors_.size();
  Item item;  // what the create will make of the row, to check its fields here
  item.title = Cell("问题描述");
  if (item.title.empty()) Fail("问题描述", "必填");
  item.description = Cell("详细描述");
  if (std::string kind = Cell("问题类型"); !kind.empty()) {
    auto k = KindFromLabel(kind);
    if (!k)
      Fail("问题类型", "「" + kind + "」无效，可填 问题、重点工作、承诺事项、安全隐患、群众诉求");
    else
      item.kind = *k;
  }
  item.source = Cell("问题来源");
  if (item.source.empty()) Fail("问题来源", "必填");
  if (std::string severity = Cell("严重程度"); !severity.empty()) item.severity = severity;
  auto unit = FindUnit("所在单位", "已停用");
  if (Cell("所在单位").empty()) Fail("所在单位", "必填");
  item.found_on = DateCell("发现日期").value_or(today_);
  item.measures = SplitMeasures(Cell("整改措施"));
  auto responsible = FindUnit("责任单位", "已停用，不能交办");
  auto person = FindPerson("责任人", responsible);
  auto leader = FindPerson("领衔领导", std::nullopt);
  std::optional<Date> deadline = DateCell("整改时限");
  if (deadline) {
    if (Status v = ValidateAssignDeadline(*deadline, today_); !v.ok()) {
      Fail("整改时限", v.message());  // the assign action's rule (review L9)
    }
  }
  // Assigning needs both: a responsible unit and a deadline (a bad date is reported above).
  if (!Cell("责任单位").empty() && Cell("整改时限").empty()) {
    Fail("整改时限", "填写责任单位时须填写整改时限");
  } else if (!Cell("整改时限").empty() && Cell("责任单位").empty()) {
    Fail("责任单位", "填写整改时限时须填写责任单位");
  }
  if (errors_.size() == errors_before) {
    if (Status v = ValidateItemFields(item); !v.ok()) {
      static const std::map<std::string, std::string> kColumnOf = {{"title", "问题描述"},
                                                                   {"description", "详细描述"},
                                                                   {"source", "问题来源"},
                                                                   {"severity", "严重程度"},
                                                                   {"measures", "整改措施"}};
      auto c = kColumnOf.find(v.field());
      Fail(c == kColumnOf.end() ? "" : c->second.c_str(), v.message());
    }
  }
  if (errors_.size() != errors_before) return std::nullopt;
  PlannedRow p;
  p.create.kind = item.kind;
  p.create.title = item.title;
  p.create.description = item.description;
  p.create.source = item.source;
  p.create.severity = item.severity;
  p.create.unit_id = unit->id;
  p.create.found_on = item.found_on;
  p.create.measures = item.measures;
  if (responsible) {
    ActionInput& a = p.assign.emplace();
    a.responsible_unit_id = responsible->id;
    if (person) a.responsible_person_id = person->id;
    if (leader) a.lead_leader_id = leader->id;
    a.deadline = deadline;
    a.text = "由台账导入";
  }
  return p;
}

// The units the rows name, again inside the write transaction by id (in scope): a unit moved
// out of scope or deleted since they were looked up is not written to.
Status CheckUnitsStillInScope(Tx& tx, const Scope& scope, const std::vector<PlannedRow>& rows) {
  std::set<UnitId> checked;
  for (const PlannedRow& p : rows) {
    for (std::optional<UnitId> id :
         {p.create.unit_id, p.assign ? p.assign->responsible_unit_id : std::nullopt}) {
      if (!id || !checked.insert(*id).second) continue;
      auto unit = tx.units().Get(scope, *id);
      if (!unit.ok()) return unit.status().WithContext("导入时单位已变动，请重新导入");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ImportReport> LedgerService::Import(const Caller& caller, const LedgerTable& table,
                                           bool good_rows_only,
                                           const std::function<void(int64_t, int64_t)>& progress) {
  // Checking counts as the first half of the work, writing as the second.
  const int64_t total = 2 * static_cast<int64_t>(table.rows.size());
  auto tick = [&](int64_t done) {
    if (progress && (done % 500 == 0 || done == total)) progress(done, total);
  };
  if (!May(caller.roles, Capability::kItemImport)) {
    return PermissionDenied("只有督查员或系统管理员可以导入台账");
  }
  DUBAN_ASSIGN_OR_RETURN(ColumnIndex col, IndexColumns(table));
  ImportReport report;
  const Scope scope = caller.scope();
  const Instant now = clock_.Now();  // one import, one time: every item of it alike
  DUBAN_ASSIGN_OR_RETURN(NamedRecords named, LookUpNames(store_, scope, table, col));
  RowChecker checker(col, named, ShanghaiDate(now), report.errors);
  std::vector<PlannedRow> planned;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    tick(static_cast<int64_t>(r) + 1);
    int row_number = r < table.row_numbers.size() ? table.row_numbers[r] : static_cast<int>(r + 2);
    if (auto p = checker.Check(table.rows[r], row_number)) planned.push_back(std::move(*p));
  }
  if (!report.errors.empty() && !good_rows_only) return report;  // nothing is written
  // Every row through the item service's create and assign, all in one transaction.
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(CheckUnitsStillInScope(tx, scope, planned));
    for (const PlannedRow& p : planned) {
      DUBAN_ASSIGN_OR_RETURN(Item item,
                             items_.CreateIn(tx, caller, p.create, now, ItemOrigin::kImported));
      if (p.assign) {
        DUBAN_RETURN_IF_ERROR(
            items_.ActIn(tx, caller, item.id, ItemAction::kAssign, *p.assign, now).status());
      }
      ++report.imported;
      tick(static_cast<int64_t>(table.rows.size()) + report.imported);
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace duban
