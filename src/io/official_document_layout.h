// The layout rules shared by the DOCX writer (docx_writer.cc) and the HTML renderer
// (document_html.cc) of official_document.h: GB/T 9704 page geometry and sizes, text width in
// ems, the fitting of the red head, the signature's indents, table column weights, the
// validation of a document's text, and XML/HTML escaping. Internal to src/io.
// Pure functions; thread-safe.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/official_document.h"

namespace duban::io::layout {

// GB/T 9704-2012 §5.2: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so bottom 35 mm,
// right 26 mm); §7.1: 正文 3号仿宋 (16 pt), 22 lines of 28 characters (line pitch 28.95 pt).
inline constexpr double kTwipsPerMm = 1440.0 / 25.4;
inline constexpr int kPageWidthTwips = 11906;   // 210 mm
inline constexpr int kPageHeightTwips = 16838;  // 297 mm
inline constexpr double kTopMm = 37, kBottomMm = 35, kLeftMm = 28, kRightMm = 26;
inline constexpr double kTextWidthPt = 156 / 25.4 * 72;  // 版心 width
inline constexpr int kTextWidthTwips = 8844;
inline constexpr double kBodyPt = 16;    // 3号
inline constexpr int kLineTwips = 579;   // 28.95 pt
inline constexpr double kTitlePt = 22;   // 2号
inline constexpr double kCellPt = 12;    // 小四, so a table of nine columns fits
inline constexpr double kIssuerPt = 36;  // 小初
inline constexpr double kIssuerMaxWidthPt = kTextWidthPt * 0.95;
inline constexpr double kIssuerMinScale = 0.6;  // narrowest horizontal scale of the red head
inline constexpr double kIssuerTopMm = 35;      // §7.2.3: head 35 mm below the 版心's top
inline constexpr double kRuleGapMm = 4;         // §7.2.5: red rule 4 mm below the number
inline constexpr const char* kRed = "FF0000";
inline int MmToTwips(double mm) { return static_cast<int>(std::lround(mm * kTwipsPerMm)); }

// Width of the longest line of `text` in ems of its font: CJK characters and fullwidth forms
// take one em, everything else about half (the digits and Latin of 仿宋 and Noto Serif CJK).
double WidthEm(std::string_view text);

// The red head keeps its large size and is narrowed (as printed heads are) until it fits the
// 版心 on one line; only a very long issuer also gets a smaller size.
struct IssuerFit {
  double size_pt;
  double scale;  // horizontal, (0, 1]
};
IssuerFit FitIssuer(std::string_view issuer);

// GB/T 9704 §7.3.5.2 (no seal): the signer 右空二字; the date on the next line starts two
// characters right of the signer's first character; when the date is longer, the date is
// 右空二字 and the signer moves left to keep that offset. Right indents in characters.
struct SignatureIndents {
  double signer_em;
  double date_em;
};
SignatureIndents IndentSignature(std::string_view signer, std::string_view date);

// Column widths in proportion to what they must hold on one line: the widest body cell
// (digits counted wider, since fallback fonts draw them so) and the header, which from four
// characters on may wrap onto two lines; clamped so long text wraps. The weights sum to 1.
std::vector<double> ColumnWeights(const DocTable& table, size_t columns);

// The widest row's (or the header's) number of cells.
size_t ColumnCount(const DocTable& table);

// kInvalidArgument, with the field, when the title is empty or a text is not valid UTF-8 or
// holds a character XML cannot carry (see WriteDocx).
Status CheckDocument(const OfficialDocument& doc);

// Escapes the five XML/HTML specials; also right for attribute values in either quote style.
// '\r' is dropped (a CRLF line break counts once, as its '\n').
void AppendEscaped(std::string& out, std::string_view text);

// `value` with at most two decimals and no trailing zeros ("12.5", "3").
std::string Num(double value);

}  // namespace duban::io::layout
