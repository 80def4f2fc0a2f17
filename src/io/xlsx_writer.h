// Writing generic tables as an XLSX workbook (one worksheet per table) that opens cleanly in
// Excel and WPS. Safe to call concurrently: each call builds its own workbook in its own
// temporary file, which is deleted before returning.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "io/table.h"

namespace duban::io {

struct XlsxStyle {
  // Widths, in Excel's character units, of the columns whose header text is named here, on
  // every sheet. Other columns get a width from their longest line of text (a CJK character
  // counts as two), clamped to [min_column_width, max_column_width].
  std::map<std::string, double, std::less<>> column_widths;
  double min_column_width = 8;
  double max_column_width = 50;
};

// Makes `name` a valid Excel sheet name: []:*?/\ and control characters become '_', leading
// and trailing apostrophes are dropped, the result is cut to 31 characters, and an empty
// name or the reserved "History" gets a safe substitute. Precondition: `name` is valid UTF-8.
std::string SanitizeSheetName(std::string_view name);

// Writes each (sheet name, table) pair as a worksheet, in order: the header in row 1, bold on a
// light fill and frozen so it stays visible while scrolling; the rows below it. A column whose
// body cells are all plain numbers as Excel would show them in General format ("411.82",
// "-3", "0.5"; no leading zeros, no trailing fractional zeros, at most 11 characters) is
// written as numbers, so sums and sorting work; every other cell is written as text, so codes
// like "007" and ID numbers keep their digits. Cells with line breaks wrap. Text is never
// written as a formula. Sheet names go through SanitizeSheetName and are made unique
// (case-insensitively) by appending " (2)", " (3)"…
// Errors: kInvalidArgument when `sheets` is empty, a sheet name or cell is not valid UTF-8,
// a cell is longer than Excel's 32,767 characters, or a table exceeds Excel's 1,048,576 rows or
// 16,384 columns; kUnavailable when the temporary file cannot be written; kInternal when
// libxlsxwriter fails otherwise.
Result<std::string> WriteXlsx(const std::vector<std::pair<std::string, Table>>& sheets,
                              const XlsxStyle& style = {});

}  // namespace duban::io
