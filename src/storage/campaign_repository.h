// Campaigns 专项行动 (core/campaign.h) and their categories.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>

#include "core/campaign.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"

namespace duban {

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  virtual Result<Campaign> Get(const Scope& scope, int64_t id) = 0;
  // Campaigns whose unit is in scope or is an ancestor of the scope's root (a county campaign
  // is visible to its bureaus).
  virtual Result<Page<Campaign>> List(const Scope& scope, PageRequest page) = 0;
  virtual Status Insert(Campaign& campaign) = 0;
  // Writes the fields; categories with id 0 are added, missing ones kept if items use them.
  virtual Status Update(Campaign& campaign) = 0;
};

}  // namespace duban
