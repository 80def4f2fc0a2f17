#include "core/assessment.h"

#include <gtest/gtest.h>

#include <cmath>

namespace duban {
namespace {

Indicator Linear(std::string key, std::string name, double max_points, Metric metric,
                 double zero_at, double full_at) {
  Indicator ind;
  ind.key = std::move(key);
  ind.name = std::move(name);
  ind.formula = Formula::kLinear;
  ind.max_points = max_points;
  ind.metric = metric;
  ind.zero_at = zero_at;
  ind.full_at = full_at;
  return ind;
}

Indicator PerEvent(std::string key, double max_points, Metric metric, double per_event,
                   std::optional<double> cap) {
  Indicator ind;
  ind.key = std::move(key);
  ind.name = "逾期件数";
  ind.formula = Formula::kPerEventDeduction;
  ind.max_points = max_points;
  ind.metric = metric;
  ind.per_event_points = per_event;
  ind.cap = cap;
  return ind;
}

Indicator Manual(std::string key, double max_points) {
  Indicator ind;
  ind.key = std::move(key);
  ind.name = "综合评议";
  ind.formula = Formula::kManualWeighted;
  ind.max_points = max_points;
  ind.evaluator_groups = {{"督查打分", 0.4}, {"第三方评估", 0.6}};
  return ind;
}

Indicator Events(std::string key, double cap) {
  Indicator ind;
  ind.key = std::move(key);
  ind.name = "加减分";
  ind.formula = Formula::kEventSum;
  ind.cap = cap;
  return ind;
}

Scheme OneIndicator(Indicator ind) {
  Scheme scheme;
  scheme.key = "test";
  scheme.indicators.push_back(std::move(ind));
  return scheme;
}

TEST(AssessmentTest, FormatPercent) {
  struct Case {
    int64_t num;
    int64_t den;
    const char* expected;
  };
  const Case cases[] = {
      {748, 857, "87.28%"},  // 87.2812…
      {1, 3, "33.33%"},
      {2, 3, "66.67%"},
      {1, 8, "12.50%"},
      {0, 5, "0.00%"},
      {5, 5, "100.00%"},
      {0, 0, "—"},
      {7, 0, "—"},
      {1, 16, "6.25%"},      // exact
      {1, 32, "3.13%"},      // 3.125: half away from zero
      {1, 160000, "0.00%"},  // 0.000625%
      {1, 20000, "0.01%"},   // 0.005%: the half rounds up
      {9999, 10000, "99.99%"},
      {99999, 100000, "100.00%"},  // 99.999%
      {-1, 32, "-3.13%"},
      {1, -3, "-33.33%"},
      {900000000000000, 900000000000001, "100.00%"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatPercent(c.num, c.den), c.expected) << c.num << "/" << c.den;
  }
}

TEST(AssessmentTest, FormatAndRoundPoints) {
  struct Case {
    double points;
    double rounded;
    const char* text;
  };
  const Case cases[] = {
      {8.728, 8.73, "8.73"}, {10, 10, "10"},        {7.5, 7.5, "7.5"},    {0, 0, "0"},
      {1.005, 1.01, "1.01"}, {2.675, 2.68, "2.68"}, {-0.5, -0.5, "-0.5"}, {-1.005, -1.01, "-1.01"},
      {0.004, 0, "0"},       {-0.004, 0, "0"},      {89.995, 90, "90"},   {0.1, 0.1, "0.1"},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(RoundPoints(c.points), c.rounded) << c.points;
    EXPECT_EQ(FormatPoints(c.points), c.text) << c.points;
  }
}

TEST(AssessmentTest, NamesRoundTrip) {
  for (Metric m : {Metric::kClosureRate, Metric::kSatisfactionRate, Metric::kOverdueCount,
                   Metric::kMajorHazardOverdueCount}) {
    EXPECT_EQ(ParseMetric(MetricName(m)), m);
  }
  for (Formula f : {Formula::kSum, Formula::kLinear, Formula::kPerEventDeduction,
                    Formula::kManualWeighted, Formula::kEventSum}) {
    EXPECT_EQ(ParseFormula(FormulaName(f)), f);
  }
  for (Tier t : {Tier::kPoor, Tier::kAverage, Tier::kFairlyGood, Tier::kGood}) {
    EXPECT_EQ(ParseTier(TierName(t)), t);
  }
  EXPECT_EQ(MetricLabel(Metric::kClosureRate), "销号率");
  EXPECT_TRUE(IsRateMetric(Metric::kReturnRate));
  EXPECT_FALSE(IsRateMetric(Metric::kNoticeCount));
  EXPECT_EQ(TierLabel(Tier::kFairlyGood), "较好");
  EXPECT_FALSE(ParseTier("Good").has_value());
}

TEST(ScoreTest, LinearAtAndAroundThresholds) {
  struct Case {
    const char* what;
    double zero_at;
    double full_at;
    Ratio ratio;
    double points;
  };
  const Case cases[] = {
      {"closure 60→100, below zero_at", 60, 100, {59, 100}, 0},
      {"closure 60→100, at zero_at", 60, 100, {60, 100}, 0},
      {"closure 60→100, just above", 60, 100, {61, 100}, 0.25},
      {"closure 60→100, midway", 60, 100, {80, 100}, 5},
      {"closure 60→100, just below full", 60, 100, {99, 100}, 9.75},
      {"closure 60→100, full", 60, 100, {100, 100}, 10},
      {"closure 0→100, 748/857", 0, 100, {748, 857}, 8.73},
      {"return rate 20→0 (lower is better), 0%", 20, 0, {0, 50}, 10},
      {"return rate 20→0, 10%", 20, 0, {5, 50}, 5},
      {"return rate 20→0, at 20%", 20, 0, {10, 50}, 0},
      {"return rate 20→0, above", 20, 0, {25, 50}, 0},
      {"full_at below 100 saturates", 0, 95, {96, 100}, 10},
  };
  for (const Case& c : cases) {
    const Scheme scheme =
        OneIndicator(Linear("closure", "销号率", 10, Metric::kClosureRate, c.zero_at, c.full_at));
    UnitFacts facts;
    facts.rates[Metric::kClosureRate] = c.ratio;
    auto result = Score(scheme, facts);
    ASSERT_TRUE(result.ok()) << c.what << ": " << result.status().ToString();
    EXPECT_DOUBLE_EQ(result->indicators[0].points, c.points) << c.what;
    EXPECT_DOUBLE_EQ(result->total_points, c.points) << c.what;
  }
}

TEST(ScoreTest, ExplanationShowsRateCountsAndPoints) {
  const Scheme scheme = OneIndicator(Linear("closure", "销号率", 10, Metric::kClosureRate, 0, 100));
  UnitFacts facts;
  facts.rates[Metric::kClosureRate] = {748, 857};
  auto result = Score(scheme, facts);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->indicators[0].explanation,
            "销号率 87.28%（748/857），得 8.73 分（满分 10 分）");
  ASSERT_TRUE(result->indicators[0].value.has_value());
  EXPECT_NEAR(*result->indicators[0].value, 87.2812, 1e-4);
}

TEST(ScoreTest, ZeroDenominatorFollowsNoDataPolicy) {
  Indicator ind = Linear("closure", "销号率", 10, Metric::kClosureRate, 60, 100);
  UnitFacts facts;
  facts.rates[Metric::kClosureRate] = {0, 0};
  auto full = Score(OneIndicator(ind), facts);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_DOUBLE_EQ(full->total_points, 10);
  EXPECT_FALSE(full->indicators[0].value.has_value());
  EXPECT_EQ(full->indicators[0].explanation,
            "销号率 —（0/0），无数据不扣分，得 10 分（满分 10 分）");
  ind.no_data = NoDataPolicy::kZeroPoints;
  auto zero = Score(OneIndicator(ind), facts);
  ASSERT_TRUE(zero.ok());
  EXPECT_DOUBLE_EQ(zero->total_points, 0);
}

TEST(ScoreTest, SatisfactionRateCountsBasicallySatisfied) {
  const Ratio r = SatisfactionRatio(70, 20, 100);
  EXPECT_EQ(r.numerator, 90);
  EXPECT_EQ(r.denominator, 100);
  UnitFacts facts;
  facts.rates[Metric::kSatisfactionRate] = r;
  auto result =
      Score(OneIndicator(Linear("sat", "满意率", 20, Metric::kSatisfactionRate, 80, 100)), facts);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->total_points, 10);
}

TEST(ScoreTest, PerEventDeductionAndCap) {
  struct Case {
    int64_t count;
    std::optional<double> cap;
    double points;
  };
  const Case cases[] = {
      {0, 3, 5},
      {1, 3, 4.5},
      {5, 3, 2.5},
      {6, 3, 2},
      {7, 3, 2},
      {100, 3, 2},  // at and past the cap
      {9, std::nullopt, 0.5},
      {10, std::nullopt, 0},
      {11, std::nullopt, 0},  // 扣完为止
      {20, 8, 0},             // a cap above max_points still never goes below 0
  };
  for (const Case& c : cases) {
    UnitFacts facts;
    facts.counts[Metric::kOverdueCount] = c.count;
    auto result =
        Score(OneIndicator(PerEvent("overdue", 5, Metric::kOverdueCount, 0.5, c.cap)), facts);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_DOUBLE_EQ(result->total_points, c.points) << c.count;
  }
  UnitFacts facts;
  facts.counts[Metric::kOverdueCount] = 7;
  auto result = Score(OneIndicator(PerEvent("overdue", 5, Metric::kOverdueCount, 0.5, 3)), facts);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->indicators[0].explanation,
            "逾期件数 7，每个扣 0.5 分，扣 3 分（扣分上限 3 分），得 2 分（满分 5 分）");
}

TEST(ScoreTest, LinearOnACount) {
  // 反弹数: 0 → full, 4 or more → 0.
  struct Case {
    int64_t count;
    double points;
  };
  const Case cases[] = {{0, 8}, {1, 6}, {3, 2}, {4, 0}, {9, 0}};
  for (const Case& c : cases) {
    UnitFacts facts;
    facts.counts[Metric::kRecurrenceCount] = c.count;
    auto result =
        Score(OneIndicator(Linear("recur", "反弹数", 8, Metric::kRecurrenceCount, 4, 0)), facts);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_DOUBLE_EQ(result->total_points, c.points) << c.count;
  }
}

TEST(ScoreTest, ManualWeightedRenormalisesMissingGroups) {
  struct Case {
    const char* what;
    std::vector<ManualEntry> entries;
    double points;
  };
  const Case cases[] = {
      {"both groups", {{"m", "督查打分", "甲", 80}, {"m", "第三方评估", "乙", 90}}, 17.2},
      {"a group's entries are averaged",
       {{"m", "督查打分", "甲", 70}, {"m", "督查打分", "丙", 90}, {"m", "第三方评估", "乙", 90}},
       17.2},
      {"only 督查打分: it counts 100%", {{"m", "督查打分", "甲", 75}}, 15},
      {"only 第三方评估", {{"m", "第三方评估", "乙", 100}}, 20},
      {"nobody scored: no data, full points by default", {}, 20},
      {"zeros", {{"m", "督查打分", "甲", 0}, {"m", "第三方评估", "乙", 0}}, 0},
  };
  for (const Case& c : cases) {
    UnitFacts facts;
    facts.manual_entries = c.entries;
    auto result = Score(OneIndicator(Manual("m", 20)), facts);
    ASSERT_TRUE(result.ok()) << c.what << ": " << result.status().ToString();
    EXPECT_DOUBLE_EQ(result->total_points, c.points) << c.what;
  }
  UnitFacts facts;
  facts.manual_entries = {{"m", "督查打分", "甲", 75}};
  auto result = Score(OneIndicator(Manual("m", 20)), facts);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(
      result->indicators[0].explanation,
      "综合评议 督查打分 75（1 人，权重 0.4），加权 75（第三方评估 未评分，权重按其余组重算），"
      "得 15 分（满分 20 分）");
}

TEST(ScoreTest, EventSumIsCappedBothWays) {
  struct Case {
    std::vector<double> events;
    double points;
  };
  const Case cases[] = {
      {{}, 0},    {{-0.5}, -0.5}, {{-0.5, -0.5, -1}, -2}, {{-2, -2, -2}, -5},
      {{-5}, -5}, {{3, 3}, 5},    {{2, -0.5}, 1.5},
  };
  for (const Case& c : cases) {
    Scheme scheme = OneIndicator(Linear("closure", "销号率", 100, Metric::kClosureRate, 0, 100));
    scheme.indicators.push_back(Events("adjust", 5));
    UnitFacts facts;
    facts.rates[Metric::kClosureRate] = {50, 100};
    for (double p : c.events) facts.events.push_back({"adjust", p, "督办件迟报"});
    auto result = Score(scheme, facts);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_DOUBLE_EQ(result->indicators[1].points, c.points);
    EXPECT_DOUBLE_EQ(result->total_points, 50 + c.points);
  }
}

TEST(ScoreTest, TotalNeverBelowZero) {
  Scheme scheme = OneIndicator(Linear("closure", "销号率", 10, Metric::kClosureRate, 60, 100));
  scheme.indicators.push_back(Events("adjust", 5));
  UnitFacts facts;
  facts.rates[Metric::kClosureRate] = {50, 100};
  facts.events = {{"adjust", -3, "迟报"}};
  auto result = Score(scheme, facts);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->total_points, 0);
}

// A 100-point scheme with two levels, the shape of a county's 考核 of its towns.
Scheme CountyScheme() {
  Indicator work;
  work.key = "work";
  work.name = "督办落实";
  work.formula = Formula::kSum;
  work.max_points = 60;
  work.children = {Linear("closure", "销号率", 30, Metric::kClosureRate, 60, 100),
                   Linear("on_time", "按期办结率", 20, Metric::kOnTimeRate, 60, 100),
                   PerEvent("overdue", 10, Metric::kOverdueCount, 1, std::nullopt)};
  Scheme scheme;
  scheme.key = "county";
  scheme.name = "2026 年度督查考核";
  scheme.indicators = {work, Manual("review", 40), Events("adjust", 5)};
  scheme.bars = {{"major_hazard", "重大隐患逾期", Metric::kMajorHazardOverdueCount, 0, Tier::kPoor},
                 {"unsatisfied", "不满意率超 10%", Metric::kUnsatisfiedRate, 10, Tier::kAverage},
                 {"accident", "发生重大安全事故", std::nullopt, 0, Tier::kPoor}};
  scheme.star_bounds = {60, 70, 80, 85, 90};
  return scheme;
}

UnitFacts GoodTown() {
  UnitFacts facts;
  facts.subject_code = "T01";
  facts.rates[Metric::kClosureRate] = {100, 100};
  facts.rates[Metric::kOnTimeRate] = {95, 100};
  facts.rates[Metric::kUnsatisfiedRate] = {2, 100};
  facts.counts[Metric::kOverdueCount] = 1;
  facts.counts[Metric::kMajorHazardOverdueCount] = 0;
  facts.manual_entries = {{"review", "督查打分", "甲", 90}, {"review", "第三方评估", "乙", 95}};
  return facts;
}

TEST(ScoreTest, TreeBreakdownInPreOrder) {
  auto result = Score(CountyScheme(), GoodTown());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // closure 30, on_time 20 × 35/40 = 17.5, overdue 10 − 1 = 9 → work 56.5;
  // review 40 × (0.4×90 + 0.6×95)/100 = 37.2; adjust 0. Total 93.7.
  const std::vector<std::pair<std::string, double>> expected = {{"work", 56.5},    {"closure", 30},
                                                                {"on_time", 17.5}, {"overdue", 9},
                                                                {"review", 37.2},  {"adjust", 0}};
  ASSERT_EQ(result->indicators.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result->indicators[i].key, expected[i].first);
    EXPECT_DOUBLE_EQ(result->indicators[i].points, expected[i].second) << expected[i].first;
  }
  EXPECT_EQ(result->indicators[0].depth, 0);
  EXPECT_EQ(result->indicators[1].depth, 1);
  EXPECT_EQ(result->indicators[0].explanation, "督办落实 合计得 56.5 分（满分 60 分）");
  EXPECT_DOUBLE_EQ(result->total_points, 93.7);
  EXPECT_EQ(result->tier, Tier::kGood);
  EXPECT_TRUE(result->tier_capped_by.empty());
  EXPECT_EQ(result->stars, 5);
}

TEST(TierTest, HardBarsCapAGoodScoreAndAreNamed) {
  struct Case {
    const char* what;
    int64_t major_overdue;
    Ratio unsatisfied;
    std::vector<std::string> vetoes;
    Tier tier;
    std::vector<std::string> capped_by;
  };
  const Case cases[] = {
      {"no bar", 0, {10, 100}, {}, Tier::kGood, {}},  // 10% is not over 10%
      {"one 重大 hazard overdue", 1, {2, 100}, {}, Tier::kPoor, {"重大隐患逾期"}},
      {"unsatisfied over 10%", 0, {11, 100}, {}, Tier::kAverage, {"不满意率超 10%"}},
      {"nobody rated: the rate bar cannot hit", 0, {0, 0}, {}, Tier::kGood, {}},
      {"both: the lower cap wins, both named",
       2,
       {50, 100},
       {},
       Tier::kPoor,
       {"重大隐患逾期", "不满意率超 10%"}},
      {"a decided veto", 0, {2, 100}, {"accident"}, Tier::kPoor, {"发生重大安全事故"}},
  };
  for (const Case& c : cases) {
    UnitFacts facts = GoodTown();
    facts.counts[Metric::kMajorHazardOverdueCount] = c.major_overdue;
    facts.rates[Metric::kUnsatisfiedRate] = c.unsatisfied;
    facts.vetoes = c.vetoes;
    auto result = Score(CountyScheme(), facts);
    ASSERT_TRUE(result.ok()) << c.what << ": " << result.status().ToString();
    EXPECT_EQ(result->tier_by_score, Tier::kGood) << c.what;
    EXPECT_EQ(result->tier, c.tier) << c.what;
    EXPECT_EQ(result->tier_capped_by, c.capped_by) << c.what;
    EXPECT_DOUBLE_EQ(result->total_points, 93.7) << c.what;  // bars cap the tier, not the score
  }
}

TEST(TierTest, BandsAtAndAroundBounds) {
  struct Case {
    double score;
    Tier tier;
    int stars;
  };
  const std::vector<double> tiers = {60, 80, 90};
  const std::vector<double> stars = {60, 70, 80, 85, 90};
  const Case cases[] = {
      {0, Tier::kPoor, 0},           {59.99, Tier::kPoor, 0},    {59.995, Tier::kAverage, 1},
      {60, Tier::kAverage, 1},       {69.99, Tier::kAverage, 1}, {70, Tier::kAverage, 2},
      {79.99, Tier::kAverage, 2},    {80, Tier::kFairlyGood, 3}, {85, Tier::kFairlyGood, 4},
      {89.99, Tier::kFairlyGood, 4}, {90, Tier::kGood, 5},       {105, Tier::kGood, 5},
  };
  for (const Case& c : cases) {
    const TierOutcome outcome = ApplyTier(c.score, tiers, {});
    EXPECT_EQ(outcome.tier, c.tier) << c.score;
    EXPECT_EQ(outcome.tier_by_score, c.tier) << c.score;
    EXPECT_EQ(StarsFor(c.score, stars), c.stars) << c.score;
  }
  EXPECT_EQ(StarsFor(95, {}), 0);
  EXPECT_EQ(StarsText(3), "★★★☆☆");
  EXPECT_EQ(StarsText(5), "★★★★★");
}

TEST(TierTest, ApplyTierNamesBarsEvenWhenNotLowering) {
  const HardBar to_average{"u", "不满意率超 10%", Metric::kUnsatisfiedRate, 10, Tier::kAverage};
  const TierOutcome outcome = ApplyTier(50, {60, 80, 90}, {to_average});
  EXPECT_EQ(outcome.tier, Tier::kPoor);
  EXPECT_EQ(outcome.capped_by, std::vector<std::string>{"不满意率超 10%"});
}

TEST(TierTest, FollowUpForAverageAndPoor) {
  EXPECT_FALSE(NeedsFollowUp(Tier::kGood));
  EXPECT_FALSE(NeedsFollowUp(Tier::kFairlyGood));
  EXPECT_TRUE(NeedsFollowUp(Tier::kAverage));
  EXPECT_TRUE(NeedsFollowUp(Tier::kPoor));
}

TEST(RankTest, CompetitionRankingWithStableTieBreak) {
  const std::vector<SubjectScore> input = {
      {"T05", 88.5}, {"T02", 92}, {"T04", 88.5},   {"T01", 70},
      {"T03", 88.5}, {"T06", 92}, {"T07", 88.504},  // equal at 0.01 to 88.5
  };
  const std::vector<std::pair<std::string, int>> expected = {
      {"T02", 1}, {"T06", 1}, {"T03", 3}, {"T04", 3}, {"T05", 3}, {"T07", 3}, {"T01", 7}};
  const std::vector<RankedResult> ranked = Rank(input);
  ASSERT_EQ(ranked.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(ranked[i].subject_code, expected[i].first) << i;
    EXPECT_EQ(ranked[i].rank, expected[i].second) << expected[i].first;
  }
  EXPECT_TRUE(Rank({}).empty());
  // Equal codes keep their input order.
  const std::vector<RankedResult> same = Rank({{"X", 80}, {"X", 80}});
  EXPECT_EQ(same[0].rank, 1);
  EXPECT_EQ(same[1].rank, 1);
}

TEST(RankTest, ClassicOneTwoTwoFour) {
  const std::vector<RankedResult> ranked = Rank({{"a", 90}, {"b", 80}, {"c", 80}, {"d", 70}});
  std::vector<int> ranks;
  for (const RankedResult& r : ranked) ranks.push_back(r.rank);
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 2, 4}));
}

TEST(AssessmentTest, RollUpOverThreeLevels) {
  // County ← towns A, B ← villages. Weight 0.3 of the children's mean at each level.
  const double w = 0.3;
  const double town_a = RollUp(80, {90, 70, 80}, w);      // 80×0.7 + 80×0.3 = 80
  const double town_b = RollUp(60, {100}, w);             // 42 + 30 = 72
  const double county = RollUp(90, {town_a, town_b}, w);  // 63 + 76×0.3 = 85.8
  EXPECT_DOUBLE_EQ(town_a, 80);
  EXPECT_DOUBLE_EQ(town_b, 72);
  EXPECT_NEAR(county, 85.8, 1e-9);
  EXPECT_DOUBLE_EQ(RollUp(75, {}, w), 75);         // a leaf keeps its own
  EXPECT_DOUBLE_EQ(RollUp(75, {100, 50}, 0), 75);  // weight 0: own only
  EXPECT_DOUBLE_EQ(RollUp(75, {100, 50}, 1), 75);  // weight 1: children only
  EXPECT_DOUBLE_EQ(RollUp(0, {100, 50}, 1), 75);
}

TEST(AssessmentTest, InvalidSchemesNameTheKey) {
  struct Case {
    const char* what;
    Scheme scheme;
    const char* field;
  };
  auto with = [](auto mutate) {
    Scheme s = CountyScheme();
    mutate(s);
    return s;
  };
  const Case cases[] = {
      {"negative evaluator weight",
       with([](Scheme& s) { s.indicators[1].evaluator_groups[0].weight = -0.1; }), "review"},
      {"all weights 0", with([](Scheme& s) {
         for (auto& g : s.indicators[1].evaluator_groups) g.weight = 0;
       }),
       "review"},
      {"max points 0", with([](Scheme& s) { s.indicators[0].children[1].max_points = 0; }),
       "on_time"},
      {"max points negative", with([](Scheme& s) { s.indicators[1].max_points = -40; }), "review"},
      {"children do not add up", with([](Scheme& s) { s.indicators[0].max_points = 50; }), "work"},
      {"event sum with max points", with([](Scheme& s) { s.indicators[2].max_points = 5; }),
       "adjust"},
      {"event sum without cap", with([](Scheme& s) { s.indicators[2].cap.reset(); }), "adjust"},
      {"linear zero_at == full_at",
       with([](Scheme& s) { s.indicators[0].children[0].zero_at = 100; }), "closure"},
      {"linear without metric", with([](Scheme& s) { s.indicators[0].children[0].metric.reset(); }),
       "closure"},
      {"deduction on a rate",
       with([](Scheme& s) { s.indicators[0].children[2].metric = Metric::kClosureRate; }),
       "overdue"},
      {"deduction per event 0",
       with([](Scheme& s) { s.indicators[0].children[2].per_event_points = 0; }), "overdue"},
      {"duplicate key", with([](Scheme& s) { s.indicators[0].children[1].key = "closure"; }),
       "closure"},
      {"group without children", with([](Scheme& s) { s.indicators[0].children.clear(); }), "work"},
      {"tier bounds not increasing", with([](Scheme& s) {
         s.tier_bounds = {60, 90, 80};
       }),
       "tier_bounds"},
      {"tier bounds equal", with([](Scheme& s) {
         s.tier_bounds = {60, 60, 90};
       }),
       "tier_bounds"},
      {"star bounds not increasing", with([](Scheme& s) {
         s.star_bounds = {60, 70, 70, 85, 90};
       }),
       "star_bounds"},
      {"child weight above 1", with([](Scheme& s) { s.child_weight = 1.5; }), "child_weight"},
      {"bar threshold negative", with([](Scheme& s) { s.bars[0].threshold = -1; }), "major_hazard"},
  };
  for (const Case& c : cases) {
    const Status status = ValidateScheme(c.scheme);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.field(), c.field) << c.what << ": " << status.ToString();
    EXPECT_NE(status.message().find(c.field), std::string::npos)
        << c.what << ": " << status.ToString();
    auto result = Score(c.scheme, GoodTown());
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument) << c.what;
  }
  EXPECT_TRUE(ValidateScheme(CountyScheme()).ok());
}

TEST(ScoreTest, FactsThatDoNotFitTheScheme) {
  struct Case {
    const char* what;
    void (*mutate)(UnitFacts&);
    const char* field;
  };
  const Case cases[] = {
      {"missing rate", [](UnitFacts& f) { f.rates.erase(Metric::kOnTimeRate); }, "on_time"},
      {"missing count", [](UnitFacts& f) { f.counts.erase(Metric::kOverdueCount); }, "overdue"},
      {"numerator over denominator",
       [](UnitFacts& f) {
         f.rates[Metric::kClosureRate] = {101, 100};
       },
       "closure"},
      {"negative count", [](UnitFacts& f) { f.counts[Metric::kOverdueCount] = -1; }, "overdue"},
      {"manual score over 100",
       [](UnitFacts& f) {
         f.manual_entries.push_back({"review", "督查打分", "丁", 101});
       },
       "review"},
      {"unknown evaluator group",
       [](UnitFacts& f) {
         f.manual_entries.push_back({"review", "集中评议", "丁", 80});
       },
       "review"},
      {"manual entry on a metric indicator",
       [](UnitFacts& f) {
         f.manual_entries.push_back({"closure", "督查打分", "丁", 80});
       },
       "closure"},
      {"event on an unknown indicator",
       [](UnitFacts& f) {
         f.events.push_back({"nope", -1, "x"});
       },
       "nope"},
  };
  for (const Case& c : cases) {
    UnitFacts facts = GoodTown();
    c.mutate(facts);
    auto result = Score(CountyScheme(), facts);
    ASSERT_FALSE(result.ok()) << c.what;
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(result.status().field(), c.field) << c.what << ": " << result.status().ToString();
  }
}

}  // namespace
}  // namespace duban
