// The HTTP API of SPEC §9 and the web UI's files: the route table, the one place that turns a
// Request into a Response. For every request it authenticates the session cookie, checks the
// CSRF token of state-changing calls, dispatches to the route's handler (decode -> service ->
// encode), maps errors once to a status and the standard error body, adds the security
// headers, and records metrics. Thread-safe: handlers share only thread-safe services.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "app/services.h"
#include "http/error_mapping.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/route.h"
#include "http/static_files.h"

namespace duban::http {

struct ApiOptions {
  std::filesystem::path web_root;  // web/dist; empty: no UI
  // Behind TLS: the session cookie is "__Host-duban_session" with Secure, and every answer
  // carries Strict-Transport-Security. Off: "duban_session" over plain http (local use).
  bool secure_cookies = false;
  std::string version = "dev";
  size_t max_upload_bytes = 16 * 1024 * 1024;  // raw-body routes: uploads and imports
};

// Body limits by route (review M4): sign-in, JSON bodies, and raw uploads and imports.
inline constexpr size_t kSignInBodyBytes = 8 * 1024;
inline constexpr size_t kJsonBodyBytes = 256 * 1024;

// The headers every answer carries (CSP, nosniff, frame denial...); `api` adds no-store unless a
// Cache-Control is set, `hsts` adds Strict-Transport-Security.
void AddSecurityHeaders(Response& r, bool api, bool hsts);

class Api {
 public:
  // Returns the server's current connection and in-flight figures for /metrics.
  using ServerFigures = std::function<std::pair<int64_t, int64_t>()>;

  // `services` and `codec` (the file formats of io/, handed in by main) must outlive the Api.
  Api(Services& services, const TableCodec& codec, ApiOptions options);

  Response Handle(Request& request);
  // The server's own answers (Server's ErrorResponder): the standard error body and the
  // security headers; a 5xx message is logged, never sent.
  Response ServerError(int status, const std::string& message) const;
  // The body limit of `method` `path` (ServerOptions::body_limit), from its route's BodyClass:
  // kSignInBodyBytes for sign-in, max_upload_bytes for raw bodies, kJsonBodyBytes otherwise.
  size_t BodyLimit(const std::string& method, const std::string& path) const;
  const char* session_cookie() const;
  const std::vector<Route>& routes() const { return table_.routes(); }
  void set_server_figures(ServerFigures f) { server_figures_ = std::move(f); }
  Metrics& metrics() { return metrics_; }

 private:
  void AddRoutes();
  Response Dispatch(Request& request, std::string& route_name);

  Services& services_;
  const TableCodec& codec_;
  ApiOptions options_;
  StaticFiles static_files_;
  Metrics metrics_;
  ServerFigures server_figures_;
  RouteTable table_;
};

}  // namespace duban::http
