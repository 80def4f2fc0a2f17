#include "http/scheme_codec.h"

#include <string>

namespace duban::http {
namespace {

using nlohmann::json;

json IndicatorToJson(const Indicator& in) {
  json children = json::array();
  for (const Indicator& c : in.children) children.push_back(IndicatorToJson(c));
  json groups = json::array();
  for (const EvaluatorGroup& g : in.evaluator_groups) {
    groups.push_back({{"name", g.name}, {"weight", g.weight}});
  }
  return {{"key", in.key},
          {"name", in.name},
          {"formula", FormulaName(in.formula)},
          {"max_points", in.max_points},
          {"metric", in.metric ? json(MetricName(*in.metric)) : json(nullptr)},
          {"zero_at", in.zero_at},
          {"full_at", in.full_at},
          {"per_event_points", in.per_event_points},
          {"cap", in.cap ? json(*in.cap) : json(nullptr)},
          {"evaluator_groups", groups},
          {"no_data", in.no_data == NoDataPolicy::kFullPoints ? "full_points" : "zero_points"},
          {"children", children}};
}

// Reads the fields of one JSON object, naming each bad one by its path.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  Status Object() const {
    if (!j_.is_object()) return InvalidArgument(Where() + "应为对象", path_);
    return Status::Ok();
  }
  Result<std::string> String(const char* key, bool required) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) return InvalidArgument(Where(key) + "不能为空", Path(key));
      return std::string();
    }
    if (!it->is_string()) return InvalidArgument(Where(key) + "应为文字", Path(key));
    return it->get<std::string>();
  }
  Result<double> Number(const char* key, double fallback) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return fallback;
    if (!it->is_number()) return InvalidArgument(Where(key) + "应为数字", Path(key));
    return it->get<double>();
  }
  Result<std::optional<double>> OptNumber(const char* key) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return std::optional<double>();
    if (!it->is_number()) return InvalidArgument(Where(key) + "应为数字", Path(key));
    return std::optional<double>(it->get<double>());
  }
  Result<const json*> Array(const char* key) const {
    static const json kEmpty = json::array();
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return &kEmpty;
    if (!it->is_array()) return InvalidArgument(Where(key) + "应为数组", Path(key));
    return &*it;
  }
  Result<std::vector<double>> Numbers(const char* key, std::vector<double> fallback) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return fallback;
    if (!it->is_array()) return InvalidArgument(Where(key) + "应为数字数组", Path(key));
    std::vector<double> out;
    for (const json& v : *it) {
      if (!v.is_number()) return InvalidArgument(Where(key) + "应为数字数组", Path(key));
      out.push_back(v.get<double>());
    }
    return out;
  }
  std::string Path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  std::string Where(const char* key = nullptr) const {
    std::string p = key ? Path(key) : path_;
    return p.empty() ? "" : p + " ";
  }
  const json& j_;
  std::string path_;
};

Result<Indicator> IndicatorFromJson(const json& j, const std::string& path) {
  Reader r(j, path);
  DUBAN_RETURN_IF_ERROR(r.Object());
  Indicator in;
  DUBAN_ASSIGN_OR_RETURN(in.key, r.String("key", true));
  DUBAN_ASSIGN_OR_RETURN(in.name, r.String("name", true));
  DUBAN_ASSIGN_OR_RETURN(std::string formula, r.String("formula", true));
  auto f = ParseFormula(formula);
  if (!f) {
    return InvalidArgument(
        r.Path("formula") + " 须为 sum、linear、per_event_deduction、manual_weighted 或 event_sum",
        r.Path("formula"));
  }
  in.formula = *f;
  DUBAN_ASSIGN_OR_RETURN(in.max_points, r.Number("max_points", 0));
  DUBAN_ASSIGN_OR_RETURN(std::string metric, r.String("metric", false));
  if (!metric.empty()) {
    in.metric = ParseMetric(metric);
    if (!in.metric)
      return InvalidArgument(r.Path("metric") + " 不是已知指标：" + metric, r.Path("metric"));
  }
  DUBAN_ASSIGN_OR_RETURN(in.zero_at, r.Number("zero_at", 0));
  DUBAN_ASSIGN_OR_RETURN(in.full_at, r.Number("full_at", 0));
  DUBAN_ASSIGN_OR_RETURN(in.per_event_points, r.Number("per_event_points", 0));
  DUBAN_ASSIGN_OR_RETURN(in.cap, r.OptNumber("cap"));
  DUBAN_ASSIGN_OR_RETURN(const json* groups, r.Array("evaluator_groups"));
  for (size_t i = 0; i < groups->size(); ++i) {
    Reader g((*groups)[i], r.Path("evaluator_groups") + "[" + std::to_string(i) + "]");
    DUBAN_RETURN_IF_ERROR(g.Object());
    EvaluatorGroup eg;
    DUBAN_ASSIGN_OR_RETURN(eg.name, g.String("name", true));
    DUBAN_ASSIGN_OR_RETURN(eg.weight, g.Number("weight", 0));
    in.evaluator_groups.push_back(std::move(eg));
  }
  DUBAN_ASSIGN_OR_RETURN(std::string no_data, r.String("no_data", false));
  if (no_data == "zero_points") {
    in.no_data = NoDataPolicy::kZeroPoints;
  } else if (!no_data.empty() && no_data != "full_points") {
    return InvalidArgument(r.Path("no_data") + " 须为 full_points 或 zero_points",
                           r.Path("no_data"));
  }
  DUBAN_ASSIGN_OR_RETURN(const json* children, r.Array("children"));
  for (size_t i = 0; i < children->size(); ++i) {
    DUBAN_ASSIGN_OR_RETURN(
        Indicator child,
        IndicatorFromJson((*children)[i], r.Path("children") + "[" + std::to_string(i) + "]"));
    in.children.push_back(std::move(child));
  }
  return in;
}

}  // namespace

json SchemeDefinitionJson(const Scheme& s) {
  json indicators = json::array();
  for (const Indicator& in : s.indicators) indicators.push_back(IndicatorToJson(in));
  json bars = json::array();
  for (const HardBar& b : s.bars) {
    bars.push_back({{"key", b.key},
                    {"name", b.name},
                    {"metric", b.metric ? json(MetricName(*b.metric)) : json(nullptr)},
                    {"threshold", b.threshold},
                    {"cap", TierName(b.cap)}});
  }
  return {{"key", s.key},
          {"name", s.name},
          {"indicators", indicators},
          {"tier_bounds", s.tier_bounds},
          {"bars", bars},
          {"star_bounds", s.star_bounds},
          {"child_weight", s.child_weight},
          {"peer_kind", s.peer_kind}};
}

Result<Scheme> DecodeScheme(const json& j) {
  Reader r(j, "");
  DUBAN_RETURN_IF_ERROR(r.Object());
  Scheme s;
  DUBAN_ASSIGN_OR_RETURN(s.key, r.String("key", false));
  DUBAN_ASSIGN_OR_RETURN(s.name, r.String("name", true));
  DUBAN_ASSIGN_OR_RETURN(const json* indicators, r.Array("indicators"));
  for (size_t i = 0; i < indicators->size(); ++i) {
    DUBAN_ASSIGN_OR_RETURN(
        Indicator in, IndicatorFromJson((*indicators)[i], "indicators[" + std::to_string(i) + "]"));
    s.indicators.push_back(std::move(in));
  }
  DUBAN_ASSIGN_OR_RETURN(s.tier_bounds, r.Numbers("tier_bounds", s.tier_bounds));
  DUBAN_ASSIGN_OR_RETURN(s.star_bounds, r.Numbers("star_bounds", {}));
  DUBAN_ASSIGN_OR_RETURN(s.child_weight, r.Number("child_weight", 0));
  DUBAN_ASSIGN_OR_RETURN(s.peer_kind, r.String("peer_kind", false));
  DUBAN_ASSIGN_OR_RETURN(const json* bars, r.Array("bars"));
  for (size_t i = 0; i < bars->size(); ++i) {
    Reader b((*bars)[i], "bars[" + std::to_string(i) + "]");
    DUBAN_RETURN_IF_ERROR(b.Object());
    HardBar bar;
    DUBAN_ASSIGN_OR_RETURN(bar.key, b.String("key", true));
    DUBAN_ASSIGN_OR_RETURN(bar.name, b.String("name", true));
    DUBAN_ASSIGN_OR_RETURN(std::string metric, b.String("metric", false));
    if (!metric.empty()) {
      bar.metric = ParseMetric(metric);
      if (!bar.metric)
        return InvalidArgument(b.Path("metric") + " 不是已知指标：" + metric, b.Path("metric"));
    }
    DUBAN_ASSIGN_OR_RETURN(bar.threshold, b.Number("threshold", 0));
    DUBAN_ASSIGN_OR_RETURN(std::string cap, b.String("cap", false));
    auto tier = ParseTier(cap.empty() ? "poor" : cap);
    if (!tier)
      return InvalidArgument(b.Path("cap") + " 须为 poor、average、fairly_good 或 good",
                             b.Path("cap"));
    bar.cap = *tier;
    s.bars.push_back(std::move(bar));
  }
  return s;
}

}  // namespace duban::http

namespace duban::http {

Result<SchemeInput> DecodeSchemeInput(const nlohmann::json& body) {
  SchemeInput in;
  DUBAN_ASSIGN_OR_RETURN(in.scheme, DecodeScheme(body));
  if (auto it = body.find("subject_type"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) {
      return InvalidArgument("字段 subject_type 应为字符串 unit 或 person", "subject_type");
    }
    in.subject_type = it->get<std::string>();
  }
  return in;
}

}  // namespace duban::http
