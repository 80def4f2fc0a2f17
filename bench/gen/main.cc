// bench-gen: fills a database made by `duban init` with a province of synthetic data.
//   bench-gen --size S|M|L [--items N] [--seed N] [--today YYYY-MM-DD] --data DIR [--db URL]
// Prints progress in rows/s and ends with a summary; writes the summary JSON (the accounts,
// units and items the benchmarks use) to DIR/bench-summary.json or --summary FILE.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/gen/generator.h"
#include "core/deadline.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"

int main(int argc, char** argv) {
  CLI::App app{"Fills a new Duban database with synthetic province-scale data (deterministic)"};
  std::string size = "S", data, db_url, today_text, summary_path;
  int64_t items = 0, units = 0, chunk = 20'000;
  int cache_mib = 2048;
  uint64_t seed = 1;
  app.add_option("--size", size, "S (10,000 items), M (1,000,000) or L (10,000,000)");
  app.add_option("--items", items, "exact number of items (overrides --size)");
  app.add_option("--units", units, "about this many units (default: items / 100)");
  app.add_option("--seed", seed, "random seed: the same seed gives the same data");
  app.add_option("--today", today_text, "last day of the five years (default: today, Shanghai)");
  app.add_option("--data", data, "data directory of `duban init`")->required();
  app.add_option("--db", db_url, "postgresql://... instead of DIR/duban.db");
  app.add_option("--summary", summary_path, "where to write the summary JSON");
  app.add_option("--chunk", chunk, "items per write transaction");
  app.add_option("--cache-mib", cache_mib, "SQLite page cache of the writer, MiB");
  CLI11_PARSE(app, argc, argv);

  duban::bench::GenOptions options;
  if (items > 0) {
    options.items = items;
  } else {
    auto n = duban::bench::ItemsForSize(size);
    if (!n.ok()) {
      std::cerr << n.status().message() << "\n";
      return 2;
    }
    options.items = *n;
  }
  options.units = units;
  options.seed = seed;
  options.chunk_items = chunk;
  if (today_text.empty()) {
    options.today = duban::ShanghaiDate(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  } else if (auto d = duban::ParseDate(today_text)) {
    options.today = *d;
  } else {
    std::cerr << "--today 须为 YYYY-MM-DD，收到 \"" << today_text << "\"\n";
    return 2;
  }

  duban::Result<std::unique_ptr<duban::Store>> store = duban::Unavailable("no store");
  if (!db_url.empty()) {
    duban::postgres::PostgresOptions pg;
    pg.url = db_url;
    pg.pool_size = 2;
    pg.statement_timeout_ms = 600'000;
    store = duban::postgres::OpenPostgresStore(pg);
  } else {
    auto path = std::filesystem::path(data) / "duban.db";
    if (!std::filesystem::exists(path)) {
      std::cerr << "数据目录 " << data << " 里没有数据库：请先运行 duban init --data " << data
                << "\n";
      return 1;
    }
    duban::sqlite::SqliteOptions sqlite{path.string(), false, 1};
    sqlite.writer_cache_mib = cache_mib;
    store = duban::sqlite::OpenSqliteStore(sqlite);
  }
  if (!store.ok()) {
    std::cerr << store.status().message() << "\n";
    return 1;
  }

  auto started = std::chrono::steady_clock::now();
  options.progress = [&](int64_t done) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "\r  %lld / %lld items, %.0f items/s  ", static_cast<long long>(done),
                 static_cast<long long>(options.items), done / s);
  };
  auto summary = duban::bench::Generate(**store, options);
  std::fprintf(stderr, "\n");
  if (!summary.ok()) {
    std::cerr << summary.status().message() << "\n";
    return 1;
  }
  int64_t rows = summary->units + summary->people + summary->accounts + summary->items +
                 summary->events + summary->notices;
  std::printf(
      "generated in %.1f s: %lld units, %lld people, %lld accounts, %lld campaigns,\n"
      "  %lld items, %lld events, %lld notices (%.0f items/s, %.0f rows/s without the text "
      "index)\n",
      summary->seconds, static_cast<long long>(summary->units),
      static_cast<long long>(summary->people), static_cast<long long>(summary->accounts),
      static_cast<long long>(summary->campaigns), static_cast<long long>(summary->items),
      static_cast<long long>(summary->events), static_cast<long long>(summary->notices),
      summary->items / summary->seconds, rows / summary->seconds);
  std::printf("  by status:");
  for (const auto& [k, v] : summary->by_status) std::printf(" %s %lld", k.c_str(), (long long)v);
  std::printf("\n  by kind:");
  for (const auto& [k, v] : summary->by_kind) std::printf(" %s %lld", k.c_str(), (long long)v);
  std::printf("\n  benchmark accounts: %s %s %s %s (the admin's password)\n",
              summary->province_user.c_str(), summary->city_user.c_str(),
              summary->county_user.c_str(), summary->bureau_user.c_str());
  if (summary_path.empty()) summary_path = (std::filesystem::path(data) / "bench-summary.json");
  std::ofstream(summary_path) << duban::bench::SummaryJson(*summary) << "\n";
  return 0;
}
