#include "io/csv.h"

#include <iconv.h>

#include <cerrno>
#include <climits>
#include <optional>
#include <utility>
#include <vector>

#include "core/text.h"
#include "io/read_table_builder.h"

namespace duban::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string RowPrefix(int row_number) { return "第 " + std::to_string(row_number) + " 行: "; }

// The first characters that make Excel/WPS treat a cell as a formula (OWASP "CSV Injection").
bool IsFormulaTrigger(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// "-12", "+3.5", "411.82": numbers, which Excel does not evaluate, so the guard leaves them.
bool IsPlainNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == int_start) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  const size_t frac_start = ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i > frac_start && i == s.size();
}

// "'=x", "''+y": apostrophes before a trigger, the form a guarded cell takes in the file.
bool HasGuardForm(std::string_view cell) {
  const size_t first = cell.find_first_not_of('\'');
  return first != 0 && first != std::string_view::npos && IsFormulaTrigger(cell[first]);
}

// A cell that would run as a formula, or one that already looks guarded: it gets one more
// apostrophe, so that reading it back (which removes one) gives the cell unchanged.
bool NeedsInjectionGuard(std::string_view cell) {
  return (!cell.empty() && IsFormulaTrigger(cell.front()) && !IsPlainNumber(cell)) ||
         HasGuardForm(cell);
}

// GB18030 → UTF-8 with glibc's iconv. Owns the conversion descriptor.
class Gb18030Decoder {
 public:
  Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Decoder() {
    if (is_open()) iconv_close(cd_);
  }
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  // (iconv_t)-1 is iconv_open's documented failure value: the cast is the API's, not ours.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  bool is_open() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // nullopt when `bytes` is not valid GB18030 (including a character cut off at the end).
  std::optional<std::string> Decode(std::string_view bytes) {
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    // iconv's interface is not const-correct; it does not write through `in`.
    char* in = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    // A GB18030 character of n bytes becomes at most n + 1 UTF-8 bytes (2 → 3, 4 → 4).
    std::string out(bytes.size() * 3 / 2 + 4, '\0');
    char* out_ptr = out.data();
    size_t out_left = out.size();
    while (in_left > 0) {
      if (iconv(cd_, &in, &in_left, &out_ptr, &out_left) != static_cast<size_t>(-1)) break;
      if (errno != E2BIG) return std::nullopt;
      const size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
    }
    out.resize(out.size() - out_left);
    if (!IsValidUtf8(out)) return std::nullopt;
    return out;
  }

 private:
  iconv_t cd_;
};

// Splits the next record off `bytes` at `pos`. Works on raw bytes before decoding: in both
// UTF-8 and GB18030 the bytes of '"', ',', CR and LF never occur inside a multi-byte character.
Status NextRecord(std::string_view bytes, size_t& pos, int row_number,
                  std::vector<std::string>& cells) {
  cells.clear();
  std::string cell;
  const size_t n = bytes.size();
  while (true) {
    if (pos < n && bytes[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < n) {
        const char c = bytes[pos];
        if (c == '"') {
          if (pos + 1 < n && bytes[pos + 1] == '"') {
            cell += '"';
            pos += 2;
            continue;
          }
          ++pos;
          closed = true;
          break;
        }
        cell += c;
        ++pos;
      }
      if (!closed) {
        return InvalidArgument(RowPrefix(row_number) +
                               "引号未闭合（以 \" 开头的单元格缺少结尾的 \"）");
      }
    }
    // Unquoted text, or text after a closing quote: kept literally, as Excel does.
    while (pos < n && bytes[pos] != ',' && bytes[pos] != '\n' && bytes[pos] != '\r') {
      cell += bytes[pos++];
    }
    cells.push_back(std::move(cell));
    cell.clear();
    if (pos >= n) return Status::Ok();
    if (bytes[pos] == ',') {
      ++pos;
      continue;
    }
    pos += (bytes[pos] == '\r' && pos + 1 < n && bytes[pos + 1] == '\n') ? 2 : 1;
    return Status::Ok();
  }
}

}  // namespace

Result<ReadTable> ReadCsv(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return InvalidArgument("第 1 行: 文件为 UTF-16 编码，请另存为“CSV UTF-8（逗号分隔）”后再导入");
  }
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  const bool is_utf8 = IsValidUtf8(bytes);
  Gb18030Decoder decoder;
  if (!is_utf8 && !decoder.is_open()) return Internal("iconv 不支持 GB18030");

  ReadTableBuilder builder;
  std::vector<std::string> cells;
  size_t pos = 0;
  int row_number = 0;
  while (pos < bytes.size()) {
    if (row_number == INT_MAX) return ResourceExhausted("CSV 行数过多");
    ++row_number;
    DUBAN_RETURN_IF_ERROR(NextRecord(bytes, pos, row_number, cells));
    for (std::string& cell : cells) {
      if (!is_utf8) {
        std::optional<std::string> decoded = decoder.Decode(cell);
        if (!decoded) {
          return InvalidArgument(RowPrefix(row_number) +
                                 "含有无法识别的字符：文件既不是 UTF-8 也不是 GB18030/GBK 编码");
        }
        cell = std::move(*decoded);
      }
      cell = TrimSpace(cell);
      // WriteCsv's guard comes off; what it guarded may start with white space ("'\tx"),
      // which every cell loses.
      if (HasGuardForm(cell)) cell = TrimSpace(std::string_view(cell).substr(1));
    }
    DUBAN_RETURN_IF_ERROR(builder.AddRow(row_number, std::move(cells)));
    cells = {};
  }
  return builder.Finish();
}

std::string WriteCsv(const Table& table) {
  std::string out(kUtf8Bom);
  auto write_row = [&out](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& cell = row[i];
      const bool guard = NeedsInjectionGuard(cell);
      const bool quote = cell.find_first_of(",\"\r\n") != std::string::npos;
      if (quote) out += '"';
      if (guard) out += '\'';
      for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
      }
      if (quote) out += '"';
    }
    out += "\r\n";
  };
  write_row(table.header);
  for (const auto& row : table.rows) write_row(row);
  return out;
}

}  // namespace duban::io
