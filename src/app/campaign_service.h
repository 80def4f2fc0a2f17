// CampaignService: 专项活动 — a campaign's period, phases (学、查、改、建), problem taxonomy and
// the unit it covers. Admins and supervisors manage them; everyone in scope reads them.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_log.h"
#include "app/caller.h"
#include "storage/store.h"

namespace duban {

struct CampaignInput {
  std::optional<std::string> name, description, phases_json;
  std::optional<std::optional<Date>> starts_on, ends_on;
  std::optional<UnitId> unit_id;
  std::optional<std::vector<Category>> categories;  // id 0: new
};

class CampaignService {
 public:
  CampaignService(Store& store, const AuditLog& audit) : store_(store), audit_(audit) {}
  Result<Page<Campaign>> List(const Caller& caller, PageRequest page);
  Result<Campaign> Get(const Caller& caller, int64_t id);
  Result<Campaign> Create(const Caller& caller, const CampaignInput& input);
  Result<Campaign> Update(const Caller& caller, int64_t id, const CampaignInput& input);

 private:
  Status Apply(Tx& tx, const Caller& caller, const CampaignInput& input, Campaign& c);
  Store& store_;
  const AuditLog& audit_;
};

}  // namespace duban
