#include "io/xlsx_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/xlsx_reader.h"
#include "io/zip_fixture.h"

namespace duban::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using testing::ReadZipEntry;

std::string Sheet1Xml(const std::string& xlsx) {
  return ReadZipEntry(xlsx, "xl/worksheets/sheet1.xml").value_or("");
}

TEST(XlsxWriterTest, RoundTripKeepsChineseTextNumbersAndEmptyCells) {
  const Table table{{"编号", "整改措施", "金额", "责任单位", "备注"},
                    {{"007", "完善制度，\n加强督查", "411.82", "县委办", ""},
                     {"DB-2026-000042", "", "-3", "", "=1+1"},
                     {"010", "落实 \"三个一\" 要求", "0.5", "县政府办", "@cmd"},
                     {"011", "制度", "", "县纪委", "a\tb"}}};
  Result<std::string> xlsx = WriteXlsx({{"整改台账", table}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();

  Result<ReadTable> read = ReadXlsx(*xlsx);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->header, table.header);
  EXPECT_EQ(read->rows, table.rows);
  EXPECT_EQ(read->row_numbers, (std::vector<int>{2, 3, 4, 5}));

  // 金额 is numeric (so Excel can sum it); 编号 stays text and keeps its leading zeros; text
  // that looks like a formula is written as text, never as a formula.
  const std::string sheet = Sheet1Xml(*xlsx);
  EXPECT_NE(sheet.find("<c r=\"C2\"><v>411.82</v></c>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<c r=\"C3\"><v>-3</v></c>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A2\" t=\"s\">"), std::string::npos);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
}

TEST(XlsxWriterTest, HeaderIsBoldFilledAndFrozen) {
  Result<std::string> xlsx = WriteXlsx({{"表", Table{{"事项", "单位"}, {{"a", "b"}}}}});
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = Sheet1Xml(*xlsx);
  EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                       "state=\"frozen\"/>"),
            std::string::npos)
      << sheet;
  const std::string styles = ReadZipEntry(*xlsx, "xl/styles.xml").value_or("");
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(styles.find("FFDDEBF7"), std::string::npos) << styles;
}

TEST(XlsxWriterTest, ColumnWidthsFromContentWithCjkCountedDouble) {
  XlsxStyle style;
  style.min_column_width = 0;
  style.column_widths["备注"] = 40;
  const Table table{{"整改措施", "abcd", "x", "备注", "long"},
                    {{"", "", "第一行\n更长的第二行内容", "", std::string(200, 'a')}}};
  Result<std::string> xlsx = WriteXlsx({{"Sheet1", table}}, style);
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = Sheet1Xml(*xlsx);
  // libxlsxwriter stores width w as (int(w * 7 + 0.5) + 5) / 7: 10 → 10.71…, 6 → 6.71….
  struct Case {
    std::string column;
    std::string width_prefix;
  };
  const Case cases[] = {
      {"1", "10.71"},  // 4 CJK characters = 8, plus 2
      {"2", "6.71"},   // 4 ASCII characters = 4, plus 2
      {"3", "18.71"},  // the longer line: 8 CJK characters
      {"4", "40.71"},  // override by header
      {"5", "50.71"},  // clamped to max_column_width
  };
  for (const Case& c : cases) {
    EXPECT_NE(sheet.find("<col min=\"" + c.column + "\" max=\"" + c.column + "\" width=\"" +
                         c.width_prefix),
              std::string::npos)
        << c.column << "\n"
        << sheet.substr(0, sheet.find("<sheetData"));
  }
}

TEST(XlsxWriterTest, NumericOnlyWhenEveryCellReadsBackTheSame) {
  struct Case {
    std::vector<std::string> column;
    bool numeric;
  };
  const Case cases[] = {
      {{"1", "411.82", "-3", "0.5", ""}, true},
      {{"12345678901"}, true},
      {{"123456789012"}, false},  // Excel would show 1.23457E+11
      {{"007"}, false},
      {{"1.50"}, false},
      {{"1."}, false},
      {{".5"}, false},
      {{"-0"}, false},
      {{"1e5"}, false},
      {{"+1"}, false},
      {{"1", "a"}, false},
      {{"", ""}, false},
  };
  for (const Case& c : cases) {
    Table table{{"n"}, {}};
    for (const std::string& cell : c.column) table.rows.push_back({cell});
    Result<std::string> xlsx = WriteXlsx({{"s", table}});
    ASSERT_TRUE(xlsx.ok());
    const std::string sheet = Sheet1Xml(*xlsx);
    const bool has_shared_string_cell = sheet.find("<c r=\"A2\" t=\"s\">") != std::string::npos;
    const bool has_number_cell = sheet.find("<c r=\"A2\"><v>") != std::string::npos;
    EXPECT_EQ(has_number_cell, c.numeric && !c.column[0].empty()) << c.column[0];
    EXPECT_EQ(has_shared_string_cell, !c.numeric && !c.column[0].empty()) << c.column[0];
    Result<ReadTable> read = ReadXlsx(*xlsx);
    ASSERT_TRUE(read.ok());
    for (size_t r = 0; r < read->rows.size(); ++r) {
      EXPECT_EQ(read->rows[r][0], c.column[read->row_numbers[r] - 2]);
    }
  }
}

TEST(XlsxWriterTest, TenThousandRowsRoundTrip) {
  Table table{{"序号", "事项", "金额", "日期"}, {}};
  for (int i = 0; i < 10'000; ++i) {
    table.rows.push_back({std::to_string(i + 1), "督办事项第" + std::to_string(i) + "项",
                          std::to_string(i) + ".25", i % 7 == 0 ? "" : "2026-03-15"});
  }
  Result<std::string> xlsx = WriteXlsx({{"数据", table}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  Result<ReadTable> read = ReadXlsx(*xlsx);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->header, table.header);
  EXPECT_EQ(read->rows, table.rows);
  ASSERT_EQ(read->row_numbers.size(), 10'000u);
  EXPECT_EQ(read->row_numbers.front(), 2);
  EXPECT_EQ(read->row_numbers.back(), 10'001);
}

TEST(XlsxWriterTest, SeveralSheetsWithSanitisedUniqueNames) {
  const std::vector<std::pair<std::string, Table>> sheets = {
      {"汇总", Table{{"a"}, {{"1"}}}},
      {"Sheet/2[x]", Table{{"b"}, {{"2"}}}},
      {"汇总", Table{{"c"}, {{"3"}}}},
  };
  Result<std::string> xlsx = WriteXlsx(sheets);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  const std::string workbook = ReadZipEntry(*xlsx, "xl/workbook.xml").value_or("");
  EXPECT_NE(workbook.find("name=\"汇总\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"Sheet_2_x_\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"汇总 (2)\""), std::string::npos);
  for (int i = 0; i < 3; ++i) {
    Result<ReadTable> read = ReadXlsx(*xlsx, i);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->header, sheets[i].second.header);
    EXPECT_EQ(read->rows, sheets[i].second.rows);
  }
}

TEST(XlsxWriterTest, SanitizeSheetName) {
  struct Case {
    std::string name;
    std::string expected;
  };
  const Case cases[] = {
      {"整改台账", "整改台账"},
      {"a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"},
      {"'引号'", "引号"},
      {"", "Sheet1"},
      {"''", "Sheet1"},
      {"History", "History_"},
      {"tab\there", "tab_here"},
      {std::string(40, 'x'), std::string(31, 'x')},
      {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
       "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"},
  };
  for (const Case& c : cases) EXPECT_EQ(SanitizeSheetName(c.name), c.expected) << c.name;
}

TEST(XlsxWriterTest, RejectsWhatExcelCannotHold) {
  struct Case {
    std::string name;
    std::vector<std::pair<std::string, Table>> sheets;
    std::string message_part;
  };
  const Case cases[] = {
      {"no sheets", {}, "至少需要一个工作表"},
      {"invalid utf-8 cell", {{"s", Table{{"a"}, {{"\xC0\xAF"}}}}}, "单元格 A2"},
      {"invalid utf-8 header", {{"s", Table{{"a", "\xFF"}, {}}}}, "单元格 B1"},
      {"invalid utf-8 sheet name", {{"\xFF", Table{{"a"}, {}}}}, "工作表名称"},
      {"cell over 32767 characters", {{"s", Table{{"a"}, {{std::string(32'768, 'x')}}}}}, "32767"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::string> xlsx = WriteXlsx(c.sheets);
    ASSERT_FALSE(xlsx.ok());
    EXPECT_EQ(xlsx.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(xlsx.status().message().find(c.message_part), std::string::npos)
        << xlsx.status().message();
  }
}

TEST(XlsxWriterTest, ControlCharactersAndLiteralEscapesSurvive) {
  const Table table{{"a"}, {{"x\x01y"}, {"_x0041_"}}};
  Result<std::string> xlsx = WriteXlsx({{"s", table}});
  ASSERT_TRUE(xlsx.ok());
  Result<ReadTable> read = ReadXlsx(*xlsx);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->rows, table.rows);
}

}  // namespace
}  // namespace duban::io
