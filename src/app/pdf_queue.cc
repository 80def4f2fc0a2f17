#include "app/pdf_queue.h"

namespace duban {

std::optional<std::string> PdfQueue::Cached(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  cache_.splice(cache_.begin(), cache_, it->second);
  return it->second->second;
}

void PdfQueue::Keep(const std::string& key, const std::string& pdf) {
  if (index_.count(key) || pdf.size() > limits_.cache_bytes || limits_.cache_entries == 0) return;
  cache_.emplace_front(key, pdf);
  index_[key] = cache_.begin();
  cache_bytes_ += pdf.size();
  while (cache_.size() > limits_.cache_entries || cache_bytes_ > limits_.cache_bytes) {
    cache_bytes_ -= cache_.back().second.size();
    index_.erase(cache_.back().first);
    cache_.pop_back();
  }
}

Result<std::string> PdfQueue::Print(const std::string& cache_key,
                                    const std::function<Result<std::string>()>& print) {
  {
    std::unique_lock lock(mu_);
    if (!cache_key.empty()) {
      if (auto pdf = Cached(cache_key)) return *pdf;
    }
    ++waiting_;
    bool turn =
        turn_.wait_for(lock, limits_.max_wait, [&] { return printing_ < limits_.max_printing; });
    --waiting_;
    if (!turn) return Unavailable("打印繁忙，请稍后再试");
    ++printing_;
    // Two callers may have waited for the same document: the first printed it.
    if (!cache_key.empty()) {
      if (auto pdf = Cached(cache_key)) {
        --printing_;
        turn_.notify_one();
        return *pdf;
      }
    }
  }
  Result<std::string> pdf = [&]() -> Result<std::string> {
    try {
      return print();
    } catch (const std::exception& e) {
      return Internal(std::string("PDF printing failed: ") + e.what());
    }
  }();
  {
    std::lock_guard lock(mu_);
    --printing_;
    if (pdf.ok() && !cache_key.empty()) Keep(cache_key, *pdf);
  }
  turn_.notify_one();
  return pdf;
}

int PdfQueue::waiting() const {
  std::lock_guard lock(mu_);
  return waiting_;
}

int PdfQueue::printing() const {
  std::lock_guard lock(mu_);
  return printing_;
}

}  // namespace duban
