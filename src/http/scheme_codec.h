// The JSON of an assessment scheme's definition at the API edge (docs/API-ASSESSMENT.md):
// indicators, tiers, hard bars, stars, roll-up weight and peer group. By design the stored
// definition's form (app/assessment_json.h), which these call: GET returns what PUT stored. If
// the API's form must change, it gets its own encoding here and the stored versions keep
// theirs. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "app/assessment_service.h"
#include "core/assessment.h"
#include "core/status.h"

namespace duban::http {

nlohmann::json SchemeDefinitionJson(const Scheme& scheme);
// kInvalidArgument naming the field ("indicators[2].max_points") when a value has the wrong
// type or an unknown name; ValidateScheme's rules are checked by the service.
Result<Scheme> DecodeScheme(const nlohmann::json& json);
// A PUT body: the scheme and its subject_type (default "unit"; checked by the service).
Result<SchemeInput> DecodeSchemeInput(const nlohmann::json& body);

}  // namespace duban::http
