// The unit repository in SQL: the tree by materialised path, moves rewriting every copied path.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kUnitColumns =
    "SELECT u.id, u.parent_id, u.name, u.kind, u.code, u.disabled, u.path, "
    "(SELECT count(*) FROM units c WHERE c.parent_id = u.id)";

Unit ReadUnit(const Row& r) {
  Unit u;
  Columns(r).Into(u.id, u.parent_id, u.name, u.kind, u.code, u.disabled, u.path, u.child_count);
  return u;
}

// Every copy of a unit's path on another row, which scope filters range-scan (H1 of the
// December 2026 review). A move rewrites each of them with the units' own paths, in the same
// transaction. audit_events keeps its copies: it is append-only and hash-chained, and its reads
// resolve the unit through unit_id instead (SqlAudit::List; docs/decisions/0003).
constexpr std::pair<const char*, const char*> kCopiedPaths[] = {
    {"units", "path"},
    {"items", "unit_path"},
    {"items", "responsible_unit_path"},
    {"notices", "unit_path"},
    {"campaigns", "unit_path"},
    {"assessment_events", "subject_path"},
    {"assessment_results", "subject_path"},
    {"bulletins", "scope_path"},
};

}  // namespace

Status SqlUnits::FillPathNames(Unit& unit) {
  unit.path_names.clear();
  std::string_view path = unit.path;
  size_t start = 1;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) break;
    int64_t id = std::stoll(std::string(path.substr(start, slash - start)));
    DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT name FROM units WHERE id = ?1", {id}));
    if (!rows.empty()) unit.path_names.push_back(rows[0].Text(0));
    start = slash + 1;
  }
  return Status::Ok();
}

Result<Unit> SqlUnits::Get(const Scope& scope, UnitId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Unit unit, GetInScope<Unit>(c_, std::string(kUnitColumns) + " FROM units u", "u.id", "u.path",
                                  id, scope, "单位", ReadUnit));
  DUBAN_RETURN_IF_ERROR(FillPathNames(unit));
  return unit;
}

Result<Page<Unit>> SqlUnits::List(const Scope& scope, const Query& query) {
  std::string where = " FROM units u WHERE u.path >= ?1 AND u.path < ?2";
  Params params = {scope.lower(), scope.upper()};
  if (query.parent_id) {
    params.emplace_back(*query.parent_id);
    where += " AND u.parent_id = ?" + std::to_string(params.size());
  }
  if (query.roots_only) where += " AND u.parent_id IS NULL";
  if (!query.q.empty()) {
    params.emplace_back(LikeContains(query.q));
    where += " AND u.name LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  DUBAN_ASSIGN_OR_RETURN(
      Page<Unit> page, QueryPage<Unit>(c_, "SELECT count(*)" + where,
                                       std::string(kUnitColumns) + where + " ORDER BY u.id", params,
                                       query.page, ReadUnit));
  for (Unit& u : page.items) DUBAN_RETURN_IF_ERROR(FillPathNames(u));
  return page;
}

Result<std::vector<Unit>> SqlUnits::FindByNames(const Scope& scope,
                                                const std::vector<std::string>& names) {
  std::vector<Unit> out;
  std::set<UnitId> seen;
  const std::string in = Placeholders(3);
  for (const auto& batch : NameBatches(names)) {
    Params params = {scope.lower(), scope.upper()};
    for (const auto& n : batch) params.emplace_back(n);
    DUBAN_ASSIGN_OR_RETURN(Rows rows,
                           c_.Query(std::string(kUnitColumns) +
                                        " FROM units u WHERE u.path >= ?1 AND "
                                        "u.path < ?2 AND (u.name IN (" +
                                        in + ") OR u.code IN (" + in + ")) ORDER BY u.id",
                                    params));
    for (size_t r = 0; r < rows.size(); ++r) {
      Unit u = ReadUnit(rows[r]);
      if (seen.insert(u.id).second) out.push_back(std::move(u));
    }
  }
  return out;
}

Status SqlUnits::Insert(const Scope& scope, Unit& unit) {
  std::string parent_path;
  if (unit.parent_id) {
    auto parent = Get(scope, *unit.parent_id);
    if (!parent.ok()) return parent.status().WithContext("上级单位");
    parent_path = parent->path;
  } else if (!scope.is_everything()) {
    return PermissionDenied("只有系统初始化可以创建根单位");
  }
  // Writers are serialised by the store (one writer thread, or a transaction lock), so
  // max(id)+1 is free; the id is needed up front because it is part of the path.
  DUBAN_ASSIGN_OR_RETURN(unit.id, NextId(c_, "units"));
  unit.path = UnitPath(parent_path, unit.id);
  auto changed = c_.Execute(
      "INSERT INTO units(id, parent_id, name, kind, code, disabled, path) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      {unit.id, Opt(unit.parent_id), unit.name, unit.kind, unit.code, int64_t{unit.disabled},
       unit.path});
  if (changed.status().code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("单位编码 \"" + unit.code + "\" 已被使用", "code");
  }
  return changed.status();
}

Status SqlUnits::Update(const Scope& scope, const Unit& unit) {
  auto changed = c_.Execute(
      "UPDATE units SET name = ?1, kind = ?2, code = ?3, disabled = ?4 "
      "WHERE id = ?5 AND path >= ?6 AND path < ?7",
      {unit.name, unit.kind, unit.code, int64_t{unit.disabled}, unit.id, scope.lower(),
       scope.upper()});
  if (changed.status().code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("单位编码 \"" + unit.code + "\" 已被使用", "code");
  }
  DUBAN_RETURN_IF_ERROR(changed.status());
  if (*changed == 0) return NotInScope("单位", unit.id);
  return Status::Ok();
}

Status SqlUnits::Move(const Scope& scope, UnitId id, UnitId new_parent_id) {
  DUBAN_ASSIGN_OR_RETURN(Unit unit, Get(scope, id));
  auto parent = Get(scope, new_parent_id);
  if (!parent.ok()) return parent.status().WithContext("新的上级单位");
  DUBAN_RETURN_IF_ERROR(CheckUnitMove(unit, parent->path));
  std::string new_path = UnitPath(parent->path, id);
  Scope moved = Scope::Subtree(unit.path);
  // "/1/5/9/..." becomes "/1/7/9/...": the new prefix and the rest after the old one.
  for (auto [table, column] : kCopiedPaths) {
    std::string c = column;
    DUBAN_RETURN_IF_ERROR(
        c_.Execute(
              "UPDATE " + std::string(table) + " SET " + c + " = ?1 || substr(" + c +
                  ", ?2) WHERE " + c + " >= ?3 AND " + c + " < ?4",
              {new_path, static_cast<int64_t>(unit.path.size()) + 1, moved.lower(), moved.upper()})
            .status()
            .WithContext(std::string("move ") + table + "." + column));
  }
  return c_.Execute("UPDATE units SET parent_id = ?1 WHERE id = ?2", {new_parent_id, id}).status();
}

Result<int64_t> SqlUnits::Count(const Scope& scope) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         c_.Query("SELECT count(*) FROM units WHERE path >= ?1 AND path < ?2",
                                  {scope.lower(), scope.upper()}));
  return CountOf(rows);
}

Result<std::vector<Unit>> SqlUnits::Subtree(const Scope& scope, const std::string& path) {
  Scope sub = Scope::Subtree(path);
  return ReadAll<Unit>(
      c_.Query(std::string(kUnitColumns) + " FROM units u WHERE u.path >= ?1 AND u.path < ?2 AND "
                                           "u.path >= ?3 AND u.path < ?4 ORDER BY u.path",
               {scope.lower(), scope.upper(), sub.lower(), sub.upper()}),
      ReadUnit);
}

}  // namespace duban::sql
