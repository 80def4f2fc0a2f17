// The DOCX (WordprocessingML) form of an official document: WriteDocx of official_document.h.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "io/official_document.h"
#include "io/official_document_layout.h"
#include "io/zip_archive.h"

namespace duban::io {
namespace layout {
namespace {

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

}  // namespace
}  // namespace layout

Result<std::string> WriteDocx(const OfficialDocument& document) {
  DUBAN_RETURN_IF_ERROR(layout::CheckDocument(document));
  return ZipInMemory(
      {{"[Content_Types].xml", std::string(layout::kXmlDecl) + layout::kContentTypes},
       {"_rels/.rels", std::string(layout::kXmlDecl) + layout::kPackageRels},
       {"word/_rels/document.xml.rels", std::string(layout::kXmlDecl) + layout::kDocumentRels},
       {"word/document.xml", layout::DocumentXml(document)},
       {"word/styles.xml", layout::StylesXml()},
       {"word/fontTable.xml", layout::FontTableXml()},
       {"word/footer1.xml", layout::FooterXml()}});
}

}  // namespace duban::io
