#include "http/api.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/crypto.h"
#include "core/text.h"
#include "http/handler_util.h"
#include "http/openapi.h"
#include "http/routes.h"

namespace duban::http {
namespace {
// RFC 6265bis: a "__Host-" cookie is only accepted when Secure, for Path=/ and without Domain,
// so a sibling subdomain or a plain-http page cannot plant or overwrite it.
constexpr char kSessionCookie[] = "duban_session";
constexpr char kSecureSessionCookie[] = "__Host-duban_session";
}  // namespace

namespace {

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
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

Api::Api(Services& services, const TableCodec& codec, ApiOptions options)
    : services_(services),
      codec_(codec),
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
  RouteTable::Match m = table_.Find(method, path);
  if (m.route && m.route->body == BodyClass::kSignIn) return kSignInBodyBytes;
  if (m.route && m.route->body == BodyClass::kRaw) return options_.max_upload_bytes;
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
  RouteTable::Match match = table_.Find(request.method, request.path);
  const Route* route = match.route;
  const std::vector<std::string>& allowed = match.allowed;
  if (!route) {
    if (!allowed.empty()) {
      route_name = "method_not_allowed";
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      Response r = ErrorResponse(405, "method_not_allowed",
                                 "此路径不支持 " + request.method + " 方法（可用: " + allow + "）",
                                 "request.method_not_allowed");
      r.Set("Allow", allow);
      return r;
    }
    if (request.path.starts_with("/api/")) {
      return ErrorResponse(404, "not_found", "没有这个接口: " + request.path,
                           "request.no_such_route");
    }
    if (request.method == "GET" || request.method == "HEAD") {
      route_name = "static";
      if (auto r = static_files_.Serve(request.path)) return *r;
      return ErrorResponse(404, "not_found", "界面未构建：请先运行 ./script/build");
    }
    return ErrorResponse(405, "method_not_allowed", "此路径只支持 GET");
  }
  route_name = route->method + " " + route->pattern;
  RequestContext ctx{request, std::move(match.params), std::nullopt, {}};
  if (route->access == Access::kSignedIn) {
    auto token = request.Cookie(session_cookie());
    if (!token) return ErrorResponse(401, "unauthenticated", "未登录或会话已过期");
    auto auth = services_.auth.Authenticate(*token);
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
  // The one place a handler's failure becomes the standard error body.
  Result<Response> r = route->handler(ctx);
  if (!r.ok()) return ErrorResponse(r.status());
  return std::move(r).value();
}

void Api::AddRoutes() {
  // ---- health, metrics, description ----
  table_.Add("GET", "/healthz", Access::kPublic, "Liveness and database check",
             [this](RequestContext&) {
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
  table_.Add("GET", "/metrics", Access::kPublic, "Prometheus metrics", [this](RequestContext&) {
    auto [connections, in_flight] =
        server_figures_ ? server_figures_() : std::pair<int64_t, int64_t>{0, 0};
    Response r;
    r.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = metrics_.Render(services_.health.Stats(), connections, in_flight);
    return r;
  });
  table_.Add("GET", "/api/v1/openapi.json", Access::kPublic, "This OpenAPI document",
             [this](RequestContext&) {
               return Json(200, OpenApiDocument(table_, options_.version, session_cookie()));
             });

  AddSessionRoutes(table_, services_.auth, {session_cookie(), options_.secure_cookies});
  AddOrgRoutes(table_, services_.org, services_.auth, services_.audit);
  AddItemRoutes(table_, services_, codec_);
  AddNoticeRoutes(table_, services_);
  AddCalendarRoutes(table_, services_, codec_);
  AddBulletinRoutes(table_, services_, codec_);
  AddCampaignRoutes(table_, services_);
  AddAssessmentSchemeRoutes(table_, services_.assessment);
  AddAssessmentEventRoutes(table_, services_.assessment);
  AddAssessmentResultRoutes(table_, services_.assessment);
}

}  // namespace duban::http
