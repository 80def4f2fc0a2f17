#include "io/cell_reference.h"

#include <algorithm>

namespace duban::io {

std::string ColumnName(int column) {
  std::string name;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) {
    name += static_cast<char>('A' + (n - 1) % 26);
  }
  std::reverse(name.begin(), name.end());
  return name;
}

std::string CellName(int row_number, int column) {
  return ColumnName(column) + std::to_string(row_number);
}

std::optional<CellReference> ParseCellReference(std::string_view text) {
  size_t i = 0;
  int column = 0;
  for (; i < text.size() && i < 4; ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
  }
  if (i == 0 || column > kMaxExcelColumns) return std::nullopt;
  const size_t digits_start = i;
  int row = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9' || i - digits_start >= 7) return std::nullopt;
    row = row * 10 + (c - '0');
  }
  if (i == digits_start || text[digits_start] == '0' || row > kMaxExcelRows) return std::nullopt;
  return CellReference{row, column - 1};
}

}  // namespace duban::io
