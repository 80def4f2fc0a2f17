#include "http/api.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/crypto.h"
#include "app/views.h"
#include "core/permission.h"
#include "core/text.h"
#include "http/assessment_routes.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/loop_routes.h"

namespace duban::http {
namespace {
// RFC 6265bis: a "__Host-" cookie is only accepted when Secure, for Path=/ and without Domain,
// so a sibling subdomain or a plain-http page cannot plant or overwrite it.
constexpr char kSessionCookie[] = "duban_session";
constexpr char kSecureSessionCookie[] = "__Host-duban_session";
// The routes whose body is a file rather than JSON: evidence uploads and imports.
constexpr const char* kRawBodyRoutes[] = {
    "/api/v1/items/import",
    "/api/v1/items/{id}/files",
    "/api/v1/assessment/events/{id}/files",
    "/api/v1/calendar/import",
};

// The session as sign-in and /me answer it: the account, the CSRF token, and the names of the
// capabilities the account's roles hold (core/permission.h), sorted, for the UI's `can`.
nlohmann::json SessionJson(const Account& account, const std::string& csrf_token) {
  std::vector<std::string> permissions;
  for (std::string_view name : CapabilityNames(account.roles)) permissions.emplace_back(name);
  return {
      {"account", AccountView(account)}, {"csrf_token", csrf_token}, {"permissions", permissions}};
}
}  // namespace

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.Set("Content-Type", "application/json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

// A file download: its type and a UTF-8 file name (RFC 6266 filename*).
Response Attachment(const std::string& content_type, const std::string& file_name,
                    std::string bytes) {
  Response r;
  r.Set("Content-Type", content_type);
  std::string encoded;
  PercentEncode(file_name, encoded);
  r.Set("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  r.body = std::move(bytes);
  return r;
}

Result<PageRequest> PageFromQuery(const Request& r) {
  DUBAN_ASSIGN_OR_RETURN(auto page, QueryInt(r, "page"));
  DUBAN_ASSIGN_OR_RETURN(auto size, QueryInt(r, "page_size"));
  return MakePageRequest(page.value_or(1), size.value_or(20));
}

namespace {

// A throttled answer says when to come back (RFC 9110 §10.2.3).
Response WithRetryAfter(Response r, std::chrono::seconds retry_after) {
  if (r.status == 429 && retry_after.count() > 0) {
    r.Set("Retry-After", std::to_string(retry_after.count()));
  }
  return r;
}

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& params) {
  auto ps = Split(pattern), xs = Split(path);
  if (ps.size() != xs.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      if (xs[i].empty()) return false;
      found[ps[i].substr(1, ps[i].size() - 2)] = xs[i];
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void AddSecurityHeaders(Response& r, bool api, bool hsts) {
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "same-origin");
  // Element Plus sets inline styles; scripts only from our own origin.
  r.Set("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  if (api && !r.Get("Cache-Control")) r.Set("Cache-Control", "no-store");
  if (hsts) r.Set("Strict-Transport-Security", "max-age=31536000");
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kAborted:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response InternalErrorResponse(int http_status, const std::string& detail) {
  std::string id = RandomHex(6);
  spdlog::error("{} error (请求编号 {}): {}", http_status, id, detail);
  std::string message =
      http_status == 503
          ? "服务暂时不可用，请稍后重试；如持续出现请联系管理员（请求编号 " + id + "）"
          : "服务器内部错误，请联系管理员（请求编号 " + id + "）";
  return Json(http_status, {{"error",
                             {{"code", http_status == 503 ? "unavailable" : "internal"},
                              {"message", message},
                              {"details", {{"request_id", id}}}}}});
}

Response ErrorResponse(const Status& status) {
  int http_status = HttpStatusFor(status.code());
  // A 5xx names files, SQL or hosts: the log gets it, the client a request number (review L1).
  if (http_status >= 500) return InternalErrorResponse(http_status, status.message());
  nlohmann::json details = nullptr;
  if (!status.field().empty()) details = {{"field", status.field()}};
  return Json(http_status, {{"error",
                             {{"code", std::string(ErrorCodeName(status.code()))},
                              {"message", status.message()},
                              {"details", details}}}});
}

Response ErrorResponse(int http_status, const std::string& code, const std::string& message) {
  return Json(http_status,
              {{"error", {{"code", code}, {"message", message}, {"details", nullptr}}}});
}

Api::Api(Services& services, const TableCodec& codec, ApiOptions options)
    : services_(services),
      codec_(codec),
      auth_(services.auth),
      org_(services.org),
      audit_(services.audit),
      options_(std::move(options)),
      static_files_(options_.web_root) {
  AddRoutes();
}

Response Api::Handle(Request& request) {
  auto start = std::chrono::steady_clock::now();
  std::string route_name = "unmatched";
  Response r = Dispatch(request, route_name);
  bool api = request.path.starts_with("/api/");
  AddSecurityHeaders(r, api, options_.secure_cookies);
  auto elapsed = std::chrono::steady_clock::now() - start;
  metrics_.Observe(route_name, r.status, elapsed);
  spdlog::info("{} {} {} {} {}us", request.remote_address, request.method, request.target, r.status,
               std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  return r;
}

Response Api::ServerError(int status, const std::string& message) const {
  Response r = status >= 500 && status != 503
                   ? InternalErrorResponse(status, message)
                   : ErrorResponse(status,
                                   status == 413   ? "payload_too_large"
                                   : status == 421 ? "misdirected_request"
                                   : status == 431 ? "header_too_large"
                                   : status == 503 ? "unavailable"
                                                   : "bad_request",
                                   message);
  AddSecurityHeaders(r, true, options_.secure_cookies);
  return r;
}

size_t Api::BodyLimit(const std::string& method, const std::string& path) const {
  if (method == "POST" && path == "/api/v1/session") return kSignInBodyBytes;
  std::map<std::string, std::string> params;
  for (const char* pattern : kRawBodyRoutes) {
    if (MatchPattern(pattern, path, params)) return options_.max_upload_bytes;
  }
  return std::min(kJsonBodyBytes, options_.max_upload_bytes);
}

const char* Api::session_cookie() const {
  return options_.secure_cookies ? kSecureSessionCookie : kSessionCookie;
}

Response Api::Dispatch(Request& request, std::string& route_name) {
  // SPEC §10: bad input gets a clear error. Every handler may then treat paths and parameters
  // as text.
  if (!IsValidUtf8(request.path)) {
    return ErrorResponse(400, "bad_request", "请求路径不是有效的 UTF-8");
  }
  for (const auto& [key, value] : request.query) {
    if (!IsValidUtf8(key) || !IsValidUtf8(value)) {
      return ErrorResponse(400, "bad_request", "查询参数不是有效的 UTF-8");
    }
  }
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;
  const Route* route = nullptr;
  for (const Route& candidate : routes_) {
    if (!MatchPattern(candidate.pattern, request.path, params)) continue;
    if (candidate.method == request.method ||
        (candidate.method == "GET" && request.method == "HEAD")) {
      route = &candidate;
      break;
    }
    allowed.push_back(candidate.method);
  }
  if (!route) {
    if (!allowed.empty()) {
      route_name = "method_not_allowed";
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      Response r = ErrorResponse(405, "method_not_allowed",
                                 "此路径不支持 " + request.method + " 方法（可用: " + allow + "）");
      r.Set("Allow", allow);
      return r;
    }
    if (request.path.starts_with("/api/")) {
      return ErrorResponse(404, "not_found", "没有这个接口: " + request.path);
    }
    if (request.method == "GET" || request.method == "HEAD") {
      route_name = "static";
      if (auto r = static_files_.Serve(request.path)) return *r;
      return ErrorResponse(404, "not_found", "界面未构建：请先运行 ./script/build");
    }
    return ErrorResponse(405, "method_not_allowed", "此路径只支持 GET");
  }
  route_name = route->method + " " + route->pattern;
  RequestContext ctx{request, std::move(params), std::nullopt, {}};
  if (route->access == Access::kSignedIn) {
    auto token = request.Cookie(session_cookie());
    if (!token) return ErrorResponse(401, "unauthenticated", "未登录或会话已过期");
    auto auth = auth_.Authenticate(*token);
    if (!auth.ok()) return ErrorResponse(auth.status());
    if (IsStateChanging(request.method)) {
      auto sent = request.Header("X-CSRF-Token");
      if (!sent || !ConstantTimeEquals(*sent, auth->csrf_token)) {
        return ErrorResponse(403, "csrf_failed",
                             "缺少或错误的 X-CSRF-Token 请求头：请刷新页面后重试");
      }
    }
    ctx.auth = std::move(auth).value();
    ctx.session_token = *token;
  }
  return route->handler(ctx);
}

void Api::AddRoutes() {
  auto add = [this](std::string method, std::string pattern, Access access, std::string summary,
                    std::function<Response(RequestContext&)> handler) {
    routes_.push_back(
        {std::move(method), std::move(pattern), access, std::move(summary), std::move(handler)});
  };

  // ---- health, metrics, description ----
  add("GET", "/healthz", Access::kPublic, "Liveness and database check", [this](RequestContext&) {
    Status s = services_.health.Check();
    if (!s.ok()) {
      // Public: says whether, never why (the reason names hosts and users; review L1).
      spdlog::error("healthz: database unavailable: {}", s.message());
      return Json(503, {{"status", "unavailable"}});
    }
    return Json(200, {{"status", "ok"},
                      {"schema_version", services_.health.SchemaVersion()},
                      {"version", options_.version}});
  });
  add("GET", "/metrics", Access::kPublic, "Prometheus metrics", [this](RequestContext&) {
    auto [connections, in_flight] =
        server_figures_ ? server_figures_() : std::pair<int64_t, int64_t>{0, 0};
    Response r;
    r.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = metrics_.Render(services_.health.Stats(), connections, in_flight);
    return r;
  });
  add("GET", "/api/v1/openapi.json", Access::kPublic, "This OpenAPI document",
      [this](RequestContext&) { return Json(200, OpenApiDocument()); });

  // ---- session ----
  add("POST", "/api/v1/session", Access::kPublic, "Sign in", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"username", "password"}));
      DUBAN_ASSIGN_OR_RETURN(std::string username, ReqString(body, "username"));
      DUBAN_ASSIGN_OR_RETURN(std::string password, ReqString(body, "password"));
      std::chrono::seconds retry_after{0};
      auto signed_in = auth_.SignIn(username, password, ctx.request.remote_address, &retry_after);
      if (!signed_in.ok()) return WithRetryAfter(ErrorResponse(signed_in.status()), retry_after);
      SignedIn& s = *signed_in;
      Response r = Json(200, SessionJson(s.account, s.csrf_token));
      auto max_age = std::chrono::duration_cast<std::chrono::seconds>(auth_.policy().session_max);
      r.Set("Set-Cookie",
            std::string(session_cookie()) + "=" + s.token +
                "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count()) +
                (options_.secure_cookies ? "; Secure" : ""));
      return r;
    });
  });
  add("DELETE", "/api/v1/session", Access::kSignedIn, "Sign out", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_RETURN_IF_ERROR(auth_.SignOut(ctx.session_token, ctx.caller()));
      Response r = NoContent();
      r.Set("Set-Cookie", std::string(session_cookie()) +
                              "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                              (options_.secure_cookies ? "; Secure" : ""));
      return r;
    });
  });
  add("GET", "/api/v1/me", Access::kSignedIn,
      "The signed-in account, its CSRF token and its permissions (capability names, sorted)",
      [](RequestContext& ctx) {
        return Json(200, SessionJson(ctx.auth->account, ctx.auth->csrf_token));
      });
  add("PUT", "/api/v1/me/password", Access::kSignedIn, "Change own password",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"old_password", "new_password"}));
          DUBAN_ASSIGN_OR_RETURN(std::string old_pw, ReqString(body, "old_password"));
          DUBAN_ASSIGN_OR_RETURN(std::string new_pw, ReqString(body, "new_password"));
          std::chrono::seconds retry_after{0};
          Status changed = auth_.ChangePassword(ctx.caller(), old_pw, new_pw, ctx.session_token,
                                                ctx.request.remote_address, &retry_after);
          if (!changed.ok()) return WithRetryAfter(ErrorResponse(changed), retry_after);
          return NoContent();
        });
      });

  // ---- units ----
  add("GET", "/api/v1/units", Access::kSignedIn, "List units in scope",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          UnitRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.parent_id, QueryInt(ctx.request, "parent_id"));
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org_.ListUnits(ctx.caller(), q));
          return Json(200, PageJson(result, page, UnitView));
        });
      });
  add("POST", "/api/v1/units", Access::kSignedIn, "Create a unit", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"parent_id", "name", "kind", "code"}));
      UnitInput in;
      DUBAN_ASSIGN_OR_RETURN(in.parent_id, OptInt(body, "parent_id"));
      DUBAN_ASSIGN_OR_RETURN(in.name, ReqString(body, "name"));
      DUBAN_ASSIGN_OR_RETURN(auto kind, OptString(body, "kind"));
      DUBAN_ASSIGN_OR_RETURN(auto code, OptString(body, "code"));
      in.kind = kind.value_or("other");
      in.code = code.value_or("");
      DUBAN_ASSIGN_OR_RETURN(Unit u, org_.CreateUnit(ctx.caller(), in));
      return Json(201, UnitView(u));
    });
  });
  add("GET", "/api/v1/units/{id}", Access::kSignedIn, "One unit", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(Unit u, org_.GetUnit(ctx.caller(), id));
      return Json(200, UnitView(u));
    });
  });
  add("PATCH", "/api/v1/units/{id}", Access::kSignedIn, "Rename, move, disable a unit",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
          DUBAN_ASSIGN_OR_RETURN(Unit u, org_.UpdateUnit(ctx.caller(), id, p));
          return Json(200, UnitView(u));
        });
      });

  // ---- people ----
  add("GET", "/api/v1/people", Access::kSignedIn, "List people in scope",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          PersonRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.unit_id, QueryInt(ctx.request, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(auto subtree, QueryInt(ctx.request, "subtree"));
          q.subtree = subtree.value_or(1) != 0;
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org_.ListPeople(ctx.caller(), q));
          return Json(200, PageJson(result, page, PersonView));
        });
      });
  add("POST", "/api/v1/people", Access::kSignedIn, "Create a person", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"unit_id", "name", "title", "phone"}));
      PersonInput in;
      DUBAN_ASSIGN_OR_RETURN(in.unit_id, ReqInt(body, "unit_id"));
      DUBAN_ASSIGN_OR_RETURN(in.name, ReqString(body, "name"));
      DUBAN_ASSIGN_OR_RETURN(auto title, OptString(body, "title"));
      DUBAN_ASSIGN_OR_RETURN(auto phone, OptString(body, "phone"));
      in.title = title.value_or("");
      in.phone = phone.value_or("");
      DUBAN_ASSIGN_OR_RETURN(Person p, org_.CreatePerson(ctx.caller(), in));
      return Json(201, PersonView(p));
    });
  });
  add("GET", "/api/v1/people/{id}", Access::kSignedIn, "One person", [this](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(Person p, org_.GetPerson(ctx.caller(), id));
      return Json(200, PersonView(p));
    });
  });
  add("PATCH", "/api/v1/people/{id}", Access::kSignedIn, "Edit a person",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"unit_id", "name", "title", "phone"}));
          PersonPatch p;
          DUBAN_ASSIGN_OR_RETURN(p.unit_id, OptInt(body, "unit_id"));
          DUBAN_ASSIGN_OR_RETURN(p.name, OptString(body, "name"));
          DUBAN_ASSIGN_OR_RETURN(p.title, OptString(body, "title"));
          DUBAN_ASSIGN_OR_RETURN(p.phone, OptString(body, "phone"));
          DUBAN_ASSIGN_OR_RETURN(Person out, org_.UpdatePerson(ctx.caller(), id, p));
          return Json(200, PersonView(out));
        });
      });

  // ---- accounts ----
  add("GET", "/api/v1/accounts", Access::kSignedIn, "List accounts in scope",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          AccountRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.unit_id, QueryInt(ctx.request, "unit_id"));
          q.q = ctx.request.Query("q").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, org_.ListAccounts(ctx.caller(), q));
          return Json(200, PageJson(result, page, AccountView));
        });
      });
  add("POST", "/api/v1/accounts", Access::kSignedIn, "Create an account",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
          DUBAN_ASSIGN_OR_RETURN(Account a, org_.CreateAccount(ctx.caller(), in));
          return Json(201, AccountView(a));
        });
      });
  add("GET", "/api/v1/accounts/{id}", Access::kSignedIn, "One account",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Account a, org_.GetAccount(ctx.caller(), id));
          return Json(200, AccountView(a));
        });
      });
  add("PATCH", "/api/v1/accounts/{id}", Access::kSignedIn,
      "Edit roles, unit, person, disable, reset password", [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
          DUBAN_ASSIGN_OR_RETURN(Account a, org_.UpdateAccount(ctx.caller(), id, p));
          return Json(200, AccountView(a));
        });
      });

  add("POST", "/api/v1/accounts/{id}/unlock", Access::kSignedIn,
      "End an account's lockout and clear its failed sign-ins", [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Account a, auth_.Unlock(ctx.caller(), id));
          return Json(200, AccountView(a));
        });
      });

  // ---- audit ----
  add("GET", "/api/v1/audit", Access::kSignedIn, "Audit events in scope, newest first",
      [this](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          AuditRepository::Query q;
          q.entity_type = ctx.request.Query("entity_type").value_or("");
          q.entity_id = ctx.request.Query("entity_id").value_or("");
          q.page = page;
          DUBAN_ASSIGN_OR_RETURN(auto result, audit_.List(ctx.caller(), q));
          return Json(200, PageJson(result, page, AuditEventView));
        });
      });
  AddLoopRoutes(routes_, services_, codec_);
  AddAssessmentRoutes(routes_, services_.assessment);
}

nlohmann::json Api::OpenApiDocument() const {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::json op = {
        {"summary", r.summary},
        {"responses",
         {{"200", {{"description", "OK"}}},
          {"default",
           {{"description", "Error"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    if (r.access == Access::kSignedIn) op["security"] = {{{"session", nlohmann::json::array()}}};
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& seg : Split(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        parameters.push_back({{"name", seg.substr(1, seg.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "integer"}}}});
      }
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    paths[r.pattern][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Duban API"}, {"version", options_.version}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", session_cookie()}}}}},
            {"schemas",
             {{"Error",
               {{"type", "object"},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"message", {{"type", "string"}}},
                      {"details", {{"nullable", true}}}}}}}}}}}}}}}};
}

}  // namespace duban::http
