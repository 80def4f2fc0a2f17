// An item's history: one event per action, edit or notice, in the order they happened
// (SPEC §3). Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/item.h"
#include "core/org.h"
#include "core/time.h"

namespace duban {

struct ItemEvent {
  int64_t id = 0;
  ItemId item_id = 0;
  Instant at{};
  std::optional<AccountId> actor_account_id;
  std::string actor_username;
  std::string action;  // an ItemAction name, "create", "update", "notice", "notice.respond"
  std::string from_status;
  std::string to_status;
  std::string text;
  std::string data_json = "{}";
};

}  // namespace duban
