// The organisation: units (a tree), people, accounts and their roles (SPEC §1, §2).
// Plain value types and pure validation rules; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace duban {

using UnitId = int64_t;
using PersonId = int64_t;
using AccountId = int64_t;

enum class Role : uint8_t { kAdmin, kSupervisor, kLeader, kHandler, kEvaluator, kViewer };
inline constexpr Role kAllRoles[] = {Role::kAdmin,   Role::kSupervisor, Role::kLeader,
                                     Role::kHandler, Role::kEvaluator,  Role::kViewer};

std::string_view RoleName(Role role);  // "admin", "supervisor", ...
std::optional<Role> ParseRole(std::string_view name);

// A set of roles, as a bit mask.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_ |= Bit(r); }
  bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::vector<std::string> Names() const;
  // "admin,leader": the storage form.
  std::string Join() const;
  // Parses a comma list or a vector of names; kInvalidArgument names the unknown role.
  static Result<RoleSet> Parse(std::string_view comma_list);
  static Result<RoleSet> FromNames(const std::vector<std::string>& names);
  bool operator==(const RoleSet&) const = default;

 private:
  static uint8_t Bit(Role r) { return static_cast<uint8_t>(1u << static_cast<unsigned>(r)); }
  uint8_t bits_ = 0;
};

inline constexpr std::string_view kUnitKinds[] = {"county",   "bureau", "section",
                                                  "township", "branch", "other"};

struct Unit {
  UnitId id = 0;
  std::optional<UnitId> parent_id;
  std::string name;
  std::string kind = "other";
  std::string code;
  bool disabled = false;
  // Materialised path of ids from the root, "/1/5/23/": the unit's subtree is every unit whose
  // path starts with this one's.
  std::string path;
  int64_t child_count = 0;              // filled by reads
  std::vector<std::string> path_names;  // names from the root down, filled by reads
};

struct Person {
  PersonId id = 0;
  UnitId unit_id = 0;
  std::string name;
  std::string title;
  std::string phone;
  std::string unit_name;  // filled by reads
};

struct Account {
  AccountId id = 0;
  std::string username;
  std::optional<PersonId> person_id;
  UnitId unit_id = 0;
  RoleSet roles;
  bool disabled = false;
  std::string password_hash;
  int failed_logins = 0;
  std::optional<Instant> locked_until;
  std::string person_name;  // filled by reads
  std::string unit_name;    // filled by reads
  std::string unit_path;    // filled by reads
};

// Field rules. Each returns kInvalidArgument naming the field when the value breaks its rule.
Status ValidateUnitName(std::string_view name);
Status ValidateUnitKind(std::string_view kind);
Status ValidateUnitCode(std::string_view code);
Status ValidatePersonName(std::string_view name);
Status ValidateTitle(std::string_view title);
Status ValidatePhone(std::string_view phone);
Status ValidateUsername(std::string_view username);
// At least 8 characters, at most 128, with at least two of: letters, digits, other characters.
Status ValidatePassword(std::string_view password);

std::string UnitPath(std::string_view parent_path, UnitId id);
// kFailedPrecondition when `new_parent_path` lies inside the moved unit's own subtree.
Status CheckUnitMove(const Unit& unit, std::string_view new_parent_path);

}  // namespace duban
