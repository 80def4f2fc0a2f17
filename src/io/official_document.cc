#include "io/official_document.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "core/text.h"

namespace duban::io {
namespace {

// GB/T 9704-2012 §5.2: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so bottom 35 mm,
// right 26 mm); §7.1: 正文 3号仿宋 (16 pt), 22 lines of 28 characters (line pitch 28.95 pt).
constexpr double kTwipsPerMm = 1440.0 / 25.4;
constexpr int kPageWidthTwips = 11906;   // 210 mm
constexpr int kPageHeightTwips = 16838;  // 297 mm
constexpr double kTopMm = 37, kBottomMm = 35, kLeftMm = 28, kRightMm = 26;
constexpr double kTextWidthPt = 156 / 25.4 * 72;  // 版心 width
constexpr int kTextWidthTwips = 8844;
constexpr double kBodyPt = 16;    // 3号
constexpr int kLineTwips = 579;   // 28.95 pt
constexpr double kTitlePt = 22;   // 2号
constexpr double kCellPt = 12;    // 小四, so a table of nine columns fits
constexpr double kIssuerPt = 36;  // 小初
constexpr double kIssuerMaxWidthPt = kTextWidthPt * 0.95;
constexpr double kIssuerMinScale = 0.6;  // narrowest horizontal scale of the red head
constexpr double kIssuerTopMm = 35;      // §7.2.3: head 35 mm below the 版心's top
constexpr double kRuleGapMm = 4;         // §7.2.5: red rule 4 mm below the number
constexpr const char* kRed = "FF0000";
constexpr auto kChromiumTimeout = std::chrono::seconds(60);

int MmToTwips(double mm) { return static_cast<int>(std::lround(mm * kTwipsPerMm)); }

// ---- Text measurement ------------------------------------------------------------------------

uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// Width of the longest line of `text` in ems of its font: CJK characters and fullwidth forms
// take one em, everything else about half (the digits and Latin of 仿宋 and Noto Serif CJK).
double WidthEm(std::string_view text) {
  double widest = 0, line = 0;
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = NextCodePoint(text, i);
    if (cp == '\n') {
      widest = std::max(widest, line);
      line = 0;
      continue;
    }
    const bool wide = (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFD);
    line += wide ? 1.0 : 0.5;
  }
  return std::max(widest, line);
}

// The red head keeps its large size and is narrowed (as printed heads are) until it fits the
// 版心 on one line; only a very long issuer also gets a smaller size.
struct IssuerFit {
  double size_pt;
  double scale;  // horizontal, (0, 1]
};

IssuerFit FitIssuer(std::string_view issuer) {
  const double width_em = std::max(WidthEm(issuer), 1.0);
  double scale = std::min(1.0, kIssuerMaxWidthPt / (width_em * kIssuerPt));
  double size = kIssuerPt;
  if (scale < kIssuerMinScale) {
    scale = kIssuerMinScale;
    size = std::floor(kIssuerMaxWidthPt / (width_em * scale) * 2) / 2;
  }
  return {size, std::floor(scale * 100) / 100};
}

// GB/T 9704 §7.3.5.2 (no seal): the signer 右空二字; the date on the next line starts two
// characters right of the signer's first character; when the date is longer, the date is
// 右空二字 and the signer moves left to keep that offset. Right indents in characters.
struct SignatureIndents {
  double signer_em;
  double date_em;
};

SignatureIndents IndentSignature(std::string_view signer, std::string_view date) {
  const double s = WidthEm(signer), d = WidthEm(date);
  if (signer.empty() || date.empty()) return {2, 2};
  if (s >= d) return {2, s - d};
  return {4 + d - s, 2};
}

// Column widths in proportion to what they must hold on one line: the widest body cell
// (digits counted wider, since fallback fonts draw them so) and the header, which from four
// characters on may wrap onto two lines; clamped so long text wraps. The weights sum to 1.
std::vector<double> ColumnWeights(const DocTable& table, size_t columns) {
  std::vector<double> widths(columns, 2.0);
  auto widen = [&](size_t c, double em) { widths[c] = std::max(widths[c], std::min(em, 14.0)); };
  for (size_t c = 0; c < table.header.size(); ++c) {
    const double em = WidthEm(table.header[c]);
    widen(c, (em <= 3 ? em : std::ceil(em / 2)) + 1.2);
  }
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) widen(c, WidthEm(row[c]) * 1.25 + 1.2);
  }
  double total = 0;
  for (double w : widths) total += w;
  for (double& w : widths) w /= total;
  return widths;
}

size_t ColumnCount(const DocTable& table) {
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  return columns;
}

// ---- Validation ------------------------------------------------------------------------------

// XML 1.0 cannot carry C0 controls other than tab/newline/CR, nor U+FFFE/U+FFFF.
Status CheckText(std::string_view text, const std::string& where) {
  if (!IsValidUtf8(text)) return InvalidArgument(where + " 不是有效的 UTF-8 文本", where);
  if (HasControlCharacters(text) || text.find("\xEF\xBF\xBE") != std::string_view::npos ||
      text.find("\xEF\xBF\xBF") != std::string_view::npos) {
    return InvalidArgument(where + " 含有控制字符", where);
  }
  return Status::Ok();
}

Status CheckDocument(const OfficialDocument& doc) {
  if (TrimSpace(doc.title).empty()) return InvalidArgument("公文标题不能为空", "title");
  DUBAN_RETURN_IF_ERROR(CheckText(doc.issuer, "issuer"));
  DUBAN_RETURN_IF_ERROR(CheckText(doc.number, "number"));
  DUBAN_RETURN_IF_ERROR(CheckText(doc.title, "title"));
  DUBAN_RETURN_IF_ERROR(CheckText(doc.recipient, "recipient"));
  DUBAN_RETURN_IF_ERROR(CheckText(doc.signer, "signer"));
  DUBAN_RETURN_IF_ERROR(CheckText(doc.date, "date"));
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    DUBAN_RETURN_IF_ERROR(CheckText(doc.paragraphs[p], "paragraphs[" + std::to_string(p) + "]"));
  }
  for (size_t t = 0; t < doc.tables.size(); ++t) {
    const DocTable& table = doc.tables[t];
    const std::string where = "tables[" + std::to_string(t) + "]";
    DUBAN_RETURN_IF_ERROR(CheckText(table.caption, where + ".caption"));
    for (size_t c = 0; c < table.header.size(); ++c) {
      DUBAN_RETURN_IF_ERROR(
          CheckText(table.header[c], where + ".header[" + std::to_string(c) + "]"));
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      for (size_t c = 0; c < table.rows[r].size(); ++c) {
        DUBAN_RETURN_IF_ERROR(CheckText(table.rows[r][c], where + ".rows[" + std::to_string(r) +
                                                              "][" + std::to_string(c) + "]"));
      }
    }
  }
  return Status::Ok();
}

// Escapes the five XML/HTML specials; also right for attribute values in either quote style.
void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\r':
        break;  // a CRLF line break counts once, as its '\n'
      default:
        out += c;
    }
  }
}

std::string Num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// ---- DOCX ------------------------------------------------------------------------------------

constexpr const char* kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kHeadFont = "方正小标宋简体";
constexpr const char* kBodyFont = "仿宋_GB2312";
constexpr const char* kPageNumberFont = "SimSun";  // §7.5: 页码 4号半角宋体

std::string Fonts(const char* font) {
  return std::string("<w:rFonts w:ascii=\"") + font + "\" w:hAnsi=\"" + font + "\" w:eastAsia=\"" +
         font + "\" w:cs=\"" + font + "\"/>";
}

std::string HalfPoints(double pt) {
  const std::string v = std::to_string(static_cast<int>(std::lround(pt * 2)));
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}

// A run per line of `text`; '\n' becomes <w:br/>, '\t' <w:tab/>.
std::string Runs(std::string_view text, const std::string& run_properties = "") {
  std::string out = "<w:r>";
  if (!run_properties.empty()) out += "<w:rPr>" + run_properties + "</w:rPr>";
  size_t start = 0;
  while (true) {
    const size_t end = text.find_first_of("\n\t", start);
    const std::string_view piece = text.substr(start, end - start);
    if (!piece.empty()) {
      out += "<w:t xml:space=\"preserve\">";
      AppendEscaped(out, piece);
      out += "</w:t>";
    }
    if (end == std::string_view::npos) break;
    out += text[end] == '\n' ? "<w:br/>" : "<w:tab/>";
    start = end + 1;
  }
  return out + "</w:r>";
}

// `extra_ppr` and `run_properties` must list their elements in the schema's order (ECMA-376
// CT_PPr: keepNext, pBdr, spacing, ind, jc; CT_RPr: rFonts, b, color, w, sz), or Word refuses
// the file.
std::string Paragraph(const char* style, std::string_view text, const std::string& extra_ppr = "",
                      const std::string& run_properties = "") {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + extra_ppr + "</w:pPr>" +
         Runs(text, run_properties) + "</w:p>";
}

std::string RedRule() {
  return std::string("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"") +
         std::to_string(static_cast<int>(std::lround(kRuleGapMm / 25.4 * 72))) + "\" w:color=\"" +
         kRed + "\"/></w:pBdr>";
}

std::string RightIndent(double em) {
  return "<w:ind w:right=\"" + std::to_string(std::lround(em * kBodyPt * 20)) +
         "\" w:rightChars=\"" + std::to_string(std::lround(em * 100)) + "\"/>";
}

// `keep_end_with_next`: the last row stays on the page of the paragraph after the table.
std::string DocxTable(const DocTable& table, bool keep_end_with_next) {
  const size_t columns = ColumnCount(table);
  if (columns == 0) return "";
  const std::vector<double> weights = ColumnWeights(table, columns);
  std::vector<int> widths;
  for (double w : weights) widths.push_back(static_cast<int>(std::lround(w * kTextWidthTwips)));

  std::string out =
      "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/>"
      "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    out += std::string("<w:") + side + " w:val=\"single\" w:sz=\"6\" w:space=\"0\" " +
           "w:color=\"000000\"/>";
  }
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" "
      "w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
      "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";

  auto row = [&](const std::vector<std::string>& cells, bool is_header, bool keep_with_next) {
    out += "<w:tr><w:trPr><w:cantSplit/>";
    if (is_header) out += "<w:tblHeader/>";
    out += "</w:trPr>";
    for (size_t c = 0; c < columns; ++c) {
      const std::string_view text = c < cells.size() ? std::string_view(cells[c]) : "";
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(widths[c]) +
             "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
      out += Paragraph("DubanCell", text, keep_with_next ? "<w:keepNext/>" : "",
                       is_header ? "<w:b/><w:bCs/>" : "");
      out += "</w:tc>";
    }
    out += "</w:tr>";
  };
  if (!table.header.empty()) row(table.header, true, keep_end_with_next && table.rows.empty());
  for (size_t r = 0; r < table.rows.size(); ++r) {
    row(table.rows[r], false, keep_end_with_next && r + 1 == table.rows.size());
  }
  return out + "</w:tbl>";
}

std::string DocumentXml(const OfficialDocument& doc) {
  std::string body;
  const bool has_head = !doc.issuer.empty() || !doc.number.empty();
  if (!doc.issuer.empty()) {
    const IssuerFit fit = FitIssuer(doc.issuer);
    body += Paragraph("DubanIssuer", doc.issuer, doc.number.empty() ? RedRule() : "",
                      "<w:w w:val=\"" + std::to_string(std::lround(fit.scale * 100)) + "\"/>" +
                          HalfPoints(fit.size_pt));
  }
  if (!doc.number.empty()) {
    const std::string before =
        doc.issuer.empty() ? ""
                           : "<w:spacing w:before=\"" + std::to_string(2 * kLineTwips) + "\"/>";
    body += Paragraph("DubanNumber", doc.number, RedRule() + before);
  }
  body += Paragraph("DubanTitle", doc.title, has_head ? "" : "<w:spacing w:before=\"0\"/>");
  if (!doc.recipient.empty()) body += Paragraph("DubanRecipient", doc.recipient);
  // §7.3.5: the signature never stands alone on a page; the end of the body goes with it.
  const bool has_signature = !doc.signer.empty() || !doc.date.empty();
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    const bool is_last = p + 1 == doc.paragraphs.size() && doc.tables.empty();
    body +=
        Paragraph("DubanBody", doc.paragraphs[p], is_last && has_signature ? "<w:keepNext/>" : "");
  }
  for (size_t t = 0; t < doc.tables.size(); ++t) {
    const DocTable& table = doc.tables[t];
    if (!table.caption.empty()) body += Paragraph("DubanCaption", table.caption);
    body += DocxTable(table, has_signature && t + 1 == doc.tables.size());
  }
  const SignatureIndents indents = IndentSignature(doc.signer, doc.date);
  if (!doc.signer.empty()) {
    body += Paragraph("DubanSigner", doc.signer, RightIndent(indents.signer_em));
  }
  if (!doc.date.empty()) {
    const std::string before =
        doc.signer.empty() ? "<w:spacing w:before=\"" + std::to_string(kLineTwips) + "\"/>" : "";
    body += Paragraph("DubanDate", doc.date, before + RightIndent(indents.date_em));
  }
  // Word wants a paragraph, not a table, to end the body.
  body += "<w:p><w:pPr><w:pStyle w:val=\"DubanBody\"/></w:pPr></w:p>";

  const std::string section =
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
      "<w:pgSz w:w=\"" +
      std::to_string(kPageWidthTwips) + "\" w:h=\"" + std::to_string(kPageHeightTwips) +
      "\"/><w:pgMar w:top=\"" + std::to_string(MmToTwips(kTopMm)) + "\" w:right=\"" +
      std::to_string(MmToTwips(kRightMm)) + "\" w:bottom=\"" +
      std::to_string(MmToTwips(kBottomMm)) + "\" w:left=\"" + std::to_string(MmToTwips(kLeftMm)) +
      "\" w:header=\"851\" w:footer=\"" + std::to_string(MmToTwips(kBottomMm - 7 - 5)) +
      "\" w:gutter=\"0\"/></w:sectPr>";
  return std::string(kXmlDecl) + "<w:document " + kWordNs + "><w:body>" + body + section +
         "</w:body></w:document>";
}

std::string ParagraphStyle(const char* id, const char* name, const std::string& ppr,
                           const std::string& rpr) {
  return std::string("<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"") + id +
         "\"><w:name w:val=\"" + name + "\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>" +
         ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

std::string StylesXml() {
  const std::string line = std::to_string(kLineTwips);
  const std::string head_rpr = Fonts(kHeadFont);
  std::string out = std::string(kXmlDecl) + "<w:styles " + kWordNs + ">";
  out += "<w:docDefaults><w:rPrDefault><w:rPr>" + Fonts(kBodyFont) + "<w:kern w:val=\"2\"/>" +
         HalfPoints(kBodyPt) +
         "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing "
         "w:before=\"0\" w:after=\"0\" w:line=\"" +
         line +
         "\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
         "</w:docDefaults>";
  out +=
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN "
      "w:val=\"0\"/></w:pPr></w:style>";
  out += ParagraphStyle("DubanIssuer", "发文机关标志",
                        "<w:spacing w:before=\"" + std::to_string(MmToTwips(kIssuerTopMm)) +
                            "\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                        head_rpr + "<w:color w:val=\"" + kRed + "\"/>" + HalfPoints(kIssuerPt));
  out += ParagraphStyle("DubanNumber", "发文字号", "<w:jc w:val=\"center\"/>", "");
  out += ParagraphStyle("DubanTitle", "公文标题",
                        "<w:spacing w:before=\"" + std::to_string(2 * kLineTwips) +
                            "\" w:line=\"700\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
                        head_rpr + HalfPoints(kTitlePt));
  out += ParagraphStyle("DubanRecipient", "主送机关",
                        "<w:spacing w:before=\"" + line + "\"/><w:jc w:val=\"left\"/>", "");
  out += ParagraphStyle(
      "DubanBody", "公文正文",
      "<w:ind w:firstLineChars=\"200\" w:firstLine=\"" + std::to_string(2 * 20 * kBodyPt) + "\"/>",
      "");
  out +=
      ParagraphStyle("DubanCaption", "表格标题",
                     "<w:keepNext/><w:spacing w:before=\"" + line + "\"/><w:jc w:val=\"center\"/>",
                     "<w:b/><w:bCs/>");
  out += ParagraphStyle("DubanCell", "表格文字",
                        "<w:spacing w:line=\"" + std::to_string(std::lround(kCellPt * 20 * 1.4)) +
                            "\" w:lineRule=\"atLeast\"/><w:jc w:val=\"center\"/>",
                        HalfPoints(kCellPt));
  out += ParagraphStyle(
      "DubanSigner", "发文机关署名",
      "<w:keepNext/><w:spacing w:before=\"" + line + "\"/><w:jc w:val=\"right\"/>", "");
  out += ParagraphStyle("DubanDate", "成文日期", "<w:jc w:val=\"right\"/>", "");
  out += ParagraphStyle("DubanPageNumber", "页码",
                        "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                        Fonts(kPageNumberFont) + HalfPoints(14));
  return out + "</w:styles>";
}

// Alternative names for machines without the GB fonts, used by Word and WPS. LibreOffice ignores
// w:altName and asks fontconfig, which on a bare Debian picks Noto Sans CJK (a fontconfig alias
// from 仿宋_GB2312/方正小标宋简体 to Noto Serif CJK SC on the server fixes that).
std::string FontTableXml() {
  auto font = [](const char* name, const char* alt) {
    return std::string("<w:font w:name=\"") + name + "\"><w:altName w:val=\"" + alt +
           "\"/><w:charset w:val=\"86\"/><w:family w:val=\"roman\"/><w:pitch "
           "w:val=\"variable\"/></w:font>";
  };
  return std::string(kXmlDecl) + "<w:fonts " + kWordNs + ">" + font(kBodyFont, "FangSong") +
         font(kHeadFont, "SimSun") + font("SimSun", "Noto Serif CJK SC") + "</w:fonts>";
}

// §7.5 puts odd pages' numbers right and even pages' left; centred is the common simplification.
std::string FooterXml() {
  return std::string(kXmlDecl) + "<w:ftr " + kWordNs +
         "><w:p><w:pPr><w:pStyle w:val=\"DubanPageNumber\"/></w:pPr>"
         "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
         "<w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
         "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";
}

constexpr const char* kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

constexpr const char* kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footer\" Target=\"footer1.xml\"/></Relationships>";

// Zips `entries` in memory, deflated, in order ([Content_Types].xml first, as Office writes it).
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Internal("libzip: " + reason);
  }
  zip_source_keep(buffer);  // outlives zip_close, which writes into it
  auto fail = [&](std::string reason) -> Status {
    zip_source_free(buffer);
    zip_error_fini(&error);
    return Internal("libzip: " + reason);
  };
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return fail(zip_error_strerror(&error));
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      std::string reason = zip_strerror(archive);
      if (source != nullptr) zip_source_free(source);
      zip_discard(archive);
      return fail(reason);
    }
  }
  if (zip_close(archive) != 0) {
    std::string reason = zip_strerror(archive);
    zip_discard(archive);
    return fail(reason);
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    if (size > 0) {
      bytes.resize(static_cast<size_t>(size));
      if (zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size)) != size) {
        bytes.clear();
      }
    }
    zip_source_close(buffer);
  }
  if (bytes.empty()) return fail("cannot read the archive back");
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// ---- HTML ------------------------------------------------------------------------------------

constexpr const char* kHtmlStyle = R"css(
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: "SimSun", "Noto Serif CJK SC", serif;
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
  }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  color: #000;
  font-family: "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", "SimSun", serif;
  font-size: 16pt;
  line-height: 28.95pt;
}
p, h1 { margin: 0; font-size: inherit; font-weight: inherit; }
.issuer {
  margin-top: 35mm;
  text-align: center;
  white-space: nowrap;
  color: #f00;
  line-height: 1.2;
}
.issuer > span { display: inline-block; overflow: visible; }
.issuer > span > span { display: inline-block; transform-origin: left; }
.head, .title { font-family: "方正小标宋简体", "Noto Serif CJK SC", "SimSun", serif; font-weight: 700; }
.number { text-align: center; }
.issuer + .number { margin-top: 57.9pt; }
.rule { border: 0; border-top: 1.5pt solid #f00; margin: 4mm 0 0; }
.title { margin-top: 57.9pt; text-align: center; font-size: 22pt; line-height: 35pt; }
.recipient { margin-top: 28.95pt; }
.body { text-indent: 2em; text-align: justify; }
.caption { margin-top: 28.95pt; text-align: center; font-weight: 700; break-after: avoid; }
table {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  font-size: 12pt;
  line-height: 1.4;
}
th, td {
  border: 0.75pt solid #000;
  padding: 1mm 1mm;
  text-align: center;
  vertical-align: middle;
  overflow-wrap: anywhere;
}
th { font-weight: 700; text-wrap: balance; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.signer { margin-top: 28.95pt; text-align: right; break-before: avoid; break-after: avoid; }
.date { text-align: right; }
@media screen {
  html { background: #e8e8e8; }
  body {
    box-sizing: border-box;
    width: 210mm;
    min-height: 297mm;
    margin: 8mm auto;
    padding: 37mm 26mm 35mm 28mm;
    background: #fff;
    box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3);
  }
}
)css";

// Escaped text with '\n' as <br>.
std::string HtmlText(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    AppendEscaped(out, text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    out += "<br>";
    start = end + 1;
  }
  return out;
}

std::string HtmlTable(const DocTable& table) {
  const size_t columns = ColumnCount(table);
  if (columns == 0) return "";
  std::string out = "<table><colgroup>";
  for (double w : ColumnWeights(table, columns)) {
    out += "<col style=\"width:" + Num(w * 100) + "%\">";
  }
  out += "</colgroup>";
  auto row = [&](const std::vector<std::string>& cells, const char* tag) {
    out += "<tr>";
    for (size_t c = 0; c < columns; ++c) {
      out += std::string("<") + tag + ">" + (c < cells.size() ? HtmlText(cells[c]) : "") + "</" +
             tag + ">";
    }
    out += "</tr>";
  };
  if (!table.header.empty()) {
    out += "<thead>";
    row(table.header, "th");
    out += "</thead>";
  }
  out += "<tbody>";
  for (const auto& cells : table.rows) row(cells, "td");
  return out + "</tbody></table>";
}

// ---- Chromium --------------------------------------------------------------------------------

// A directory of its own under the system temp dir, removed with its contents at scope end.
class ScratchDir {
 public:
  static Result<ScratchDir> Make() {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "duban-pdf-XXXXXX").string();
    if (ec || mkdtemp(pattern.data()) == nullptr) {
      return Unavailable("无法创建临时目录以生成 PDF");
    }
    return ScratchDir(pattern);
  }
  ScratchDir(ScratchDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

std::string Tail(const std::filesystem::path& file, size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_bytes) text = "…" + text.substr(text.size() - max_bytes);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

Result<std::string> WriteDocx(const OfficialDocument& document) {
  DUBAN_RETURN_IF_ERROR(CheckDocument(document));
  return Zip({{"[Content_Types].xml", std::string(kXmlDecl) + kContentTypes},
              {"_rels/.rels", std::string(kXmlDecl) + kPackageRels},
              {"word/_rels/document.xml.rels", std::string(kXmlDecl) + kDocumentRels},
              {"word/document.xml", DocumentXml(document)},
              {"word/styles.xml", StylesXml()},
              {"word/fontTable.xml", FontTableXml()},
              {"word/footer1.xml", FooterXml()}});
}

std::string RenderHtml(const OfficialDocument& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
  AppendEscaped(out, doc.title);
  out += "</title><style>";
  out += kHtmlStyle;
  out += "</style></head><body>\n";
  if (!doc.issuer.empty()) {
    const IssuerFit fit = FitIssuer(doc.issuer);
    const double natural_pt = WidthEm(doc.issuer) * fit.size_pt;
    out += "<div class=\"issuer head\" style=\"font-size:" + Num(fit.size_pt) +
           "pt\"><span style=\"width:" + Num(natural_pt * fit.scale) +
           "pt\"><span style=\"transform:scaleX(" + Num(fit.scale) + ")\">" + HtmlText(doc.issuer) +
           "</span></span></div>\n";
  }
  if (!doc.number.empty()) out += "<p class=\"number\">" + HtmlText(doc.number) + "</p>\n";
  if (!doc.issuer.empty() || !doc.number.empty()) out += "<hr class=\"rule\">\n";
  out += "<h1 class=\"title\"" +
         std::string(doc.issuer.empty() && doc.number.empty() ? " style=\"margin-top:0\"" : "") +
         ">" + HtmlText(doc.title) + "</h1>\n";
  if (!doc.recipient.empty()) {
    out += "<p class=\"recipient\">" + HtmlText(doc.recipient) + "</p>\n";
  }
  for (const auto& paragraph : doc.paragraphs) {
    out += "<p class=\"body\">" + HtmlText(paragraph) + "</p>\n";
  }
  for (const auto& table : doc.tables) {
    if (!table.caption.empty()) out += "<p class=\"caption\">" + HtmlText(table.caption) + "</p>\n";
    out += HtmlTable(table) + "\n";
  }
  const SignatureIndents indents = IndentSignature(doc.signer, doc.date);
  if (!doc.signer.empty()) {
    out += "<p class=\"signer\" style=\"padding-right:" + Num(indents.signer_em) + "em\">" +
           HtmlText(doc.signer) + "</p>\n";
  }
  if (!doc.date.empty()) {
    out += "<p class=\"date\" style=\"padding-right:" + Num(indents.date_em) + "em" +
           (doc.signer.empty() ? ";margin-top:28.95pt" : "") + "\">" + HtmlText(doc.date) +
           "</p>\n";
  }
  return out + "</body></html>\n";
}

Result<std::string> PrintPdf(const std::string& html, const std::string& chromium) {
  if (access(chromium.c_str(), X_OK) != 0) {
    return Unavailable("未找到可执行的 Chromium（" + chromium + "），无法生成 PDF");
  }
  DUBAN_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Make());
  const std::filesystem::path page = dir.path() / "document.html";
  const std::filesystem::path pdf = dir.path() / "document.pdf";
  const std::filesystem::path log = dir.path() / "chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out.flush()) return Unavailable("无法写入临时文件 " + page.string());
  }

  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--user-data-dir=" + (dir.path() / "profile").string(),
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string log_path = log.string();

  const pid_t pid = fork();
  if (pid < 0) return Unavailable("无法启动 Chromium（fork 失败）");
  if (pid == 0) {
    setpgid(0, 0);  // its own process group, so a timeout kills its helpers too
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null_fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from here, whichever runs first

  const auto deadline = std::chrono::steady_clock::now() + kChromiumTimeout;
  int status = 0;
  bool timed_out = false;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return Unavailable("等待 Chromium 失败");
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // helpers Chromium may leave behind in its group

  if (timed_out) {
    return Unavailable("Chromium 生成 PDF 超时（" + std::to_string(kChromiumTimeout.count()) +
                       " 秒）");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status) ? "退出码 " + std::to_string(WEXITSTATUS(status))
                                              : "信号 " + std::to_string(WTERMSIG(status));
    return Unavailable("Chromium 生成 PDF 失败（" + how + "）：" + Tail(log, 600));
  }
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.rfind("%PDF", 0) != 0) {
    return Unavailable("Chromium 没有生成 PDF：" + Tail(log, 600));
  }
  return bytes;
}

}  // namespace duban::io
