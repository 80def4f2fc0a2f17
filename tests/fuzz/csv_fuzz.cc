// io::ReadCsv: any bytes give a table or an error, never a crash. A table keeps the promises
// of ReadTable (table.h): UTF-8 cells, trimmed, one row number per row, rows padded to the
// header. What WriteCsv writes, ReadCsv reads back the same.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "io/csv.h"

namespace {

[[noreturn]] void Broken(const char* what) {
  std::fprintf(stderr, "ReadCsv promise broken: %s\n", what);
  std::abort();
}

void CheckTable(const duban::io::ReadTable& t) {
  if (t.rows.size() != t.row_numbers.size()) Broken("row_numbers do not match rows");
  auto check_cell = [](const std::string& c) {
    if (!duban::IsValidUtf8(c)) Broken("a cell is not UTF-8");
    if (duban::TrimSpace(c) != c) Broken("a cell is not trimmed");
  };
  for (const auto& c : t.header) check_cell(c);
  for (const auto& row : t.rows) {
    if (row.size() < t.header.size()) Broken("a row is shorter than the header");
    for (const auto& c : row) check_cell(c);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto table = duban::io::ReadCsv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!table.ok()) return 0;
  CheckTable(*table);
  if (table->header.empty()) return 0;
  std::string written = duban::io::WriteCsv({table->header, table->rows});
  auto again = duban::io::ReadCsv(written);
  if (!again.ok()) Broken("ReadCsv refuses what WriteCsv wrote");
  if (again->header != table->header || again->rows != table->rows) {
    Broken("WriteCsv -> ReadCsv changed the table");
  }
  return 0;
}
