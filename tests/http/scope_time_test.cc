// Scope over time (issue 19; review H1, M1, L7, L8, L10): what a caller may see and do follows
// the organisation as it changes. A unit that moves takes its items, notices, campaigns,
// assessment records, bulletins and audit trail with it; an item that is returned or reassigned
// takes its notices away from the unit that had it; a disabled unit is never a target; the
// sweep runs over the caller's scope; an extension is decided by the assigning side and never by
// whoever asked for it. Runs on both stores (api_test, api_pgtest).
#include "http/api_fixture.h"

namespace duban::http {
namespace {

class ScopeTimeTest : public ApiTest {
 protected:
  ScopeTimeTest() {
    // Wednesday 2026-09-30, 10:00 in Shanghai.
    clock_.Set(*ParseRfc3339("2026-09-30T02:00:00Z"));
    // Bulletins print to "PDF" without Chromium here.
    codec_ = TestCodec(/*print_pdf=*/false);
  }

  // `method target body` as `who`, expecting success; the body.
  json Ok(const std::string& method, const std::string& target, const json& body, Session& who) {
    Response r = Call(method, target, body, &who);
    EXPECT_GE(r.status, 200) << method << " " << target << " -> " << r.body;
    EXPECT_LT(r.status, 300) << method << " " << target << " -> " << r.body;
    return r.status < 300 && !r.body.empty() ? Body(r) : json();
  }
  int StatusOf(const std::string& method, const std::string& target, Session& who,
               const json& body = nullptr) {
    return Call(method, target, body, &who).status;
  }

  int64_t NewUnit(int64_t parent, const std::string& name) {
    return Ok("POST", "/api/v1/units", {{"parent_id", parent}, {"name", name}}, admin())["id"];
  }
  int64_t NewPerson(int64_t unit, const std::string& name) {
    return Ok("POST", "/api/v1/people", {{"unit_id", unit}, {"name", name}}, admin())["id"];
  }
  // A new account of `unit` with `roles`, signed in.
  Session NewAccount(const std::string& username, int64_t unit,
                     const std::vector<std::string>& roles) {
    Ok("POST", "/api/v1/accounts",
       {{"username", username}, {"password", kPassword}, {"unit_id", unit}, {"roles", roles}},
       admin());
    return SignIn(username);
  }
  int64_t NewItem(int64_t unit, const std::string& title) {
    return Ok("POST", "/api/v1/items", {{"title", title}, {"unit_id", unit}}, admin())["id"];
  }
  void Assign(int64_t item, int64_t unit, Session& who) {
    Ok("POST", ItemPath(item, "assign"),
       {{"responsible_unit_id", unit}, {"deadline_working_days", 5}}, who);
  }
  static std::string ItemPath(int64_t id, const std::string& action = "") {
    return "/api/v1/items/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }
  static std::string Id(int64_t id) { return std::to_string(id); }

  // The item as the admin sees it, without the parts that change with the reader.
  json ItemState(int64_t id) {
    json j = Ok("GET", ItemPath(id), nullptr, admin());
    j.erase("allowed_actions");
    return j;
  }
  int64_t NoticesOf(int64_t item, Session& who) {
    Response r = Call("GET", "/api/v1/notices?item_id=" + Id(item), nullptr, &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Body(r)["total"].get<int64_t>() : -1;
  }
  int64_t AuditTotal(const std::string& type, int64_t id, Session& who) {
    Response r =
        Call("GET", "/api/v1/audit?entity_type=" + type + "&entity_id=" + Id(id), nullptr, &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Body(r)["total"].get<int64_t>() : -1;
  }
};

// H1: a unit with work of every kind moves from 县交通运输局 to 县市场监督管理局. Everything of
// it moves in the same transaction: the old parent's supervisor loses it (404), the new parent's
// has it (200), and the moved unit's own handler goes on working.
TEST_F(ScopeTimeTest, MovingAUnitMovesEverythingThatBelongsToIt) {
  const int64_t old_parent = UnitId("QS-JT"), new_parent = UnitId("QS-SJ");
  const int64_t team = NewUnit(old_parent, "养护一队");
  const int64_t squad = NewUnit(team, "养护一队一班");  // a level below: the subtree moves
  Session old_sup = NewAccount("sup_jt", old_parent, {"supervisor"});
  Session new_sup = NewAccount("sup_sj", new_parent, {"supervisor"});
  Session handler = NewAccount("handler_squad", squad, {"handler"});

  // An item of the team, assigned to its squad (both paths inside the moving subtree), and an
  // item of the old parent assigned to the team (only the responsible path moves).
  const int64_t own = NewItem(team, "养护一队路段坑槽");
  Assign(own, squad, admin());
  const int64_t handed = NewItem(old_parent, "局交办养护一队事项");
  Assign(handed, team, admin());
  Ok("POST", "/api/v1/notices", {{"item_id", own}, {"level", "reminder"}, {"reason", "催办"}},
     admin());
  const int64_t campaign =
      Ok("POST", "/api/v1/campaigns", {{"name", "养护一队专项"}, {"unit_id", team}}, admin())["id"];
  json bonus = {{"key", "bonus"},
                {"name", "加减分"},
                {"formula", "event_sum"},
                {"max_points", 0},
                {"cap", 5}};
  Ok("PUT", "/api/v1/assessment/schemes/s1", {{"name", "考核"}, {"indicators", {bonus}}}, admin());
  const int64_t event = Ok("POST", "/api/v1/assessment/events",
                           {{"scheme", "s1"},
                            {"kind", "points"},
                            {"subject_id", team},
                            {"indicator", "bonus"},
                            {"points", -0.5},
                            {"reason", "迟报"}},
                           admin())["id"];
  const int64_t result =
      Ok("POST", "/api/v1/assessment/results/compute",
         {{"scheme", "s1"}, {"period", "2026-09"}, {"unit", team}}, admin())["items"][0]["id"];
  const int64_t bulletin = Ok("POST", "/api/v1/bulletins/issued",
                              {{"period", "2026-08"}, {"unit", team}}, admin())["record"]["id"];

  const std::vector<std::string> targets = {
      ItemPath(own),
      "/api/v1/campaigns/" + Id(campaign),
      "/api/v1/assessment/results/" + Id(result),
      "/api/v1/bulletins/issued/" + Id(bulletin),
      "/api/v1/units/" + Id(team),
  };
  for (const auto& t : targets) {
    EXPECT_EQ(StatusOf("GET", t, old_sup), 200) << "before the move: " << t;
    EXPECT_EQ(StatusOf("GET", t, new_sup), 404) << "before the move: " << t;
  }
  EXPECT_EQ(NoticesOf(own, old_sup), 1);
  EXPECT_GT(AuditTotal("item", own, old_sup), 0);
  auto total = [&](const std::string& target, Session& who) {
    return Ok("GET", target, nullptr, who)["total"].get<int64_t>();
  };
  const std::string by_unit = "/api/v1/items?unit=" + Id(team);
  const std::string by_responsible = "/api/v1/items?responsible_unit=" + Id(team);
  const int64_t items_of_team = total(by_unit, old_sup);
  const int64_t items_for_team = total(by_responsible, old_sup);
  EXPECT_GE(items_of_team, 2);
  EXPECT_GE(items_for_team, 2);

  Response moved =
      Call("PATCH", "/api/v1/units/" + Id(team), {{"parent_id", new_parent}}, &admin());
  ASSERT_EQ(moved.status, 200) << moved.body;

  for (const auto& t : targets) {
    EXPECT_EQ(StatusOf("GET", t, old_sup), 404) << "after the move, the old parent: " << t;
    EXPECT_EQ(StatusOf("GET", t, new_sup), 200) << "after the move, the new parent: " << t;
  }
  EXPECT_EQ(NoticesOf(own, old_sup), 0);
  EXPECT_EQ(NoticesOf(own, new_sup), 1);
  EXPECT_EQ(NoticesOf(own, handler), 1);
  auto events_total = [&](Session& who) {
    return Ok("GET", "/api/v1/assessment/events?scheme=s1&subject_id=" + Id(team), nullptr,
              who)["total"];
  };
  EXPECT_EQ(events_total(old_sup), 0);
  EXPECT_EQ(events_total(new_sup), 1);
  (void)event;
  // The item of the old parent stays its item; the new parent sees it through the responsible
  // side, as the team's handlers would.
  EXPECT_EQ(StatusOf("GET", ItemPath(handed), old_sup), 200);
  EXPECT_EQ(StatusOf("GET", ItemPath(handed), new_sup), 200);
  // Lists and exports follow too.
  EXPECT_EQ(total(by_unit, new_sup), items_of_team);
  EXPECT_EQ(total(by_responsible, new_sup), items_for_team);
  EXPECT_EQ(Call("GET", by_unit, nullptr, &old_sup).status, 404);
  // Audit visibility follows the unit (docs/decisions/0003): the trail of the team's item is
  // the new parent's to read now, not the old one's.
  EXPECT_EQ(AuditTotal("item", own, old_sup), 0);
  EXPECT_GT(AuditTotal("item", own, new_sup), 0);
  EXPECT_EQ(AuditTotal("campaign", campaign, old_sup), 0);
  EXPECT_GT(AuditTotal("campaign", campaign, new_sup), 0);

  // The squad's handler accepts and reports its work as before.
  ASSERT_EQ(StatusOf("POST", ItemPath(own, "accept"), handler, json::object()), 200);
  ASSERT_EQ(StatusOf("POST", ItemPath(own, "report"), handler,
                     {{"text", "已修补一半"}, {"progress", 50}}),
            200);
  EXPECT_EQ(ItemState(own)["progress"], 50);
  auto chain = AuditLog::Verify(*store_);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok) << "the audit chain is never rewritten";
}

// M1, the review's exploit: an item of 县交通运输局 is assigned to 安全监督股 (B) and gets a
// 督办 notice; B returns it as misrouted and it is reassigned to 公路养护股 (C). B's notice is
// withdrawn with the return (docs/decisions/0003): B neither sees nor answers it, and C, which
// was never asked, does not inherit it.
TEST_F(ScopeTimeTest, AReturnedItemTakesItsNoticesAwayFromTheUnitThatReturnedIt) {
  Session sup = SignIn("supervisor");
  Session b = SignIn("handler_jt");
  Session c = NewAccount("handler_gl", UnitId("QS-JT-GL"), {"handler"});
  const int64_t item = NewItem(UnitId("QS-JT"), "误派的路灯维修事项");
  Assign(item, UnitId("QS-JT-AQ"), sup);
  const int64_t notice =
      Ok("POST", "/api/v1/notices",
         {{"item_id", item}, {"level", "supervise"}, {"reason", "请说明进展"}}, sup)["id"];
  ASSERT_EQ(NoticesOf(item, b), 1);
  Ok("POST", ItemPath(item, "return"), {{"reason", "不属于本股职责"}}, b);
  Assign(item, UnitId("QS-JT-GL"), sup);

  EXPECT_EQ(StatusOf("GET", ItemPath(item), b), 404);
  EXPECT_EQ(NoticesOf(item, b), 0);
  Response listed = Call("GET", "/api/v1/notices?page_size=200", nullptr, &b);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("误派的路灯维修事项"), std::string::npos)
      << "the item's title must not come with any notice: " << listed.body;
  const json before = ItemState(item);
  const int64_t audit_before = AuditCount();
  const std::string respond = "/api/v1/notices/" + Id(notice) + "/respond";
  Response answered = Call("POST", respond, {{"text", "已安排整改"}}, &b);
  EXPECT_EQ(answered.status, 404) << answered.body;
  EXPECT_EQ(ItemState(item), before) << "the refused answer changed the item";
  EXPECT_EQ(AuditCount(), audit_before);

  // The supervising side keeps the record: the notice is withdrawn, and the return names it.
  json all = Ok("GET", "/api/v1/notices?item_id=" + Id(item), nullptr, sup);
  ASSERT_EQ(all["total"], 1);
  EXPECT_EQ(all["items"][0]["status"], "withdrawn");
  bool named = false;
  for (const json& e : before["events"]) {
    if (e["action"] == "return") named = e["data"]["withdrawn_notices"][0]["notice_id"] == notice;
  }
  EXPECT_TRUE(named) << before["events"].dump();
  EXPECT_EQ(
      Ok("GET", "/api/v1/notices?status=withdrawn&item_id=" + Id(item), nullptr, sup)["total"], 1);
  // C holds the item now, but B's notice was never C's.
  EXPECT_EQ(StatusOf("GET", ItemPath(item), c), 200);
  EXPECT_EQ(NoticesOf(item, c), 0);
  EXPECT_EQ(Call("POST", respond, {{"text", "x"}}, &c).status, 404);
  // Whoever still sees it cannot answer a withdrawn notice either.
  Session leader = SignIn("leader_jt");
  const int64_t audit_signed_in = AuditCount();
  Response late = Call("POST", respond, {{"text", "x"}}, &leader);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("撤回"), std::string::npos) << late.body;
  EXPECT_EQ(ItemState(item), before);
  EXPECT_EQ(AuditCount(), audit_signed_in);
  // The next notice goes to C, and C answers it.
  clock_.Set(*ParseRfc3339("2026-09-30T02:05:00Z"));
  const int64_t next =
      Ok("POST", "/api/v1/notices",
         {{"item_id", item}, {"level", "reminder"}, {"reason", "请签收"}}, sup)["id"];
  EXPECT_EQ(NoticesOf(item, c), 1);
  EXPECT_EQ(StatusOf("POST", "/api/v1/notices/" + Id(next) + "/respond", c, {{"text", "已签收"}}),
            200);
}

// L7: a supervisor's sweep runs over the items its scope supervises and reports only those; the
// server's own schedule (the operator) still runs over everything.
TEST_F(ScopeTimeTest, ASupervisorsSweepStaysInItsScope) {
  const int64_t transport = NewItem(UnitId("QS-JT"), "交通局护栏事项");
  Assign(transport, UnitId("QS-JT-AQ"), admin());
  const int64_t market = NewItem(UnitId("QS-SJ"), "市场局电子秤事项");
  Assign(market, UnitId("QS-SJ-ZF"), admin());
  Ok("POST", "/api/v1/accounts",
     {{"username", "sup_sj"},
      {"password", kPassword},
      {"unit_id", UnitId("QS-SJ")},
      {"roles", {"supervisor"}}},
     admin());
  // 2026-10-09: both deadlines (2026-10-13) are near, a 提醒 is due for each.
  clock_.Set(*ParseRfc3339("2026-10-09T01:00:00Z"));
  Session sup_sj = SignIn("sup_sj");
  // (Not signed for either: a second 提醒 each.)
  json swept = Ok("POST", "/api/v1/sweep", json::object(), sup_sj);
  EXPECT_EQ(swept["checked"], 1) << swept;
  Session root = SignIn("supervisor");
  EXPECT_GT(NoticesOf(market, root), 0);
  EXPECT_EQ(swept["issued"], NoticesOf(market, root)) << swept;
  EXPECT_EQ(NoticesOf(transport, root), 0) << "the sweep reached out of its scope";
  auto scheduled = items_.Sweep(Caller::Operator());
  ASSERT_TRUE(scheduled.ok()) << scheduled.status().ToString();
  EXPECT_EQ(scheduled->checked, 1) << "the market's item was swept already today";
  EXPECT_GT(scheduled->issued, 0);
  EXPECT_EQ(scheduled->issued, NoticesOf(transport, root));
}

// L8: an extension is decided by the assigning side, never by the responsible side, and never
// by whoever asked for it, even an account that holds both the handler and the leader role.
TEST_F(ScopeTimeTest, AnExtensionIsDecidedByTheAssigningSideAndNeverByWhoAskedForIt) {
  Session sup = SignIn("supervisor");
  Session handler = SignIn("handler_jt");
  Session b_leader = NewAccount("leader_aq", UnitId("QS-JT-AQ"), {"leader"});
  Session both = NewAccount("both_jt", UnitId("QS-JT"), {"handler", "leader"});
  const int64_t item = NewItem(UnitId("QS-JT"), "护栏材料未到的事项");
  Assign(item, UnitId("QS-JT-AQ"), sup);
  Ok("POST", ItemPath(item, "accept"), json::object(), handler);
  const json extend = {{"new_deadline", "2026-10-20"}, {"reason", "材料未到"}};
  Ok("POST", ItemPath(item, "extend"), extend, handler);

  auto refused = [&](Session& who, const char* why) {
    const json before = ItemState(item);
    const int64_t audit_before = AuditCount();
    json mine = Ok("GET", ItemPath(item), nullptr, who);
    EXPECT_EQ(std::count(mine["allowed_actions"].begin(), mine["allowed_actions"].end(),
                         "decide_extension"),
              0)
        << why;
    Response r = Call("POST", ItemPath(item, "decide_extension"), {{"approve", true}}, &who);
    EXPECT_EQ(r.status, 403) << why << ": " << r.body;
    EXPECT_EQ(ItemState(item), before) << why;
    EXPECT_EQ(AuditCount(), audit_before) << why;
  };
  refused(b_leader, "the responsible unit's own leader");
  Ok("POST", ItemPath(item, "decide_extension"), {{"approve", false}, {"opinion", "理由不充分"}},
     sup);
  Ok("POST", ItemPath(item, "extend"), extend, both);
  refused(both, "an account that asked for it itself");
  Session leader = SignIn("leader_jt");
  Ok("POST", ItemPath(item, "decide_extension"), {{"approve", true}}, leader);
  EXPECT_EQ(ItemState(item)["deadline"], "2026-10-20");
}

// L10: a unit is disabled only once nothing of it is in use (409, naming what is left), and a
// disabled unit is never given work, accounts or sub-units.
TEST_F(ScopeTimeTest, ADisabledUnitHasNoAccountsOrWorkAndIsNeverATarget) {
  const int64_t team = NewUnit(UnitId("QS-JT"), "临时专班");
  const int64_t member = Ok("POST", "/api/v1/accounts",
                            {{"username", "member_team"},
                             {"password", kPassword},
                             {"unit_id", team},
                             {"roles", {"handler"}}},
                            admin())["id"];
  const int64_t item = NewItem(UnitId("QS-JT"), "专班事项");
  Assign(item, team, admin());
  const std::string unit = "/api/v1/units/" + Id(team);
  int64_t audit_before = AuditCount();
  Response refused = Call("PATCH", unit, {{"disabled", true}}, &admin());
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("1 个启用的账号"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("1 个未办结的事项"), std::string::npos) << refused.body;
  EXPECT_EQ(Ok("GET", unit, nullptr, admin())["disabled"], false);
  EXPECT_EQ(AuditCount(), audit_before);

  Ok("PATCH", "/api/v1/accounts/" + Id(member), {{"disabled", true}}, admin());
  Ok("POST", ItemPath(item, "return"), {{"reason", "专班撤销"}}, admin());
  Ok("PATCH", unit, {{"disabled", true}}, admin());

  const json before = ItemState(item);
  audit_before = AuditCount();
  struct Case {
    const char* name;
    std::string method, target;
    json body;
  };
  const Case cases[] = {
      {"assign to it",
       "POST",
       ItemPath(item, "assign"),
       {{"responsible_unit_id", team}, {"deadline_working_days", 5}}},
      {"assist",
       "POST",
       ItemPath(item, "assign"),
       {{"responsible_unit_id", UnitId("QS-JT-AQ")},
        {"assisting_unit_ids", {team}},
        {"deadline_working_days", 5}}},
      {"an item of it", "POST", "/api/v1/items", {{"title", "新事项"}, {"unit_id", team}}},
      {"an account in it",
       "POST",
       "/api/v1/accounts",
       {{"username", "member_two"},
        {"password", kPassword},
        {"unit_id", team},
        {"roles", {"handler"}}}},
      {"an account enabled again",
       "PATCH",
       "/api/v1/accounts/" + Id(member),
       {{"disabled", false}}},
      {"a sub-unit", "POST", "/api/v1/units", {{"parent_id", team}, {"name", "专班一组"}}},
  };
  for (const Case& c : cases) {
    Response r = Call(c.method, c.target, c.body, &admin());
    EXPECT_EQ(r.status, 409) << c.name << ": " << r.body;
    EXPECT_NE(r.body.find("已停用"), std::string::npos) << c.name << ": " << r.body;
  }
  EXPECT_EQ(ItemState(item), before);
  EXPECT_EQ(AuditCount(), audit_before) << "a refusal changed something";
}

}  // namespace
}  // namespace duban::http
