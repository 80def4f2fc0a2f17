#include "core/item_action.h"

#include <algorithm>

#include "core/scope.h"
#include "core/text.h"

namespace duban {
namespace {

std::string Label(ItemAction action) { return std::string(ItemActionLabel(action)); }

// The caller's roles and side (docs/decisions/0003), and L8: who asked for an extension never
// decides it, whatever roles the account holds.
Status CheckActor(const Item& before, ItemAction action, const ActionContext& ctx) {
  DUBAN_RETURN_IF_ERROR(CheckMayPerform(ctx.roles, action));
  const bool responsible = SideOf(action) == ItemSide::kResponsible;
  if (!(responsible ? ctx.responsible_side : ctx.item_side)) {
    return PermissionDenied(responsible
                                ? "只有责任单位可以执行「" + Label(action) + "」"
                                : "只有事项所在单位的上级督查可以执行「" + Label(action) + "」");
  }
  if (action == ItemAction::kDecideExtension && IsOwnExtensionRequest(before, ctx.username)) {
    return PermissionDenied("不能审批自己提出的延期申请，须由交办方的其他人员审批");
  }
  return Status::Ok();
}

std::vector<std::string> TrimmedMeasures(const std::vector<std::string>& measures) {
  std::vector<std::string> out;
  for (const auto& m : measures) {
    if (!TrimSpace(m).empty()) out.push_back(TrimSpace(m));
  }
  return out;
}

// The units and people named by an assign, as the service found them. L10: a disabled unit is
// never given work.
Status CheckAssignees(const ActionInput& in, const ActionContext& ctx, Item& item) {
  if (!in.responsible_unit_id) return InvalidArgument("交办须指定责任单位", "responsible_unit_id");
  if (!ctx.responsible_unit) return Internal("responsible unit not looked up");
  const UnitLookup& unit = *ctx.responsible_unit;
  if (!unit.status.ok()) {
    return Status(unit.status).WithContext("责任单位").WithField("responsible_unit_id");
  }
  if (unit.unit.disabled) {
    return FailedPrecondition("责任单位「" + unit.unit.name + "」已停用，不能交办")
        .WithField("responsible_unit_id");
  }
  item.responsible_unit_id = unit.unit.id;
  item.responsible_unit_path = unit.unit.path;
  item.responsible_person_id = in.responsible_person_id;
  if (in.responsible_person_id) {
    if (!ctx.responsible_person) return Internal("responsible person not looked up");
    const PersonLookup& p = *ctx.responsible_person;
    if (!p.status.ok()) {
      return Status(p.status).WithContext("责任人").WithField("responsible_person_id");
    }
    // A person whose unit is out of the caller's scope is not in the responsible unit either.
    if (p.unit_path.empty() || !Scope::Subtree(unit.unit.path).Contains(p.unit_path)) {
      return InvalidArgument("责任人须属于责任单位", "responsible_person_id");
    }
  }
  item.lead_leader_id = in.lead_leader_id;
  if (in.lead_leader_id) {
    if (!ctx.lead_leader) return Internal("lead leader not looked up");
    if (!ctx.lead_leader->status.ok()) {
      return Status(ctx.lead_leader->status).WithContext("领衔领导").WithField("lead_leader_id");
    }
  }
  if (in.assisting_unit_ids) {
    if (ctx.assisting_units.size() != in.assisting_unit_ids->size()) {
      return Internal("assisting units not looked up");
    }
    for (const UnitLookup& au : ctx.assisting_units) {
      if (!au.status.ok()) {
        return Status(au.status).WithContext("配合单位").WithField("assisting_unit_ids");
      }
      if (au.unit.disabled) {
        return FailedPrecondition("配合单位「" + au.unit.name + "」已停用，不能交办")
            .WithField("assisting_unit_ids");
      }
    }
    item.assisting_unit_ids = *in.assisting_unit_ids;
  }
  return Status::Ok();
}

// SPEC §3: a deadline as a date or as working days, never both; none only for long-term work.
Status ApplyDeadline(const ActionInput& in, const ActionContext& ctx, bool long_term, Item& item) {
  if (in.deadline && in.deadline_working_days) {
    return InvalidArgument("整改时限请只填日期或工作日数之一", "deadline");
  }
  if (in.deadline_working_days) {
    if (*in.deadline_working_days < 1 || *in.deadline_working_days > 1000) {
      return InvalidArgument("工作日数须为 1 到 1000", "deadline_working_days");
    }
    const int days = static_cast<int>(*in.deadline_working_days);
    if (!ctx.calendar) return Internal("no work calendar");
    auto d = ctx.calendar->AddWorkingDays(ctx.today, days);
    if (!d.ok()) return Status(d.status()).WithField("deadline_working_days");
    item.deadline = *d;
    item.deadline_working_days = days;
  } else if (in.deadline) {
    DUBAN_RETURN_IF_ERROR(ValidateAssignDeadline(*in.deadline, ctx.today));
    item.deadline = in.deadline;
    item.deadline_working_days.reset();
  } else if (!long_term) {
    return InvalidArgument("交办须给出整改时限（日期或工作日数），长期坚持类除外", "deadline");
  }
  return Status::Ok();
}

Status Assign(const ActionInput& in, const ActionContext& ctx, ActionOutcome& out) {
  Item& item = out.after;
  DUBAN_RETURN_IF_ERROR(CheckAssignees(in, ctx, item));
  if (in.measures) item.measures = TrimmedMeasures(*in.measures);
  // A name that is not one is reported with the other field rules, after the deadline's.
  std::optional<ReportEvery> every = item.report_every;
  if (in.report_every) every = ParseReportEvery(*in.report_every);
  std::optional<RectifyMode> mode = item.rectify_mode;
  if (in.rectify_mode) mode = ParseRectifyMode(*in.rectify_mode);
  DUBAN_RETURN_IF_ERROR(ApplyDeadline(in, ctx, mode == RectifyMode::kLongTerm, item));
  item.assigned_at = ctx.now;
  if (!every) return InvalidArgument("report_every 须为 none、week 或 month", "report_every");
  if (!mode) {
    return InvalidArgument("rectify_mode 须为 immediate、deadline 或 long_term", "rectify_mode");
  }
  item.report_every = *every;
  item.rectify_mode = *mode;
  DUBAN_RETURN_IF_ERROR(ValidateItemFields(item));
  out.event.responsible_unit_id = item.responsible_unit_id;
  out.event.deadline = item.deadline;
  out.event.measures = item.measures;
  out.event.deadline_working_days = item.deadline_working_days;
  return Status::Ok();
}

Status CheckFiles(const ActionInput& in, const ActionContext& ctx, ActionOutcome& out) {
  if (ctx.foreign_file_id) {
    return InvalidArgument("附件 " + std::to_string(*ctx.foreign_file_id) + " 不属于该事项",
                           "file_ids");
  }
  out.event.file_ids = in.file_ids;
  return Status::Ok();
}

Status Report(const ActionInput& in, const ActionContext& ctx, ActionOutcome& out) {
  DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "进展情况"));
  if (!in.progress) return InvalidArgument("进展报告须填写完成进度 progress（0–100）", "progress");
  if (*in.progress < 0 || *in.progress > 100) {
    return InvalidArgument("进度须为 0 到 100", "progress");
  }
  out.after.progress = static_cast<int>(*in.progress);
  out.after.last_report_at = ctx.now;
  out.event.progress = out.after.progress;
  return CheckFiles(in, ctx, out);
}

Status Submit(const ActionInput& in, const ActionContext& ctx, ActionOutcome& out) {
  DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "整改情况说明"));
  if (!in.checks) return InvalidArgument("申请销号须确认“五个不放过” checks", "checks");
  DUBAN_RETURN_IF_ERROR(ValidateCloseOutChecks(*in.checks));
  DUBAN_RETURN_IF_ERROR(CheckFiles(in, ctx, out));
  out.event.checks_affirmed = true;
  return Status::Ok();
}

Status Approve(const ActionInput& in, const ActionContext& ctx, ActionOutcome& out) {
  DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "验收意见"));
  if (ctx.open_children > 0) {
    return FailedPrecondition("还有 " + std::to_string(ctx.open_children) +
                              " 个子事项未销号，不能验收销号");
  }
  out.after.closed_on = ctx.today;
  out.after.progress = 100;
  return Status::Ok();
}

// NextStatus has checked that the item has a deadline and no pending extension.
Status Extend(const Item& before, const ActionInput& in, const ActionContext& ctx,
              ActionOutcome& out) {
  DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "延期理由"));
  if (!in.new_deadline) {
    return InvalidArgument("延期申请须给出新的时限 new_deadline", "new_deadline");
  }
  if (!before.deadline) return FailedPrecondition("该事项没有整改时限，无需延期");
  if (*in.new_deadline <= *before.deadline) {
    return InvalidArgument("新的时限须晚于现有时限 " + FormatDate(*before.deadline),
                           "new_deadline");
  }
  out.after.pending_extension = PendingExtension{*in.new_deadline, in.text, ctx.now, ctx.username};
  out.event.new_deadline = in.new_deadline;
  out.event.old_deadline = before.deadline;
  return Status::Ok();
}

// NextStatus has checked that an extension is pending.
Status DecideExtension(const Item& before, const ActionInput& in, ActionOutcome& out) {
  if (!in.approve) return InvalidArgument("须说明是否批准 approve", "approve");
  if (!before.pending_extension) return FailedPrecondition("没有待审批的延期申请");
  out.event.approve = in.approve;
  out.event.new_deadline = before.pending_extension->new_deadline;
  out.event.old_deadline = before.deadline;
  // SPEC §3: the deadline changes only when the extension is approved.
  if (*in.approve) {
    out.after.deadline = before.pending_extension->new_deadline;
    out.after.deadline_working_days.reset();
  }
  out.after.pending_extension.reset();
  return Status::Ok();
}

Status Rate(const ActionInput& in, bool unsatisfied_reopens, ActionOutcome& out) {
  auto level = ParseSatisfaction(in.satisfaction);
  if (!level) {
    return InvalidArgument("评价须为 satisfied、basically_satisfied 或 unsatisfied",
                           "satisfaction");
  }
  out.after.satisfaction = level;
  out.event.satisfaction = level;
  if (unsatisfied_reopens) {
    out.after.second_handling_used = true;
    out.after.closed_on.reset();
    out.event.reopened = true;
  }
  return Status::Ok();
}

Status ApplyFields(const Item& before, ItemAction action, const ActionInput& in,
                   const ActionContext& ctx, bool unsatisfied_reopens, ActionOutcome& out) {
  switch (action) {
    case ItemAction::kAssign:
      return Assign(in, ctx, out);
    case ItemAction::kAccept:
      out.after.accepted_at = ctx.now;
      return Status::Ok();
    case ItemAction::kReturn:
      DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "退回理由"));
      // The returning unit no longer answers for the item (M1; docs/decisions/0003).
      // Reassignment starts from draft, so this is also what a reassignment does to the
      // earlier unit's notices.
      out.withdraw_notices_of = before.responsible_unit_id;
      out.after.responsible_unit_id.reset();
      out.after.responsible_unit_path.clear();
      out.after.responsible_person_id.reset();
      return Status::Ok();
    case ItemAction::kReport:
      return Report(in, ctx, out);
    case ItemAction::kSubmit:
      return Submit(in, ctx, out);
    case ItemAction::kApprove:
      return Approve(in, ctx, out);
    case ItemAction::kReject:
      return RequireActionText(in.text, "退回意见");
    case ItemAction::kExtend:
      return Extend(before, in, ctx, out);
    case ItemAction::kDecideExtension:
      return DecideExtension(before, in, out);
    case ItemAction::kReopen:
      DUBAN_RETURN_IF_ERROR(RequireActionText(in.text, "反弹情况"));
      out.after.reopen_count += 1;
      out.after.closed_on.reset();
      return Status::Ok();
    case ItemAction::kRate:
      return Rate(in, unsatisfied_reopens, out);
    case ItemAction::kCancel:
      return RequireActionText(in.text, "撤销理由");
  }
  return Internal("unknown action");
}

}  // namespace

Status RequireActionText(const std::string& text, const char* label) {
  if (TrimSpace(text).empty()) return InvalidArgument(std::string(label) + "不能为空", "text");
  if (!IsValidUtf8(text)) {
    return InvalidArgument(std::string(label) + "不是有效的 UTF-8 文本", "text");
  }
  if (Utf8Length(text) > 5000) {
    return InvalidArgument(std::string(label) + "不能超过 5000 个字", "text");
  }
  return Status::Ok();
}

Result<ActionOutcome> ApplyAction(const Item& before, ItemAction action, const ActionInput& in,
                                  const ActionContext& ctx) {
  DUBAN_RETURN_IF_ERROR(CheckActor(before, action, ctx));
  // 不满意 reopens once (二次办理); a second 不满意 is recorded and the item stays closed.
  const bool unsatisfied_reopens =
      action == ItemAction::kRate &&
      in.satisfaction == SatisfactionName(Satisfaction::kUnsatisfied) &&
      !before.second_handling_used;
  DUBAN_ASSIGN_OR_RETURN(ItemStatus next, NextStatus(before, action, unsatisfied_reopens));
  ActionOutcome out;
  out.after = before;
  out.after.status = next;
  out.after.updated_at = ctx.now;
  DUBAN_RETURN_IF_ERROR(ApplyFields(before, action, in, ctx, unsatisfied_reopens, out));
  return out;
}

}  // namespace duban
