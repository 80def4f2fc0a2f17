#include "core/status.h"

#include <gtest/gtest.h>

#include <set>

namespace duban {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  DUBAN_ASSIGN_OR_RETURN(int h, Half(x));
  DUBAN_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusTest, ResultCarriesValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "x");
}

TEST(StatusTest, ContextIsPrependedAndOkStaysOk) {
  Status s = NotFound("item 7").WithContext("campaign 2");
  EXPECT_EQ(s.message(), "campaign 2: item 7");
  EXPECT_EQ(s.ToString(), "not_found: campaign 2: item 7");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusTest, EveryCodeHasADistinctName) {
  std::set<std::string_view> names;
  for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
    names.insert(ErrorCodeName(static_cast<ErrorCode>(c)));
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(ErrorCode::kInternal) + 1);
}

}  // namespace
}  // namespace duban
