#include "io/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "core/time.h"
#include "io/cell_reference.h"
#include "io/read_table_builder.h"
#include "io/xlsx_number_format.h"

namespace duban::io {
namespace {

Status Malformed(const std::string& what) { return InvalidArgument("XLSX 文件格式错误: " + what); }

// The compound-file header of legacy .xls workbooks and of password-protected .xlsx files.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// ---- The zip container -------------------------------------------------------------------

class ZipReader {
 public:
  static constexpr size_t kChunkBytes = 64 * 1024;

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
  // kResourceExhausted when it inflates to more than `max_bytes`.
  Result<std::optional<std::string>> Read(const std::string& name, size_t max_bytes) {
    std::string data;
    DUBAN_ASSIGN_OR_RETURN(bool found, Stream(name, max_bytes, [&](std::string_view chunk) {
                             data.append(chunk);
                             return Status::Ok();
                           }));
    if (!found) return std::optional<std::string>();
    return std::optional<std::string>(std::move(data));
  }

  // Inflates entry `name` in chunks of at most kChunkBytes, handing each to `sink`, so a part
  // is never held whole; false when there is no such entry. kResourceExhausted once it passes
  // `max_bytes`, whatever its header claims (zip bombs); the first error of `sink` stops it.
  template <typename Sink>
  Result<bool> Stream(const std::string& name, size_t max_bytes, Sink&& sink) {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return false;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_SIZE) == 0) {
      return Malformed("无法读取 " + name + " 的大小");
    }
    auto too_big = [&] {
      return ResourceExhausted("XLSX 文件中的 " + name + " 解压后超过 " +
                               std::to_string(max_bytes / (1024 * 1024)) + " MB，拒绝导入");
    };
    if (stat.size > max_bytes) return too_big();
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      return Malformed("无法解压 " + name + "（" + zip_strerror(archive_) + "）");
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(file, zip_fclose);
    std::string chunk(kChunkBytes, '\0');
    size_t total = 0;
    for (;;) {
      const zip_int64_t n = zip_fread(file, chunk.data(), chunk.size());
      if (n < 0) return Malformed("解压 " + name + " 出错（" + zip_file_strerror(file) + "）");
      if (n == 0) break;
      total += static_cast<size_t>(n);
      if (total > max_bytes) return too_big();
      DUBAN_RETURN_IF_ERROR(sink(std::string_view(chunk.data(), static_cast<size_t>(n))));
    }
    if (total != stat.size) return Malformed(name + " 的数据不完整");
    return true;
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
// Only the small parts (relationships, the workbook) are parsed whole, as a DOM costs up to 16
// times the XML's size; the sheet, its shared strings and the styles are streamed (XmlStream).
Result<std::unique_ptr<XmlPart>> LoadXml(ZipReader& zip, const std::string& name) {
  DUBAN_ASSIGN_OR_RETURN(std::optional<std::string> data, zip.Read(name, kMaxXlsxSmallPartBytes));
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

// ---- Values --------------------------------------------------------------------------------

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

// ---- Streaming XML (expat): big parts are read as they inflate, never held whole ----------

// Elements deeper than this are refused: a worksheet nests 7 deep, and expat keeps every open
// tag in memory.
constexpr size_t kMaxXmlDepth = 64;

// The attribute `local_name` of an expat start tag (name/value pairs, then nullptr).
std::string_view StreamAttribute(const XML_Char** attributes, std::string_view local_name) {
  for (const XML_Char** a = attributes; a[0] != nullptr; a += 2) {
    if (LocalName(a[0]) == local_name) return a[1];
  }
  return {};
}

// Feeds a part to expat chunk by chunk and calls the handler's
//   Status Start(const Path&, const XML_Char** attributes), void Text(const Path&, string_view),
//   Status End(const Path&),
// where Path holds the local names from the root element down to the current one. A DOCTYPE is
// refused, so no entity is ever expanded. The first error stops the parse and is returned.
using XmlPath = std::vector<std::string>;

template <typename Handler>
class XmlStream {
 public:
  XmlStream(std::string part, Handler& handler)
      : part_(std::move(part)), handler_(handler), parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlStream::OnStart, &XmlStream::OnEnd);
    XML_SetCharacterDataHandler(parser_, &XmlStream::OnText);
    XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::OnDoctype);
  }
  ~XmlStream() { XML_ParserFree(parser_); }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  Status Feed(std::string_view chunk) { return Parse(chunk.data(), chunk.size(), false); }
  Status Finish() { return Parse(nullptr, 0, true); }

 private:
  Status Parse(const char* data, size_t size, bool last) {
    if (!status_.ok()) return status_;
    if (XML_Parse(parser_, data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_ERROR &&
        status_.ok()) {
      const XML_Error code = XML_GetErrorCode(parser_);
      std::string what = XML_ErrorString(code);
      // Say so when the bad token is bytes that are not UTF-8 (the usual cause).
      const XML_Index at = XML_GetCurrentByteIndex(parser_) - fed_;
      if (code == XML_ERROR_INVALID_TOKEN && at >= 0 && static_cast<size_t>(at) < size) {
        std::string_view rest(data + at, std::min<size_t>(4, size - static_cast<size_t>(at)));
        bool starts_with_a_character = false;
        for (size_t n = 1; n <= rest.size(); ++n) {
          starts_with_a_character = starts_with_a_character || IsValidUtf8(rest.substr(0, n));
        }
        if (!starts_with_a_character) what = "文本不是有效的 UTF-8";
      }
      status_ = Malformed(part_ + " 不是有效的 XML（" + what + "，位于第 " +
                          std::to_string(XML_GetCurrentLineNumber(parser_)) + " 行第 " +
                          std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + " 列）");
    }
    fed_ += static_cast<XML_Index>(size);
    return status_;
  }

  void Stop(Status s) {
    if (status_.ok()) status_ = std::move(s);
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL OnStart(void* user, const XML_Char* name, const XML_Char** attributes) {
    auto* self = static_cast<XmlStream*>(user);
    if (!self->status_.ok()) return;
    if (self->path_.size() >= kMaxXmlDepth) {
      return self->Stop(
          Malformed(self->part_ + " 的元素嵌套超过 " + std::to_string(kMaxXmlDepth) + " 层"));
    }
    self->path_.emplace_back(LocalName(name));
    if (Status s = self->handler_.Start(self->path_, attributes); !s.ok()) self->Stop(s);
  }
  static void XMLCALL OnEnd(void* user, const XML_Char* /*name*/) {
    auto* self = static_cast<XmlStream*>(user);
    if (!self->status_.ok()) return;
    if (Status s = self->handler_.End(self->path_); !s.ok()) return self->Stop(s);
    self->path_.pop_back();
  }
  static void XMLCALL OnText(void* user, const XML_Char* text, int length) {
    auto* self = static_cast<XmlStream*>(user);
    if (!self->status_.ok()) return;
    self->handler_.Text(self->path_, std::string_view(text, static_cast<size_t>(length)));
  }
  static void XMLCALL OnDoctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*,
                                int) {
    auto* self = static_cast<XmlStream*>(user);
    self->Stop(Malformed(self->part_ + " 含有 DOCTYPE 声明，XLSX 中不应出现"));
  }

  std::string part_;
  Handler& handler_;
  XML_Parser parser_;
  XML_Index fed_ = 0;  // bytes handed to expat before the current chunk
  XmlPath path_;
  Status status_ = Status::Ok();
};

// Streams part `name` through `handler`; false when the package has no such part.
template <typename Handler>
Result<bool> StreamXml(ZipReader& zip, const std::string& name, Handler& handler) {
  XmlStream<Handler> xml(name, handler);
  DUBAN_ASSIGN_OR_RETURN(bool found, zip.Stream(name, kMaxXlsxEntryBytes,
                                                [&](std::string_view c) { return xml.Feed(c); }));
  if (!found) return false;
  DUBAN_RETURN_IF_ERROR(xml.Finish());
  return true;
}

// The shared strings, in one buffer: a part of tiny <si/> elements must not become millions of
// std::string objects.
class SharedStrings {
 public:
  void Add(std::string_view text) {
    data_.append(text);
    ends_.push_back(static_cast<uint32_t>(data_.size()));
  }
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string data_;  // at most kMaxXlsxEntryBytes: offsets fit 32 bits
  std::vector<uint32_t> ends_;
};

// Text of an <si> or <is> (at path depth `base`): its <t>, or its rich-text runs <r><t> joined;
// phonetic runs (<rPh>) are annotations and left out. True when `text` belongs to it.
bool IsRichText(const XmlPath& path, size_t base) {
  return (path.size() == base + 1 && path[base] == "t") ||
         (path.size() == base + 2 && path[base] == "r" && path[base + 1] == "t");
}

// sharedStrings.xml: <sst><si>…</si>…</sst>.
struct SharedStringsReader {
  SharedStrings& out;
  std::string text;

  Status Start(const XmlPath& path, const XML_Char**) {
    if (path.size() == 2 && path[1] == "si") text.clear();
    return Status::Ok();
  }
  void Text(const XmlPath& path, std::string_view t) {
    if (path.size() >= 2 && path[1] == "si" && IsRichText(path, 2)) text.append(t);
  }
  Status End(const XmlPath& path) {
    if (path.size() == 2 && path[1] == "si") out.Add(DecodeEscapes(text));
    return Status::Ok();
  }
};

// styles.xml: the value format of each cell style (cellXfs index), from the first <numFmts>
// and <cellXfs> under the root.
struct StylesReader {
  std::unordered_map<int, ValueFormat> custom;  // numFmtId -> format; a later one wins
  std::vector<int> xf_format_ids;
  int num_fmts_seen = 0, cell_xfs_seen = 0;

  Status Start(const XmlPath& path, const XML_Char** attributes) {
    if (path.size() == 2) {
      num_fmts_seen += path[1] == "numFmts";
      cell_xfs_seen += path[1] == "cellXfs";
    }
    if (path.size() != 3) return Status::Ok();
    if (path[1] == "numFmts" && num_fmts_seen == 1 && path[2] == "numFmt") {
      const std::optional<int> id = ParseNonNegativeInt(StreamAttribute(attributes, "numFmtId"));
      if (!id) return Malformed("styles.xml 中的 numFmtId 无效");
      custom[*id] = ClassifyFormatCode(StreamAttribute(attributes, "formatCode"));
    } else if (path[1] == "cellXfs" && cell_xfs_seen == 1 && path[2] == "xf") {
      const std::string_view id_text = StreamAttribute(attributes, "numFmtId");
      const std::optional<int> id =
          id_text.empty() ? std::optional<int>(0) : ParseNonNegativeInt(id_text);
      if (!id) return Malformed("styles.xml 中的 numFmtId 无效");
      xf_format_ids.push_back(*id);
    }
    return Status::Ok();
  }
  void Text(const XmlPath&, std::string_view) {}
  Status End(const XmlPath&) { return Status::Ok(); }

  std::vector<ValueFormat> Formats() const {
    std::vector<ValueFormat> formats;
    formats.reserve(xf_format_ids.size());
    for (int id : xf_format_ids) {
      auto it = custom.find(id);
      formats.push_back(it == custom.end() ? BuiltInFormat(id) : it->second);
    }
    return formats;
  }
};

// ---- The worksheet -------------------------------------------------------------------------

struct SheetContext {
  std::string sheet_name;
  SharedStrings shared_strings;
  std::vector<ValueFormat> cell_formats;
  bool date1904 = false;
};

Status CellError(const SheetContext& ctx, int row_number, int column, const std::string& what) {
  return InvalidArgument("工作表「" + ctx.sheet_name + "」单元格 " + CellName(row_number, column) +
                         ": " + what);
}

// One <c> as the sheet gave it.
struct RawCell {
  std::string type;         // t=
  std::string style;        // s=
  std::string value;        // text of the first <v>
  std::string inline_text;  // text of the first <is>
};

Result<std::string> CellText(const SheetContext& ctx, const RawCell& cell, int row_number,
                             int column) {
  const std::string_view type = cell.type;
  const std::string_view raw = cell.value;
  if (type.empty() || type == "n") {
    const std::string_view text = TrimAscii(raw);
    if (text.empty()) return std::string();
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return CellError(ctx, row_number, column, "数值 \"" + std::string(text) + "\" 无效");
    }
    ValueFormat format = ValueFormat::kGeneral;
    if (const std::optional<int> style = ParseNonNegativeInt(cell.style);
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
    return std::string(ctx.shared_strings[*index]);
  }
  if (type == "inlineStr") return DecodeEscapes(cell.inline_text);
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

// The worksheet part: <worksheet><sheetData><row r=><c r= t= s=><v>…</v> or <is>…</is></c>.
// Only the first <sheetData> under the root counts; other elements are skipped.
class SheetReader {
 public:
  explicit SheetReader(const SheetContext& ctx) : ctx_(ctx) {}

  Status Start(const XmlPath& path, const XML_Char** attributes) {
    const size_t depth = path.size();
    if (depth == 1 && path[0] != "worksheet") {
      return InvalidArgument("「" + ctx_.sheet_name +
                             "」不是普通工作表（可能是图表或对话框工作表）");
    }
    if (depth == 2 && path[1] == "sheetData") in_sheet_data_ = ++sheet_data_seen_ == 1;
    if (!in_sheet_data_ || depth < 3 || path[2] != "row") return Status::Ok();
    if (depth == 3) return StartRow(attributes);
    if (depth == 4 && path[3] == "c") return StartCell(attributes);
    if (depth == 5 && in_cell_) {
      if (path[4] == "v") in_value_ = ++values_seen_ == 1;
      if (path[4] == "is") in_inline_ = ++inlines_seen_ == 1;
    }
    return Status::Ok();
  }

  void Text(const XmlPath& path, std::string_view text) {
    if (!in_cell_) return;
    if (in_value_ && path.size() == 5) cell_.value.append(text);
    if (in_inline_ && path.size() > 5 && IsRichText(path, 5)) cell_.inline_text.append(text);
  }

  Status End(const XmlPath& path) {
    const size_t depth = path.size();
    if (depth == 2 && path[1] == "sheetData") in_sheet_data_ = false;
    if (!in_sheet_data_ || depth < 3 || path[2] != "row") return Status::Ok();
    if (depth == 5) {
      if (path[4] == "v") in_value_ = false;
      if (path[4] == "is") in_inline_ = false;
    }
    if (depth == 4 && path[3] == "c") return EndCell();
    if (depth == 3) return builder_.AddRow(row_number_, std::move(cells_));
    return Status::Ok();
  }

  ReadTable Finish() { return builder_.Finish(); }

 private:
  Status StartRow(const XML_Char** attributes) {
    int row_number = previous_row_ + 1;
    if (const std::string_view r = StreamAttribute(attributes, "r"); !r.empty()) {
      const std::optional<int> parsed = ParseNonNegativeInt(r);
      if (!parsed || *parsed < 1) {
        return Malformed("工作表「" + ctx_.sheet_name + "」的行号 \"" + std::string(r) + "\" 无效");
      }
      row_number = *parsed;
    }
    if (row_number > kMaxExcelRows) {
      return Malformed("工作表「" + ctx_.sheet_name + "」的行号超过 " +
                       std::to_string(kMaxExcelRows));
    }
    previous_row_ = row_number_ = row_number;
    cells_.clear();
    column_ = 0;
    return Status::Ok();
  }

  Status StartCell(const XML_Char** attributes) {
    if (const std::string_view ref = StreamAttribute(attributes, "r"); !ref.empty()) {
      const std::optional<CellReference> parsed = ParseCellReference(ref);
      if (!parsed) {
        return Malformed("工作表「" + ctx_.sheet_name + "」第 " + std::to_string(row_number_) +
                         " 行的单元格引用 \"" + std::string(ref) + "\" 无效");
      }
      column_ = parsed->column;
    }
    if (column_ >= kMaxExcelColumns) {
      return Malformed("工作表「" + ctx_.sheet_name + "」第 " + std::to_string(row_number_) +
                       " 行的单元格超出 XFD 列");
    }
    cell_ = RawCell{std::string(StreamAttribute(attributes, "t")),
                    std::string(StreamAttribute(attributes, "s")),
                    {},
                    {}};
    in_cell_ = true;
    values_seen_ = inlines_seen_ = 0;
    return Status::Ok();
  }

  Status EndCell() {
    in_cell_ = in_value_ = in_inline_ = false;
    DUBAN_ASSIGN_OR_RETURN(std::string text, CellText(ctx_, cell_, row_number_, column_));
    if (!IsValidUtf8(text)) return CellError(ctx_, row_number_, column_, "文本不是有效的 UTF-8");
    text = TrimSpace(text);
    if (!text.empty()) {
      if (cells_.size() <= static_cast<size_t>(column_)) cells_.resize(column_ + 1);
      cells_[column_] = std::move(text);
    }
    ++column_;
    return Status::Ok();
  }

  const SheetContext& ctx_;
  ReadTableBuilder builder_;
  int sheet_data_seen_ = 0;
  bool in_sheet_data_ = false;
  int previous_row_ = 0, row_number_ = 0, column_ = 0;
  std::vector<std::string> cells_;
  RawCell cell_;
  bool in_cell_ = false, in_value_ = false, in_inline_ = false;
  int values_seen_ = 0, inlines_seen_ = 0;
};

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
    SharedStringsReader reader{ctx.shared_strings, {}};
    DUBAN_RETURN_IF_ERROR(StreamXml(*zip, rel->target, reader).status());
  }
  if (const Relationship* rel = FindByType(workbook_rels, "/styles")) {
    StylesReader reader;
    DUBAN_ASSIGN_OR_RETURN(bool found, StreamXml(*zip, rel->target, reader));
    if (found) ctx.cell_formats = reader.Formats();
  }

  SheetReader reader(ctx);
  DUBAN_ASSIGN_OR_RETURN(bool found, StreamXml(*zip, sheet_rel->target, reader));
  if (!found) return Malformed("缺少工作表「" + ctx.sheet_name + "」的数据 " + sheet_rel->target);
  return reader.Finish();
}

}  // namespace duban::io
