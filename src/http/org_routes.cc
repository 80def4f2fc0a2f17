#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/org_codec.h"
#include "http/routes.h"

namespace duban::http {
namespace {

void AddUnitRoutes(RouteTable& t, OrgService& org) {
  // ---- units ----
  t.Add("GET", "/api/v1/units", "List units in scope",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          UnitRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.parent_id, QueryInt(ctx.request, "parent_id"));
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org.ListUnits(ctx.caller(), q));
          return Json(200, PageJson(result, page, UnitJson));
        });
  t.Add("POST", "/api/v1/units", "Create a unit", [&org](RequestContext& ctx) -> Result<Response> {
    DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
    DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"parent_id", "name", "kind", "code"}));
    UnitInput in;
    DUBAN_ASSIGN_OR_RETURN(in.parent_id, OptInt(body, "parent_id"));
    DUBAN_ASSIGN_OR_RETURN(in.name, ReqString(body, "name"));
    DUBAN_ASSIGN_OR_RETURN(auto kind, OptString(body, "kind"));
    DUBAN_ASSIGN_OR_RETURN(auto code, OptString(body, "code"));
    in.kind = kind.value_or("other");
    in.code = code.value_or("");
    DUBAN_ASSIGN_OR_RETURN(Unit u, org.CreateUnit(ctx.caller(), in));
    return Json(201, UnitJson(u));
  });
  t.Add("GET", "/api/v1/units/{id}", "One unit", [&org](RequestContext& ctx) -> Result<Response> {
    DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
    DUBAN_ASSIGN_OR_RETURN(Unit u, org.GetUnit(ctx.caller(), id));
    return Json(200, UnitJson(u));
  });
  t.Add("PATCH", "/api/v1/units/{id}", "Rename, move, disable a unit",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(
              RejectUnknownFields(body, {"name", "kind", "code", "parent_id", "disabled"}));
          UnitPatch p;
          DUBAN_ASSIGN_OR_RETURN(p.name, OptString(body, "name"));
          DUBAN_ASSIGN_OR_RETURN(p.kind, OptString(body, "kind"));
          DUBAN_ASSIGN_OR_RETURN(p.code, OptString(body, "code"));
          DUBAN_ASSIGN_OR_RETURN(p.parent_id, OptInt(body, "parent_id"));
          DUBAN_ASSIGN_OR_RETURN(p.disabled, OptBool(body, "disabled"));
          DUBAN_ASSIGN_OR_RETURN(Unit u, org.UpdateUnit(ctx.caller(), id, p));
          return Json(200, UnitJson(u));
        });
}

void AddPeopleRoutes(RouteTable& t, OrgService& org) {
  // ---- people ----
  t.Add("GET", "/api/v1/people", "List people in scope",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          PersonRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.unit_id, QueryInt(ctx.request, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(auto subtree, QueryInt(ctx.request, "subtree"));
          q.subtree = subtree.value_or(1) != 0;
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org.ListPeople(ctx.caller(), q));
          return Json(200, PageJson(result, page, PersonJson));
        });
  t.Add("POST", "/api/v1/people", "Create a person",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"unit_id", "name", "title", "phone"}));
          PersonInput in;
          DUBAN_ASSIGN_OR_RETURN(in.unit_id, ReqInt(body, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(in.name, ReqString(body, "name"));
          DUBAN_ASSIGN_OR_RETURN(auto title, OptString(body, "title"));
          DUBAN_ASSIGN_OR_RETURN(auto phone, OptString(body, "phone"));
          in.title = title.value_or("");
          in.phone = phone.value_or("");
          DUBAN_ASSIGN_OR_RETURN(Person p, org.CreatePerson(ctx.caller(), in));
          return Json(201, PersonJson(p));
        });
  t.Add("GET", "/api/v1/people/{id}", "One person",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Person p, org.GetPerson(ctx.caller(), id));
          return Json(200, PersonJson(p));
        });
  t.Add("PATCH", "/api/v1/people/{id}", "Edit a person",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"unit_id", "name", "title", "phone"}));
          PersonPatch p;
          DUBAN_ASSIGN_OR_RETURN(p.unit_id, OptInt(body, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(p.name, OptString(body, "name"));
          DUBAN_ASSIGN_OR_RETURN(p.title, OptString(body, "title"));
          DUBAN_ASSIGN_OR_RETURN(p.phone, OptString(body, "phone"));
          DUBAN_ASSIGN_OR_RETURN(Person out, org.UpdatePerson(ctx.caller(), id, p));
          return Json(200, PersonJson(out));
        });
}

void AddAccountRoutes(RouteTable& t, OrgService& org, AuthService& auth) {
  // ---- accounts ----
  t.Add("GET", "/api/v1/accounts", "List accounts in scope",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          AccountRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.unit_id, QueryInt(ctx.request, "unit_id"));
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org.ListAccounts(ctx.caller(), q));
          return Json(200, PageJson(result, page, AccountJson));
        });
  t.Add("POST", "/api/v1/accounts", "Create an account",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(
              RejectUnknownFields(body, {"username", "password", "unit_id", "person_id", "roles"}));
          AccountInput in;
          DUBAN_ASSIGN_OR_RETURN(in.username, ReqString(body, "username"));
          DUBAN_ASSIGN_OR_RETURN(in.password, ReqString(body, "password"));
          DUBAN_ASSIGN_OR_RETURN(in.unit_id, ReqInt(body, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(in.person_id, OptInt(body, "person_id"));
          DUBAN_ASSIGN_OR_RETURN(auto roles, OptStringList(body, "roles"));
          in.roles = roles.value_or(std::vector<std::string>{});
          DUBAN_ASSIGN_OR_RETURN(Account a, org.CreateAccount(ctx.caller(), in));
          return Json(201, AccountJson(a));
        });
  t.Add("GET", "/api/v1/accounts/{id}", "One account",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Account a, org.GetAccount(ctx.caller(), id));
          return Json(200, AccountJson(a));
        });
  t.Add("PATCH", "/api/v1/accounts/{id}", Access::kSignedIn,
        "Edit roles, unit, person, disable, reset password",
        [&org](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(
              RejectUnknownFields(body, {"unit_id", "person_id", "roles", "disabled", "password"}));
          AccountPatch p;
          DUBAN_ASSIGN_OR_RETURN(p.unit_id, OptInt(body, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(p.person_id, OptNullableInt(body, "person_id"));
          DUBAN_ASSIGN_OR_RETURN(p.roles, OptStringList(body, "roles"));
          DUBAN_ASSIGN_OR_RETURN(p.disabled, OptBool(body, "disabled"));
          DUBAN_ASSIGN_OR_RETURN(p.password, OptString(body, "password"));
          DUBAN_ASSIGN_OR_RETURN(Account a, org.UpdateAccount(ctx.caller(), id, p));
          return Json(200, AccountJson(a));
        });

  t.Add("POST", "/api/v1/accounts/{id}/unlock", Access::kSignedIn,
        "End an account's lockout and clear its failed sign-ins",
        [&auth](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Account a, auth.Unlock(ctx.caller(), id));
          return Json(200, AccountJson(a));
        });
}

}  // namespace

void AddOrgRoutes(RouteTable& t, OrgService& org, AuthService& auth, AuditService& audit) {
  AddUnitRoutes(t, org);
  AddPeopleRoutes(t, org);
  AddAccountRoutes(t, org, auth);
  // ---- audit ----
  t.Add("GET", "/api/v1/audit", "Audit events in scope, newest first",
        [&audit](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          AuditRepository::Query q;
          q.entity_type = ctx.request.Query("entity_type").value_or("");
          q.entity_id = ctx.request.Query("entity_id").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, audit.List(ctx.caller(), q));
          return Json(200, PageJson(result, page, AuditEventJson));
        });
}

}  // namespace duban::http
