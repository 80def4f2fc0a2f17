#include "http/json_codec.h"

#include <cctype>
#include <charconv>

#include "core/text.h"

namespace duban::http {
namespace {

// Nesting depth of a JSON text, counted outside strings, before the recursive parser sees it.
int JsonDepth(std::string_view text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > kMaxJsonDepth) return max_depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

Status WrongType(const char* field, const char* expected) {
  return InvalidArgument(std::string("字段 ") + field + " 应为" + expected, field);
}

}  // namespace

bool IsJsonMediaType(std::string_view content_type) {
  // RFC 9110 §8.3.1: type "/" subtype, then ";" parameters; case-insensitive, spaces around.
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (type.size() != kJson.size()) return false;
  for (size_t i = 0; i < kJson.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  }
  return true;
}

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  // Exactly application/json: "text/plain; x=application/json" is a CORS-simple request a
  // foreign page may send (review L6).
  auto type = request.Header("Content-Type");
  if (!type || !IsJsonMediaType(*type)) {
    return InvalidArgument("请求体须为 JSON（Content-Type: application/json）");
  }
  if (!IsValidUtf8(request.body)) return InvalidArgument("请求体不是有效的 UTF-8");
  if (JsonDepth(request.body) > kMaxJsonDepth) {
    return InvalidArgument("JSON 嵌套层数超过 " + std::to_string(kMaxJsonDepth));
  }
  try {
    auto j = nlohmann::json::parse(request.body);
    if (!j.is_object()) return InvalidArgument("请求体须为 JSON 对象");
    return j;
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument("JSON 格式错误（第 " + std::to_string(e.byte) + " 字节附近）");
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond double's range (1e400): the parser throws out_of_range, not parse_error.
    return InvalidArgument("JSON 中的数值超出范围");
  }
}

Status RejectUnknownFields(const nlohmann::json& object,
                           std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return InvalidArgument("未知字段 " + key, key);
  }
  return Status::Ok();
}

Result<std::optional<std::string>> OptString(const nlohmann::json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return WrongType(field, "字符串");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> ReqString(const nlohmann::json& o, const char* field) {
  DUBAN_ASSIGN_OR_RETURN(auto v, OptString(o, field));
  if (!v) return InvalidArgument(std::string("缺少字段 ") + field, field);
  return *v;
}

Result<std::optional<int64_t>> OptInt(const nlohmann::json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  if (it->is_number_unsigned()) {
    auto u = it->get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) return WrongType(field, "不超过 2^63-1 的整数");
    return std::optional<int64_t>(static_cast<int64_t>(u));
  }
  return WrongType(field, "整数");
}

Result<int64_t> ReqInt(const nlohmann::json& o, const char* field) {
  DUBAN_ASSIGN_OR_RETURN(auto v, OptInt(o, field));
  if (!v) return InvalidArgument(std::string("缺少字段 ") + field, field);
  return *v;
}

Result<std::optional<bool>> OptBool(const nlohmann::json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return WrongType(field, "布尔值 true/false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::vector<std::string>>> OptStringList(const nlohmann::json& o,
                                                              const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<std::vector<std::string>>();
  if (!it->is_array()) return WrongType(field, "字符串数组");
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) return WrongType(field, "字符串数组");
    out.push_back(v.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::optional<int64_t>>> OptNullableInt(const nlohmann::json& o,
                                                             const char* field) {
  using R = std::optional<std::optional<int64_t>>;
  auto it = o.find(field);
  if (it == o.end()) return R();
  if (it->is_null()) return R(std::optional<int64_t>());
  DUBAN_ASSIGN_OR_RETURN(auto v, OptInt(o, field));
  return R(v);
}

Result<std::optional<int64_t>> QueryInt(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    return InvalidArgument(std::string("参数 ") + name + " 应为整数，收到 \"" + *v + "\"", name);
  }
  return std::optional<int64_t>(out);
}

Result<int64_t> PathId(const std::string& text, const char* name) {
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr != text.data() + text.size() || out <= 0) {
    return InvalidArgument(std::string("路径中的 ") + name + " 应为正整数，收到 \"" + text + "\"",
                           name);
  }
  return out;
}

Result<std::optional<Date>> OptDate(const nlohmann::json& o, const char* field) {
  DUBAN_ASSIGN_OR_RETURN(auto text, OptString(o, field));
  if (!text || text->empty()) return std::optional<Date>();
  auto d = ParseDate(*text);
  if (!d)
    return InvalidArgument(std::string("字段 ") + field + " 应为 YYYY-MM-DD 格式的日期", field);
  return std::optional<Date>(*d);
}

Result<std::optional<std::vector<int64_t>>> OptIntList(const nlohmann::json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<std::vector<int64_t>>();
  if (!it->is_array())
    return InvalidArgument(std::string("字段 ") + field + " 应为整数数组", field);
  std::vector<int64_t> out;
  for (const auto& v : *it) {
    if (!v.is_number_integer())
      return InvalidArgument(std::string("字段 ") + field + " 应为整数数组", field);
    out.push_back(v.get<int64_t>());
  }
  return std::optional<std::vector<int64_t>>(std::move(out));
}

}  // namespace duban::http
