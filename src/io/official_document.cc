#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/text.h"
#include "io/official_document_layout.h"

namespace duban::io::layout {
namespace {

// XML 1.0 cannot carry C0 controls other than tab/newline/CR, nor U+FFFE/U+FFFF.
Status CheckText(std::string_view text, const std::string& where) {
  if (!IsValidUtf8(text)) return InvalidArgument(where + " 不是有效的 UTF-8 文本", where);
  if (HasControlCharacters(text) || text.find("\xEF\xBF\xBE") != std::string_view::npos ||
      text.find("\xEF\xBF\xBF") != std::string_view::npos) {
    return InvalidArgument(where + " 含有控制字符", where);
  }
  return Status::Ok();
}

}  // namespace

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

SignatureIndents IndentSignature(std::string_view signer, std::string_view date) {
  const double s = WidthEm(signer), d = WidthEm(date);
  if (signer.empty() || date.empty()) return {2, 2};
  if (s >= d) return {2, s - d};
  return {4 + d - s, 2};
}

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

}  // namespace duban::io::layout
