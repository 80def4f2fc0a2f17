#include "io/official_document.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/zip_fixture.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace duban::io {
namespace {

using testing::ReadZipEntry;

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

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// pdftotext's text of `pdf`, or nullopt when pdftotext is not installed.
std::optional<std::string> PdfText(const std::filesystem::path& pdf) {
  const std::optional<std::filesystem::path> pdftotext = FindInPath("pdftotext");
  if (!pdftotext) return std::nullopt;
  const duban::testing::CommandResult result =
      duban::testing::RunCommand({pdftotext->string(), "-layout", pdf.string(), "-"});
  return result.output;
}

// pdftotext may break a long title over lines and pad with spaces; compare without them.
std::string WithoutSpace(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  }
  return out;
}

// A monthly bulletin as the app would build it: 857 problems found, 748 closed (87.28%).
OfficialDocument Bulletin() {
  OfficialDocument doc;
  doc.issuer = "青山县督查督办工作领导小组办公室";
  doc.number = "青督通〔2026〕10号";
  doc.title = "关于2026年10月作风建设问题整改情况的通报";
  doc.recipient = "各乡镇、县直各部门：";
  doc.paragraphs = {
      "为深入推进作风建设，压实整改责任，县督查督办工作领导小组办公室对2026年10月作风建设问题"
      "整改情况进行了督查。现将有关情况通报如下。",
      "截至2026年10月31日，全县共排查作风建设问题857个，已整改销号748个，整改率87.28%；"
      "逾期未整改问题23个，已全部列入督办。",
      "各单位要对照通报问题，逐项建立台账，明确责任人和整改时限，确保11月底前全部整改到位。",
  };
  doc.tables = {
      {"表1  各单位问题整改情况",
       {"单位", "排查问题", "已整改", "逾期", "整改率", "按期率", "满意度", "得分", "排名"},
       {{"城关镇", "212", "198", "2", "93.40%", "91.51%", "96.0%", "95.6", "1"},
        {"青山镇", "186", "165", "4", "88.71%", "86.02%", "94.5%", "90.2", "2"},
        {"县住建局", "154", "131", "6", "85.06%", "80.52%", "92.0%", "86.7", "3"},
        {"县自然资源局", "305", "254", "11", "83.28%", "78.69%", "90.5%", "84.1", "4"},
        {"合计", "857", "748", "23", "87.28%", "", "", "", ""}}}};
  doc.signer = "青山县督查督办工作领导小组办公室";
  doc.date = "2026年11月3日";
  return doc;
}

TEST(DocxWriterTest, DocumentXmlHoldsTheEscapedTextAndThePageSetup) {
  OfficialDocument doc = Bulletin();
  doc.paragraphs.push_back("检查 <script> & \"引号\" 的转义");
  Result<std::string> docx = WriteDocx(doc);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  ASSERT_EQ(docx->rfind("PK", 0), 0u);

  const std::string xml = ReadZipEntry(*docx, "word/document.xml").value_or("");
  EXPECT_NE(xml.find(doc.title), std::string::npos);
  EXPECT_NE(xml.find(doc.number), std::string::npos);
  EXPECT_NE(xml.find("县自然资源局"), std::string::npos);
  EXPECT_NE(xml.find("87.28%"), std::string::npos);
  EXPECT_NE(xml.find("检查 &lt;script&gt; &amp; &quot;引号&quot; 的转义"), std::string::npos);
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  // A4 with the GB/T 9704 margins (37/26/35/28 mm), a red rule, a repeated bold header row.
  EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
  EXPECT_NE(xml.find("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""),
            std::string::npos);
  EXPECT_NE(xml.find("w:color=\"FF0000\""), std::string::npos);
  EXPECT_NE(xml.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(xml.find("<w:b/>"), std::string::npos);

  const std::string styles = ReadZipEntry(*docx, "word/styles.xml").value_or("");
  EXPECT_NE(styles.find("仿宋_GB2312"), std::string::npos);
  EXPECT_NE(styles.find("方正小标宋简体"), std::string::npos);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                           "word/fontTable.xml", "word/footer1.xml"}) {
    EXPECT_TRUE(ReadZipEntry(*docx, part).has_value()) << part;
  }
}

TEST(DocxWriterTest, RejectsWhatXmlCannotCarry) {
  struct Case {
    const char* name;
    void (*change)(OfficialDocument&);
    const char* field;
  };
  const Case cases[] = {
      {"empty title", [](OfficialDocument& d) { d.title = "  "; }, "title"},
      {"bad UTF-8", [](OfficialDocument& d) { d.recipient = "\xE9\x9D"; }, "recipient"},
      {"control character", [](OfficialDocument& d) { d.paragraphs = {"a\x01z"}; },
       "paragraphs[0]"},
      {"control in a cell", [](OfficialDocument& d) { d.tables[0].rows[1][2] = "\x1B"; },
       "tables[0].rows[1][2]"},
      {"U+FFFF", [](OfficialDocument& d) { d.signer = "\xEF\xBF\xBF"; }, "signer"},
  };
  for (const Case& c : cases) {
    OfficialDocument doc = Bulletin();
    c.change(doc);
    Result<std::string> docx = WriteDocx(doc);
    ASSERT_FALSE(docx.ok()) << c.name;
    EXPECT_EQ(docx.status().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(docx.status().field(), c.field) << c.name;
  }
}

TEST(DocxWriterTest, LineBreaksTabsAndRaggedRows) {
  OfficialDocument doc;
  doc.title = "标题\n第二行";
  doc.paragraphs = {"甲\t乙\r\n丙"};
  doc.tables = {{"", {"a", "b", "c"}, {{"1"}, {"1", "2", "3"}}}};
  Result<std::string> docx = WriteDocx(doc);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  const std::string xml = ReadZipEntry(*docx, "word/document.xml").value_or("");
  EXPECT_NE(xml.find("标题</w:t><w:br/><w:t xml:space=\"preserve\">第二行"), std::string::npos);
  EXPECT_NE(xml.find("甲</w:t><w:tab/><w:t xml:space=\"preserve\">乙</w:t><w:br/>"),
            std::string::npos);
  size_t cells = 0;
  for (size_t at = xml.find("<w:tc>"); at != std::string::npos; at = xml.find("<w:tc>", at + 1)) {
    ++cells;
  }
  EXPECT_EQ(cells, 9u);  // the short row is padded to three cells
  EXPECT_EQ(xml.find("w:color=\"FF0000\""), std::string::npos);  // no head, no red rule
}

TEST(DocxWriterTest, LibreOfficeOpensItAndShowsTheText) {
  const std::optional<std::filesystem::path> soffice = FindInPath("soffice");
  if (!soffice) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
  duban::testing::TempDir dir;
  Result<std::string> docx = WriteDocx(Bulletin());
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  std::ofstream(dir.path() / "通报.docx", std::ios::binary) << *docx;

  const duban::testing::CommandResult result = duban::testing::RunCommand(
      {soffice->string(), "-env:UserInstallation=file://" + (dir.path() / "profile").string(),
       "--headless", "--convert-to", "pdf", "--outdir", dir.path().string(),
       (dir.path() / "通报.docx").string()},
      {"HOME=" + dir.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::filesystem::path pdf = dir.path() / "通报.pdf";
  ASSERT_EQ(ReadFile(pdf).rfind("%PDF", 0), 0u) << result.output;
  if (const char* keep = std::getenv("DUBAN_KEEP_BULLETIN_DOCX_PDF")) {
    std::filesystem::copy_file(pdf, keep, std::filesystem::copy_options::overwrite_existing);
  }

  const std::optional<std::string> text = PdfText(pdf);
  if (!text) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  const std::string flat = WithoutSpace(*text);
  EXPECT_NE(flat.find("关于2026年10月作风建设问题整改情况的通报"), std::string::npos) << *text;
  EXPECT_NE(flat.find("青督通〔2026〕10号"), std::string::npos) << *text;
  EXPECT_NE(flat.find("县自然资源局"), std::string::npos) << *text;
  EXPECT_NE(flat.find("87.28%"), std::string::npos) << *text;
}

TEST(BulletinHtmlTest, EscapesTextAndCarriesThePrintLayout) {
  OfficialDocument doc = Bulletin();
  doc.title = "<b>\"通报\"</b> & 'x'";
  doc.tables[0].rows[0][0] = "<img src=x onerror=alert(1)>";
  const std::string html = RenderHtml(doc);
  EXPECT_NE(html.find("&lt;b&gt;&quot;通报&quot;&lt;/b&gt; &amp; &#39;x&#39;"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("margin: 37mm 26mm 35mm 28mm"), std::string::npos);
  EXPECT_NE(html.find("\"Noto Serif CJK SC\", \"SimSun\", serif"), std::string::npos);
  EXPECT_NE(html.find("青督通〔2026〕10号"), std::string::npos);
  EXPECT_EQ(html.find("src="), html.find("src=x"));  // no external resources of its own
}

TEST(PdfPrinterTest, MissingChromiumIsUnavailable) {
  Result<std::string> pdf = PrintPdf("<p>x</p>", "/nonexistent/chromium");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("/nonexistent/chromium"), std::string::npos);
}

TEST(PdfPrinterTest, FailingChromiumIsUnavailable) {
  if (!std::filesystem::exists("/bin/false")) GTEST_SKIP() << "no /bin/false";
  Result<std::string> pdf = PrintPdf("<p>x</p>", "/bin/false");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("退出码 1"), std::string::npos) << pdf.status().message();
}

TEST(PdfPrinterTest, PrintsTheBulletin) {
  if (!std::filesystem::exists("/usr/bin/chromium")) GTEST_SKIP() << "chromium is not installed";
  Result<std::string> pdf = PrintPdf(RenderHtml(Bulletin()));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_EQ(pdf->rfind("%PDF", 0), 0u);

  duban::testing::TempDir dir;
  std::ofstream(dir.path() / "bulletin.pdf", std::ios::binary) << *pdf;
  // DUBAN_KEEP_BULLETIN_PDF=/tmp/bulletin.pdf keeps a copy to look at the layout
  // (pdftoppm -png -r 60 -f 1 -l 1 /tmp/bulletin.pdf page).
  if (const char* keep = std::getenv("DUBAN_KEEP_BULLETIN_PDF")) {
    std::ofstream(keep, std::ios::binary) << *pdf;
  }
  const std::optional<std::string> text = PdfText(dir.path() / "bulletin.pdf");
  if (!text) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  const std::string flat = WithoutSpace(*text);
  EXPECT_NE(flat.find("关于2026年10月作风建设问题整改情况的通报"), std::string::npos) << *text;
  EXPECT_NE(flat.find("青督通〔2026〕10号"), std::string::npos) << *text;
  EXPECT_NE(flat.find("87.28%"), std::string::npos) << *text;
}

}  // namespace
}  // namespace duban::io
