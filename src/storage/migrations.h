// Versioned schema migrations, embedded into the binary from src/storage/migrations/<dialect>/
// (NNNN_name.sql, applied in order, each once). Immutable; thread-safe.
#pragma once

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

}  // namespace duban
