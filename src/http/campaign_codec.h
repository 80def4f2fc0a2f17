// The JSON of campaigns 专项行动 at the API edge: the decoder of a campaign's fields, with its
// phases and problem categories. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "app/campaign_service.h"

namespace duban::http {

// The fields of a create or an edit; every field optional (create checks for name).
// kInvalidArgument naming the field when one is malformed.
Result<CampaignInput> DecodeCampaign(const nlohmann::json& body);

}  // namespace duban::http
