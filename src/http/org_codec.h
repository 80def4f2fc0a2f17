// The JSON of the organisation at the API edge (docs/API.md): units, people, accounts and the
// audit log's events. Independent of the audit snapshots app keeps of the same records, so
// the API's shape may change without rewriting old snapshots. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit.h"
#include "core/org.h"

namespace duban::http {

nlohmann::json UnitJson(const Unit& unit);
nlohmann::json PersonJson(const Person& person);
// Never includes the password hash or lockout counters.
nlohmann::json AccountJson(const Account& account);
// The event with its before/after snapshots as stored (JSON, or the text when not JSON).
nlohmann::json AuditEventJson(const AuditEvent& event);

}  // namespace duban::http
