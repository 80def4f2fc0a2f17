#include "core/scope.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(ScopeTest, SubtreeContainsDescendantsOnly) {
  Scope s = Scope::Subtree("/1/7/");
  EXPECT_TRUE(s.Contains("/1/7/"));
  EXPECT_TRUE(s.Contains("/1/7/9/12/"));
  EXPECT_FALSE(s.Contains("/1/70/"));
  EXPECT_FALSE(s.Contains("/1/"));
  EXPECT_FALSE(s.Contains("/1/8/"));
  // The index range [lower, upper) holds exactly the paths Contains accepts.
  for (const char* p : {"/1/7/", "/1/7/9/", "/1/70/", "/1/8/", "/1/6/", "/1/7", "/1/7/\xFF"}) {
    bool in_range = s.lower() <= p && p < s.upper();
    EXPECT_EQ(in_range, s.Contains(p)) << p;
  }
  EXPECT_TRUE(Scope::Everything().Contains("/5/"));
  EXPECT_TRUE(Scope::Everything().is_everything());
}

}  // namespace
}  // namespace duban
