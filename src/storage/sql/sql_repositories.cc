#include "storage/sql/sql_repositories.h"

#include <algorithm>
#include <set>
#include <string>

namespace duban::sql {
namespace {

// LIKE pattern for a substring, with the wildcards in the needle escaped (ESCAPE '\').
std::string LikeContains(std::string_view needle) {
  std::string out = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

Status NotInScope(std::string_view what, int64_t id) {
  return NotFound(std::string(what) + " " + std::to_string(id) + " 不存在或不在您的数据范围内");
}

Value Micros(std::optional<Instant> t) { return t ? Value(ToUnixMicros(*t)) : Value(); }

int64_t CountOf(const Rows& rows) { return rows.empty() ? 0 : rows[0].Int(0); }

constexpr const char* kUnitColumns =
    "SELECT u.id, u.parent_id, u.name, u.kind, u.code, u.disabled, u.path, "
    "(SELECT count(*) FROM units c WHERE c.parent_id = u.id)";

Unit ReadUnit(const Row& r) {
  Unit u;
  u.id = r.Int(0);
  u.parent_id = r.OptInt(1);
  u.name = r.Text(2);
  u.kind = r.Text(3);
  u.code = r.Text(4);
  u.disabled = r.Int(5) != 0;
  u.path = r.Text(6);
  u.child_count = r.Int(7);
  return u;
}

}  // namespace

// ---- units ----

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
      Rows rows, c_.Query(std::string(kUnitColumns) +
                              " FROM units u WHERE u.id = ?1 AND u.path >= ?2 AND u.path < ?3",
                          {id, scope.lower(), scope.upper()}));
  if (rows.empty()) return NotInScope("单位", id);
  Unit unit = ReadUnit(rows[0]);
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

namespace {
// `names` in batches of kNameBatch, each padded to the full batch with its last name: one SQL
// text for any number of names, so the prepared-statement caches hold one statement (L18).
constexpr size_t kNameBatch = 50;
std::vector<std::vector<std::string>> NameBatches(const std::vector<std::string>& names) {
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < names.size(); i += kNameBatch) {
    std::vector<std::string> batch(
        names.begin() + static_cast<std::ptrdiff_t>(i),
        names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), i + kNameBatch)));
    batch.resize(kNameBatch, batch.back());
    out.push_back(std::move(batch));
  }
  return out;
}
// "?first, ?first+1, ..." for one batch.
std::string Placeholders(size_t first) {
  std::string out;
  for (size_t i = 0; i < kNameBatch; ++i) out += (i ? ", ?" : "?") + std::to_string(first + i);
  return out;
}
}  // namespace

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
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM units"));
  unit.id = CountOf(next);
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

namespace {
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
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string(kUnitColumns) +
                              " FROM units u WHERE u.path >= ?1 AND u.path < ?2 AND u.path >= ?3 "
                              "AND u.path < ?4 ORDER BY u.path",
                          {scope.lower(), scope.upper(), sub.lower(), sub.upper()}));
  std::vector<Unit> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadUnit(rows[i]));
  return out;
}

// ---- people ----

namespace {
constexpr const char* kPersonColumns =
    "SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name FROM people p "
    "JOIN units u ON u.id = p.unit_id";

Person ReadPerson(const Row& r) {
  Person p;
  p.id = r.Int(0);
  p.unit_id = r.Int(1);
  p.name = r.Text(2);
  p.title = r.Text(3);
  p.phone = r.Text(4);
  p.unit_name = r.Text(5);
  return p;
}
}  // namespace

Result<Person> SqlPeople::Get(const Scope& scope, PersonId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows,
      c_.Query(std::string(kPersonColumns) + " WHERE p.id = ?1 AND u.path >= ?2 AND u.path < ?3",
               {id, scope.lower(), scope.upper()}));
  if (rows.empty()) return NotInScope("人员", id);
  return ReadPerson(rows[0]);
}

Result<Page<Person>> SqlPeople::List(const Scope& scope, const Query& query) {
  std::string lower = scope.lower(), upper = scope.upper();
  if (query.unit_id) {
    DUBAN_ASSIGN_OR_RETURN(Unit unit, units_.Get(scope, *query.unit_id));
    if (query.subtree) {
      Scope sub = Scope::Subtree(unit.path);
      lower = sub.lower();
      upper = sub.upper();
    }
  }
  std::string where = " WHERE u.path >= ?1 AND u.path < ?2";
  Params params = {lower, upper};
  if (query.unit_id && !query.subtree) {
    params.emplace_back(*query.unit_id);
    where += " AND p.unit_id = ?" + std::to_string(params.size());
  }
  if (!query.q.empty()) {
    params.emplace_back(LikeContains(query.q));
    where += " AND p.name LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  return QueryPage<Person>(
      c_, "SELECT count(*) FROM people p JOIN units u ON u.id = p.unit_id" + where,
      std::string(kPersonColumns) + where + " ORDER BY p.id", params, query.page, ReadPerson);
}

Result<std::vector<std::pair<Person, std::string>>> SqlPeople::FindByNames(
    const Scope& scope, const std::vector<std::string>& names) {
  std::vector<std::pair<Person, std::string>> out;
  std::set<PersonId> seen;
  for (const auto& batch : NameBatches(names)) {
    Params params = {scope.lower(), scope.upper()};
    for (const auto& n : batch) params.emplace_back(n);
    DUBAN_ASSIGN_OR_RETURN(
        Rows rows, c_.Query("SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name, u.path FROM "
                            "people p JOIN units u ON u.id = p.unit_id WHERE u.path >= ?1 AND "
                            "u.path < ?2 AND p.name IN (" +
                                Placeholders(3) + ") ORDER BY p.id",
                            params));
    for (size_t r = 0; r < rows.size(); ++r) {
      Person p = ReadPerson(rows[r]);
      if (seen.insert(p.id).second) out.emplace_back(std::move(p), rows[r].Text(6));
    }
  }
  return out;
}

Status SqlPeople::Insert(const Scope& scope, Person& person) {
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         c_.Query("INSERT INTO people(id, unit_id, name, title, phone) VALUES "
                                  "((SELECT coalesce(max(id), 0) + 1 FROM people), ?1, ?2, ?3, ?4) "
                                  "RETURNING id",
                                  {person.unit_id, person.name, person.title, person.phone}));
  person.id = CountOf(rows);
  person.unit_name = unit->name;
  return Status::Ok();
}

Status SqlPeople::Update(const Scope& scope, const Person& person) {
  DUBAN_ASSIGN_OR_RETURN(Person before, Get(scope, person.id));
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("UPDATE people SET unit_id = ?1, name = ?2, title = ?3, phone = ?4 WHERE id = ?5",
                 {person.unit_id, person.name, person.title, person.phone, person.id})
          .status());
  if (before.unit_id == person.unit_id) return Status::Ok();
  // A person's assessment records carry the path of the person's unit: they go with the person
  // (docs/decisions/0003).
  for (const char* table : {"assessment_events", "assessment_results"}) {
    DUBAN_RETURN_IF_ERROR(c_.Execute("UPDATE " + std::string(table) +
                                         " SET subject_path = ?1 WHERE subject_type = 'person' "
                                         "AND subject_id = ?2",
                                     {unit->path, person.id})
                              .status());
  }
  return Status::Ok();
}

// ---- accounts ----

namespace {
constexpr const char* kAccountColumns =
    "SELECT a.id, a.username, a.person_id, a.unit_id, a.roles, a.disabled, a.password_hash, "
    "a.failed_logins, a.locked_until, coalesce(p.name, ''), u.name, u.path "
    "FROM accounts a JOIN units u ON u.id = a.unit_id LEFT JOIN people p ON p.id = a.person_id";

Result<Account> ReadAccount(const Row& r) {
  Account a;
  a.id = r.Int(0);
  a.username = r.Text(1);
  a.person_id = r.OptInt(2);
  a.unit_id = r.Int(3);
  auto roles = RoleSet::Parse(r.Text(4));
  if (!roles.ok()) return Internal("account " + a.username + " has bad roles in the database");
  a.roles = *roles;
  a.disabled = r.Int(5) != 0;
  a.password_hash = r.Text(6);
  a.failed_logins = static_cast<int>(r.Int(7));
  if (auto until = r.OptInt(8)) a.locked_until = FromUnixMicros(*until);
  a.person_name = r.Text(9);
  a.unit_name = r.Text(10);
  a.unit_path = r.Text(11);
  return a;
}
}  // namespace

Result<Account> SqlAccounts::Get(const Scope& scope, AccountId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows,
      c_.Query(std::string(kAccountColumns) + " WHERE a.id = ?1 AND u.path >= ?2 AND u.path < ?3",
               {id, scope.lower(), scope.upper()}));
  if (rows.empty()) return NotInScope("账号", id);
  return ReadAccount(rows[0]);
}

Result<Account> SqlAccounts::FindByUsername(std::string_view username) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows,
      c_.Query(std::string(kAccountColumns) + " WHERE a.username = ?1", {std::string(username)}));
  if (rows.empty()) return NotFound("没有用户名为 \"" + std::string(username) + "\" 的账号");
  return ReadAccount(rows[0]);
}

Result<Page<Account>> SqlAccounts::List(const Scope& scope, const Query& query) {
  std::string lower = scope.lower(), upper = scope.upper();
  if (query.unit_id) {
    DUBAN_ASSIGN_OR_RETURN(Unit unit, units_.Get(scope, *query.unit_id));
    Scope sub = Scope::Subtree(unit.path);
    lower = sub.lower();
    upper = sub.upper();
  }
  std::string where = " WHERE u.path >= ?1 AND u.path < ?2";
  Params params = {lower, upper};
  if (!query.q.empty()) {
    params.emplace_back(LikeContains(query.q));
    std::string n = std::to_string(params.size());
    where += " AND (a.username LIKE ?" + n + " ESCAPE '\\' OR p.name LIKE ?" + n + " ESCAPE '\\')";
  }
  return QueryPage<Account>(c_,
                            "SELECT count(*) FROM accounts a JOIN units u ON u.id = a.unit_id "
                            "LEFT JOIN people p ON p.id = a.person_id" +
                                where,
                            std::string(kAccountColumns) + where + " ORDER BY a.id", params,
                            query.page, ReadAccount);
}

Status SqlAccounts::CheckReferences(const Scope& scope, const Account& account) {
  auto unit = units_.Get(scope, account.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所属单位");
  if (account.person_id) {
    auto person = people_.Get(scope, *account.person_id);
    if (!person.ok()) return person.status().WithContext("对应人员");
  }
  return Status::Ok();
}

Status SqlAccounts::Insert(const Scope& scope, Account& account) {
  DUBAN_RETURN_IF_ERROR(CheckReferences(scope, account));
  auto rows = c_.Query(
      "INSERT INTO accounts(id, username, person_id, unit_id, roles, disabled, password_hash, "
      "failed_logins, locked_until) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM accounts), "
      "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
      {account.username, Opt(account.person_id), account.unit_id, account.roles.Join(),
       int64_t{account.disabled}, account.password_hash, int64_t{account.failed_logins},
       Micros(account.locked_until)});
  if (rows.status().code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("用户名 \"" + account.username + "\" 已被使用", "username");
  }
  DUBAN_RETURN_IF_ERROR(rows.status());
  account.id = CountOf(*rows);
  return Status::Ok();
}

Status SqlAccounts::Update(const Scope& scope, const Account& account) {
  DUBAN_RETURN_IF_ERROR(Get(scope, account.id).status());
  DUBAN_RETURN_IF_ERROR(CheckReferences(scope, account));
  return c_
      .Execute(
          "UPDATE accounts SET person_id = ?1, unit_id = ?2, roles = ?3, disabled = ?4, "
          "password_hash = ?5, failed_logins = ?6, locked_until = ?7 WHERE id = ?8",
          {Opt(account.person_id), account.unit_id, account.roles.Join(), int64_t{account.disabled},
           account.password_hash, int64_t{account.failed_logins}, Micros(account.locked_until),
           account.id})
      .status();
}

Result<int64_t> SqlAccounts::Count() {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT count(*) FROM accounts"));
  return CountOf(rows);
}

// ---- sessions ----

Status SqlSessions::Insert(const SessionRecord& s) {
  return c_
      .Execute(
          "INSERT INTO sessions(token_hash, account_id, csrf_token, created_at, "
          "last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
          {s.token_hash, s.account_id, s.csrf_token, ToUnixMicros(s.created_at),
           ToUnixMicros(s.last_seen_at)})
      .status();
}

Result<SessionRecord> SqlSessions::Find(std::string_view token_hash) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query("SELECT token_hash, account_id, csrf_token, created_at, last_seen_at "
                          "FROM sessions WHERE token_hash = ?1",
                          {std::string(token_hash)}));
  if (rows.empty()) return NotFound("会话不存在");
  SessionRecord s;
  s.token_hash = rows[0].Text(0);
  s.account_id = rows[0].Int(1);
  s.csrf_token = rows[0].Text(2);
  s.created_at = FromUnixMicros(rows[0].Int(3));
  s.last_seen_at = FromUnixMicros(rows[0].Int(4));
  return s;
}

Status SqlSessions::Touch(std::string_view token_hash, Instant last_seen_at) {
  return c_
      .Execute("UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2",
               {ToUnixMicros(last_seen_at), std::string(token_hash)})
      .status();
}

Status SqlSessions::Delete(std::string_view token_hash) {
  return c_.Execute("DELETE FROM sessions WHERE token_hash = ?1", {std::string(token_hash)})
      .status();
}

Status SqlSessions::DeleteForAccount(AccountId account_id) {
  return c_.Execute("DELETE FROM sessions WHERE account_id = ?1", {account_id}).status();
}

// ---- audit ----

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

// ---- bulk ----

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
    {"item_grams", "item_id, gram", "gram, item_id", 2},
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

}  // namespace duban::sql
