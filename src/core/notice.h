// A notice 督办单 (SPEC §3): what the supervising side issues about an item that needs pushing,
// and the responsible unit's answer. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/item.h"
#include "core/org.h"
#include "core/time.h"

namespace duban {

enum class NoticeLevel { kReminder, kSupervise, kListed, kInterview };

struct Notice {
  int64_t id = 0;
  int year = 0;
  int64_t number = 0;  // per year: 督〔2026〕15号
  ItemId item_id = 0;
  UnitId unit_id = 0;  // the unit that must respond: the responsible unit, or the item's own
  std::string unit_path;
  std::string level = "reminder";  // reminder | supervise | listed | interview
  std::string condition;           // due_soon | overdue | not_accepted | report_missing | manual
  std::string condition_key;       // dedupe: one notice per (item, key)
  std::string reason;
  Instant issued_at{};
  std::string issued_by;
  Date respond_by{};
  // open | answered | withdrawn (the item was returned by the unit it was addressed to, so
  // that unit no longer answers for it: docs/decisions/0003)
  std::string status = "open";
  std::string response_text;
  std::optional<Instant> responded_at;
  std::string responded_by;
};

}  // namespace duban
