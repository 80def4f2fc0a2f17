#include "app/org_service.h"

#include "core/permission.h"
#include "core/text.h"

namespace duban {
namespace {

Status RequirePermission(const Caller& caller, Capability capability) {
  if (May(caller.roles, capability)) return Status::Ok();
  return PermissionDenied("您的角色无权执行此操作（需要系统管理员）");
}

Status ValidateUnitFields(const Unit& u) {
  DUBAN_RETURN_IF_ERROR(ValidateUnitName(u.name));
  DUBAN_RETURN_IF_ERROR(ValidateUnitKind(u.kind));
  return ValidateUnitCode(u.code);
}

Status ValidatePersonFields(const Person& p) {
  DUBAN_RETURN_IF_ERROR(ValidatePersonName(p.name));
  DUBAN_RETURN_IF_ERROR(ValidateTitle(p.title));
  return ValidatePhone(p.phone);
}

// L10 (docs/decisions/0003): a unit is disabled only once nothing in its subtree is still in
// use — no enabled account, no open item (as its unit or its responsible unit), no enabled
// sub-unit — so a disabled unit has no one signed in and no work left. kFailedPrecondition
// names what is still there.
Status CheckCanDisable(Tx& tx, const Unit& unit) {
  Scope sub = Scope::Subtree(unit.path);
  int64_t accounts = 0;
  AccountRepository::Query aq;
  aq.page = {1, kMaxPageSize};
  for (;; ++aq.page.page) {
    DUBAN_ASSIGN_OR_RETURN(auto page, tx.accounts().List(sub, aq));
    for (const Account& a : page.items) accounts += a.disabled ? 0 : 1;
    if (aq.page.offset() + static_cast<int64_t>(page.items.size()) >= page.total) break;
  }
  DUBAN_ASSIGN_OR_RETURN(ItemCounts counts, tx.items().Count(sub, ItemQuery{}, {}));
  int64_t open_items = 0;
  for (const auto& [status, n] : counts.status) {
    auto s = ParseItemStatus(status);
    if (s && IsOpen(*s)) open_items += n;
  }
  DUBAN_ASSIGN_OR_RETURN(auto units, tx.units().Subtree(sub, unit.path));
  int64_t enabled_units = 0;
  for (const Unit& u : units) enabled_units += u.id != unit.id && !u.disabled ? 1 : 0;
  std::string left;
  auto add = [&](int64_t n, const char* what) {
    if (n > 0) left += (left.empty() ? "" : "、") + std::to_string(n) + what;
  };
  add(accounts, " 个启用的账号");
  add(open_items, " 个未办结的事项");
  add(enabled_units, " 个启用的下级单位");
  if (left.empty()) return Status::Ok();
  return FailedPrecondition("单位「" + unit.name + "」及其下级还有 " + left +
                            "，不能停用：请先停用账号、办结或改派事项、停用下级单位");
}

Status RefuseDisabled(const Unit& unit, const char* role) {
  if (!unit.disabled) return Status::Ok();
  return FailedPrecondition(std::string(role) + "「" + unit.name + "」已停用");
}

}  // namespace

Result<PageRequest> MakePageRequest(int64_t page, int64_t page_size) {
  if (page < 1 || page > 1000000)
    return InvalidArgument("page 须为 1 到 1000000 之间的整数", "page");
  if (page_size < 1 || page_size > kMaxPageSize) {
    return InvalidArgument("page_size 须为 1 到 " + std::to_string(kMaxPageSize) + " 之间的整数",
                           "page_size");
  }
  return PageRequest{static_cast<int>(page), static_cast<int>(page_size)};
}

Result<Unit> OrgService::GetUnit(const Caller& caller, UnitId id) {
  Unit out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.units().Get(caller.scope(), id));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Unit>> OrgService::ListUnits(const Caller& caller, const UnitRepository::Query& query) {
  Page<Unit> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.units().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

Result<Unit> OrgService::CreateUnit(const Caller& caller, const UnitInput& input) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kUnitManage));
  Unit unit;
  unit.parent_id = input.parent_id;
  unit.name = TrimSpace(input.name);
  unit.kind = input.kind;
  unit.code = TrimSpace(input.code);
  DUBAN_RETURN_IF_ERROR(ValidateUnitFields(unit));
  if (!unit.parent_id && !caller.scope().is_everything()) {
    return InvalidArgument("须指定上级单位 parent_id", "parent_id");
  }
  Unit created;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    Unit u = unit;
    if (u.parent_id) {
      DUBAN_ASSIGN_OR_RETURN(Unit parent, tx.units().Get(caller.scope(), *u.parent_id));
      DUBAN_RETURN_IF_ERROR(RefuseDisabled(parent, "上级单位").WithField("parent_id"));
    }
    DUBAN_RETURN_IF_ERROR(tx.units().Insert(caller.scope(), u));
    DUBAN_ASSIGN_OR_RETURN(created, tx.units().Get(caller.scope(), u.id));
    return audit_.Append(tx, caller,
                         {"unit.create",
                          "unit",
                          std::to_string(created.id),
                          created.id,
                          created.path,
                          {},
                          UnitSnapshot::Of(created)});
  }));
  return created;
}

Result<Unit> OrgService::UpdateUnit(const Caller& caller, UnitId id, const UnitPatch& patch) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kUnitManage));
  Unit updated;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Unit before, tx.units().Get(caller.scope(), id));
    Unit u = before;
    if (patch.name) u.name = TrimSpace(*patch.name);
    if (patch.kind) u.kind = *patch.kind;
    if (patch.code) u.code = TrimSpace(*patch.code);
    if (patch.disabled) u.disabled = *patch.disabled;
    DUBAN_RETURN_IF_ERROR(ValidateUnitFields(u));
    if (patch.disabled && *patch.disabled && u.path == caller.unit_path) {
      return FailedPrecondition("不能停用您自己所在的单位");
    }
    if (u.disabled && !before.disabled) DUBAN_RETURN_IF_ERROR(CheckCanDisable(tx, before));
    UnitId parent_id = patch.parent_id.value_or(before.parent_id.value_or(0));
    if (!u.disabled && parent_id != 0) {
      // An enabled unit never sits under a disabled one, moved there or re-enabled there.
      auto parent = tx.units().Get(caller.scope(), parent_id);
      if (parent.ok()) {
        DUBAN_RETURN_IF_ERROR(RefuseDisabled(*parent, "上级单位").WithField("parent_id"));
      } else if (parent.status().code() != ErrorCode::kNotFound) {
        return parent.status();
      }
    }
    DUBAN_RETURN_IF_ERROR(tx.units().Update(caller.scope(), u));
    if (patch.parent_id && patch.parent_id != before.parent_id) {
      DUBAN_RETURN_IF_ERROR(tx.units().Move(caller.scope(), id, *patch.parent_id));
    }
    DUBAN_ASSIGN_OR_RETURN(updated, tx.units().Get(caller.scope(), id));
    const char* action =
        patch.parent_id && patch.parent_id != before.parent_id ? "unit.move" : "unit.update";
    return audit_.Append(tx, caller,
                         {action, "unit", std::to_string(id), id, updated.path,
                          UnitSnapshot::Of(before), UnitSnapshot::Of(updated)});
  }));
  return updated;
}

Result<Person> OrgService::GetPerson(const Caller& caller, PersonId id) {
  Person out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.people().Get(caller.scope(), id));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Person>> OrgService::ListPeople(const Caller& caller,
                                            const PersonRepository::Query& query) {
  Page<Person> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.people().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

Result<Person> OrgService::CreatePerson(const Caller& caller, const PersonInput& input) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kUnitManage));
  Person person{
      0, input.unit_id, TrimSpace(input.name), TrimSpace(input.title), TrimSpace(input.phone), ""};
  DUBAN_RETURN_IF_ERROR(ValidatePersonFields(person));
  Person created;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    Person p = person;
    DUBAN_RETURN_IF_ERROR(tx.people().Insert(caller.scope(), p));
    DUBAN_ASSIGN_OR_RETURN(Unit unit, tx.units().Get(caller.scope(), p.unit_id));
    created = p;
    return audit_.Append(tx, caller,
                         {"person.create",
                          "person",
                          std::to_string(p.id),
                          unit.id,
                          unit.path,
                          {},
                          PersonSnapshot::Of(p)});
  }));
  return created;
}

Result<Person> OrgService::UpdatePerson(const Caller& caller, PersonId id,
                                        const PersonPatch& patch) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kUnitManage));
  Person updated;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Person before, tx.people().Get(caller.scope(), id));
    Person p = before;
    if (patch.unit_id) p.unit_id = *patch.unit_id;
    if (patch.name) p.name = TrimSpace(*patch.name);
    if (patch.title) p.title = TrimSpace(*patch.title);
    if (patch.phone) p.phone = TrimSpace(*patch.phone);
    DUBAN_RETURN_IF_ERROR(ValidatePersonFields(p));
    DUBAN_RETURN_IF_ERROR(tx.people().Update(caller.scope(), p));
    DUBAN_ASSIGN_OR_RETURN(updated, tx.people().Get(caller.scope(), id));
    DUBAN_ASSIGN_OR_RETURN(Unit unit, tx.units().Get(caller.scope(), updated.unit_id));
    return audit_.Append(tx, caller,
                         {"person.update", "person", std::to_string(id), unit.id, unit.path,
                          PersonSnapshot::Of(before), PersonSnapshot::Of(updated)});
  }));
  return updated;
}

Result<AccountId> OrgService::FindAccountId(const Caller& caller, const std::string& username) {
  AccountId id = 0;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account a, tx.accounts().FindByUsername(username));
    // The lookup by name is unscoped (sign-in needs it so); the caller's scope applies here,
    // and an account out of scope is as missing as one that does not exist (SPEC §1).
    if (!caller.scope().Contains(a.unit_path)) {
      return NotFound("没有用户名为 \"" + username + "\" 的账号");
    }
    id = a.id;
    return Status::Ok();
  }));
  return id;
}

Result<Unit> OrgService::RootUnit(const Caller& caller) {
  Unit out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto roots, tx.units().List(caller.scope(), {std::nullopt, "", {1, 1}}));
    if (roots.items.empty()) return NotFound("数据库中没有单位");
    out = std::move(roots.items[0]);
    return Status::Ok();
  }));
  return out;
}

Result<Account> OrgService::GetAccount(const Caller& caller, AccountId id) {
  // L17: accounts are the admin's; anyone else may read only their own.
  if (caller.account_id != id) {
    DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kAccountManage));
  }
  Account out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.accounts().Get(caller.scope(), id));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Account>> OrgService::ListAccounts(const Caller& caller,
                                               const AccountRepository::Query& query) {
  // L17: a list of usernames and roles is a guessing list; only the admin needs it.
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kAccountManage));
  Page<Account> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.accounts().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

Result<Account> OrgService::CreateAccount(const Caller& caller, const AccountInput& input) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kAccountManage));
  DUBAN_RETURN_IF_ERROR(ValidateUsername(input.username));
  DUBAN_RETURN_IF_ERROR(ValidatePassword(input.password));
  DUBAN_ASSIGN_OR_RETURN(RoleSet roles, RoleSet::FromNames(input.roles));
  if (roles.empty()) return InvalidArgument("至少选择一个角色", "roles");
  // Hash before the transaction: argon2 is slow on purpose and must not hold the writer.
  DUBAN_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(input.password));
  Account created;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    Account a;
    a.username = input.username;
    a.unit_id = input.unit_id;
    a.person_id = input.person_id;
    a.roles = roles;
    a.password_hash = hash;
    if (auto unit = tx.units().Get(caller.scope(), a.unit_id); unit.ok()) {
      DUBAN_RETURN_IF_ERROR(RefuseDisabled(*unit, "所在单位").WithField("unit_id"));
    } else if (unit.status().code() != ErrorCode::kNotFound) {
      return unit.status();  // a failed read is no reason to skip the check (tests/app)
    }
    DUBAN_RETURN_IF_ERROR(tx.accounts().Insert(caller.scope(), a));
    DUBAN_ASSIGN_OR_RETURN(created, tx.accounts().Get(caller.scope(), a.id));
    return audit_.Append(tx, caller,
                         {"account.create",
                          "account",
                          std::to_string(created.id),
                          created.unit_id,
                          created.unit_path,
                          {},
                          AccountSnapshot::Of(created)});
  }));
  return created;
}

Result<Account> OrgService::UpdateAccount(const Caller& caller, AccountId id,
                                          const AccountPatch& patch) {
  DUBAN_RETURN_IF_ERROR(RequirePermission(caller, Capability::kAccountManage));
  std::optional<RoleSet> roles;
  if (patch.roles) {
    DUBAN_ASSIGN_OR_RETURN(roles, RoleSet::FromNames(*patch.roles));
    if (roles->empty()) return InvalidArgument("至少选择一个角色", "roles");
  }
  std::optional<std::string> hash;
  if (patch.password) {
    DUBAN_RETURN_IF_ERROR(ValidatePassword(*patch.password));
    DUBAN_ASSIGN_OR_RETURN(hash, hasher_.Hash(*patch.password));
  }
  bool self = caller.account_id == id;
  if (self && patch.disabled.value_or(false)) {
    return FailedPrecondition("不能停用您自己的账号");
  }
  if (self && roles && !roles->Has(Role::kAdmin)) {
    return FailedPrecondition("不能移除您自己的系统管理员角色");
  }
  Account updated;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account before, tx.accounts().Get(caller.scope(), id));
    Account a = before;
    if (patch.unit_id) a.unit_id = *patch.unit_id;
    if (patch.person_id) a.person_id = *patch.person_id;
    if (roles) a.roles = *roles;
    if (patch.disabled) a.disabled = *patch.disabled;
    if (hash) {
      a.password_hash = *hash;
      a.failed_logins = 0;
      a.locked_until.reset();
    }
    if (!a.disabled) {
      // An enabled account never belongs to a disabled unit (L10).
      if (auto unit = tx.units().Get(caller.scope(), a.unit_id); unit.ok()) {
        DUBAN_RETURN_IF_ERROR(RefuseDisabled(*unit, "所在单位").WithField("unit_id"));
      } else if (unit.status().code() != ErrorCode::kNotFound) {
        return unit.status();
      }
    }
    DUBAN_RETURN_IF_ERROR(tx.accounts().Update(caller.scope(), a));
    // A reset password, a disabled account or a move out of the old unit ends its sessions.
    if (hash || a.disabled || a.unit_id != before.unit_id) {
      DUBAN_RETURN_IF_ERROR(tx.sessions().DeleteForAccount(id));
    }
    DUBAN_ASSIGN_OR_RETURN(updated, tx.accounts().Get(caller.scope(), id));
    AccountSnapshot after = AccountSnapshot::Of(updated);
    if (hash) after.password_reset = true;
    return audit_.Append(tx, caller,
                         {"account.update", "account", std::to_string(id), updated.unit_id,
                          updated.unit_path, AccountSnapshot::Of(before), after});
  }));
  return updated;
}

}  // namespace duban
