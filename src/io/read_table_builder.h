// Internal to src/io: turns the raw rows a reader finds into a ReadTable by the rules stated on
// ReadTable (empty rows skipped, header first, padding) and enforces the readers' size limits.
// Not thread-safe; one builder per read.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/table.h"

namespace duban::io {

// Cells materialised across a table (body rows padded to the header's width count as well);
// bounds memory when a file puts a stray value in column XFD of every row.
inline constexpr size_t kMaxReadCells = 5'000'000;

class ReadTableBuilder {
 public:
  // `cells` must already be trimmed UTF-8. `row_number` is the 1-based row the user sees.
  // Returns kResourceExhausted once more than kMaxReadRows body rows or kMaxReadCells cells
  // have been added; the builder must not be used after an error.
  Status AddRow(int row_number, std::vector<std::string> cells);

  // Leaves the builder empty.
  ReadTable Finish();

 private:
  ReadTable table_;
  bool has_header_ = false;
  size_t cell_count_ = 0;
};

}  // namespace duban::io
