// Request counters and latency histograms by route and status, rendered in the Prometheus
// text format together with the store's figures (HealthService::Stats). Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "app/health_service.h"

namespace duban::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  void Observe(const std::string& route, int status, std::chrono::nanoseconds latency);
  // `connections` and `in_flight` come from the server.
  std::string Render(const StoreStats& store, int64_t connections, int64_t in_flight) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace duban::http
