// The JSON the audit log keeps of units, people, accounts, items and campaigns (their before
// and after snapshots). Not the API's: http/ encodes its responses itself (org_codec.h,
// item_json.h, campaign_codec.h), so an API change never rewrites the meaning of old
// snapshots. Pure functions; thread-safe.
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

// What the audit log keeps of an item: its identity and every field a decision turns on.
nlohmann::json ItemAuditView(const Item& item);
nlohmann::json CampaignView(const Campaign& campaign);

}  // namespace duban
