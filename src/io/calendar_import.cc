#include "io/calendar_import.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/text.h"
#include "core/time.h"

namespace duban {
namespace {

using nlohmann::json;
using std::chrono::sys_days;

constexpr size_t kMaxInputBytes = size_t{16} << 20;
constexpr int kMaxJsonDepth = 16;
constexpr int kMaxEventDays = 366;
constexpr size_t kMaxComponentDepth = 8;
constexpr size_t kMaxIcsNameChars = 64;

// Checks each year as WorkCalendar::SetYear would, so that what the parsers return always loads;
// returns the days sorted by date.
// `prefix` and `suffix` around the year name it in an error ("years." "2026", "" "2026" " 年").
Result<CalendarYears> CheckYears(const CalendarYears& years, std::string_view prefix,
                                 std::string_view suffix) {
  CalendarYears out;
  for (const auto& [year, days] : years) {
    WorkCalendar probe;
    Status s = probe.SetYear(year, days);
    if (!s.ok()) {
      std::string field = std::string(prefix) + std::to_string(year);
      return s.WithContext(field + std::string(suffix)).WithField(field);
    }
    out[year] = probe.Days(year);
  }
  return out;
}

// Shown in messages only when it is short, printable text.
std::string Quoted(std::string_view text) {
  if (text.size() > 40 || !IsValidUtf8(text) || HasControlCharacters(text)) return "该值";
  return "\"" + std::string(text) + "\"";
}

// ---- JSON -----------------------------------------------------------------------------------

Status JsonError(const std::string& path, const std::string& what) {
  return InvalidArgument(path + "：" + what, path);
}

// nlohmann's parser is iterative, but bounding the depth first keeps any recursion over the
// value (destruction, dumps) shallow whatever the input.
bool NestingWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string LineAndColumn(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "第 " + std::to_string(line) + " 行第 " + std::to_string(column) + " 列";
}

Result<CalendarDay> ParseJsonDay(const json& value, const std::string& path) {
  if (!value.is_object()) return JsonError(path, "应为含 date、working 的对象");
  auto date_it = value.find("date");
  if (date_it == value.end()) return JsonError(path, "缺少 date");
  if (!date_it->is_string()) return JsonError(path + ".date", "应为 \"YYYY-MM-DD\" 字符串");
  const std::string& date_text = date_it->get_ref<const std::string&>();
  std::optional<Date> date = ParseDate(date_text);
  if (!date) {
    return JsonError(path + ".date", Quoted(date_text) + " 不是 YYYY-MM-DD 格式的有效日期");
  }
  auto working_it = value.find("working");
  if (working_it == value.end()) return JsonError(path, "缺少 working");
  if (!working_it->is_boolean()) return JsonError(path + ".working", "应为 true 或 false");
  CalendarDay day{*date, working_it->get<bool>(), ""};
  if (auto name_it = value.find("name"); name_it != value.end()) {
    if (!name_it->is_string()) return JsonError(path + ".name", "应为字符串");
    day.name = name_it->get_ref<const std::string&>();
  }
  return day;
}

Status AddJsonDays(const json& list, const std::string& path, std::optional<int> year,
                   CalendarYears& out) {
  if (!list.is_array()) return JsonError(path, "应为日期列表");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    DUBAN_ASSIGN_OR_RETURN(CalendarDay day, ParseJsonDay(list[i], item_path));
    int day_year = int(day.date.year());
    if (year && day_year != *year) {
      return JsonError(item_path + ".date",
                       FormatDate(day.date) + " 不在 " + std::to_string(*year) + " 年内");
    }
    out[day_year].push_back(std::move(day));
  }
  return Status::Ok();
}

std::optional<int> ParseYearKey(std::string_view key) {
  if (key.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < WorkCalendar::kMinYear || year > WorkCalendar::kMaxYear) return std::nullopt;
  return year;
}

// ---- iCalendar ------------------------------------------------------------------------------

struct IcsLine {
  size_t line_no;  // of the first physical line, 1-based
  std::string text;
};

struct Property {
  std::string name;                                         // upper case
  std::vector<std::pair<std::string, std::string>> params;  // name upper case, value as given
  std::string value;
};

struct Event {
  size_t line_no = 0;  // of BEGIN:VEVENT
  std::optional<Date> start;
  std::optional<Date> end;
  std::optional<int> duration_days;
  std::optional<std::string> summary;
  std::optional<bool> apple_working;
  bool repeats = false;
};

struct IcsDay {
  bool working;
  std::string name;
  size_t line_no;
};

Status LineError(size_t line_no, const std::string& what) {
  return InvalidArgument("第 " + std::to_string(line_no) + " 行：" + what,
                         "line " + std::to_string(line_no));
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// RFC 5545 §3.1: lines end in CRLF (LF accepted); a line starting with a space or tab continues
// the previous one, without that first character.
Result<std::vector<IcsLine>> Unfold(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<IcsLine> lines;
  size_t pos = 0;
  size_t line_no = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view raw = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.empty()) continue;
    if (raw[0] == ' ' || raw[0] == '\t') {
      if (lines.empty()) return LineError(line_no, "续行之前没有内容行");
      lines.back().text.append(raw.substr(1));
      continue;
    }
    lines.push_back({line_no, std::string(raw)});
  }
  return lines;
}

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// name *(";" param) ":" value, where a param value may be a quoted string holding ':' and ';'.
Result<Property> ParseProperty(const IcsLine& line) {
  const std::string& s = line.text;
  size_t i = 0;
  while (i < s.size() && IsNameChar(s[i])) ++i;
  if (i == 0) return LineError(line.line_no, "应为 名称:值 形式的内容行");
  if (i > kMaxIcsNameChars) return LineError(line.line_no, "属性名过长");
  Property property;
  property.name = Upper(std::string_view(s).substr(0, i));
  while (i < s.size() && s[i] == ';') {
    size_t name_start = ++i;
    while (i < s.size() && IsNameChar(s[i])) ++i;
    if (i == name_start || i >= s.size() || s[i] != '=') {
      return LineError(line.line_no, property.name + " 的参数格式错误");
    }
    std::string param_name = Upper(std::string_view(s).substr(name_start, i - name_start));
    size_t value_start = ++i;
    bool quoted = false;
    while (i < s.size() && (quoted || (s[i] != ';' && s[i] != ':'))) {
      if (s[i] == '"') quoted = !quoted;
      ++i;
    }
    if (quoted) return LineError(line.line_no, property.name + " 的参数缺少右引号");
    std::string value = s.substr(value_start, i - value_start);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    property.params.emplace_back(std::move(param_name), std::move(value));
  }
  if (i >= s.size() || s[i] != ':') {
    return LineError(line.line_no, "应为 名称:值 形式的内容行，" + property.name + " 后缺少冒号");
  }
  property.value = s.substr(i + 1);
  return property;
}

// RFC 5545 §3.3.11 TEXT: \\ \; \, \n \N. A newline becomes a space: names are one line.
std::string UnescapeText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[++i];
      out += (next == 'n' || next == 'N') ? ' ' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<Date> ParseIcsDate(const Property& property, size_t line_no) {
  for (const auto& [name, value] : property.params) {
    if (name == "VALUE" && Upper(value) != "DATE") {
      return LineError(
          line_no, property.name + " 只支持全天日期（VALUE=DATE），收到 VALUE=" + Quoted(value));
    }
  }
  const std::string& v = property.value;
  if (v.find('T') != std::string::npos || v.find('t') != std::string::npos) {
    return LineError(line_no, property.name + " 是日期时间 " + Quoted(v) +
                                  "；只支持全天日期（VALUE=DATE，如 20261001）");
  }
  bool digits =
      v.size() == 8 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::optional<Date> date;
  if (digits) date = ParseDate(v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2));
  if (!date) {
    return LineError(line_no,
                     property.name + " 的值 " + Quoted(v) + " 不是 YYYYMMDD 格式的有效日期");
  }
  return *date;
}

// P<n>D or P<n>W (optionally signed "+"): the only durations a whole-day event can have.
Result<int> ParseDurationDays(const Property& property, size_t line_no) {
  std::string_view v = property.value;
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  Status bad = LineError(line_no, "DURATION " + Quoted(property.value) + " 应为 P<n>D 或 P<n>W");
  if (v.size() < 3 || v.size() > 6 || v[0] != 'P' || (v.back() != 'D' && v.back() != 'W')) {
    return bad;
  }
  int n = 0;
  for (char c : v.substr(1, v.size() - 2)) {
    if (c < '0' || c > '9') return bad;
    n = n * 10 + (c - '0');
  }
  return v.back() == 'W' ? n * 7 : n;
}

bool SummaryMeansWorking(std::string_view summary) {
  if (summary.find("班") != std::string_view::npos) return true;
  std::string lower = Lower(summary);
  for (std::string_view word : {"working", "workday", "work day"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

Status RecordEventProperty(const Property& property, size_t line_no, Event& event) {
  auto once = [&](bool already) {
    return already ? LineError(line_no, "事件中重复的 " + property.name) : Status::Ok();
  };
  if (property.name == "DTSTART") {
    DUBAN_RETURN_IF_ERROR(once(event.start.has_value()));
    DUBAN_ASSIGN_OR_RETURN(event.start, ParseIcsDate(property, line_no));
  } else if (property.name == "DTEND") {
    DUBAN_RETURN_IF_ERROR(once(event.end.has_value()));
    DUBAN_ASSIGN_OR_RETURN(event.end, ParseIcsDate(property, line_no));
  } else if (property.name == "DURATION") {
    DUBAN_RETURN_IF_ERROR(once(event.duration_days.has_value()));
    DUBAN_ASSIGN_OR_RETURN(event.duration_days, ParseDurationDays(property, line_no));
  } else if (property.name == "SUMMARY") {
    DUBAN_RETURN_IF_ERROR(once(event.summary.has_value()));
    event.summary = TrimSpace(UnescapeText(property.value));
  } else if (property.name == "X-APPLE-SPECIAL-DAY") {
    std::string kind = Upper(property.value);
    if (kind == "ALTERNATE-WORKDAY") event.apple_working = true;
    if (kind == "WORK-HOLIDAY") event.apple_working = false;
  } else if (property.name == "RRULE" || property.name == "RDATE") {
    event.repeats = true;
  }
  return Status::Ok();
}

Status AddEventDays(const Event& event, std::map<sys_days, IcsDay>& days) {
  auto fail = [&](const std::string& what) {
    std::string line = std::to_string(event.line_no);
    return InvalidArgument("第 " + line + " 行开始的事件" + what, "line " + line);
  };
  if (event.repeats) return fail("使用了 RRULE/RDATE 重复规则，不支持；请逐日列出");
  if (!event.start) return fail("缺少 DTSTART");
  if (!event.summary) return fail("缺少 SUMMARY，无法判断是假日还是调休上班");
  if (event.end && event.duration_days) return fail("同时有 DTEND 和 DURATION");
  sys_days start{*event.start};
  sys_days end = start + std::chrono::days{1};
  if (event.end) end = sys_days{*event.end};
  if (event.duration_days) end = start + std::chrono::days{*event.duration_days};
  if (end <= start) return fail("的结束日期不晚于开始日期");
  if ((end - start).count() > kMaxEventDays) {
    return fail("超过 " + std::to_string(kMaxEventDays) + " 天");
  }
  bool working = event.apple_working.value_or(SummaryMeansWorking(*event.summary));
  for (sys_days d = start; d < end; d += std::chrono::days{1}) {
    auto [it, inserted] = days.try_emplace(d, IcsDay{working, *event.summary, event.line_no});
    if (!inserted && it->second.working != working) {
      return fail("把 " + FormatDate(Date{d}) + " 定为" + (working ? "工作日" : "假日") +
                  "，但第 " + std::to_string(it->second.line_no) + " 行开始的事件定为" +
                  (it->second.working ? "工作日" : "假日"));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CalendarYears> ParseCalendarJson(std::string_view text) {
  if (text.size() > kMaxInputBytes) return InvalidArgument("日历文件超过 16 MiB");
  if (!NestingWithin(text, kMaxJsonDepth)) return InvalidArgument("日历 JSON 嵌套过深");
  json root;
  // The adapter around a throwing library: nlohmann reports malformed input by exception.
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    size_t byte = e.byte == 0 ? 0 : e.byte - 1;
    return InvalidArgument("日历 JSON 格式错误，位于" + LineAndColumn(text, byte) + "附近");
  } catch (const json::exception&) {
    return InvalidArgument("日历 JSON 无法读取：含有超出范围的数字等无效内容");
  }
  CalendarYears years;
  if (root.is_array()) {
    DUBAN_RETURN_IF_ERROR(AddJsonDays(root, "", std::nullopt, years));
    if (years.empty()) return InvalidArgument("日期列表为空");
    return CheckYears(years, "", " 年");
  }
  if (!root.is_object() || !root.contains("years")) {
    return InvalidArgument("日历 JSON 应为含 \"years\" 的对象，或日期列表");
  }
  if (auto source = root.find("source"); source != root.end() && !source->is_string()) {
    return JsonError("source", "应为字符串");
  }
  const json& by_year = *root.find("years");
  if (!by_year.is_object()) return JsonError("years", "应为以年份为键的对象");
  if (by_year.empty()) return JsonError("years", "没有任何年份");
  for (const auto& [key, list] : by_year.items()) {
    std::optional<int> year = ParseYearKey(key);
    if (!year) {
      return JsonError("years", "键 " + Quoted(key) + " 不是 " +
                                    std::to_string(WorkCalendar::kMinYear) + " 到 " +
                                    std::to_string(WorkCalendar::kMaxYear) + " 之间的四位年份");
    }
    std::string path = "years." + key;
    years[*year];  // a year may list no days
    DUBAN_RETURN_IF_ERROR(AddJsonDays(list, path, year, years));
  }
  return CheckYears(years, "years.", "");
}

Result<CalendarYears> ParseCalendarIcs(std::string_view text) {
  if (text.size() > kMaxInputBytes) return InvalidArgument("日历文件超过 16 MiB");
  DUBAN_ASSIGN_OR_RETURN(std::vector<IcsLine> lines, Unfold(text));
  if (lines.empty()) return InvalidArgument("iCalendar 文件为空");
  std::vector<std::pair<std::string, size_t>> open;  // component name, line of its BEGIN
  std::optional<Event> event;
  std::map<sys_days, IcsDay> days;
  size_t events = 0;
  size_t calendars = 0;  // ended
  for (const IcsLine& line : lines) {
    DUBAN_ASSIGN_OR_RETURN(Property property, ParseProperty(line));
    if (property.name == "BEGIN") {
      std::string component = Upper(property.value);
      if (component.empty() || component.size() > kMaxIcsNameChars ||
          !std::all_of(component.begin(), component.end(), IsNameChar)) {
        return LineError(line.line_no, "BEGIN 的值应为组件名，如 VEVENT");
      }
      if (open.empty() && component != "VCALENDAR") {
        return LineError(line.line_no, "应为 BEGIN:VCALENDAR，收到 BEGIN:" + Quoted(component));
      }
      if (component == "VCALENDAR" && !open.empty()) {
        return LineError(line.line_no, "VCALENDAR 不能嵌套");
      }
      if (component == "VEVENT" && open.back().first != "VCALENDAR") {
        return LineError(line.line_no, "VEVENT 只能直接位于 VCALENDAR 中");
      }
      if (open.size() >= kMaxComponentDepth) return LineError(line.line_no, "组件嵌套过深");
      open.emplace_back(component, line.line_no);
      if (component == "VEVENT") {
        event = Event();
        event->line_no = line.line_no;
      }
    } else if (property.name == "END") {
      std::string component = Upper(property.value);
      if (open.empty()) return LineError(line.line_no, "多余的 END:" + Quoted(component));
      if (component != open.back().first) {
        return LineError(line.line_no, "END:" + Quoted(component) + " 与第 " +
                                           std::to_string(open.back().second) +
                                           " 行的 BEGIN:" + open.back().first + " 不配对");
      }
      if (component == "VEVENT") {
        DUBAN_RETURN_IF_ERROR(AddEventDays(*event, days));
        event.reset();
        ++events;
      }
      if (component == "VCALENDAR") ++calendars;
      open.pop_back();
    } else if (open.empty()) {
      return LineError(line.line_no, calendars == 0 ? "应为 BEGIN:VCALENDAR，收到 " + property.name
                                                    : property.name + " 位于 VCALENDAR 之外");
    } else if (open.back().first == "VEVENT") {
      DUBAN_RETURN_IF_ERROR(RecordEventProperty(property, line.line_no, *event));
    }
  }
  if (!open.empty()) {
    return LineError(open.back().second, "BEGIN:" + open.back().first +
                                             " 缺少 END:" + open.back().first + "（文件已结束）");
  }
  if (events == 0) return InvalidArgument("iCalendar 文件中没有任何事件（VEVENT）");
  CalendarYears years;
  for (const auto& [day, entry] : days) {
    Date date{day};
    years[int(date.year())].push_back({date, entry.working, entry.name});
  }
  return CheckYears(years, "", " 年");
}

Result<CalendarYears> ShippedCalendar() {
  auto years = ParseCalendarJson(ShippedCalendarJson());
  if (!years.ok()) {
    return Internal("内置日历 share/calendar/cn.json 无法读取：" + years.status().message());
  }
  return years;
}

}  // namespace duban
