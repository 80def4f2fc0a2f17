// Assessment 考核评比 (SPEC §6): a scheme is a tree of indicators; Score() turns one subject's
// facts for a period (metric counts, evaluators' scores, point events) into points per
// indicator with a Chinese explanation, a total, a tier 好/较好/一般/差 capped by hard bars
// 硬杠/一票否决, and optionally stars 争星. Rank() orders a peer group, RollUp() mixes in the
// children's results (三级联动). Stars and points 积分 are schemes of this same engine.
// Plain values and pure functions of their arguments; thread-safe.
//
// Conventions used throughout:
//   - Rates are computed from counts and expressed in percent (0–100): 748/857 → 87.2812…
//     Formulas use the exact value; text shows it with FormatPercent ("87.28%").
//   - Each indicator's points are rounded to 0.01 (half away from zero) before they are
//     summed, so a published breakdown always adds up to its published total.
//   - Scores compare at 0.01: 89.995 and 90 rounded are the same score for tiers and ranks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace duban {

// Automatic metrics, computed by the service from the items of the period.
enum class Metric {
  // Rates (numerator/denominator, in percent):
  kClosureRate,       // 销号率: closed / due in period
  kOnTimeRate,        // 按期办结率: closed by the deadline / closed
  kSignForRate,       // 及时签收率: signed for in time / assigned
  kReturnRate,        // 回退率: returned / submitted (lower is better)
  kReportTimeliness,  // 报送及时率: reports on time / reports due
  kSatisfactionRate,  // 满意率: (满意 + 基本满意) / rated — see SatisfactionRatio
  kUnsatisfiedRate,   // 不满意率: 不满意 / rated (for hard bars)
  // Counts:
  kOverdueCount,             // 逾期件数
  kRecurrenceCount,          // 反弹数
  kNoticeCount,              // 通报次数
  kMajorHazardOverdueCount,  // 重大隐患逾期数 (for hard bars)
};

bool IsRateMetric(Metric metric);
std::string_view MetricName(Metric metric);   // "closure_rate", ...: JSON and storage form
std::string_view MetricLabel(Metric metric);  // "销号率", ...
std::optional<Metric> ParseMetric(std::string_view name);

// How an indicator earns its points. The formula also names the indicator's source.
enum class Formula {
  // A group node: points = Σ children's points. Its max_points must equal Σ children's
  // max_points (分值分解), so a group is never worth more than its parts.
  kSum,
  // From `metric` (a rate in percent, or a count):
  //   points = max_points × clamp((value − zero_at) / (full_at − zero_at), 0, 1)
  // Works both ways: closure rate zero_at 60, full_at 100 → 60% or less 0 points, 80% half,
  // 100% full; return rate zero_at 20, full_at 0 → 0% full, 20% or more 0 points.
  kLinear,
  // From `metric` (a count): points = max(0, max_points − min(cap, count × per_event_points)),
  // cap defaulting to max_points (扣完为止). E.g. 0.5 per overdue item, cap 3, max 5:
  // 4 items → 3, 10 items → 2.
  kPerEventDeduction,
  // From manual entries 人工评分 on a 0–100 scale, by evaluator group (督查打分, 第三方评估,
  // 服务对象测评, 集中评议). Each group's score is the plain mean of its entries; then
  //   points = max_points × Σ_g (weight_g × mean_g) / (100 × Σ_g weight_g)
  // over the groups that have at least one entry: a group with no entry is left out and the
  // others' weights renormalised (weights 0.4/0.6, only the first scored → it counts 100%).
  // With no entry at all the indicator has no data (see NoDataPolicy).
  kManualWeighted,
  // From point events 加分/扣分 filed against this indicator: points = clamp(Σ event points,
  // −cap, +cap). Positive events are bonuses, negative ones deductions. These indicators sit
  // outside the base score: max_points must be 0, so the total may exceed the scheme's base.
  kEventSum,
};

std::string_view FormulaName(Formula formula);  // "sum", "linear", ...
std::optional<Formula> ParseFormula(std::string_view name);

// What an indicator earns when its source has no data: a rate with denominator 0 (no items
// due, nothing rated) or a manual indicator no evaluator scored.
enum class NoDataPolicy {
  kFullPoints,  // 无应办事项不扣分 — the default: nothing due, nothing failed
  kZeroPoints,
};

// An evaluator group of a kManualWeighted indicator.
struct EvaluatorGroup {
  std::string name;   // "督查打分"; manual entries name it exactly
  double weight = 0;  // ≥ 0, any scale (0.4 or 40); at least one > 0
};

struct Indicator {
  std::string key;   // unique within the scheme; names the indicator in errors and facts
  std::string name;  // "销号率", shown in explanations
  Formula formula = Formula::kLinear;
  double max_points = 0;  // > 0, except kEventSum where it is 0
  // kLinear, kPerEventDeduction:
  std::optional<Metric> metric;
  double zero_at = 0;  // kLinear: the value earning 0 points
  double full_at = 0;  // kLinear: the value earning max_points; ≠ zero_at
  // kPerEventDeduction, kEventSum:
  double per_event_points = 0;  // kPerEventDeduction: > 0
  std::optional<double> cap;    // > 0; kPerEventDeduction: default max_points; kEventSum: required
  // kManualWeighted:
  std::vector<EvaluatorGroup> evaluator_groups;
  NoDataPolicy no_data = NoDataPolicy::kFullPoints;
  // kSum: the sub-indicators (二级指标), non-empty; empty for every other formula.
  std::vector<Indicator> children;
};

enum class Tier { kPoor, kAverage, kFairlyGood, kGood };  // ordered: a cap is a minimum

std::string_view TierName(Tier tier);   // "poor", "average", "fairly_good", "good"
std::string_view TierLabel(Tier tier);  // "差", "一般", "较好", "好"
std::optional<Tier> ParseTier(std::string_view name);

// A hard bar 硬杠/一票否决: when hit, the tier is at most `cap` whatever the score.
// With `metric`, it is hit when the subject's value is strictly above `threshold` (a count, or a
// rate in percent): "any 重大 hazard overdue → 差" is {kMajorHazardOverdueCount, 0, kPoor};
// "不满意率 over 10% → 一般" is {kUnsatisfiedRate, 10, kAverage}. A rate with denominator 0 never
// hits. Without `metric` it is a decision recorded by people (e.g. 发生重大安全事故), hit when the
// facts list its key in `vetoes`.
struct HardBar {
  std::string key;
  std::string name;  // "重大隐患逾期", named in tier_capped_by
  std::optional<Metric> metric;
  double threshold = 0;  // ≥ 0
  Tier cap = Tier::kPoor;
};

struct Scheme {
  std::string key;
  std::string name;
  std::vector<Indicator> indicators;  // the roots; total = Σ their points
  // Lower bounds of 一般, 较好, 好: strictly increasing. Below the first is 差.
  std::vector<double> tier_bounds = {60, 80, 90};
  std::vector<HardBar> bars;
  // 争星: empty, or the lower bounds of 1..5 stars, strictly increasing (below the first: 0).
  std::vector<double> star_bounds;
  // 三级联动: the weight of the children's mean in a unit's rolled-up score, in [0, 1].
  double child_weight = 0;
  // The peer group scored together under a unit: "" for its children (all bureaus of a
  // county), or a unit kind ("branch") for every unit of that kind below it (all party
  // branches of a county, for 支部争星).
  std::string peer_kind;
};

// kInvalidArgument with the offending indicator's (or bar's) key as the field and in the
// message, for: an empty or duplicate key; max_points ≤ 0 (or ≠ 0 for kEventSum); a group
// whose children's max_points do not add up to its own, or a non-group with children; a
// missing or wrong-kind metric; zero_at == full_at; per_event_points ≤ 0; a cap ≤ 0 or
// missing for kEventSum; no evaluator group, a negative weight, all weights 0, a duplicate
// group name; tier_bounds not 3 strictly increasing values, star_bounds not empty or 5
// strictly increasing values; child_weight outside [0, 1]; a bar threshold < 0.
Status ValidateScheme(const Scheme& scheme);

struct Ratio {
  int64_t numerator = 0;
  int64_t denominator = 0;  // 0: no data
};

// 满意率 = (满意 + 基本满意) / rated.
Ratio SatisfactionRatio(int64_t satisfied, int64_t basically_satisfied, int64_t rated);

struct ManualEntry {
  std::string indicator_key;
  std::string evaluator_group;  // one of the indicator's evaluator_groups
  std::string evaluator;        // who scored, for the record
  double score = 0;             // 0–100
};

struct PointEvent {
  std::string indicator_key;  // a kEventSum indicator
  double points = 0;          // +bonus / −deduction, e.g. −0.5 for a late 督办件
  std::string reason;
};

// What one subject (unit or person) did in one period.
struct UnitFacts {
  std::string subject_code;  // unit code or account id: the ranking tie-break
  std::string subject_name;
  std::map<Metric, Ratio> rates;     // every rate metric the scheme reads
  std::map<Metric, int64_t> counts;  // every count metric the scheme reads
  std::vector<ManualEntry> manual_entries;
  std::vector<PointEvent> events;
  std::vector<std::string> vetoes;  // keys of metric-less hard bars that were decided
};

struct IndicatorScore {
  std::string key;
  std::string name;
  int depth = 0;                // 0 for roots; the breakdown lists the tree in pre-order
  std::optional<double> value;  // the metric value (percent or count) or weighted manual score
  double points = 0;            // rounded to 0.01
  double max_points = 0;
  std::string explanation;  // "销号率 87.28%（748/857），得 8.73 分（满分 10 分）"
};

struct ScoreBreakdown {
  std::string subject_code;
  double total_points = 0;  // Σ root points, rounded to 0.01, never below 0
  Tier tier_by_score = Tier::kPoor;
  Tier tier = Tier::kPoor;                  // after hard bars
  std::vector<std::string> tier_capped_by;  // names of every bar hit, in scheme order
  int stars = 0;                            // 0 when the scheme has no star_bounds
  std::vector<IndicatorScore> indicators;
};

// Scores `facts` under `scheme`. The tier and stars are those of total_points; a caller rolling
// up children's scores applies ApplyTier/StarsFor to the rolled-up score instead.
// kInvalidArgument when the scheme is invalid (as ValidateScheme), or the facts do not fit it:
// a metric the scheme reads is missing or a ratio is negative or numerator > denominator; a
// manual entry or event names an unknown indicator, the wrong formula, or an unknown
// evaluator group; a manual score is outside 0–100 or not finite. The field is the key.
Result<ScoreBreakdown> Score(const Scheme& scheme, const UnitFacts& facts);

struct TierOutcome {
  Tier tier_by_score = Tier::kPoor;
  Tier tier = Tier::kPoor;
  std::vector<std::string> capped_by;  // every bar in bars_hit, by name, in order
};

// The tier of `score` under `tier_bounds` (as in Scheme; precondition: valid), then the lowest
// cap among `bars_hit`. Every bar hit is named, even one whose cap is not below the score's tier.
TierOutcome ApplyTier(double score, const std::vector<double>& tier_bounds,
                      const std::vector<HardBar>& bars_hit);

// The number of `lower_bounds` at or below `score` (compared at 0.01): the band mechanism of
// tiers and stars. Precondition: strictly increasing.
int BandOf(double score, const std::vector<double>& lower_bounds);
// 0..5 under Scheme::star_bounds (0 when empty).
int StarsFor(double score, const std::vector<double>& star_bounds);
std::string StarsText(int stars);  // 3 → "★★★☆☆"

struct SubjectScore {
  std::string subject_code;
  double score = 0;
};

struct RankedResult {
  std::string subject_code;
  double score = 0;
  int rank = 0;  // 1-based
};

// Ranks a peer group: higher score first; equal scores (at 0.01) share a rank and the next
// rank skips (competition ranking 1, 2, 2, 4). Among equals the display order is by
// subject_code ascending (byte order), then input order. Any size, including 0.
std::vector<RankedResult> Rank(std::vector<SubjectScore> scores);

// 三级联动: own × (1 − child_weight) + mean(children) × child_weight; `own` when there are no
// children. Applied bottom-up, a county's score includes its towns', which include their
// villages'. Precondition: 0 ≤ child_weight ≤ 1 (ValidateScheme checks the scheme's).
double RollUp(double own, const std::vector<double>& children, double child_weight);

// 一般 and 差 call for follow-up 约谈/限期整改; the service creates those items once per result.
bool NeedsFollowUp(Tier tier);

// num/den as a percentage with 2 decimals, rounded half away from zero: 748/857 → "87.28%",
// 1/8 → "12.50%", 2/3 → "66.67%"; den 0 → "—". Exact (integer arithmetic) for |num|, |den| up
// to 9×10^14.
std::string FormatPercent(int64_t num, int64_t den);
// Points rounded to 0.01, without trailing zeros: 8.728 → "8.73", 10 → "10", 7.5 → "7.5".
std::string FormatPoints(double points);
// Rounds to 0.01, half away from zero, tolerant of binary representation (1.005 → 1.01).
double RoundPoints(double points);

}  // namespace duban
