#include "core/assessment.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <set>
#include <utility>

#include "core/enum_names.h"

namespace duban {
namespace {

struct MetricInfo {
  Metric metric;
  std::string_view name;
  std::string_view label;
  bool is_rate;
};

constexpr MetricInfo kMetrics[] = {
    {Metric::kClosureRate, "closure_rate", "销号率", true},
    {Metric::kOnTimeRate, "on_time_rate", "按期办结率", true},
    {Metric::kSignForRate, "sign_for_rate", "及时签收率", true},
    {Metric::kReturnRate, "return_rate", "回退率", true},
    {Metric::kReportTimeliness, "report_timeliness", "报送及时率", true},
    {Metric::kSatisfactionRate, "satisfaction_rate", "满意率", true},
    {Metric::kUnsatisfiedRate, "unsatisfied_rate", "不满意率", true},
    {Metric::kOverdueCount, "overdue_count", "逾期件数", false},
    {Metric::kRecurrenceCount, "recurrence_count", "反弹数", false},
    {Metric::kNoticeCount, "notice_count", "通报次数", false},
    {Metric::kMajorHazardOverdueCount, "major_hazard_overdue_count", "重大隐患逾期数", false},
};

const MetricInfo& InfoOf(Metric metric) {
  for (const MetricInfo& info : kMetrics) {
    if (info.metric == metric) return info;
  }
  assert(false && "every Metric is in kMetrics");
  return kMetrics[0];
}

constexpr auto kFormulas = MakeEnumNames<Formula>({
    {Formula::kSum, "sum"},
    {Formula::kLinear, "linear"},
    {Formula::kPerEventDeduction, "per_event_deduction"},
    {Formula::kManualWeighted, "manual_weighted"},
    {Formula::kEventSum, "event_sum"},
});
constexpr auto kTiers = MakeEnumNames<Tier>({
    {Tier::kPoor, "poor", "差"},
    {Tier::kAverage, "average", "一般"},
    {Tier::kFairlyGood, "fairly_good", "较好"},
    {Tier::kGood, "good", "好"},
});
static_assert(kFormulas.IsInOrder() && kTiers.IsInOrder());

// Points of an indicator and its children are compared at the 0.01 they are published with.
constexpr double kPointsTolerance = 0.005;

int64_t Hundredths(double points) { return std::llround(RoundPoints(points) * 100); }

Status IndicatorError(const std::string& key, const std::string& what) {
  return InvalidArgument("indicator " + key + ": " + what, key);
}

Status ValidateBounds(const std::vector<double>& bounds, const std::string& field, size_t size) {
  if (bounds.size() != size) {
    return InvalidArgument(field + " needs " + std::to_string(size) + " lower bounds", field);
  }
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1]))) {
      return InvalidArgument(field + " must be strictly increasing", field);
    }
  }
  return Status::Ok();
}

Status ValidateIndicator(const Indicator& ind, std::set<std::string>& keys) {
  const std::string& key = ind.key;
  if (key.empty()) return InvalidArgument("an indicator has an empty key", "key");
  if (!keys.insert(key).second) return IndicatorError(key, "duplicate key");
  if (!std::isfinite(ind.max_points)) return IndicatorError(key, "max_points must be finite");
  if (ind.formula == Formula::kEventSum) {
    if (ind.max_points != 0) {
      return IndicatorError(key, "max_points must be 0 for event_sum (加减分 sit outside it)");
    }
  } else if (!(ind.max_points > 0)) {
    return IndicatorError(key, "max_points must be > 0");
  }
  if (ind.formula != Formula::kSum && !ind.children.empty()) {
    return IndicatorError(key, "only a sum indicator has children");
  }
  if (ind.cap.has_value() && !(*ind.cap > 0 && std::isfinite(*ind.cap))) {
    return IndicatorError(key, "cap must be > 0");
  }
  switch (ind.formula) {
    case Formula::kSum: {
      if (ind.children.empty()) return IndicatorError(key, "a sum indicator needs children");
      double children_max = 0;
      for (const Indicator& child : ind.children) {
        DUBAN_RETURN_IF_ERROR(ValidateIndicator(child, keys));
        children_max += child.max_points;
      }
      if (std::abs(children_max - ind.max_points) > kPointsTolerance) {
        return IndicatorError(key, "children's max_points add up to " + FormatPoints(children_max) +
                                       ", not " + FormatPoints(ind.max_points));
      }
      break;
    }
    case Formula::kLinear:
      if (!ind.metric.has_value()) return IndicatorError(key, "linear needs a metric");
      if (!std::isfinite(ind.zero_at) || !std::isfinite(ind.full_at) ||
          ind.zero_at == ind.full_at) {
        return IndicatorError(key, "zero_at and full_at must be finite and differ");
      }
      break;
    case Formula::kPerEventDeduction:
      if (!ind.metric.has_value() || IsRateMetric(*ind.metric)) {
        return IndicatorError(key, "per_event_deduction needs a count metric");
      }
      if (!(ind.per_event_points > 0 && std::isfinite(ind.per_event_points))) {
        return IndicatorError(key, "per_event_points must be > 0");
      }
      break;
    case Formula::kManualWeighted: {
      if (ind.evaluator_groups.empty()) return IndicatorError(key, "no evaluator group");
      double total_weight = 0;
      std::set<std::string> names;
      for (const EvaluatorGroup& group : ind.evaluator_groups) {
        if (!(group.weight >= 0 && std::isfinite(group.weight))) {
          return IndicatorError(key, "evaluator group " + group.name + " has a negative weight");
        }
        if (!names.insert(group.name).second) {
          return IndicatorError(key, "duplicate evaluator group " + group.name);
        }
        total_weight += group.weight;
      }
      if (!(total_weight > 0)) return IndicatorError(key, "all evaluator weights are 0");
      break;
    }
    case Formula::kEventSum:
      if (!ind.cap.has_value()) return IndicatorError(key, "event_sum needs a cap");
      break;
  }
  return Status::Ok();
}

// Everything Score reads from the facts for one scheme, indexed by indicator key.
struct FactIndex {
  std::map<std::string, std::vector<const ManualEntry*>> manual;
  std::map<std::string, std::vector<const PointEvent*>> events;
};

void IndexIndicators(const std::vector<Indicator>& indicators,
                     std::map<std::string, const Indicator*>& by_key) {
  for (const Indicator& ind : indicators) {
    by_key[ind.key] = &ind;
    IndexIndicators(ind.children, by_key);
  }
}

// The indicator `key` names in `by_key` when its formula is `formula`; kInvalidArgument naming
// the key otherwise, for a fact (`fact`, e.g. "manual entry") meant for `kind` ("a manual
// indicator").
Result<const Indicator*> IndicatorFor(const std::map<std::string, const Indicator*>& by_key,
                                      const std::string& key, Formula formula,
                                      std::string_view fact, std::string_view kind) {
  auto it = by_key.find(key);
  if (it == by_key.end() || it->second->formula != formula) {
    return InvalidArgument(
        std::string(fact) + " for " + key + ", which is not " + std::string(kind), key);
  }
  return it->second;
}

Result<FactIndex> IndexFacts(const Scheme& scheme, const UnitFacts& facts) {
  std::map<std::string, const Indicator*> by_key;
  IndexIndicators(scheme.indicators, by_key);
  FactIndex index;
  for (const ManualEntry& entry : facts.manual_entries) {
    DUBAN_ASSIGN_OR_RETURN(const Indicator* ind,
                           IndicatorFor(by_key, entry.indicator_key, Formula::kManualWeighted,
                                        "manual entry", "a manual indicator"));
    const auto& groups = ind->evaluator_groups;
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const EvaluatorGroup& g) { return g.name == entry.evaluator_group; })) {
      return IndicatorError(entry.indicator_key,
                            "unknown evaluator group " + entry.evaluator_group);
    }
    if (!(entry.score >= 0 && entry.score <= 100)) {
      return IndicatorError(entry.indicator_key, "a manual score must be within 0–100");
    }
    index.manual[entry.indicator_key].push_back(&entry);
  }
  for (const PointEvent& event : facts.events) {
    DUBAN_RETURN_IF_ERROR(IndicatorFor(by_key, event.indicator_key, Formula::kEventSum,
                                       "point event", "an event indicator")
                              .status());
    if (!std::isfinite(event.points)) {
      return IndicatorError(event.indicator_key, "event points must be finite");
    }
    index.events[event.indicator_key].push_back(&event);
  }
  return index;
}

Result<Ratio> RateOf(const UnitFacts& facts, Metric metric, const std::string& key) {
  auto it = facts.rates.find(metric);
  if (it == facts.rates.end()) {
    return IndicatorError(key, "the facts have no " + std::string(MetricName(metric)));
  }
  const Ratio& r = it->second;
  if (r.numerator < 0 || r.denominator < 0 || r.numerator > r.denominator) {
    return IndicatorError(key, "bad ratio for " + std::string(MetricName(metric)));
  }
  return r;
}

Result<int64_t> CountOf(const UnitFacts& facts, Metric metric, const std::string& key) {
  auto it = facts.counts.find(metric);
  if (it == facts.counts.end()) {
    return IndicatorError(key, "the facts have no " + std::string(MetricName(metric)));
  }
  if (it->second < 0) return IndicatorError(key, "negative " + std::string(MetricName(metric)));
  return it->second;
}

std::string Earned(double points, double max_points) {
  return "得 " + FormatPoints(points) + " 分（满分 " + FormatPoints(max_points) + " 分）";
}

double NoDataPoints(const Indicator& ind) {
  return ind.no_data == NoDataPolicy::kFullPoints ? ind.max_points : 0;
}

std::string NoDataText(const Indicator& ind) {
  return ind.no_data == NoDataPolicy::kFullPoints ? "无数据不扣分" : "无数据不得分";
}

// Appends `ind` and its subtree to `out` in pre-order; returns the indicator's rounded points.
Result<double> ScoreIndicator(const Indicator& ind, int depth, const UnitFacts& facts,
                              const FactIndex& index, std::vector<IndicatorScore>& out) {
  const size_t slot = out.size();
  out.push_back(IndicatorScore{ind.key, ind.name, depth, std::nullopt, 0, ind.max_points, ""});
  IndicatorScore score = out[slot];
  double points = 0;
  switch (ind.formula) {
    case Formula::kSum: {
      for (const Indicator& child : ind.children) {
        DUBAN_ASSIGN_OR_RETURN(double child_points,
                               ScoreIndicator(child, depth + 1, facts, index, out));
        points += child_points;
      }
      points = RoundPoints(points);
      score.explanation = ind.name + " 合计" + Earned(points, ind.max_points);
      break;
    }
    case Formula::kLinear: {
      const Metric metric = *ind.metric;
      double value = 0;
      std::string shown;
      if (IsRateMetric(metric)) {
        DUBAN_ASSIGN_OR_RETURN(Ratio r, RateOf(facts, metric, ind.key));
        shown = FormatPercent(r.numerator, r.denominator) + "（" + std::to_string(r.numerator) +
                "/" + std::to_string(r.denominator) + "）";
        if (r.denominator == 0) {
          points = RoundPoints(NoDataPoints(ind));
          score.explanation = ind.name + " " + shown + "，" + NoDataText(ind) + "，" +
                              Earned(points, ind.max_points);
          break;
        }
        value = 100.0 * static_cast<double>(r.numerator) / static_cast<double>(r.denominator);
      } else {
        DUBAN_ASSIGN_OR_RETURN(int64_t count, CountOf(facts, metric, ind.key));
        value = static_cast<double>(count);
        shown = std::to_string(count);
      }
      score.value = value;
      const double fraction =
          std::clamp((value - ind.zero_at) / (ind.full_at - ind.zero_at), 0.0, 1.0);
      points = RoundPoints(ind.max_points * fraction);
      score.explanation = ind.name + " " + shown + "，" + Earned(points, ind.max_points);
      break;
    }
    case Formula::kPerEventDeduction: {
      DUBAN_ASSIGN_OR_RETURN(int64_t count, CountOf(facts, *ind.metric, ind.key));
      score.value = static_cast<double>(count);
      const double cap = ind.cap.value_or(ind.max_points);
      const double raw = static_cast<double>(count) * ind.per_event_points;
      const double deducted = std::min(cap, raw);
      points = RoundPoints(std::max(0.0, ind.max_points - deducted));
      score.explanation = ind.name + " " + std::to_string(count) + "，每个扣 " +
                          FormatPoints(ind.per_event_points) + " 分，扣 " + FormatPoints(deducted) +
                          " 分" + (raw > cap ? "（扣分上限 " + FormatPoints(cap) + " 分）" : "") +
                          "，" + Earned(points, ind.max_points);
      break;
    }
    case Formula::kManualWeighted: {
      auto it = index.manual.find(ind.key);
      double weighted = 0;
      double weight_present = 0;
      std::string parts;
      std::string missing;
      for (const EvaluatorGroup& group : ind.evaluator_groups) {
        double sum = 0;
        int n = 0;
        if (it != index.manual.end()) {
          for (const ManualEntry* entry : it->second) {
            if (entry->evaluator_group == group.name) {
              sum += entry->score;
              ++n;
            }
          }
        }
        if (n == 0) {
          missing += (missing.empty() ? "" : "、") + group.name;
          continue;
        }
        const double mean = sum / n;
        weighted += group.weight * mean;
        weight_present += group.weight;
        parts += (parts.empty() ? "" : "、") + group.name + " " + FormatPoints(mean) + "（" +
                 std::to_string(n) + " 人，权重 " + FormatPoints(group.weight) + "）";
      }
      if (parts.empty()) {
        points = RoundPoints(NoDataPoints(ind));
        score.explanation =
            ind.name + " 无评分，" + NoDataText(ind) + "，" + Earned(points, ind.max_points);
        break;
      }
      // Groups whose weights are all 0 but were scored leave weight_present 0: they inform
      // nothing, so treat it as no data rather than divide by zero.
      if (!(weight_present > 0)) {
        points = RoundPoints(NoDataPoints(ind));
        score.explanation = ind.name + " " + parts + "，有效权重为 0，" + NoDataText(ind) + "，" +
                            Earned(points, ind.max_points);
        break;
      }
      const double mean_score = weighted / weight_present;
      score.value = mean_score;
      points = RoundPoints(ind.max_points * mean_score / 100.0);
      score.explanation = ind.name + " " + parts + "，加权 " + FormatPoints(mean_score);
      if (!missing.empty()) score.explanation += "（" + missing + " 未评分，权重按其余组重算）";
      score.explanation += "，" + Earned(points, ind.max_points);
      break;
    }
    case Formula::kEventSum: {
      auto it = index.events.find(ind.key);
      double sum = 0;
      size_t n = 0;
      if (it != index.events.end()) {
        for (const PointEvent* event : it->second) sum += event->points;
        n = it->second.size();
      }
      const double cap = *ind.cap;
      points = RoundPoints(std::clamp(sum, -cap, cap));
      score.value = sum;
      auto signed_points = [](double p) { return (p > 0 ? "+" : "") + FormatPoints(p); };
      score.explanation = ind.name + " " + std::to_string(n) + " 项，合计 " + signed_points(sum) +
                          " 分" +
                          (std::abs(sum) > cap ? "，按上限 ±" + FormatPoints(cap) + " 分计" : "") +
                          "，计 " + signed_points(points) + " 分";
      break;
    }
  }
  score.points = points;
  out[slot] = std::move(score);
  return points;
}

bool BarHit(const HardBar& bar, const UnitFacts& facts) {
  if (!bar.metric.has_value()) {
    return std::find(facts.vetoes.begin(), facts.vetoes.end(), bar.key) != facts.vetoes.end();
  }
  if (IsRateMetric(*bar.metric)) {
    auto it = facts.rates.find(*bar.metric);
    if (it == facts.rates.end() || it->second.denominator <= 0) return false;
    const double percent = 100.0 * static_cast<double>(it->second.numerator) /
                           static_cast<double>(it->second.denominator);
    return percent > bar.threshold;
  }
  auto it = facts.counts.find(*bar.metric);
  return it != facts.counts.end() && static_cast<double>(it->second) > bar.threshold;
}

}  // namespace

bool IsRateMetric(Metric metric) { return InfoOf(metric).is_rate; }
std::string_view MetricName(Metric metric) { return InfoOf(metric).name; }
std::string_view MetricLabel(Metric metric) { return InfoOf(metric).label; }
std::optional<Metric> ParseMetric(std::string_view name) {
  for (const MetricInfo& info : kMetrics) {
    if (info.name == name) return info.metric;
  }
  return std::nullopt;
}

std::string_view FormulaName(Formula formula) { return kFormulas.Name(formula); }
std::optional<Formula> ParseFormula(std::string_view name) { return kFormulas.Parse(name); }

std::string_view TierName(Tier tier) { return kTiers.Name(tier); }
std::string_view TierLabel(Tier tier) { return kTiers.Label(tier); }
std::optional<Tier> ParseTier(std::string_view name) { return kTiers.Parse(name); }

Status ValidateScheme(const Scheme& scheme) {
  std::set<std::string> keys;
  for (const Indicator& ind : scheme.indicators) {
    DUBAN_RETURN_IF_ERROR(ValidateIndicator(ind, keys));
  }
  DUBAN_RETURN_IF_ERROR(ValidateBounds(scheme.tier_bounds, "tier_bounds", 3));
  if (!scheme.star_bounds.empty()) {
    DUBAN_RETURN_IF_ERROR(ValidateBounds(scheme.star_bounds, "star_bounds", 5));
  }
  if (!(scheme.child_weight >= 0 && scheme.child_weight <= 1)) {
    return InvalidArgument("child_weight must be within [0, 1]", "child_weight");
  }
  for (const HardBar& bar : scheme.bars) {
    if (bar.key.empty()) return InvalidArgument("a hard bar has an empty key", "bars");
    if (!(bar.threshold >= 0 && std::isfinite(bar.threshold))) {
      return InvalidArgument("hard bar " + bar.key + ": threshold must be ≥ 0", bar.key);
    }
  }
  return Status::Ok();
}

Ratio SatisfactionRatio(int64_t satisfied, int64_t basically_satisfied, int64_t rated) {
  return Ratio{satisfied + basically_satisfied, rated};
}

Result<ScoreBreakdown> Score(const Scheme& scheme, const UnitFacts& facts) {
  DUBAN_RETURN_IF_ERROR(ValidateScheme(scheme));
  DUBAN_ASSIGN_OR_RETURN(FactIndex index, IndexFacts(scheme, facts));
  ScoreBreakdown breakdown;
  breakdown.subject_code = facts.subject_code;
  double total = 0;
  for (const Indicator& ind : scheme.indicators) {
    DUBAN_ASSIGN_OR_RETURN(double points,
                           ScoreIndicator(ind, 0, facts, index, breakdown.indicators));
    total += points;
  }
  // Deductions beyond the base never make a negative score: 0 is the floor of every scheme.
  breakdown.total_points = std::max(0.0, RoundPoints(total));
  std::vector<HardBar> hit;
  for (const HardBar& bar : scheme.bars) {
    if (BarHit(bar, facts)) hit.push_back(bar);
  }
  TierOutcome outcome = ApplyTier(breakdown.total_points, scheme.tier_bounds, hit);
  breakdown.tier_by_score = outcome.tier_by_score;
  breakdown.tier = outcome.tier;
  breakdown.tier_capped_by = std::move(outcome.capped_by);
  breakdown.stars = StarsFor(breakdown.total_points, scheme.star_bounds);
  return breakdown;
}

int BandOf(double score, const std::vector<double>& lower_bounds) {
  const int64_t s = Hundredths(score);
  int band = 0;
  for (double bound : lower_bounds) {
    if (s >= Hundredths(bound)) ++band;
  }
  return band;
}

TierOutcome ApplyTier(double score, const std::vector<double>& tier_bounds,
                      const std::vector<HardBar>& bars_hit) {
  assert(tier_bounds.size() == 3);
  TierOutcome outcome;
  outcome.tier_by_score = static_cast<Tier>(std::min(BandOf(score, tier_bounds), 3));
  outcome.tier = outcome.tier_by_score;
  for (const HardBar& bar : bars_hit) {
    outcome.tier = std::min(outcome.tier, bar.cap);
    outcome.capped_by.push_back(bar.name);
  }
  return outcome;
}

int StarsFor(double score, const std::vector<double>& star_bounds) {
  return BandOf(score, star_bounds);
}

std::string StarsText(int stars) {
  std::string text;
  for (int i = 0; i < 5; ++i) text += i < stars ? "★" : "☆";
  return text;
}

std::vector<RankedResult> Rank(std::vector<SubjectScore> scores) {
  std::stable_sort(scores.begin(), scores.end(), [](const SubjectScore& a, const SubjectScore& b) {
    const int64_t ha = Hundredths(a.score);
    const int64_t hb = Hundredths(b.score);
    if (ha != hb) return ha > hb;
    return a.subject_code < b.subject_code;
  });
  std::vector<RankedResult> ranked;
  ranked.reserve(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    int rank = static_cast<int>(i) + 1;
    if (i > 0 && Hundredths(scores[i].score) == Hundredths(scores[i - 1].score)) {
      rank = ranked.back().rank;
    }
    ranked.push_back(RankedResult{std::move(scores[i].subject_code), scores[i].score, rank});
  }
  return ranked;
}

double RollUp(double own, const std::vector<double>& children, double child_weight) {
  assert(child_weight >= 0 && child_weight <= 1);
  if (children.empty()) return own;
  double sum = 0;
  for (double child : children) sum += child;
  const double mean = sum / static_cast<double>(children.size());
  return own * (1 - child_weight) + mean * child_weight;
}

bool NeedsFollowUp(Tier tier) { return tier == Tier::kAverage || tier == Tier::kPoor; }

std::string FormatPercent(int64_t num, int64_t den) {
  if (den == 0) return "—";
  const bool negative = num != 0 && ((num < 0) != (den < 0));
  const uint64_t a = static_cast<uint64_t>(num < 0 ? -num : num);
  const uint64_t b = static_cast<uint64_t>(den < 0 ? -den : den);
  // Hundredths of a percent: a × 10^4 / b, rounded half away from zero (SPEC §6 shows 2 decimals).
  uint64_t q = a * 10000 / b;
  const uint64_t r = a * 10000 % b;
  if (2 * r >= b) ++q;
  std::string frac = std::to_string(q % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  return (negative && q != 0 ? "-" : "") + std::to_string(q / 100) + "." + frac + "%";
}

double RoundPoints(double points) {
  // The nudge absorbs binary error (1.005 is 1.00499999…) without moving any real value that
  // is more than 10^-7 hundredths away from a half.
  const double scaled = points * 100;
  return std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / 100;
}

std::string FormatPoints(double points) {
  const int64_t h = std::llround(RoundPoints(points) * 100);
  const int64_t abs_h = h < 0 ? -h : h;
  std::string text = (h < 0 ? "-" : "") + std::to_string(abs_h / 100);
  const int64_t frac = abs_h % 100;
  if (frac != 0) {
    text += "." + std::to_string(frac / 10);
    if (frac % 10 != 0) text += std::to_string(frac % 10);
  }
  return text;
}

}  // namespace duban
