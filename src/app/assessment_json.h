// The stored JSON of assessment schemes and score breakdowns: what the store keeps as a scheme
// version's definition and a result's breakdown (and the demo data's schemes). The API speaks
// a scheme in this form too, through http/scheme_codec.h, which is where it would part from it.
#pragma once

#include <nlohmann/json.hpp>

#include "core/assessment.h"
#include "core/status.h"

namespace duban {

nlohmann::json SchemeToJson(const Scheme& scheme);
// kInvalidArgument naming the field ("indicators[2].max_points") when a value has the wrong
// type or an unknown name; ValidateScheme's rules are checked separately.
Result<Scheme> SchemeFromJson(const nlohmann::json& json);

nlohmann::json IndicatorScoresToJson(const std::vector<IndicatorScore>& scores);

}  // namespace duban
