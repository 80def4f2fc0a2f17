#include "app/ledger.h"

#include <map>
#include <set>
#include <sstream>

#include "app/views.h"
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

Result<LedgerTable> LedgerService::Export(const Caller& caller, ItemQuery query) {
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
  // Columns by header, with or without the * of required ones (the export's headers work too).
  std::map<std::string, int> col;
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

  ImportReport report;
  Date today = items_.Today();
  Instant now = clock_.Now();
  Scope scope = caller.scope();
  auto column_values = [&](std::initializer_list<const char*> names) {
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
  };
  // Only the units and people the file names, looked up before the write transaction (review
  // M6: reading every unit and person in scope inside the one writer transaction blocked all
  // writes for as long as that took).
  std::map<std::string, std::vector<Unit>> units;                             // by name and by code
  std::map<std::string, std::vector<std::pair<Person, std::string>>> people;  // with unit path
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto found,
                           tx.units().FindByNames(scope, column_values({"所在单位", "责任单位"})));
    for (const Unit& u : found) {
      units[u.name].push_back(u);
      if (!u.code.empty() && u.code != u.name) units[u.code].push_back(u);
    }
    DUBAN_ASSIGN_OR_RETURN(auto named,
                           tx.people().FindByNames(scope, column_values({"责任人", "领衔领导"})));
    for (auto& p : named) people[p.first.name].push_back(std::move(p));
    return Status::Ok();
  }));
  struct Planned {
    Item item;
    bool assign = false;
  };
  std::vector<Planned> planned;
  {
    for (size_t r = 0; r < table.rows.size(); ++r) {
      tick(static_cast<int64_t>(r) + 1);
      const auto& row = table.rows[r];
      int row_number =
          r < table.row_numbers.size() ? table.row_numbers[r] : static_cast<int>(r + 2);
      auto cell = [&](const char* name) -> std::string {
        auto it = col.find(name);
        if (it == col.end() || it->second >= static_cast<int>(row.size())) return "";
        return TrimSpace(row[it->second]);
      };
      size_t errors_before = report.errors.size();
      auto fail = [&](const char* column, std::string message) {
        report.errors.push_back({row_number, column, std::move(message)});
      };
      auto find_unit = [&](const char* column) -> std::optional<Unit> {
        std::string name = cell(column);
        if (name.empty()) return std::nullopt;
        auto it = units.find(name);
        if (it == units.end()) {
          fail(column, "找不到单位「" + name + "」（或不在您的数据范围内）");
          return std::nullopt;
        }
        if (it->second.size() > 1) {
          fail(column, "单位名称「" + name + "」不唯一，请改填单位编码");
          return std::nullopt;
        }
        return it->second[0];
      };
      auto find_person = [&](const char* column,
                             const std::optional<Unit>& within) -> std::optional<Person> {
        std::string name = cell(column);
        if (name.empty()) return std::nullopt;
        std::vector<Person> matches;
        for (const auto& [p, unit_path] : people[name]) {
          if (!within || Scope::Subtree(within->path).Contains(unit_path)) matches.push_back(p);
        }
        if (matches.empty()) {
          fail(column, "找不到人员「" + name + "」" + (within ? "（须属于责任单位）" : ""));
          return std::nullopt;
        }
        if (matches.size() > 1) {
          fail(column, "人员「" + name + "」重名，请在系统中核对");
          return std::nullopt;
        }
        return matches[0];
      };
      // The template's example row shows how to fill it in; it is never imported.
      if (cell("问题描述").starts_with("（示例）")) continue;
      Planned p;
      Item& item = p.item;
      item.title = cell("问题描述");
      if (item.title.empty()) fail("问题描述", "必填");
      item.description = cell("详细描述");
      std::string kind = cell("问题类型");
      if (!kind.empty()) {
        auto k = KindFromLabel(kind);
        if (!k)
          fail("问题类型",
               "「" + kind + "」无效，可填 问题、重点工作、承诺事项、安全隐患、群众诉求");
        else
          item.kind = *k;
      }
      item.source = cell("问题来源");
      if (item.source.empty()) fail("问题来源", "必填");
      std::string severity = cell("严重程度");
      if (!severity.empty()) item.severity = severity;
      auto unit = find_unit("所在单位");
      if (cell("所在单位").empty()) fail("所在单位", "必填");
      if (unit) {
        item.unit_id = unit->id;
        item.unit_path = unit->path;
      }
      item.found_on = today;
      if (std::string found = cell("发现日期"); !found.empty()) {
        auto d = ParseDate(found);
        if (!d)
          fail("发现日期", "「" + found + "」不是 YYYY-MM-DD 格式的日期");
        else
          item.found_on = *d;
      }
      item.measures = SplitMeasures(cell("整改措施"));
      auto responsible = find_unit("责任单位");
      auto person = find_person("责任人", responsible);
      auto leader = find_person("领衔领导", std::nullopt);
      std::string deadline = cell("整改时限");
      if (!deadline.empty()) {
        auto d = ParseDate(deadline);
        if (!d) {
          fail("整改时限", "「" + deadline + "」不是 YYYY-MM-DD 格式的日期");
        } else if (Status v = ValidateAssignDeadline(*d, today); !v.ok()) {
          fail("整改时限", v.message());  // the assign action's rule (review L9)
        } else {
          item.deadline = *d;
        }
      }
      // Assigning needs both: a responsible unit and a deadline (a bad date is reported above).
      if (!cell("责任单位").empty() && deadline.empty()) {
        fail("整改时限", "填写责任单位时须填写整改时限");
      } else if (!deadline.empty() && cell("责任单位").empty()) {
        fail("责任单位", "填写整改时限时须填写责任单位");
      }
      if (report.errors.size() == errors_before) {
        if (Status v = ValidateItemFields(item); !v.ok()) {
          static const std::map<std::string, std::string> kColumnOf = {{"title", "问题描述"},
                                                                       {"description", "详细描述"},
                                                                       {"source", "问题来源"},
                                                                       {"severity", "严重程度"},
                                                                       {"measures", "整改措施"}};
          auto c = kColumnOf.find(v.field());
          fail(c == kColumnOf.end() ? "" : c->second.c_str(), v.message());
        }
      }
      if (report.errors.size() != errors_before) continue;
      if (responsible) {
        p.assign = true;
        item.responsible_unit_id = responsible->id;
        item.responsible_unit_path = responsible->path;
        if (person) item.responsible_person_id = person->id;
        if (leader) item.lead_leader_id = leader->id;
      }
      planned.push_back(std::move(p));
    }
  }
  if (!report.errors.empty() && !good_rows_only) return report;  // nothing is written
  Status s = store_.Write([&](Tx& tx) -> Status {
    // The units looked up above, again inside the transaction by id (in scope, current path):
    // a unit moved or taken out of scope since then is not written to.
    std::map<UnitId, std::string> paths;
    for (Planned& p : planned) {
      for (auto [id, path] :
           {std::pair{std::optional<UnitId>(p.item.unit_id), &p.item.unit_path},
            std::pair{p.item.responsible_unit_id, &p.item.responsible_unit_path}}) {
        if (!id) continue;
        auto known = paths.find(*id);
        if (known == paths.end()) {
          auto unit = tx.units().Get(scope, *id);
          if (!unit.ok()) return unit.status().WithContext("导入时单位已变动，请重新导入");
          known = paths.emplace(*id, unit->path).first;
        }
        *path = known->second;
      }
    }
    for (Planned& p : planned) {
      Item& item = p.item;
      item.created_at = item.updated_at = now;
      item.status = ItemStatus::kDraft;
      Item assigned = item;
      item.responsible_unit_id.reset();
      item.responsible_unit_path.clear();
      item.responsible_person_id.reset();
      item.lead_leader_id.reset();
      item.deadline.reset();
      DUBAN_RETURN_IF_ERROR(tx.items().Insert(item));
      ItemEvent created{0,        item.id, now,     caller.account_id, caller.username,
                        "create", "",      "draft", "由台账导入",      "{\"import\":true}"};
      DUBAN_RETURN_IF_ERROR(tx.items().AppendEvent(created));
      DUBAN_RETURN_IF_ERROR(
          audit_.Append(tx, caller,
                        {"item.import", "item", std::to_string(item.id), item.unit_id,
                         item.unit_path, nullptr, ItemAuditView(item)}));
      if (p.assign) {
        Item before = item;
        assigned.id = item.id;
        assigned.code = item.code;
        assigned.status = ItemStatus::kAssigned;
        assigned.assigned_at = now;
        assigned.next_check_on = today;  // the sweep works out the real date
        DUBAN_RETURN_IF_ERROR(tx.items().Update(item, assigned));
        ItemEvent e{0,
                    item.id,
                    now,
                    caller.account_id,
                    caller.username,
                    "assign",
                    "draft",
                    "assigned",
                    "由台账导入",
                    nlohmann::json{{"deadline", FormatDate(*assigned.deadline)}}.dump()};
        DUBAN_RETURN_IF_ERROR(tx.items().AppendEvent(e));
        DUBAN_RETURN_IF_ERROR(
            audit_.Append(tx, caller,
                          {"item.assign", "item", std::to_string(item.id), item.unit_id,
                           item.unit_path, ItemAuditView(before), ItemAuditView(assigned)}));
      }
      ++report.imported;
      tick(static_cast<int64_t>(table.rows.size()) + report.imported);
    }
    return Status::Ok();
  });
  DUBAN_RETURN_IF_ERROR(s);
  return report;
}

}  // namespace duban
