// The counters of StoreStats that every backend keeps the same way: reads, write functions
// run, commits and failed writes. Internal to the backends; safe to bump and read from any
// thread (relaxed atomics: the figures are for monitoring, not for ordering).
#pragma once

#include <atomic>
#include <cstdint>

#include "storage/store.h"

namespace duban::sql {

class StoreCounters {
 public:
  void AddRead() { reads_.fetch_add(1, std::memory_order_relaxed); }
  // One write function run; `ok` when it succeeded.
  void AddWrite(bool ok) {
    writes_.fetch_add(1, std::memory_order_relaxed);
    if (!ok) AddWriteErrors(1);
  }
  // One transaction committed.
  void AddCommit() { commits_.fetch_add(1, std::memory_order_relaxed); }
  // `n` writes that failed before they could run (their transaction did not begin).
  void AddWriteErrors(int64_t n) { write_errors_.fetch_add(n, std::memory_order_relaxed); }

  // Fills the counter fields of `stats`, leaving the others as they are.
  void CopyTo(StoreStats& stats) const {
    stats.reads = reads_.load();
    stats.writes = writes_.load();
    stats.commits = commits_.load();
    stats.write_errors = write_errors_.load();
  }

 private:
  std::atomic<int64_t> reads_{0}, writes_{0}, commits_{0}, write_errors_{0};
};

}  // namespace duban::sql
