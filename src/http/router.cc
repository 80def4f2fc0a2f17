#include <cstdio>
#include <cstdlib>

#include "http/route.h"

namespace duban::http {
namespace {

// True when `path` has `pattern`'s shape: the same number of segments, its literals in their
// places, a non-empty segment for each parameter. Allocates nothing: it runs for every route on
// every request.
bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParamSegment(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

// Whether matching pattern `a` is more specific than matching pattern `b` (same length): a
// literal segment beats a parameter at the first place they differ.
bool MoreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    bool literal_a = !IsParamSegment(a[i]), literal_b = !IsParamSegment(b[i]);
    if (literal_a != literal_b) return literal_a;
  }
  return false;
}

// A pattern with every parameter name erased: two routes of one method with the same shape
// would match the same paths.
std::string Shape(const std::string& pattern) {
  std::string out;
  for (const auto& seg : SplitPath(pattern)) out += "/" + (IsParamSegment(seg) ? "{}" : seg);
  return out;
}

}  // namespace

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParamSegment(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

void RouteTable::Add(Route route) {
  // A start-up configuration error, checked in every build: fatal at once.
  for (const Route& r : routes_) {
    if (r.method == route.method && Shape(r.pattern) == Shape(route.pattern)) {
      std::fprintf(stderr, "route table: %s %s is ambiguous with %s\n", route.method.c_str(),
                   route.pattern.c_str(), r.pattern.c_str());
      std::abort();
    }
  }
  segments_.push_back(SplitPath(route.pattern));
  routes_.push_back(std::move(route));
}

RouteTable::Match RouteTable::Find(const std::string& method, const std::string& path) const {
  Match m;
  const auto segments = SplitPath(path);
  const std::vector<std::string>* best = nullptr;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& candidate = routes_[i];
    if (!Matches(segments_[i], segments)) continue;
    m.allowed.push_back(candidate.method);
    bool takes = candidate.method == method || (candidate.method == "GET" && method == "HEAD");
    if (takes && (!best || MoreSpecific(segments_[i], *best))) {
      m.route = &candidate;
      best = &segments_[i];
    }
  }
  if (!m.route) return m;
  m.allowed.clear();
  for (size_t i = 0; i < best->size(); ++i) {
    const std::string& seg = (*best)[i];
    if (IsParamSegment(seg)) m.params[seg.substr(1, seg.size() - 2)] = segments[i];
  }
  return m;
}

}  // namespace duban::http
