#include "http/metrics.h"

#include <fmt/format.h>

namespace duban::http {

void Metrics::Observe(const std::string& route, int status, std::chrono::nanoseconds latency) {
  double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const StoreStats& store, int64_t connections, int64_t in_flight) const {
  std::string out;
  out += "# HELP duban_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE duban_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, count] : requests_) {
    out += fmt::format("duban_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                       key.second, count);
  }
  out += "# HELP duban_http_request_duration_seconds Time from parsed request to response.\n";
  out += "# TYPE duban_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("duban_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      route, kBuckets[i], h.buckets[i]);
    }
    out +=
        fmt::format("duban_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    route, h.count);
    out +=
        fmt::format("duban_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("duban_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       h.count);
  }
  out += "# TYPE duban_http_connections gauge\n";
  out += fmt::format("duban_http_connections {}\n", connections);
  out += "# TYPE duban_http_in_flight gauge\n";
  out += fmt::format("duban_http_in_flight {}\n", in_flight);
  out +=
      "# HELP duban_db_reads_total Read transactions run.\n# TYPE duban_db_reads_total counter\n";
  out += fmt::format("duban_db_reads_total {}\n", store.reads);
  out +=
      "# HELP duban_db_writes_total Write functions run.\n# TYPE duban_db_writes_total counter\n";
  out += fmt::format("duban_db_writes_total {}\n", store.writes);
  out += "# HELP duban_db_commits_total Transactions committed (writes/commits = group size).\n";
  out += "# TYPE duban_db_commits_total counter\n";
  out += fmt::format("duban_db_commits_total {}\n", store.commits);
  out += "# TYPE duban_db_write_errors_total counter\n";
  out += fmt::format("duban_db_write_errors_total {}\n", store.write_errors);
  out += "# TYPE duban_db_pool_connections gauge\n";
  out += fmt::format("duban_db_pool_connections {}\n", store.reader_connections);
  out += "# TYPE duban_db_pool_in_use gauge\n";
  out += fmt::format("duban_db_pool_in_use {}\n", store.readers_in_use);
  out += "# TYPE duban_db_write_queue_depth gauge\n";
  out += fmt::format("duban_db_write_queue_depth {}\n", store.write_queue_depth);
  return out;
}

}  // namespace duban::http
