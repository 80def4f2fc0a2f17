// Generic tables as read from and written to spreadsheet files: rows of UTF-8 text cells, with
// no knowledge of what the columns mean. Plain values; safe to copy between threads.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace duban::io {

// A table to write: a header row and body rows of UTF-8 cells. Rows may be shorter or longer
// than the header.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A table as read from a file. Readers apply the same rules whatever the format:
//  - cells are UTF-8 with surrounding white space (ASCII and U+3000) trimmed;
//  - rows whose cells are all empty are skipped; the first non-empty row is the header, with
//    trailing empty header cells dropped;
//  - each body row is padded with "" to the header's width; cells past the header's width are
//    kept only when some of them are non-empty, so callers can report stray data;
//  - row_numbers[i] is the 1-based row number of rows[i] as the user sees it in Excel/WPS, for
//    error messages ("第 12 行"); header_row_number likewise for the header (0 when empty).
struct ReadTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_numbers;
  int header_row_number = 0;
};

// Readers refuse more body rows than this with kResourceExhausted.
inline constexpr size_t kMaxReadRows = 100'000;

}  // namespace duban::io
