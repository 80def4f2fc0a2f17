// The routes of the closed loop (docs/API-LOOP.md): items and their actions, files, notices,
// the sweep, the work calendar, campaigns and the dashboard. Handlers decode, call the service
// and encode; rules live in app/ and core/.
#pragma once

#include <vector>

#include "http/api.h"

namespace duban::http {

// `codec`: the file formats of io/ (ledger, bulletin documents, calendar files).
void AddLoopRoutes(std::vector<Route>& routes, Services& services, const TableCodec& codec);

}  // namespace duban::http
