// Versioned schema migrations, embedded into the binary from src/storage/migrations/<dialect>/
// (NNNN_name.sql, applied in order, each once). Immutable; thread-safe.
#pragma once

#include <set>
#include <string_view>
#include <vector>

namespace duban {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresMigrations();

// The schema version a database is at, from the versions applied to it: the newest shipped
// version up to which every shipped migration is applied (so one skipped still shows as
// pending), or the newest applied when that is newer than anything shipped.
inline int CompleteVersion(const std::vector<Migration>& shipped, const std::set<int>& applied) {
  if (!applied.empty() && (shipped.empty() || *applied.rbegin() > shipped.back().version)) {
    return *applied.rbegin();
  }
  int version = 0;
  for (const Migration& m : shipped) {
    if (!applied.count(m.version)) break;
    version = m.version;
  }
  return version;
}

}  // namespace duban
