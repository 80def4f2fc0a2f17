// OrgService: the org tree, people and accounts (SPEC §1, §9). Every call takes the Caller;
// reads run under caller.scope(), writes need the admin's permission, and every write appends
// its audit event in the same transaction. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_log.h"
#include "app/caller.h"
#include "app/crypto.h"
#include "storage/store.h"

namespace duban {

struct UnitInput {
  std::optional<UnitId> parent_id;
  std::string name;
  std::string kind = "other";
  std::string code;
};

struct UnitPatch {
  std::optional<std::string> name, kind, code;
  std::optional<UnitId> parent_id;  // move
  std::optional<bool> disabled;
};

struct PersonInput {
  UnitId unit_id = 0;
  std::string name, title, phone;
};

struct PersonPatch {
  std::optional<UnitId> unit_id;
  std::optional<std::string> name, title, phone;
};

struct AccountInput {
  std::string username;
  std::string password;
  UnitId unit_id = 0;
  std::optional<PersonId> person_id;
  std::vector<std::string> roles;
};

struct AccountPatch {
  std::optional<UnitId> unit_id;
  std::optional<std::optional<PersonId>> person_id;  // set, or clear with nullopt inside
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> disabled;
  std::optional<std::string> password;  // an admin's reset; ends the account's sessions
};

// Clamps paging to 1..kMaxPageSize; kInvalidArgument names the bad parameter.
Result<PageRequest> MakePageRequest(int64_t page, int64_t page_size);

class OrgService {
 public:
  OrgService(Store& store, const PasswordHasher& hasher, const AuditLog& audit)
      : store_(store), hasher_(hasher), audit_(audit) {}

  // Reads: kNotFound when the target is outside the caller's scope.
  Result<Unit> GetUnit(const Caller& caller, UnitId id);
  Result<Page<Unit>> ListUnits(const Caller& caller, const UnitRepository::Query& query);
  Result<Person> GetPerson(const Caller& caller, PersonId id);
  Result<Page<Person>> ListPeople(const Caller& caller, const PersonRepository::Query& query);
  Result<Account> GetAccount(const Caller& caller, AccountId id);
  Result<Page<Account>> ListAccounts(const Caller& caller, const AccountRepository::Query& query);
  // The id of the account signing in as `username` (the console's `user passwd`): kNotFound
  // when there is none or its unit is outside the caller's scope.
  Result<AccountId> FindAccountId(const Caller& caller, const std::string& username);
  // The top unit of the caller's scope (the first in path order): kNotFound when the scope
  // holds no unit, as in a database not yet initialised.
  Result<Unit> RootUnit(const Caller& caller);

  // Writes: kPermissionDenied without the admin role; kInvalidArgument naming the field;
  // kAlreadyExists for a taken code or username; kNotFound for a target out of scope.
  Result<Unit> CreateUnit(const Caller& caller, const UnitInput& input);
  Result<Unit> UpdateUnit(const Caller& caller, UnitId id, const UnitPatch& patch);
  Result<Person> CreatePerson(const Caller& caller, const PersonInput& input);
  Result<Person> UpdatePerson(const Caller& caller, PersonId id, const PersonPatch& patch);
  Result<Account> CreateAccount(const Caller& caller, const AccountInput& input);
  Result<Account> UpdateAccount(const Caller& caller, AccountId id, const AccountPatch& patch);

 private:
  Store& store_;
  const PasswordHasher& hasher_;
  const AuditLog& audit_;
};

}  // namespace duban
