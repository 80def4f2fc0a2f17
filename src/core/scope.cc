#include "core/scope.h"

namespace duban {

bool Allows(const RoleSet& roles, Permission permission) {
  switch (permission) {
    // SPEC §1: the org tree and accounts are the admin's.
    case Permission::kManageOrg:
    case Permission::kManageAccounts:
      return roles.Has(Role::kAdmin);
    // Supervision offices and leaders answer for what happened in their scope.
    case Permission::kReadAudit:
      return roles.Has(Role::kAdmin) || roles.Has(Role::kSupervisor) || roles.Has(Role::kLeader);
  }
  return false;
}

}  // namespace duban
