#include "http/assessment_codec.h"

#include <functional>

#include "core/period.h"
#include "http/item_json.h"
#include "http/scheme_codec.h"

namespace duban::http {

using nlohmann::json;

namespace {

json Hundredths(std::optional<int64_t> v) { return v ? json(double(*v) / 100) : json(nullptr); }

json EventJson(const AssessmentEvent& e) {
  json files = json::array();
  for (const auto& f : e.files) files.push_back(FileJson(f));
  return {{"id", e.id},
          {"scheme_key", e.scheme_key},
          {"kind", e.kind},
          {"subject_type", e.subject_type},
          {"subject_id", e.subject_id},
          {"subject_name", e.subject_name},
          {"indicator_key", e.indicator_key},
          {"period", e.period.empty() ? json(nullptr) : json(e.period)},
          {"occurred_on", e.occurred_on ? json(FormatDate(*e.occurred_on)) : json(nullptr)},
          {"evaluator_group", e.evaluator_group.empty() ? json(nullptr) : json(e.evaluator_group)},
          {"score", Hundredths(e.score_x100)},
          {"points", Hundredths(e.points_x100)},
          {"reason", e.reason},
          {"evidence", e.evidence},
          {"status", e.status},
          {"created_by", e.created_by},
          {"created_at", FormatRfc3339(e.created_at)},
          {"decided_by", e.decided_by.empty() ? json(nullptr) : json(e.decided_by)},
          {"decided_at", e.decided_at ? json(FormatRfc3339(*e.decided_at)) : json(nullptr)},
          {"files", files}};
}

// Indicator and bar names of a scheme, by key.
std::map<std::string, std::string> IndicatorNames(const Scheme& scheme) {
  std::map<std::string, std::string> names;
  std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
    for (const Indicator& in : list) {
      names[in.key] = in.name;
      walk(in.children);
    }
  };
  walk(scheme.indicators);
  for (const HardBar& b : scheme.bars) names[b.key] = b.name;
  return names;
}

}  // namespace

json SchemeJson(const SchemeView& v, bool with_indicators) {
  json j = SchemeDefinitionJson(v.scheme);
  j["version"] = v.record.version;
  j["subject_type"] = v.record.subject_type;
  j["created_at"] = FormatRfc3339(v.record.created_at);
  j["created_by"] = v.record.created_by;
  if (!v.versions.empty()) j["versions"] = v.versions;
  if (!with_indicators) {
    int count = 0;
    std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
      for (const Indicator& in : list) {
        ++count;
        walk(in.children);
      }
    };
    walk(v.scheme.indicators);
    j.erase("indicators");
    j["indicator_count"] = count;
  }
  return j;
}

void EventNamer::Know(const std::string& scheme_key, const Scheme& scheme) {
  names_[scheme_key] = IndicatorNames(scheme);
}

json EventNamer::operator()(const AssessmentEvent& e) {
  auto it = names_.find(e.scheme_key);
  if (it == names_.end()) {
    auto view = s_.GetScheme(caller_, e.scheme_key, std::nullopt);
    it = names_
             .emplace(e.scheme_key, view.ok() ? IndicatorNames(view->scheme)
                                              : std::map<std::string, std::string>{})
             .first;
  }
  json j = EventJson(e);
  auto name = it->second.find(e.indicator_key);
  j["indicator_name"] = name == it->second.end() ? e.indicator_key : name->second;
  return j;
}

json ResultJson(const AssessmentResultRecord& r, const std::string& scheme_name) {
  auto tier = ParseTier(r.tier).value_or(Tier::kPoor);
  auto by_score = ParseTier(r.tier_by_score).value_or(Tier::kPoor);
  json capped = json::parse(r.capped_by, nullptr, false);
  auto period = ParsePeriod(r.period);
  json j = {{"id", r.id},
            {"scheme_key", r.scheme_key},
            {"scheme_name", scheme_name},
            {"scheme_version", r.scheme_version},
            {"period", r.period},
            {"period_label", period.ok() ? period->label : r.period},
            {"scope_unit_id", r.scope_unit_id},
            {"subject_type", r.subject_type},
            {"subject_id", r.subject_id},
            {"subject_name", r.subject_name},
            {"score", double(r.score_x100) / 100},
            {"own_score", double(r.own_score_x100) / 100},
            {"rank", r.rank},
            {"peer_count", r.peer_count},
            {"tier", TierName(tier)},
            {"tier_label", TierLabel(tier)},
            {"tier_by_score", TierName(by_score)},
            {"tier_by_score_label", TierLabel(by_score)},
            {"capped_by", capped.is_array() ? capped : json::array()},
            {"stars", r.stars},
            {"stars_text", StarsText(r.stars)},
            {"follow_up_item_id", r.follow_up_item_id ? json(*r.follow_up_item_id) : json(nullptr)},
            {"follow_up_item_code",
             r.follow_up_item_code.empty() ? json(nullptr) : json(r.follow_up_item_code)},
            {"computed_at", FormatRfc3339(r.computed_at)}};
  // Set on an earlier result a recomputation replaced (GET /assessment/results/{id} history).
  j["superseded_at"] = r.superseded_at ? json(FormatRfc3339(*r.superseded_at)) : json(nullptr);
  return j;
}

// Scheme names by key, for result lists.
std::string SchemeName(AssessmentService& s, const Caller& caller, const std::string& key) {
  auto v = s.GetScheme(caller, key, std::nullopt);
  return v.ok() ? v->record.name : key;
}

Result<std::string> RequiredQuery(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return InvalidArgument(std::string("缺少参数 ") + name, name);
  return *v;
}

}  // namespace duban::http
