// PdfQueue: printing documents to PDF is a headless Chromium per document (about 200 MB and
// seconds each), so it goes through a bounded queue (review M6): at most `max_printing` print
// at once, a caller waits at most `max_wait` for its turn, and the PDFs of documents whose
// content never changes (issued bulletins) are kept by key, within a bounded cache.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/status.h"

namespace duban {

struct PdfLimits {
  int max_printing = 2;                       // Chromium processes at once
  std::chrono::milliseconds max_wait{30000};  // for a turn, then "打印繁忙"
  size_t cache_entries = 32;                  // PDFs kept (issued documents only)
  size_t cache_bytes = size_t{64} << 20;      // and their bytes at most
};

class PdfQueue {
 public:
  explicit PdfQueue(PdfLimits limits = {}) : limits_(limits) {}

  // Runs `print` when a turn is free and returns its result. With a `cache_key` (non-empty:
  // the document's content never changes under that key) a PDF printed before is returned
  // without printing, and a new one is kept (the least recently used goes first).
  // kUnavailable "打印繁忙，请稍后再试" when no turn came within max_wait; nothing printed.
  Result<std::string> Print(const std::string& cache_key,
                            const std::function<Result<std::string>()>& print);

  // Callers waiting for a turn now, and documents printing now (for /metrics and tests).
  int waiting() const;
  int printing() const;

 private:
  std::optional<std::string> Cached(const std::string& key);
  void Keep(const std::string& key, const std::string& pdf);

  const PdfLimits limits_;
  mutable std::mutex mu_;
  std::condition_variable turn_;
  int printing_ = 0, waiting_ = 0;
  // Most recently used first.
  std::list<std::pair<std::string, std::string>> cache_;
  std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator> index_;
  size_t cache_bytes_ = 0;
};

}  // namespace duban
