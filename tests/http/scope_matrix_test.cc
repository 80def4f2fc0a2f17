// The role and scope matrix of SPEC §1, generated from the router's route table: every route ×
// every role × a target inside the caller's unit subtree (unit A, the transport bureau) and one
// outside it (unit B, the market bureau, a sibling).
//  - inside: the roles the table names get a 2xx; every other role gets 403 and changes nothing;
//  - outside: every role gets 403 or 404 (or an empty list), nothing of B appears in the body,
//    and nothing changes.
// A route without an entry fails the test, and so does an entry without a route. To add a
// route, add one line to Matrix(): its roles and a function that builds a request aimed at A or
// B (the fixture helpers make fresh units, people, items... on either side).
#include <functional>
#include <set>

#include "http/api_fixture.h"

namespace duban::http {
namespace {

enum class Side { kInside, kOutside };

// Every fixture made in B carries this in its name: it must never appear in a response to a
// caller in A.
constexpr char kMarkerB[] = "市场机密";

struct Probe {
  Probe(std::string m, std::string t, json b = nullptr)
      : method(std::move(m)), target(std::move(t)), body(std::move(b)) {}
  std::string method, target;
  json body = nullptr;            // sent as JSON unless raw_body is set
  std::string raw_body;           // sent as is (uploads, CSV, calendars)
  std::string content_type;       // for raw_body
  std::optional<int> also_ok;     // an outside status that is also a refusal (e.g. 422 row errors)
  bool fresh_session = false;     // sign in anew for this probe (sign-out, password change)
  bool outside_may_list = false;  // outside: a 200 is fine when nothing of B is in it
  int refused_inside = 403;       // inside, for a role not allowed (404: not even seen)
};

// One way to use a route: who may (inside A), and the request (inside or outside).
struct Case {
  std::set<Role> allowed;
  std::function<Probe(Side, Role)> make;
  bool unit_data = true;  // false: no unit's data is involved (health, the national calendar)
};

const std::set<Role> kEveryone(std::begin(kAllRoles), std::end(kAllRoles));
const std::set<Role> kAdmin = {Role::kAdmin};
const std::set<Role> kSupervisors = {Role::kAdmin, Role::kSupervisor};
const std::set<Role> kHandlers = {Role::kAdmin, Role::kHandler};
const std::set<Role> kAuditReaders = {Role::kAdmin, Role::kSupervisor, Role::kLeader};
const std::set<Role> kActors = {Role::kAdmin, Role::kSupervisor, Role::kLeader, Role::kHandler};
const std::set<Role> kNobodyBelowTheTop = {};  // only an admin of the top-level unit

class ScopeMatrixTest : public ApiTest {
 protected:
  ScopeMatrixTest() {
    // Bulletins print to "PDF" without Chromium here; the printing has tests of its own.
    codec_ = TestCodec(/*print_pdf=*/false);
  }

  // A request as `s`, from an address of its own (the per-address sign-in limit is not under
  // test here).
  Response Send(const Probe& p, const Session* s) {
    Request r;
    r.method = p.method;
    r.target = p.target;
    r.remote_address = "10.1.0." + std::to_string(++requests_ % 250);
    EXPECT_TRUE(ParseTarget(p.target, r.path, r.query)) << p.target;
    if (!p.raw_body.empty()) {
      r.body = p.raw_body;
      if (!p.content_type.empty()) r.headers["Content-Type"] = p.content_type;
    } else if (!p.body.is_null()) {
      r.body = p.body.dump();
      r.headers["Content-Type"] = "application/json";
    }
    if (s) {
      r.headers["Cookie"] = "duban_session=" + s->cookie;
      r.headers["X-CSRF-Token"] = s->csrf;
    }
    return api_.Handle(r);
  }

  // As the county admin, expecting success; returns the body.
  json Root(const std::string& method, const std::string& target, const json& body = nullptr) {
    Response r = Call(method, target, body, &admin());
    EXPECT_LT(r.status, 300) << method << " " << target << " " << body.dump() << " -> " << r.body;
    return r.body.empty() ? json() : Body(r);
  }

  std::string Name(Side side, const std::string& what) {
    return (side == Side::kOutside ? std::string(kMarkerB) : std::string("甲")) + what +
           std::to_string(++serial_);
  }
  int64_t UnitOf(Side side) { return side == Side::kInside ? a_ : b_; }

  // Fresh fixtures on either side, made by the county admin.
  int64_t NewUnit(Side side) {
    return Root("POST", "/api/v1/units",
                {{"parent_id", UnitOf(side)}, {"name", Name(side, "股")}})["id"];
  }
  int64_t NewPerson(Side side) {
    return Root("POST", "/api/v1/people",
                {{"unit_id", UnitOf(side)}, {"name", Name(side, "人")}})["id"];
  }
  int64_t NewAccount(Side side, Role role = Role::kViewer) {
    return Root("POST", "/api/v1/accounts",
                {{"username", "user" + std::to_string(++serial_)},
                 {"password", kPassword},
                 {"unit_id", UnitOf(side)},
                 {"roles", {std::string(RoleName(role))}}})["id"];
  }
  // An item of the side's unit in `status`: draft, assigned (to the same unit), in_progress,
  // or extension (in progress with an extension requested).
  int64_t NewItem(Side side, const std::string& status = "draft") {
    int64_t id = Root("POST", "/api/v1/items",
                      {{"title", Name(side, "事项")}, {"unit_id", UnitOf(side)}})["id"];
    std::string path = "/api/v1/items/" + std::to_string(id);
    if (status == "draft") return id;
    Root("POST", path + "/assign",
         {{"responsible_unit_id", UnitOf(side)}, {"deadline_working_days", 10}});
    if (status == "assigned") return id;
    Root("POST", path + "/accept", json::object());
    if (status == "in_progress") return id;
    Root("POST", path + "/extend", {{"new_deadline", "2027-03-31"}, {"reason", "工程量大"}});
    return id;
  }
  int64_t NewNotice(Side side) {
    return Root(
        "POST", "/api/v1/notices",
        {{"item_id", NewItem(side, "assigned")}, {"level", "reminder"}, {"reason", "催办"}})["id"];
  }
  int64_t NewFile(Side side) {
    Probe up{"POST", "/api/v1/items/" + std::to_string(NewItem(side)) + "/files?name=note.txt"};
    up.raw_body = "现场核查记录 " + Name(side, "");
    Response r = Send(up, &admin());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"];
  }
  int64_t NewCampaign(Side side) {
    return Root("POST", "/api/v1/campaigns",
                {{"name", Name(side, "专项")}, {"unit_id", UnitOf(side)}})["id"];
  }
  // Assessment: a unit scheme s1 (加减分 only) and a person scheme p1, made once.
  void Schemes() {
    if (schemes_) return;
    schemes_ = true;
    json bonus = {{"key", "bonus"},
                  {"name", "加减分"},
                  {"formula", "event_sum"},
                  {"max_points", 0},
                  {"cap", 5}};
    Root("PUT", "/api/v1/assessment/schemes/s1", {{"name", "考核"}, {"indicators", {bonus}}});
    Root("PUT", "/api/v1/assessment/schemes/p1",
         {{"name", "积分"}, {"subject_type", "person"}, {"indicators", {bonus}}});
  }
  json PointsOn(Side side) {
    Schemes();
    return {{"scheme", "s1"},       {"kind", "points"}, {"subject_id", UnitOf(side)},
            {"indicator", "bonus"}, {"points", -0.5},   {"reason", Name(side, "迟报")}};
  }
  int64_t NewGrant(Side side) {
    Schemes();
    return Root(
        "POST", "/api/v1/assessment/schemes/s1/evaluators",
        {{"account_id", NewAccount(side, Role::kEvaluator)}, {"unit_id", UnitOf(side)}})["id"];
  }
  // A member's self-reported points, pending the branch's approval.
  int64_t NewPendingPoints(Side side) {
    Schemes();
    int64_t person = NewPerson(side);
    std::string username = "member" + std::to_string(++serial_);
    Root("POST", "/api/v1/accounts",
         {{"username", username},
          {"password", kPassword},
          {"unit_id", UnitOf(side)},
          {"person_id", person},
          {"roles", {"handler"}}});
    // As the member, through the service (signing in hundreds of members from one address
    // would meet the sign-in throttle, which is not under test here).
    Account account;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> Status {
                      DUBAN_ASSIGN_OR_RETURN(account, tx.accounts().FindByUsername(username));
                      return Status::Ok();
                    })
                    .ok());
    AssessmentEventInput in;
    in.scheme_key = "p1";
    in.kind = "points";
    in.subject_type = "person";
    in.subject_id = person;
    in.indicator_key = "bonus";
    in.points = 1;
    in.reason = "学习";
    auto event = assessment_.AddEvent(Caller::ForAccount(account), in);
    EXPECT_TRUE(event.ok()) << event.status().ToString();
    EXPECT_EQ(event.ok() ? event->status : "", "pending");
    return event.ok() ? event->id : 0;
  }
  // An approved point event of the side's unit, filed by the top unit's admin.
  int64_t NewPointsEvent(Side side) {
    return Root("POST", "/api/v1/assessment/events", PointsOn(side))["id"];
  }
  // An evidence file of such an event.
  int64_t NewEventFile(Side side) {
    Probe up{"POST", "/api/v1/assessment/events/" + std::to_string(NewPointsEvent(side)) +
                         "/files?name=scan.txt"};
    up.raw_body = "扣分依据 " + Name(side, "");
    Response r = Send(up, &admin());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"];
  }
  // A stored result of a unit below the side's unit.
  int64_t NewResult(Side side) {
    Schemes();
    NewUnit(side);
    json results = Root("POST", "/api/v1/assessment/results/compute",
                        {{"scheme", "s1"}, {"period", "2026-11"}, {"unit", UnitOf(side)}});
    return results["items"][0]["id"];
  }

  // A one-day period of its own (the register takes each period once per unit).
  std::string NewPeriod() {
    Date d = std::chrono::year_month_day(std::chrono::sys_days(*ParseDate("2024-01-01")) +
                                         std::chrono::days(++serial_));
    return FormatDate(d) + ".." + FormatDate(d);
  }
  // A bulletin of the side's unit issued into the register.
  int64_t NewIssuedBulletin(Side side) {
    return Root("POST", "/api/v1/bulletins/issued",
                {{"period", NewPeriod()}, {"unit", UnitOf(side)}})["record"]["id"];
  }

  std::string UnitName(Side side) {
    return side == Side::kInside ? "县交通运输局" : "县市场监督管理局";
  }

  // SPEC §1, route by route.
  std::map<std::string, std::vector<Case>> Matrix() {
    auto id = [](int64_t v) { return std::to_string(v); };
    auto get = [](std::string target) {
      return [target](Side, Role) { return Probe{"GET", target}; };
    };
    auto item_action = [this, id](const char* action, const char* status, json body) {
      return [=, this](Side side, Role) {
        return Probe{"POST", "/api/v1/items/" + id(NewItem(side, status)) + "/" + action, body};
      };
    };
    auto bulletin = [this, id](const std::string& path) {
      return [=, this](Side side, Role) {
        return Probe{"GET", path + "?period=2026-11&unit=" + id(UnitOf(side))};
      };
    };
    const bool no_unit = false;
    return {
        {"GET /healthz", {{kEveryone, get("/healthz"), no_unit}}},
        {"GET /metrics", {{kEveryone, get("/metrics"), no_unit}}},
        {"GET /api/v1/openapi.json", {{kEveryone, get("/api/v1/openapi.json"), no_unit}}},
        {"POST /api/v1/session",
         {{kEveryone,
           [](Side, Role role) {
             return Probe{
                 "POST",
                 "/api/v1/session",
                 {{"username", "m_" + std::string(RoleName(role))}, {"password", kPassword}}};
           },
           no_unit}}},
        {"DELETE /api/v1/session",
         {{kEveryone,
           [](Side, Role) {
             Probe p{"DELETE", "/api/v1/session"};
             p.fresh_session = true;
             return p;
           },
           no_unit}}},
        {"GET /api/v1/me", {{kEveryone, get("/api/v1/me"), no_unit}}},
        {"PUT /api/v1/me/password",
         {{kEveryone,
           [](Side, Role) {
             Probe p{"PUT",
                     "/api/v1/me/password",
                     {{"old_password", kPassword}, {"new_password", "Changed-pass-9"}}};
             p.fresh_session = true;
             return p;
           },
           no_unit}}},
        // ---- the organisation: reads for all in scope, changes for the admin (SPEC §1)
        {"GET /api/v1/units",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/units?parent_id=" + id(UnitOf(s))};
           }}}},
        {"POST /api/v1/units",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{
                 "POST", "/api/v1/units", {{"parent_id", UnitOf(s)}, {"name", Name(s, "新")}}};
           }}}},
        {"GET /api/v1/units/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/units/" + id(NewUnit(s))};
           }}}},
        {"PATCH /api/v1/units/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"PATCH", "/api/v1/units/" + id(NewUnit(s)), {{"name", Name(s, "改")}}};
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // moving a unit of A under B
             return Probe{"PATCH",
                          "/api/v1/units/" + id(NewUnit(Side::kInside)),
                          {{"parent_id", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/people",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/people?unit_id=" + id(UnitOf(s))};
           }}}},
        {"POST /api/v1/people",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{
                 "POST", "/api/v1/people", {{"unit_id", UnitOf(s)}, {"name", Name(s, "新")}}};
           }}}},
        {"GET /api/v1/people/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/people/" + id(NewPerson(s))};
           }}}},
        {"PATCH /api/v1/people/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"PATCH", "/api/v1/people/" + id(NewPerson(s)), {{"name", Name(s, "改")}}};
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // moving a person of A to B
             return Probe{"PATCH",
                          "/api/v1/people/" + id(NewPerson(Side::kInside)),
                          {{"unit_id", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/accounts",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/accounts?unit_id=" + id(UnitOf(s))};
           }}}},
        {"POST /api/v1/accounts",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"POST",
                          "/api/v1/accounts",
                          {{"username", "new" + std::to_string(++serial_)},
                           {"password", kPassword},
                           {"unit_id", UnitOf(s)},
                           {"roles", {"viewer"}}}};
           }}}},
        {"GET /api/v1/accounts/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/accounts/" + id(NewAccount(s))};
           }}}},
        {"PATCH /api/v1/accounts/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{
                 "PATCH", "/api/v1/accounts/" + id(NewAccount(s)), {{"password", "Owned-pass-1"}}};
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // moving an account of A to B
             return Probe{"PATCH",
                          "/api/v1/accounts/" + id(NewAccount(Side::kInside)),
                          {{"unit_id", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/audit",
         {{kAuditReaders,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/audit?entity_type=unit&entity_id=" + id(NewUnit(s))};
           }}}},
        // ---- the loop: reads for all in scope; registering and assigning for supervisors;
        // the responsible side's steps for handlers (SPEC §1, §3)
        {"GET /api/v1/items",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/items?unit=" + id(UnitOf(s))};
           }},
          {kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/items?responsible_unit=" + id(UnitOf(s))};
           }},
          {kEveryone,
           [=, this](Side s, Role) {
             NewItem(s);
             return Probe{"GET", std::string("/api/v1/items?q=") +
                                     (s == Side::kOutside ? kMarkerB : "甲事项")};
           }}}},
        {"POST /api/v1/items",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{
                 "POST", "/api/v1/items", {{"title", Name(s, "新事项")}, {"unit_id", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/items/export.xlsx",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/items/export.xlsx?unit=" + id(UnitOf(s))};
           }}}},
        {"GET /api/v1/items/import-template.xlsx",
         {{kEveryone, get("/api/v1/items/import-template.xlsx"), no_unit}}},
        {"POST /api/v1/items/import",
         {{kSupervisors,
           [=, this](Side s, Role) {
             Probe p{"POST", "/api/v1/items/import?mode=all"};
             p.raw_body =
                 "问题描述,问题来源,所在单位\n" + Name(s, "导入") + ",自查," + UnitName(s) + "\n";
             p.content_type = "text/csv";
             p.also_ok = 422;  // a row naming a unit out of scope is refused with its row
             return p;
           }}}},
        {"GET /api/v1/items/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/items/" + id(NewItem(s))};
           }}}},
        {"PATCH /api/v1/items/{id}",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"PATCH", "/api/v1/items/" + id(NewItem(s)), {{"title", Name(s, "改")}}};
           }}}},
        {"POST /api/v1/items/{id}/files",
         {{kActors,
           [=, this](Side s, Role) {
             Probe p{"POST", "/api/v1/items/" + id(NewItem(s)) + "/files?name=evidence.txt"};
             p.raw_body = "整改照片说明";
             return p;
           }}}},
        {"POST /api/v1/items/{id}/{action}",
         {{kSupervisors, item_action("assign", "draft",
                                     {{"responsible_unit_id", a_}, {"deadline_working_days", 5}})},
          {kSupervisors,
           [=, this](Side s, Role) {  // assigning an item of A to B
             return Probe{"POST",
                          "/api/v1/items/" + id(NewItem(Side::kInside)) + "/assign",
                          {{"responsible_unit_id", UnitOf(s)}, {"deadline_working_days", 5}}};
           }},
          {kHandlers, item_action("accept", "assigned", json::object())},
          {kHandlers,
           item_action("report", "in_progress", {{"text", "已完成一半"}, {"progress", 50}})},
          {kAuditReaders, item_action("decide_extension", "extension", {{"approve", true}})},
          {kSupervisors, item_action("cancel", "draft", {{"reason", "重复登记"}})}}},
        {"GET /api/v1/files/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/files/" + id(NewFile(s))};
           }}}},
        {"GET /api/v1/dashboard",
         {{kEveryone,
           [=, this](Side s, Role) {
             NewItem(s, "assigned");
             Probe p{"GET", "/api/v1/dashboard"};
             p.outside_may_list = true;  // A's own work, without B's
             return p;
           }}}},
        {"GET /api/v1/notices",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/notices?item_id=" + id(NewItem(s, "assigned"))};
           }}}},
        {"POST /api/v1/notices",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{
                 "POST",
                 "/api/v1/notices",
                 {{"item_id", NewItem(s, "assigned")}, {"level", "reminder"}, {"reason", "催办"}}};
           }}}},
        {"POST /api/v1/notices/{id}/respond",
         {{{Role::kAdmin, Role::kLeader, Role::kHandler},
           [=, this](Side s, Role) {
             return Probe{
                 "POST", "/api/v1/notices/" + id(NewNotice(s)) + "/respond", {{"text", "已整改"}}};
           }}}},
        {"POST /api/v1/sweep",
         {{kSupervisors,
           [](Side, Role) {
             return Probe{"POST", "/api/v1/sweep"};
           },
           no_unit}}},
        // ---- the national work calendar: everyone reads it; only the top unit's admin edits
        {"GET /api/v1/calendar", {{kEveryone, get("/api/v1/calendar"), no_unit}}},
        {"GET /api/v1/calendar/deadline",
         {{kEveryone, get("/api/v1/calendar/deadline?from=2026-11-02&working_days=3"), no_unit}}},
        {"GET /api/v1/calendar/{year}", {{kEveryone, get("/api/v1/calendar/2026"), no_unit}}},
        {"PUT /api/v1/calendar/{year}",
         {{kNobodyBelowTheTop,
           [](Side, Role) {
             return Probe{"PUT", "/api/v1/calendar/2027", {{"days", json::array()}}};
           },
           no_unit}}},
        {"POST /api/v1/calendar/import",
         {{kNobodyBelowTheTop,
           [](Side, Role) {
             return Probe{
                 "POST", "/api/v1/calendar/import", {{"years", {{"2027", json::array()}}}}};
           },
           no_unit}}},
        // ---- campaigns: read in scope; configured by supervisors
        {"GET /api/v1/campaigns",
         {{kEveryone,
           [=, this](Side s, Role) {
             NewCampaign(s);
             Probe p{"GET", "/api/v1/campaigns?page_size=200"};
             p.outside_may_list = true;  // A's own campaigns, without B's
             return p;
           }}}},
        {"POST /api/v1/campaigns",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"POST",
                          "/api/v1/campaigns",
                          {{"name", Name(s, "新专项")}, {"unit_id", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/campaigns/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/campaigns/" + id(NewCampaign(s))};
           }}}},
        {"PATCH /api/v1/campaigns/{id}",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{
                 "PATCH", "/api/v1/campaigns/" + id(NewCampaign(s)), {{"name", Name(s, "改")}}};
           }}}},
        // ---- bulletins: anyone may see the figures of a unit in scope
        {"GET /api/v1/bulletins", {{kEveryone, bulletin("/api/v1/bulletins")}}},
        {"GET /api/v1/bulletins/export.xlsx",
         {{kEveryone, bulletin("/api/v1/bulletins/export.xlsx")}}},
        {"GET /api/v1/bulletins/export.docx",
         {{kEveryone, bulletin("/api/v1/bulletins/export.docx")}}},
        {"GET /api/v1/bulletins/export.pdf",
         {{kEveryone, bulletin("/api/v1/bulletins/export.pdf")}}},
        // ---- the register: supervisors issue; anyone reads what was issued in scope
        {"GET /api/v1/bulletins/issued",
         {{kEveryone,
           [=, this](Side s, Role) {
             NewIssuedBulletin(s);
             Probe p{"GET", "/api/v1/bulletins/issued?page_size=200"};
             p.outside_may_list = true;
             return p;
           }}}},
        {"POST /api/v1/bulletins/issued",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"POST",
                          "/api/v1/bulletins/issued",
                          {{"period", NewPeriod()}, {"unit", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/bulletins/issued/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/bulletins/issued/" + id(NewIssuedBulletin(s))};
           }}}},
        {"GET /api/v1/bulletins/issued/{id}/export.xlsx",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET",
                          "/api/v1/bulletins/issued/" + id(NewIssuedBulletin(s)) + "/export.xlsx"};
           }}}},
        {"GET /api/v1/bulletins/issued/{id}/export.docx",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET",
                          "/api/v1/bulletins/issued/" + id(NewIssuedBulletin(s)) + "/export.docx"};
           }}}},
        {"GET /api/v1/bulletins/issued/{id}/export.pdf",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET",
                          "/api/v1/bulletins/issued/" + id(NewIssuedBulletin(s)) + "/export.pdf"};
           }}}},
        // ---- assessment: schemes are the system's (edited by the top unit's admin); events
        // and results are the subjects' data
        {"GET /api/v1/assessment/metrics",
         {{kEveryone, get("/api/v1/assessment/metrics"), no_unit}}},
        {"GET /api/v1/assessment/schemes",
         {{kEveryone, get("/api/v1/assessment/schemes"), no_unit}}},
        {"GET /api/v1/assessment/schemes/{key}",
         {{{Role::kAdmin, Role::kSupervisor, Role::kLeader, Role::kHandler, Role::kViewer},
           [=, this](Side, Role) {  // an evaluator sees only the schemes given to them
             Schemes();
             return Probe{"GET", "/api/v1/assessment/schemes/s1"};
           },
           no_unit}}},
        {"PUT /api/v1/assessment/schemes/{key}",
         {{kNobodyBelowTheTop,
           [=, this](Side, Role) {
             Schemes();
             return Probe{"PUT",
                          "/api/v1/assessment/schemes/s1",
                          {{"name", "考核"}, {"indicators", json::array()}}};
           },
           no_unit}}},
        {"GET /api/v1/assessment/schemes/{key}/evaluators",
         {{kEveryone,
           [=, this](Side s, Role) {
             NewGrant(s);
             Probe p{"GET", "/api/v1/assessment/schemes/s1/evaluators"};
             p.outside_may_list = true;  // A's grants, without B's
             return p;
           }}}},
        {"POST /api/v1/assessment/schemes/{key}/evaluators",
         {{kAdmin,
           [=, this](Side s, Role) {
             Schemes();
             return Probe{
                 "POST",
                 "/api/v1/assessment/schemes/s1/evaluators",
                 {{"account_id", NewAccount(s, Role::kEvaluator)}, {"unit_id", UnitOf(s)}}};
           }}}},
        {"DELETE /api/v1/assessment/evaluators/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"DELETE", "/api/v1/assessment/evaluators/" + id(NewGrant(s))};
           }}}},
        {"GET /api/v1/assessment/my-subjects",
         {{kEveryone, get("/api/v1/assessment/my-subjects"), no_unit}}},
        {"GET /api/v1/assessment/events",
         {{kEveryone,
           [=, this](Side s, Role) {
             Root("POST", "/api/v1/assessment/events", PointsOn(s));
             Probe p{"GET", "/api/v1/assessment/events?scheme=s1"};
             p.outside_may_list = true;  // A's events, without B's
             return p;
           }}}},
        {"POST /api/v1/assessment/events",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"POST", "/api/v1/assessment/events", PointsOn(s)};
           }}}},
        {"POST /api/v1/assessment/events/{id}/approve",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"POST",
                          "/api/v1/assessment/events/" + id(NewPendingPoints(s)) + "/approve"};
           }}}},
        {"POST /api/v1/assessment/events/{id}/reject",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{"POST",
                          "/api/v1/assessment/events/" + id(NewPendingPoints(s)) + "/reject"};
           }}}},
        {"POST /api/v1/assessment/events/{id}/files",
         {{kSupervisors,  // and the filer of a pending self-report (AssessmentApiTest)
           [=, this](Side s, Role r) {
             Probe p{"POST",
                     "/api/v1/assessment/events/" + id(NewPointsEvent(s)) + "/files?name=scan.txt"};
             p.raw_body = "扣分依据";
             // Another's entry does not exist for an evaluator (security review L11).
             if (r == Role::kEvaluator) p.refused_inside = 404;
             return p;
           }}}},
        {"GET /api/v1/assessment/files/{id}",
         {{{Role::kAdmin, Role::kSupervisor, Role::kLeader, Role::kHandler, Role::kViewer},
           [=, this](Side s, Role r) {  // an evaluator sees the evidence of their own entries only
             Probe p{"GET", "/api/v1/assessment/files/" + id(NewEventFile(s))};
             if (r == Role::kEvaluator) p.refused_inside = 404;  // not 403 (security review L11)
             return p;
           }}}},
        {"POST /api/v1/assessment/results/compute",
         {{kSupervisors,
           [=, this](Side s, Role) {
             Schemes();
             NewUnit(s);
             return Probe{"POST",
                          "/api/v1/assessment/results/compute",
                          {{"scheme", "s1"}, {"period", "2026-11"}, {"unit", UnitOf(s)}}};
           }}}},
        {"GET /api/v1/assessment/results",
         {{kEveryone,
           [=, this](Side s, Role) {
             NewResult(s);
             return Probe{"GET", "/api/v1/assessment/results?scheme=s1&period=2026-11&unit=" +
                                     id(UnitOf(s))};
           }}}},
        {"GET /api/v1/assessment/results/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/assessment/results/" + id(NewResult(s))};
           }}}},
    };
  }

  int64_t a_ = 0, b_ = 0;
  bool schemes_ = false;
  int serial_ = 0;
  int requests_ = 0;
};

TEST_F(ScopeMatrixTest, EveryRouteRespectsRolesAndScope) {
  a_ = UnitId("QS-JT");
  b_ = UnitId("QS-SJ");
  // One account per role in A, with that role only.
  std::map<Role, Session> sessions;
  for (Role role : kAllRoles) {
    std::string username = "m_" + std::string(RoleName(role));
    Root("POST", "/api/v1/accounts",
         {{"username", username},
          {"password", kPassword},
          {"unit_id", a_},
          {"roles", {std::string(RoleName(role))}}});
    sessions[role] = SignIn(username);
  }
  auto matrix = Matrix();
  for (const auto& [key, cases] : matrix) {
    bool found = false;
    for (const Route& r : api_.routes()) found = found || r.method + " " + r.pattern == key;
    EXPECT_TRUE(found) << "the matrix names a route that does not exist: " << key;
  }
  int routes = 0, probes = 0, with_scope = 0;
  for (const Route& route : api_.routes()) {
    std::string key = route.method + " " + route.pattern;
    ASSERT_TRUE(matrix.count(key)) << "route " << key << " has no entry in the scope matrix";
    ++routes;
    bool scoped = false;
    for (const Case& c : matrix[key]) {
      scoped = scoped || c.unit_data;
      for (Role role : kAllRoles) {
        for (Side side : {Side::kInside, Side::kOutside}) {
          if (side == Side::kOutside && !c.unit_data) continue;
          SCOPED_TRACE(key + " as " + std::string(RoleName(role)) +
                       (side == Side::kInside ? " inside A" : " outside, in B"));
          Probe p = c.make(side, role);
          Session session = sessions[role];
          if (p.fresh_session) {
            std::string user = "fresh" + std::to_string(++serial_);
            Root("POST", "/api/v1/accounts",
                 {{"username", user},
                  {"password", kPassword},
                  {"unit_id", a_},
                  {"roles", {std::string(RoleName(role))}}});
            session = SignIn(user);
          }
          const bool public_route = route.access == Access::kPublic;
          int64_t audit_before = AuditCount();
          Response r = Send(p, public_route ? nullptr : &session);
          ++probes;
          if (side == Side::kInside) {
            if (c.allowed.count(role)) {
              EXPECT_GE(r.status, 200) << p.target << " " << r.body;
              EXPECT_LT(r.status, 300) << p.target << " " << r.body;
            } else {
              EXPECT_EQ(r.status, p.refused_inside) << p.target << " " << r.body;
            }
          } else {
            bool refused = r.status == 403 || r.status == 404 || r.status == p.also_ok;
            bool empty = r.status == 200 && (p.outside_may_list ||
                                             (Body(r).contains("total") && Body(r)["total"] == 0));
            EXPECT_TRUE(refused || empty) << p.target << " -> " << r.status << " " << r.body;
            // B's data must not come back, unless the caller sent it (an error may quote it).
            std::string sent = p.target + p.raw_body + (p.body.is_null() ? "" : p.body.dump());
            for (std::string b_data : {std::string(kMarkerB), std::string("县市场监督管理局")}) {
              if (sent.find(b_data) != std::string::npos) continue;
              EXPECT_EQ(r.body.find(b_data), std::string::npos) << "leaked B: " << r.body;
            }
          }
          if (r.status >= 400) {
            EXPECT_EQ(AuditCount(), audit_before) << "a refused request changed something";
          }
        }
      }
    }
    with_scope += scoped;
  }
  std::printf(
      "scope matrix: %d of %zu routes covered (100%%), %d with unit data probed inside "
      "and outside the caller's subtree, %zu roles, %d requests\n",
      routes, api_.routes().size(), with_scope, std::size(kAllRoles), probes);
}

}  // namespace
}  // namespace duban::http
