#include "core/permission.h"

#include <algorithm>
#include <cassert>
#include <string>

namespace duban {
namespace {

struct Row {
  Capability capability;
  std::string_view name;
  RoleSet roles;
};

using R = Role;
// SPEC §1. The admin holds every capability; the rest follow each role's job: supervisors run
// the loop and the assessment, handlers work their unit's items, leaders answer for their
// scope, evaluators score what was given to them, viewers only read.
const Row kTable[] = {
    {Capability::kItemCreate, "item.create", {R::kAdmin, R::kSupervisor}},
    {Capability::kItemImport, "item.import", {R::kAdmin, R::kSupervisor}},
    {Capability::kItemSupervise, "item.supervise", {R::kAdmin, R::kSupervisor}},
    {Capability::kItemHandle, "item.handle", {R::kAdmin, R::kHandler}},
    {Capability::kItemExtensionDecide,
     "item.extension.decide",
     {R::kAdmin, R::kSupervisor, R::kLeader}},
    // Evidence comes from those who work the loop; viewers and evaluators only read.
    {Capability::kItemEvidenceUpload,
     "item.evidence.upload",
     {R::kAdmin, R::kSupervisor, R::kLeader, R::kHandler}},
    {Capability::kItemSweep, "item.sweep", {R::kAdmin, R::kSupervisor}},
    {Capability::kNoticeIssue, "notice.issue", {R::kAdmin, R::kSupervisor}},
    {Capability::kNoticeRespond, "notice.respond", {R::kAdmin, R::kHandler, R::kLeader}},
    {Capability::kBulletinIssue, "bulletin.issue", {R::kAdmin, R::kSupervisor}},
    {Capability::kCampaignManage, "campaign.manage", {R::kAdmin, R::kSupervisor}},
    {Capability::kCalendarManage, "calendar.manage", {R::kAdmin}},
    {Capability::kAssessmentSchemeEdit, "assessment.scheme.edit", {R::kAdmin}},
    {Capability::kAssessmentGrantManage, "assessment.grant.manage", {R::kAdmin}},
    {Capability::kAssessmentScore, "assessment.score", {R::kAdmin, R::kSupervisor, R::kEvaluator}},
    {Capability::kAssessmentDecide, "assessment.decide", {R::kAdmin, R::kSupervisor}},
    {Capability::kAssessmentViewAll,
     "assessment.view_all",
     {R::kAdmin, R::kSupervisor, R::kLeader, R::kViewer}},
    {Capability::kAccountManage, "account.manage", {R::kAdmin}},
    {Capability::kUnitManage, "unit.manage", {R::kAdmin}},
    // Supervision offices and leaders answer for what happened in their scope.
    {Capability::kAuditView, "audit.view", {R::kAdmin, R::kSupervisor, R::kLeader}},
};

const Row& RowOf(Capability capability) {
  const Row& row = kTable[static_cast<int>(capability)];
  assert(row.capability == capability && "kTable follows the order of Capability");
  return row;
}

}  // namespace

std::string_view CapabilityName(Capability capability) { return RowOf(capability).name; }

std::optional<Capability> ParseCapability(std::string_view name) {
  for (const Row& row : kTable) {
    if (row.name == name) return row.capability;
  }
  return std::nullopt;
}

bool May(const RoleSet& roles, Capability capability) {
  const RoleSet& holders = RowOf(capability).roles;
  return std::any_of(std::begin(kAllRoles), std::end(kAllRoles),
                     [&](Role r) { return roles.Has(r) && holders.Has(r); });
}

std::vector<std::string_view> CapabilityNames(const RoleSet& roles) {
  std::vector<std::string_view> out;
  for (const Row& row : kTable) {
    if (May(roles, row.capability)) out.push_back(row.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

ItemSide SideOf(ItemAction action) {
  return CapabilityFor(action) == Capability::kItemHandle ? ItemSide::kResponsible
                                                          : ItemSide::kSupervising;
}

Capability CapabilityFor(ItemAction action) {
  switch (action) {
    case ItemAction::kAssign:
    case ItemAction::kApprove:
    case ItemAction::kReject:
    case ItemAction::kReopen:
    case ItemAction::kRate:
    case ItemAction::kCancel:
      return Capability::kItemSupervise;
    case ItemAction::kAccept:
    case ItemAction::kReturn:
    case ItemAction::kReport:
    case ItemAction::kSubmit:
    case ItemAction::kExtend:
      return Capability::kItemHandle;
    case ItemAction::kDecideExtension:
      return Capability::kItemExtensionDecide;
  }
  return Capability::kItemSupervise;
}

bool MayPerform(const RoleSet& roles, ItemAction action) {
  return May(roles, CapabilityFor(action));
}

Status CheckMayPerform(const RoleSet& roles, ItemAction action) {
  if (MayPerform(roles, action)) return Status::Ok();
  return PermissionDenied("您的角色不能执行「" + std::string(ItemActionLabel(action)) + "」");
}

}  // namespace duban
