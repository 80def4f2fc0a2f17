#include "core/item_action.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace duban {
namespace {

using A = ItemAction;
using S = ItemStatus;
using R = Role;

Date D(const char* text) { return *ParseDate(text); }

const WorkCalendar& Calendar() {
  static const WorkCalendar cal = [] {
    WorkCalendar c;
    EXPECT_TRUE(c.SetYear(2026, {}).ok());  // Monday–Friday, no holidays
    return c;
  }();
  return cal;
}

Unit MakeUnit(UnitId id, const std::string& path, bool disabled = false) {
  Unit u;
  u.id = id;
  u.name = "单位" + std::to_string(id);
  u.path = path;
  u.disabled = disabled;
  return u;
}

// One row: the item's state, who acts on which side, what they send and what the service
// found; then the code and field of the refusal, or a check of the outcome.
struct Case {
  const char* name;
  S status;
  A action;
  RoleSet roles;
  std::function<void(Item&, ActionInput&, ActionContext&)> setup;
  ErrorCode code;     // kOk: the action succeeds
  const char* field;  // of the refusal; "" for none
  std::function<void(const ActionOutcome&)> check;
};

Item MakeItem(S status) {
  Item item;
  item.id = 7;
  item.title = "道路安全隐患未整改";
  item.unit_id = 2;
  item.unit_path = "/1/2/";
  item.status = status;
  if (status != S::kDraft) {
    item.responsible_unit_id = 5;
    item.responsible_unit_path = "/1/2/5/";
    item.deadline = D("2026-06-30");
  }
  return item;
}

// A supervisor's assign with a valid unit and a date deadline.
void ValidAssign(Item&, ActionInput& in, ActionContext& ctx) {
  in.responsible_unit_id = 5;
  in.deadline = D("2026-06-30");
  ctx.responsible_unit = UnitLookup{Status::Ok(), MakeUnit(5, "/1/2/5/")};
}

const RoleSet kSup{R::kSupervisor};
const RoleSet kHandler{R::kHandler};
const RoleSet kLeader{R::kLeader};
const RoleSet kViewer{R::kViewer};
const auto kNothing = [](Item&, ActionInput&, ActionContext&) {};

// Who acts, on which side, in which state.
std::vector<Case> WhoCases() {
  using E = ErrorCode;
  const auto ok = E::kOk;
  return {
      // ---- who acts, on which side ----
      {"viewer may not assign", S::kDraft, A::kAssign, kViewer, ValidAssign, E::kPermissionDenied,
       "", nullptr},
      {"handler may not assign", S::kDraft, A::kAssign, kHandler, ValidAssign, E::kPermissionDenied,
       "", nullptr},
      {"supervisor out of the item's side", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         c.item_side = false;
       },
       E::kPermissionDenied, "", nullptr},
      {"handler without the responsible side", S::kAssigned, A::kAccept, kHandler,
       [](Item&, ActionInput&, ActionContext& c) { c.responsible_side = false; },
       E::kPermissionDenied, "", nullptr},
      {"supervisor may not accept", S::kAssigned, A::kAccept, kSup, kNothing, E::kPermissionDenied,
       "", nullptr},
      {"leader decides on the supervising side", S::kInProgress, A::kDecideExtension, kLeader,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "handler_jt"};
         in.approve = true;
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.deadline, D("2026-07-15"));
         EXPECT_FALSE(o.after.pending_extension);
         EXPECT_EQ(o.event.approve, true);
         EXPECT_EQ(o.event.old_deadline, D("2026-06-30"));
       }},
      {"leader on the responsible side only", S::kInProgress, A::kDecideExtension, kLeader,
       [](Item& i, ActionInput& in, ActionContext& c) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "handler_jt"};
         in.approve = true;
         c.item_side = false;
       },
       E::kPermissionDenied, "", nullptr},
      {"own extension request (L8)", S::kInProgress, A::kDecideExtension,
       RoleSet{R::kSupervisor, R::kHandler},
       [](Item& i, ActionInput& in, ActionContext& c) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "me"};
         in.approve = true;
         c.username = "me";
       },
       E::kPermissionDenied, "", nullptr},
      // ---- the state machine ----
      {"assign a closed item", S::kClosed, A::kAssign, kSup, ValidAssign, E::kFailedPrecondition,
       "", nullptr},
      {"role is checked before state", S::kClosed, A::kAssign, kViewer, ValidAssign,
       E::kPermissionDenied, "", nullptr},
  };
}

// Assign: the units and people it names.
std::vector<Case> AssignCases() {
  using E = ErrorCode;
  const auto ok = E::kOk;
  return {
      // ---- assign ----
      {"assign", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.measures = std::vector<std::string>{" 查明原因 ", "  ", "整改"};
         in.report_every = "week";
         in.rectify_mode = "immediate";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kAssigned);
         EXPECT_EQ(o.after.responsible_unit_id, 5);
         EXPECT_EQ(o.after.responsible_unit_path, "/1/2/5/");
         EXPECT_EQ(o.after.deadline, D("2026-06-30"));
         EXPECT_EQ(o.after.measures, (std::vector<std::string>{"查明原因", "整改"}));
         EXPECT_EQ(o.after.report_every, ReportEvery::kWeek);
         EXPECT_EQ(o.after.rectify_mode, RectifyMode::kImmediate);
         EXPECT_TRUE(o.after.assigned_at);
         EXPECT_EQ(o.event.responsible_unit_id, 5);
         EXPECT_EQ(o.event.deadline, D("2026-06-30"));
         EXPECT_EQ(o.event.measures.size(), 2u);
       }},
      {"assign by working days", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
         in.deadline_working_days = 5;
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.deadline, D("2026-06-17"));  // from Wednesday 06-10
         EXPECT_EQ(o.after.deadline_working_days, 5);
         EXPECT_EQ(o.event.deadline_working_days, 5);
       }},
      {"assign without a unit", S::kDraft, A::kAssign, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.deadline = D("2026-06-30"); },
       E::kInvalidArgument, "responsible_unit_id", nullptr},
      {"assign to a unit not found", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         c.responsible_unit = UnitLookup{NotFound("单位不存在"), {}};
       },
       E::kNotFound, "responsible_unit_id", nullptr},
      {"assign to a disabled unit (L10)", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         c.responsible_unit->unit.disabled = true;
       },
       E::kFailedPrecondition, "responsible_unit_id", nullptr},
      {"responsible person of another unit", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.responsible_person_id = 9;
         c.responsible_person = PersonLookup{Status::Ok(), "/1/3/"};
       },
       E::kInvalidArgument, "responsible_person_id", nullptr},
      {"responsible person whose unit is out of scope", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.responsible_person_id = 9;
         c.responsible_person = PersonLookup{Status::Ok(), ""};
       },
       E::kInvalidArgument, "responsible_person_id", nullptr},
      {"responsible person in a sub-unit", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.responsible_person_id = 9;
         c.responsible_person = PersonLookup{Status::Ok(), "/1/2/5/8/"};
       },
       ok, "", [](const ActionOutcome& o) { EXPECT_EQ(o.after.responsible_person_id, 9); }},
      {"lead leader not found", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.lead_leader_id = 4;
         c.lead_leader = PersonLookup{NotFound("人员不存在"), ""};
       },
       E::kNotFound, "lead_leader_id", nullptr},
      {"disabled assisting unit", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.assisting_unit_ids = std::vector<UnitId>{6, 7};
         c.assisting_units = {{Status::Ok(), MakeUnit(6, "/1/2/6/")},
                              {Status::Ok(), MakeUnit(7, "/1/2/7/", true)}};
       },
       E::kFailedPrecondition, "assisting_unit_ids", nullptr},
  };
}

// Assign: the deadline and the item's fields.
std::vector<Case> AssignDeadlineCases() {
  using E = ErrorCode;
  const auto ok = E::kOk;
  return {
      {"deadline and working days", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline_working_days = 5;
       },
       E::kInvalidArgument, "deadline", nullptr},
      {"working days 0", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
         in.deadline_working_days = 0;
       },
       E::kInvalidArgument, "deadline_working_days", nullptr},
      {"working days 1001", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
         in.deadline_working_days = 1001;
       },
       E::kInvalidArgument, "deadline_working_days", nullptr},
      {"working days past the calendar", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
         in.deadline_working_days = 400;  // into 2027, not loaded
       },
       E::kFailedPrecondition, "deadline_working_days", nullptr},
      {"deadline before today", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline = D("2026-06-09");
       },
       E::kInvalidArgument, "deadline", nullptr},
      {"deadline today", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline = D("2026-06-10");
       },
       ok, "", nullptr},
      {"no deadline", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
       },
       E::kInvalidArgument, "deadline", nullptr},
      {"no deadline, long-term", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.deadline.reset();
         in.rectify_mode = "long_term";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_FALSE(o.after.deadline);
         EXPECT_FALSE(o.event.deadline);
         EXPECT_EQ(o.after.rectify_mode, RectifyMode::kLongTerm);
       }},
      {"unknown report_every", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.report_every = "daily";
       },
       E::kInvalidArgument, "report_every", nullptr},
      {"unknown rectify_mode", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.rectify_mode = "never";
       },
       E::kInvalidArgument, "rectify_mode", nullptr},
      {"an empty measure list is fine, a measure too long is not", S::kDraft, A::kAssign, kSup,
       [](Item& i, ActionInput& in, ActionContext& c) {
         ValidAssign(i, in, c);
         in.measures = std::vector<std::string>{std::string(3001, 'x')};
       },
       E::kInvalidArgument, "measures", nullptr},
  };
}

// The responsible side's work, and review.
std::vector<Case> WorkCases() {
  using E = ErrorCode;
  const auto ok = E::kOk;
  return {
      // ---- accept, return ----
      {"accept", S::kAssigned, A::kAccept, kHandler, kNothing, ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kInProgress);
         EXPECT_TRUE(o.after.accepted_at);
       }},
      {"return without a reason", S::kAssigned, A::kReturn, kHandler, kNothing, E::kInvalidArgument,
       "text", nullptr},
      {"return", S::kAssigned, A::kReturn, kHandler,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "不属于本单位职责"; }, ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kDraft);
         EXPECT_FALSE(o.after.responsible_unit_id);
         EXPECT_EQ(o.after.responsible_unit_path, "");
         EXPECT_EQ(o.withdraw_notices_of, 5);
       }},
      // ---- report ----
      {"report without progress", S::kInProgress, A::kReport, kHandler,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "推进中"; }, E::kInvalidArgument,
       "progress", nullptr},
      {"report progress 101", S::kInProgress, A::kReport, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "推进中";
         in.progress = 101;
       },
       E::kInvalidArgument, "progress", nullptr},
      {"report progress -1", S::kInProgress, A::kReport, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "推进中";
         in.progress = -1;
       },
       E::kInvalidArgument, "progress", nullptr},
      {"report with another item's file", S::kInProgress, A::kReport, kHandler,
       [](Item&, ActionInput& in, ActionContext& c) {
         in.text = "推进中";
         in.progress = 40;
         in.file_ids = {3};
         c.foreign_file_id = 3;
       },
       E::kInvalidArgument, "file_ids", nullptr},
      {"report", S::kInProgress, A::kReport, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "推进中";
         in.progress = 100;
         in.file_ids = {3};
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.progress, 100);
         EXPECT_TRUE(o.after.last_report_at);
         EXPECT_EQ(o.event.progress, 100);
         EXPECT_EQ(o.event.file_ids, (std::vector<int64_t>{3}));
       }},
      // ---- submit ----
      {"submit without checks", S::kInProgress, A::kSubmit, kHandler,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "已整改"; }, E::kInvalidArgument,
       "checks", nullptr},
      {"submit with a check missing", S::kInProgress, A::kSubmit, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "已整改";
         in.checks = CloseOutChecks{true, true, true, true, false};
       },
       E::kInvalidArgument, "checks", nullptr},
      {"submit", S::kInProgress, A::kSubmit, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "已整改";
         in.checks = CloseOutChecks{true, true, true, true, true};
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kPendingReview);
         EXPECT_TRUE(o.event.checks_affirmed);
       }},
      // ---- approve, reject ----
      {"approve with open children", S::kPendingReview, A::kApprove, kSup,
       [](Item&, ActionInput& in, ActionContext& c) {
         in.text = "同意";
         c.open_children = 2;
       },
       E::kFailedPrecondition, "", nullptr},
      {"approve", S::kPendingReview, A::kApprove, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "同意"; }, ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kClosed);
         EXPECT_EQ(o.after.closed_on, D("2026-06-10"));
         EXPECT_EQ(o.after.progress, 100);
       }},
      {"reject without an opinion", S::kPendingReview, A::kReject, kSup, kNothing,
       E::kInvalidArgument, "text", nullptr},
  };
}

// Extensions, reopening, rating, cancelling.
std::vector<Case> LaterCases() {
  using E = ErrorCode;
  const auto ok = E::kOk;
  return {
      // ---- extend, decide ----
      {"extend to an earlier date", S::kInProgress, A::kExtend, kHandler,
       [](Item&, ActionInput& in, ActionContext&) {
         in.text = "材料未到";
         in.new_deadline = D("2026-06-30");
       },
       E::kInvalidArgument, "new_deadline", nullptr},
      {"extend without a date", S::kInProgress, A::kExtend, kHandler,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "材料未到"; }, E::kInvalidArgument,
       "new_deadline", nullptr},
      {"extend without a deadline", S::kInProgress, A::kExtend, kHandler,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.deadline.reset();
         in.text = "材料未到";
         in.new_deadline = D("2026-07-30");
       },
       E::kFailedPrecondition, "", nullptr},
      {"extend twice", S::kInProgress, A::kExtend, kHandler,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "other"};
         in.text = "材料未到";
         in.new_deadline = D("2026-07-30");
       },
       E::kFailedPrecondition, "", nullptr},
      {"extend", S::kInProgress, A::kExtend, kHandler,
       [](Item&, ActionInput& in, ActionContext& c) {
         in.text = "材料未到";
         in.new_deadline = D("2026-07-30");
         c.username = "handler_jt";
       },
       ok, "",
       [](const ActionOutcome& o) {
         ASSERT_TRUE(o.after.pending_extension);
         EXPECT_EQ(o.after.pending_extension->new_deadline, D("2026-07-30"));
         EXPECT_EQ(o.after.pending_extension->requested_by, "handler_jt");
         EXPECT_EQ(o.after.pending_extension->reason, "材料未到");
         EXPECT_EQ(o.after.deadline, D("2026-06-30")) << "unchanged until decided";
         EXPECT_EQ(o.event.new_deadline, D("2026-07-30"));
         EXPECT_EQ(o.event.old_deadline, D("2026-06-30"));
       }},
      {"decide without approve", S::kInProgress, A::kDecideExtension, kSup,
       [](Item& i, ActionInput&, ActionContext&) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "handler_jt"};
       },
       E::kInvalidArgument, "approve", nullptr},
      {"decide with nothing pending", S::kInProgress, A::kDecideExtension, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.approve = true; }, E::kFailedPrecondition,
       "", nullptr},
      {"refuse an extension", S::kInProgress, A::kDecideExtension, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.pending_extension = PendingExtension{D("2026-07-15"), "材料未到", {}, "handler_jt"};
         in.approve = false;
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.deadline, D("2026-06-30"));
         EXPECT_FALSE(o.after.pending_extension);
         EXPECT_EQ(o.event.approve, false);
         EXPECT_EQ(o.event.new_deadline, D("2026-07-15"));
       }},
      // ---- reopen, rate, cancel ----
      {"reopen", S::kClosed, A::kReopen, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.closed_on = D("2026-06-01");
         in.text = "问题反弹";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kInProgress);
         EXPECT_EQ(o.after.reopen_count, 1);
         EXPECT_FALSE(o.after.closed_on);
       }},
      {"rate a problem", S::kClosed, A::kRate, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.satisfaction = "satisfied"; },
       E::kFailedPrecondition, "", nullptr},
      {"rate with an unknown level", S::kClosed, A::kRate, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.kind = ItemKind::kComplaint;
         in.satisfaction = "happy";
       },
       E::kInvalidArgument, "satisfaction", nullptr},
      {"rate satisfied", S::kClosed, A::kRate, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.kind = ItemKind::kComplaint;
         in.satisfaction = "basically_satisfied";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kClosed);
         EXPECT_EQ(o.after.satisfaction, Satisfaction::kBasicallySatisfied);
         EXPECT_EQ(o.event.satisfaction, Satisfaction::kBasicallySatisfied);
         EXPECT_FALSE(o.event.reopened);
       }},
      {"unsatisfied reopens once (二次办理)", S::kClosed, A::kRate, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.kind = ItemKind::kComplaint;
         i.closed_on = D("2026-06-01");
         in.satisfaction = "unsatisfied";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kInProgress);
         EXPECT_TRUE(o.after.second_handling_used);
         EXPECT_FALSE(o.after.closed_on);
         EXPECT_TRUE(o.event.reopened);
       }},
      {"unsatisfied a second time stays closed", S::kClosed, A::kRate, kSup,
       [](Item& i, ActionInput& in, ActionContext&) {
         i.kind = ItemKind::kComplaint;
         i.second_handling_used = true;
         in.satisfaction = "unsatisfied";
       },
       ok, "",
       [](const ActionOutcome& o) {
         EXPECT_EQ(o.after.status, S::kClosed);
         EXPECT_EQ(o.after.satisfaction, Satisfaction::kUnsatisfied);
         EXPECT_FALSE(o.event.reopened);
       }},
      {"cancel without a reason", S::kInProgress, A::kCancel, kSup, kNothing, E::kInvalidArgument,
       "text", nullptr},
      {"cancel", S::kInProgress, A::kCancel, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "重复登记"; }, ok, "",
       [](const ActionOutcome& o) { EXPECT_EQ(o.after.status, S::kCancelled); }},
      {"cancel a cancelled item", S::kCancelled, A::kCancel, kSup,
       [](Item&, ActionInput& in, ActionContext&) { in.text = "重复登记"; }, E::kFailedPrecondition,
       "", nullptr},
  };
}

std::vector<Case> Cases() {
  std::vector<Case> all;
  for (auto part : {WhoCases, AssignCases, AssignDeadlineCases, WorkCases, LaterCases}) {
    for (Case& c : part()) all.push_back(std::move(c));
  }
  return all;
}

TEST(ItemActionTest, Table) {
  for (const Case& c : Cases()) {
    Item item = MakeItem(c.status);
    ActionInput in;
    ActionContext ctx;
    ctx.roles = c.roles;
    ctx.username = "caller";
    ctx.item_side = true;
    ctx.responsible_side = c.status != S::kDraft;
    ctx.today = D("2026-06-10");
    ctx.now = FromUnixMicros(1'781'000'000'000'000);
    ctx.calendar = &Calendar();
    c.setup(item, in, ctx);
    auto out = ApplyAction(item, c.action, in, ctx);
    if (c.code == ErrorCode::kOk) {
      ASSERT_TRUE(out.ok()) << c.name << ": " << out.status().message();
      EXPECT_EQ(out->after.updated_at, ctx.now) << c.name;
      EXPECT_EQ(out->after.id, item.id) << c.name;
      if (c.check) {
        SCOPED_TRACE(c.name);
        c.check(*out);
      }
    } else {
      ASSERT_FALSE(out.ok()) << c.name;
      EXPECT_EQ(out.status().code(), c.code) << c.name << ": " << out.status().message();
      EXPECT_EQ(out.status().field(), c.field) << c.name << ": " << out.status().message();
    }
  }
}

// The refusal names what it refuses, in words a user understands.
TEST(ItemActionTest, RefusalsSayWhy) {
  Item item = MakeItem(S::kDraft);
  ActionInput in;
  ActionContext ctx;
  ctx.roles = kViewer;
  ctx.item_side = true;
  EXPECT_EQ(ApplyAction(item, A::kAssign, in, ctx).status().message(), "您的角色不能执行「交办」");
  ctx.roles = kSup;
  ctx.item_side = false;
  EXPECT_EQ(ApplyAction(item, A::kAssign, in, ctx).status().message(),
            "只有事项所在单位的上级督查可以执行「交办」");
  item = MakeItem(S::kAssigned);
  ctx.roles = kHandler;
  EXPECT_EQ(ApplyAction(item, A::kAccept, in, ctx).status().message(),
            "只有责任单位可以执行「签收」");
  EXPECT_EQ(RequireActionText(" ", "退回理由").message(), "退回理由不能为空");
  EXPECT_EQ(RequireActionText(std::string(5001, 'x'), "退回理由").field(), "text");
  EXPECT_TRUE(RequireActionText(std::string(5000, 'x'), "退回理由").ok());
}

}  // namespace
}  // namespace duban
