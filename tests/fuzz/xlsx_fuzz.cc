// io::ReadXlsx: any bytes give a table or an error, never a crash, within bounded memory.
// Mutating a zip rarely gets past its checksums, so besides raw bytes (an input starting
// "PK\3\4") the input may be the package's parts separated by NUL bytes, in this order:
// _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/worksheets/sheet1.xml,
// xl/sharedStrings.xml, xl/styles.xml; the target zips them, so the fuzzer works on the XML.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "io/xlsx_reader.h"
#include "io/zip_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes;
  if (input.starts_with("PK\x03\x04")) {
    bytes = std::string(input);
  } else {
    static const char* const kParts[] = {"_rels/.rels",
                                         "xl/workbook.xml",
                                         "xl/_rels/workbook.xml.rels",
                                         "xl/worksheets/sheet1.xml",
                                         "xl/sharedStrings.xml",
                                         "xl/styles.xml"};
    std::vector<std::pair<std::string, std::string>> entries;
    size_t start = 0;
    for (const char* name : kParts) {
      if (start > input.size()) break;
      size_t end = input.find('\0', start);
      if (end == std::string_view::npos) end = input.size();
      entries.emplace_back(name, std::string(input.substr(start, end - start)));
      start = end + 1;
    }
    bytes = duban::io::testing::MakeZip(entries);
  }
  auto table = duban::io::ReadXlsx(bytes);
  if (!table.ok()) {
    auto code = table.status().code();
    if (code != duban::ErrorCode::kInvalidArgument &&
        code != duban::ErrorCode::kResourceExhausted) {
      std::fprintf(stderr, "ReadXlsx: unexpected error %s\n", table.status().ToString().c_str());
      std::abort();
    }
    return 0;
  }
  if (table->rows.size() != table->row_numbers.size()) std::abort();
  for (const auto& row : table->rows) {
    if (row.size() < table->header.size()) std::abort();
    for (const auto& cell : row) {
      if (!duban::IsValidUtf8(cell)) std::abort();
    }
  }
  return 0;
}
