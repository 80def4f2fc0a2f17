// HealthService: whether the database answers, and the store's figures, for the server's
// /healthz and /metrics (so http/ asks app/, never the store). Thread-safe as the store is.
#pragma once

#include "core/status.h"
#include "storage/store.h"

namespace duban {

class HealthService {
 public:
  explicit HealthService(Store& store) : store_(store) {}
  // Ok when a read of the database succeeds; otherwise the store's error (kUnavailable when it
  // cannot be reached), whose message may name hosts and users: not for the public.
  Status Check() const;
  // The schema version the database is at.
  int SchemaVersion() const { return store_.SchemaVersion(); }
  // The store's counters (reads, writes, commits, readers in use, the write queue).
  StoreStats Stats() const { return store_.Stats(); }

 private:
  Store& store_;
};

}  // namespace duban
