// The closed loop through the API (SPEC §3–§5): a problem from registration to close-out on the
// work calendar, refusals that change nothing, the sweep's notices and their escalation.
#include "http/api_fixture.h"

namespace duban::http {
namespace {

class LoopApiTest : public ApiTest {
 protected:
  LoopApiTest() {
    // Wednesday 2026-09-30, 10:00 in Shanghai: the day of SPEC §4's example.
    clock_.Set(*ParseRfc3339("2026-09-30T02:00:00Z"));
  }

  int64_t Unit(const std::string& code) { return UnitId(code); }
  int64_t Person(const std::string& name) {
    Session& s = admin();
    json page = Body(Call("GET", "/api/v1/people?page_size=200&q=" + name, nullptr, &s));
    return page["items"][0]["id"];
  }

  // Registers a problem in 县交通运输局 and assigns it to 安全监督股 with 5 working days.
  int64_t RegisterAndAssign(Session& sup) {
    Response created = Call("POST", "/api/v1/items",
                            {{"kind", "problem"},
                             {"title", "国道 G214 K35 处护栏缺失"},
                             {"description", "明察暗访发现护栏缺失约 40 米，存在安全隐患"},
                             {"source", "明察暗访"},
                             {"severity", "较重"},
                             {"unit_id", Unit("QS-JT")}},
                            &sup);
    EXPECT_EQ(created.status, 201) << created.body;
    int64_t id = Body(created)["id"];
    Response assigned = Call("POST", "/api/v1/items/" + std::to_string(id) + "/assign",
                             {{"responsible_unit_id", Unit("QS-JT-AQ")},
                              {"responsible_person_id", Person("王磊")},
                              {"lead_leader_id", Person("郑国强")},
                              {"deadline_working_days", 5},
                              {"measures", {"补设护栏", "设置警示标志"}}},
                             &sup);
    EXPECT_EQ(assigned.status, 200) << assigned.body;
    return id;
  }

  std::string ItemPath(int64_t id, const std::string& action = "") {
    return "/api/v1/items/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }
};

TEST_F(LoopApiTest, AProblemFromRegistrationToCloseOutOnTheWorkCalendar) {
  Session sup = SignIn("supervisor");
  Session handler = SignIn("handler_jt");
  int64_t id = RegisterAndAssign(sup);
  json item = Body(Call("GET", ItemPath(id), nullptr, &sup));
  // SPEC §4: assigned on 2026-09-30 with 5 working days -> 2026-10-13 (1-7 October off,
  // 10 October a working Saturday).
  EXPECT_EQ(item["deadline"], "2026-10-13");
  EXPECT_EQ(item["status"], "assigned");
  EXPECT_EQ(item["responsible_person_name"], "王磊");
  EXPECT_EQ(item["lead_leader_name"], "郑国强");
  EXPECT_TRUE(std::regex_match(item["code"].get<std::string>(), std::regex("DB-2026-\\d{6}")));

  json mine = Body(Call("GET", ItemPath(id), nullptr, &handler));
  EXPECT_EQ(mine["allowed_actions"], json({"accept", "return", "extend"}));
  ASSERT_EQ(Call("POST", ItemPath(id, "accept"), json::object(), &handler).status, 200);
  ASSERT_EQ(
      Call("POST", ItemPath(id, "report"), {{"text", "已采购护栏材料"}, {"progress", 50}}, &handler)
          .status,
      200);
  json checks = {{"cause_found", true},
                 {"measures_done", true},
                 {"rectified", true},
                 {"accountability", true},
                 {"public_satisfied", true}};
  ASSERT_EQ(
      Call("POST", ItemPath(id, "submit"), {{"text", "护栏已补设"}, {"checks", checks}}, &handler)
          .status,
      200);
  ASSERT_EQ(
      Call("POST", ItemPath(id, "reject"), {{"opinion", "警示标志未设置，退回重改"}}, &sup).status,
      200);
  ASSERT_EQ(Call("POST", ItemPath(id, "submit"), {{"text", "警示标志已设置"}, {"checks", checks}},
                 &handler)
                .status,
            200);
  Response approved =
      Call("POST", ItemPath(id, "approve"), {{"opinion", "经复查整改到位，同意销号"}}, &sup);
  ASSERT_EQ(approved.status, 200) << approved.body;
  json done = Body(approved);
  EXPECT_EQ(done["status"], "closed");
  EXPECT_EQ(done["closed_on"], "2026-09-30");
  EXPECT_EQ(done["warning"], nullptr);
  std::vector<std::string> actions;
  for (const auto& e : done["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "assign", "accept", "report", "submit",
                                               "reject", "submit", "approve"}));
  EXPECT_EQ(done["events"][5]["text"], "警示标志未设置，退回重改");
  EXPECT_EQ(done["events"][5]["from_status"], "pending_review");
  EXPECT_EQ(done["events"][5]["to_status"], "in_progress");
  auto report = AuditLog::Verify(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok);
}

TEST_F(LoopApiTest, RefusedActionsAnswerClearlyAndChangeNothing) {
  Session sup = SignIn("supervisor");
  Session handler = SignIn("handler_jt");
  Session other_handler = SignIn("handler_sj");  // 市场监管局: not the responsible unit
  Session viewer = SignIn("viewer");
  int64_t id = RegisterAndAssign(sup);
  std::string before = Body(Call("GET", ItemPath(id), nullptr, &sup)).dump();
  int64_t audit_before = AuditCount();
  json checks = {{"cause_found", true},
                 {"measures_done", true},
                 {"rectified", false},
                 {"accountability", true},
                 {"public_satisfied", false}};
  struct Case {
    const char* name;
    Session* who;
    std::string action;
    json body;
    int status;
    const char* message_part;
  };
  const Case cases[] = {
      {"approve in assigned", &sup, "approve", {{"opinion", "ok"}}, 409, "已交办"},
      {"submit before accept", &handler, "submit", {{"text", "x"}}, 409, "已交办"},
      {"handler cannot approve", &handler, "approve", {{"opinion", "ok"}}, 403, "角色"},
      {"supervisor cannot accept", &sup, "accept", json::object(), 403, "角色"},
      {"viewer cannot report", &viewer, "report", {{"text", "x"}, {"progress", 1}}, 403, "角色"},
      {"other unit cannot accept", &other_handler, "accept", json::object(), 404, "不存在"},
      {"return without reason", &handler, "return", json::object(), 400, "reason"},
      {"unknown action", &sup, "teleport", json::object(), 404, "teleport"},
      {"unknown field", &handler, "accept", {{"foo", 1}}, 400, "foo"},
  };
  for (const Case& c : cases) {
    Response r = Call("POST", ItemPath(id, c.action), c.body, c.who);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_NE(r.body.find(c.message_part), std::string::npos) << c.name << ": " << r.body;
  }
  ASSERT_EQ(Call("POST", ItemPath(id, "accept"), json::object(), &handler).status, 200);
  Response missing =
      Call("POST", ItemPath(id, "submit"), {{"text", "x"}, {"checks", checks}}, &handler);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("整改到位"), std::string::npos) << missing.body;
  EXPECT_NE(missing.body.find("群众满意"), std::string::npos) << missing.body;
  json after = Body(Call("GET", ItemPath(id), nullptr, &sup));
  EXPECT_EQ(after["status"], "in_progress");
  EXPECT_EQ(after["events"].size(), 3u) << "only create, assign and accept happened";
  EXPECT_EQ(AuditCount(), audit_before + 1) << "only the accept was recorded";
  (void)before;
}

TEST_F(LoopApiTest, ExtensionChangesTheDeadlineOnlyWhenApproved) {
  Session sup = SignIn("supervisor");
  Session handler = SignIn("handler_jt");
  int64_t id = RegisterAndAssign(sup);
  ASSERT_EQ(Call("POST", ItemPath(id, "extend"),
                 {{"new_deadline", "2026-10-20"}, {"reason", "材料未到"}}, &handler)
                .status,
            200);
  json pending = Body(Call("GET", ItemPath(id), nullptr, &sup));
  EXPECT_EQ(pending["deadline"], "2026-10-13");
  EXPECT_EQ(pending["pending_extension"]["new_deadline"], "2026-10-20");
  EXPECT_EQ(Call("POST", ItemPath(id, "extend"), {{"new_deadline", "2026-10-21"}, {"reason", "x"}},
                 &handler)
                .status,
            409);
  ASSERT_EQ(Call("POST", ItemPath(id, "decide_extension"),
                 {{"approve", false}, {"opinion", "理由不充分"}}, &sup)
                .status,
            200);
  EXPECT_EQ(Body(Call("GET", ItemPath(id), nullptr, &sup))["deadline"], "2026-10-13");
  ASSERT_EQ(Call("POST", ItemPath(id, "extend"),
                 {{"new_deadline", "2026-10-20"}, {"reason", "材料未到"}}, &handler)
                .status,
            200);
  Session leader = SignIn("leader_jt");
  ASSERT_EQ(Call("POST", ItemPath(id, "decide_extension"), {{"approve", true}, {"opinion", "同意"}},
                 &leader)
                .status,
            200);
  json extended = Body(Call("GET", ItemPath(id), nullptr, &sup));
  EXPECT_EQ(extended["deadline"], "2026-10-20");
  EXPECT_EQ(extended["pending_extension"], nullptr);
}

TEST_F(LoopApiTest, SweepIssuesEachNoticeOnceAndEscalatesWhenUnanswered) {
  Session sup = SignIn("supervisor");
  Session handler = SignIn("handler_jt");
  int64_t id = RegisterAndAssign(sup);  // deadline 2026-10-13
  ASSERT_EQ(Call("POST", ItemPath(id, "accept"), json::object(), &handler).status, 200);
  auto notices = [&] {
    return Body(Call("GET", "/api/v1/notices?item_id=" + std::to_string(id), nullptr, &sup));
  };
  // 2026-10-09 (Fri): 3 working days remain (10th Sat working, 12th, 13th) -> due soon.
  clock_.Set(*ParseRfc3339("2026-10-09T01:00:00Z"));
  sup = SignIn("supervisor");  // sessions expire over days of fake time
  json first = Body(Call("POST", "/api/v1/sweep", json::object(), &sup));
  EXPECT_EQ(first["issued"], 1) << first;
  json second = Body(Call("POST", "/api/v1/sweep", json::object(), &sup));
  EXPECT_EQ(second["issued"], 0) << "the same condition never gives two notices";
  EXPECT_EQ(second["checked"], 0) << "nothing is due for a check until the next condition";
  json n1 = notices();
  ASSERT_EQ(n1["total"], 1);
  EXPECT_EQ(n1["items"][0]["level"], "reminder");
  EXPECT_EQ(n1["items"][0]["condition"], "due_soon");
  EXPECT_TRUE(std::regex_match(n1["items"][0]["number"].get<std::string>(),
                               std::regex("督〔2026〕\\d+号")));
  // 2026-10-14: overdue -> 督办, to be answered within 2 working days (by 10-16).
  clock_.Set(*ParseRfc3339("2026-10-14T01:00:00Z"));
  sup = SignIn("supervisor");
  EXPECT_EQ(Body(Call("POST", "/api/v1/sweep", json::object(), &sup))["issued"], 1);
  EXPECT_EQ(Body(Call("POST", "/api/v1/sweep", json::object(), &sup))["issued"], 0);
  json overdue = Body(Call("GET", ItemPath(id), nullptr, &sup));
  EXPECT_EQ(overdue["warning"], "red");
  // Not answered: on 2026-10-17 the next level, 挂牌督办, follows.
  clock_.Set(*ParseRfc3339("2026-10-17T01:00:00Z"));
  sup = SignIn("supervisor");
  handler = SignIn("handler_jt");
  json escalated = Body(Call("POST", "/api/v1/sweep", json::object(), &sup));
  EXPECT_EQ(escalated["escalated"], 1) << escalated;
  EXPECT_EQ(Body(Call("POST", "/api/v1/sweep", json::object(), &sup))["escalated"], 0);
  json all = notices();
  ASSERT_EQ(all["total"], 3);
  EXPECT_EQ(all["items"][0]["level"], "listed");
  // The unit answers the listed notice; it is an event on the item's timeline.
  int64_t listed = all["items"][0]["id"];
  Response answered = Call("POST", "/api/v1/notices/" + std::to_string(listed) + "/respond",
                           {{"text", "已制定整改计划，10 月 20 日前完成"}}, &handler);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(Body(answered)["status"], "answered");
  json timeline = Body(Call("GET", ItemPath(id), nullptr, &sup))["events"];
  EXPECT_EQ(timeline.back()["action"], "notice.respond");
}

TEST_F(LoopApiTest, ListFiltersCountsAndChineseTextSearch) {
  Session sup = SignIn("supervisor");
  int64_t id = RegisterAndAssign(sup);
  Call("POST", "/api/v1/items",
       {{"title", "窗口服务态度生硬"}, {"unit_id", Unit("QS-ZW")}, {"source", "12345"}}, &sup);
  auto list = [&](const std::string& query) {
    Response r = Call("GET", "/api/v1/items?" + query, nullptr, &sup);
    EXPECT_EQ(r.status, 200) << query << r.body;
    return Body(r);
  };
  EXPECT_EQ(list("q=护栏")["total"], 1) << "two-character Chinese words are found";
  EXPECT_EQ(list("q=栏")["total"], 1) << "one character is found";
  EXPECT_EQ(list("q=态度生硬")["total"], 1);
  EXPECT_EQ(list("q=护栏生硬")["total"], 0);
  EXPECT_EQ(list("q=g214")["total"], 1) << "Latin letters match regardless of case";
  EXPECT_EQ(list("unit=" + std::to_string(Unit("QS-JT")))["total"], 1);
  EXPECT_EQ(list("source=12345")["total"], 1);
  json counts = list("status=draft")["counts"];
  EXPECT_EQ(counts["status"]["draft"], 1);
  EXPECT_EQ(counts["status"]["assigned"], 1) << "status counts ignore the status filter";
  EXPECT_EQ(list("due_before=2026-10-13")["items"][0]["id"], id);
  EXPECT_EQ(list("warning=red")["total"], 0);
  Response bad = Call("GET", "/api/v1/items?status=nonsense", nullptr, &sup);
  EXPECT_EQ(bad.status, 400);
}

// Review M6: `details` goes out with every listed item and `phases` with every campaign, so
// both are bounded (about 16 KiB) and shaped per kind; a refusal names the field and changes
// nothing.
TEST_F(LoopApiTest, OversizedOrMisshapenDetailsAndPhasesAreRefusedAndChangeNothing) {
  Session sup = SignIn("supervisor");
  auto item = [&](const std::string& kind, const json& details) {
    return json{{"kind", kind},
                {"title", "详情测试"},
                {"unit_id", Unit("QS-JT")},
                {"source", "自查"},
                {"details", details}};
  };
  auto refused = [&](const std::string& method, const std::string& path, const json& body,
                     const std::string& field) {
    SCOPED_TRACE(method + " " + path + " " + body.dump().substr(0, 120));
    int64_t audit = AuditCount();
    Response r = Call(method, path, body, &sup);
    EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
    if (r.status == 400) {
      EXPECT_EQ(Body(r)["error"]["details"]["field"], field) << r.body;
    }
    EXPECT_EQ(AuditCount(), audit) << "a refused request changed something";
  };
  const std::string kib17(17 * 1024, 'x');
  refused("POST", "/api/v1/items", item("problem", {{"note", kib17}}), "details");
  refused("POST", "/api/v1/items", item("hazard", {{"location", "K12"}, {"remark", "x"}}),
          "details");
  refused("POST", "/api/v1/items", item("hazard", {{"level", "特大"}}), "details");
  refused("POST", "/api/v1/items", item("hazard", {{"location", std::string(201, 'x')}}),
          "details");
  refused("POST", "/api/v1/items", item("task", {{"target_value", "很多"}}), "details");
  refused("POST", "/api/v1/items", item("complaint", {{"citizen_phone", {{"a", 1}}}}), "details");
  refused("POST", "/api/v1/items", item("problem", {{"a", {{"b", {{"c", {{"d", 1}}}}}}}}),
          "details");
  EXPECT_EQ(Body(Call("GET", "/api/v1/items", nullptr, &sup))["total"], 0);

  Response ok =
      Call("POST", "/api/v1/items",
           item("hazard", {{"location", "青石镇"}, {"road", "G320"}, {"level", "重大"}}), &sup);
  ASSERT_EQ(ok.status, 201) << ok.body;
  int64_t id = Body(ok)["id"];
  json before = Body(Call("GET", ItemPath(id), nullptr, &sup));
  refused("PATCH", ItemPath(id), {{"details", {{"location", kib17}}}}, "details");
  refused("PATCH", ItemPath(id), {{"kind", "task"}}, "details");  // hazard fields on a task
  EXPECT_EQ(Body(Call("GET", ItemPath(id), nullptr, &sup)), before) << "the item is unchanged";
  ASSERT_EQ(Call("POST", "/api/v1/items", item("problem", {{"note", std::string(1000, 'x')}}), &sup)
                .status,
            201)
      << "a kind without known fields takes any small object";

  json phases = json::array();
  for (int i = 0; i < 21; ++i) phases.push_back({{"name", "阶段" + std::to_string(i)}});
  json campaign = {{"name", "专项整治"}, {"unit_id", Unit("QS-JT")}};
  refused("POST", "/api/v1/campaigns", {{"name", "专项整治"}, {"phases", phases}}, "phases");
  refused("POST", "/api/v1/campaigns",
          {{"name", "专项整治"}, {"phases", {{{"name", "学"}, {"note", kib17}}}}}, "phases");
  refused("POST", "/api/v1/campaigns",
          {{"name", "专项整治"}, {"phases", {{{"name", std::string(51, 'x')}}}}}, "phases");
  refused("POST", "/api/v1/campaigns",
          {{"name", "专项整治"}, {"description", std::string(5001, 'x')}}, "description");
  EXPECT_EQ(Body(Call("GET", "/api/v1/campaigns", nullptr, &sup))["total"], 0);
}

// Review M6: a search is at most 64 characters and looks up at most 8 grams, read only for the
// items in the caller's scope; what it finds is what the whole text matches, in scope.
TEST_F(LoopApiTest, SearchTextIsCappedAndItsGramsAreReadInScope) {
  Session sup = SignIn("supervisor");
  auto create = [&](const std::string& title, const std::string& unit) {
    Response r = Call("POST", "/api/v1/items",
                      {{"title", title}, {"unit_id", Unit(unit)}, {"source", "自查"}}, &sup);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"].get<int64_t>();
  };
  const std::string long_title =
      "县道X105线青石镇至白沙村段K12加300处波形护栏缺失约四十米存在坠车隐患须限期补设";
  int64_t in_transport = create(long_title, "QS-JT");
  int64_t in_market = create("农贸市场护栏缺失", "QS-SJ-ZF");
  int64_t named_on = create("政务大厅护栏缺失", "QS-ZW");
  ASSERT_EQ(Call("POST", ItemPath(named_on, "assign"),
                 {{"responsible_unit_id", Unit("QS-JT-AQ")}, {"deadline_working_days", 5}}, &sup)
                .status,
            200);
  auto ids = [&](Session& who, const std::string& q) {
    Response r = Call("GET", "/api/v1/items?sort=code&q=" + q, nullptr, &who);
    EXPECT_EQ(r.status, 200) << q << r.body;
    json body = Body(r);
    std::vector<int64_t> out;
    for (const auto& i : body["items"]) out.push_back(i["id"]);
    return out;
  };
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(ids(sup, "护栏缺失"), (Ids{in_transport, in_market, named_on}));
  Session leader = SignIn("leader_jt"), handler = SignIn("handler_jt"),
          market = SignIn("handler_sj");
  EXPECT_EQ(ids(leader, "护栏缺失"), (Ids{in_transport, named_on})) << "own unit and named on";
  EXPECT_EQ(ids(handler, "护栏缺失"), (Ids{named_on})) << "only as the responsible unit";
  EXPECT_EQ(ids(market, "护栏"), (Ids{in_market}));
  EXPECT_EQ(ids(market, "栏"), (Ids{in_market})) << "one character";
  // More than 8 bigrams: only 8 are looked up, the whole text still decides.
  EXPECT_EQ(ids(sup, long_title), (Ids{in_transport}));
  EXPECT_EQ(ids(leader, long_title), (Ids{in_transport}));
  EXPECT_EQ(ids(handler, long_title), Ids{});
  EXPECT_EQ(ids(sup, long_title.substr(0, long_title.size() - 3) + "补"), Ids{})
      << "a text that differs only beyond the looked-up grams is not found";

  std::string at_limit;
  for (size_t i = 0; i < kMaxSearchChars; ++i) at_limit += "栏";
  EXPECT_EQ(Call("GET", "/api/v1/items?q=" + at_limit, nullptr, &sup).status, 200);
  Response too_long = Call("GET", "/api/v1/items?q=" + at_limit + "x", nullptr, &sup);
  EXPECT_EQ(too_long.status, 400) << too_long.body;
  EXPECT_EQ(Body(too_long)["error"]["details"]["field"], "q");
  EXPECT_NE(Body(too_long)["error"]["message"].get<std::string>().find("64"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/items/export.xlsx?q=" + at_limit + "x", nullptr, &sup).status,
            400);
}

TEST_F(LoopApiTest, DeadlinesInAYearWithoutCalendarAreRefused) {
  clock_.Set(*ParseRfc3339("2026-12-28T02:00:00Z"));
  Session sup = SignIn("supervisor");
  Response created =
      Call("POST", "/api/v1/items",
           {{"title", "年底事项"}, {"unit_id", Unit("QS-JT")}, {"source", "自查"}}, &sup);
  int64_t id = Body(created)["id"];
  Response r =
      Call("POST", ItemPath(id, "assign"),
           {{"responsible_unit_id", Unit("QS-JT-AQ")}, {"deadline_working_days", 10}}, &sup);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("2027"), std::string::npos) << r.body;
  EXPECT_EQ(Body(Call("GET", ItemPath(id), nullptr, &sup))["status"], "draft");
  Response calc =
      Call("GET", "/api/v1/calendar/deadline?from=2026-09-30&working_days=5", nullptr, &sup);
  EXPECT_EQ(Body(calc)["deadline"], "2026-10-13");
}

TEST_F(LoopApiTest, EvidenceIsSniffedStoredAndServedInScopeOnly) {
  Session sup = SignIn("supervisor");
  int64_t id = RegisterAndAssign(sup);
  auto upload = [&](const std::string& name, const std::string& bytes, Session& who) {
    return Upload(ItemPath(id, "files") + "?name=" + name, bytes, who);
  };
  Response pdf = upload("report.pdf", "%PDF-1.4 test", sup);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(Body(pdf)["content_type"], "application/pdf");
  Response fake = upload("photo.png", "MZ\x90 not an image", sup);
  EXPECT_EQ(fake.status, 400) << "the name says png, the content says otherwise";
  Response got =
      Call("GET", "/api/v1/files/" + std::to_string(Body(pdf)["id"].get<int64_t>()), nullptr, &sup);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "%PDF-1.4 test");
  Session outsider = SignIn("handler_sj");
  EXPECT_EQ(Call("GET", "/api/v1/files/" + std::to_string(Body(pdf)["id"].get<int64_t>()), nullptr,
                 &outsider)
                .status,
            404);
}

}  // namespace
}  // namespace duban::http
