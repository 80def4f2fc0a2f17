// Notices 督办单 (core/notice.h): issued once per item and condition, answered by their unit.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/notice.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

class NoticeRepository {
 public:
  virtual ~NoticeRepository() = default;
  // Sets id, year (of issued_at in Shanghai, given) and number. kAlreadyExists when the item
  // already has a notice with the same condition_key.
  virtual Status Insert(Notice& notice) = 0;
  // Get and List see a notice while its unit is in scope and its item is still the caller's to
  // see on the side the notice speaks to: the item's own unit is in scope (the supervising side,
  // which keeps the whole record), or the notice is addressed to the item's current responsible
  // unit. A notice of a unit that no longer holds the item is kNotFound to that unit (M1).
  virtual Result<Notice> Get(const Scope& scope, int64_t id) = 0;
  struct Query {
    std::string status;
    std::optional<ItemId> item_id;
    PageRequest page;
    std::string level;                    // reminder | supervise | listed | interview; "" = any
    std::optional<Instant> issued_from;   // issued_at >= this
    std::optional<Instant> issued_until;  // issued_at <= this
  };
  // Newest first, the notices Get would see.
  virtual Result<Page<Notice>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Update(const Notice& notice) = 0;
  virtual Result<std::vector<Notice>> ForItem(ItemId item_id) = 0;
};

}  // namespace duban
