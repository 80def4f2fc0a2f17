// The JSON of the closed loop's items at the API edge (docs/API-LOOP.md): the item with its
// timeline, children, notices and files, and the decoders of an item's fields, an action's
// fields and the list filters. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "app/item_service.h"
#include "http/message.h"

namespace duban::http {

// One item with everything its page shows.
nlohmann::json DetailJson(const ItemDetail& detail);
// An item's fields for create (`create`: kind defaults to problem) or a draft's edit.
Result<ItemInput> DecodeItemInput(const nlohmann::json& body, bool create);
// The fields each action takes; anything else is refused with its name.
Result<ActionInput> DecodeAction(ItemAction action, const nlohmann::json& body);
// The list filters of docs/API-LOOP.md; unit filters arrive as ids, must be in the caller's
// scope (kNotFound otherwise), and become the paths the store filters by.
Result<ItemQuery> DecodeItemQuery(const Request& r, ItemService& items, const Caller& caller);

}  // namespace duban::http
