// Campaigns 专项行动 and their categories (SPEC §3): an item may belong to one campaign and one
// of its categories. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/org.h"
#include "core/time.h"

namespace duban {

struct Category {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
};

struct Campaign {
  int64_t id = 0;
  std::string name;
  std::string description;
  std::optional<Date> starts_on;
  std::optional<Date> ends_on;
  UnitId unit_id = 0;
  std::string unit_path;
  std::string phases_json = "[]";  // [{name, starts_on, ends_on}]
  std::vector<Category> categories;
};

}  // namespace duban
