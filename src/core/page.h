// Paging, in the domain's words: which page of a list a caller asks for, and the page it gets
// back with the total. Shared by storage (the repositories' list queries), app and http (the
// paged-list body). Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

namespace duban {

inline constexpr int kMaxPageSize = 200;

struct PageRequest {
  int page = 1;  // 1-based
  int page_size = 20;
  int64_t offset() const { return int64_t(page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace duban
