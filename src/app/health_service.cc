#include "app/health_service.h"

namespace duban {

Status HealthService::Check() const {
  // Counting accounts touches a real table: a store that opens but cannot read fails here.
  return store_.Read([](Tx& tx) { return tx.accounts().Count().status(); });
}

}  // namespace duban
