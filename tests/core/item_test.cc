#include "core/item.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/permission.h"

namespace duban {
namespace {

using A = ItemAction;
using S = ItemStatus;

// The whole state machine: for each status, the actions it allows and where they lead. Any pair
// not listed must be refused with kFailedPrecondition.
const std::map<std::pair<S, A>, S>& Expected() {
  static const std::map<std::pair<S, A>, S> table = {
      {{S::kDraft, A::kAssign}, S::kAssigned},
      {{S::kDraft, A::kCancel}, S::kCancelled},
      {{S::kAssigned, A::kAccept}, S::kInProgress},
      {{S::kAssigned, A::kReturn}, S::kDraft},
      {{S::kAssigned, A::kExtend}, S::kAssigned},
      {{S::kAssigned, A::kDecideExtension}, S::kAssigned},
      {{S::kAssigned, A::kCancel}, S::kCancelled},
      {{S::kInProgress, A::kReport}, S::kInProgress},
      {{S::kInProgress, A::kSubmit}, S::kPendingReview},
      {{S::kInProgress, A::kExtend}, S::kInProgress},
      {{S::kInProgress, A::kDecideExtension}, S::kInProgress},
      {{S::kInProgress, A::kCancel}, S::kCancelled},
      {{S::kPendingReview, A::kApprove}, S::kClosed},
      {{S::kPendingReview, A::kReject}, S::kInProgress},
      {{S::kPendingReview, A::kCancel}, S::kCancelled},
      {{S::kClosed, A::kReopen}, S::kInProgress},
      {{S::kClosed, A::kRate}, S::kClosed},
  };
  return table;
}

Item MakeItem(S status, ItemKind kind = ItemKind::kComplaint) {
  Item item;
  item.kind = kind;
  item.status = status;
  item.deadline = *ParseDate("2026-10-13");
  return item;
}

TEST(ItemStateMachineTest, EveryStatusTimesEveryAction) {
  for (S status : kAllItemStatuses) {
    for (A action : kAllItemActions) {
      Item item = MakeItem(status);
      // decide_extension needs a pending request; extend needs none.
      if (action == A::kDecideExtension) item.pending_extension = PendingExtension{};
      auto next = NextStatus(item, action);
      auto it = Expected().find({status, action});
      std::string where =
          std::string(ItemStatusName(status)) + " × " + std::string(ItemActionName(action));
      if (it == Expected().end()) {
        ASSERT_FALSE(next.ok()) << where;
        EXPECT_EQ(next.status().code(), ErrorCode::kFailedPrecondition) << where;
        EXPECT_NE(next.status().message().find(ItemStatusLabel(status)), std::string::npos)
            << where;
      } else {
        ASSERT_TRUE(next.ok()) << where << ": " << next.status().message();
        EXPECT_EQ(*next, it->second) << where;
      }
    }
  }
}

TEST(ItemStateMachineTest, ExtensionsRateAndUnsatisfiedReopen) {
  Item item = MakeItem(S::kInProgress);
  EXPECT_EQ(NextStatus(item, A::kDecideExtension).status().code(), ErrorCode::kFailedPrecondition);
  item.pending_extension = PendingExtension{};
  EXPECT_EQ(NextStatus(item, A::kExtend).status().code(), ErrorCode::kFailedPrecondition);
  Item no_deadline = MakeItem(S::kInProgress);
  no_deadline.deadline.reset();
  EXPECT_FALSE(NextStatus(no_deadline, A::kExtend).ok());
  Item closed = MakeItem(S::kClosed);
  EXPECT_EQ(*NextStatus(closed, A::kRate, /*unsatisfied_reopens=*/true), S::kInProgress);
  Item problem = MakeItem(S::kClosed, ItemKind::kProblem);
  EXPECT_FALSE(NextStatus(problem, A::kRate).ok()) << "only complaints are rated";
}

TEST(ItemRolesTest, RoleTable) {
  // action -> roles allowed (admin may do everything).
  const std::map<A, std::set<Role>> allowed = {
      {A::kAssign, {Role::kSupervisor}}, {A::kApprove, {Role::kSupervisor}},
      {A::kReject, {Role::kSupervisor}}, {A::kReopen, {Role::kSupervisor}},
      {A::kRate, {Role::kSupervisor}},   {A::kCancel, {Role::kSupervisor}},
      {A::kAccept, {Role::kHandler}},    {A::kReturn, {Role::kHandler}},
      {A::kReport, {Role::kHandler}},    {A::kSubmit, {Role::kHandler}},
      {A::kExtend, {Role::kHandler}},    {A::kDecideExtension, {Role::kSupervisor, Role::kLeader}},
  };
  for (A action : kAllItemActions) {
    for (Role role : kAllRoles) {
      bool expected = role == Role::kAdmin || allowed.at(action).count(role) > 0;
      EXPECT_EQ(MayPerform(RoleSet{role}, action), expected)
          << ItemActionName(action) << " by " << RoleName(role);
    }
  }
}

TEST(ItemRolesTest, AllowedActionsCombineStateRoleAndScope) {
  Item item = MakeItem(S::kAssigned, ItemKind::kProblem);
  auto names = [](const std::vector<A>& actions) {
    std::set<std::string> out;
    for (A a : actions) out.emplace(ItemActionName(a));
    return out;
  };
  EXPECT_EQ(names(AllowedActions(item, RoleSet{Role::kHandler}, false, true)),
            (std::set<std::string>{"accept", "return", "extend"}));
  EXPECT_TRUE(AllowedActions(item, RoleSet{Role::kHandler}, true, false).empty())
      << "a handler acts only for the responsible unit in its scope";
  EXPECT_EQ(names(AllowedActions(item, RoleSet{Role::kSupervisor}, true, false)),
            (std::set<std::string>{"cancel"}));
  EXPECT_TRUE(AllowedActions(item, RoleSet{Role::kViewer}, true, true).empty());
  // L8: an extension is decided by the assigning side only, never by the responsible side.
  item.pending_extension = PendingExtension{};
  item.pending_extension->requested_by = "handler_jt";
  EXPECT_FALSE(
      names(AllowedActions(item, RoleSet{Role::kLeader}, false, true)).count("decide_extension"));
  EXPECT_TRUE(
      names(AllowedActions(item, RoleSet{Role::kLeader}, true, false)).count("decide_extension"));
  EXPECT_TRUE(IsOwnExtensionRequest(item, "handler_jt"));
  EXPECT_FALSE(IsOwnExtensionRequest(item, "leader_jt"));
}

TEST(ItemRulesTest, FiveChecksAllRequiredAndNamed) {
  CloseOutChecks all{true, true, true, true, true};
  EXPECT_TRUE(ValidateCloseOutChecks(all).ok());
  CloseOutChecks two_missing{true, false, true, true, false};
  Status s = ValidateCloseOutChecks(two_missing);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("措施落实"), std::string::npos);
  EXPECT_NE(s.message().find("群众满意"), std::string::npos);
  EXPECT_EQ(s.message().find("问题查清"), std::string::npos);
}

TEST(ItemRulesTest, FieldRules) {
  struct Case {
    const char* name;
    void (*mutate)(Item&);
    const char* field;  // "" = valid
  };
  const Case cases[] = {
      {"valid", [](Item&) {}, ""},
      {"empty title", [](Item& i) { i.title = " "; }, "title"},
      {"long title", [](Item& i) { i.title = std::string(201, 'x'); }, "title"},
      {"bad source", [](Item& i) { i.source = "微博"; }, "source"},
      {"bad severity", [](Item& i) { i.severity = "特别严重"; }, "severity"},
      {"empty measure",
       [](Item& i) {
         i.measures = {"ok", ""};
       },
       "measures"},
      {"progress 101", [](Item& i) { i.progress = 101; }, "progress"},
      {"working days 0", [](Item& i) { i.deadline_working_days = 0; }, "deadline_working_days"},
  };
  for (const Case& c : cases) {
    Item item;
    item.title = "道路安全隐患未整改";
    c.mutate(item);
    Status s = ValidateItemFields(item);
    if (*c.field == '\0') {
      EXPECT_TRUE(s.ok()) << c.name << ": " << s.message();
    } else {
      EXPECT_EQ(s.field(), c.field) << c.name << ": " << s.message();
    }
  }
  EXPECT_EQ(FormatItemCode(2026, 123), "DB-2026-000123");
  // report_every and rectify_mode are enums now: a bad name never reaches an Item. That it is
  // still refused, naming its field, is ItemActionTest.AssignRefusesUnknownNames.
}

TEST(ItemRulesTest, EnumNamesRoundTrip) {
  for (auto e : {ReportEvery::kNone, ReportEvery::kWeek, ReportEvery::kMonth}) {
    EXPECT_EQ(ParseReportEvery(ReportEveryName(e)), e);
  }
  for (auto m : {RectifyMode::kImmediate, RectifyMode::kDeadline, RectifyMode::kLongTerm}) {
    EXPECT_EQ(ParseRectifyMode(RectifyModeName(m)), m);
  }
  for (auto s :
       {Satisfaction::kSatisfied, Satisfaction::kBasicallySatisfied, Satisfaction::kUnsatisfied}) {
    EXPECT_EQ(ParseSatisfaction(SatisfactionName(s)), s);
  }
  EXPECT_EQ(ReportEveryName(ReportEvery::kWeek), "week");
  EXPECT_EQ(RectifyModeName(RectifyMode::kLongTerm), "long_term");
  EXPECT_EQ(SatisfactionName(Satisfaction::kBasicallySatisfied), "basically_satisfied");
  EXPECT_FALSE(ParseReportEvery("daily"));
  EXPECT_FALSE(ParseRectifyMode("never"));
  EXPECT_FALSE(ParseSatisfaction(""));
}

}  // namespace
}  // namespace duban
