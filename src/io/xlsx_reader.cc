#include "io/xlsx_reader.h"

#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "core/time.h"
#include "io/cell_reference.h"
#include "io/read_table_builder.h"

namespace duban::io {
namespace {

Status Malformed(std::string what) { return InvalidArgument("XLSX 文件格式错误: " + what); }

// The compound-file header of legacy .xls workbooks and of password-protected .xlsx files.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// ---- The zip container -------------------------------------------------------------------

class ZipReader {
 public:
  // `bytes` must outlive the reader.
  static Result<std::unique_ptr<ZipReader>> Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return Internal("libzip 无法创建内存数据源");
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
      std::string reason = zip_error_strerror(&error);
      zip_source_free(source);
      zip_error_fini(&error);
      return InvalidArgument("不是有效的 XLSX 文件（无法作为 zip 打开: " + reason + "）");
    }
    zip_error_fini(&error);
    return std::unique_ptr<ZipReader>(new ZipReader(archive));
  }

  ~ZipReader() { zip_discard(archive_); }
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // The entry's bytes; nullopt when there is no entry `name` (compared case-insensitively).
  Result<std::optional<std::string>> Read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::optional<std::string>();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_SIZE) == 0) {
      return Malformed("无法读取 " + name + " 的大小");
    }
    if (stat.size > kMaxXlsxEntryBytes) {
      return ResourceExhausted("XLSX 文件中的 " + name + " 解压后超过 " +
                               std::to_string(kMaxXlsxEntryBytes / (1024 * 1024)) +
                               " MB，拒绝导入");
    }
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      return Malformed("无法解压 " + name + "（" + zip_strerror(archive_) + "）");
    }
    std::string data(stat.size, '\0');
    size_t filled = 0;
    bool failed = false;
    while (filled < data.size()) {
      const zip_int64_t n = zip_fread(file, data.data() + filled, data.size() - filled);
      if (n < 0) failed = true;
      if (n <= 0) break;
      filled += static_cast<size_t>(n);
    }
    std::string reason = failed ? zip_file_strerror(file) : "";
    zip_fclose(file);
    if (failed) return Malformed("解压 " + name + " 出错（" + reason + "）");
    if (filled != data.size()) return Malformed(name + " 的数据不完整");
    return std::optional<std::string>(std::move(data));
  }

 private:
  explicit ZipReader(zip_t* archive) : archive_(archive) {}
  zip_t* archive_;
};

// ---- XML helpers: writers differ in namespace prefixes ("x:row"), so match local names ----

std::string_view LocalName(std::string_view qualified) {
  const size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == local_name) return child;
  }
  return {};
}

pugi::xml_node NextSibling(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node sibling = node.next_sibling(); sibling; sibling = sibling.next_sibling()) {
    if (sibling.type() == pugi::node_element && LocalName(sibling.name()) == local_name) {
      return sibling;
    }
  }
  return {};
}

// Calls `fn` for each element child named `local_name`; stops at the first error.
template <typename Fn>
Status ForEachChild(pugi::xml_node node, std::string_view local_name, Fn&& fn) {
  for (pugi::xml_node child = Child(node, local_name); child;
       child = NextSibling(child, local_name)) {
    DUBAN_RETURN_IF_ERROR(fn(child));
  }
  return Status::Ok();
}

std::string_view Attribute(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (LocalName(a.name()) == local_name) return a.value();
  }
  return {};
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<int> ParseNonNegativeInt(std::string_view text) {
  text = TrimAscii(text);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// An XML part of the package, parsed in place: `data` backs the strings of `doc`.
struct XmlPart {
  std::string data;
  pugi::xml_document doc;
};

// nullptr when the package has no part `name`.
Result<std::unique_ptr<XmlPart>> LoadXml(ZipReader& zip, const std::string& name) {
  DUBAN_ASSIGN_OR_RETURN(std::optional<std::string> data, zip.Read(name));
  if (!data) return std::unique_ptr<XmlPart>();
  auto part = std::make_unique<XmlPart>();
  part->data = std::move(*data);
  // parse_ws_pcdata_single keeps <t xml:space="preserve"> </t>: a run that is only a space.
  const pugi::xml_parse_result parsed = part->doc.load_buffer_inplace(
      part->data.data(), part->data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return Malformed(name + " 不是有效的 XML（" + parsed.description() + "，位于第 " +
                     std::to_string(parsed.offset) + " 字节）");
  }
  return part;
}

// ---- Package relationships (OPC) -----------------------------------------------------------

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  // resolved to a path inside the zip
};

std::string DirectoryOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
}

// Resolves `target` against `base_dir` ("xl/"), handling absolute targets and "..".
std::string ResolvePath(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = end + 1;
  }
  std::string path;
  for (const std::string& s : segments) path += (path.empty() ? "" : "/") + s;
  return path;
}

// The relationships of `part` ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"); empty when
// the part has none.
Result<std::vector<Relationship>> ReadRelationships(ZipReader& zip, std::string_view part) {
  const std::string dir = DirectoryOf(part);
  const std::string rels_name = dir + "_rels/" + std::string(part.substr(dir.size())) + ".rels";
  DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<XmlPart> xml, LoadXml(zip, rels_name));
  std::vector<Relationship> result;
  if (!xml) return result;
  DUBAN_RETURN_IF_ERROR(
      ForEachChild(xml->doc.document_element(), "Relationship", [&](pugi::xml_node rel) -> Status {
        if (Attribute(rel, "TargetMode") == "External") return Status::Ok();
        result.push_back({std::string(Attribute(rel, "Id")), std::string(Attribute(rel, "Type")),
                          ResolvePath(dir, Attribute(rel, "Target"))});
        return Status::Ok();
      }));
  return result;
}

// Relationship types end in the same word in transitional and strict OOXML.
const Relationship* FindByType(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const Relationship& r : rels) {
    if (std::string_view(r.type).ends_with(suffix)) return &r;
  }
  return nullptr;
}

// ---- Number formats ------------------------------------------------------------------------

enum class ValueFormat { kGeneral, kDate, kTimeMinutes, kTimeSeconds };

// Excel's built-in formats that show a date or time; 27–36 and 50–58 are the East Asian
// locale formats (in zh-CN e.g. 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分").
ValueFormat BuiltInFormat(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return ValueFormat::kDate;
  }
  if (id == 18 || id == 20 || id == 32 || id == 34 || id == 55) return ValueFormat::kTimeMinutes;
  if (id == 19 || id == 21 || id == 33 || id == 35 || id == 56) return ValueFormat::kTimeSeconds;
  return ValueFormat::kGeneral;  // includes 45–47, durations, which stay numbers
}

// Classifies a custom format code by its first section's date/time tokens, skipping quoted
// text, escaped and padding characters and [bracketed] modifiers. "m" is a month unless h or s
// is present (then minutes). Elapsed-time formats ([h]:mm) are durations and stay numbers.
ValueFormat ClassifyFormatCode(std::string_view code) {
  bool year_or_day = false, month_or_minute = false, hour = false, second = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        return ValueFormat::kGeneral;
      }
      i = close;
      continue;
    }
    switch (c) {
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        year_or_day = true;
        break;
      case 'm':
      case 'M':
        month_or_minute = true;
        break;
      case 'h':
      case 'H':
        hour = true;
        break;
      case 's':
      case 'S':
        second = true;
        break;
      default:
        break;
    }
  }
  if (year_or_day || (month_or_minute && !hour && !second)) return ValueFormat::kDate;
  if (hour || second) return second ? ValueFormat::kTimeSeconds : ValueFormat::kTimeMinutes;
  return ValueFormat::kGeneral;
}

// The value format of each cell style (cellXfs index), from styles.xml.
Result<std::vector<ValueFormat>> ReadCellFormats(const XmlPart* styles) {
  std::vector<ValueFormat> formats;
  if (styles == nullptr) return formats;
  const pugi::xml_node root = styles->doc.document_element();
  std::vector<std::pair<int, ValueFormat>> custom;
  DUBAN_RETURN_IF_ERROR(
      ForEachChild(Child(root, "numFmts"), "numFmt", [&](pugi::xml_node fmt) -> Status {
        const std::optional<int> id = ParseNonNegativeInt(Attribute(fmt, "numFmtId"));
        if (!id) return Malformed("styles.xml 中的 numFmtId 无效");
        custom.emplace_back(*id, ClassifyFormatCode(Attribute(fmt, "formatCode")));
        return Status::Ok();
      }));
  DUBAN_RETURN_IF_ERROR(
      ForEachChild(Child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) -> Status {
        const std::string_view id_text = Attribute(xf, "numFmtId");
        const std::optional<int> id =
            id_text.empty() ? std::optional<int>(0) : ParseNonNegativeInt(id_text);
        if (!id) return Malformed("styles.xml 中的 numFmtId 无效");
        ValueFormat format = BuiltInFormat(*id);
        for (const auto& [custom_id, custom_format] : custom) {
          if (custom_id == *id) format = custom_format;
        }
        formats.push_back(format);
        return Status::Ok();
      }));
  return formats;
}

// ---- Values --------------------------------------------------------------------------------

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// OOXML writes characters XML cannot carry (and a literal "_x") as _xHHHH_ (ECMA-376 §22.9.2.19).
std::string DecodeEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      uint32_t cp = 0;
      auto [end, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, cp, 16);
      if (ec == std::errc() && end == text.data() + i + 6 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        AppendUtf8(out, cp);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Text of an <si> or <is>: its <t>, or its rich-text runs <r><t> joined; phonetic runs (<rPh>)
// are annotations and left out.
std::string RichText(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    const std::string_view name = LocalName(child.name());
    if (name == "t") {
      text += child.text().get();
    } else if (name == "r") {
      for (pugi::xml_node t = Child(child, "t"); t; t = NextSibling(t, "t")) text += t.text().get();
    }
  }
  return DecodeEscapes(text);
}

// A number as Excel shows it in General format and the formula bar: 15 significant digits,
// no trailing zeros, positional unless very large or small.
std::string FormatGeneralNumber(double value) {
  if (value == 0) return "0";
  char buf[40];
  const auto result =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));  // -d.dddddddddddddde±XX
  std::string out;
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t e_pos = sci.find('e');
  std::string digits = std::string(1, sci[0]) + std::string(sci.substr(2, e_pos - 2));
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (exponent > 20 || exponent < -9) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    const int magnitude = exponent < 0 ? -exponent : exponent;
    out += exponent < 0 ? "E-" : "E+";
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  const size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits + std::string(int_digits - digits.size(), '0');
  } else {
    out += digits.substr(0, int_digits) + "." + digits.substr(int_digits);
  }
  return out;
}

// Day serials as Excel counts them: the 1900 system keeps Lotus' fictitious 1900-02-29
// (serial 60); the 1904 system counts from 1904-01-01. nullopt outside 1900..9999.
std::optional<std::string> FormatSerialDate(double serial, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
  const long long days = std::llround(serial * 86400.0) / 86400;
  using std::chrono::sys_days;
  sys_days day;
  if (date1904) {
    day = sys_days(std::chrono::year(1904) / 1 / 1) + std::chrono::days(days);
  } else if (days == 60) {
    return "1900-02-29";
  } else {
    day = sys_days(std::chrono::year(1899) / 12 / (days < 60 ? 31 : 30)) + std::chrono::days(days);
  }
  const Date date(day);
  if (int(date.year()) > 9999) return std::nullopt;
  return FormatDate(date);
}

std::optional<std::string> FormatSerialTime(double serial, bool with_seconds) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
  const long long seconds = std::llround(serial * 86400.0) % 86400;
  char buf[16];
  const int n = with_seconds ? std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld",
                                             seconds / 3600, seconds / 60 % 60, seconds % 60)
                             : std::snprintf(buf, sizeof buf, "%02lld:%02lld", seconds / 3600,
                                             seconds / 60 % 60);
  return std::string(buf, static_cast<size_t>(n));
}

// ---- The worksheet -------------------------------------------------------------------------

struct SheetContext {
  std::string sheet_name;
  std::vector<std::string> shared_strings;
  std::vector<ValueFormat> cell_formats;
  bool date1904 = false;
};

Status CellError(const SheetContext& ctx, int row_number, int column, std::string what) {
  return InvalidArgument("工作表「" + ctx.sheet_name + "」单元格 " + CellName(row_number, column) +
                         ": " + what);
}

Result<std::string> CellText(const SheetContext& ctx, pugi::xml_node cell, int row_number,
                             int column) {
  std::string_view type = Attribute(cell, "t");
  const pugi::xml_node v = Child(cell, "v");
  const std::string_view raw = v.text().get();
  if (type.empty() || type == "n") {
    const std::string_view text = TrimAscii(raw);
    if (text.empty()) return std::string();
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return CellError(ctx, row_number, column, "数值 \"" + std::string(text) + "\" 无效");
    }
    ValueFormat format = ValueFormat::kGeneral;
    if (const std::optional<int> style = ParseNonNegativeInt(Attribute(cell, "s"));
        style && static_cast<size_t>(*style) < ctx.cell_formats.size()) {
      format = ctx.cell_formats[*style];
    }
    std::optional<std::string> shown;
    if (format == ValueFormat::kDate) shown = FormatSerialDate(value, ctx.date1904);
    if (format == ValueFormat::kTimeMinutes) shown = FormatSerialTime(value, false);
    if (format == ValueFormat::kTimeSeconds) shown = FormatSerialTime(value, true);
    return shown ? std::move(*shown) : FormatGeneralNumber(value);
  }
  if (type == "s") {
    const std::optional<int> index = ParseNonNegativeInt(raw);
    if (!index || static_cast<size_t>(*index) >= ctx.shared_strings.size()) {
      return CellError(ctx, row_number, column,
                       "共享字符串序号 \"" + std::string(raw) + "\" 超出范围");
    }
    return ctx.shared_strings[*index];
  }
  if (type == "inlineStr") return RichText(Child(cell, "is"));
  if (type == "str" || type == "e") return DecodeEscapes(raw);
  if (type == "b") {
    const std::string_view text = TrimAscii(raw);
    if (text.empty()) return std::string();
    if (text == "1" || text == "true") return std::string("TRUE");
    if (text == "0" || text == "false") return std::string("FALSE");
    return CellError(ctx, row_number, column, "布尔值 \"" + std::string(text) + "\" 无效");
  }
  if (type == "d") {  // ISO 8601, written by some tools instead of a serial
    const std::string_view text = TrimAscii(raw);
    if (text.size() >= 10 && ParseDate(text.substr(0, 10))) return std::string(text.substr(0, 10));
    return std::string(text);
  }
  return CellError(ctx, row_number, column, "未知的单元格类型 t=\"" + std::string(type) + "\"");
}

Result<ReadTable> ReadSheet(const SheetContext& ctx, const XmlPart& sheet) {
  const pugi::xml_node root = sheet.doc.document_element();
  if (LocalName(root.name()) != "worksheet") {
    return InvalidArgument("「" + ctx.sheet_name + "」不是普通工作表（可能是图表或对话框工作表）");
  }
  ReadTableBuilder builder;
  int previous_row = 0;
  const pugi::xml_node sheet_data = Child(root, "sheetData");
  DUBAN_RETURN_IF_ERROR(ForEachChild(sheet_data, "row", [&](pugi::xml_node row) -> Status {
    int row_number = previous_row + 1;
    if (const std::string_view r = Attribute(row, "r"); !r.empty()) {
      const std::optional<int> parsed = ParseNonNegativeInt(r);
      if (!parsed || *parsed < 1) {
        return Malformed("工作表「" + ctx.sheet_name + "」的行号 \"" + std::string(r) + "\" 无效");
      }
      row_number = *parsed;
    }
    if (row_number > kMaxExcelRows) {
      return Malformed("工作表「" + ctx.sheet_name + "」的行号超过 " +
                       std::to_string(kMaxExcelRows));
    }
    previous_row = row_number;
    std::vector<std::string> cells;
    int column = 0;
    DUBAN_RETURN_IF_ERROR(ForEachChild(row, "c", [&](pugi::xml_node cell) -> Status {
      if (const std::string_view ref = Attribute(cell, "r"); !ref.empty()) {
        const std::optional<CellReference> parsed = ParseCellReference(ref);
        if (!parsed) {
          return Malformed("工作表「" + ctx.sheet_name + "」第 " + std::to_string(row_number) +
                           " 行的单元格引用 \"" + std::string(ref) + "\" 无效");
        }
        column = parsed->column;
      }
      if (column >= kMaxExcelColumns) {
        return Malformed("工作表「" + ctx.sheet_name + "」第 " + std::to_string(row_number) +
                         " 行的单元格超出 XFD 列");
      }
      DUBAN_ASSIGN_OR_RETURN(std::string text, CellText(ctx, cell, row_number, column));
      if (!IsValidUtf8(text)) return CellError(ctx, row_number, column, "文本不是有效的 UTF-8");
      text = TrimSpace(text);
      if (!text.empty()) {
        if (cells.size() <= static_cast<size_t>(column)) cells.resize(column + 1);
        cells[column] = std::move(text);
      }
      ++column;
      return Status::Ok();
    }));
    return builder.AddRow(row_number, std::move(cells));
  }));
  return builder.Finish();
}

}  // namespace

Result<ReadTable> ReadXlsx(std::string_view bytes, int sheet_index) {
  // libzip opens zero bytes as an empty archive.
  if (bytes.empty()) return InvalidArgument("文件为空，不是有效的 XLSX 文件");
  if (bytes.starts_with(kOleMagic)) {
    return InvalidArgument(
        "这是旧版 .xls 文件或加密的工作簿，请在 Excel/WPS 中另存为不加密的 .xlsx 后再导入");
  }
  DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<ZipReader> zip, ZipReader::Open(bytes));

  // The workbook part, from the package relationships; every writer uses xl/workbook.xml.
  DUBAN_ASSIGN_OR_RETURN(std::vector<Relationship> package_rels, ReadRelationships(*zip, ""));
  const Relationship* office_document = FindByType(package_rels, "/officeDocument");
  const std::string workbook_name = office_document ? office_document->target : "xl/workbook.xml";
  DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<XmlPart> workbook, LoadXml(*zip, workbook_name));
  if (!workbook) return InvalidArgument("不是有效的 XLSX 文件（缺少 " + workbook_name + "）");
  const pugi::xml_node workbook_root = workbook->doc.document_element();

  struct SheetEntry {
    std::string name;
    std::string relationship_id;
  };
  std::vector<SheetEntry> sheets;
  DUBAN_RETURN_IF_ERROR(
      ForEachChild(Child(workbook_root, "sheets"), "sheet", [&](pugi::xml_node sheet) -> Status {
        sheets.push_back(
            {std::string(Attribute(sheet, "name")), std::string(Attribute(sheet, "id"))});
        return Status::Ok();
      }));
  if (sheets.empty()) return Malformed("工作簿中没有工作表");
  if (sheet_index < 0 || static_cast<size_t>(sheet_index) >= sheets.size()) {
    return InvalidArgument("工作簿只有 " + std::to_string(sheets.size()) + " 个工作表，没有第 " +
                           std::to_string(static_cast<long long>(sheet_index) + 1) + " 个");
  }
  SheetContext ctx;
  ctx.sheet_name = sheets[sheet_index].name;
  const std::string_view date1904 = Attribute(Child(workbook_root, "workbookPr"), "date1904");
  ctx.date1904 = date1904 == "1" || date1904 == "true";

  DUBAN_ASSIGN_OR_RETURN(std::vector<Relationship> workbook_rels,
                         ReadRelationships(*zip, workbook_name));
  const Relationship* sheet_rel = nullptr;
  for (const Relationship& r : workbook_rels) {
    if (r.id == sheets[sheet_index].relationship_id) sheet_rel = &r;
  }
  if (sheet_rel == nullptr) {
    return Malformed("找不到工作表「" + ctx.sheet_name + "」对应的数据（关系 \"" +
                     sheets[sheet_index].relationship_id + "\"）");
  }

  if (const Relationship* rel = FindByType(workbook_rels, "/sharedStrings")) {
    DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<XmlPart> sst, LoadXml(*zip, rel->target));
    if (sst) {
      DUBAN_RETURN_IF_ERROR(
          ForEachChild(sst->doc.document_element(), "si", [&](pugi::xml_node si) -> Status {
            ctx.shared_strings.push_back(RichText(si));
            return Status::Ok();
          }));
    }
  }
  if (const Relationship* rel = FindByType(workbook_rels, "/styles")) {
    DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<XmlPart> styles, LoadXml(*zip, rel->target));
    DUBAN_ASSIGN_OR_RETURN(ctx.cell_formats, ReadCellFormats(styles.get()));
  }

  DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<XmlPart> sheet, LoadXml(*zip, sheet_rel->target));
  if (!sheet) return Malformed("缺少工作表「" + ctx.sheet_name + "」的数据 " + sheet_rel->target);
  return ReadSheet(ctx, *sheet);
}

}  // namespace duban::io
