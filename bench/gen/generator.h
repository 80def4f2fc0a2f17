// The benchmark data generator: a deterministic, seeded, province-like organisation (a unit
// tree five levels deep, people, accounts, campaigns) with items of every kind over five
// years — realistic status, deadline, warning and notice mixes, about six events per item —
// written through the store's bulk path (BulkRepository), so it works on SQLite and
// PostgreSQL alike. The same seed, size and `today` give the same database.
// Not thread-safe: one Generate at a time per store.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "storage/store.h"

namespace duban::bench {

struct GenOptions {
  int64_t items = 10'000;  // S 10,000; M 1,000,000; L 10,000,000
  int64_t units = 0;       // about this many units; 0: items / 100 (SPEC §10's proportion)
  int people_per_unit = 10;
  uint64_t seed = 1;
  Date today{};                  // the last day of the five years; warnings are relative to it
  int64_t chunk_items = 20'000;  // items per write transaction
  // Called after each chunk with the items written so far.
  std::function<void(int64_t items_done)> progress;
};

// Sizes by name: "S", "M", "L" (items); kInvalidArgument for anything else.
Result<int64_t> ItemsForSize(const std::string& size);

// What the benchmarks need to find in the data: accounts (all with the admin's password) and
// units of each level, and open items a handler may report on.
struct GenSummary {
  int64_t units = 0, people = 0, accounts = 0, campaigns = 0, items = 0, events = 0, notices = 0;
  std::map<std::string, int64_t> by_status, by_kind, by_warning;
  double seconds = 0;
  UnitId province_id = 0, city_id = 0, county_id = 0, bureau_id = 0;
  std::string province_user, city_user, county_user, bureau_user;  // supervisor+handler each
  std::vector<ItemId> reportable_items;  // in progress, responsible unit in the bureau
  std::vector<ItemId> sample_items;      // in the bureau's subtree, any status
};

// Fills a database that `duban init` created (the root unit becomes the province; the admin's
// password hash is given to the generated accounts). kFailedPrecondition when the database
// holds more than the root unit and the admin, i.e. was generated into or used already.
Result<GenSummary> Generate(Store& store, const GenOptions& options);

// The summary as JSON text (for bench/run and other benchmarks).
std::string SummaryJson(const GenSummary& summary);

}  // namespace duban::bench
