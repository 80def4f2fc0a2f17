// The assessment scoring benchmark (issue 5): scores every unit of a generated province under
// a 作风建设-style scheme with 三级联动 (so all ~10,000 units are scored, not only one peer
// group) over its ~1,000,000 items, and reports the time as a ratio to reading those items
// once — a plain sequential SELECT of the columns the scoring reads. Medians over repeats; the
// ratio is the figure to compare across machines.
//   scoring_bench [--data build/bench-data/M-seed1] [--repeats 3] [--period 2026]
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <vector>

#include "app/assessment_json.h"
#include "app/assessment_service.h"
#include "core/deadline.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

constexpr const char* kScheme = R"({
  "name": "作风建设考核（基准）",
  "indicators": [
    {"key": "closure", "name": "销号率", "formula": "linear", "metric": "closure_rate",
     "max_points": 30, "zero_at": 60, "full_at": 100},
    {"key": "on_time", "name": "按期办结率", "formula": "linear", "metric": "on_time_rate",
     "max_points": 20, "zero_at": 50, "full_at": 100},
    {"key": "sign_for", "name": "及时签收率", "formula": "linear", "metric": "sign_for_rate",
     "max_points": 10, "zero_at": 50, "full_at": 100},
    {"key": "overdue", "name": "逾期扣分", "formula": "per_event_deduction",
     "metric": "overdue_count", "max_points": 10, "per_event_points": 0.5, "cap": 10},
    {"key": "satisfaction", "name": "满意率", "formula": "linear",
     "metric": "satisfaction_rate", "max_points": 10, "zero_at": 60, "full_at": 100},
    {"key": "review", "name": "综合评议", "formula": "manual_weighted", "max_points": 20,
     "evaluator_groups": [{"name": "督查打分", "weight": 1}]},
    {"key": "bonus", "name": "加减分", "formula": "event_sum", "max_points": 0, "cap": 5}],
  "tier_bounds": [60, 80, 90],
  "bars": [{"key": "major", "name": "重大隐患逾期", "metric": "major_hazard_overdue_count",
            "threshold": 0, "cap": "poor"}],
  "child_weight": 0.3
})";

// Reads every item's scoring columns once, straight from the file: the baseline.
double ReadItemsOnce(const std::string& path, int64_t& rows) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT unit_id, status, found_on, closed_on, deadline, satisfaction, "
                     "assigned_at, accepted_at, kind, details FROM items",
                     -1, &st, nullptr);
  auto start = Clock::now();
  rows = 0;
  int64_t sink = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    sink += sqlite3_column_int64(st, 0) + sqlite3_column_bytes(st, 1) + sqlite3_column_bytes(st, 9);
    ++rows;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (sink == 42) std::cout << "";  // keep the reads
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Assessment scoring benchmark"};
  std::string data = "build/bench-data/M-seed1", period_spec = "2026";
  int repeats = 3;
  app.add_option("--data", data, "A database made by bench-gen")->capture_default_str();
  app.add_option("--repeats", repeats, "Runs of each measurement")->capture_default_str();
  app.add_option("--period", period_spec, "The period scored")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::string path = (std::filesystem::path(data) / "duban.db").string();
  if (!std::filesystem::exists(path)) {
    std::cerr << "no database at " << path << ": run bench/run --size M (or bench-gen) first\n";
    return 1;
  }
  duban::sqlite::SqliteOptions options{path, false, 2};
  auto store = duban::sqlite::OpenSqliteStore(options);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 1;
  }
  auto scheme = duban::SchemeFromJson(nlohmann::json::parse(kScheme));
  if (!scheme.ok() || !duban::ValidateScheme(*scheme).ok()) return 1;
  scheme->key = "bench";
  duban::SchemeRecord record;
  record.key = "bench";
  record.name = scheme->name;
  record.version = 1;
  auto period = duban::ParsePeriod(period_spec);
  if (!period.ok()) {
    std::cerr << period.status().message() << "\n";
    return 2;
  }
  duban::Date today = duban::ShanghaiDate(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));

  std::vector<double> reads, scores;
  int64_t items = 0;
  size_t units = 0, peers = 0;
  for (int r = 0; r < repeats; ++r) {
    reads.push_back(ReadItemsOnce(path, items));
    auto start = Clock::now();
    duban::Status s = (*store)->Read([&](duban::Tx& tx) -> duban::Status {
      DUBAN_ASSIGN_OR_RETURN(auto all, tx.units().Subtree(duban::Scope::Everything(), "/"));
      units = all.size();
      DUBAN_ASSIGN_OR_RETURN(
          auto out, duban::AssessmentService::ScorePeers(tx, duban::Scope::Everything(), record,
                                                         *scheme, *period, all.front(), today));
      peers = out.subjects.size();
      return duban::Status::Ok();
    });
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 1;
    }
    scores.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  double read = Median(reads), score = Median(scores);
  std::cout << "scoring benchmark: " << units << " units (all scored, 三级联动), " << items
            << " items, period " << period->spec << ", median of " << repeats << "\n"
            << "  read the items once: " << read << " s\n"
            << "  score every unit:    " << score << " s (" << peers
            << " in the top peer group ranked)\n"
            << "  ratio score/read:    " << score / read << "\n";
  return 0;
}
