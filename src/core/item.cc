#include "core/item.h"

#include <algorithm>
#include <cstdio>

#include "core/enum_names.h"
#include "core/field_rules.h"
#include "core/permission.h"

namespace duban {
namespace {

constexpr auto kActions = MakeEnumNames<ItemAction>({
    {ItemAction::kAssign, "assign", "交办"},
    {ItemAction::kAccept, "accept", "签收"},
    {ItemAction::kReturn, "return", "退回"},
    {ItemAction::kReport, "report", "进展报告"},
    {ItemAction::kSubmit, "submit", "申请销号"},
    {ItemAction::kApprove, "approve", "验收销号"},
    {ItemAction::kReject, "reject", "退回重改"},
    {ItemAction::kExtend, "extend", "延期申请"},
    {ItemAction::kDecideExtension, "decide_extension", "延期审批"},
    {ItemAction::kReopen, "reopen", "反弹重办"},
    {ItemAction::kRate, "rate", "回访评价"},
    {ItemAction::kCancel, "cancel", "撤销"},
});
constexpr auto kStatuses = MakeEnumNames<ItemStatus>({
    {ItemStatus::kDraft, "draft", "待交办"},
    {ItemStatus::kAssigned, "assigned", "已交办"},
    {ItemStatus::kInProgress, "in_progress", "办理中"},
    {ItemStatus::kPendingReview, "pending_review", "待验收"},
    {ItemStatus::kClosed, "closed", "已销号"},
    {ItemStatus::kCancelled, "cancelled", "已撤销"},
});
constexpr auto kKinds = MakeEnumNames<ItemKind>({{ItemKind::kProblem, "problem"},
                                                 {ItemKind::kTask, "task"},
                                                 {ItemKind::kCommitment, "commitment"},
                                                 {ItemKind::kHazard, "hazard"},
                                                 {ItemKind::kComplaint, "complaint"}});
constexpr auto kReportEvery = MakeEnumNames<ReportEvery>(
    {{ReportEvery::kNone, "none"}, {ReportEvery::kWeek, "week"}, {ReportEvery::kMonth, "month"}});
constexpr auto kRectifyModes = MakeEnumNames<RectifyMode>({{RectifyMode::kImmediate, "immediate"},
                                                           {RectifyMode::kDeadline, "deadline"},
                                                           {RectifyMode::kLongTerm, "long_term"}});
constexpr auto kSatisfactions =
    MakeEnumNames<Satisfaction>({{Satisfaction::kSatisfied, "satisfied"},
                                 {Satisfaction::kBasicallySatisfied, "basically_satisfied"},
                                 {Satisfaction::kUnsatisfied, "unsatisfied"}});
static_assert(kActions.IsInOrder() && kStatuses.IsInOrder() && kKinds.IsInOrder() &&
              kReportEvery.IsInOrder() && kRectifyModes.IsInOrder() && kSatisfactions.IsInOrder());

Status NotNow(const Item& item, ItemAction action) {
  return FailedPrecondition("「" + std::string(ItemStatusLabel(item.status)) +
                            "」状态的事项不能「" + std::string(ItemActionLabel(action)) + "」");
}

bool In(std::string_view value, const auto& list) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

}  // namespace

std::string_view ItemKindName(ItemKind kind) { return kKinds.Name(kind); }
std::optional<ItemKind> ParseItemKind(std::string_view name) { return kKinds.Parse(name); }

std::string_view ReportEveryName(ReportEvery every) { return kReportEvery.Name(every); }
std::optional<ReportEvery> ParseReportEvery(std::string_view name) {
  return kReportEvery.Parse(name);
}
std::string_view RectifyModeName(RectifyMode mode) { return kRectifyModes.Name(mode); }
std::optional<RectifyMode> ParseRectifyMode(std::string_view name) {
  return kRectifyModes.Parse(name);
}
std::string_view SatisfactionName(Satisfaction satisfaction) {
  return kSatisfactions.Name(satisfaction);
}
std::optional<Satisfaction> ParseSatisfaction(std::string_view name) {
  return kSatisfactions.Parse(name);
}

std::string_view ItemStatusName(ItemStatus status) { return kStatuses.Name(status); }
std::string_view ItemStatusLabel(ItemStatus status) { return kStatuses.Label(status); }
std::optional<ItemStatus> ParseItemStatus(std::string_view name) { return kStatuses.Parse(name); }

std::string_view ItemActionName(ItemAction action) { return kActions.Name(action); }
std::string_view ItemActionLabel(ItemAction action) { return kActions.Label(action); }
std::optional<ItemAction> ParseItemAction(std::string_view name) { return kActions.Parse(name); }

bool IsOpen(ItemStatus status) {
  return status != ItemStatus::kClosed && status != ItemStatus::kCancelled;
}

Status ValidateCloseOutChecks(const CloseOutChecks& c) {
  std::string missing;
  auto need = [&](bool ok, std::string_view label) {
    if (!ok) missing += (missing.empty() ? "" : "、") + std::string(label);
  };
  need(c.cause_found, "问题查清");
  need(c.measures_done, "措施落实");
  need(c.rectified, "整改到位");
  need(c.accountability, "责任追究到位");
  need(c.public_satisfied, "群众满意");
  if (missing.empty()) return Status::Ok();
  return InvalidArgument("申请销号须确认“五个不放过”，尚未确认: " + missing, "checks");
}

Result<ItemStatus> NextStatus(const Item& item, ItemAction action, bool unsatisfied_reopens) {
  using S = ItemStatus;
  const S s = item.status;
  switch (action) {
    case ItemAction::kAssign:
      if (s == S::kDraft) return S::kAssigned;
      break;
    case ItemAction::kAccept:
      if (s == S::kAssigned) return S::kInProgress;
      break;
    case ItemAction::kReturn:
      if (s == S::kAssigned) return S::kDraft;
      break;
    case ItemAction::kReport:
      if (s == S::kInProgress) return S::kInProgress;
      break;
    case ItemAction::kSubmit:
      if (s == S::kInProgress) return S::kPendingReview;
      break;
    case ItemAction::kApprove:
    case ItemAction::kReject:
      if (s == S::kPendingReview) {
        return action == ItemAction::kApprove ? S::kClosed : S::kInProgress;
      }
      break;
    case ItemAction::kExtend:
      if (s == S::kAssigned || s == S::kInProgress) {
        if (item.pending_extension) return FailedPrecondition("已有一项延期申请待审批");
        if (!item.deadline) return FailedPrecondition("该事项没有整改时限，无需延期");
        return s;
      }
      break;
    case ItemAction::kDecideExtension:
      if (s == S::kAssigned || s == S::kInProgress) {
        if (!item.pending_extension) return FailedPrecondition("没有待审批的延期申请");
        return s;
      }
      break;
    case ItemAction::kReopen:
      if (s == S::kClosed) return S::kInProgress;
      break;
    case ItemAction::kRate:
      if (s == S::kClosed) {
        if (item.kind != ItemKind::kComplaint) {
          return FailedPrecondition("只有群众诉求类事项需要回访评价");
        }
        return unsatisfied_reopens ? S::kInProgress : S::kClosed;
      }
      break;
    case ItemAction::kCancel:
      if (IsOpen(s)) return S::kCancelled;
      break;
  }
  return NotNow(item, action);
}

bool IsOwnExtensionRequest(const Item& item, std::string_view username) {
  return item.pending_extension && item.pending_extension->requested_by == username;
}

std::vector<ItemAction> AllowedActions(const Item& item, const RoleSet& roles,
                                       bool item_unit_in_scope, bool responsible_unit_in_scope) {
  std::vector<ItemAction> out;
  for (ItemAction a : kAllItemActions) {
    if (!May(roles, CapabilityFor(a))) continue;
    bool in_scope =
        SideOf(a) == ItemSide::kResponsible ? responsible_unit_in_scope : item_unit_in_scope;
    if (!in_scope) continue;
    if (NextStatus(item, a).ok()) out.push_back(a);
  }
  return out;
}

Status ValidateItemFields(const Item& item) {
  // An item's texts may hold line breaks.
  auto text = [](std::string_view value, const char* field, const char* label, size_t max,
                 bool required) {
    return ValidateTextField(value, field, label, max, required, ControlCharacters::kAllowed);
  };
  DUBAN_RETURN_IF_ERROR(text(item.title, "title", "标题", 200, true));
  DUBAN_RETURN_IF_ERROR(text(item.description, "description", "问题描述", 5000, false));
  DUBAN_RETURN_IF_ERROR(text(item.found_by, "found_by", "发现人", 100, false));
  if (!In(item.source, kItemSources)) {
    return InvalidArgument("问题来源 \"" + item.source + "\" 无效", "source");
  }
  if (!In(item.severity, kSeverities)) {
    return InvalidArgument("严重程度须为 一般、较重 或 严重", "severity");
  }
  if (item.measures.size() > 50) return InvalidArgument("整改措施不能超过 50 条", "measures");
  for (const auto& m : item.measures) {
    DUBAN_RETURN_IF_ERROR(text(m, "measures", "整改措施", 1000, true));
  }
  if (item.progress < 0 || item.progress > 100) {
    return InvalidArgument("进度须为 0 到 100", "progress");
  }
  if (item.deadline_working_days &&
      (*item.deadline_working_days < 1 || *item.deadline_working_days > 1000)) {
    return InvalidArgument("整改时限工作日数须为 1 到 1000", "deadline_working_days");
  }
  if (item.details_json.size() > kMaxDetailsBytes) {
    return InvalidArgument("details 不能超过 " + std::to_string(kMaxDetailsBytes / 1024) + " KiB",
                           "details");
  }
  return Status::Ok();
}

Status ValidateAssignDeadline(Date deadline, Date today) {
  if (deadline < today) {
    return InvalidArgument(
        "整改时限 " + FormatDate(deadline) + " 早于今天（" + FormatDate(today) + "），不能交办",
        "deadline");
  }
  return Status::Ok();
}

std::string FormatItemCode(int year, int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "DB-%04d-%06lld", year, static_cast<long long>(number));
  return buf;
}

}  // namespace duban
