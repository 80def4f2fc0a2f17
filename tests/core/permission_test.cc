#include "core/permission.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace duban {
namespace {

using R = Role;
using C = Capability;

// Moved from scope_test.cc with the permissions it checks (org, accounts, audit).
TEST(PermissionTest, RoleTable) {
  struct Case {
    Role role;
    bool manage_org, manage_accounts, read_audit;
  };
  const Case cases[] = {
      {Role::kAdmin, true, true, true},        {Role::kSupervisor, false, false, true},
      {Role::kLeader, false, false, true},     {Role::kHandler, false, false, false},
      {Role::kEvaluator, false, false, false}, {Role::kViewer, false, false, false},
  };
  for (const Case& c : cases) {
    RoleSet roles{c.role};
    EXPECT_EQ(May(roles, Capability::kUnitManage), c.manage_org) << RoleName(c.role);
    EXPECT_EQ(May(roles, Capability::kAccountManage), c.manage_accounts) << RoleName(c.role);
    EXPECT_EQ(May(roles, Capability::kAuditView), c.read_audit) << RoleName(c.role);
  }
  EXPECT_FALSE(May(RoleSet{}, Capability::kAuditView));
}

// The whole table: capability -> the roles that hold it. The admin holds every capability.
// Each line is what the services checked before the table existed (issue 13).
TEST(PermissionTest, WholeTable) {
  const std::map<C, std::set<Role>> holders = {
      {C::kItemCreate, {R::kSupervisor}},
      {C::kItemImport, {R::kSupervisor}},
      {C::kItemSupervise, {R::kSupervisor}},
      {C::kItemHandle, {R::kHandler}},
      {C::kItemExtensionDecide, {R::kSupervisor, R::kLeader}},
      {C::kItemEvidenceUpload, {R::kSupervisor, R::kLeader, R::kHandler}},
      {C::kItemSweep, {R::kSupervisor}},
      {C::kNoticeIssue, {R::kSupervisor}},
      {C::kNoticeRespond, {R::kHandler, R::kLeader}},  // the server's rule, not the old web's
      {C::kBulletinIssue, {R::kSupervisor}},
      {C::kCampaignManage, {R::kSupervisor}},
      {C::kCalendarManage, {}},
      {C::kAssessmentSchemeEdit, {}},
      {C::kAssessmentGrantManage, {}},
      {C::kAssessmentScore, {R::kSupervisor, R::kEvaluator}},
      {C::kAssessmentDecide, {R::kSupervisor}},
      {C::kAssessmentViewAll, {R::kSupervisor, R::kLeader, R::kViewer}},
      {C::kAccountManage, {}},
      {C::kUnitManage, {}},
      {C::kAuditView, {R::kSupervisor, R::kLeader}},
  };
  ASSERT_EQ(holders.size(), std::size(kAllCapabilities));
  for (C c : kAllCapabilities) {
    for (Role role : kAllRoles) {
      bool expected = role == R::kAdmin || holders.at(c).count(role) > 0;
      EXPECT_EQ(May(RoleSet{role}, c), expected) << CapabilityName(c) << " by " << RoleName(role);
    }
    EXPECT_FALSE(May(RoleSet{}, c)) << CapabilityName(c);
  }
  // A set holds what any of its roles holds.
  EXPECT_TRUE(May(RoleSet{R::kViewer, R::kHandler}, C::kItemHandle));
  EXPECT_FALSE(May(RoleSet{R::kViewer, R::kEvaluator}, C::kItemHandle));
}

TEST(PermissionTest, NamesAreStableAndUnique) {
  std::set<std::string> seen;
  for (C c : kAllCapabilities) {
    std::string name(CapabilityName(c));
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(ParseCapability(name), c) << name;
    EXPECT_NE(name.find('.'), std::string::npos) << name;
  }
  EXPECT_EQ(CapabilityName(C::kItemCreate), "item.create");
  EXPECT_EQ(CapabilityName(C::kNoticeRespond), "notice.respond");
  EXPECT_EQ(CapabilityName(C::kAssessmentSchemeEdit), "assessment.scheme.edit");
  EXPECT_FALSE(ParseCapability("item.delete"));
}

TEST(PermissionTest, CapabilityNamesAreTheCallersSorted) {
  auto names = CapabilityNames(RoleSet{R::kHandler});
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.end()),
            (std::vector<std::string>{"item.evidence.upload", "item.handle", "notice.respond"}));
  EXPECT_TRUE(CapabilityNames(RoleSet{}).empty());
  auto admin = CapabilityNames(RoleSet{R::kAdmin});
  EXPECT_EQ(admin.size(), std::size(kAllCapabilities));
  EXPECT_TRUE(std::is_sorted(admin.begin(), admin.end()));
}

// Which side of an item acts (docs/decisions/0003), and the message of a refusal.
TEST(PermissionTest, ItemSides) {
  using A = ItemAction;
  const std::set<A> responsible = {A::kAccept, A::kReturn, A::kReport, A::kSubmit, A::kExtend};
  for (A a : kAllItemActions) {
    EXPECT_EQ(SideOf(a) == ItemSide::kResponsible, responsible.count(a) > 0) << ItemActionName(a);
    EXPECT_EQ(MayPerform(RoleSet{R::kAdmin}, a), true) << ItemActionName(a);
  }
  EXPECT_EQ(SideOf(A::kDecideExtension), ItemSide::kSupervising);
  EXPECT_EQ(CapabilityFor(A::kDecideExtension), C::kItemExtensionDecide);
  Status s = CheckMayPerform(RoleSet{R::kViewer}, A::kAssign);
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "您的角色不能执行「交办」");
  EXPECT_TRUE(CheckMayPerform(RoleSet{R::kHandler}, A::kReport).ok());
}

}  // namespace
}  // namespace duban
