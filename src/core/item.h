// Items and the closed loop (SPEC §3): kinds, states, actions, the state machine, who may do
// what, and the field rules. Plain values and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

using ItemId = int64_t;

enum class ItemKind { kProblem, kTask, kCommitment, kHazard, kComplaint };
enum class ItemStatus { kDraft, kAssigned, kInProgress, kPendingReview, kClosed, kCancelled };
enum class ItemAction {
  kAssign,
  kAccept,
  kReturn,
  kReport,
  kSubmit,
  kApprove,
  kReject,
  kExtend,
  kDecideExtension,
  kReopen,
  kRate,
  kCancel,
};

inline constexpr ItemAction kAllItemActions[] = {
    ItemAction::kAssign,          ItemAction::kAccept,  ItemAction::kReturn, ItemAction::kReport,
    ItemAction::kSubmit,          ItemAction::kApprove, ItemAction::kReject, ItemAction::kExtend,
    ItemAction::kDecideExtension, ItemAction::kReopen,  ItemAction::kRate,   ItemAction::kCancel};
inline constexpr ItemStatus kAllItemStatuses[] = {
    ItemStatus::kDraft,         ItemStatus::kAssigned, ItemStatus::kInProgress,
    ItemStatus::kPendingReview, ItemStatus::kClosed,   ItemStatus::kCancelled};

std::string_view ItemKindName(ItemKind kind);  // "problem", ...
std::optional<ItemKind> ParseItemKind(std::string_view name);
std::string_view ItemStatusName(ItemStatus status);   // "draft", ...
std::string_view ItemStatusLabel(ItemStatus status);  // "待交办", ...
std::optional<ItemStatus> ParseItemStatus(std::string_view name);
std::string_view ItemActionName(ItemAction action);   // "assign", ...
std::string_view ItemActionLabel(ItemAction action);  // "交办", ...
std::optional<ItemAction> ParseItemAction(std::string_view name);

bool IsOpen(ItemStatus status);  // not closed and not cancelled

// How often the responsible unit reports progress (SPEC §3); stored and sent as its name.
enum class ReportEvery { kNone, kWeek, kMonth };
// How an item is to be rectified: at once, by a deadline, or as a standing commitment.
enum class RectifyMode { kImmediate, kDeadline, kLongTerm };
// A complainant's rating at the return visit (回访评价).
enum class Satisfaction { kSatisfied, kBasicallySatisfied, kUnsatisfied };

std::string_view ReportEveryName(ReportEvery every);  // "none" | "week" | "month"
std::optional<ReportEvery> ParseReportEvery(std::string_view name);
std::string_view RectifyModeName(RectifyMode mode);  // "immediate" | "deadline" | "long_term"
std::optional<RectifyMode> ParseRectifyMode(std::string_view name);
// "satisfied" | "basically_satisfied" | "unsatisfied"
std::string_view SatisfactionName(Satisfaction satisfaction);
std::optional<Satisfaction> ParseSatisfaction(std::string_view name);

// The five checks of 五个不放过 that a submission for close-out must affirm.
struct CloseOutChecks {
  bool cause_found = false;       // 问题查清
  bool measures_done = false;     // 措施落实
  bool rectified = false;         // 整改到位
  bool accountability = false;    // 责任追究到位
  bool public_satisfied = false;  // 群众满意
};
// kInvalidArgument naming every check that is not affirmed.
Status ValidateCloseOutChecks(const CloseOutChecks& checks);

struct PendingExtension {
  Date new_deadline;
  std::string reason;
  Instant requested_at;
  std::string requested_by;
};

struct Item {
  ItemId id = 0;
  std::string code;  // DB-2026-000123
  ItemKind kind = ItemKind::kProblem;
  std::string title;
  std::string description;
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> category_id;
  std::string source = "自查";
  std::string severity = "一般";
  UnitId unit_id = 0;
  std::string unit_path;  // of unit_id, kept with the item for scope filters
  Date found_on{};
  std::string found_by;
  std::optional<UnitId> responsible_unit_id;
  std::string responsible_unit_path;  // "" until assigned
  std::optional<PersonId> responsible_person_id;
  std::optional<PersonId> lead_leader_id;
  std::vector<UnitId> assisting_unit_ids;
  std::vector<std::string> measures;
  std::optional<Date> deadline;
  std::optional<int> deadline_working_days;
  ReportEvery report_every = ReportEvery::kNone;
  RectifyMode rectify_mode = RectifyMode::kDeadline;
  bool is_public = false;
  std::optional<ItemId> parent_id;
  ItemStatus status = ItemStatus::kDraft;
  int progress = 0;
  std::optional<Date> closed_on;
  std::optional<ItemId> recurrence_of;
  int reopen_count = 0;
  std::optional<Satisfaction> satisfaction;  // none until rated
  bool second_handling_used = false;         // 不满意 reopens once (二次办理)
  std::optional<PendingExtension> pending_extension;
  std::string details_json = "{}";  // kind-specific fields
  Instant created_at{};
  Instant updated_at{};
  std::optional<Instant> assigned_at;
  std::optional<Instant> accepted_at;
  std::optional<Instant> last_report_at;
  // The next Shanghai date on which the sweep must look at this item; empty: nothing pending.
  std::optional<Date> next_check_on;

  // Display names, filled by reads.
  std::string unit_name, responsible_unit_name, responsible_person_name, lead_leader_name,
      campaign_name, category_name;
};

// SPEC §3 state machine: the status `action` leads to from the item's current status.
// kFailedPrecondition, in words a user understands, when the action is not allowed now.
// For kRate, `unsatisfied_reopens` says whether the rating reopens the item.
Result<ItemStatus> NextStatus(const Item& item, ItemAction action,
                              bool unsatisfied_reopens = false);

// Whether the item's pending extension was requested by `username`: who asked may not decide.
bool IsOwnExtensionRequest(const Item& item, std::string_view username);

// Every action the caller may take now: the state allows it, a role allows it, and the caller's
// scope covers the side that acts (`item_unit_in_scope`, `responsible_unit_in_scope`).
std::vector<ItemAction> AllowedActions(const Item& item, const RoleSet& roles,
                                       bool item_unit_in_scope, bool responsible_unit_in_scope);

inline constexpr std::string_view kItemSources[] = {
    "自查", "群众提", "组织点", "集体评", "明察暗访", "12345",   "意见箱",
    "问卷", "第三方", "督导组", "巡察",   "上级交办", "考核评比"};
inline constexpr std::string_view kSeverities[] = {"一般", "较重", "严重"};

// The most bytes an item's `details` JSON may take (serialised): it is returned with every
// listed item, so a large one would make every list page large (review M6).
inline constexpr size_t kMaxDetailsBytes = size_t{16} * 1024;

// Field rules for a new or edited item; kInvalidArgument naming the field. The kind-specific
// shape of `details` is checked in app/ (it needs a JSON parser); here only its size.
Status ValidateItemFields(const Item& item);

// SPEC §3: a deadline given as a date is not earlier than `today` — for the assign action and
// the ledger import alike (review L9). kInvalidArgument with field "deadline".
Status ValidateAssignDeadline(Date deadline, Date today);

// "DB-2026-000123".
std::string FormatItemCode(int year, int64_t number);

}  // namespace duban
