// Setting up a new database: the root unit and the admin account, and optionally the demo
// organisation (a county with bureaus, sections, townships and party branches, people, and an
// account for each role). Runs as the operator. Thread-safe as the services it calls.
#pragma once

#include <string>

#include "app/org_service.h"

namespace duban {

struct SetupResult {
  UnitId root_unit_id = 0;
  AccountId admin_account_id = 0;
  std::vector<std::string>
      demo_usernames;  // accounts made by the demo, all with the admin's password
};

// kFailedPrecondition when the database already has accounts.
Result<SetupResult> InitializeDatabase(Store& store, OrgService& org,
                                       const std::string& admin_password, bool demo);

}  // namespace duban
