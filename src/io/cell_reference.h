// Internal to src/io: A1-style cell references of Excel worksheets. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duban::io {

inline constexpr int kMaxExcelRows = 1'048'576;
inline constexpr int kMaxExcelColumns = 16'384;  // A..XFD

// 0 → "A", 25 → "Z", 26 → "AA". Precondition: 0 <= column < kMaxExcelColumns.
std::string ColumnName(int column);

// "C12" for row_number 12 (1-based, as shown) and column 2 (0-based).
std::string CellName(int row_number, int column);

struct CellReference {
  int row_number = 0;  // 1-based
  int column = 0;      // 0-based
};

// Parses "A1".."XFD1048576" (letters in either case); nullopt when malformed or out of range.
std::optional<CellReference> ParseCellReference(std::string_view text);

}  // namespace duban::io
