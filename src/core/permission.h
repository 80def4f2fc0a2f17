// The permission table (SPEC §1): every capability a role may hold, under a stable dotted name
// that the API sends to the UI in /me, and who may do what on which side of an item. The one
// place in Duban that says which role may do what; services ask `May`, the UI asks `can(name)`.
// Data scope is separate (core/scope.h). Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/org.h"
#include "core/status.h"

namespace duban {

enum class Capability {
  kItemCreate,             // item.create: register items, edit drafts
  kItemImport,             // item.import: import a ledger of items
  kItemSupervise,          // item.supervise: assign, approve, reject, reopen, rate, cancel
  kItemHandle,             // item.handle: accept, return, report, submit, extend
  kItemExtensionDecide,    // item.extension.decide: decide an extension request
  kItemEvidenceUpload,     // item.evidence.upload: attach evidence to an open item
  kItemSweep,              // item.sweep: run the notice sweep over one's scope
  kNoticeIssue,            // notice.issue: issue a 督办单 by hand
  kNoticeRespond,          // notice.respond: answer a 督办单
  kBulletinIssue,          // bulletin.issue: draft, issue and withdraw bulletins
  kCampaignManage,         // campaign.manage: create and edit campaigns and their categories
  kCalendarManage,         // calendar.manage: the work calendar (a top-level unit's admin only)
  kAssessmentSchemeEdit,   // assessment.scheme.edit: schemes (a top-level unit's admin only)
  kAssessmentGrantManage,  // assessment.grant.manage: give and revoke evaluator grants
  kAssessmentScore,        // assessment.score: enter scores (an evaluator: for granted units)
  kAssessmentDecide,       // assessment.decide: compute results, decide points, veto
  kAssessmentViewAll,      // assessment.view_all: read every assessment record in scope
  kAccountManage,          // account.manage: accounts, their roles, unlocks
  kUnitManage,             // unit.manage: the unit tree and the people in it
  kAuditView,              // audit.view: read and verify the audit log
};

inline constexpr Capability kAllCapabilities[] = {
    Capability::kItemCreate,
    Capability::kItemImport,
    Capability::kItemSupervise,
    Capability::kItemHandle,
    Capability::kItemExtensionDecide,
    Capability::kItemEvidenceUpload,
    Capability::kItemSweep,
    Capability::kNoticeIssue,
    Capability::kNoticeRespond,
    Capability::kBulletinIssue,
    Capability::kCampaignManage,
    Capability::kCalendarManage,
    Capability::kAssessmentSchemeEdit,
    Capability::kAssessmentGrantManage,
    Capability::kAssessmentScore,
    Capability::kAssessmentDecide,
    Capability::kAssessmentViewAll,
    Capability::kAccountManage,
    Capability::kUnitManage,
    Capability::kAuditView,
};

std::string_view CapabilityName(Capability capability);  // "item.create", ...
std::optional<Capability> ParseCapability(std::string_view name);

// Whether any of `roles` holds `capability`. An empty set holds nothing.
bool May(const RoleSet& roles, Capability capability);
// The names of every capability `roles` hold, sorted by name (for /me).
std::vector<std::string_view> CapabilityNames(const RoleSet& roles);

// The two sides of an item (docs/decisions/0003): the supervising side owns the item's own
// unit and assigns, reviews and decides; the responsible side owns the responsible unit and
// does the work. An action needs its side's unit in the caller's scope.
enum class ItemSide { kSupervising, kResponsible };
ItemSide SideOf(ItemAction action);
// The capability an action needs; decide_extension is the supervising side's (separation of
// duties: who asked never decides).
Capability CapabilityFor(ItemAction action);
// May(roles, CapabilityFor(action)).
bool MayPerform(const RoleSet& roles, ItemAction action);
// kPermissionDenied, in words a user understands, unless `roles` may perform `action`.
Status CheckMayPerform(const RoleSet& roles, ItemAction action);

}  // namespace duban
