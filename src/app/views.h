// The JSON form of each entity, shared by the API responses and the audit snapshots so both
// always show the same fields. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit.h"
#include "core/deadline.h"
#include "core/item.h"
#include "core/org.h"
#include "storage/store.h"

namespace duban {

nlohmann::json UnitView(const Unit& unit);
nlohmann::json PersonView(const Person& person);
// Never includes the password hash or lockout counters.
nlohmann::json AccountView(const Account& account);
nlohmann::json AuditEventView(const AuditEvent& event);

// The item as the API shows it (docs/API-LOOP.md), with its computed warning and the actions
// the caller may take.
nlohmann::json ItemView(const Item& item, std::optional<Warning> warning,
                        const std::vector<ItemAction>& allowed);
// What the audit log keeps of an item: its identity and every field a decision turns on.
nlohmann::json ItemAuditView(const Item& item);
nlohmann::json ItemEventView(const ItemEvent& event);
nlohmann::json NoticeView(const Notice& notice);
// An evidence file's metadata: an item's (StoredFile) or an assessment event's (EventFile).
nlohmann::json FileView(const StoredFile& file);
nlohmann::json FileView(const EventFile& file);
nlohmann::json CampaignView(const Campaign& campaign);

}  // namespace duban
