// Copying a whole database from one store to another (SQLite <-> PostgreSQL): every table,
// ids, instants and the audit chain exactly as they are. Thread-safe as the stores are.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "storage/store.h"

namespace duban {

struct CopyReport {
  std::map<std::string, int64_t> rows;  // table -> rows copied
  int64_t audit_events_verified = 0;
};

// Copies `from` into `to` in one transaction on each side: all or nothing, from one consistent
// snapshot. kFailedPrecondition when `to` already holds data. Afterwards the audit chain of
// `to` is verified; kInternal if it does not verify or the row counts differ.
// `progress(table, rows_done, rows_total)` may be empty.
Result<CopyReport> CopyStore(
    Store& from, Store& to,
    const std::function<void(const std::string&, int64_t, int64_t)>& progress = {});

}  // namespace duban
