#include "http/campaign_codec.h"

#include "core/text.h"
#include "http/json_codec.h"

namespace duban::http {

using nlohmann::json;

json CampaignJson(const Campaign& c) {
  json categories = json::array();
  for (const auto& cat : c.categories) {
    categories.push_back({{"id", cat.id},
                          {"name", cat.name},
                          {"parent_id", cat.parent_id ? json(*cat.parent_id) : json(nullptr)}});
  }
  auto phases = json::parse(c.phases_json, nullptr, false);
  return {{"id", c.id},
          {"name", c.name},
          {"description", c.description},
          {"starts_on", c.starts_on ? json(FormatDate(*c.starts_on)) : json(nullptr)},
          {"ends_on", c.ends_on ? json(FormatDate(*c.ends_on)) : json(nullptr)},
          {"unit_id", c.unit_id},
          {"phases", phases.is_array() ? phases : json::array()},
          {"categories", categories}};
}

Result<CampaignInput> DecodeCampaign(const json& body) {
  DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"name", "description", "starts_on", "ends_on", "unit_id", "phases", "categories"}));
  CampaignInput in;
  DUBAN_ASSIGN_OR_RETURN(in.name, OptString(body, "name"));
  DUBAN_ASSIGN_OR_RETURN(in.description, OptString(body, "description"));
  if (body.contains("starts_on")) {
    DUBAN_ASSIGN_OR_RETURN(auto d, OptDate(body, "starts_on"));
    in.starts_on = d;
  }
  if (body.contains("ends_on")) {
    DUBAN_ASSIGN_OR_RETURN(auto d, OptDate(body, "ends_on"));
    in.ends_on = d;
  }
  DUBAN_ASSIGN_OR_RETURN(in.unit_id, OptInt(body, "unit_id"));
  if (auto it = body.find("phases"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return InvalidArgument("phases 应为数组", "phases");
    // Phases are returned with every campaign listed: a few named periods (review M6).
    constexpr size_t kMaxPhases = 20, kMaxPhaseName = 50;
    if (it->size() > kMaxPhases) {
      return InvalidArgument("阶段不能超过 " + std::to_string(kMaxPhases) + " 个", "phases");
    }
    for (const auto& p : *it) {
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        return InvalidArgument("每个阶段须有名称 name", "phases");
      }
      for (const auto& [key, value] : p.items()) {
        (void)value;
        if (key != "name" && key != "starts_on" && key != "ends_on") {
          return InvalidArgument("阶段只能有 name、starts_on、ends_on，不能有 " + key, "phases");
        }
      }
      if (Utf8Length(p["name"].get<std::string>()) > kMaxPhaseName) {
        return InvalidArgument("阶段名称不能超过 " + std::to_string(kMaxPhaseName) + " 个字",
                               "phases");
      }
      for (const char* f : {"starts_on", "ends_on"}) {
        if (p.contains(f) && !p[f].is_null()) {
          if (!p[f].is_string() || !ParseDate(p[f].get<std::string>())) {
            return InvalidArgument(std::string("阶段的 ") + f + " 应为 YYYY-MM-DD", "phases");
          }
        }
      }
    }
    in.phases_json = it->dump();
  }
  if (auto it = body.find("categories"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return InvalidArgument("categories 应为数组", "categories");
    std::vector<Category> cats;
    for (const auto& c : *it) {
      if (c.is_string()) {
        cats.push_back({0, std::nullopt, c.get<std::string>()});
        continue;
      }
      if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) {
        return InvalidArgument("每个问题类别须有名称 name", "categories");
      }
      int64_t id = c.contains("id") && c["id"].is_number_integer() ? c["id"].get<int64_t>() : 0;
      cats.push_back({id, std::nullopt, c["name"].get<std::string>()});
    }
    in.categories = cats;
  }
  return in;
}

}  // namespace duban::http
