// An issued bulletin 通报 (SPEC §7) as kept in the register. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include "core/org.h"
#include "core/time.h"

namespace duban {

// An issued bulletin 通报 (SPEC §7): the figures as they were when it was issued.
struct BulletinRecord {
  int64_t id = 0;
  UnitId scope_unit_id = 0;
  std::string scope_path;
  std::string period;       // the period's spec: "2026-10", "2026-Q3", "2026-W44", ...
  std::string period_kind;  // month | quarter | week | year | custom
  std::string item_kind;    // "" for all kinds
  std::string scheme_key;   // "" for none
  int year = 0;             // of issued_at in Shanghai
  int64_t number = 0;       // per scope unit and year
  std::string doc_number;   // 发文字号, e.g. 督通〔2026〕3号
  std::string title;
  std::string content;  // the bulletin's JSON; empty in List
  std::string origin;   // manual | schedule
  std::string issued_by;
  Instant issued_at{};
  std::string scope_name;  // filled by reads
};

}  // namespace duban
