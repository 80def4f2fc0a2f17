#include <chrono>

#include "core/permission.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/org_codec.h"
#include "http/routes.h"

namespace duban::http {
namespace {

// A throttled answer says when to come back (RFC 9110 §10.2.3).
Response WithRetryAfter(Response r, std::chrono::seconds retry_after) {
  if (r.status == 429 && retry_after.count() > 0) {
    r.Set("Retry-After", std::to_string(retry_after.count()));
  }
  return r;
}

// The session as sign-in and /me answer it: the account, the CSRF token, and the names of the
// capabilities the account's roles hold (core/permission.h), sorted, for the UI's `can`.
nlohmann::json SessionJson(const Account& account, const std::string& csrf_token) {
  std::vector<std::string> permissions;
  for (std::string_view name : CapabilityNames(account.roles)) permissions.emplace_back(name);
  return {
      {"account", AccountJson(account)}, {"csrf_token", csrf_token}, {"permissions", permissions}};
}

}  // namespace

void AddSessionRoutes(RouteTable& t, AuthService& auth, SessionCookie cookie) {
  t.Add(
      "POST", "/api/v1/session", Access::kPublic, "Sign in",
      [&auth, cookie](RequestContext& ctx) -> Result<Response> {
        DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
        DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"username", "password"}));
        DUBAN_ASSIGN_OR_RETURN(std::string username, ReqString(body, "username"));
        DUBAN_ASSIGN_OR_RETURN(std::string password, ReqString(body, "password"));
        std::chrono::seconds retry_after{0};
        auto signed_in = auth.SignIn(username, password, ctx.request.remote_address, &retry_after);
        if (!signed_in.ok()) return WithRetryAfter(ErrorResponse(signed_in.status()), retry_after);
        SignedIn& s = *signed_in;
        Response r = Json(200, SessionJson(s.account, s.csrf_token));
        auto max_age = std::chrono::duration_cast<std::chrono::seconds>(auth.policy().session_max);
        r.Set("Set-Cookie",
              cookie.name + "=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age.count()) + (cookie.secure ? "; Secure" : ""));
        return r;
      },
      BodyClass::kSignIn);
  t.Add("DELETE", "/api/v1/session", "Sign out",
        [&auth, cookie](RequestContext& ctx) -> Result<Response> {
          DUBAN_RETURN_IF_ERROR(auth.SignOut(ctx.session_token, ctx.caller()));
          Response r = NoContent();
          r.Set("Set-Cookie", cookie.name + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                  (cookie.secure ? "; Secure" : ""));
          return r;
        });
  t.Add("GET", "/api/v1/me",
        "The signed-in account, its CSRF token and its permissions (capability names, sorted)",
        [](RequestContext& ctx) {
          return Json(200, SessionJson(ctx.auth->account, ctx.auth->csrf_token));
        });
  t.Add("PUT", "/api/v1/me/password", "Change own password",
        [&auth, cookie](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"old_password", "new_password"}));
          DUBAN_ASSIGN_OR_RETURN(std::string old_pw, ReqString(body, "old_password"));
          DUBAN_ASSIGN_OR_RETURN(std::string new_pw, ReqString(body, "new_password"));
          std::chrono::seconds retry_after{0};
          Status changed = auth.ChangePassword(ctx.caller(), old_pw, new_pw, ctx.session_token,
                                               ctx.request.remote_address, &retry_after);
          if (!changed.ok()) return WithRetryAfter(ErrorResponse(changed), retry_after);
          return NoContent();
        });
}

}  // namespace duban::http
