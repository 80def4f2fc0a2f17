#include "io/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace duban::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTest, Reads) {
  struct Case {
    std::string name;
    std::string input;
    std::vector<std::string> header;
    Rows rows;
    std::vector<int> row_numbers;
  };
  const Case cases[] = {
      {"lf", "事项,单位\n整改,县委办\n", {"事项", "单位"}, {{"整改", "县委办"}}, {2}},
      {"crlf without final newline",
       "a,b\r\n1,2\r\n3,4",
       {"a", "b"},
       {{"1", "2"}, {"3", "4"}},
       {2, 3}},
      {"lone cr", "a,b\r1,2\r", {"a", "b"}, {{"1", "2"}}, {2}},
      {"utf-8 bom",
       "\xEF\xBB\xBF"
       "a,b\n1,2\n",
       {"a", "b"},
       {{"1", "2"}},
       {2}},
      {"quotes, doubled quotes, commas",
       "a,b\n\"他说\"\"好\"\"\",\"1,2\"\n",
       {"a", "b"},
       {{"他说\"好\"", "1,2"}},
       {2}},
      {"embedded newline is one row as in Excel",
       "a,b\n\"第一行\r\n第二行\",x\ny,z\n",
       {"a", "b"},
       {{"第一行\r\n第二行", "x"}, {"y", "z"}},
       {2, 3}},
      {"empty lines skipped but counted",
       "\n\na,b\n\n1,2\n,,\n3,4\n",
       {"a", "b"},
       {{"1", "2"}, {"3", "4"}},
       {5, 7}},
      {"trims ascii and ideographic space",
       "  a \t,\xE3\x80\x80"
       "b\xE3\x80\x80\n\" 1 \", 2\n",
       {"a", "b"},
       {{"1", "2"}},
       {2}},
      {"short rows padded, extra cells kept",
       "a,b,c\n1\n1,2,3,4\n1,2,3,,\n",
       {"a", "b", "c"},
       {{"1", "", ""}, {"1", "2", "3", "4"}, {"1", "2", "3"}},
       {2, 3, 4}},
      {"trailing empty header cells dropped", "a,b,,\n1,2,,\n", {"a", "b"}, {{"1", "2"}}, {2}},
      {"empty middle cells", "a,b,c\n1,,3\n", {"a", "b", "c"}, {{"1", "", "3"}}, {2}},
      {"text after a closing quote kept as Excel does", "a\n\"ab\"cd\n", {"a"}, {{"abcd"}}, {2}},
      {"gb18030 (what WPS and Excel on Chinese Windows save)",
       "\xD5\xFB\xB8\xC4\xB4\xEB\xCA\xA9,\xB6\xBD\xB0\xEC\r\n\x95\x32\x82\x36,\x81\x39\xEE\x39\r\n"
       "\xA2\xE3,\"\xD5\xFB,\"\"\xB8\xC4\"\r\n",
       {"整改措施", "督办"},
       {{"𠀀", "㐀"}, {"€", "整,\"改"}},
       {2, 3}},
      {"injection guard removed",
       "a,b,c\n'=1+1,'@SUM(A1),'abc\n",
       {"a", "b", "c"},
       {{"=1+1", "@SUM(A1)", "'abc"}},
       {2}},
      // Regression (fuzz csv): the guard came off after trimming and left the white space
      // behind it, so a cell was not trimmed.
      {"injection guard before white space", "a,b\n'\t\tx,'\t\n", {"a", "b"}, {{"x", "'"}}, {2}},
      // Regression (fuzz csv): the guard came off after trimming and left the white space
      // behind it, so a cell was not trimmed.
      {"injection guard before white space", "a,b\n'\t\tx,'\t\n", {"a", "b"}, {{"x", "'"}}, {2}},
      {"a doubled guard keeps one apostrophe",
       "a,b\n''=1,'''-x\n",
       {"a", "b"},
       {{"'=1", "''-x"}},
       {2}},
      {"empty input", "", {}, {}, {}},
      {"only blank lines", "\r\n ,\xE3\x80\x80\r\n", {}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ReadTable> table = ReadCsv(c.input);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EXPECT_EQ(table->header, c.header);
    EXPECT_EQ(table->rows, c.rows);
    EXPECT_EQ(table->row_numbers, c.row_numbers);
  }
}

TEST(CsvTest, HeaderRowNumberCountsSkippedLines) {
  Result<ReadTable> table = ReadCsv("\n,\na\n1\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header_row_number, 3);
}

TEST(CsvTest, RejectsMalformedInput) {
  struct Case {
    std::string name;
    std::string input;
    std::string message_part;
  };
  const Case cases[] = {
      {"unterminated quote", "a,b\n1,2\n3,\"abc\n4,5\n", "第 3 行: 引号未闭合"},
      {"unterminated quote after multi-line field", "a\n\"x\ny\"\n\"open", "第 3 行: 引号未闭合"},
      {"neither utf-8 nor gb18030", "a,b\n1,\xFF\xFE\xFD\n", "第 2 行"},
      {"gb18030 character cut off", "a\n\xD5\xFB\n\xD5", "第 3 行"},
      {"utf-16",
       "\xFF\xFE"
       "a\0,\0b\0",
       "UTF-16"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ReadTable> table = ReadCsv(c.input);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(table.status().message().find(c.message_part), std::string::npos)
        << table.status().message();
  }
}

TEST(CsvTest, RefusesTooManyRows) {
  std::string csv = "a\n";
  for (size_t i = 0; i < kMaxReadRows; ++i) csv += "1\n";
  Result<ReadTable> at_limit = ReadCsv(csv);
  ASSERT_TRUE(at_limit.ok());
  EXPECT_EQ(at_limit->rows.size(), kMaxReadRows);
  EXPECT_EQ(at_limit->row_numbers.back(), static_cast<int>(kMaxReadRows) + 1);

  csv += "1\n";
  EXPECT_EQ(ReadCsv(csv).status().code(), ErrorCode::kResourceExhausted);
}

TEST(CsvTest, RefusesTooManyCellsFromPadding) {
  // 100,000 columns of header would pad each of 100 short rows to 100,000 cells.
  std::string csv(100'000, ',');
  csv = "a" + csv + "z\n";
  for (int i = 0; i < 100; ++i) csv += "1\n";
  EXPECT_EQ(ReadCsv(csv).status().code(), ErrorCode::kResourceExhausted);
}

TEST(CsvTest, Writes) {
  struct Case {
    std::string name;
    Table table;
    std::string expected;
  };
  const std::string bom = "\xEF\xBB\xBF";
  const Case cases[] = {
      {"plain", {{"事项", "单位"}, {{"整改", "县委办"}}}, bom + "事项,单位\r\n整改,县委办\r\n"},
      {"quoting",
       {{"a"}, {{"1,2"}, {"say \"hi\""}, {"two\nlines"}, {"cr\r"}}},
       bom + "a\r\n\"1,2\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\r\"\r\n"},
      {"formula injection guarded",
       {{"a"}, {{"=1+1"}, {"+cmd"}, {"-2+3"}, {"@SUM(A1)"}, {"\tx"}, {"=HYPERLINK(\"x\",\"y\")"}}},
       bom + "a\r\n'=1+1\r\n'+cmd\r\n'-2+3\r\n'@SUM(A1)\r\n'\tx\r\n\"'=HYPERLINK(\"\"x\"\","
             "\"\"y\"\")\"\r\n"},
      {"plain numbers not guarded",
       {{"n"}, {{"-12"}, {"-411.82"}, {"+5"}}},
       bom + "n\r\n-12\r\n-411.82\r\n+5\r\n"},
      {"rows as given",
       {{"a", "b"}, {{"1"}, {"1", "2", "3"}, {}}},
       bom + "a,b\r\n1\r\n1,2,3\r\n\r\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(WriteCsv(c.table), c.expected);
  }
}

TEST(CsvTest, WriteThenReadGivesBackTheCells) {
  const Table table{{"编号", "整改措施", "金额"},
                    {{"DB-2026-000042", "=1+1", "411.82"},
                     {"007", "第一行\n第二行, \"引号\"", "-5"},
                     {"x", "@cmd", "-1+2"},
                     {"y", "'已有撇号", ""},
                     // Regression (fuzz csv): cells that look guarded already.
                     {"'=1", "''+x", "'\t'-y"},
                     {"z", "", "+86 138"}}};
  Result<ReadTable> read = ReadCsv(WriteCsv(table));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->header, table.header);
  EXPECT_EQ(read->rows, table.rows);
  EXPECT_EQ(read->row_numbers, (std::vector<int>{2, 3, 4, 5, 6, 7}));
}

}  // namespace
}  // namespace duban::io
