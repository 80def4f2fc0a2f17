// Who is asking: the signed-in account behind a request, or the operator at the CLI.
// A plain value; thread-safe to copy.
#pragma once

#include <optional>
#include <string>

#include "core/org.h"
#include "core/scope.h"

namespace duban {

struct Caller {
  std::optional<AccountId> account_id;  // empty for the operator
  std::optional<PersonId> person_id;    // the person the account belongs to, if any
  std::string username;
  UnitId unit_id = 0;
  std::string unit_path = "/";
  RoleSet roles;

  // The data scope every request runs under (SPEC §1).
  Scope scope() const { return Scope::Subtree(unit_path); }

  // The person at the server's console (CLI): all data, all rights.
  static Caller Operator() {
    Caller c;
    c.username = "operator";
    c.roles = RoleSet{Role::kAdmin};
    return c;
  }
  static Caller ForAccount(const Account& a) {
    Caller c;
    c.account_id = a.id;
    c.person_id = a.person_id;
    c.username = a.username;
    c.unit_id = a.unit_id;
    c.unit_path = a.unit_path;
    c.roles = a.roles;
    return c;
  }
};

}  // namespace duban
