// The register of issued bulletins 通报 (core/bulletin.h).
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/bulletin.h"
#include "core/org.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"

namespace duban {

class BulletinRepository {
 public:
  virtual ~BulletinRepository() = default;
  // Sets id and number (the next for its scope unit and year), then calls `numbered`, which
  // fills what depends on them (doc_number, content), then writes the row. kAlreadyExists
  // naming the issued one when (scope unit, period, item kind, scheme) already has a bulletin.
  virtual Status Insert(BulletinRecord& bulletin,
                        const std::function<void(BulletinRecord&)>& numbered) = 0;
  virtual Result<BulletinRecord> Get(const Scope& scope, int64_t id) = 0;
  virtual Result<std::optional<BulletinRecord>> Find(UnitId scope_unit_id,
                                                     const std::string& period,
                                                     const std::string& item_kind,
                                                     const std::string& scheme_key) = 0;
  struct Query {
    std::optional<UnitId> scope_unit_id;
    std::string period_kind;
    PageRequest page;
  };
  // Newest first, without content.
  virtual Result<Page<BulletinRecord>> List(const Scope& scope, const Query& query) = 0;
};

}  // namespace duban
