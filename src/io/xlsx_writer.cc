#include "io/xlsx_writer.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "core/text.h"
#include "io/cell_reference.h"

namespace duban::io {
namespace {

constexpr size_t kMaxSheetNameChars = 31;
constexpr size_t kMaxCellChars = 32'767;
constexpr size_t kMaxNumberChars = 11;      // General format shows longer numbers as 1.23457E+11
constexpr uint32_t kHeaderFill = 0xDDEBF7;  // Excel's light blue "Blue, Accent 1, Lighter 80%"

// East Asian wide and fullwidth characters (Unicode UAX #11), which take two columns.
bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Width of the longest line of `text`, in Excel character units.
size_t DisplayWidth(std::string_view text) {
  size_t widest = 0, line = 0;
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = NextCodePoint(text, i);
    if (cp == '\n') {
      widest = std::max(widest, line);
      line = 0;
    } else {
      line += IsWide(cp) ? 2 : 1;
    }
  }
  return std::max(widest, line);
}

// A number in the form Excel's General format shows it, so that writing it as a number and
// reading it back gives the same text: -?(0|[1-9]\d*)(\.\d*[1-9])?, not "-0", ≤ 11 characters.
bool IsGeneralNumber(std::string_view s) {
  size_t i = 0;
  if (!s.empty() && s[0] == '-') ++i;
  if (s.size() - i > kMaxNumberChars || i >= s.size()) return false;
  const size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const size_t int_digits = i - int_start;
  if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0')) return false;
  if (i < s.size()) {
    if (s[i] != '.') return false;
    const size_t frac_start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i != s.size() || i == frac_start || s.back() == '0') return false;
  } else if (s == "-0") {
    return false;
  }
  return true;
}

// Excel decodes _xHHHH_ in cell text (ECMA-376 §22.9.2.19), and libxlsxwriter only escapes
// control characters, so text that happens to contain such a sequence is protected by
// escaping its underscore as _x005F_.
std::string ProtectLiteralEscapes(const std::string& text) {
  auto is_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
        is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_') {
      out += "_x005F";
    }
    out += text[i];
  }
  return out;
}

bool IsNumericColumn(const Table& table, size_t column) {
  bool any = false;
  for (const auto& row : table.rows) {
    if (column >= row.size() || row[column].empty()) continue;
    if (!IsGeneralNumber(row[column])) return false;
    any = true;
  }
  return any;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Cuts valid UTF-8 to at most `max_chars` code points.
std::string TruncateChars(std::string_view s, size_t max_chars) {
  size_t i = 0;
  for (size_t chars = 0; i < s.size() && chars < max_chars; ++chars) NextCodePoint(s, i);
  return std::string(s.substr(0, std::min(i, s.size())));
}

Status CheckTable(const std::string& sheet_name, const Table& table) {
  if (table.rows.size() + 1 > static_cast<size_t>(kMaxExcelRows)) {
    return InvalidArgument("工作表「" + sheet_name + "」超过 Excel 的 " +
                           std::to_string(kMaxExcelRows) + " 行上限");
  }
  auto check_row = [&](const std::vector<std::string>& row, int row_number) -> Status {
    if (row.size() > static_cast<size_t>(kMaxExcelColumns)) {
      return InvalidArgument("工作表「" + sheet_name + "」第 " + std::to_string(row_number) +
                             " 行超过 Excel 的 " + std::to_string(kMaxExcelColumns) + " 列上限");
    }
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string where =
          "工作表「" + sheet_name + "」单元格 " + CellName(row_number, static_cast<int>(c));
      if (!IsValidUtf8(row[c])) return InvalidArgument(where + " 不是有效的 UTF-8 文本");
      if (Utf8Length(row[c]) > kMaxCellChars) {
        return InvalidArgument(where + " 超过 Excel 单元格 " + std::to_string(kMaxCellChars) +
                               " 个字符的上限");
      }
    }
    return Status::Ok();
  };
  DUBAN_RETURN_IF_ERROR(check_row(table.header, 1));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    DUBAN_RETURN_IF_ERROR(check_row(table.rows[r], static_cast<int>(r) + 2));
  }
  return Status::Ok();
}

// A file in the system temp directory, removed at scope end.
class TempFile {
 public:
  static Result<TempFile> Create() {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) return Unavailable("找不到临时目录: " + ec.message());
    std::string path = (dir / "duban-xlsx-XXXXXX.xlsx").string();
    const int fd = mkstemps(path.data(), 5);
    if (fd < 0) return Unavailable("无法创建临时文件 " + path);
    close(fd);
    return TempFile(std::move(path), dir.string());
  }
  TempFile(TempFile&& other) noexcept
      : path_(std::exchange(other.path_, {})), dir_(std::move(other.dir_)) {}
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }

 private:
  TempFile(std::string path, std::string dir) : path_(std::move(path)), dir_(std::move(dir)) {}
  std::string path_;
  std::string dir_;
};

// Writes one table into `worksheet`; returns the first libxlsxwriter error.
lxw_error WriteSheet(lxw_worksheet* worksheet, const Table& table, const XlsxStyle& style,
                     lxw_format* header_format, lxw_format* wrap_format) {
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  lxw_error error = LXW_NO_ERROR;
  auto keep_first = [&error](lxw_error e) {
    if (error == LXW_NO_ERROR) error = e;
  };
  for (size_t c = 0; c < table.header.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const std::string escaped = ProtectLiteralEscapes(table.header[c]);
    keep_first(escaped.empty()
                   ? worksheet_write_blank(worksheet, 0, col, header_format)
                   : worksheet_write_string(worksheet, 0, col, escaped.c_str(), header_format));
  }
  for (size_t c = 0; c < columns; ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const bool numeric = IsNumericColumn(table, c);
    size_t width = c < table.header.size() ? DisplayWidth(table.header[c]) : 0;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      if (c >= row.size() || row[c].empty()) continue;
      const std::string& text = row[c];
      const auto row_index = static_cast<lxw_row_t>(r + 1);
      if (numeric) {
        double value = 0;
        std::from_chars(text.data(), text.data() + text.size(), value);
        keep_first(worksheet_write_number(worksheet, row_index, col, value, nullptr));
      } else {
        const bool multiline = text.find('\n') != std::string::npos;
        const std::string escaped = ProtectLiteralEscapes(text);
        keep_first(worksheet_write_string(worksheet, row_index, col, escaped.c_str(),
                                          multiline ? wrap_format : nullptr));
      }
      if (static_cast<double>(width) < style.max_column_width)
        width = std::max(width, DisplayWidth(text));
    }
    double column_width = std::clamp(static_cast<double>(width) + 2, style.min_column_width,
                                     std::max(style.min_column_width, style.max_column_width));
    if (c < table.header.size()) {
      if (auto it = style.column_widths.find(table.header[c]); it != style.column_widths.end()) {
        column_width = it->second;
      }
    }
    keep_first(worksheet_set_column(worksheet, col, col, column_width, nullptr));
  }
  if (!table.header.empty()) worksheet_freeze_panes(worksheet, 1, 0);
  return error;
}

}  // namespace

std::string SanitizeSheetName(std::string_view name) {
  std::string clean;
  for (char c : name) {
    const bool forbidden = std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
                           (static_cast<unsigned char>(c) < 0x20) || c == 0x7F;
    clean += forbidden ? '_' : c;
  }
  while (!clean.empty() && clean.front() == '\'') clean.erase(0, 1);
  clean = TruncateChars(clean, kMaxSheetNameChars);
  while (!clean.empty() && clean.back() == '\'') clean.pop_back();
  if (clean.empty()) return "Sheet1";
  if (AsciiLower(clean) == "history") return clean + "_";
  return clean;
}

Result<std::string> WriteXlsx(const std::vector<std::pair<std::string, Table>>& sheets,
                              const XlsxStyle& style) {
  if (sheets.empty()) return InvalidArgument("至少需要一个工作表");
  std::vector<std::string> names;
  for (const auto& [name, table] : sheets) {
    if (!IsValidUtf8(name)) return InvalidArgument("工作表名称不是有效的 UTF-8 文本");
    const std::string base = SanitizeSheetName(name);
    std::string unique = base;
    for (int n = 2; std::any_of(
             names.begin(), names.end(),
             [&](const std::string& used) { return AsciiLower(used) == AsciiLower(unique); });
         ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      unique = TruncateChars(base, kMaxSheetNameChars - suffix.size()) + suffix;
    }
    DUBAN_RETURN_IF_ERROR(CheckTable(unique, table));
    names.push_back(std::move(unique));
  }

  DUBAN_ASSIGN_OR_RETURN(TempFile file, TempFile::Create());
  std::string tmpdir = file.dir();
  lxw_workbook_options options = {};
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) return Unavailable("无法创建 XLSX 工作簿 " + file.path());
  lxw_format* header_format = workbook_add_format(workbook);
  format_set_bold(header_format);
  format_set_bg_color(header_format, kHeaderFill);
  format_set_border(header_format, LXW_BORDER_THIN);
  format_set_align(header_format, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* wrap_format = workbook_add_format(workbook);
  format_set_text_wrap(wrap_format);
  format_set_align(wrap_format, LXW_ALIGN_VERTICAL_TOP);

  lxw_error error = LXW_NO_ERROR;
  for (size_t i = 0; i < sheets.size() && error == LXW_NO_ERROR; ++i) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, names[i].c_str());
    if (worksheet == nullptr) {
      error = LXW_ERROR_SHEETNAME_ALREADY_USED;
      break;
    }
    error = WriteSheet(worksheet, sheets[i].second, style, header_format, wrap_format);
  }
  // workbook_close writes the file and frees the workbook, also after an error above.
  const lxw_error close_error = workbook_close(workbook);
  if (error == LXW_NO_ERROR) error = close_error;
  if (error == LXW_ERROR_CREATING_XLSX_FILE || error == LXW_ERROR_CREATING_TMPFILE) {
    return Unavailable(std::string("无法写入临时 XLSX 文件: ") + lxw_strerror(error));
  }
  if (error != LXW_NO_ERROR) {
    return Internal(std::string("libxlsxwriter 写入失败: ") + lxw_strerror(error));
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Unavailable("无法读回临时 XLSX 文件 " + file.path());
  return bytes;
}

}  // namespace duban::io
