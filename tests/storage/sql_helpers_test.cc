// The row helpers every SQL repository reads through (storage/sql/sql_helpers.h): the Columns
// reader's conversions, and ReadOne/ReadFirst/ReadAll over rows and errors.
#include "storage/sql/sql_helpers.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace duban::sql {
namespace {

Rows RowsOf(std::vector<std::vector<Value>> cells) {
  Rows rows;
  rows.cells = std::move(cells);
  return rows;
}

TEST(ColumnsTest, ReadsEachFieldByItsType) {
  const Date day = *ParseDate("2026-12-07");
  const Instant at = FromUnixMicros(1'700'000'000'000'000);
  std::vector<Value> cells = {int64_t{42},
                              int64_t{7},
                              int64_t{1},
                              std::string("名称"),
                              Value(),
                              int64_t{9},
                              int64_t{ToUnixMicros(at)},
                              Value(),
                              std::string("2026-12-07"),
                              Value(),
                              std::string("2026-12-07"),
                              std::string("raw")};
  Row row(cells);
  int64_t id = 0;
  int small = 0;
  bool flag = false;
  std::string text;
  std::optional<int64_t> null_int = 5, some_int;
  Instant instant{};
  std::optional<Instant> null_instant = at;
  Date date{};
  std::optional<Date> null_date = day, some_date;
  Columns c(row);
  c.Into(id, small, flag, text, null_int, some_int, instant, null_instant, date, null_date,
         some_date);
  EXPECT_EQ(id, 42);
  EXPECT_EQ(small, 7);
  EXPECT_TRUE(flag);
  EXPECT_EQ(text, "名称");
  EXPECT_EQ(null_int, std::nullopt);
  EXPECT_EQ(some_int, 9);
  EXPECT_EQ(instant, at);
  EXPECT_EQ(null_instant, std::nullopt);
  EXPECT_EQ(date, day);
  EXPECT_EQ(null_date, std::nullopt);
  EXPECT_EQ(some_date, day);
  EXPECT_EQ(c.Text(), "raw");  // the next column, after the eleven read
}

TEST(ColumnsTest, AnUnparsableDateReadsAsTheEmptyDate) {
  std::vector<Value> cells = {std::string("not a date")};
  Date date = *ParseDate("2026-12-07");
  Columns(Row(cells)).Into(date);
  EXPECT_EQ(date, Date{});
}

int64_t First(const Row& r) { return r.Int(0); }

TEST(ReadHelpersTest, OneFirstAndAllOverRowsAndErrors) {
  auto missing = [] { return NotFound("none"); };
  EXPECT_EQ(*ReadOne<int64_t>(RowsOf({{int64_t{3}}, {int64_t{4}}}), First, missing), 3);
  EXPECT_EQ(ReadOne<int64_t>(RowsOf({}), First, missing).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ReadOne<int64_t>(Unavailable("down"), First, missing).status().code(),
            ErrorCode::kUnavailable);

  EXPECT_EQ(*ReadFirst<int64_t>(RowsOf({{int64_t{3}}}), First), std::optional<int64_t>(3));
  EXPECT_EQ(*ReadFirst<int64_t>(RowsOf({}), First), std::nullopt);
  EXPECT_FALSE(ReadFirst<int64_t>(Unavailable("down"), First).ok());

  EXPECT_EQ(*ReadAll<int64_t>(RowsOf({{int64_t{3}}, {int64_t{4}}}), First),
            (std::vector<int64_t>{3, 4}));
  EXPECT_TRUE(ReadAll<int64_t>(RowsOf({}), First)->empty());
  EXPECT_FALSE(ReadAll<int64_t>(Unavailable("down"), First).ok());
}

TEST(ReadHelpersTest, ReadAllStopsAtTheFirstFailedRead) {
  auto odd_only = [](const Row& r) -> Result<int64_t> {
    if (r.Int(0) % 2 == 0) return Internal("even " + std::to_string(r.Int(0)));
    return r.Int(0);
  };
  EXPECT_EQ(*ReadAll<int64_t>(RowsOf({{int64_t{1}}, {int64_t{3}}}), odd_only),
            (std::vector<int64_t>{1, 3}));
  auto failed = ReadAll<int64_t>(RowsOf({{int64_t{1}}, {int64_t{2}}, {int64_t{4}}}), odd_only);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "even 2");
}

}  // namespace
}  // namespace duban::sql
