// Micro-benchmarks of the hot rules (Google Benchmark): deadlines in working days, warning
// colours, the calendar work the sweep does per item over a batch, assessment scoring over a
// realistic scheme, and the JSON encoding of a list page. Run:
//   build/release/bench/micro_bench [--benchmark_filter=Warning]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/assessment.h"
#include "core/deadline.h"
#include "http/item_json.h"
#include "http/json_writer.h"
#include "io/calendar_import.h"

namespace duban {
namespace {

Date Day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d));
}
Date AddDays(Date d, int n) { return std::chrono::sys_days(d) + std::chrono::days(n); }

// The shipped China calendar (every year the State Council has published).
const WorkCalendar& China() {
  static const WorkCalendar calendar = [] {
    WorkCalendar c;
    auto years = ShippedCalendar();
    if (!years.ok()) {
      std::cerr << years.status().message() << "\n";
      std::abort();
    }
    for (auto& [year, days] : *years) {
      if (!c.SetYear(year, days).ok()) std::abort();
    }
    return c;
  }();
  return calendar;
}

void BM_DeadlineInWorkingDays(benchmark::State& state) {
  const WorkCalendar& cal = China();
  Date from = Day(2026, 9, 1);
  int i = 0;
  for (auto _ : state) {
    auto d = cal.AddWorkingDays(AddDays(from, i % 60), 5 + i % 60);
    benchmark::DoNotOptimize(d);
    ++i;
  }
}
BENCHMARK(BM_DeadlineInWorkingDays);

void BM_ComputeWarning(benchmark::State& state) {
  const WorkCalendar& cal = China();
  Date today = Day(2026, 11, 23);
  WarningPolicy policy;
  int i = 0;
  for (auto _ : state) {
    // Deadlines from 40 days past to 40 days ahead: every colour.
    auto w = ComputeWarning(cal, AddDays(today, -40 + i % 81), today, policy);
    benchmark::DoNotOptimize(w);
    ++i;
  }
}
BENCHMARK(BM_ComputeWarning);

// The rule work the sweep does per due item: the warning, the due-soon date and the date of
// escalation to 挂牌督办, over a batch of 500 items (the sweep reads 500 at a time).
void BM_SweepBatchRules(benchmark::State& state) {
  const WorkCalendar& cal = China();
  Date today = Day(2026, 11, 23);
  WarningPolicy policy;
  std::vector<Date> deadlines;
  for (int i = 0; i < 500; ++i) deadlines.push_back(AddDays(today, -60 + (i * 37) % 120));
  for (auto _ : state) {
    int due = 0;
    for (Date d : deadlines) {
      auto w = ComputeWarning(cal, d, today, policy);
      auto escalate = cal.AddWorkingDays(d, policy.severe_working_days + 1);
      auto soon = cal.WorkingDaysBetween(today, d);
      due += w.ok() && escalate.ok() && soon.ok() && *escalate <= today;
    }
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations() * 500);
}
BENCHMARK(BM_SweepBatchRules);

// A county's annual scheme: four groups of automatic, manual and event indicators, with
// evaluator weights, deductions and two hard bars.
Scheme CountyScheme() {
  auto linear = [](std::string key, Metric m, double max, double zero, double full) {
    Indicator i;
    i.key = key;
    i.name = key;
    i.formula = Formula::kLinear;
    i.metric = m;
    i.max_points = max;
    i.zero_at = zero;
    i.full_at = full;
    return i;
  };
  auto group = [](std::string key, std::vector<Indicator> children) {
    Indicator g;
    g.key = key;
    g.name = key;
    g.formula = Formula::kSum;
    for (auto& c : children) g.max_points += c.max_points;
    g.children = std::move(children);
    return g;
  };
  Indicator overdue;
  overdue.key = "overdue";
  overdue.name = "逾期件数";
  overdue.formula = Formula::kPerEventDeduction;
  overdue.metric = Metric::kOverdueCount;
  overdue.max_points = 10;
  overdue.per_event_points = 0.5;
  overdue.cap = 6;
  Indicator manual;
  manual.key = "manual";
  manual.name = "综合评议";
  manual.formula = Formula::kManualWeighted;
  manual.max_points = 30;
  manual.evaluator_groups = {
      {"督查打分", 0.4}, {"第三方", 0.2}, {"服务对象测评", 0.2}, {"集中评议", 0.2}};
  Indicator bonus;
  bonus.key = "bonus";
  bonus.name = "加减分";
  bonus.formula = Formula::kEventSum;
  bonus.max_points = 0;
  bonus.cap = 5;
  Scheme s;
  s.key = "county-2026";
  s.name = "2026 年度作风建设考核";
  s.indicators = {
      group("loop", {linear("closure", Metric::kClosureRate, 15, 60, 100),
                     linear("on_time", Metric::kOnTimeRate, 10, 60, 100),
                     linear("sign_for", Metric::kSignForRate, 5, 80, 100),
                     linear("returns", Metric::kReturnRate, 5, 20, 0)}),
      group("supervision", {overdue, linear("reports", Metric::kReportTimeliness, 10, 50, 100)}),
      group("people", {linear("satisfaction", Metric::kSatisfactionRate, 15, 70, 100)}), manual,
      bonus};
  s.bars = {{"major_hazard", "重大隐患逾期", Metric::kMajorHazardOverdueCount, 0, Tier::kPoor},
            {"unsatisfied", "不满意率过高", Metric::kUnsatisfiedRate, 10, Tier::kAverage}};
  s.star_bounds = {60, 70, 80, 90, 95};
  return s;
}

UnitFacts CountyFacts() {
  UnitFacts f;
  f.subject_code = "QS";
  f.subject_name = "青山县";
  f.rates = {{Metric::kClosureRate, {748, 857}},      {Metric::kOnTimeRate, {690, 748}},
             {Metric::kSignForRate, {830, 857}},      {Metric::kReturnRate, {31, 760}},
             {Metric::kReportTimeliness, {402, 455}}, {Metric::kSatisfactionRate, {310, 340}},
             {Metric::kUnsatisfiedRate, {30, 340}}};
  f.counts = {{Metric::kOverdueCount, 7}, {Metric::kMajorHazardOverdueCount, 0}};
  const char* groups[] = {"督查打分", "第三方", "服务对象测评", "集中评议"};
  for (int i = 0; i < 40; ++i) {
    f.manual_entries.push_back(
        {"manual", groups[i % 4], "评议人" + std::to_string(i), 70.0 + (i * 7) % 30});
  }
  f.events = {{"bonus", 1.0, "经验做法被省级推广"}, {"bonus", -0.5, "督办件逾期报送"}};
  return f;
}

void BM_ScoreCountyScheme(benchmark::State& state) {
  Scheme scheme = CountyScheme();
  UnitFacts facts = CountyFacts();
  if (!Score(scheme, facts).ok()) {
    state.SkipWithError("the scheme does not score");
    return;
  }
  for (auto _ : state) {
    auto r = Score(scheme, facts);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ScoreCountyScheme);

// 25 items of a bureau's list, as bench-gen makes them.
std::vector<Item> ListPageItems() {
  std::vector<Item> items;
  for (int i = 0; i < 25; ++i) {
    Item it;
    it.id = 1000 + i;
    it.code = FormatItemCode(2026, 123400 + i);
    it.kind = ItemKind::kHazard;
    it.title = "G320线K12+300处护栏损坏";
    it.description = "青石：G320线K12+300处护栏损坏，群众反映强烈，需限期整改到位。";
    it.unit_id = 42;
    it.unit_path = "/1/2/14/42/";
    it.unit_name = "青石县交通运输局";
    it.found_on = Day(2026, 9, 1);
    it.found_by = "u14";
    it.responsible_unit_id = 43;
    it.responsible_unit_path = "/1/2/14/42/43/";
    it.responsible_unit_name = "安全监督股";
    it.responsible_person_id = 431;
    it.responsible_person_name = "王磊";
    it.lead_leader_id = 421;
    it.lead_leader_name = "郑国强";
    it.measures = {"制定整改方案，明确责任人和时限", "组织回头看，防止反弹"};
    it.deadline = Day(2026, 10, 30);
    it.status = ItemStatus::kInProgress;
    it.progress = 50;
    it.details_json = R"({"location":"青石","road":"G320","km_marker":"K12+300","level":"一般"})";
    it.created_at = it.updated_at = std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::sys_days(it.found_on) + std::chrono::hours(1));
    items.push_back(it);
  }
  return items;
}

// A page of 25 items as GET /api/v1/items encoded it through an nlohmann document.
void BM_EncodeListPage(benchmark::State& state) {
  const std::vector<Item> items = ListPageItems();
  std::vector<ItemAction> allowed = {ItemAction::kReport, ItemAction::kSubmit, ItemAction::kExtend};
  size_t bytes = 0;
  for (auto _ : state) {
    nlohmann::json list = nlohmann::json::array();
    for (const Item& it : items) list.push_back(http::ItemJson(it, Warning::kRed, allowed));
    std::string body = nlohmann::json{
        {"items", std::move(list)},
        {"total", 2412},
        {"page", 1},
        {"page_size", 25}}.dump();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_EncodeListPage);

// The same page as GET /api/v1/items writes it now: straight into the body (http/json_writer.h).
// Compare with BM_EncodeListPage: the ratio is what the list saves per request.
void BM_WriteListPage(benchmark::State& state) {
  const std::vector<Item> items = ListPageItems();
  std::vector<ItemAction> allowed = {ItemAction::kReport, ItemAction::kSubmit, ItemAction::kExtend};
  size_t bytes = 0;
  for (auto _ : state) {
    std::string body;
    http::JsonWriter w(body);
    w.BeginObject();
    w.Key("items");
    w.BeginArray();
    for (const Item& it : items) http::WriteItemJson(w, it, Warning::kRed, allowed);
    w.EndArray();
    w.Key("page");
    w.Int(1);
    w.Key("page_size");
    w.Int(25);
    w.Key("total");
    w.Int(2412);
    w.EndObject();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_WriteListPage);

}  // namespace
}  // namespace duban

BENCHMARK_MAIN();
