#include <cstdio>
#include <cstdlib>

#include "http/route.h"

namespace duban::http {
namespace {

// Matches `path` against `pattern`; on success fills `params` and `rank`, one entry per segment,
// 1 for a literal and 0 for a parameter, so that the greater rank is the more specific pattern.
bool MatchPattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  std::map<std::string, std::string>& params, std::vector<int>& rank) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  std::vector<int> r;
  r.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParamSegment(pattern[i])) {
      if (path[i].empty()) return false;
      found[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
      r.push_back(0);
    } else if (pattern[i] != path[i]) {
      return false;
    } else {
      r.push_back(1);
    }
  }
  params = std::move(found);
  rank = std::move(r);
  return true;
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
  routes_.push_back(std::move(route));
}

RouteTable::Match RouteTable::Find(const std::string& method, const std::string& path) const {
  Match m;
  const auto segments = SplitPath(path);
  std::vector<int> best_rank;
  std::map<std::string, std::string> params;
  std::vector<int> rank;
  for (const Route& candidate : routes_) {
    if (!MatchPattern(SplitPath(candidate.pattern), segments, params, rank)) continue;
    m.allowed.push_back(candidate.method);
    bool takes = candidate.method == method || (candidate.method == "GET" && method == "HEAD");
    if (takes && (!m.route || rank > best_rank)) {
      m.route = &candidate;
      m.params = params;
      best_rank = rank;
    }
  }
  if (m.route) m.allowed.clear();
  return m;
}

}  // namespace duban::http
