// Assessment 考核评比 through the API: versioned schemes, hard bars that cap a good score,
// follow-up items created once, evaluators who score only what they are given, and the
// 党员积分 ledger with self-reports the branch approves.
#include "http/api_fixture.h"

namespace duban::http {
namespace {

class AssessmentApiTest : public ApiTest {
 protected:
  AssessmentApiTest() { clock_.Set(*ParseRfc3339("2026-11-02T02:00:00Z")); }

  // A scheme scoring the closure rate (0% → 0, 100% → 100 points) with the 重大 hazard bar.
  static json ClosureScheme() {
    return {{"name", "整改落实考核"},
            {"indicators",
             {{{"key", "closure"},
               {"name", "销号率"},
               {"formula", "linear"},
               {"metric", "closure_rate"},
               {"max_points", 100},
               {"zero_at", 0},
               {"full_at", 100}}}},
            {"tier_bounds", {60, 80, 90}},
            {"bars",
             {{{"key", "major"},
               {"name", "重大隐患逾期"},
               {"metric", "major_hazard_overdue_count"},
               {"threshold", 0},
               {"cap", "poor"}}}}};
  }

  Response Put(const std::string& key, const json& scheme, Session& who) {
    return Call("PUT", "/api/v1/assessment/schemes/" + key, scheme, &who);
  }

  // Imports `n` hazards of `unit` found in October, assigned with a deadline of 2026-10-30.
  void ImportHazards(int n, const std::string& unit) {
    io::Table t;
    t.header = LedgerImportColumns();
    for (int i = 0; i < n; ++i) {
      t.rows.push_back({"隐患" + unit + std::to_string(i), "", "安全隐患", "明察暗访", "一般", unit,
                        "2026-10-0" + std::to_string(1 + i % 9), "", "2026-12-31", unit, "", ""});
    }
    Request r;
    r.method = "POST";
    r.target = r.path = "/api/v1/items/import";
    r.body = io::WriteCsv(t);
    r.headers["Cookie"] = "duban_session=" + admin().cookie;
    r.headers["X-CSRF-Token"] = admin().csrf;
    Response out = api_.Handle(r);
    ASSERT_EQ(out.status, 200) << out.body.substr(0, 300);
    MoveDeadlines("2026-12-31", "2026-10-30");  // overdue already; no import assigns so
  }

  // Closes `n` assigned items of `unit_code` on 2026-10-20, straight in the store.
  void CloseSome(int n, const std::string& unit_code) {
    int64_t unit = UnitId(unit_code);
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) -> Status {
                      DUBAN_ASSIGN_OR_RETURN(Unit u, tx.units().Get(Scope::Everything(), unit));
                      ItemQuery q;
                      q.unit_path = u.path;
                      q.statuses = {ItemStatus::kAssigned};
                      q.sort = "code";
                      q.page = {1, kMaxPageSize};
                      DUBAN_ASSIGN_OR_RETURN(auto page,
                                             tx.items().List(Scope::Everything(), q, {}));
                      if (page.items.size() < size_t(n)) return Internal("too few items");
                      for (int i = 0; i < n; ++i) {
                        Item item = page.items[i];
                        item.status = ItemStatus::kClosed;
                        item.closed_on = *ParseDate("2026-10-20");
                        DUBAN_RETURN_IF_ERROR(tx.items().Update(page.items[i], item));
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  // A 重大 hazard of `unit_code`, assigned with a deadline of 2026-10-30: overdue on 2026-11-02.
  void OverdueMajorHazard(const std::string& unit_code) {
    int64_t unit = UnitId(unit_code);
    Instant now = clock_.Now();
    clock_.Set(*ParseRfc3339("2026-10-08T02:00:00Z"));  // registered and assigned in October
    Response created = Call("POST", "/api/v1/items",
                            {{"kind", "hazard"},
                             {"title", "国道桥梁护栏缺失"},
                             {"unit_id", unit},
                             {"source", "明察暗访"},
                             {"found_on", "2026-10-08"},
                             {"details", {{"location", "G320 K12"}, {"level", "重大"}}}},
                            &admin());
    ASSERT_EQ(created.status, 201) << created.body;
    Response assigned = Call(
        "POST", "/api/v1/items/" + std::to_string(Body(created)["id"].get<int64_t>()) + "/assign",
        {{"responsible_unit_id", unit}, {"deadline", "2026-10-30"}}, &admin());
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    clock_.Set(now);
  }

  // 党员积分: a person's point events in the five categories, each capped at 20.
  static json PointsScheme() {
    json categories = json::array();
    for (const char* c : {"理想信念", "学习态度", "参与热情", "业务能力", "担当履责"}) {
      categories.push_back(
          {{"key", c}, {"name", c}, {"formula", "event_sum"}, {"max_points", 0}, {"cap", 20}});
    }
    return {{"name", "党员积分"},
            {"subject_type", "person"},
            {"indicators", categories},
            {"tier_bounds", {5, 10, 15}}};
  }

  // `who` self-reports (or files) 2 points of 学习态度 for `person` on 2026-10-15.
  Response ReportPoints(Session& who, int64_t person, double points = 2) {
    return Call("POST", "/api/v1/assessment/events",
                {{"scheme", "points"},
                 {"kind", "points"},
                 {"subject_type", "person"},
                 {"subject_id", person},
                 {"indicator", "学习态度"},
                 {"points", points},
                 {"occurred_on", "2026-10-15"},
                 {"reason", "完成党课学习"},
                 {"evidence", "学习记录截图"}},
                &who);
  }

  json Compute(const std::string& scheme, const std::string& period, Session& who) {
    Response r = Call("POST", "/api/v1/assessment/results/compute",
                      {{"scheme", scheme}, {"period", period}, {"unit", UnitId("QS")}}, &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Body(r) : json::object();
  }

  static json Of(const json& results, const std::string& name) {
    for (const auto& r : results["items"]) {
      if (r["subject_name"] == name) return r;
    }
    ADD_FAILURE() << "no result for " << name;
    return json::object();
  }
};

TEST_F(AssessmentApiTest, AHardBarCapsAGoodScoreAndNamesTheBarAndFollowUpIsCreatedOnce) {
  ASSERT_EQ(Put("closure", ClosureScheme(), admin()).status, 200);
  ImportHazards(20, "县交通运输局");
  CloseSome(19, "QS-JT");
  OverdueMajorHazard("QS-JT");  // 19 of 21 closed: 90.48% → 90.48 points, 好 by score

  Session supervisor = SignIn("supervisor");
  json first = Compute("closure", "2026-10", supervisor);
  json jt = Of(first, "县交通运输局");
  EXPECT_DOUBLE_EQ(jt["score"].get<double>(), 90.48);
  EXPECT_EQ(jt["tier_by_score"], "good");
  EXPECT_EQ(jt["tier"], "poor");
  EXPECT_EQ(jt["tier_label"], "差");
  EXPECT_EQ(jt["capped_by"], json({"重大隐患逾期"}));
  EXPECT_EQ(jt["scheme_version"], 1);
  // Units without items are not marked down (无应办事项不扣分) and share rank 1.
  json office = Of(first, "县委办公室");
  EXPECT_DOUBLE_EQ(office["score"].get<double>(), 100);
  EXPECT_EQ(office["rank"], 1);
  EXPECT_EQ(jt["rank"], first["items"].size());
  EXPECT_EQ(first["follow_ups_created"], 1);
  ASSERT_TRUE(jt["follow_up_item_id"].is_number());

  // The breakdown explains the rate the same way everywhere: 19/21.
  json detail =
      Body(Call("GET", "/api/v1/assessment/results/" + std::to_string(jt["id"].get<int64_t>()),
                nullptr, &supervisor));
  ASSERT_EQ(detail["indicators"].size(), 1u);
  EXPECT_NE(detail["indicators"][0]["explanation"].get<std::string>().find("90.48%（19/21）"),
            std::string::npos)
      << detail["indicators"][0]["explanation"];

  // The follow-up is a real item in the loop, assigned to the bureau.
  json follow =
      Body(Call("GET", "/api/v1/items/" + std::to_string(jt["follow_up_item_id"].get<int64_t>()),
                nullptr, &supervisor));
  EXPECT_EQ(follow["source"], "考核评比");
  EXPECT_EQ(follow["status"], "assigned");
  EXPECT_EQ(follow["responsible_unit_id"], UnitId("QS-JT"));
  EXPECT_NE(follow["description"].get<std::string>().find("重大隐患逾期"), std::string::npos);

  // Computing again replaces the results but never creates a second follow-up.
  json second = Compute("closure", "2026-10", supervisor);
  EXPECT_EQ(second["follow_ups_created"], 0);
  EXPECT_EQ(Of(second, "县交通运输局")["follow_up_item_id"], jt["follow_up_item_id"]);
  json listed = Body(Call("GET", "/api/v1/items?source=考核评比", nullptr, &supervisor));
  EXPECT_EQ(listed["total"], 1);
  // A bulletin scored under the scheme shows the same score, tier and bar for the bureau.
  json bulletin = Body(Call(
      "GET", "/api/v1/bulletins?period=2026-10&scheme=closure&unit=" + std::to_string(UnitId("QS")),
      nullptr, &supervisor));
  ASSERT_EQ(bulletin["scheme_name"], "整改落实考核");
  bool found = false;
  for (const auto& row : bulletin["units"]) {
    if (row["unit_name"] != "县交通运输局") continue;
    found = true;
    EXPECT_DOUBLE_EQ(row["score"].get<double>(), 90.48);
    EXPECT_EQ(row["tier_label"], "差");
    EXPECT_EQ(row["capped_by"], json({"重大隐患逾期"}));
    EXPECT_EQ(row["rank"], jt["rank"]);
    EXPECT_EQ(row["closure_rate"], "90.48%");
  }
  EXPECT_TRUE(found);
  // The stored results read back in rank order.
  json stored = Body(Call("GET",
                          "/api/v1/assessment/results?scheme=closure&period=2026-10&unit=" +
                              std::to_string(UnitId("QS")),
                          nullptr, &supervisor));
  ASSERT_EQ(stored["items"].size(), second["items"].size());
  for (size_t i = 1; i < stored["items"].size(); ++i) {
    EXPECT_LE(stored["items"][i - 1]["rank"].get<int>(), stored["items"][i]["rank"].get<int>());
  }
}

// A crash between making the follow-up and assigning it leaves a draft linked to the result:
// the next computation assigns that draft and makes no second item.
TEST_F(AssessmentApiTest, AnInterruptedFollowUpIsFinishedNotDuplicated) {
  ASSERT_EQ(Put("closure", ClosureScheme(), admin()).status, 200);
  ImportHazards(20, "县交通运输局");
  CloseSome(19, "QS-JT");
  OverdueMajorHazard("QS-JT");
  Session supervisor = SignIn("supervisor");
  json first = Compute("closure", "2026-10", supervisor);
  json jt = Of(first, "县交通运输局");
  ASSERT_EQ(first["follow_ups_created"], 1);
  // Put the result in the state a crash would leave: linked to an item still in draft.
  ItemInput in;
  in.title = "【考核跟进】县交通运输局（中断）";
  in.source = "考核评比";
  in.unit_id = UnitId("QS-JT");
  auto draft = items_.Create(Caller::Operator(), in, [&](Tx& tx, const Item& item) {
    return tx.assessment().SetFollowUp(jt["id"].get<int64_t>(), item.id);
  });
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  json listed = Body(Call("GET", "/api/v1/items?source=考核评比", nullptr, &supervisor));
  ASSERT_EQ(listed["total"], 2);

  json second = Compute("closure", "2026-10", supervisor);
  EXPECT_EQ(second["follow_ups_created"], 0);
  EXPECT_EQ(Of(second, "县交通运输局")["follow_up_item_id"], draft->item.id);
  json item =
      Body(Call("GET", "/api/v1/items/" + std::to_string(draft->item.id), nullptr, &supervisor));
  EXPECT_EQ(item["status"], "assigned") << "the draft left by the crash is assigned now";
  EXPECT_EQ(Body(Call("GET", "/api/v1/items?source=考核评比", nullptr, &supervisor))["total"], 2);

  // A link made meanwhile (another computation won the race) undoes the new item: the hook
  // refuses and nothing of the item is kept.
  int64_t audit_before = AuditCount();
  auto loser = items_.Create(Caller::Operator(), in, [&](Tx&, const Item&) -> Status {
    return AlreadyExists("考核结果已有跟进事项");
  });
  EXPECT_FALSE(loser.ok());
  EXPECT_EQ(AuditCount(), audit_before);
  EXPECT_EQ(Body(Call("GET", "/api/v1/items?source=考核评比", nullptr, &supervisor))["total"], 2);
}

// Late in December a follow-up's 10 or 20 working days reach into a year whose calendar is not
// loaded: the computation still stores every result and makes the follow-up, leaves it
// unassigned with a warning, and assigns it once the calendar is there.
TEST_F(AssessmentApiTest, AFollowUpWaitsForNextYearsCalendar) {
  clock_.Set(*ParseRfc3339("2026-12-22T02:00:00Z"));
  ASSERT_EQ(Put("closure", ClosureScheme(), admin()).status, 200);
  ImportHazards(20, "县交通运输局");
  CloseSome(19, "QS-JT");
  OverdueMajorHazard("QS-JT");
  Session supervisor = SignIn("supervisor");
  Response r =
      Call("POST", "/api/v1/assessment/results/compute",
           {{"scheme", "closure"}, {"period", "2026-10"}, {"unit", UnitId("QS")}}, &supervisor);
  ASSERT_EQ(r.status, 200) << r.body;
  json first = Body(r);
  EXPECT_EQ(first["follow_ups_created"], 1);
  ASSERT_EQ(first["warnings"].size(), 1u) << first["warnings"];
  EXPECT_NE(first["warnings"][0].get<std::string>().find("2027"), std::string::npos);
  json jt = Of(first, "县交通运输局");
  ASSERT_TRUE(jt["follow_up_item_id"].is_number());
  std::string item = "/api/v1/items/" + jt["follow_up_item_id"].dump();
  EXPECT_EQ(Body(Call("GET", item, nullptr, &supervisor))["status"], "draft");

  ASSERT_EQ(Call("PUT", "/api/v1/calendar/2027", {{"days", json::array()}}, &admin()).status, 200);
  json second = Compute("closure", "2026-10", supervisor);
  EXPECT_EQ(second["follow_ups_created"], 0);
  EXPECT_TRUE(second["warnings"].empty());
  json assigned = Body(Call("GET", item, nullptr, &supervisor));
  EXPECT_EQ(assigned["status"], "assigned");
  EXPECT_EQ(assigned["deadline"], "2027-01-05") << "10 working days from 2026-12-22";
}

// A hard bar without a metric (发生较大安全事故) is hit by a decision recorded as an event of
// kind veto, for one period: it caps that period's tier and names itself, and nothing else.
TEST_F(AssessmentApiTest, AVetoDecidedByHandCapsTheTierForItsPeriod) {
  json scheme = ClosureScheme();
  scheme["bars"].push_back({{"key", "accident"}, {"name", "发生较大安全事故"}, {"cap", "average"}});
  ASSERT_EQ(Put("closure", scheme, admin()).status, 200);
  ImportHazards(10, "城关镇");
  CloseSome(10, "QS-CG");
  Session supervisor = SignIn("supervisor");
  ASSERT_EQ(Of(Compute("closure", "2026-10", supervisor), "城关镇")["tier"], "good");

  json veto = {
      {"scheme", "closure"},           {"kind", "veto"},
      {"subject_id", UnitId("QS-CG")}, {"indicator", "accident"},
      {"period", "2026-10"},           {"reason", "10月12日发生较大道路交通事故（县安委办认定）"}};
  Session evaluator = SignIn("evaluator");
  int64_t audit_before = AuditCount();
  // Refused, changing nothing: a metric bar, no reason, no period, an evaluator or a handler.
  json metric_bar = veto;
  metric_bar["indicator"] = "major";
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events", metric_bar, &supervisor).status, 400);
  json no_reason = veto;
  no_reason["reason"] = " ";
  Response r = Call("POST", "/api/v1/assessment/events", no_reason, &supervisor);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["details"]["field"], "reason");
  json no_period = veto;
  no_period.erase("period");
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events", no_period, &supervisor).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events", veto, &evaluator).status, 403);
  EXPECT_EQ(AuditCount(), audit_before);

  Response filed = Call("POST", "/api/v1/assessment/events", veto, &supervisor);
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(Body(filed)["status"], "approved");
  json october = Of(Compute("closure", "2026-10", supervisor), "城关镇");
  EXPECT_EQ(october["tier_by_score"], "good");
  EXPECT_EQ(october["tier"], "average");
  EXPECT_EQ(october["capped_by"], json({"发生较大安全事故"}));
  // Another period does not carry it.
  EXPECT_EQ(Of(Compute("closure", "2026-09", supervisor), "城关镇")["capped_by"], json::array());
  // The result's events list the decision beside the score it capped.
  json detail =
      Body(Call("GET", "/api/v1/assessment/results/" + october["id"].dump(), nullptr, &supervisor));
  bool listed = false;
  for (const auto& e : detail["events"]) listed = listed || e["kind"] == "veto";
  EXPECT_TRUE(listed) << detail["events"];
}

// 三级联动 over county → bureau → sections: the bureau's score mixes its own figures (its whole
// subtree's) with the mean of its sections' rolled-up scores.
TEST_F(AssessmentApiTest, RollUpMixesTheChildrensScoresBottomUp) {
  json scheme = ClosureScheme();
  scheme["child_weight"] = 0.5;
  ASSERT_EQ(Put("rollup", scheme, admin()).status, 200);
  ImportHazards(4, "安全监督股");
  ImportHazards(4, "公路养护股");
  CloseSome(4, "QS-JT-AQ");  // 安全监督股 100%, 公路养护股 0%, 机关党支部 no items: 100
  Session supervisor = SignIn("supervisor");
  json county = Compute("rollup", "2026-10", supervisor);
  json jt = Of(county, "县交通运输局");
  EXPECT_DOUBLE_EQ(jt["own_score"].get<double>(), 50);  // 4 of 8 closed
  // 0.5 × 50 + 0.5 × mean(100, 0, 100) = 58.33
  EXPECT_DOUBLE_EQ(jt["score"].get<double>(), 58.33);
  EXPECT_EQ(jt["tier"], "poor");  // 58.33 < 60: the tier follows the rolled-up score
  // The sections, scored as the bureau's peer group, show their own rolled-up scores.
  Response sections =
      Call("POST", "/api/v1/assessment/results/compute",
           {{"scheme", "rollup"}, {"period", "2026-10"}, {"unit", UnitId("QS-JT")}}, &supervisor);
  ASSERT_EQ(sections.status, 200) << sections.body;
  json body = Body(sections);
  EXPECT_DOUBLE_EQ(Of(body, "安全监督股")["score"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(Of(body, "公路养护股")["score"].get<double>(), 0);
}

TEST_F(AssessmentApiTest, SchemesAreVersionedAndBadOnesChangeNothing) {
  ASSERT_EQ(Put("closure", ClosureScheme(), admin()).status, 200);
  json v2 = ClosureScheme();
  v2["name"] = "整改落实考核（修订）";
  Response saved = Put("closure", v2, admin());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Body(saved)["version"], 2);
  EXPECT_EQ(Body(saved)["versions"], json({1, 2}));
  json old = Body(Call("GET", "/api/v1/assessment/schemes/closure?version=1", nullptr, &admin()));
  EXPECT_EQ(old["name"], "整改落实考核");
  json list = Body(Call("GET", "/api/v1/assessment/schemes", nullptr, &admin()));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["version"], 2);
  EXPECT_EQ(list["items"][0]["indicator_count"], 1);

  Session supervisor = SignIn("supervisor");
  int64_t audit = AuditCount();
  json bad = ClosureScheme();
  bad["indicators"][0]["full_at"] = 0;  // zero_at == full_at
  Response refused = Put("closure", bad, admin());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["details"]["field"], "closure");
  bad = ClosureScheme();
  bad["indicators"][0]["metric"] = "bogus";
  refused = Put("closure", bad, admin());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["details"]["field"], "indicators[0].metric");
  EXPECT_EQ(Put("closure", ClosureScheme(), supervisor).status, 403);
  EXPECT_EQ(Put("bad key!", ClosureScheme(), admin()).status, 400);
  EXPECT_EQ(AuditCount(), audit);
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/schemes/closure", nullptr, &admin()))["version"],
            2);
}

TEST_F(AssessmentApiTest, EvaluatorsScoreOnlyTheSubjectsGivenToThem) {
  json scheme = {
      {"name", "综合评议"},
      {"indicators",
       {{{"key", "review"},
         {"name", "综合评议"},
         {"formula", "manual_weighted"},
         {"max_points", 100},
         {"evaluator_groups",
          {{{"name", "督查打分"}, {"weight", 0.6}}, {{"name", "第三方评估"}, {"weight", 0.4}}}}}}}};
  ASSERT_EQ(Put("review", scheme, admin()).status, 200);
  Session evaluator = SignIn("evaluator");
  Session supervisor = SignIn("supervisor");
  int64_t jt = UnitId("QS-JT"), sj = UnitId("QS-SJ");
  auto score = [&](Session& who, int64_t unit, const std::string& group, double value) {
    return Call("POST", "/api/v1/assessment/events",
                {{"scheme", "review"},
                 {"kind", "manual"},
                 {"subject_id", unit},
                 {"indicator", "review"},
                 {"period", "2026-10"},
                 {"evaluator_group", group},
                 {"score", value}},
                &who);
  };
  // Nothing given yet: the evaluator sees no scheme and may score nothing (a unit not given to
  // them answers as a missing one).
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/schemes", nullptr, &evaluator))["total"], 0);
  EXPECT_EQ(score(evaluator, jt, "第三方评估", 80).status, 404);

  json accounts = Body(Call("GET", "/api/v1/accounts?page_size=200", nullptr, &admin()));
  int64_t evaluator_id = 0;
  for (const auto& a : accounts["items"]) {
    if (a["username"] == "evaluator") evaluator_id = a["id"];
  }
  Response grant = Call("POST", "/api/v1/assessment/schemes/review/evaluators",
                        {{"account_id", evaluator_id}, {"unit_id", jt}}, &admin());
  ASSERT_EQ(grant.status, 201) << grant.body;
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/schemes", nullptr, &evaluator))["total"], 1);
  json mine = Body(Call("GET", "/api/v1/assessment/my-subjects", nullptr, &evaluator));
  ASSERT_GE(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["unit_id"], jt);

  EXPECT_EQ(score(evaluator, jt, "第三方评估", 80).status, 201);
  EXPECT_EQ(score(evaluator, sj, "第三方评估", 80).status, 404);  // not given
  EXPECT_EQ(score(supervisor, jt, "督查打分", 90).status, 201);
  // Bad entries name the field and change nothing.
  int64_t audit = AuditCount();
  Response bad = score(supervisor, jt, "督查打分", 101);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["details"]["field"], "score");
  bad = score(supervisor, jt, "群众打分", 90);
  EXPECT_EQ(Body(bad)["error"]["details"]["field"], "evaluator_group");
  EXPECT_EQ(AuditCount(), audit);

  json results = Compute("review", "2026-10", supervisor);
  EXPECT_DOUBLE_EQ(Of(results, "县交通运输局")["score"].get<double>(), 86);  // 0.6×90 + 0.4×80
  // A later entry by the same evaluator replaces theirs; the earlier one stays on record.
  EXPECT_EQ(score(evaluator, jt, "第三方评估", 70).status, 201);
  results = Compute("review", "2026-10", supervisor);
  json jt_result = Of(results, "县交通运输局");
  EXPECT_DOUBLE_EQ(jt_result["score"].get<double>(), 82);
  json detail = Body(
      Call("GET", "/api/v1/assessment/results/" + std::to_string(jt_result["id"].get<int64_t>()),
           nullptr, &supervisor));
  EXPECT_EQ(detail["events"].size(), 3u);
  json own = Body(Call("GET", "/api/v1/assessment/events?scheme=review", nullptr, &evaluator));
  EXPECT_EQ(own["total"], 2);                                // only their own entries
  EXPECT_EQ(own["items"][0]["indicator_name"], "综合评议");  // named from the scheme
}

TEST_F(AssessmentApiTest, PointsSelfReportsCountOnlyOnceTheBranchApproves) {
  ASSERT_EQ(Put("points", PointsScheme(), admin()).status, 200);
  Session handler = SignIn("handler_jt");
  Session supervisor = SignIn("supervisor");
  json me = Body(Call("GET", "/api/v1/me", nullptr, &handler))["account"];
  ASSERT_TRUE(me["person_id"].is_number()) << me;
  int64_t person = me["person_id"];
  auto report = [&](Session& who, int64_t subject, double points) {
    return ReportPoints(who, subject, points);
  };
  Response mine = report(handler, person, 2);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(Body(mine)["status"], "pending");
  int64_t event = Body(mine)["id"];
  // Someone else's points are not theirs to report; their own report is not theirs to approve.
  json people = Body(Call("GET", "/api/v1/people?page_size=200", nullptr, &admin()));
  int64_t other = 0;
  for (const auto& p : people["items"]) {
    if (p["id"] != person) other = p["id"];
  }
  EXPECT_EQ(report(handler, other, 2).status, 404);  // outside their scope: not even seen
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events/" + std::to_string(event) + "/approve", nullptr,
                 &handler)
                .status,
            403);

  auto points_of = [&](const json& results) {
    for (const auto& r : results["items"]) {
      if (r["subject_id"] == person) return r["score"].get<double>();
    }
    ADD_FAILURE() << "person not scored";
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(points_of(Compute("points", "2026-10", supervisor)), 0);
  Response approved =
      Call("POST", "/api/v1/assessment/events/" + std::to_string(event) + "/approve", nullptr,
           &supervisor);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["status"], "approved");
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events/" + std::to_string(event) + "/reject", nullptr,
                 &supervisor)
                .status,
            409);
  EXPECT_DOUBLE_EQ(points_of(Compute("points", "2026-10", supervisor)), 2);
  // A deduction filed by the supervisor counts at once.
  ASSERT_EQ(report(supervisor, person, -0.5).status, 201);
  EXPECT_DOUBLE_EQ(points_of(Compute("points", "2026-10", supervisor)), 1.5);
  EXPECT_DOUBLE_EQ(points_of(Compute("points", "2026-11", supervisor)), 0);  // not in November
  // The ledger lists the events that happened within a period.
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/events?scheme=points&period=2026", nullptr,
                      &supervisor))["total"],
            2);
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/events?scheme=points&period=2026-11", nullptr,
                      &supervisor))["total"],
            0);
}

// Evidence files travel with a self-report: the member attaches a scan while it is pending, the
// branch sees and downloads it with the pending report and in the result's breakdown; once
// decided the report's evidence is closed; nothing outside one's scope is seen; a refused
// upload changes nothing.
TEST_F(AssessmentApiTest, SelfReportEvidenceFilesTravelWithTheReport) {
  ASSERT_EQ(Put("points", PointsScheme(), admin()).status, 200);
  Session handler = SignIn("handler_jt");
  Session supervisor = SignIn("supervisor");
  Session outsider = SignIn("handler_sj");
  int64_t person = Body(Call("GET", "/api/v1/me", nullptr, &handler))["account"]["person_id"];
  Response mine = ReportPoints(handler, person);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(Body(mine)["files"], json::array());
  std::string event = std::to_string(Body(mine)["id"].get<int64_t>());
  std::string files = "/api/v1/assessment/events/" + event + "/files?name=";
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "党课学习记录";

  int64_t audit = AuditCount();
  Response fake = Upload(files + "photo.png", "MZ\x90 not an image", handler);
  EXPECT_EQ(fake.status, 400) << "the name says png, the content says otherwise";
  EXPECT_EQ(Body(fake)["error"]["details"]["field"], "file");
  EXPECT_EQ(Upload(files + "a%2Fb.png", png, handler).status, 400);  // a slash in the name
  EXPECT_EQ(Upload(files, png, handler).status, 400);                // no name
  EXPECT_EQ(Upload(files + "empty.txt", "", handler).status, 400);
  EXPECT_EQ(Upload(files + "x.png", png, outsider).status, 404);  // not in their scope
  EXPECT_EQ(AuditCount(), audit);

  Response up = Upload(files + "%E5%AD%A6%E4%B9%A0%E8%AE%B0%E5%BD%95.png", png, handler);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(Body(up)["name"], "学习记录.png");
  EXPECT_EQ(Body(up)["content_type"], "image/png");
  EXPECT_EQ(Body(up)["uploaded_by"], "handler_jt");
  EXPECT_EQ(AuditCount(), audit + 1);
  std::string file = "/api/v1/assessment/files/" + std::to_string(Body(up)["id"].get<int64_t>());

  // The branch sees it with the pending report, and downloads it byte for byte.
  json pending =
      Body(Call("GET", "/api/v1/assessment/events?status=pending", nullptr, &supervisor));
  ASSERT_EQ(pending["total"], 1);
  ASSERT_EQ(pending["items"][0]["files"].size(), 1u);
  EXPECT_EQ(pending["items"][0]["files"][0]["name"], "学习记录.png");
  Response got = Call("GET", file, nullptr, &supervisor);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, png);
  EXPECT_EQ(*got.Get("Content-Type"), "image/png");
  EXPECT_EQ(Call("GET", file, nullptr, &outsider).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/assessment/files/999999", nullptr, &supervisor).status, 404);
  // Another member of the same bureau may read the ledger, not add to someone else's report.
  Session leader = SignIn("leader_jt");
  EXPECT_EQ(Upload(files + "x.png", png, leader).status, 403);

  // Decided: the evidence travels with the approval and into the result's breakdown, and the
  // member can add no more; a manager still may (e.g. the branch's minutes).
  Response approved =
      Call("POST", "/api/v1/assessment/events/" + event + "/approve", nullptr, &supervisor);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["files"].size(), 1u);
  EXPECT_EQ(Upload(files + "more.png", png, handler).status, 409);
  ASSERT_EQ(
      Upload(files + "%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf", "%PDF-1.4 minutes", supervisor)
          .status,
      201);
  json results = Compute("points", "2026-10", supervisor);
  int64_t result_id = 0;
  for (const auto& r : results["items"]) {
    if (r["subject_id"] == person) result_id = r["id"];
  }
  json detail = Body(
      Call("GET", "/api/v1/assessment/results/" + std::to_string(result_id), nullptr, &supervisor));
  ASSERT_EQ(detail["events"].size(), 1u);
  ASSERT_EQ(detail["events"][0]["files"].size(), 2u);
  EXPECT_EQ(detail["events"][0]["files"][1]["name"], "会议纪要.pdf");

  // A report takes at most ten files; a rejected one takes none.
  Response second = ReportPoints(handler, person, 1);
  ASSERT_EQ(second.status, 201);
  std::string second_files =
      "/api/v1/assessment/events/" + std::to_string(Body(second)["id"].get<int64_t>()) + "/files";
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(Upload(second_files + "?name=p" + std::to_string(i) + ".png", png, handler).status,
              201);
  }
  audit = AuditCount();
  Response eleventh = Upload(second_files + "?name=p10.png", png, handler);
  EXPECT_EQ(eleventh.status, 409);
  EXPECT_NE(eleventh.body.find("10"), std::string::npos) << eleventh.body;
  EXPECT_EQ(AuditCount(), audit);
  ASSERT_EQ(Call("POST",
                 "/api/v1/assessment/events/" + std::to_string(Body(second)["id"].get<int64_t>()) +
                     "/reject",
                 {{"reason", "材料不实"}}, &supervisor)
                .status,
            200);
  audit = AuditCount();
  EXPECT_EQ(Upload(second_files + "?name=late.png", png, supervisor).status, 409);
  EXPECT_EQ(AuditCount(), audit);
}

// Security review M2: a result belongs to the scope that computed it. The county ranks every
// branch of the county (peer_kind branch); a bureau's supervisor ranking the branches of the
// bureau neither overwrites nor removes the county's rows, and a recomputation keeps the row it
// replaces as history.
TEST_F(AssessmentApiTest, ALowerLevelNeverOverwritesAHigherLevelsRanking) {
  json scheme = ClosureScheme();
  scheme["peer_kind"] = "branch";
  ASSERT_EQ(Put("stars", scheme, admin()).status, 200);
  ImportHazards(4, "交通运输局机关党支部");  // none closed: 0 points, last of the county's branches
  Session county = SignIn("supervisor");
  int64_t qs = UnitId("QS"), jt = UnitId("QS-JT"), branch = UnitId("QS-JT-DZB");
  ASSERT_EQ(Call("POST", "/api/v1/accounts",
                 {{"username", "jt_supervisor"},
                  {"password", kPassword},
                  {"unit_id", jt},
                  {"roles", {"supervisor"}}},
                 &admin())
                .status,
            201);
  Session bureau = SignIn("jt_supervisor");
  auto list = [&](int64_t unit, Session& who) {
    Response r =
        Call("GET",
             "/api/v1/assessment/results?scheme=stars&period=2026-10&unit=" + std::to_string(unit),
             nullptr, &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r)["items"];
  };
  auto ranking = [](const json& items) {
    json out = json::array();
    for (const auto& r : items) {
      out.push_back({r["id"], r["subject_id"], r["rank"], r["peer_count"], r["scope_unit_id"],
                     r["score"], r["follow_up_item_id"]});
    }
    return out;
  };

  json first = Compute("stars", "2026-10", county);
  ASSERT_EQ(first["items"].size(), 3u) << first;  // the county's three branches
  json jt_branch = Of(first, "交通运输局机关党支部");
  EXPECT_EQ(jt_branch["rank"], 3);
  EXPECT_EQ(jt_branch["peer_count"], 3);
  EXPECT_EQ(jt_branch["scope_unit_id"], qs);
  ASSERT_TRUE(jt_branch["follow_up_item_id"].is_number());
  json county_before = ranking(list(qs, county));
  ASSERT_EQ(county_before.size(), 3u);

  // The bureau ranks its own branches: one, first of one, in a list of its own.
  Response own = Call("POST", "/api/v1/assessment/results/compute",
                      {{"scheme", "stars"}, {"period", "2026-10"}, {"unit", jt}}, &bureau);
  ASSERT_EQ(own.status, 200) << own.body;
  json bureau_list = list(jt, bureau);
  ASSERT_EQ(bureau_list.size(), 1u) << bureau_list;
  EXPECT_EQ(bureau_list[0]["subject_id"], branch);
  EXPECT_EQ(bureau_list[0]["rank"], 1);
  EXPECT_EQ(bureau_list[0]["peer_count"], 1);
  EXPECT_EQ(bureau_list[0]["scope_unit_id"], jt);
  EXPECT_NE(bureau_list[0]["id"], jt_branch["id"]);
  // One follow-up per subject and period, whoever ranks it: the bureau's result links the
  // county's item.
  EXPECT_EQ(Body(own)["follow_ups_created"], 0);
  EXPECT_EQ(bureau_list[0]["follow_up_item_id"], jt_branch["follow_up_item_id"]);
  // The county's ranking is untouched: the same rows, ranks, peer counts and scope.
  EXPECT_EQ(ranking(list(qs, county)), county_before);
  // The bureau cannot compute the county's list at all.
  EXPECT_EQ(Call("POST", "/api/v1/assessment/results/compute",
                 {{"scheme", "stars"}, {"period", "2026-10"}, {"unit", qs}}, &bureau)
                .status,
            404);

  // The branch closes its hazards and the county computes again: the current result keeps its
  // id and shows the new score; the one it replaced is its history.
  CloseSome(4, "QS-JT-DZB");
  json second = Compute("stars", "2026-10", county);
  json now = Of(second, "交通运输局机关党支部");
  EXPECT_EQ(now["id"], jt_branch["id"]);
  EXPECT_DOUBLE_EQ(now["score"].get<double>(), 100);
  EXPECT_EQ(now["rank"], 1);
  EXPECT_EQ(list(qs, county).size(), 3u) << "history is not listed";
  json detail =
      Body(Call("GET", "/api/v1/assessment/results/" + now["id"].dump(), nullptr, &county));
  EXPECT_TRUE(detail["superseded_at"].is_null());
  ASSERT_EQ(detail["history"].size(), 1u) << detail["history"];
  json old = detail["history"][0];
  EXPECT_DOUBLE_EQ(old["score"].get<double>(), 0);
  EXPECT_EQ(old["rank"], 3);
  EXPECT_EQ(old["peer_count"], 3);
  EXPECT_EQ(old["scope_unit_id"], qs);
  EXPECT_EQ(old["computed_at"], jt_branch["computed_at"]);
  EXPECT_TRUE(old["superseded_at"].is_string());
  EXPECT_NE(old["id"], now["id"]);
  // An earlier result reads on its own too, marked superseded.
  json earlier =
      Body(Call("GET", "/api/v1/assessment/results/" + old["id"].dump(), nullptr, &county));
  EXPECT_TRUE(earlier["superseded_at"].is_string());
  EXPECT_DOUBLE_EQ(earlier["score"].get<double>(), 0);
  // The bureau's result is its own: the county's recomputation left it as it was.
  json mine = list(jt, bureau);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], bureau_list[0]["id"]);
  EXPECT_DOUBLE_EQ(mine[0]["score"].get<double>(), 0);
  EXPECT_EQ(Body(Call("GET", "/api/v1/assessment/results/" + mine[0]["id"].dump(), nullptr,
                      &bureau))["history"],
            json::array());
}

// Security review L8: a supervisor's own points (for themselves or their own unit) wait for
// someone else's approval; nobody decides an event they filed.
TEST_F(AssessmentApiTest, NobodyApprovesTheirOwnPoints) {
  ASSERT_EQ(Put("points", PointsScheme(), admin()).status, 200);
  json scheme = ClosureScheme();
  scheme["indicators"].push_back({{"key", "bonus"},
                                  {"name", "加扣分"},
                                  {"formula", "event_sum"},
                                  {"max_points", 0},
                                  {"cap", 10}});
  ASSERT_EQ(Put("closure", scheme, admin()).status, 200);
  Session supervisor = SignIn("supervisor");
  int64_t self = Body(Call("GET", "/api/v1/me", nullptr, &supervisor))["account"]["person_id"];
  Response mine = ReportPoints(supervisor, self, 5);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(Body(mine)["status"], "pending")
      << "a supervisor's own points are not approved at once";
  std::string event = "/api/v1/assessment/events/" + Body(mine)["id"].dump();
  int64_t audit = AuditCount();
  Response own = Call("POST", event + "/approve", nullptr, &supervisor);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_NE(own.body.find("本人"), std::string::npos) << own.body;
  EXPECT_EQ(Call("POST", event + "/reject", nullptr, &supervisor).status, 403);
  EXPECT_EQ(AuditCount(), audit);
  // Points for the county, the supervisor's own unit, wait too.
  Response unit = Call("POST", "/api/v1/assessment/events",
                       {{"scheme", "closure"},
                        {"kind", "points"},
                        {"subject_id", UnitId("QS")},
                        {"indicator", "bonus"},
                        {"points", 3},
                        {"occurred_on", "2026-10-15"},
                        {"reason", "督查工作获省表彰"}},
                       &supervisor);
  ASSERT_EQ(unit.status, 201) << unit.body;
  EXPECT_EQ(Body(unit)["status"], "pending");
  EXPECT_EQ(Call("POST", "/api/v1/assessment/events/" + Body(unit)["id"].dump() + "/approve",
                 nullptr, &supervisor)
                .status,
            403);
  // Someone else in scope decides.
  Response approved = Call("POST", event + "/approve", nullptr, &admin());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["decided_by"], "admin");
  // Points filed for someone else still count at once.
  Session member = SignIn("handler_jt");
  int64_t handler = Body(Call("GET", "/api/v1/me", nullptr, &member))["account"]["person_id"];
  Response other = ReportPoints(supervisor, handler, 1);
  ASSERT_EQ(other.status, 201);
  EXPECT_EQ(Body(other)["status"], "approved");
}

// Security review M5: an evidence file's name must say what its content is, and carries no
// control or format characters (a U+202E RLO makes 整改报告\u202Efdp.bat read as 整改报告tab.pdf).
// Downloads are attachments the browser must not sniff.
TEST_F(AssessmentApiTest, EvidenceNamesAgreeWithTheirContent) {
  ASSERT_EQ(Put("points", PointsScheme(), admin()).status, 200);
  Session handler = SignIn("handler_jt");
  int64_t person = Body(Call("GET", "/api/v1/me", nullptr, &handler))["account"]["person_id"];
  Response mine = ReportPoints(handler, person);
  ASSERT_EQ(mine.status, 201) << mine.body;
  std::string files = "/api/v1/assessment/events/" + Body(mine)["id"].dump() + "/files?name=";
  const std::string pdf = "%PDF-\r\nstart calc.exe\r\n";
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "photo";
  int64_t audit = AuditCount();
  struct Case {
    std::string name;  // URL-encoded
    const std::string& bytes;
  };
  for (const Case& c : std::vector<Case>{
           {"%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%E2%80%AEfdp.bat", pdf},  // 整改报告\u202Efdp.bat
           {"x.html", pdf},
           {"x.hta", pdf},
           {"a.pdf", png},
           {"a.png", pdf},
           {"photo.jpg", png},
           {"%E6%8A%A5%E5%91%8A%E2%80%AE.pdf", pdf},  // U+202E before the extension
           {"a%E2%80%8Bb.pdf", pdf},                  // U+200B zero width space
           {"a%E2%81%A6b.pdf", pdf},                  // U+2066 LRI
           {"a%EF%BB%BFb.pdf", pdf},                  // U+FEFF
           {"a%D8%9Cb.pdf", pdf},                     // U+061C Arabic letter mark
           {"a%E1%A0%8Eb.pdf", pdf},                  // U+180E Mongolian vowel separator
           {"a%09b.pdf", pdf},                        // TAB
           {"a%0Ab.pdf", pdf},                        // LF
           {"a%0Db.pdf", pdf},                        // CR
           {"a%C2%85b.pdf", pdf},                     // U+0085 NEL
       }) {
    Response r = Upload(files + c.name, c.bytes, handler);
    EXPECT_EQ(r.status, 400) << c.name << ": " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(Body(r)["error"]["details"]["field"], "name") << c.name;
    }
  }
  Response html = Upload(files + "x.html", pdf, handler);
  EXPECT_NE(html.body.find(".pdf"), std::string::npos)
      << "names the extension expected: " << html.body;
  Response jpeg = Upload(files + "x.png", "\xFF\xD8\xFF\xE0 jpeg", handler);
  EXPECT_NE(jpeg.body.find(".jpg"), std::string::npos) << jpeg.body;
  EXPECT_EQ(AuditCount(), audit);

  Response ok = Upload(files + "%E6%8A%A5%E5%91%8A.pdf", pdf, handler);  // 报告.pdf
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok)["name"], "报告.pdf");
  EXPECT_EQ(Upload(files + "scan.JPEG", "\xFF\xD8\xFF\xE0 jpeg", handler).status, 201);
  Response got =
      Call("GET", "/api/v1/assessment/files/" + Body(ok)["id"].dump(), nullptr, &handler);
  ASSERT_EQ(got.status, 200);
  ASSERT_NE(got.Get("Content-Disposition"), nullptr);
  EXPECT_EQ(got.Get("Content-Disposition")->rfind("attachment", 0), 0u)
      << *got.Get("Content-Disposition");
  ASSERT_NE(got.Get("X-Content-Type-Options"), nullptr);
  EXPECT_EQ(*got.Get("X-Content-Type-Options"), "nosniff");

  // An item's evidence is checked and served the same way.
  Response item = Call(
      "POST", "/api/v1/items",
      {{"kind", "problem"}, {"title", "整改台账不全"}, {"unit_id", UnitId("QS-JT")}}, &admin());
  ASSERT_EQ(item.status, 201) << item.body;
  std::string item_files = "/api/v1/items/" + Body(item)["id"].dump() + "/files?name=";
  EXPECT_EQ(Upload(item_files + "x.html", pdf, admin()).status, 400);
  EXPECT_EQ(
      Upload(item_files + "%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%E2%80%AEfdp.bat", pdf, admin())
          .status,
      400);
  Response stored = Upload(item_files + "%E6%8A%A5%E5%91%8A.pdf", pdf, admin());
  ASSERT_EQ(stored.status, 201) << stored.body;
  Response down = Call("GET", "/api/v1/files/" + Body(stored)["id"].dump(), nullptr, &admin());
  ASSERT_EQ(down.status, 200);
  ASSERT_NE(down.Get("Content-Disposition"), nullptr);
  EXPECT_EQ(down.Get("Content-Disposition")->rfind("attachment", 0), 0u);
  ASSERT_NE(down.Get("X-Content-Type-Options"), nullptr);
  EXPECT_EQ(*down.Get("X-Content-Type-Options"), "nosniff");
}

// Security review L11: an evaluator learns nothing about what was not given to them: a unit
// outside their grants and a unit that does not exist answer alike, and so do another's file
// and a missing one.
TEST_F(AssessmentApiTest, AnEvaluatorCannotTellNotYoursFromMissing) {
  json scheme = {{"name", "综合评议"},
                 {"indicators",
                  {{{"key", "review"},
                    {"name", "综合评议"},
                    {"formula", "manual_weighted"},
                    {"max_points", 100},
                    {"evaluator_groups", {{{"name", "第三方评估"}, {"weight", 1}}}}}}}};
  ASSERT_EQ(Put("review", scheme, admin()).status, 200);
  Session evaluator = SignIn("evaluator");
  Session supervisor = SignIn("supervisor");
  json accounts = Body(Call("GET", "/api/v1/accounts?page_size=200", nullptr, &admin()));
  int64_t evaluator_id = 0;
  for (const auto& a : accounts["items"]) {
    if (a["username"] == "evaluator") evaluator_id = a["id"];
  }
  ASSERT_EQ(Call("POST", "/api/v1/assessment/schemes/review/evaluators",
                 {{"account_id", evaluator_id}, {"unit_id", UnitId("QS-JT")}}, &admin())
                .status,
            201);
  auto score = [&](Session& who, int64_t unit) {
    return Call("POST", "/api/v1/assessment/events",
                {{"scheme", "review"},
                 {"kind", "manual"},
                 {"subject_id", unit},
                 {"indicator", "review"},
                 {"period", "2026-10"},
                 {"evaluator_group", "第三方评估"},
                 {"score", 80}},
                &who);
  };
  int64_t audit = AuditCount();
  Response not_given = score(evaluator, UnitId("QS-SJ"));
  Response missing = score(evaluator, 999999);
  EXPECT_EQ(not_given.status, 404) << not_given.body;
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(Body(not_given)["error"]["code"], Body(missing)["error"]["code"]);
  EXPECT_EQ(Body(not_given)["error"]["details"]["field"], "subject_id");
  EXPECT_EQ(AuditCount(), audit);
  ASSERT_EQ(score(evaluator, UnitId("QS-JT")).status, 201);

  // The supervisor's entry for the same unit, with a document: not the evaluator's to see.
  Response theirs = Call("POST", "/api/v1/assessment/events",
                         {{"scheme", "review"},
                          {"kind", "manual"},
                          {"subject_id", UnitId("QS-JT")},
                          {"indicator", "review"},
                          {"period", "2026-10"},
                          {"evaluator_group", "第三方评估"},
                          {"score", 90}},
                         &supervisor);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  Response file =
      Upload("/api/v1/assessment/events/" + Body(theirs)["id"].dump() + "/files?name=score.pdf",
             "%PDF-1.4 score sheet", supervisor);
  ASSERT_EQ(file.status, 201) << file.body;
  Response other =
      Call("GET", "/api/v1/assessment/files/" + Body(file)["id"].dump(), nullptr, &evaluator);
  Response none = Call("GET", "/api/v1/assessment/files/999999", nullptr, &evaluator);
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(Body(other)["error"]["code"], Body(none)["error"]["code"]);
  EXPECT_EQ(Upload("/api/v1/assessment/events/" + Body(theirs)["id"].dump() + "/files?name=x.pdf",
                   "%PDF-1.4 x", evaluator)
                .status,
            404);
}

// Security review L12: a field of the wrong type is a 400 naming it, never a 500.
TEST_F(AssessmentApiTest, AFieldOfTheWrongTypeIsRefusedByName) {
  Session& root = admin();
  int64_t audit = AuditCount();
  for (json bad : {json(5), json(true), json::array(), json::object()}) {
    json scheme = ClosureScheme();
    scheme["subject_type"] = bad;
    Response typed = Put("closure", scheme, root);
    EXPECT_EQ(typed.status, 400) << typed.body;
    EXPECT_EQ(Body(typed)["error"]["details"]["field"], "subject_type") << typed.body;
  }
  EXPECT_EQ(AuditCount(), audit);
}

// Security review L16: an integer that does not fit is a 400 naming it, never a silently
// truncated value (4294969322 is 2026 + 2^32, 4294967297 is 1 + 2^32).
TEST_F(AssessmentApiTest, OversizedIntegersAreRefusedNotTruncated) {
  ASSERT_EQ(Put("closure", ClosureScheme(), admin()).status, 200);

  Response version =
      Call("GET", "/api/v1/assessment/schemes/closure?version=4294967297", nullptr, &admin());
  EXPECT_EQ(version.status, 400) << version.body;
  EXPECT_EQ(Body(version)["error"]["details"]["field"], "version");

  int64_t audit = AuditCount();
  Response year = Call("GET", "/api/v1/calendar/4294969322", nullptr, &admin());
  EXPECT_EQ(year.status, 400) << year.body;
  EXPECT_EQ(Body(year)["error"]["details"]["field"], "year");
  json before = Body(Call("GET", "/api/v1/calendar/2026", nullptr, &admin()));
  ASSERT_FALSE(before["days"].empty());
  Response put = Call("PUT", "/api/v1/calendar/4294969322", {{"days", json::array()}}, &admin());
  EXPECT_EQ(put.status, 400) << put.body;
  EXPECT_EQ(Body(put)["error"]["details"]["field"], "year");
  EXPECT_EQ(Body(Call("GET", "/api/v1/calendar/2026", nullptr, &admin())), before);
  EXPECT_EQ(AuditCount(), audit);

  ImportHazards(1, "城关镇");
  audit = AuditCount();
  json items = Body(Call("GET", "/api/v1/items?page_size=1", nullptr, &admin()));
  ASSERT_EQ(items["items"].size(), 1u);
  Response notice = Call("POST", "/api/v1/notices",
                         {{"item_id", items["items"][0]["id"]},
                          {"level", "reminder"},
                          {"reason", "请加快整改"},
                          {"respond_within_working_days", 4294967298}},
                         &admin());
  EXPECT_EQ(notice.status, 400) << notice.body;
  EXPECT_EQ(Body(notice)["error"]["details"]["field"], "respond_within_working_days");
  EXPECT_EQ(AuditCount(), audit);
}

}  // namespace
}  // namespace duban::http
