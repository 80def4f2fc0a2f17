// Printable documents in the Chinese official-document layout (GB/T 9704-2012 党政机关公文格式):
// a red issuer head 发文机关标志, the document number 发文字号 above a red rule, the title, the
// addressee, the body, tables, the signer and the date, on A4 with the standard margins. Written
// as DOCX (for WPS/Word), as HTML (for the browser preview) and printed to PDF through headless
// Chromium. The model is generic: it knows nothing of items, units or bulletins.
// Thread-safety: every function is pure or works in its own temporary directory, so all may be
// called concurrently.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace duban::io {

// A table printed after the body. Rows shorter than the widest row (or the header) are padded
// with empty cells.
struct DocTable {
  std::string caption;                         // centred above the table; may be empty
  std::vector<std::string> header;             // bold, repeated on each page; may be empty
  std::vector<std::vector<std::string>> rows;  // body cells
};

// Every text is UTF-8; a '\n' inside a paragraph or cell is a line break. Empty optional parts
// are left out (no issuer and no number: no red head and no rule).
struct OfficialDocument {
  std::string issuer;     // 发文机关标志, red, large, centred
  std::string number;     // 发文字号 "青督通〔2026〕10号", above the red rule
  std::string title;      // 标题, required
  std::string recipient;  // 主送机关 "各乡镇、县直各部门：", optional
  std::vector<std::string> paragraphs;  // 正文, each with a two-character first-line indent
  std::vector<DocTable> tables;         // after the paragraphs
  std::string signer;                   // 发文机关署名, right
  std::string date;                     // 成文日期 "2026年11月3日", under the signer
};

// The document as a .docx (WordprocessingML) that WPS, Word and LibreOffice open: A4, margins
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 方正小标宋简体 for the head and title and
// 仿宋_GB2312 for the rest (alternatives SimSun/FangSong for Word and WPS; LibreOffice takes
// what fontconfig offers); page numbers "— n —" in the footer. The signature is kept on the
// page of the body's last line or table row (§7.3.5).
// Errors: kInvalidArgument, with the field ("title", "tables[0].rows[3][1]"), when the title is
// empty or a text is not valid UTF-8 or holds a control character other than '\t', '\n' and
// '\r' (dropped), which XML cannot carry; kInternal when libzip fails.
Result<std::string> WriteDocx(const OfficialDocument& document);

// The same layout as one self-contained HTML page (no external resources, all text escaped)
// with print CSS: @page A4 with the same margins and page numbers, fonts "Noto Serif CJK SC",
// "SimSun", serif. On screen the page is drawn as a sheet of paper. Never fails; text that is
// not valid UTF-8 is passed through escaped, and the browser shows replacement characters.
std::string RenderHtml(const OfficialDocument& document);

// Prints `html` to PDF with the headless Chromium at `chromium` (run directly, no shell, with a
// throwaway profile, no network fetches of its own, killed after 60 s) and returns the PDF's
// bytes. The HTML should be self-contained: it is loaded from a temporary file:// URL.
// Errors: kUnavailable when `chromium` is missing or not executable, cannot be started, fails,
// times out or writes no PDF (the message says which, with the end of Chromium's output);
// kUnavailable when the temporary directory cannot be made or written.
Result<std::string> PrintPdf(const std::string& html,
                             const std::string& chromium = "/usr/bin/chromium");

}  // namespace duban::io
