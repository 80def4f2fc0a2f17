// The JSON of campaigns 专项行动 at the API edge: the encoder and the decoder of a campaign's
// fields, with its phases and problem categories. Independent of the audit snapshots app keeps.
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "app/campaign_service.h"

namespace duban::http {

// A campaign with its phases and categories, as the API sends it.
nlohmann::json CampaignJson(const Campaign& campaign);
// The fields of a create or an edit; every field optional (create checks for name).
// kInvalidArgument naming the field when one is malformed.
Result<CampaignInput> DecodeCampaign(const nlohmann::json& body);

}  // namespace duban::http
