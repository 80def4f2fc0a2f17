// Data scope (SPEC §1): an account sees its unit's whole subtree. A Scope is the only way a
// caller's reach is expressed; every repository read and write takes one, so no query can
// forget it. Immutable value; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/org.h"

namespace duban {

class Scope {
 public:
  // The subtree under the unit with materialised path `unit_path` ("/1/5/").
  static Scope Subtree(std::string unit_path) { return Scope(std::move(unit_path)); }
  // Everything: for the CLI run by the operator and for system jobs, never for a request.
  static Scope Everything() { return Scope("/"); }

  bool Contains(std::string_view unit_path) const { return unit_path.starts_with(prefix_); }
  // Half-open range [lower, upper) of paths in scope, for index range scans: "/1/5/" to "/1/50"
  // ('0' is the byte after '/').
  const std::string& lower() const { return prefix_; }
  std::string upper() const {
    std::string u = prefix_;
    u.back() = static_cast<char>('/' + 1);
    return u;
  }
  bool is_everything() const { return prefix_ == "/"; }

 private:
  explicit Scope(std::string prefix) : prefix_(std::move(prefix)) {}
  std::string prefix_;
};

}  // namespace duban
