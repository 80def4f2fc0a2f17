#include "http/openapi.h"

#include <cctype>
#include <optional>

namespace duban::http {
namespace {

// What a state-changing route reads, from its body class: a JSON object or raw bytes.
std::optional<nlohmann::json> RequestBody(const Route& r) {
  if (r.method != "POST" && r.method != "PUT" && r.method != "PATCH") return std::nullopt;
  if (r.body == BodyClass::kRaw) {
    return nlohmann::json{
        {"content",
         {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  }
  return nlohmann::json{{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
}

}  // namespace

nlohmann::json OpenApiDocument(const RouteTable& table, const std::string& version,
                               const std::string& session_cookie) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : table.routes()) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::json op = {
        {"summary", r.summary},
        {"responses",
         {{"200", {{"description", "OK"}}},
          {"default",
           {{"description", "Error"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    if (r.access == Access::kSignedIn) op["security"] = {{{"session", nlohmann::json::array()}}};
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& seg : SplitPath(r.pattern)) {
      if (IsParamSegment(seg)) {
        parameters.push_back({{"name", seg.substr(1, seg.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "integer"}}}});
      }
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (auto body = RequestBody(r)) op["requestBody"] = *body;
    paths[r.pattern][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Duban API"}, {"version", version}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", session_cookie}}}}},
            {"schemas",
             {{"Error",
               {{"type", "object"},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"message", {{"type", "string"}}},
                      {"details", {{"nullable", true}}}}}}}}}}}}}}}};
}

}  // namespace duban::http
