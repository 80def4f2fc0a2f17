// The organisation's repositories: units, people and accounts, every call within a Scope.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/org.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"

namespace duban {

// Every read and write takes the caller's Scope: a row outside it is kNotFound, exactly as if
// it did not exist (SPEC §1: out-of-scope data must not even be confirmed to exist).
class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<Unit> Get(const Scope& scope, UnitId id) = 0;
  struct Query {
    std::optional<UnitId> parent_id;  // children of this unit; none: the whole scope
    std::string q;                    // substring of the name
    PageRequest page;
    bool roots_only = false;  // only units without a parent
  };
  virtual Result<Page<Unit>> List(const Scope& scope, const Query& query) = 0;
  // Inserts `unit` under unit.parent_id (which must be in scope; none: a root, only with
  // Scope::Everything()). Sets unit.id and unit.path.
  virtual Status Insert(const Scope& scope, Unit& unit) = 0;
  // Writes name, kind, code and disabled of the unit with unit.id.
  virtual Status Update(const Scope& scope, const Unit& unit) = 0;
  // Re-parents the unit and rewrites the paths of its whole subtree, and every copy of those
  // paths on other rows (items, notices, campaigns, assessment records, bulletins), so that
  // everything of the subtree moves with it (docs/decisions/0003).
  virtual Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) = 0;
  virtual Result<int64_t> Count(const Scope& scope) = 0;
  // Every unit of the subtree at `path` that is in scope, in path order (parents first).
  virtual Result<std::vector<Unit>> Subtree(const Scope& scope, const std::string& path) = 0;
  // The units in scope whose name or code is one of `names`, by id (path names not filled):
  // what a file's unit column refers to, without reading every unit in scope.
  virtual Result<std::vector<Unit>> FindByNames(const Scope& scope,
                                                const std::vector<std::string>& names) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Result<Person> Get(const Scope& scope, PersonId id) = 0;
  struct Query {
    std::optional<UnitId> unit_id;
    bool subtree = true;  // with unit_id: the unit's whole subtree, not only the unit
    std::string q;        // substring of the name
    PageRequest page;
  };
  virtual Result<Page<Person>> List(const Scope& scope, const Query& query) = 0;
  // The people in scope named one of `names`, by id, each with its unit's path.
  virtual Result<std::vector<std::pair<Person, std::string>>> FindByNames(
      const Scope& scope, const std::vector<std::string>& names) = 0;
  virtual Status Insert(const Scope& scope, Person& person) = 0;
  virtual Status Update(const Scope& scope, const Person& person) = 0;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual Result<Account> Get(const Scope& scope, AccountId id) = 0;
  // Sign-in looks an account up before there is a caller, so there is no scope to apply.
  virtual Result<Account> FindByUsername(std::string_view username) = 0;
  struct Query {
    std::optional<UnitId> unit_id;  // accounts of this unit's subtree
    std::string q;                  // substring of username or person name
    PageRequest page;
  };
  virtual Result<Page<Account>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Insert(const Scope& scope, Account& account) = 0;
  // Writes every field of the account but the username.
  virtual Status Update(const Scope& scope, const Account& account) = 0;
  virtual Result<int64_t> Count() = 0;
};

}  // namespace duban
