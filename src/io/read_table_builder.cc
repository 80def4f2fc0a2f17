#include "io/read_table_builder.h"

#include <algorithm>
#include <utility>

namespace duban::io {
namespace {

void DropTrailingEmpty(std::vector<std::string>& cells, size_t keep) {
  while (cells.size() > keep && cells.back().empty()) cells.pop_back();
}

}  // namespace

Status ReadTableBuilder::AddRow(int row_number, std::vector<std::string> cells) {
  const bool is_empty =
      std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
  if (is_empty) return Status::Ok();
  if (!has_header_) {
    DropTrailingEmpty(cells, 0);
    cell_count_ += cells.size();
    table_.header = std::move(cells);
    table_.header_row_number = row_number;
    has_header_ = true;
    return Status::Ok();
  }
  if (table_.rows.size() >= kMaxReadRows) {
    return ResourceExhausted("表格超过 " + std::to_string(kMaxReadRows) +
                             " 行数据，请拆分后再导入");
  }
  const size_t width = table_.header.size();
  DropTrailingEmpty(cells, width);
  if (cells.size() < width) cells.resize(width);
  cell_count_ += cells.size();
  if (cell_count_ > kMaxReadCells) {
    return ResourceExhausted("表格超过 " + std::to_string(kMaxReadCells) +
                             " 个单元格，请删除多余的行列或拆分后再导入");
  }
  table_.rows.push_back(std::move(cells));
  table_.row_numbers.push_back(row_number);
  return Status::Ok();
}

ReadTable ReadTableBuilder::Finish() {
  ReadTable result = std::move(table_);
  table_ = {};
  has_header_ = false;
  cell_count_ = 0;
  return result;
}

}  // namespace duban::io
