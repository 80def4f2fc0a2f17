// The JSON form of each entity, shared by the API responses and the audit snapshots so both
// always show the same fields. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit.h"
#include "core/org.h"

namespace duban {

nlohmann::json UnitView(const Unit& unit);
nlohmann::json PersonView(const Person& person);
// Never includes the password hash or lockout counters.
nlohmann::json AccountView(const Account& account);
nlohmann::json AuditEventView(const AuditEvent& event);

}  // namespace duban
