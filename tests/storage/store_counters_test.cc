// StoreCounters (storage/sql/store_counters.h): the StoreStats counters both backends keep.
#include "storage/sql/store_counters.h"

#include <gtest/gtest.h>

namespace duban::sql {
namespace {

TEST(StoreCountersTest, CountsReadsWritesCommitsAndErrors) {
  StoreCounters counters;
  counters.AddRead();
  counters.AddRead();
  counters.AddWrite(true);
  counters.AddWrite(false);
  counters.AddWrite(true);
  counters.AddCommit();
  counters.AddWriteErrors(3);  // a batch whose transaction did not begin: not run, so not writes
  StoreStats stats;
  stats.reader_connections = 4;
  stats.write_queue_depth = 2;
  counters.CopyTo(stats);
  EXPECT_EQ(stats.reads, 2);
  EXPECT_EQ(stats.writes, 3);
  EXPECT_EQ(stats.commits, 1);
  EXPECT_EQ(stats.write_errors, 4);
  EXPECT_EQ(stats.reader_connections, 4);  // the backend's own figures stay
  EXPECT_EQ(stats.write_queue_depth, 2);
}

}  // namespace
}  // namespace duban::sql
