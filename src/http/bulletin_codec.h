// The JSON of bulletins 通报 at the API edge (docs/API-LOOP.md): a bulletin's figures and an
// entry of the register of issued bulletins. Independent of the stored content of an issued
// bulletin (BulletinService::ToJson), so the API's shape may change without rewriting old
// records. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "app/bulletin_service.h"

namespace duban::http {

nlohmann::json BulletinJson(const Bulletin& b);
// The register entry.
nlohmann::json BulletinRecordJson(const BulletinRecord& r);

}  // namespace duban::http
