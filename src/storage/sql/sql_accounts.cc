// The account repository in SQL.
#include <string>
#include <string_view>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kAccountColumns =
    "SELECT a.id, a.username, a.person_id, a.unit_id, a.roles, a.disabled, a.password_hash, "
    "a.failed_logins, a.locked_until, coalesce(p.name, ''), u.name, u.path "
    "FROM accounts a JOIN units u ON u.id = a.unit_id LEFT JOIN people p ON p.id = a.person_id";

Result<Account> ReadAccount(const Row& r) {
  Account a;
  Columns c(r);
  c.Into(a.id, a.username, a.person_id, a.unit_id);
  auto roles = RoleSet::Parse(c.Text());
  if (!roles.ok()) return Internal("account " + a.username + " has bad roles in the database");
  a.roles = *roles;
  c.Into(a.disabled, a.password_hash, a.failed_logins, a.locked_until, a.person_name, a.unit_name,
         a.unit_path);
  return a;
}

}  // namespace

Result<Account> SqlAccounts::Get(const Scope& scope, AccountId id) {
  return GetInScope<Account>(c_, kAccountColumns, "a.id", "u.path", id, scope, "账号", ReadAccount);
}

Result<Account> SqlAccounts::FindByUsername(std::string_view username) {
  return ReadOne<Account>(
      c_.Query(std::string(kAccountColumns) + " WHERE a.username = ?1", {std::string(username)}),
      ReadAccount,
      [&] { return NotFound("没有用户名为 \"" + std::string(username) + "\" 的账号"); });
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
       MicrosValue(account.locked_until)});
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
           account.password_hash, int64_t{account.failed_logins}, MicrosValue(account.locked_until),
           account.id})
      .status();
}

Result<int64_t> SqlAccounts::Count() {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT count(*) FROM accounts"));
  return CountOf(rows);
}

}  // namespace duban::sql
