#include "storage/sqlite/sqlite_repositories.h"

#include <string>

namespace duban::sqlite {
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

constexpr const char* kUnitColumns =
    "u.id, u.parent_id, u.name, u.kind, u.code, u.disabled, u.path, "
    "(SELECT count(*) FROM units c WHERE c.parent_id = u.id)";

Unit ReadUnit(const Statement& st) {
  Unit u;
  u.id = st.Int(0);
  u.parent_id = st.OptInt(1);
  u.name = st.Text(2);
  u.kind = st.Text(3);
  u.code = st.Text(4);
  u.disabled = st.Int(5) != 0;
  u.path = st.Text(6);
  u.child_count = st.Int(7);
  return u;
}

}  // namespace

// ---- units ----

Status SqliteUnits::FillPathNames(Unit& unit) {
  unit.path_names.clear();
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT name FROM units WHERE id = ?"));
  std::string_view path = unit.path;
  size_t start = 1;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) break;
    int64_t id = std::stoll(std::string(path.substr(start, slash - start)));
    ResetOnExit reset(st);
    st->Bind(1, id);
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) unit.path_names.push_back(st->Text(0));
    start = slash + 1;
  }
  return Status::Ok();
}

Result<Unit> SqliteUnits::Get(const Scope& scope, UnitId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st, db_.Prepare(std::string("SELECT ") + kUnitColumns +
                                  " FROM units u WHERE u.id = ? AND u.path >= ? AND u.path < ?"));
  ResetOnExit reset(st);
  st->Bind(1, id).Bind(2, scope.lower()).Bind(3, scope.upper());
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotInScope("单位", id);
  Unit unit = ReadUnit(*st);
  DUBAN_RETURN_IF_ERROR(FillPathNames(unit));
  return unit;
}

Result<Page<Unit>> SqliteUnits::List(const Scope& scope, const Query& query) {
  std::string where = " FROM units u WHERE u.path >= ?1 AND u.path < ?2";
  if (query.parent_id) where += " AND u.parent_id = ?3";
  if (!query.q.empty()) where += " AND u.name LIKE ?4 ESCAPE '\\'";
  auto bind = [&](Statement* st) {
    st->Bind(1, scope.lower()).Bind(2, scope.upper());
    if (query.parent_id) st->Bind(3, *query.parent_id);
    if (!query.q.empty()) st->Bind(4, LikeContains(query.q));
  };
  Page<Unit> page;
  {
    DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT count(*)" + where));
    ResetOnExit reset(st);
    bind(st);
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    page.total = row ? st->Int(0) : 0;
  }
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare(std::string("SELECT ") + kUnitColumns + where +
                                                     " ORDER BY u.id LIMIT ?5 OFFSET ?6"));
  {
    ResetOnExit reset(st);
    bind(st);
    st->Bind(5, int64_t{query.page.page_size}).Bind(6, query.page.offset());
    while (true) {
      DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      page.items.push_back(ReadUnit(*st));
    }
  }
  for (Unit& u : page.items) DUBAN_RETURN_IF_ERROR(FillPathNames(u));
  return page;
}

Status SqliteUnits::Insert(const Scope& scope, Unit& unit) {
  std::string parent_path;
  if (unit.parent_id) {
    auto parent = Get(scope, *unit.parent_id);
    if (!parent.ok()) return parent.status().WithContext("上级单位");
    parent_path = parent->path;
  } else if (!scope.is_everything()) {
    return PermissionDenied("只有系统初始化可以创建根单位");
  }
  // One writer at a time (the store's writer thread), so max(id)+1 is free.
  DUBAN_ASSIGN_OR_RETURN(Statement * next,
                         db_.Prepare("SELECT coalesce(max(id), 0) + 1 FROM units"));
  {
    ResetOnExit reset(next);
    DUBAN_ASSIGN_OR_RETURN(bool row, next->Step());
    (void)row;
    unit.id = next->Int(0);
  }
  unit.path = UnitPath(parent_path, unit.id);
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("INSERT INTO units(id, parent_id, name, kind, code, disabled, path) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  ResetOnExit reset(st);
  st->Bind(1, unit.id)
      .Bind(2, unit.parent_id)
      .Bind(3, unit.name)
      .Bind(4, unit.kind)
      .Bind(5, unit.code)
      .Bind(6, int64_t{unit.disabled})
      .Bind(7, unit.path);
  Status s = st->Run();
  if (s.code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("单位编码 \"" + unit.code + "\" 已被使用", "code");
  }
  return s;
}

Status SqliteUnits::Update(const Scope& scope, const Unit& unit) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("UPDATE units SET name = ?, kind = ?, code = ?, disabled = ? "
                                     "WHERE id = ? AND path >= ? AND path < ?"));
  ResetOnExit reset(st);
  st->Bind(1, unit.name)
      .Bind(2, unit.kind)
      .Bind(3, unit.code)
      .Bind(4, int64_t{unit.disabled})
      .Bind(5, unit.id)
      .Bind(6, scope.lower())
      .Bind(7, scope.upper());
  Status s = st->Run();
  if (s.code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("单位编码 \"" + unit.code + "\" 已被使用", "code");
  }
  DUBAN_RETURN_IF_ERROR(s);
  if (db_.Changes() == 0) return NotInScope("单位", unit.id);
  return Status::Ok();
}

Status SqliteUnits::Move(const Scope& scope, UnitId id, UnitId new_parent_id) {
  DUBAN_ASSIGN_OR_RETURN(Unit unit, Get(scope, id));
  auto parent = Get(scope, new_parent_id);
  if (!parent.ok()) return parent.status().WithContext("新的上级单位");
  DUBAN_RETURN_IF_ERROR(CheckUnitMove(unit, parent->path));
  std::string new_path = UnitPath(parent->path, id);
  Scope moved = Scope::Subtree(unit.path);
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("UPDATE units SET path = ?1 || substr(path, ?2) WHERE path >= ?3 AND path < ?4"));
  {
    ResetOnExit reset(st);
    st->Bind(1, new_path)
        .Bind(2, static_cast<int64_t>(unit.path.size()) + 1)
        .Bind(3, moved.lower())
        .Bind(4, moved.upper());
    DUBAN_RETURN_IF_ERROR(st->Run());
  }
  DUBAN_ASSIGN_OR_RETURN(Statement * up,
                         db_.Prepare("UPDATE units SET parent_id = ? WHERE id = ?"));
  ResetOnExit reset(up);
  up->Bind(1, new_parent_id).Bind(2, id);
  return up->Run();
}

Result<int64_t> SqliteUnits::Count(const Scope& scope) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("SELECT count(*) FROM units WHERE path >= ? AND path < ?"));
  ResetOnExit reset(st);
  st->Bind(1, scope.lower()).Bind(2, scope.upper());
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : int64_t{0};
}

// ---- people ----

namespace {
constexpr const char* kPersonSelect =
    "SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name FROM people p "
    "JOIN units u ON u.id = p.unit_id";

Person ReadPerson(const Statement& st) {
  Person p;
  p.id = st.Int(0);
  p.unit_id = st.Int(1);
  p.name = st.Text(2);
  p.title = st.Text(3);
  p.phone = st.Text(4);
  p.unit_name = st.Text(5);
  return p;
}
}  // namespace

Result<Person> SqlitePeople::Get(const Scope& scope, PersonId id) {
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare(std::string(kPersonSelect) + " WHERE p.id = ? AND u.path >= ? AND u.path < ?"));
  ResetOnExit reset(st);
  st->Bind(1, id).Bind(2, scope.lower()).Bind(3, scope.upper());
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotInScope("人员", id);
  return ReadPerson(*st);
}

Result<Page<Person>> SqlitePeople::List(const Scope& scope, const Query& query) {
  std::string lower = scope.lower(), upper = scope.upper();
  if (query.unit_id) {
    auto unit = units_.Get(scope, *query.unit_id);
    if (!unit.ok()) return unit.status();
    if (query.subtree) {
      Scope sub = Scope::Subtree(unit->path);
      lower = sub.lower();
      upper = sub.upper();
    }
  }
  std::string where =
      " FROM people p JOIN units u ON u.id = p.unit_id "
      "WHERE u.path >= ?1 AND u.path < ?2";
  if (query.unit_id && !query.subtree) where += " AND p.unit_id = ?3";
  if (!query.q.empty()) where += " AND p.name LIKE ?4 ESCAPE '\\'";
  auto bind = [&](Statement* st) {
    st->Bind(1, lower).Bind(2, upper);
    if (query.unit_id && !query.subtree) st->Bind(3, *query.unit_id);
    if (!query.q.empty()) st->Bind(4, LikeContains(query.q));
  };
  Page<Person> page;
  {
    DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT count(*)" + where));
    ResetOnExit reset(st);
    bind(st);
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    page.total = row ? st->Int(0) : 0;
  }
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name" +
                                     where + " ORDER BY p.id LIMIT ?5 OFFSET ?6"));
  ResetOnExit reset(st);
  bind(st);
  st->Bind(5, int64_t{query.page.page_size}).Bind(6, query.page.offset());
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    page.items.push_back(ReadPerson(*st));
  }
  return page;
}

Status SqlitePeople::Insert(const Scope& scope, Person& person) {
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("INSERT INTO people(unit_id, name, title, phone) VALUES (?, ?, ?, ?)"));
  ResetOnExit reset(st);
  st->Bind(1, person.unit_id).Bind(2, person.name).Bind(3, person.title).Bind(4, person.phone);
  DUBAN_RETURN_IF_ERROR(st->Run());
  person.id = db_.LastInsertId();
  person.unit_name = unit->name;
  return Status::Ok();
}

Status SqlitePeople::Update(const Scope& scope, const Person& person) {
  DUBAN_ASSIGN_OR_RETURN(Person current, Get(scope, person.id));
  (void)current;
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("UPDATE people SET unit_id = ?, name = ?, title = ?, phone = ? WHERE id = ?"));
  ResetOnExit reset(st);
  st->Bind(1, person.unit_id)
      .Bind(2, person.name)
      .Bind(3, person.title)
      .Bind(4, person.phone)
      .Bind(5, person.id);
  return st->Run();
}

// ---- accounts ----

namespace {
constexpr const char* kAccountColumns =
    "a.id, a.username, a.person_id, a.unit_id, a.roles, a.disabled, a.password_hash, "
    "a.failed_logins, a.locked_until, coalesce(p.name, ''), u.name, u.path";
constexpr const char* kAccountFrom =
    " FROM accounts a JOIN units u ON u.id = a.unit_id LEFT JOIN people p ON p.id = a.person_id";

Result<Account> ReadAccount(const Statement& st) {
  Account a;
  a.id = st.Int(0);
  a.username = st.Text(1);
  a.person_id = st.OptInt(2);
  a.unit_id = st.Int(3);
  auto roles = RoleSet::Parse(st.Text(4));
  if (!roles.ok()) return Internal("account " + a.username + " has bad roles in the database");
  a.roles = *roles;
  a.disabled = st.Int(5) != 0;
  a.password_hash = st.Text(6);
  a.failed_logins = static_cast<int>(st.Int(7));
  if (auto until = st.OptInt(8)) a.locked_until = FromUnixMicros(*until);
  a.person_name = st.Text(9);
  a.unit_name = st.Text(10);
  a.unit_path = st.Text(11);
  return a;
}
}  // namespace

Result<Account> SqliteAccounts::Get(const Scope& scope, AccountId id) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare(std::string("SELECT ") + kAccountColumns + kAccountFrom +
                                     " WHERE a.id = ? AND u.path >= ? AND u.path < ?"));
  ResetOnExit reset(st);
  st->Bind(1, id).Bind(2, scope.lower()).Bind(3, scope.upper());
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotInScope("账号", id);
  return ReadAccount(*st);
}

Result<Account> SqliteAccounts::FindByUsername(std::string_view username) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare(std::string("SELECT ") + kAccountColumns +
                                                     kAccountFrom + " WHERE a.username = ?"));
  ResetOnExit reset(st);
  st->Bind(1, username);
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotFound("没有用户名为 \"" + std::string(username) + "\" 的账号");
  return ReadAccount(*st);
}

Result<Page<Account>> SqliteAccounts::List(const Scope& scope, const Query& query) {
  std::string lower = scope.lower(), upper = scope.upper();
  if (query.unit_id) {
    auto unit = units_.Get(scope, *query.unit_id);
    if (!unit.ok()) return unit.status();
    Scope sub = Scope::Subtree(unit->path);
    lower = sub.lower();
    upper = sub.upper();
  }
  std::string where = std::string(kAccountFrom) + " WHERE u.path >= ?1 AND u.path < ?2";
  if (!query.q.empty()) {
    where += " AND (a.username LIKE ?3 ESCAPE '\\' OR p.name LIKE ?3 ESCAPE '\\')";
  }
  auto bind = [&](Statement* st) {
    st->Bind(1, lower).Bind(2, upper);
    if (!query.q.empty()) st->Bind(3, LikeContains(query.q));
  };
  Page<Account> page;
  {
    DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT count(*)" + where));
    ResetOnExit reset(st);
    bind(st);
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    page.total = row ? st->Int(0) : 0;
  }
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare(std::string("SELECT ") + kAccountColumns +
                                                     where + " ORDER BY a.id LIMIT ?4 OFFSET ?5"));
  ResetOnExit reset(st);
  bind(st);
  st->Bind(4, int64_t{query.page.page_size}).Bind(5, query.page.offset());
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    DUBAN_ASSIGN_OR_RETURN(Account a, ReadAccount(*st));
    page.items.push_back(std::move(a));
  }
  return page;
}

Status SqliteAccounts::CheckReferences(const Scope& scope, const Account& account) {
  auto unit = units_.Get(scope, account.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所属单位");
  if (account.person_id) {
    auto person = people_.Get(scope, *account.person_id);
    if (!person.ok()) return person.status().WithContext("对应人员");
  }
  return Status::Ok();
}

Status SqliteAccounts::Insert(const Scope& scope, Account& account) {
  DUBAN_RETURN_IF_ERROR(CheckReferences(scope, account));
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("INSERT INTO accounts(username, person_id, unit_id, roles, disabled, "
                  "password_hash, failed_logins, locked_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  ResetOnExit reset(st);
  st->Bind(1, account.username)
      .Bind(2, account.person_id)
      .Bind(3, account.unit_id)
      .Bind(4, account.roles.Join())
      .Bind(5, int64_t{account.disabled})
      .Bind(6, account.password_hash)
      .Bind(7, int64_t{account.failed_logins})
      .Bind(8, account.locked_until ? std::optional<int64_t>(ToUnixMicros(*account.locked_until))
                                    : std::nullopt);
  Status s = st->Run();
  if (s.code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("用户名 \"" + account.username + "\" 已被使用", "username");
  }
  DUBAN_RETURN_IF_ERROR(s);
  account.id = db_.LastInsertId();
  return Status::Ok();
}

Status SqliteAccounts::Update(const Scope& scope, const Account& account) {
  DUBAN_ASSIGN_OR_RETURN(Account current, Get(scope, account.id));
  (void)current;
  DUBAN_RETURN_IF_ERROR(CheckReferences(scope, account));
  DUBAN_ASSIGN_OR_RETURN(
      Statement * st,
      db_.Prepare("UPDATE accounts SET person_id = ?, unit_id = ?, roles = ?, disabled = ?, "
                  "password_hash = ?, failed_logins = ?, locked_until = ? WHERE id = ?"));
  ResetOnExit reset(st);
  st->Bind(1, account.person_id)
      .Bind(2, account.unit_id)
      .Bind(3, account.roles.Join())
      .Bind(4, int64_t{account.disabled})
      .Bind(5, account.password_hash)
      .Bind(6, int64_t{account.failed_logins})
      .Bind(7, account.locked_until ? std::optional<int64_t>(ToUnixMicros(*account.locked_until))
                                    : std::nullopt)
      .Bind(8, account.id);
  return st->Run();
}

Result<int64_t> SqliteAccounts::Count() {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT count(*) FROM accounts"));
  ResetOnExit reset(st);
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : int64_t{0};
}

// ---- sessions ----

Status SqliteSessions::Insert(const SessionRecord& s) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("INSERT INTO sessions(token_hash, account_id, csrf_token, "
                                     "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"));
  ResetOnExit reset(st);
  st->Bind(1, s.token_hash)
      .Bind(2, s.account_id)
      .Bind(3, s.csrf_token)
      .Bind(4, ToUnixMicros(s.created_at))
      .Bind(5, ToUnixMicros(s.last_seen_at));
  return st->Run();
}

Result<SessionRecord> SqliteSessions::Find(std::string_view token_hash) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("SELECT token_hash, account_id, csrf_token, created_at, "
                                     "last_seen_at FROM sessions WHERE token_hash = ?"));
  ResetOnExit reset(st);
  st->Bind(1, token_hash);
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotFound("会话不存在");
  SessionRecord s;
  s.token_hash = st->Text(0);
  s.account_id = st->Int(1);
  s.csrf_token = st->Text(2);
  s.created_at = FromUnixMicros(st->Int(3));
  s.last_seen_at = FromUnixMicros(st->Int(4));
  return s;
}

Status SqliteSessions::Touch(std::string_view token_hash, Instant last_seen_at) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
  ResetOnExit reset(st);
  st->Bind(1, ToUnixMicros(last_seen_at)).Bind(2, token_hash);
  return st->Run();
}

Status SqliteSessions::Delete(std::string_view token_hash) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  ResetOnExit reset(st);
  st->Bind(1, token_hash);
  return st->Run();
}

Status SqliteSessions::DeleteForAccount(AccountId account_id) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("DELETE FROM sessions WHERE account_id = ?"));
  ResetOnExit reset(st);
  st->Bind(1, account_id);
  return st->Run();
}

// ---- audit ----

namespace {
constexpr const char* kAuditColumns =
    "seq, at, actor_account_id, actor_username, action, entity_type, entity_id, unit_id, "
    "unit_path, before_json, after_json, prev_hash, hash";

AuditEvent ReadAudit(const Statement& st) {
  AuditEvent e;
  e.seq = st.Int(0);
  e.at = FromUnixMicros(st.Int(1));
  e.actor_account_id = st.OptInt(2);
  e.actor_username = st.Text(3);
  e.action = st.Text(4);
  e.entity_type = st.Text(5);
  e.entity_id = st.Text(6);
  e.unit_id = st.OptInt(7);
  e.unit_path = st.Text(8);
  e.before_json = st.Text(9);
  e.after_json = st.Text(10);
  e.prev_hash = st.Text(11);
  e.hash = st.Text(12);
  return e;
}
}  // namespace

Status SqliteAudit::Append(const AuditEvent& e) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare(std::string("INSERT INTO audit_events(") + kAuditColumns +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  ResetOnExit reset(st);
  st->Bind(1, e.seq)
      .Bind(2, ToUnixMicros(e.at))
      .Bind(3, e.actor_account_id)
      .Bind(4, e.actor_username)
      .Bind(5, e.action)
      .Bind(6, e.entity_type)
      .Bind(7, e.entity_id)
      .Bind(8, e.unit_id)
      .Bind(9, e.unit_path)
      .Bind(10, e.before_json)
      .Bind(11, e.after_json)
      .Bind(12, e.prev_hash)
      .Bind(13, e.hash);
  return st->Run();
}

Result<std::optional<AuditEvent>> SqliteAudit::Last() {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare(std::string("SELECT ") + kAuditColumns +
                                     " FROM audit_events ORDER BY seq DESC LIMIT 1"));
  ResetOnExit reset(st);
  DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<AuditEvent>();
  return std::optional<AuditEvent>(ReadAudit(*st));
}

Result<Page<AuditEvent>> SqliteAudit::List(const Scope& scope, const Query& query) {
  std::string where = " FROM audit_events WHERE unit_path >= ?1 AND unit_path < ?2";
  if (!query.entity_type.empty()) where += " AND entity_type = ?3";
  if (!query.entity_id.empty()) where += " AND entity_id = ?4";
  auto bind = [&](Statement* st) {
    st->Bind(1, scope.lower()).Bind(2, scope.upper());
    if (!query.entity_type.empty()) st->Bind(3, query.entity_type);
    if (!query.entity_id.empty()) st->Bind(4, query.entity_id);
  };
  Page<AuditEvent> page;
  {
    DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare("SELECT count(*)" + where));
    ResetOnExit reset(st);
    bind(st);
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    page.total = row ? st->Int(0) : 0;
  }
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare(std::string("SELECT ") + kAuditColumns + where +
                                     " ORDER BY seq DESC LIMIT ?5 OFFSET ?6"));
  ResetOnExit reset(st);
  bind(st);
  st->Bind(5, int64_t{query.page.page_size}).Bind(6, query.page.offset());
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    page.items.push_back(ReadAudit(*st));
  }
  return page;
}

Result<std::vector<AuditEvent>> SqliteAudit::Scan(int64_t after_seq, int limit) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st,
                         db_.Prepare(std::string("SELECT ") + kAuditColumns +
                                     " FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?"));
  ResetOnExit reset(st);
  st->Bind(1, after_seq).Bind(2, int64_t{limit});
  std::vector<AuditEvent> out;
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadAudit(*st));
  }
  return out;
}

}  // namespace duban::sqlite
