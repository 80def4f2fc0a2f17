#include "core/org.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "core/enum_names.h"
#include "core/field_rules.h"
#include "core/text.h"

namespace duban {
namespace {

// A one-line text field of a unit, person or account.
Status ValidateText(std::string_view value, std::string_view field, std::string_view label,
                    size_t max_chars, bool required) {
  return ValidateTextField(value, field, label, max_chars, required, ControlCharacters::kRejected);
}

constexpr auto kRoles = MakeEnumNames<Role>({{Role::kAdmin, "admin"},
                                             {Role::kSupervisor, "supervisor"},
                                             {Role::kLeader, "leader"},
                                             {Role::kHandler, "handler"},
                                             {Role::kEvaluator, "evaluator"},
                                             {Role::kViewer, "viewer"}});
static_assert(kRoles.IsInOrder() && std::size(kAllRoles) == kRoles.size());

}  // namespace

std::string_view RoleName(Role role) { return kRoles.Name(role); }
std::optional<Role> ParseRole(std::string_view name) { return kRoles.Parse(name); }

std::vector<std::string> RoleSet::Names() const {
  std::vector<std::string> out;
  for (Role r : kAllRoles) {
    if (Has(r)) out.emplace_back(RoleName(r));
  }
  return out;
}

std::string RoleSet::Join() const {
  std::string out;
  for (const auto& n : Names()) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

Result<RoleSet> RoleSet::Parse(std::string_view comma_list) {
  std::vector<std::string> names;
  while (!comma_list.empty()) {
    size_t comma = comma_list.find(',');
    std::string_view part = comma_list.substr(0, comma);
    if (!part.empty()) names.emplace_back(part);
    if (comma == std::string_view::npos) break;
    comma_list.remove_prefix(comma + 1);
  }
  return FromNames(names);
}

Result<RoleSet> RoleSet::FromNames(const std::vector<std::string>& names) {
  RoleSet set;
  for (const auto& n : names) {
    auto role = ParseRole(n);
    if (!role) {
      return InvalidArgument(
          "未知角色 \"" + n + "\"（可选 admin, supervisor, leader, handler, evaluator, viewer）",
          "roles");
    }
    set.Add(*role);
  }
  return set;
}

Status ValidateUnitName(std::string_view name) {
  return ValidateText(name, "name", "单位名称", 100, true);
}

Status ValidateUnitKind(std::string_view kind) {
  if (std::find(std::begin(kUnitKinds), std::end(kUnitKinds), kind) == std::end(kUnitKinds)) {
    return InvalidArgument("单位类型 \"" + std::string(kind) +
                               "\" 无效（可选 county, bureau, section, township, branch, other）",
                           "kind");
  }
  return Status::Ok();
}

Status ValidateUnitCode(std::string_view code) {
  if (code.size() > 64) return InvalidArgument("单位编码不能超过 64 个字符", "code");
  for (char c : code) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return InvalidArgument("单位编码只能含字母、数字和 - _ .", "code");
  }
  return Status::Ok();
}

Status ValidatePersonName(std::string_view name) {
  return ValidateText(name, "name", "姓名", 50, true);
}

Status ValidateTitle(std::string_view title) {
  return ValidateText(title, "title", "职务", 100, false);
}

Status ValidatePhone(std::string_view phone) {
  if (phone.size() > 32) return InvalidArgument("电话号码不能超过 32 个字符", "phone");
  for (char c : phone) {
    bool ok = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ' || c == '(' || c == ')';
    if (!ok) return InvalidArgument("电话号码只能含数字、空格和 + - ( )", "phone");
  }
  return Status::Ok();
}

Status ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 32) {
    return InvalidArgument("用户名长度须为 3 到 32 个字符", "username");
  }
  for (char c : username) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_' || c == '.' || c == '-';
    if (!ok) return InvalidArgument("用户名只能含小写字母、数字和 _ . -", "username");
  }
  return Status::Ok();
}

Status ValidatePassword(std::string_view password) {
  if (!IsValidUtf8(password)) return InvalidArgument("密码不是有效的 UTF-8 文本", "password");
  size_t len = Utf8Length(password);
  if (len < 8) return InvalidArgument("密码至少 8 个字符", "password");
  if (len > 128) return InvalidArgument("密码不能超过 128 个字符", "password");
  bool letter = false, digit = false, other = false;
  for (char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letter = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      other = true;
    }
  }
  if (int(letter) + int(digit) + int(other) < 2) {
    return InvalidArgument("密码须包含字母、数字、符号中的至少两类", "password");
  }
  return Status::Ok();
}

std::string UnitPath(std::string_view parent_path, UnitId id) {
  std::string path = parent_path.empty() ? std::string("/") : std::string(parent_path);
  path += std::to_string(id);
  path += '/';
  return path;
}

Status CheckUnitMove(const Unit& unit, std::string_view new_parent_path) {
  if (new_parent_path.starts_with(unit.path)) {
    return FailedPrecondition("不能把单位「" + unit.name + "」移动到它自己或它的下级单位之下");
  }
  return Status::Ok();
}

}  // namespace duban
