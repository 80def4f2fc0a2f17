// A Clock that tests set and advance by hand. Thread-safe.
#pragma once

#include <atomic>

#include "core/time.h"

namespace duban::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start = *ParseRfc3339("2026-11-23T01:00:00Z"))
      : micros_(ToUnixMicros(start)) {}
  Instant Now() const override { return FromUnixMicros(micros_.load()); }
  void Advance(std::chrono::microseconds d) { micros_ += d.count(); }
  void Set(Instant t) { micros_ = ToUnixMicros(t); }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace duban::testing
