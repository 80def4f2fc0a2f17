// The JSON the API sends for the closed loop's records (docs/API-LOOP.md): an item with its
// warning and allowed actions, a timeline event, a notice (alone or with its item's summary)
// and an evidence file's metadata. Independent of the audit snapshots app keeps, so the API's
// shape may change without rewriting old records. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "app/item_service.h"
#include "core/assessment_record.h"
#include "core/evidence.h"

namespace duban::http {

nlohmann::json ItemJson(const Item& item, std::optional<Warning> warning,
                        const std::vector<ItemAction>& allowed);
// The same object as ItemJson, written straight into `w` (the list's hot path): byte for byte
// ItemJson's dump (tests/http/json_writer_test.cc).
class JsonWriter;
void WriteItemJson(JsonWriter& w, const Item& item, std::optional<Warning> warning,
                   const std::vector<ItemAction>& allowed);
nlohmann::json ItemEventJson(const ItemEvent& event);
nlohmann::json NoticeJson(const Notice& notice);
// A notice with its item's code, title and lead leader, and its unit's name, when known.
nlohmann::json NoticeListingJson(const NoticeListing& notice);
// An evidence file's metadata: an item's (StoredFile) or an assessment event's (EventFile).
nlohmann::json FileJson(const StoredFile& file);
nlohmann::json FileJson(const EventFile& file);

}  // namespace duban::http
