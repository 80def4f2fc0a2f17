// The routes of assessment 考核评比, stars and points (docs/API-ASSESSMENT.md). Handlers decode,
// call AssessmentService and encode; rules live in app/ and core/.
#pragma once

#include <vector>

#include "http/api.h"

namespace duban::http {

void AddAssessmentRoutes(std::vector<Route>& routes, AssessmentService& service);

}  // namespace duban::http
