// The API as request -> response functions (tests/http/api_fixture.h): sign-in, CSRF, errors,
// permissions, and the scope matrix over every route.
#include <fstream>

#include "http/api_fixture.h"
#include "http/error_mapping.h"
#include "http/json_codec.h"

namespace duban::http {
namespace {

TEST_F(ApiTest, SignInSetsAHardenedCookieAndMeShowsTheAccount) {
  Response r = Call("POST", "/api/v1/session", {{"username", "admin"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string* cookie = r.Get("Set-Cookie");
  ASSERT_NE(cookie, nullptr);
  EXPECT_NE(cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(Body(r)["account"]["username"], "admin");
  EXPECT_FALSE(Body(r)["account"].contains("password_hash"));
  Session s = SignIn("admin");
  Response me = Call("GET", "/api/v1/me", nullptr, &s);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Body(me)["account"]["unit_name"], "青山县");
  EXPECT_EQ(Body(me)["csrf_token"], s.csrf);
  EXPECT_EQ(Call("GET", "/api/v1/me").status, 401);
  EXPECT_EQ(Body(Call("GET", "/api/v1/me"))["error"]["code"], "unauthenticated");
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserLookTheSame) {
  Response wrong =
      Call("POST", "/api/v1/session", {{"username", "admin"}, {"password", "nope-1234"}});
  Response unknown =
      Call("POST", "/api/v1/session", {{"username", "ghost"}, {"password", "nope-1234"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Body(wrong)["error"]["message"], Body(unknown)["error"]["message"]);
}

TEST_F(ApiTest, StateChangingRequestsNeedTheCsrfTokenAndChangeNothingWithout) {
  Session& s = admin();
  int64_t before = AuditCount();
  Response r = Call("POST", "/api/v1/units", {{"parent_id", 1}, {"name", "新单位"}}, &s, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "csrf_failed");
  Session forged{s.cookie, std::string(64, '0')};
  EXPECT_EQ(Call("POST", "/api/v1/units", {{"parent_id", 1}, {"name", "新单位"}}, &forged).status,
            403);
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(Body(Call("GET", "/api/v1/units?q=新单位", nullptr, &s))["total"], 0);
}

TEST_F(ApiTest, CreateRenameMoveDisableUnitEachAudited) {
  Session& s = admin();
  int64_t before = AuditCount();
  Response created = Call(
      "POST", "/api/v1/units",
      {{"parent_id", 1}, {"name", " 县应急管理局 "}, {"kind", "bureau"}, {"code", "QS-YJ"}}, &s);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = Body(created)["id"];
  EXPECT_EQ(Body(created)["name"], "县应急管理局") << "names are trimmed";
  int64_t office = UnitId("QS-XWB");
  Response moved = Call("PATCH", "/api/v1/units/" + std::to_string(id),
                        {{"parent_id", office}, {"name", "应急股"}, {"kind", "section"}}, &s);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Body(moved)["path_names"], json({"青山县", "县委办公室", "应急股"}));
  EXPECT_EQ(Call("PATCH", "/api/v1/units/" + std::to_string(id), {{"disabled", true}}, &s).status,
            200);
  EXPECT_EQ(AuditCount(), before + 3);
  json events = Body(
      Call("GET", "/api/v1/audit?entity_type=unit&entity_id=" + std::to_string(id), nullptr, &s));
  ASSERT_EQ(events["total"], 3);
  EXPECT_EQ(events["items"][1]["action"], "unit.move");
  EXPECT_EQ(events["items"][1]["before"]["name"], "县应急管理局");
  EXPECT_EQ(events["items"][1]["after"]["name"], "应急股");
  auto report = AuditLog::Verify(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
}

TEST_F(ApiTest, BadInputIsA400NamingTheProblemAndChangesNothing) {
  Session& s = admin();
  int64_t before = AuditCount();
  struct Case {
    std::string method, target, body, content_type, field;
  };
  std::string deep = std::string(100, '[') + std::string(100, ']');
  const Case cases[] = {
      {"POST", "/api/v1/units", R"({"parent_id":1})", "application/json", "name"},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":""})", "application/json", "name"},
      {"POST", "/api/v1/units", R"({"parent_id":"1","name":"x"})", "application/json", "parent_id"},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":"x","kind":"planet"})", "application/json",
       "kind"},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":"x","colour":"red"})", "application/json",
       "colour"},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":"x","code":"QS"})", "application/json",
       "code"},
      {"POST", "/api/v1/units", R"({"parent_id":99999999999999999999,"name":"x"})",
       "application/json", ""},
      // Regression (fuzz api_json): a number past double's range threw through to a 500.
      {"POST", "/api/v1/units", R"({"parent_id":1e400,"name":"x"})", "application/json", ""},
      {"POST", "/api/v1/items/1/report", R"({"text":"x","progress":-1e999})", "application/json",
       ""},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":"x")", "application/json", ""},
      {"POST", "/api/v1/units", "{\"parent_id\":1,\"name\":\"\xFF\"}", "application/json", ""},
      {"POST", "/api/v1/units", "{\"a\":" + deep + "}", "application/json", ""},
      {"POST", "/api/v1/units", R"({"parent_id":1,"name":"x"})", "text/plain", ""},
      {"POST", "/api/v1/units", R"([1,2])", "application/json", ""},
      {"GET", "/api/v1/units?page=0", "", "", "page"},
      {"GET", "/api/v1/units?page_size=201", "", "", "page_size"},
      {"GET", "/api/v1/units?parent_id=abc", "", "", "parent_id"},
      {"GET", "/api/v1/units/abc", "", "", "id"},
      {"GET", "/api/v1/units/%FF", "", "", ""},
      {"GET", "/api/v1/units?q=%C0%AE", "", "", ""},
      {"GET", "/api/v1/items?source=%FF%FE", "", "", ""},
      {"POST", "/api/v1/accounts",
       R"({"username":"Bad Name","password":"Abc-12345","unit_id":1,"roles":["viewer"]})",
       "application/json", "username"},
      {"POST", "/api/v1/accounts",
       R"({"username":"newone","password":"short","unit_id":1,"roles":["viewer"]})",
       "application/json", "password"},
      {"POST", "/api/v1/accounts",
       R"({"username":"newone","password":"Abc-12345","unit_id":1,"roles":["god"]})",
       "application/json", "roles"},
      {"POST", "/api/v1/people", R"({"unit_id":1,"name":"张三","phone":"call me"})",
       "application/json", "phone"},
  };
  for (const Case& c : cases) {
    Request r;
    r.method = c.method;
    r.target = c.target;
    ASSERT_TRUE(ParseTarget(c.target, r.path, r.query));
    r.body = c.body;
    if (!c.content_type.empty()) r.headers["Content-Type"] = c.content_type;
    r.headers["Cookie"] = "duban_session=" + s.cookie;
    r.headers["X-CSRF-Token"] = s.csrf;
    Response out = api_.Handle(r);
    EXPECT_GE(out.status, 400) << c.target << " " << c.body;
    EXPECT_LT(out.status, 500) << c.target << " " << c.body;
    json err = Body(out)["error"];
    EXPECT_FALSE(err["message"].get<std::string>().empty());
    if (!c.field.empty()) {
      EXPECT_EQ(err["details"]["field"], c.field) << c.body << " " << out.body;
    }
  }
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(ApiTest, OnlyAdminsChangeTheOrgTree) {
  Session sup = SignIn("supervisor");
  Response r = Call("POST", "/api/v1/units", {{"parent_id", 1}, {"name", "x"}}, &sup);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "permission_denied");
  Session handler = SignIn("handler_jt");
  EXPECT_EQ(Call("GET", "/api/v1/audit", nullptr, &handler).status, 403);
  Response sup_audit = Call("GET", "/api/v1/audit", nullptr, &sup);
  EXPECT_EQ(sup_audit.status, 200) << sup_audit.body;
}

TEST_F(ApiTest, AdminCannotLockThemselvesOut) {
  Session& s = admin();
  json me = Body(Call("GET", "/api/v1/me", nullptr, &s))["account"];
  std::string path = "/api/v1/accounts/" + std::to_string(me["id"].get<int64_t>());
  EXPECT_EQ(Call("PATCH", path, {{"disabled", true}}, &s).status, 409);
  EXPECT_EQ(Call("PATCH", path, {{"roles", {"viewer"}}}, &s).status, 409);
}

TEST_F(ApiTest, PasswordChangeEndsOtherSessionsAndKeepsThisOne) {
  Session first = SignIn("leader");
  Session second = SignIn("leader");
  Response bad = Call("PUT", "/api/v1/me/password",
                      {{"old_password", "wrong-123"}, {"new_password", "New-pass-2"}}, &first);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["details"]["field"], "old_password");
  ASSERT_EQ(Call("PUT", "/api/v1/me/password",
                 {{"old_password", kPassword}, {"new_password", "New-pass-2"}}, &first)
                .status,
            204);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &first).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &second).status, 401);
  EXPECT_EQ(
      Call("POST", "/api/v1/session", {{"username", "leader"}, {"password", kPassword}}).status,
      401);
  SignIn("leader", "New-pass-2");
}

TEST_F(ApiTest, SignOutEndsTheSession) {
  Session s = SignIn("viewer");
  Response out = Call("DELETE", "/api/v1/session", nullptr, &s);
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Get("Set-Cookie")->find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &s).status, 401);
}

TEST_F(ApiTest, SessionsExpireWhenIdle) {
  Session s = SignIn("viewer");
  clock_.Advance(std::chrono::hours(7));
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &s).status, 200);
  clock_.Advance(std::chrono::hours(7));
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &s).status, 200) << "use renews the idle timer";
  clock_.Advance(std::chrono::hours(9));
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, &s).status, 401);
}

TEST_F(ApiTest, ErrorsUseTheStandardBodyAndSecurityHeaders) {
  Response r = Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r)["error"]["code"], "not_found");
  EXPECT_NE(r.Get("Content-Security-Policy"), nullptr);
  EXPECT_NE(r.Get("Content-Security-Policy")->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(*r.Get("X-Content-Type-Options"), "nosniff");
  Response m = Call("PUT", "/api/v1/units");
  EXPECT_EQ(m.status, 405);
  EXPECT_NE(m.Get("Allow"), nullptr);
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndStatus) {
  Call("GET", "/healthz");
  Call("GET", "/healthz");
  Call("GET", "/api/v1/me");
  Response m = Call("GET", "/metrics");
  EXPECT_NE(m.body.find("duban_http_requests_total{route=\"GET /healthz\",status=\"200\"} 2"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("duban_http_requests_total{route=\"GET /api/v1/me\",status=\"401\"} 1"),
            std::string::npos);
  EXPECT_NE(m.body.find("duban_db_commits_total"), std::string::npos);
}

TEST_F(ApiTest, OpenApiDocumentListsEveryRoute) {
  json doc = Body(Call("GET", "/api/v1/openapi.json"));
  EXPECT_EQ(doc["openapi"], "3.0.3");
  for (const Route& r : api_.routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(doc["paths"][r.pattern].contains(m)) << r.method << " " << r.pattern;
  }
}

// SPEC §1: an account scoped to unit A gets 404 or 403 — never data — for anything under a
// sibling unit B, on every endpoint. The table must name every route; a new route without an
// entry fails here.
TEST_F(ApiTest, NoRouteCrossesIntoASiblingUnit) {
  Session& root = admin();
  int64_t transport = UnitId("QS-JT"), market = UnitId("QS-SJ");
  // An admin of the transport bureau only: the strongest role, the narrowest scope.
  ASSERT_EQ(Call("POST", "/api/v1/accounts",
                 {{"username", "jt_admin"},
                  {"password", kPassword},
                  {"unit_id", transport},
                  {"roles", {"admin"}}},
                 &root)
                .status,
            201);
  Session a = SignIn("jt_admin");
  json market_people =
      Body(Call("GET", "/api/v1/people?unit_id=" + std::to_string(market), nullptr, &root));
  json market_accounts =
      Body(Call("GET", "/api/v1/accounts?unit_id=" + std::to_string(market), nullptr, &root));
  ASSERT_GT(market_people["total"], 0);
  ASSERT_GT(market_accounts["total"], 0);
  std::string b_unit = std::to_string(market);
  std::string b_person = std::to_string(market_people["items"][0]["id"].get<int64_t>());
  std::string b_account = std::to_string(market_accounts["items"][0]["id"].get<int64_t>());
  std::string b_name = market_people["items"][0]["name"];
  // The loop's data in B: an item with a notice and a file, and a campaign.
  Response camp =
      Call("POST", "/api/v1/campaigns",
           {{"name", "市场监管专项"}, {"unit_id", market}, {"categories", {"庸"}}}, &root);
  ASSERT_EQ(camp.status, 201) << camp.body;
  std::string b_campaign = std::to_string(Body(camp)["id"].get<int64_t>());
  Response item = Call("POST", "/api/v1/items",
                       {{"title", "市场机密隐患"}, {"unit_id", market}, {"source", "自查"}}, &root);
  ASSERT_EQ(item.status, 201) << item.body;
  std::string b_item = std::to_string(Body(item)["id"].get<int64_t>());
  Response notice =
      Call("POST", "/api/v1/notices",
           {{"item_id", Body(item)["id"]}, {"level", "interview"}, {"reason", "约谈"}}, &root);
  ASSERT_EQ(notice.status, 201) << notice.body;
  std::string b_notice = std::to_string(Body(notice)["id"].get<int64_t>());
  std::string b_item_files = "/api/v1/items/" + b_item + "/files?name=note.txt";
  Response file = Upload(b_item_files, "现场核查记录", root);
  ASSERT_EQ(file.status, 201) << file.body;
  std::string b_file = std::to_string(Body(file)["id"].get<int64_t>());
  // Assessment data in B: a point event, a result and an evaluator's grant under a scheme
  // (schemes are the whole system's, like the calendar).
  json scheme = {{"name", "考核"},
                 {"indicators",
                  {{{"key", "bonus"},
                    {"name", "加减分"},
                    {"formula", "event_sum"},
                    {"max_points", 0},
                    {"cap", 5}}}}};
  ASSERT_EQ(Call("PUT", "/api/v1/assessment/schemes/s1", scheme, &root).status, 200);
  json b_points = {{"scheme", "s1"},       {"kind", "points"}, {"subject_id", market},
                   {"indicator", "bonus"}, {"points", -0.5},   {"reason", "迟报"}};
  Response event = Call("POST", "/api/v1/assessment/events", b_points, &root);
  ASSERT_EQ(event.status, 201) << event.body;
  std::string b_event = std::to_string(Body(event)["id"].get<int64_t>());
  std::string b_event_files = "/api/v1/assessment/events/" + b_event + "/files?name=scan.txt";
  Response event_file = Upload(b_event_files, "迟报情况说明", root);
  ASSERT_EQ(event_file.status, 201) << event_file.body;
  std::string b_event_file = std::to_string(Body(event_file)["id"].get<int64_t>());
  Response results = Call("POST", "/api/v1/assessment/results/compute",
                          {{"scheme", "s1"}, {"period", "2026-11"}, {"unit", UnitId("QS")}}, &root);
  ASSERT_EQ(results.status, 200) << results.body;
  std::string b_result;
  json scored = Body(results);
  for (const auto& r : scored["items"]) {
    if (r["subject_id"] == market) b_result = std::to_string(r["id"].get<int64_t>());
  }
  ASSERT_FALSE(b_result.empty()) << results.body;
  Response b_evaluator = Call("POST", "/api/v1/accounts",
                              {{"username", "sj_eval"},
                               {"password", kPassword},
                               {"unit_id", market},
                               {"roles", {"evaluator"}}},
                              &root);
  ASSERT_EQ(b_evaluator.status, 201);
  Response grant = Call("POST", "/api/v1/assessment/schemes/s1/evaluators",
                        {{"account_id", Body(b_evaluator)["id"]}, {"unit_id", market}}, &root);
  ASSERT_EQ(grant.status, 201) << grant.body;
  std::string b_grant = std::to_string(Body(grant)["id"].get<int64_t>());
  Response issued =
      Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-10"}, {"unit", market}}, &root);
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string b_bulletin = std::to_string(Body(issued)["record"]["id"].get<int64_t>());
  int64_t audit_before = AuditCount();

  struct Probe {
    std::string method, target;
    json body;
  };
  // Each route -> the requests that aim at B. Routes that do not touch unit data say so.
  std::map<std::string, std::vector<Probe>> matrix = {
      {"GET /healthz", {}},
      {"GET /metrics", {}},
      {"GET /api/v1/openapi.json", {}},
      {"POST /api/v1/session", {}},
      {"DELETE /api/v1/session", {}},
      {"GET /api/v1/me", {}},
      {"PUT /api/v1/me/password", {}},
      {"GET /api/v1/units", {{"GET", "/api/v1/units?parent_id=" + b_unit, nullptr}}},
      {"POST /api/v1/units", {{"POST", "/api/v1/units", {{"parent_id", market}, {"name", "x"}}}}},
      {"GET /api/v1/units/{id}", {{"GET", "/api/v1/units/" + b_unit, nullptr}}},
      {"PATCH /api/v1/units/{id}",
       {{"PATCH", "/api/v1/units/" + b_unit, {{"name", "x"}}},
        {"PATCH", "/api/v1/units/" + std::to_string(transport), {{"parent_id", market}}}}},
      {"GET /api/v1/people", {{"GET", "/api/v1/people?unit_id=" + b_unit, nullptr}}},
      {"POST /api/v1/people", {{"POST", "/api/v1/people", {{"unit_id", market}, {"name", "x"}}}}},
      {"GET /api/v1/people/{id}", {{"GET", "/api/v1/people/" + b_person, nullptr}}},
      {"PATCH /api/v1/people/{id}",
       {{"PATCH", "/api/v1/people/" + b_person, {{"name", "x"}}},
        {"PATCH", "/api/v1/people/" + b_person, {{"unit_id", transport}}}}},
      {"GET /api/v1/accounts", {{"GET", "/api/v1/accounts?unit_id=" + b_unit, nullptr}}},
      {"POST /api/v1/accounts",
       {{"POST",
         "/api/v1/accounts",
         {{"username", "intruder"},
          {"password", kPassword},
          {"unit_id", market},
          {"roles", {"viewer"}}}}}},
      {"GET /api/v1/accounts/{id}", {{"GET", "/api/v1/accounts/" + b_account, nullptr}}},
      {"POST /api/v1/accounts/{id}/unlock",
       {{"POST", "/api/v1/accounts/" + b_account + "/unlock", nullptr}}},
      {"PATCH /api/v1/accounts/{id}",
       {{"PATCH", "/api/v1/accounts/" + b_account, {{"password", "Owned-1234"}}},
        {"PATCH", "/api/v1/accounts/" + b_account, {{"unit_id", transport}}}}},
      {"GET /api/v1/audit",
       {{"GET", "/api/v1/audit?entity_type=unit&entity_id=" + b_unit, nullptr}}},
      {"GET /api/v1/items",
       {{"GET", "/api/v1/items?unit=" + b_unit, nullptr},
        {"GET", "/api/v1/items?responsible_unit=" + b_unit, nullptr},
        {"GET", "/api/v1/items?q=市场机密", nullptr}}},
      {"POST /api/v1/items",
       {{"POST", "/api/v1/items", {{"title", "x"}, {"unit_id", market}, {"source", "自查"}}}}},
      {"GET /api/v1/items/{id}", {{"GET", "/api/v1/items/" + b_item, nullptr}}},
      {"PATCH /api/v1/items/{id}", {{"PATCH", "/api/v1/items/" + b_item, {{"title", "x"}}}}},
      {"POST /api/v1/items/{id}/files", {}},  // probed below: its body is not JSON
      {"POST /api/v1/items/{id}/{action}",
       {{"POST", "/api/v1/items/" + b_item + "/cancel", {{"reason", "x"}}},
        {"POST",
         "/api/v1/items/" + b_item + "/assign",
         {{"responsible_unit_id", transport}, {"deadline_working_days", 5}}}}},
      {"GET /api/v1/files/{id}", {{"GET", "/api/v1/files/" + b_file, nullptr}}},
      {"GET /api/v1/dashboard", {}},  // checked below for B's data
      {"GET /api/v1/notices", {{"GET", "/api/v1/notices?item_id=" + b_item, nullptr}}},
      {"POST /api/v1/notices",
       {{"POST",
         "/api/v1/notices",
         {{"item_id", std::stoll(b_item)}, {"level", "reminder"}, {"reason", "x"}}}}},
      {"POST /api/v1/notices/{id}/respond",
       {{"POST", "/api/v1/notices/" + b_notice + "/respond", {{"text", "x"}}}}},
      {"POST /api/v1/sweep", {}},    // system work over all items; no unit data comes back
      {"GET /api/v1/calendar", {}},  // the national calendar: not unit data
      {"GET /api/v1/calendar/deadline", {}},
      {"GET /api/v1/calendar/{year}", {}},
      {"PUT /api/v1/calendar/{year}",
       {{"PUT", "/api/v1/calendar/2026", {{"days", json::array()}}}}},
      {"GET /api/v1/campaigns", {{"GET", "/api/v1/campaigns", nullptr}}},
      {"POST /api/v1/campaigns",
       {{"POST", "/api/v1/campaigns", {{"name", "x"}, {"unit_id", market}}}}},
      {"GET /api/v1/campaigns/{id}", {{"GET", "/api/v1/campaigns/" + b_campaign, nullptr}}},
      {"PATCH /api/v1/campaigns/{id}",
       {{"PATCH", "/api/v1/campaigns/" + b_campaign, {{"name", "x"}}}}},
      {"GET /api/v1/items/export.xlsx",
       {{"GET", "/api/v1/items/export.xlsx?unit=" + b_unit, nullptr}}},
      {"GET /api/v1/items/import-template.xlsx", {}},  // the same empty template for everyone
      {"POST /api/v1/items/import", {}},               // probed in LedgerApiTest (units by name)
      {"POST /api/v1/calendar/import", {}},            // probed below: its body is not JSON
      {"GET /api/v1/bulletins",
       {{"GET", "/api/v1/bulletins?period=2026-11&unit=" + b_unit, nullptr}}},
      {"GET /api/v1/bulletins/export.xlsx",
       {{"GET", "/api/v1/bulletins/export.xlsx?period=2026-11&unit=" + b_unit, nullptr}}},
      {"GET /api/v1/bulletins/export.docx",
       {{"GET", "/api/v1/bulletins/export.docx?period=2026-11&unit=" + b_unit, nullptr}}},
      {"GET /api/v1/bulletins/export.pdf",
       {{"GET", "/api/v1/bulletins/export.pdf?period=2026-11&unit=" + b_unit, nullptr}}},
      {"GET /api/v1/bulletins/issued",
       {{"GET", "/api/v1/bulletins/issued?unit=" + b_unit, nullptr}}},
      {"POST /api/v1/bulletins/issued",
       {{"POST", "/api/v1/bulletins/issued", {{"period", "2026-09"}, {"unit", market}}}}},
      {"GET /api/v1/bulletins/issued/{id}",
       {{"GET", "/api/v1/bulletins/issued/" + b_bulletin, nullptr}}},
      {"GET /api/v1/bulletins/issued/{id}/export.xlsx",
       {{"GET", "/api/v1/bulletins/issued/" + b_bulletin + "/export.xlsx", nullptr}}},
      {"GET /api/v1/bulletins/issued/{id}/export.docx",
       {{"GET", "/api/v1/bulletins/issued/" + b_bulletin + "/export.docx", nullptr}}},
      {"GET /api/v1/bulletins/issued/{id}/export.pdf",
       {{"GET", "/api/v1/bulletins/issued/" + b_bulletin + "/export.pdf", nullptr}}},
      {"GET /api/v1/assessment/metrics", {}},  // the engine's vocabulary
      {"GET /api/v1/assessment/schemes", {}},  // schemes are the system's, not a unit's
      {"GET /api/v1/assessment/schemes/{key}", {}},
      {"PUT /api/v1/assessment/schemes/{key}",
       {{"PUT", "/api/v1/assessment/schemes/s1", scheme}}},  // a bureau's admin: refused
      {"GET /api/v1/assessment/schemes/{key}/evaluators",
       {{"GET", "/api/v1/assessment/schemes/s1/evaluators", nullptr}}},
      {"POST /api/v1/assessment/schemes/{key}/evaluators",
       {{"POST",
         "/api/v1/assessment/schemes/s1/evaluators",
         {{"account_id", Body(b_evaluator)["id"]}, {"unit_id", market}}}}},
      {"DELETE /api/v1/assessment/evaluators/{id}",
       {{"DELETE", "/api/v1/assessment/evaluators/" + b_grant, nullptr}}},
      {"GET /api/v1/assessment/my-subjects", {}},  // the caller's own grants
      {"GET /api/v1/assessment/events",
       {{"GET", "/api/v1/assessment/events?subject_id=" + b_unit, nullptr}}},
      {"POST /api/v1/assessment/events", {{"POST", "/api/v1/assessment/events", b_points}}},
      {"POST /api/v1/assessment/events/{id}/approve",
       {{"POST", "/api/v1/assessment/events/" + b_event + "/approve", nullptr}}},
      {"POST /api/v1/assessment/events/{id}/reject",
       {{"POST", "/api/v1/assessment/events/" + b_event + "/reject", nullptr}}},
      {"POST /api/v1/assessment/events/{id}/files", {}},  // probed below: its body is not JSON
      {"GET /api/v1/assessment/files/{id}",
       {{"GET", "/api/v1/assessment/files/" + b_event_file, nullptr}}},
      {"POST /api/v1/assessment/results/compute",
       {{"POST",
         "/api/v1/assessment/results/compute",
         {{"scheme", "s1"}, {"period", "2026-11"}, {"unit", market}}}}},
      {"GET /api/v1/assessment/results",
       {{"GET", "/api/v1/assessment/results?scheme=s1&period=2026-11&unit=" + b_unit, nullptr}}},
      {"GET /api/v1/assessment/results/{id}",
       {{"GET", "/api/v1/assessment/results/" + b_result, nullptr}}},
  };
  for (const Route& route : api_.routes()) {
    std::string key = route.method + " " + route.pattern;
    ASSERT_TRUE(matrix.count(key)) << "route " << key << " has no entry in the scope matrix";
    for (const Probe& p : matrix[key]) {
      Response r = Call(p.method, p.target, p.body, &a);
      bool refused = r.status == 404 || r.status == 403;
      bool empty_list = r.status == 200 && Body(r).contains("total") && Body(r)["total"] == 0;
      EXPECT_TRUE(refused || empty_list)
          << key << " " << p.target << " -> " << r.status << " " << r.body;
      EXPECT_EQ(r.body.find(b_name), std::string::npos) << key << " leaked " << b_name;
    }
  }
  EXPECT_EQ(Upload(b_item_files, "现场核查记录", a).status, 404);
  EXPECT_EQ(Upload(b_event_files, "迟报情况说明", a).status, 404);
  Request cal_import;
  cal_import.method = "POST";
  cal_import.target = cal_import.path = "/api/v1/calendar/import";
  cal_import.body = R"({"years": {"2026": []}})";
  cal_import.headers["Content-Type"] = "application/json";
  cal_import.headers["Cookie"] = "duban_session=" + a.cookie;
  cal_import.headers["X-CSRF-Token"] = a.csrf;
  EXPECT_EQ(api_.Handle(cal_import).status, 403) << "a bureau's admin cannot change the calendar";
  Response dash = Call("GET", "/api/v1/dashboard", nullptr, &a);
  EXPECT_EQ(dash.status, 200);
  EXPECT_EQ(dash.body.find("市场机密"), std::string::npos) << dash.body;
  // Unfiltered lists in A's scope never show B's rows.
  for (const char* list : {"/api/v1/units?page_size=200", "/api/v1/people?page_size=200",
                           "/api/v1/accounts?page_size=200", "/api/v1/audit?page_size=200",
                           "/api/v1/items?page_size=200", "/api/v1/notices?page_size=200"}) {
    Response r = Call("GET", list, nullptr, &a);
    ASSERT_EQ(r.status, 200) << list;
    EXPECT_EQ(r.body.find("县市场监督管理局"), std::string::npos) << list;
    EXPECT_EQ(r.body.find(b_name), std::string::npos) << list;
    EXPECT_EQ(r.body.find("市场机密"), std::string::npos) << list;
  }
  // Nothing changed but the sign-in of jt_admin.
  EXPECT_EQ(AuditCount(), audit_before);
}

// A web root with the app's index.html, a hashed asset and a nested file, written before the
// StaticFiles (or Api) that reads it is made.
class WebRoot {
 public:
  WebRoot() {
    std::filesystem::create_directories(dir_.path() / "assets");
    std::ofstream(dir_.path() / "index.html") << "<html>app</html>";
    std::ofstream(dir_.path() / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(dir_.path() / "favicon.ico", std::ios::binary) << std::string("\0\1ico", 5);
  }
  const std::filesystem::path& path() const { return dir_.path(); }

 private:
  testing::TempDir dir_;
};

// ParseTarget, then Serve: what the server does with a request target.
std::optional<Response> ServeTarget(const StaticFiles& files, const std::string& target) {
  std::string path;
  std::multimap<std::string, std::string> query;
  EXPECT_TRUE(ParseTarget(target, path, query)) << target;
  return files.Serve(path);
}

TEST_F(ApiTest, StaticFilesServeTheAppAndFallBackToIndexForClientRoutes) {
  WebRoot web;
  Api api(*services_, codec_, {web.path(), false, "test"});
  auto call = [&](const std::string& target) {
    Request r;
    r.method = "GET";
    r.target = target;
    r.remote_address = "127.0.0.1";
    EXPECT_TRUE(ParseTarget(target, r.path, r.query));
    return api.Handle(r);
  };
  Response js = call("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(*js.Get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js.Get("Cache-Control")->find("immutable"), std::string::npos);
  Response ico = call("/favicon.ico");
  EXPECT_EQ(ico.status, 200);
  EXPECT_EQ(ico.body, std::string("\0\1ico", 5));
  for (const char* route : {"/", "/org/units", "/items/42", "/assessment/schemes/a.b"}) {
    Response r = call(route);
    EXPECT_EQ(r.status, 200) << route;
    EXPECT_EQ(r.body, "<html>app</html>") << route;
    EXPECT_EQ(*r.Get("Cache-Control"), "no-cache") << route;
  }
  EXPECT_EQ(call("/assets/missing.js").status, 404);
  EXPECT_EQ(call("/assets/new-page").status, 404) << "nothing under /assets/ is a route";
  EXPECT_EQ(call("/missing.css").status, 404) << "a missing static file is not the app";
  EXPECT_EQ(call("/../../etc/passwd").status, 400);
  EXPECT_EQ(call("/assets/%2e%2e/%2e%2e/etc/passwd").status, 400);
}

// Review C1: "//etc/passwd" made `root / "/etc/passwd"` the absolute path, and "%2F" decodes
// to it. Only files listed when the root was read are ever served.
TEST(StaticFilesTest, OnlyFilesOfTheWebRootAreServedWhateverThePath) {
  WebRoot web;
  StaticFiles files(web.path());
  ASSERT_TRUE(files.built());
  EXPECT_EQ(files.file_count(), 3u);
  const std::string outside = web.path().string() + "/../outside.txt";
  std::ofstream(outside) << "OUTSIDE";
  for (const std::string& target : std::vector<std::string>{
           "//etc/passwd", "/%2Fetc/passwd", "/%2F%2Fetc/hostname", "//proc/self/environ",
           "//proc/self/cwd/data/duban.db", "/%2fproc%2fself%2fcwd%2fdata%2f.demo-credentials",
           "/./index.html", "/assets/./app-1a2b.js", "/assets//app-1a2b.js", "/index.html/",
           "/%2e/index.html", "/..", "/../outside.txt", "/assets/..%2f..%2foutside.txt",
           "/assets\\app-1a2b.js", "/index.html%00.js", "/a%0d%0ab",
           "//" + web.path().string() + "/index.html"}) {
    SCOPED_TRACE(target);
    auto r = ServeTarget(files, target);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
    EXPECT_EQ(r->body.find("OUTSIDE"), std::string::npos);
    EXPECT_NE(r->body.find("路径无效"), std::string::npos) << r->body;
  }
  // An existing asset: the bytes exactly, and the same for HEAD's length.
  auto js = ServeTarget(files, "/assets/app-1a2b.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log(1)");
  // A file added after start-up is not in the list.
  std::ofstream(web.path() / "assets" / "late.js") << "late";
  EXPECT_EQ(ServeTarget(files, "/assets/late.js")->status, 404);
}

// An empty web root serves nothing at all: "" / "data/duban.db" was a path relative to the
// working directory.
TEST(StaticFilesTest, AnEmptyWebRootServesNothingRelativeToTheWorkingDirectory) {
  testing::TempDir cwd;
  std::filesystem::create_directories(cwd.path() / "data");
  std::ofstream(cwd.path() / "data" / "duban.db") << "SECRET-DB";
  std::ofstream(cwd.path() / "index.html") << "<html>cwd</html>";
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(cwd.path());
  StaticFiles empty{std::filesystem::path()};
  StaticFiles relative{std::filesystem::path("data")};  // no index.html: not a built UI
  std::filesystem::current_path(old);
  EXPECT_FALSE(empty.built());
  EXPECT_FALSE(relative.built());
  std::filesystem::current_path(cwd.path());
  EXPECT_FALSE(empty.Serve("/data/duban.db").has_value());
  EXPECT_FALSE(empty.Serve("/index.html").has_value());
  EXPECT_FALSE(relative.Serve("/duban.db").has_value());
  std::filesystem::current_path(old);
}

TEST_F(ApiTest, WithoutABuiltUiNonApiPathsAre404) {
  testing::TempDir cwd;
  std::filesystem::create_directories(cwd.path() / "data");
  std::ofstream(cwd.path() / "data" / "duban.db") << "SECRET-DB";
  Api api(*services_, codec_, {std::filesystem::path(), false, "test"});
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(cwd.path());
  Request r;
  r.method = "GET";
  r.target = "/data/duban.db";
  r.remote_address = "127.0.0.1";
  ASSERT_TRUE(ParseTarget(r.target, r.path, r.query));
  Response out = api.Handle(r);
  std::filesystem::current_path(old);
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.body.find("SECRET-DB"), std::string::npos);
  EXPECT_NE(out.body.find("界面未构建"), std::string::npos) << out.body;
}

// Review L1: a 5xx never carries internal text; the log has it under the request number the
// client is shown.
TEST(ErrorResponseTest, InternalErrorsAnswerAGenericMessageWithARequestNumber) {
  for (const Status& status : {Internal("secret detail /var/lib/duban/files/ab/cd"),
                               Unavailable("secret detail host=db.internal user=duban")}) {
    Response r = ErrorResponse(status);
    EXPECT_GE(r.status, 500);
    EXPECT_EQ(r.body.find("secret detail"), std::string::npos) << r.body;
    json body = json::parse(r.body);
    std::string id = body["error"]["details"]["request_id"];
    EXPECT_EQ(id.size(), 12u);
    EXPECT_NE(body["error"]["message"].get<std::string>().find("请求编号 " + id), std::string::npos)
        << r.body;
  }
  EXPECT_NE(ErrorResponse(Internal("x")).body, ErrorResponse(Internal("x")).body)
      << "each error gets its own number";
}

TEST_F(ApiTest, ServerErrorsAreGenericAndCarryTheSecurityHeaders) {
  Response crash = api_.ServerError(500, "GET /x 抛出异常: secret detail");
  EXPECT_EQ(crash.status, 500);
  EXPECT_EQ(crash.body.find("secret detail"), std::string::npos) << crash.body;
  EXPECT_NE(crash.body.find("请求编号"), std::string::npos) << crash.body;
  Response too_big = api_.ServerError(413, "请求体超过此接口的上限 8192 字节");
  EXPECT_EQ(Body(too_big)["error"]["code"], "payload_too_large");
  EXPECT_NE(too_big.body.find("8192"), std::string::npos) << "4xx messages are the client's";
  for (const Response* r : {&crash, &too_big}) {
    ASSERT_NE(r->Get("X-Content-Type-Options"), nullptr);
    ASSERT_NE(r->Get("Content-Security-Policy"), nullptr);
    EXPECT_EQ(r->Get("Strict-Transport-Security"), nullptr) << "plain http: no HSTS";
  }
}

// Review L6: the media type is parsed, not searched for a substring.
TEST_F(ApiTest, JsonBodiesNeedTheJsonMediaTypeExactly) {
  for (const char* type : {"application/json", "application/json; charset=utf-8",
                           "Application/JSON", " application/json ;charset=UTF-8"}) {
    EXPECT_TRUE(IsJsonMediaType(type)) << type;
  }
  for (const char* type :
       {"text/plain; x=application/json", "text/plain;application/json",
        "application/json-patch+json", "application/jsonx", "xapplication/json",
        "application/ json", "", "multipart/form-data; boundary=application/json"}) {
    EXPECT_FALSE(IsJsonMediaType(type)) << type;
    Request r;
    r.method = "POST";
    r.target = r.path = "/api/v1/session";
    r.remote_address = "127.0.0.1";
    r.headers["Content-Type"] = type;
    r.body = json{{"username", "admin"}, {"password", kPassword}}.dump();
    Response out = api_.Handle(r);
    EXPECT_EQ(out.status, 400) << type << " " << out.body;
    EXPECT_EQ(out.Get("Set-Cookie"), nullptr) << type;
  }
}

// Review M4: the body limit per route, chosen from the method and path alone.
TEST_F(ApiTest, BodyLimitsAreChosenPerRoute) {
  EXPECT_EQ(api_.BodyLimit("POST", "/api/v1/session"), kSignInBodyBytes);
  EXPECT_EQ(api_.BodyLimit("POST", "/api/v1/units"), kJsonBodyBytes);
  EXPECT_EQ(api_.BodyLimit("PUT", "/api/v1/calendar/2026"), kJsonBodyBytes);
  for (const char* upload : {"/api/v1/items/7/files", "/api/v1/items/import",
                             "/api/v1/assessment/events/3/files", "/api/v1/calendar/import"}) {
    EXPECT_EQ(api_.BodyLimit("POST", upload), 16u * 1024 * 1024) << upload;
  }
  EXPECT_EQ(api_.BodyLimit("GET", "/whatever"), kJsonBodyBytes);
}

// Review L19: behind TLS the cookie is __Host-duban_session with Secure, and answers carry HSTS;
// over plain http (local use) it stays duban_session.
TEST_F(ApiTest, SecureCookiesUseTheHostPrefixAndHsts) {
  Api secure(*services_, codec_, {web_.path(), true, "test"});
  auto call = [](Api& api, const std::string& method, const std::string& target,
                 const std::string& cookie, const json& body = nullptr) {
    Request r;
    r.method = method;
    r.target = target;
    r.remote_address = "127.0.0.1";
    EXPECT_TRUE(ParseTarget(target, r.path, r.query));
    if (!body.is_null()) {
      r.body = body.dump();
      r.headers["Content-Type"] = "application/json";
    }
    if (!cookie.empty()) r.headers["Cookie"] = cookie;
    return api.Handle(r);
  };
  const json credentials = {{"username", "admin"}, {"password", kPassword}};
  Response in = call(secure, "POST", "/api/v1/session", "", credentials);
  ASSERT_EQ(in.status, 200) << in.body;
  std::string cookie = *in.Get("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("__Host-duban_session=")) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
  ASSERT_NE(in.Get("Strict-Transport-Security"), nullptr);
  std::string token = cookie.substr(0, cookie.find(';'));
  EXPECT_EQ(call(secure, "GET", "/api/v1/me", token).status, 200);
  EXPECT_EQ(call(secure, "GET", "/api/v1/me", token.substr(std::string("__Host-").size())).status,
            401)
      << "the plain name is not the session cookie behind TLS";
  ASSERT_NE(call(secure, "GET", "/healthz", "").Get("Strict-Transport-Security"), nullptr);
  // Plain http: the old name, no Secure, no HSTS.
  Response plain = Call("POST", "/api/v1/session", credentials);
  ASSERT_EQ(plain.status, 200);
  EXPECT_TRUE(plain.Get("Set-Cookie")->starts_with("duban_session=")) << *plain.Get("Set-Cookie");
  EXPECT_EQ(plain.Get("Set-Cookie")->find("Secure"), std::string::npos);
  EXPECT_EQ(plain.Get("Strict-Transport-Security"), nullptr);
}

// Issue 13 item 4: an error keeps its code, message and details, and a fixed sentence also
// carries a stable key the UI can translate; a message with context or a varying text gets the
// key only where the API names it.
TEST_F(ApiTest, ErrorsCarryAStableKeyForKnownSentences) {
  json unauthenticated = Body(Call("GET", "/api/v1/me"))["error"];
  EXPECT_EQ(unauthenticated["code"], "unauthenticated");
  EXPECT_EQ(unauthenticated["message"], "未登录或会话已过期");
  EXPECT_TRUE(unauthenticated.contains("details"));
  EXPECT_EQ(unauthenticated["key"], "session.expired");

  json wrong = Body(
      Call("POST", "/api/v1/session", {{"username", "admin"}, {"password", "nope-1234"}}))["error"];
  EXPECT_EQ(wrong["key"], "session.bad_credentials");

  Session& s = admin();
  json csrf = Body(
      Call("POST", "/api/v1/units", {{"parent_id", 1}, {"name", "新单位"}}, &s, false))["error"];
  EXPECT_EQ(csrf["key"], "session.csrf_failed");

  json no_route = Body(Call("GET", "/api/v1/no-such-thing", nullptr, &s))["error"];
  EXPECT_EQ(no_route["code"], "not_found");
  EXPECT_EQ(no_route["key"], "request.no_such_route");

  // A message of its own (here naming the field) has a code but no key.
  json bad = Body(Call("POST", "/api/v1/units", {{"parent_id", 1}, {"name", 7}}, &s))["error"];
  EXPECT_EQ(bad["code"], "invalid_argument");
  EXPECT_FALSE(bad.contains("key"));

  EXPECT_EQ(MessageKey("未登录或会话已过期"), "session.expired");
  EXPECT_EQ(MessageKey("事项 X: 未登录或会话已过期"), "");
}

}  // namespace
}  // namespace duban::http
