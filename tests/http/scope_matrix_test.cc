// The role and scope matrix of SPEC §1, generated from the router's route table: every route ×
// every role × a target inside the caller's unit subtree (unit A, the transport bureau) and one
// outside it (unit B, the market bureau, a sibling).
//  - inside: the roles the table names get a 2xx; every other role gets 403 and changes nothing;
//  - outside: every role gets 403 or 404 (or an empty list), nothing of B appears in the body,
//    and nothing changes.
// "Changes nothing" is the whole record: the audit count, the row count of every table, and the
// JSON of the resource the request names and of every row its body refers to, as the county
// admin reads them before and after.
// A route without an entry fails the test, and so does an entry without a route. To add a
// route, add one line to Matrix(): its roles and a function that builds a request aimed at A or
// B (the fixture helpers make fresh units, people, items... on either side).
// Beside it: items of a third unit handled by A (the responsible side), callers one level up
// (the county) and one level down (a section of A, which sees neither A nor its sibling), and
// the static-file fallback, which is no route.
//
// A probe of a rule the code does not meet yet carries `known_gap`, the finding of the December
// review it shows (C1, L8, ...): while the code breaks the rule the runner reports it and stays
// green; once the code keeps it, the runner fails and asks for the flag to go.
#include <unistd.h>

#include <functional>
#include <set>
#include <utility>

#include "http/api_fixture.h"

namespace duban::http {
namespace {

enum class Side { kInside, kOutside };

// Every fixture made on the outside carries this in its name: it must never appear in a
// response to a caller inside.
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
  // More GET targets a refusal must leave as they were (the runner adds the resource of the
  // target and every row the body names).
  std::vector<std::string> watch;
  std::set<Role> not_seen_by;  // inside, roles not allowed that get 404 instead of 403
};

// One way to use a route: who may (inside A), and the request (inside or outside).
struct Case {
  std::set<Role> allowed;
  std::function<Probe(Side, Role)> make;
  bool unit_data = true;  // false: no unit's data is involved (health, the national calendar)
  // The review finding this case shows while the code breaks its rule (see the file comment).
  const char* known_gap = nullptr;
  // An ancestor's row that every unit below may read by design (a county campaign): not
  // probed when the outside is the caller's own parent.
  bool ancestors_read = false;
};

using Matrix = std::map<std::string, std::vector<Case>>;

const std::set<Role> kEveryone(std::begin(kAllRoles), std::end(kAllRoles));
const std::set<Role> kAdmin = {Role::kAdmin};
const std::set<Role> kSupervisors = {Role::kAdmin, Role::kSupervisor};
const std::set<Role> kHandlers = {Role::kAdmin, Role::kHandler};
const std::set<Role> kAuditReaders = {Role::kAdmin, Role::kSupervisor, Role::kLeader};
const std::set<Role> kActors = {Role::kAdmin, Role::kSupervisor, Role::kLeader, Role::kHandler};
const std::set<Role> kResponders = {Role::kAdmin, Role::kLeader, Role::kHandler};
const std::set<Role> kNobodyBelowTheTop = {};  // only an admin of the top-level unit
const std::set<Role> kNobody = {};

struct Sides {
  bool inside = true;   // probe the inside (a second run with another outside may not)
  bool outside = true;  // probe the outside (a caller at the top has none)
  // b_ is above the caller: cases whose rows an ancestor's units may read by design are
  // left out.
  bool outside_is_ancestor = false;
};

// What a refused request must leave as it was.
struct Snapshot {
  int64_t audit = 0;
  std::map<std::string, int64_t> rows;           // table -> row count
  std::map<std::string, std::string> resources;  // GET target -> status and body
};

// What the five checks of a close-out submission look like when all are affirmed.
json AllChecks() {
  return {{"cause_found", true},
          {"measures_done", true},
          {"rectified", true},
          {"accountability", true},
          {"public_satisfied", true}};
}

class ScopeMatrixTest : public ApiTest {
 protected:
  ScopeMatrixTest() {
    // Bulletins print to "PDF" without Chromium here; the printing has tests of its own.
    codec_ = TestCodec(/*print_pdf=*/false);
  }

  // A request as `s`, from an address of its own (the per-address sign-in limit is not under
  // test here).
  Response Send(const Probe& p, const Session* s, Api* api = nullptr) {
    Request r;
    r.method = p.method;
    r.target = p.target;
    int n = ++requests_;
    r.remote_address = "10.1." + std::to_string(n / 250 % 250) + "." + std::to_string(n % 250);
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
    return (api ? *api : api_).Handle(r);
  }

  // Signs in from an address of its own (the fixture's SignIn uses one address for all, and
  // the matrix signs in more accounts than one address may).
  Session SignInFresh(const std::string& username) {
    Response r =
        Send(Probe{"POST", "/api/v1/session", {{"username", username}, {"password", kPassword}}},
             nullptr);
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    const std::string* cookie = r.Get("Set-Cookie");
    std::smatch m;
    std::string c = cookie ? *cookie : "";
    if (!std::regex_search(c, m, std::regex("duban_session=([0-9a-f]{64})"))) {
      ADD_FAILURE() << "no session cookie for " << username;
      return {};
    }
    return {m[1], Body(r)["csrf_token"]};
  }

  // One account per role in `unit`, with that role only, each signed in.
  std::map<Role, Session> RoleSessions(const std::string& prefix, int64_t unit) {
    std::map<Role, Session> sessions;
    for (Role role : kAllRoles) {
      std::string username = prefix + std::string(RoleName(role));
      Root("POST", "/api/v1/accounts",
           {{"username", username},
            {"password", kPassword},
            {"unit_id", unit},
            {"roles", {std::string(RoleName(role))}}});
      sessions[role] = SignInFresh(username);
    }
    return sessions;
  }

  // As the county admin, expecting success; returns the body.
  json Root(const std::string& method, const std::string& target, const json& body = nullptr) {
    Response r = Call(method, target, body, &admin());
    EXPECT_LT(r.status, 300) << method << " " << target << " " << body.dump() << " -> " << r.body;
    return r.body.empty() || r.status >= 300 ? json() : Body(r);
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
  // An item of `unit` handled by `responsible`, named for `side`, brought through the loop to
  // `status`: draft, assigned, in_progress, extension (in progress with an extension
  // requested), pending_review, closed, or complaint (a closed complaint, to be rated).
  int64_t NewItemOf(Side side, int64_t unit, int64_t responsible, const std::string& status) {
    json create = {{"title", Name(side, "事项")}, {"unit_id", unit}};
    if (status == "complaint") create["kind"] = "complaint";
    int64_t id = Root("POST", "/api/v1/items", create)["id"];
    std::string path = "/api/v1/items/" + std::to_string(id);
    if (status == "draft") return id;
    Root("POST", path + "/assign",
         {{"responsible_unit_id", responsible}, {"deadline_working_days", 10}});
    if (status == "assigned") return id;
    Root("POST", path + "/accept", json::object());
    if (status == "in_progress") return id;
    if (status == "extension") {
      Root("POST", path + "/extend", {{"new_deadline", "2027-03-31"}, {"reason", "工程量大"}});
      return id;
    }
    Root("POST", path + "/submit", {{"text", "已整改到位"}, {"checks", AllChecks()}});
    if (status == "pending_review") return id;
    Root("POST", path + "/approve", {{"opinion", "同意销号"}});
    EXPECT_TRUE(status == "closed" || status == "complaint") << status;
    return id;
  }
  // An item of the side's unit, handled by the same unit.
  int64_t NewItem(Side side, const std::string& status = "draft") {
    return NewItemOf(side, UnitOf(side), UnitOf(side), status);
  }
  int64_t NewNoticeOn(int64_t item) {
    return Root("POST", "/api/v1/notices",
                {{"item_id", item}, {"level", "reminder"}, {"reason", "催办"}})["id"];
  }
  int64_t NewNotice(Side side) { return NewNoticeOn(NewItem(side, "assigned")); }
  // A notice to respond to; the item it is on is watched (the notice shows in its detail).
  Probe Respond(int64_t item) {
    Probe p{"POST",
            "/api/v1/notices/" + std::to_string(NewNoticeOn(item)) + "/respond",
            {{"text", "已整改"}}};
    p.watch.push_back("/api/v1/items/" + std::to_string(item));
    return p;
  }
  int64_t UploadTo(int64_t item, Side side) {
    Probe up{"POST", "/api/v1/items/" + std::to_string(item) + "/files?name=note.txt"};
    up.raw_body = "现场核查记录 " + Name(side, "");
    Response r = Send(up, &admin());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Body(r)["id"].get<int64_t>() : 0;
  }
  int64_t NewFile(Side side) { return UploadTo(NewItem(side), side); }
  int64_t NewCampaign(Side side) {
    return Root("POST", "/api/v1/campaigns",
                {{"name", Name(side, "专项")}, {"unit_id", UnitOf(side)}})["id"];
  }
  // A campaign with one category: {campaign id, category id}.
  std::pair<int64_t, int64_t> NewCategory(Side side) {
    json c = Root("POST", "/api/v1/campaigns",
                  {{"name", Name(side, "专项")},
                   {"unit_id", UnitOf(side)},
                   {"categories", {Name(side, "类别")}}});
    return {c["id"], c["categories"][0]["id"]};
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
    int64_t id = UnitOf(side);
    if (!unit_names_.count(id)) {
      unit_names_[id] = Root("GET", "/api/v1/units/" + std::to_string(id))["name"];
    }
    return unit_names_[id];
  }

  // ---- "changed nothing"

  // The GET targets that show what `p` could change: its own resource, and every row its
  // body names (by the field's name), plus what the probe lists itself.
  static std::vector<std::string> Watched(const Probe& p) {
    std::vector<std::string> out = p.watch;
    std::string path = p.target.substr(0, p.target.find('?'));
    static const std::regex kOwn(R"(^/api/v1/(items|units|people|accounts|campaigns)/[0-9]+)");
    std::smatch m;
    if (std::regex_search(path, m, kOwn)) out.push_back(m[0]);
    if (!p.body.is_object()) return out;
    const bool item_route = path.starts_with("/api/v1/items");
    for (const auto& [key, value] : p.body.items()) {
      std::string of;
      if (key == "unit_id" || key == "responsible_unit_id" || key == "assisting_unit_ids" ||
          key == "unit" || (key == "parent_id" && !item_route)) {
        of = "units";
      } else if (key == "responsible_person_id" || key == "lead_leader_id" || key == "person_id") {
        of = "people";
      } else if (key == "account_id") {
        of = "accounts";
      } else if (key == "item_id" || key == "recurrence_of" || (key == "parent_id" && item_route)) {
        of = "items";
      } else if (key == "campaign_id") {
        of = "campaigns";
      } else if (key == "file_ids") {
        of = "files";
      } else {
        continue;
      }
      for (const json& id : value.is_array() ? value : json::array({value})) {
        if (id.is_number_integer()) out.push_back("/api/v1/" + of + "/" + id.dump());
      }
    }
    return out;
  }

  // `full`: the row counts and the watched resources too (a read-only request changes at
  // most the audit trail, and it may not).
  Snapshot Take(const Probe& p, bool full) {
    Snapshot s;
    s.audit = AuditCount();
    if (!full) return s;
    Status read = store_->Read([&](Tx& tx) -> Status {
      for (const std::string& table : tx.bulk().Tables()) {
        // The audit trail is counted above; the search index and the calendar's days follow
        // the items and the calendar's years.
        if (table == "audit_events" || table == "item_text" || table == "calendar_days") continue;
        DUBAN_ASSIGN_OR_RETURN(s.rows[table], tx.bulk().Count(table));
      }
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    for (const std::string& target : Watched(p)) {
      Response r = Send(Probe{"GET", target}, &admin());
      s.resources[target] = std::to_string(r.status) + " " + r.body;
    }
    return s;
  }

  // What differs between two snapshots, in words ("" when nothing).
  static std::string Changes(const Snapshot& before, const Snapshot& after) {
    std::string out;
    if (before.audit != after.audit) {
      out += "audit count " + std::to_string(before.audit) + " -> " + std::to_string(after.audit) +
             "; ";
    }
    for (const auto& [table, n] : before.rows) {
      auto it = after.rows.find(table);
      if (it != after.rows.end() && it->second != n) {
        out += table + " rows " + std::to_string(n) + " -> " + std::to_string(it->second) + "; ";
      }
    }
    for (const auto& [target, body] : before.resources) {
      auto it = after.resources.find(target);
      if (it != after.resources.end() && it->second != body) {
        out +=
            target + " was " + body.substr(0, 400) + " and is " + it->second.substr(0, 400) + "; ";
      }
    }
    return out;
  }

  // ---- the runner

  // Runs every case of `matrix` for every role of `sessions` (accounts in caller_unit_),
  // inside (a_) and outside (b_): see the file comment.
  void Run(const Matrix& matrix, std::map<Role, Session>& sessions, Sides sides = Sides()) {
    for (const auto& [key, cases] : matrix) {
      const Route* route = nullptr;
      for (const Route& r : api_.routes()) {
        if (r.method + " " + r.pattern == key) route = &r;
      }
      if (!route) {
        ADD_FAILURE() << "the matrix names a route that does not exist: " << key;
        continue;
      }
      const bool public_route = route->access == Access::kPublic;
      int case_number = 0;
      for (const Case& c : cases) {
        ++case_number;
        if (sides.outside_is_ancestor && c.ancestors_read) continue;
        // A fixture a refusal left as it was serves the next role too (fewer writes), and the
        // state after that refusal is the state before the next probe.
        std::string first_broken;
        for (Side side : {Side::kInside, Side::kOutside}) {
          if (side == Side::kInside && !sides.inside) continue;
          if (side == Side::kOutside && (!c.unit_data || !sides.outside)) continue;
          std::optional<Probe> kept;
          std::optional<Snapshot> settled;
          for (Role role : kAllRoles) {
            std::string where = key + " #" + std::to_string(case_number) + " as " +
                                std::string(RoleName(role)) +
                                (side == Side::kInside ? " inside" : " outside");
            SCOPED_TRACE(where);
            if (!kept) {
              settled.reset();
              kept = c.make(side, role);
            }
            Probe p = *std::exchange(kept, std::nullopt);
            Session session = sessions[role];
            if (p.fresh_session) {
              settled.reset();
              std::string user = "fresh" + std::to_string(++serial_);
              Root("POST", "/api/v1/accounts",
                   {{"username", user},
                    {"password", kPassword},
                    {"unit_id", caller_unit_},
                    {"roles", {std::string(RoleName(role))}}});
              session = SignInFresh(user);
            }
            const bool read_only = p.method == "GET" || p.method == "HEAD";
            const bool expect_refusal =
                side == Side::kOutside || !c.allowed.count(role) || c.known_gap;
            const bool full = expect_refusal && !read_only;
            Snapshot before = full && settled ? *settled : Take(p, full);
            settled.reset();
            Response r = Send(p, public_route ? nullptr : &session);
            ++probes_;
            std::vector<std::string> wrong;
            if (side == Side::kInside) {
              if (c.allowed.count(role)) {
                if (r.status < 200 || r.status >= 300) {
                  wrong.push_back("expected 2xx, got " + std::to_string(r.status) + " " + r.body);
                }
              } else if (int want = p.not_seen_by.count(role) ? 404 : 403; r.status != want) {
                wrong.push_back("expected " + std::to_string(want) + ", got " +
                                std::to_string(r.status) + " " + r.body);
              }
            } else {
              bool refused = r.status == 403 || r.status == 404 || r.status == p.also_ok;
              bool empty =
                  r.status == 200 &&
                  (p.outside_may_list || (Body(r).contains("total") && Body(r)["total"] == 0));
              if (!refused && !empty) {
                wrong.push_back("expected a refusal, got " + std::to_string(r.status) + " " +
                                r.body.substr(0, 600));
              }
              // Outside data must not come back, unless the caller sent it (an error may
              // quote it).
              std::string sent = p.target + p.raw_body + (p.body.is_null() ? "" : p.body.dump());
              for (const std::string& word : outside_words_) {
                if (sent.find(word) != std::string::npos) continue;
                if (r.body.find(word) != std::string::npos) {
                  wrong.push_back("leaked \"" + word + "\": " + r.body.substr(0, 600));
                }
              }
            }
            bool unchanged = true;
            if (r.status >= 400) {
              Snapshot after = Take(p, !read_only);
              std::string changes = Changes(before, after);
              unchanged = changes.empty();
              if (!unchanged) wrong.push_back("a refused request changed something: " + changes);
              if (unchanged && !read_only) settled = std::move(after);
            }
            if (unchanged && (read_only || r.status >= 400)) kept = p;
            if (wrong.empty()) continue;
            if (!c.known_gap) {
              for (const auto& w : wrong) ADD_FAILURE() << p.method << " " << p.target << ": " << w;
            } else if (first_broken.empty()) {
              first_broken =
                  where + ": " + p.method + " " + p.target + ": " + wrong.front().substr(0, 300);
            }
          }
        }
        if (c.known_gap) {
          if (first_broken.empty()) {
            ADD_FAILURE() << "known gap " << c.known_gap << " is closed: " << key << " #"
                          << case_number << " now keeps its rule; drop its known_gap flag";
          } else {
            ++gaps_;
            std::printf("KNOWN GAP %s still open: %s\n", c.known_gap, first_broken.c_str());
          }
        }
      }
    }
  }

  // The cases of `matrix` under `keys` (for the runs at other levels).
  static Matrix Only(const Matrix& matrix, const std::set<std::string>& keys) {
    Matrix out;
    for (const auto& key : keys) {
      EXPECT_TRUE(matrix.count(key)) << key;
      if (matrix.count(key)) out[key] = matrix.at(key);
    }
    return out;
  }

  // SPEC §1, route by route.
  Matrix Routes() {
    auto id = [](int64_t v) { return std::to_string(v); };
    auto get = [](std::string target) {
      return [target](Side, Role) { return Probe{"GET", target}; };
    };
    auto item_action = [this, id](const char* action, const char* status, json body) {
      return [=, this](Side side, Role) {
        return Probe{"POST", "/api/v1/items/" + id(NewItem(side, status)) + "/" + action, body};
      };
    };
    // A new draft of A whose `field` names `ref`, a row of either side.
    auto new_item = [this](Side s, const char* field, int64_t ref) {
      return json{{"title", Name(s, "新事项")}, {"unit_id", UnitOf(Side::kInside)}, {field, ref}};
    };
    // An edit of a draft of A setting `field` to a row of either side.
    auto edit_item = [this, id](const char* field, std::function<int64_t(Side)> ref) {
      return [=, this](Side s, Role) {
        return Probe{"PATCH", "/api/v1/items/" + id(NewItem(Side::kInside)), {{field, ref(s)}}};
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
             Probe p{"GET", "/api/v1/units?parent_id=" + id(UnitOf(s))};
             // The caller's own unit when the outside is its parent: a name the caller's own
             // path shows anyway.
             p.outside_may_list = true;
             return p;
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
         {{kAdmin,
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
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // a new account in A for a person of either side
             return Probe{"POST",
                          "/api/v1/accounts",
                          {{"username", "new" + std::to_string(++serial_)},
                           {"password", kPassword},
                           {"unit_id", a_},
                           {"person_id", NewPerson(s)},
                           {"roles", {"viewer"}}}};
           }}}},
        {"GET /api/v1/accounts/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/accounts/" + id(NewAccount(s))};
           }}}},
        {"POST /api/v1/accounts/{id}/unlock",
         {{kAdmin,
           [=, this](Side s, Role) {
             return Probe{"POST", "/api/v1/accounts/" + id(NewAccount(s)) + "/unlock"};
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
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // an account of A for a person of either side
             return Probe{"PATCH",
                          "/api/v1/accounts/" + id(NewAccount(Side::kInside)),
                          {{"person_id", NewPerson(s)}}};
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
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // a child item of a parent on either side
             return Probe{"POST", "/api/v1/items", new_item(s, "parent_id", NewItem(s))};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // the recurrence of a closed item on either side
             return Probe{"POST", "/api/v1/items",
                          new_item(s, "recurrence_of", NewItem(s, "closed"))};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // in a campaign of either side
             return Probe{"POST", "/api/v1/items", new_item(s, "campaign_id", NewCampaign(s))};
           },
           true, nullptr, /*ancestors_read=*/true},
          {kSupervisors,
           [=, this](Side s, Role) {  // A's campaign with a category of either side's campaign
             auto ours = NewCategory(Side::kInside);
             json body = new_item(s, "campaign_id", ours.first);
             body["category_id"] = s == Side::kInside ? ours.second : NewCategory(s).second;
             Probe p{"POST", "/api/v1/items", body};
             p.also_ok = 400;  // "问题类别不属于所选专项活动"
             return p;
           },
           true, nullptr, /*ancestors_read=*/true}}},
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
           }},
          {kSupervisors, edit_item("unit_id", [this](Side s) { return UnitOf(s); })},
          {kSupervisors, edit_item("parent_id", [this](Side s) { return NewItem(s); })},
          {kSupervisors,
           edit_item("recurrence_of", [this](Side s) { return NewItem(s, "closed"); })},
          {kSupervisors, edit_item("campaign_id", [this](Side s) { return NewCampaign(s); }), true,
           nullptr, /*ancestors_read=*/true}}},
        {"POST /api/v1/items/{id}/files",
         {{kActors,
           [=, this](Side s, Role) {
             Probe p{"POST", "/api/v1/items/" + id(NewItem(s)) + "/files?name=evidence.txt"};
             p.raw_body = "整改照片说明";
             return p;
           }}}},
        // All twelve actions, each from a state where it is legal (item of A handled by A).
        {"POST /api/v1/items/{id}/{action}",
         {{kSupervisors, item_action("assign", "draft",
                                     {{"responsible_unit_id", a_}, {"deadline_working_days", 5}})},
          {kHandlers, item_action("accept", "assigned", json::object())},
          {kHandlers, item_action("return", "assigned", {{"reason", "不属于本单位职责"}})},
          {kHandlers,
           item_action("report", "in_progress", {{"text", "已完成一半"}, {"progress", 50}})},
          {kHandlers,
           item_action("submit", "in_progress", {{"text", "已整改到位"}, {"checks", AllChecks()}})},
          {kSupervisors, item_action("approve", "pending_review", {{"opinion", "同意销号"}})},
          {kSupervisors, item_action("reject", "pending_review", {{"opinion", "整改不到位"}})},
          {kHandlers, item_action("extend", "in_progress",
                                  {{"new_deadline", "2027-03-31"}, {"reason", "工程量大"}})},
          {kAuditReaders, item_action("decide_extension", "extension", {{"approve", true}})},
          {kSupervisors, item_action("reopen", "closed", {{"reason", "问题反弹"}})},
          {kSupervisors, item_action("rate", "complaint", {{"satisfaction", "satisfied"}})},
          {kSupervisors, item_action("cancel", "draft", {{"reason", "重复登记"}})},
          // References in the body: an item of A assigned to A, naming a row of either side.
          {kSupervisors,
           [=, this](Side s, Role) {  // the responsible unit
             return Probe{"POST",
                          "/api/v1/items/" + id(NewItem(Side::kInside)) + "/assign",
                          {{"responsible_unit_id", UnitOf(s)}, {"deadline_working_days", 5}}};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // the responsible person (A's person in A's unit)
             return Probe{"POST",
                          "/api/v1/items/" + id(NewItem(Side::kInside)) + "/assign",
                          {{"responsible_unit_id", a_},
                           {"responsible_person_id", NewPerson(s)},
                           {"deadline_working_days", 5}}};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // the lead leader
             return Probe{"POST",
                          "/api/v1/items/" + id(NewItem(Side::kInside)) + "/assign",
                          {{"responsible_unit_id", a_},
                           {"lead_leader_id", NewPerson(s)},
                           {"deadline_working_days", 5}}};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // the assisting units
             return Probe{"POST",
                          "/api/v1/items/" + id(NewItem(Side::kInside)) + "/assign",
                          {{"responsible_unit_id", a_},
                           {"assisting_unit_ids", {NewUnit(Side::kInside), NewUnit(s)}},
                           {"deadline_working_days", 5}}};
           }},
          {kHandlers,
           [=, this](Side s, Role) {  // a report's evidence: the item's own file, or B's
             int64_t item = NewItem(Side::kInside, "in_progress");
             int64_t file = s == Side::kInside ? UploadTo(item, s) : NewFile(s);
             Probe p{"POST",
                     "/api/v1/items/" + id(item) + "/report",
                     {{"text", "已完成一半"}, {"progress", 50}, {"file_ids", {file}}}};
             p.also_ok = 400;  // "附件 … 不属于该事项"
             return p;
           }},
          {kHandlers,
           [=, this](Side s, Role) {  // a submission's evidence
             int64_t item = NewItem(Side::kInside, "in_progress");
             int64_t file = s == Side::kInside ? UploadTo(item, s) : NewFile(s);
             Probe p{"POST",
                     "/api/v1/items/" + id(item) + "/submit",
                     {{"text", "已整改到位"}, {"checks", AllChecks()}, {"file_ids", {file}}}};
             p.also_ok = 400;
             return p;
           }}}},
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
         {{kResponders, [=, this](Side s, Role) { return Respond(NewItem(s, "assigned")); }}}},
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
           },
           true, nullptr, /*ancestors_read=*/true}}},
        {"PATCH /api/v1/campaigns/{id}",
         {{kSupervisors,
           [=, this](Side s, Role) {
             return Probe{
                 "PATCH", "/api/v1/campaigns/" + id(NewCampaign(s)), {{"name", Name(s, "改")}}};
           }},
          {kSupervisors,
           [=, this](Side s, Role) {  // moving a campaign of A to either side
             return Probe{"PATCH",
                          "/api/v1/campaigns/" + id(NewCampaign(Side::kInside)),
                          {{"unit_id", UnitOf(s)}}};
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
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // an account of either side to evaluate A
             Schemes();
             Probe p{"POST",
                     "/api/v1/assessment/schemes/s1/evaluators",
                     {{"account_id", NewAccount(s, Role::kEvaluator)}, {"unit_id", a_}}};
             p.watch.push_back("/api/v1/assessment/schemes/s1/evaluators");
             return p;
           }},
          {kAdmin,
           [=, this](Side s, Role) {  // an account of A to evaluate either side
             Schemes();
             Probe p{"POST",
                     "/api/v1/assessment/schemes/s1/evaluators",
                     {{"account_id", NewAccount(Side::kInside, Role::kEvaluator)},
                      {"unit_id", UnitOf(s)}}};
             p.watch.push_back("/api/v1/assessment/schemes/s1/evaluators");
             return p;
           }}}},
        {"DELETE /api/v1/assessment/evaluators/{id}",
         {{kAdmin,
           [=, this](Side s, Role) {
             Probe p{"DELETE", "/api/v1/assessment/evaluators/" + id(NewGrant(s))};
             p.watch.push_back("/api/v1/assessment/schemes/s1/evaluators");
             return p;
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
           [=, this](Side s, Role) {
             Probe p{"POST",
                     "/api/v1/assessment/events/" + id(NewPointsEvent(s)) + "/files?name=scan.txt"};
             p.raw_body = "扣分依据";
             // Another's entry does not exist for an evaluator (security review L11).
             p.not_seen_by = {Role::kEvaluator};
             return p;
           }}}},
        {"GET /api/v1/assessment/files/{id}",
         {{{Role::kAdmin, Role::kSupervisor, Role::kLeader, Role::kHandler, Role::kViewer},
           [=, this](Side s, Role) {  // an evaluator sees the evidence of their own entries only
             Probe p{"GET", "/api/v1/assessment/files/" + id(NewEventFile(s))};
             p.not_seen_by = {Role::kEvaluator};  // 404, not 403 (security review L11)
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

  // Items of a third unit C (the government service centre) handled by a section of A (inside)
  // or of B (outside): A's callers act on the responsible side only.
  Matrix ResponsibleSide() {
    auto id = [](int64_t v) { return std::to_string(v); };
    auto item = [this](Side s, const std::string& status) {
      return NewItemOf(s, c_, s == Side::kInside ? a_section_ : b_section_, status);
    };
    auto act = [=](const char* action, const char* status, json body) {
      return [=](Side s, Role) {
        return Probe{"POST", "/api/v1/items/" + id(item(s, status)) + "/" + action, body};
      };
    };
    return {
        {"GET /api/v1/items/{id}",
         {{kEveryone,
           [=](Side s, Role) {
             return Probe{"GET", "/api/v1/items/" + id(item(s, "assigned"))};
           }}}},
        {"POST /api/v1/items/{id}/{action}",
         {// the responsible side's steps
          {kHandlers, act("accept", "assigned", json::object())},
          // A responsible unit returns another unit's item (it used to get 404 and a rollback:
          // the answer was read back in a scope that no longer held the item).
          {kHandlers, act("return", "assigned", {{"reason", "不属于本单位职责"}})},
          {kHandlers, act("report", "in_progress", {{"text", "已完成一半"}, {"progress", 50}})},
          {kHandlers,
           act("submit", "in_progress", {{"text", "已整改到位"}, {"checks", AllChecks()}})},
          {kHandlers,
           act("extend", "in_progress", {{"new_deadline", "2027-03-31"}, {"reason", "工程量大"}})},
          // the item side's decisions: never the responsible side's own
          {kNobody,
           act("decide_extension", "extension",
               {{"approve", true}})},  // never the responsible unit's own extension (review L8)
          {kNobody, act("approve", "pending_review", {{"opinion", "同意销号"}})},
          {kNobody, act("reject", "pending_review", {{"opinion", "整改不到位"}})},
          {kNobody, act("cancel", "assigned", {{"reason", "重复登记"}})},
          {kNobody, act("reopen", "closed", {{"reason", "问题反弹"}})},
          {kNobody, act("rate", "complaint", {{"satisfaction", "satisfied"}})}}},
        {"POST /api/v1/items/{id}/files",
         {{kActors,
           [=](Side s, Role) {
             Probe p{"POST", "/api/v1/items/" + id(item(s, "in_progress")) + "/files?name=a.txt"};
             p.raw_body = "整改照片说明";
             return p;
           }}}},
        {"GET /api/v1/files/{id}",
         {{kEveryone,
           [=, this](Side s, Role) {
             return Probe{"GET", "/api/v1/files/" + id(UploadTo(item(s, "in_progress"), s))};
           }}}},
        {"GET /api/v1/notices",
         {{kEveryone,
           [=, this](Side s, Role) {
             int64_t i = item(s, "assigned");
             NewNoticeOn(i);
             return Probe{"GET", "/api/v1/notices?item_id=" + id(i)};
           }}}},
        {"POST /api/v1/notices",
         {{kNobody,  // notices come from the item's side
           [=](Side s, Role) {
             return Probe{
                 "POST",
                 "/api/v1/notices",
                 {{"item_id", item(s, "assigned")}, {"level", "reminder"}, {"reason", "催办"}}};
           }}}},
        {"POST /api/v1/notices/{id}/respond",
         {{kResponders, [=, this](Side s, Role) { return Respond(item(s, "assigned")); }}}},
    };
  }

  // The routes probed again at the other levels: the organisation, the loop and its notices
  // and files, campaigns.
  Matrix Levels() {
    return Only(Routes(), {"GET /api/v1/units",
                           "POST /api/v1/units",
                           "GET /api/v1/units/{id}",
                           "PATCH /api/v1/units/{id}",
                           "GET /api/v1/people",
                           "POST /api/v1/people",
                           "GET /api/v1/people/{id}",
                           "PATCH /api/v1/people/{id}",
                           "GET /api/v1/accounts",
                           "POST /api/v1/accounts",
                           "GET /api/v1/accounts/{id}",
                           "PATCH /api/v1/accounts/{id}",
                           "GET /api/v1/audit",
                           "GET /api/v1/items",
                           "POST /api/v1/items",
                           "GET /api/v1/items/export.xlsx",
                           "POST /api/v1/items/import",
                           "GET /api/v1/items/{id}",
                           "PATCH /api/v1/items/{id}",
                           "POST /api/v1/items/{id}/files",
                           "POST /api/v1/items/{id}/{action}",
                           "GET /api/v1/files/{id}",
                           "GET /api/v1/notices",
                           "POST /api/v1/notices",
                           "POST /api/v1/notices/{id}/respond",
                           "POST /api/v1/campaigns",
                           "GET /api/v1/campaigns/{id}",
                           "PATCH /api/v1/campaigns/{id}"});
  }

  int64_t a_ = 0, b_ = 0;    // the inside and the outside
  int64_t caller_unit_ = 0;  // where the callers' accounts are
  int64_t c_ = 0;            // a third unit (the responsible side's items)
  int64_t a_section_ = 0, b_section_ = 0;
  std::vector<std::string> outside_words_;  // must never reach a caller probing the outside
  std::map<int64_t, std::string> unit_names_;
  bool schemes_ = false;
  int serial_ = 0;
  int requests_ = 0;
  int probes_ = 0;
  int gaps_ = 0;
};

TEST_F(ScopeMatrixTest, EveryRouteRespectsRolesAndScope) {
  a_ = caller_unit_ = UnitId("QS-JT");
  b_ = UnitId("QS-SJ");
  outside_words_ = {kMarkerB, "县市场监督管理局"};
  auto sessions = RoleSessions("m_", a_);
  Matrix matrix = Routes();
  for (const Route& route : api_.routes()) {
    std::string key = route.method + " " + route.pattern;
    ASSERT_TRUE(matrix.count(key)) << "route " << key << " has no entry in the scope matrix";
  }
  int with_scope = 0;
  size_t cases = 0;
  for (const auto& [key, list] : matrix) {
    cases += list.size();
    with_scope += std::any_of(list.begin(), list.end(), [](const Case& c) { return c.unit_data; });
  }
  Run(matrix, sessions);
  std::printf(
      "scope matrix: %zu of %zu routes covered (100%%), %d with unit data probed inside "
      "and outside the caller's subtree, %zu cases, %zu roles, %d requests, %d known gaps\n",
      matrix.size(), api_.routes().size(), with_scope, cases, std::size(kAllRoles), probes_, gaps_);
}

// The runner's "changed nothing" sees writes that leave no audit event: an edit of the
// resource a request names, and a row added anywhere.
TEST_F(ScopeMatrixTest, ChangedNothingSeesUnauditedWrites) {
  a_ = caller_unit_ = UnitId("QS-JT");
  b_ = UnitId("QS-SJ");
  int64_t item = NewItem(Side::kInside);
  int64_t parent = NewItem(Side::kInside);
  Probe p{"PATCH", "/api/v1/items/" + std::to_string(item), {{"parent_id", parent}}};
  EXPECT_EQ(Watched(p), (std::vector<std::string>{"/api/v1/items/" + std::to_string(item),
                                                  "/api/v1/items/" + std::to_string(parent)}));
  Snapshot before = Take(p, true);
  EXPECT_EQ(Changes(before, Take(p, true)), "");
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(Item stored,
                                           tx.items().Get(Scope::Everything(), parent));
                    Item edited = stored;
                    edited.title = "悄悄改过";
                    return tx.items().Update(stored, edited);
                  })
                  .ok());
  std::string changes = Changes(before, Take(p, true));
  EXPECT_NE(changes.find("/api/v1/items/" + std::to_string(parent) + " was"), std::string::npos)
      << changes;
  EXPECT_EQ(changes.find("audit count"), std::string::npos) << changes;
  before = Take(p, true);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    Person person;
                    person.unit_id = b_;
                    person.name = "无人知晓";
                    return tx.people().Insert(Scope::Everything(), person);
                  })
                  .ok());
  changes = Changes(before, Take(p, true));
  EXPECT_NE(changes.find("people rows"), std::string::npos) << changes;
}

// SPEC §1, §3: an item of another unit handled by a unit of A is A's to work on (the
// responsible side's steps) and to see, never to decide on; the same item handled by B is
// invisible to A.
TEST_F(ScopeMatrixTest, ItemsOfAnotherUnitFollowTheResponsibleSide) {
  a_ = caller_unit_ = UnitId("QS-JT");
  b_ = UnitId("QS-SJ");
  c_ = UnitId("QS-ZW");
  a_section_ = UnitId("QS-JT-AQ");
  b_section_ = UnitId("QS-SJ-ZF");
  outside_words_ = {kMarkerB, "县市场监督管理局", "综合执法股"};
  auto sessions = RoleSessions("r_", a_);
  Run(ResponsibleSide(), sessions);
  std::printf("responsible side: %d requests, %d known gaps\n", probes_, gaps_);
}

// An item handled by a section of A, with a notice to it, is returned and handed to B's
// section: A no longer sees the item, and so neither its notice nor a way to answer it (M1).
TEST_F(ScopeMatrixTest, ANoticeLeavesWithItsItem) {
  a_ = caller_unit_ = UnitId("QS-JT");
  b_ = UnitId("QS-SJ");
  c_ = UnitId("QS-ZW");
  auto sessions = RoleSessions("n_", a_);
  int open = 0, closed = 0;
  // `holds`: the rule; `gap`: the finding that shows while it does not.
  auto check = [&](bool holds, const char* gap, const std::string& what) {
    if (holds && gap) ++closed;
    if (!holds && !gap) ADD_FAILURE() << what;
    if (!holds && gap) {
      ++open;
      std::printf("KNOWN GAP %s still open: %s\n", gap, what.substr(0, 200).c_str());
    }
  };
  for (Role role : kAllRoles) {
    SCOPED_TRACE(RoleName(role));
    // The county's admin does it all.
    int64_t item = NewItemOf(Side::kOutside, c_, UnitId("QS-JT-AQ"), "assigned");
    int64_t notice = NewNoticeOn(item);
    std::string path = "/api/v1/items/" + std::to_string(item);
    Root("POST", path + "/return", {{"reason", "不属于本单位职责"}});
    Root("POST", path + "/assign",
         {{"responsible_unit_id", UnitId("QS-SJ-ZF")}, {"deadline_working_days", 10}});
    const Session& s = sessions[role];
    Response r = Send(Probe{"GET", path}, &s);
    check(r.status == 404, nullptr, "GET " + path + " -> " + std::to_string(r.status));
    for (std::string target :
         {"/api/v1/notices?item_id=" + std::to_string(item), std::string("/api/v1/notices")}) {
      r = Send(Probe{"GET", target}, &s);
      bool refused = r.status == 404 || r.status == 403;
      bool hidden = r.status == 200 && r.body.find(kMarkerB) == std::string::npos &&
                    r.body.find("\"id\":" + std::to_string(notice) + ",") == std::string::npos;
      check(refused || hidden, nullptr,
            std::string(RoleName(role)) + ": GET " + target + " -> " + std::to_string(r.status) +
                " " + r.body);
    }
    Probe respond{
        "POST", "/api/v1/notices/" + std::to_string(notice) + "/respond", {{"text", "已整改"}}};
    respond.watch.push_back(path);
    Snapshot before = Take(respond, true);
    r = Send(respond, &s);
    std::string changes = Changes(before, Take(respond, true));
    check(r.status == 403 || r.status == 404, nullptr,
          std::string(RoleName(role)) + ": POST " + respond.target + " -> " +
              std::to_string(r.status) + " " + r.body);
    check(changes.empty(), nullptr,
          std::string(RoleName(role)) + ": the answer changed " + changes);
  }
  std::printf("notice after the item moved: %d known-gap probes open, %d closed\n", open, closed);
}

// A caller at the county sees and acts on the data of a section two levels down as its role
// allows, exactly as on its own.
TEST_F(ScopeMatrixTest, TheCountySeesAndActsOnASectionsData) {
  caller_unit_ = UnitId("QS");
  a_ = UnitId("QS-JT-AQ");
  b_ = UnitId("QS-SJ");  // not probed: everything is below the county
  auto sessions = RoleSessions("p_", caller_unit_);
  Run(Levels(), sessions, {.inside = true, .outside = false});
  std::printf("county over a section: %d requests, %d known gaps\n", probes_, gaps_);
}

// A caller in a section of A sees neither A's own data (upwards) nor its sibling section's.
TEST_F(ScopeMatrixTest, ASectionSeesNeitherItsParentNorItsSibling) {
  a_ = caller_unit_ = UnitId("QS-JT-AQ");
  auto sessions = RoleSessions("c_", caller_unit_);
  b_ = UnitId("QS-JT");  // the parent: names of its own show in the section's paths
  outside_words_ = {kMarkerB};
  Run(Levels(), sessions, {.inside = true, .outside = true, .outside_is_ancestor = true});
  b_ = UnitId("QS-JT-GL");  // the sibling
  outside_words_ = {kMarkerB, "公路养护股"};
  Run(Levels(), sessions, {.inside = false, .outside = true});
  std::printf("section against parent and sibling: %d requests, %d known gaps\n", probes_, gaps_);
}

// ---- the static-file fallback: every GET no route matches, without a session

class StaticFallbackTest : public ScopeMatrixTest {
 protected:
  // The answer is a 400 or 404, or the bytes of a file of the web root.
  static bool OnlyTheUi(const Response& r, const std::vector<std::string>& files) {
    if (r.status == 400 || r.status == 404) return true;
    return r.status == 200 && std::find(files.begin(), files.end(), r.body) != files.end();
  }

  // `probes`: path -> the finding it shows while the code serves something else (nullptr:
  // none, the code already answers right).
  void Check(Api& api, const std::vector<std::pair<std::string, const char*>>& probes,
             const std::vector<std::string>& files) {
    for (const auto& [target, gap] : probes) {
      SCOPED_TRACE(target);
      Response r = Send(Probe{"GET", target}, nullptr, &api);
      bool ok = OnlyTheUi(r, files);
      // Not the body: it may be a file of the machine (environment, keys).
      std::string what = std::to_string(r.status) + ", " + std::to_string(r.body.size()) + " bytes";
      if (!gap) {
        EXPECT_TRUE(ok) << "served something outside the UI: " << what;
      } else if (ok) {
        ADD_FAILURE() << "known gap " << gap << " is closed for " << target
                      << ": drop its known_gap flag";
      } else {
        std::printf("KNOWN GAP %s still open: GET %s -> %s\n", gap, target.c_str(), what.c_str());
      }
    }
  }

  static void Write(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
  }
};

TEST_F(StaticFallbackTest, ServesOnlyTheFilesOfTheWebRoot) {
  const std::string index = "<!doctype html><title>督办</title>";
  const std::string script = "console.log('督办');";
  Write(web_.path() / "index.html", index);
  Write(web_.path() / "assets" / "x.js", script);
  // A file outside the web root, by absolute path, and one in the working directory.
  testing::TempDir elsewhere;
  std::filesystem::path secret = elsewhere.path() / "secret.txt";
  Write(secret, "SECRET-OUTSIDE");
  std::string cwd_name = "scope-matrix-" + std::to_string(::getpid()) + ".txt";
  Write(std::filesystem::current_path() / cwd_name, "SECRET-CWD");
  std::string abs = secret.string();  // starts with '/'
  std::string encoded_abs;
  for (char ch : abs) encoded_abs += ch == '/' ? std::string("%2F") : std::string(1, ch);
  // The web root is read when the Api starts (review C1): start one after writing it.
  Api served(*services_, codec_, {web_.path(), false, "test"});
  EXPECT_EQ(Send(Probe{"GET", "/assets/x.js"}, nullptr, &served).body, script);
  EXPECT_EQ(Send(Probe{"GET", "/items/42"}, nullptr, &served).body, index);
  Check(served,
        {{"/", nullptr},
         {"/index.html", nullptr},
         {"/assets/x.js", nullptr},
         {"/items/42", nullptr},  // a client route: index.html
         {"/assets/missing.js", nullptr},
         {"/../etc/passwd", nullptr},
         {"/assets/..%2F..%2Fetc%2Fpasswd", nullptr},
         {"//etc/passwd", nullptr},
         {"/%2Fetc/passwd", nullptr},
         {"/%2F%2Fetc/passwd", nullptr},
         {"//proc/self/environ", nullptr},
         {"/" + abs, nullptr},
         {"/" + encoded_abs, nullptr},
         {"//proc/self/cwd/" + cwd_name, nullptr},
         {"/" + cwd_name, nullptr}},
        {index, script});
  std::filesystem::remove(std::filesystem::current_path() / cwd_name);
}

// No web root (no web/dist found at start-up): no file is served at all, and paths are not
// taken relative to the working directory.
TEST_F(StaticFallbackTest, NoWebRootServesNoFile) {
  std::string cwd_name = "scope-matrix-bare-" + std::to_string(::getpid()) + ".txt";
  Write(std::filesystem::current_path() / cwd_name, "SECRET-CWD");
  Api bare(*services_, codec_, {std::filesystem::path(), false, "test"});
  Check(bare,
        {{"/assets/x.js", nullptr},
         {"/" + cwd_name, nullptr},
         {"/index.html", nullptr},
         {"/", nullptr},
         {"/items/42", nullptr},
         {"//etc/passwd", nullptr}},
        {});
  std::filesystem::remove(std::filesystem::current_path() / cwd_name);
}

}  // namespace
}  // namespace duban::http
