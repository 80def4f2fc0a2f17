#include "io/xlsx_reader.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/csv.h"
#include "io/zip_fixture.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace duban::io {
namespace {

using testing::MakeZip;

constexpr char kMainNs[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelNs[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr char kPackageRelNs[] = "http://schemas.openxmlformats.org/package/2006/relationships";

// A hand-made single-sheet workbook: `sheet_data` is the content of <sheetData>.
struct MiniWorkbook {
  std::string sheet_data;
  std::string shared_strings;  // content of <sst>, omitted when empty
  std::string styles;          // content of <styleSheet>, omitted when empty
  std::string workbook_pr;     // e.g. <workbookPr date1904="1"/>
  std::string sheet_xml;       // replaces the whole sheet part when set

  std::string Bytes() const {
    const std::string xml = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
    std::string rels = xml + "<Relationships xmlns=\"" + kPackageRelNs + "\">" +
                       R"(<Relationship Id="rId1" Type=")" + kRelNs +
                       R"(/worksheet" Target="worksheets/sheet1.xml"/>)";
    std::vector<std::pair<std::string, std::string>> entries = {
        {"[Content_Types].xml", xml + "<Types/>"},
        {"_rels/.rels", xml + "<Relationships xmlns=\"" + kPackageRelNs + "\">" +
                            R"(<Relationship Id="rId1" Type=")" + kRelNs +
                            R"(/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
        {"xl/workbook.xml", xml + "<workbook xmlns=\"" + kMainNs + "\" xmlns:r=\"" + kRelNs +
                                "\">" + workbook_pr +
                                R"(<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets>)"
                                "</workbook>"},
        {"xl/worksheets/sheet1.xml", sheet_xml.empty() ? xml + "<worksheet xmlns=\"" + kMainNs +
                                                             "\"><sheetData>" + sheet_data +
                                                             "</sheetData></worksheet>"
                                                       : sheet_xml},
    };
    if (!shared_strings.empty()) {
      rels += R"(<Relationship Id="rId2" Type=")" + std::string(kRelNs) +
              R"(/sharedStrings" Target="sharedStrings.xml"/>)";
      entries.push_back({"xl/sharedStrings.xml",
                         xml + "<sst xmlns=\"" + kMainNs + "\">" + shared_strings + "</sst>"});
    }
    if (!styles.empty()) {
      rels += R"(<Relationship Id="rId3" Type=")" + std::string(kRelNs) +
              R"(/styles" Target="/xl/styles.xml"/>)";
      entries.push_back({"xl/styles.xml", xml + "<styleSheet xmlns=\"" + kMainNs + "\">" + styles +
                                              "</styleSheet>"});
    }
    entries.push_back({"xl/_rels/workbook.xml.rels", rels + "</Relationships>"});
    return MakeZip(entries);
  }
};

std::string InlineCell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

TEST(XlsxReaderTest, InlineStringsAndSparseCellsLandInTheirColumns) {
  MiniWorkbook book;
  book.sheet_data = "<row r=\"1\">" + InlineCell("A1", "a") + InlineCell("C1", "c") +
                    InlineCell("AA1", "aa") + "</row>" + "<row r=\"3\"><c r=\"B3\"><v>5</v></c>" +
                    InlineCell("AA3", "x") +
                    // No r attribute: the cell follows the previous one.
                    "<c t=\"inlineStr\"><is><t>ab</t></is></c></row>";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::vector<std::string> header(27);
  header[0] = "a";
  header[2] = "c";
  header[26] = "aa";
  EXPECT_EQ(table->header, header);
  std::vector<std::string> row(28);
  row[1] = "5";
  row[26] = "x";
  row[27] = "ab";
  EXPECT_EQ(table->rows, std::vector<std::vector<std::string>>{row});
  EXPECT_EQ(table->row_numbers, std::vector<int>{3});
  EXPECT_EQ(table->header_row_number, 1);
}

TEST(XlsxReaderTest, SharedStringsRichTextAndEscapes) {
  MiniWorkbook book;
  book.shared_strings =
      "<si><t>事项</t></si>"
      "<si><r><rPr><b/></rPr><t>整改</t></r><r><t xml:space=\"preserve\"> </t></r>"
      "<r><t>措施</t></r></si>"
      "<si><t>タナカ</t><rPh sb=\"0\" eb=\"3\"><t>ふりがな</t></rPh></si>"
      "<si><t>a_x0009_b _x005F_x0041_</t></si>"
      "<si><t xml:space=\"preserve\">  两端空格  </t></si>";
  book.sheet_data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c></row>";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, std::vector<std::string>{"事项"});
  EXPECT_EQ(table->rows, (std::vector<std::vector<std::string>>{
                             {"整改 措施"}, {"タナカ"}, {"a\tb _x0041_"}, {"两端空格"}}));
}

// cellXfs used by the value cases, by index.
constexpr char kStyles[] =
    "<numFmts count=\"6\">"
    "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"177\" formatCode=\"[h]:mm:ss\"/>"
    "<numFmt numFmtId=\"178\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
    "<numFmt numFmtId=\"179\" formatCode=\"hh:mm:ss\"/>"
    "<numFmt numFmtId=\"180\" formatCode=\"[$-804]yyyy/m/d;@\"/>"
    "<numFmt numFmtId=\"181\" formatCode=\"#,##0&quot;元/月&quot;\"/>"
    "<numFmt numFmtId=\"182\" formatCode=\"mmm\\-yy\"/>"
    "</numFmts>"
    "<cellXfs count=\"12\">"
    "<xf numFmtId=\"0\"/>"    // 0 general
    "<xf numFmtId=\"14\"/>"   // 1 m/d/yyyy
    "<xf numFmtId=\"176\"/>"  // 2 Chinese date
    "<xf numFmtId=\"31\"/>"   // 3 built-in East Asian date
    "<xf numFmtId=\"20\"/>"   // 4 h:mm
    "<xf numFmtId=\"177\"/>"  // 5 elapsed time: a duration, stays a number
    "<xf numFmtId=\"178\"/>"  // 6 two decimals
    "<xf numFmtId=\"22\"/>"   // 7 date and time
    "<xf numFmtId=\"179\"/>"  // 8 custom time
    "<xf numFmtId=\"180\"/>"  // 9 locale-tagged date
    "<xf numFmtId=\"181\"/>"  // 10 number with quoted text holding 月
    "<xf numFmtId=\"182\"/>"  // 11 month and year
    "</cellXfs>";

TEST(XlsxReaderTest, ValuesAsExcelShowsThem) {
  struct Case {
    std::string cell;  // the <c> of A2
    std::string expected;
  };
  const Case cases[] = {
      {"<c r=\"A2\"><v>411.81999999999999</v></c>", "411.82"},
      {"<c r=\"A2\"><v>411.82</v></c>", "411.82"},
      {"<c r=\"A2\" t=\"n\"><v>42</v></c>", "42"},
      {"<c r=\"A2\"><v>42.0</v></c>", "42"},
      {"<c r=\"A2\"><v>0.30000000000000004</v></c>", "0.3"},
      {"<c r=\"A2\"><v>-1.5E-3</v></c>", "-0.0015"},
      {"<c r=\"A2\"><v>1E+25</v></c>", "1E+25"},
      {"<c r=\"A2\"><v>1.23E-12</v></c>", "1.23E-12"},
      {"<c r=\"A2\"><v>123456789012345678</v></c>", "123456789012346000"},
      {"<c r=\"A2\"><v>20260315</v></c>", "20260315"},
      {"<c r=\"A2\" s=\"1\"><v>46096</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"1\"><v>46096.75</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"2\"><v>46096</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"3\"><v>46096</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"7\"><v>46096.5</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"9\"><v>46096</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"11\"><v>46096</v></c>", "2026-03-15"},
      {"<c r=\"A2\" s=\"1\"><v>1</v></c>", "1900-01-01"},
      {"<c r=\"A2\" s=\"1\"><v>59</v></c>", "1900-02-28"},
      {"<c r=\"A2\" s=\"1\"><v>60</v></c>", "1900-02-29"},
      {"<c r=\"A2\" s=\"1\"><v>61</v></c>", "1900-03-01"},
      {"<c r=\"A2\" s=\"1\"><v>2958465</v></c>", "9999-12-31"},
      {"<c r=\"A2\" s=\"1\"><v>-1</v></c>", "-1"},
      {"<c r=\"A2\" s=\"1\"><v>3000000</v></c>", "3000000"},
      {"<c r=\"A2\" s=\"4\"><v>0.5</v></c>", "12:00"},
      {"<c r=\"A2\" s=\"8\"><v>0.52084490740740737</v></c>", "12:30:01"},
      {"<c r=\"A2\" s=\"5\"><v>1.5</v></c>", "1.5"},
      {"<c r=\"A2\" s=\"6\"><v>3.5</v></c>", "3.5"},
      {"<c r=\"A2\" s=\"10\"><v>3000</v></c>", "3000"},
      {"<c r=\"A2\" s=\"99\"><v>5</v></c>", "5"},
      {"<c r=\"A2\" t=\"b\"><v>1</v></c>", "TRUE"},
      {"<c r=\"A2\" t=\"b\"><v>0</v></c>", "FALSE"},
      {"<c r=\"A2\" t=\"e\"><v>#N/A</v></c>", "#N/A"},
      {"<c r=\"A2\" t=\"str\"><f>A1&amp;\"x\"</f><v>hx</v></c>", "hx"},
      {"<c r=\"A2\"><f>1+1</f><v>2</v></c>", "2"},
      {"<c r=\"A2\" t=\"d\"><v>2026-03-15T00:00:00</v></c>", "2026-03-15"},
      {"<c r=\"A2\" t=\"inlineStr\"><is><r><t>整改</t></r><r><t>措施</t></r></is></c>", "整改措施"},
      {"<c r=\"A2\" t=\"inlineStr\"><is><t>\xE3\x80\x80 =1+1 </t></is></c>", "=1+1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    MiniWorkbook book;
    book.styles = kStyles;
    book.sheet_data = "<row r=\"1\">" + InlineCell("A1", "h") + "</row><row r=\"2\">" + c.cell +
                      InlineCell("B2", "end") + "</row>";
    Result<ReadTable> table = ReadXlsx(book.Bytes());
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0][0], c.expected);
  }
}

TEST(XlsxReaderTest, Date1904System) {
  MiniWorkbook book;
  book.styles = kStyles;
  book.workbook_pr = "<workbookPr date1904=\"1\"/>";
  book.sheet_data = "<row r=\"1\">" + InlineCell("A1", "日期") +
                    "</row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>44634</v></c></row>";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, std::vector<std::vector<std::string>>{{"2026-03-15"}});
}

TEST(XlsxReaderTest, NamespacePrefixesAsTheOpenXmlSdkWritesThem) {
  MiniWorkbook book;
  book.sheet_xml = std::string("<x:worksheet xmlns:x=\"") + kMainNs +
                   "\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>名称"
                   "</x:t></x:is></x:c></x:row><x:row r=\"2\"><x:c r=\"B2\"><x:v>7</x:v></x:c>"
                   "</x:row></x:sheetData></x:worksheet>";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (std::vector<std::string>{"", "名称"}));
  EXPECT_EQ(table->rows, (std::vector<std::vector<std::string>>{{"", "7"}}));
}

TEST(XlsxReaderTest, RowsWithoutNumbersFollowTheirPredecessor) {
  MiniWorkbook book;
  book.sheet_data = "<row>" + InlineCell("A1", "h") + "</row><row r=\"5\">" +
                    InlineCell("A5", "x") +
                    "</row><row><c t=\"inlineStr\"><is><t>y</t></is></c></row>";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->row_numbers, (std::vector<int>{5, 6}));
}

// Body rows 2.. with a number in `column`.
std::string ManyRows(size_t rows, const std::string& column) {
  std::string data;
  for (size_t r = 2; r < rows + 2; ++r) {
    const std::string n = std::to_string(r);
    data += "<row r=\"" + n + "\"><c r=\"" + column + n + "\"><v>1</v></c></row>";
  }
  return data;
}

TEST(XlsxReaderTest, RejectsMalformedAndOversizedInput) {
  struct Case {
    std::string name;
    std::string bytes;
    ErrorCode code;
    std::string message_part;
  };
  auto with_sheet_data = [](const std::string& data) {
    MiniWorkbook book;
    book.sheet_data = "<row r=\"1\">" + InlineCell("A1", "h") + "</row>" + data;
    return book.Bytes();
  };
  auto with_sheet_xml = [](const std::string& xml) {
    MiniWorkbook book;
    book.sheet_xml = xml;
    return book.Bytes();
  };
  MiniWorkbook valid;
  valid.sheet_data = "<row r=\"1\">" + InlineCell("A1", "事项") + "</row>";
  const std::string good = valid.Bytes();
  std::string flipped = good;
  for (size_t i = flipped.size() / 4; i < flipped.size() / 2; ++i) flipped[i] ^= 0x5A;

  const Case cases[] = {
      {"empty", "", ErrorCode::kInvalidArgument, "为空"},
      {"not a zip", "事项,单位\n", ErrorCode::kInvalidArgument, "zip"},
      {"truncated zip", good.substr(0, good.size() / 2), ErrorCode::kInvalidArgument, "zip"},
      {"corrupted zip", flipped, ErrorCode::kInvalidArgument, ""},
      {"legacy xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'),
       ErrorCode::kInvalidArgument, ".xls"},
      {"zip without workbook", MakeZip({{"a.txt", "x"}}), ErrorCode::kInvalidArgument,
       "xl/workbook.xml"},
      {"broken xml", with_sheet_xml("<worksheet><sheetData><row>"), ErrorCode::kInvalidArgument,
       "sheet1.xml"},
      {"chart sheet", with_sheet_xml("<chartsheet/>"), ErrorCode::kInvalidArgument,
       "不是普通工作表"},
      {"bad cell reference", with_sheet_data("<row r=\"2\"><c r=\"A0\"><v>1</v></c></row>"),
       ErrorCode::kInvalidArgument, "A0"},
      {"column past XFD", with_sheet_data("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"),
       ErrorCode::kInvalidArgument, "XFE2"},
      {"cell after XFD",
       with_sheet_data("<row r=\"2\"><c r=\"XFD2\"><v>1</v></c><c><v>1</v></c></row>"),
       ErrorCode::kInvalidArgument, "XFD"},
      {"bad row number", with_sheet_data("<row r=\"zero\"/>"), ErrorCode::kInvalidArgument, "zero"},
      {"row past the last", with_sheet_data("<row r=\"1048577\"/>"), ErrorCode::kInvalidArgument,
       "1048576"},
      {"shared string out of range",
       with_sheet_data("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>3</v></c></row>"),
       ErrorCode::kInvalidArgument, "B2"},
      {"bad number", with_sheet_data("<row r=\"2\"><c r=\"C2\"><v>12abc</v></c></row>"),
       ErrorCode::kInvalidArgument, "C2"},
      {"nan", with_sheet_data("<row r=\"2\"><c r=\"C2\"><v>nan</v></c></row>"),
       ErrorCode::kInvalidArgument, "nan"},
      {"overflow", with_sheet_data("<row r=\"2\"><c r=\"C2\"><v>1e999</v></c></row>"),
       ErrorCode::kInvalidArgument, "1e999"},
      {"bad boolean", with_sheet_data("<row r=\"2\"><c r=\"A2\" t=\"b\"><v>2</v></c></row>"),
       ErrorCode::kInvalidArgument, "A2"},
      {"unknown type", with_sheet_data("<row r=\"2\"><c r=\"A2\" t=\"zz\"><v>2</v></c></row>"),
       ErrorCode::kInvalidArgument, "zz"},
      {"invalid utf-8", with_sheet_data("<row>" + InlineCell("A2", "\xC0\xAF") + "</row>"),
       ErrorCode::kInvalidArgument, "UTF-8"},
      {"entry over 50 MB",
       with_sheet_xml("<worksheet>" + std::string(kMaxXlsxEntryBytes, ' ') + "</worksheet>"),
       ErrorCode::kResourceExhausted, "50 MB"},
      {"too many rows", with_sheet_data(ManyRows(kMaxReadRows + 1, "A")),
       ErrorCode::kResourceExhausted, "100000"},
      {"too many cells", with_sheet_data(ManyRows(400, "XFD")), ErrorCode::kResourceExhausted,
       "单元格"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ReadTable> table = ReadXlsx(c.bytes);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), c.code) << table.status().ToString();
    EXPECT_NE(table.status().message().find(c.message_part), std::string::npos)
        << table.status().message();
  }
}

TEST(XlsxReaderTest, SheetIndexOutOfRange) {
  MiniWorkbook book;
  book.sheet_data = "<row r=\"1\">" + InlineCell("A1", "h") + "</row>";
  for (int index : {-1, 1}) {
    Result<ReadTable> table = ReadXlsx(book.Bytes(), index);
    EXPECT_EQ(table.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(table.status().message().find("只有 1 个工作表"), std::string::npos);
  }
}

TEST(XlsxReaderTest, EmptySheetGivesAnEmptyTable) {
  MiniWorkbook book;
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_TRUE(table->header.empty());
  EXPECT_TRUE(table->rows.empty());
}

// Peak resident memory of a child process that runs `fn`, in MiB; -1 if it failed.
template <typename Fn>
long PeakMemoryMibOfChild(Fn fn) {
  const pid_t pid = fork();
  if (pid == 0) _exit(fn() ? 0 : 1);
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return -1;
  }
  return usage.ru_maxrss / 1024;  // KiB on Linux
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;  // shadow memory and quarantine inflate the figure
#else
constexpr bool kSanitized = false;
#endif

// Regression: a 51 KB zip whose sheet (or shared strings, or styles) inflates to ~50 MB of tiny
// elements made the DOM parser allocate ~900 MB. The big parts are streamed now: the read
// succeeds, and memory stays near the compressed input plus the table.
TEST(XlsxReaderTest, ZipBombsOfTinyElementsAreReadInBoundedMemory) {
  const size_t filler = kMaxXlsxEntryBytes - 1024;
  auto repeat = [](std::string_view unit, size_t bytes) {
    std::string out;
    out.reserve(bytes);
    while (out.size() + unit.size() <= bytes) out.append(unit);
    return out;
  };
  const std::string header_row = "<row r=\"1\">" + InlineCell("A1", "h") + "</row>";
  std::vector<std::pair<const char*, std::string>> bombs;
  {  // The 50 MB parts are freed before the children fork, so they do not count in their RSS.
    MiniWorkbook sheet;
    sheet.sheet_data = header_row + repeat("<x/>", filler - 200);
    bombs.emplace_back("sheet of empty elements", sheet.Bytes());
  }
  {
    MiniWorkbook strings;
    strings.sheet_data = header_row;
    strings.shared_strings = repeat("<si/>", filler);
    bombs.emplace_back("shared strings of empty <si/>", strings.Bytes());
  }
  {
    MiniWorkbook styles;
    styles.sheet_data = header_row;
    styles.styles = "<cellXfs>" + repeat("<xf/>", filler) + "</cellXfs>";
    bombs.emplace_back("styles of empty <xf/>", styles.Bytes());
  }
  for (const auto& [name, bytes] : bombs) {
    SCOPED_TRACE(name);
    EXPECT_LT(bytes.size(), 200u * 1024) << "the bomb is small when compressed";
    const long mib = PeakMemoryMibOfChild([&bytes = bytes] {
      Result<ReadTable> table = ReadXlsx(bytes);
      return table.ok() && table->header == std::vector<std::string>{"h"};
    });
    ASSERT_GE(mib, 0) << "the read failed or crashed";
    if (!kSanitized) {
      EXPECT_LT(mib, 250) << "peak memory in MiB";
    }
  }
}

// A DOCTYPE could declare entities that expand without bound (billion laughs); none is allowed.
TEST(XlsxReaderTest, DoctypeIsRefused) {
  MiniWorkbook book;
  book.sheet_xml = R"(<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>)"
                   R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t>)"
                   R"(</is></c></row></sheetData></worksheet>)";
  Result<ReadTable> table = ReadXlsx(book.Bytes());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("DOCTYPE"), std::string::npos)
      << table.status().message();
}

std::optional<std::filesystem::path> FindInPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string_view rest = path;
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::filesystem::path candidate = std::filesystem::path(rest.substr(0, colon)) / program;
    if (std::filesystem::exists(candidate)) return candidate;
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
  }
  return std::nullopt;
}

TEST(XlsxReaderTest, ReadsAWorkbookWrittenByLibreOffice) {
  const std::optional<std::filesystem::path> soffice = FindInPath("soffice");
  if (!soffice) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
  duban::testing::TempDir dir;
  const Table table{{"事项", "金额", "日期", "备注", "数量"},
                    {{"整改措施落实", "411.82", "2026-03-15", "", "3"},
                     {"督办", "-0.5", "", "含,逗号\n两行", "1234567"}}};
  const std::filesystem::path csv = dir.path() / "台账.csv";
  std::ofstream(csv, std::ios::binary) << WriteCsv(table);
  // A profile of its own, so the test neither touches nor waits for the user's LibreOffice;
  // the CSV filter options say: comma, double quote, UTF-8 (76), from line 1.
  const duban::testing::CommandResult result = duban::testing::RunCommand(
      {soffice->string(), "-env:UserInstallation=file://" + (dir.path() / "profile").string(),
       "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir",
       dir.path().string(), csv.string()},
      {"HOME=" + dir.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::ifstream in(dir.path() / "台账.xlsx", std::ios::binary);
  ASSERT_TRUE(in) << result.output;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  Result<ReadTable> read = ReadXlsx(bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->header, table.header);
  EXPECT_EQ(read->rows, table.rows);
  EXPECT_EQ(read->row_numbers, (std::vector<int>{2, 3}));
}

}  // namespace
}  // namespace duban::io
