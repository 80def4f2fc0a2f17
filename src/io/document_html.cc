// The HTML form of an official document (the browser preview, and the page PrintPdf prints):
// RenderHtml of official_document.h.
#include <string>
#include <string_view>
#include <vector>

#include "io/official_document.h"
#include "io/official_document_layout.h"

namespace duban::io {
namespace layout {
namespace {

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

}  // namespace
}  // namespace layout

std::string RenderHtml(const OfficialDocument& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
  layout::AppendEscaped(out, doc.title);
  out += "</title><style>";
  out += layout::kHtmlStyle;
  out += "</style></head><body>\n";
  if (!doc.issuer.empty()) {
    const layout::IssuerFit fit = layout::FitIssuer(doc.issuer);
    const double natural_pt = layout::WidthEm(doc.issuer) * fit.size_pt;
    out += "<div class=\"issuer head\" style=\"font-size:" + layout::Num(fit.size_pt) +
           "pt\"><span style=\"width:" + layout::Num(natural_pt * fit.scale) +
           "pt\"><span style=\"transform:scaleX(" + layout::Num(fit.scale) + ")\">" +
           layout::HtmlText(doc.issuer) + "</span></span></div>\n";
  }
  if (!doc.number.empty()) out += "<p class=\"number\">" + layout::HtmlText(doc.number) + "</p>\n";
  if (!doc.issuer.empty() || !doc.number.empty()) out += "<hr class=\"rule\">\n";
  out += "<h1 class=\"title\"" +
         std::string(doc.issuer.empty() && doc.number.empty() ? " style=\"margin-top:0\"" : "") +
         ">" + layout::HtmlText(doc.title) + "</h1>\n";
  if (!doc.recipient.empty()) {
    out += "<p class=\"recipient\">" + layout::HtmlText(doc.recipient) + "</p>\n";
  }
  for (const auto& paragraph : doc.paragraphs) {
    out += "<p class=\"body\">" + layout::HtmlText(paragraph) + "</p>\n";
  }
  for (const auto& table : doc.tables) {
    if (!table.caption.empty())
      out += "<p class=\"caption\">" + layout::HtmlText(table.caption) + "</p>\n";
    out += layout::HtmlTable(table) + "\n";
  }
  const layout::SignatureIndents indents = layout::IndentSignature(doc.signer, doc.date);
  if (!doc.signer.empty()) {
    out += "<p class=\"signer\" style=\"padding-right:" + layout::Num(indents.signer_em) + "em\">" +
           layout::HtmlText(doc.signer) + "</p>\n";
  }
  if (!doc.date.empty()) {
    out += "<p class=\"date\" style=\"padding-right:" + layout::Num(indents.date_em) + "em" +
           (doc.signer.empty() ? ";margin-top:28.95pt" : "") + "\">" + layout::HtmlText(doc.date) +
           "</p>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace duban::io
