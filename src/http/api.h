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

#include "app/assessment_service.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/bulletin_service.h"
#include "app/calendar_service.h"
#include "app/campaign_service.h"
#include "app/item_service.h"
#include "app/ledger.h"
#include "app/org_service.h"
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

// The closed loop's services; when absent, the API serves the organisation only.
struct LoopServices {
  ItemService& items;
  CalendarService& calendar;
  CampaignService& campaigns;
  LedgerService& ledger;
  BulletinService& bulletins;
  const TableCodec& codec;  // XLSX/CSV from io/, handed in by main
  // Calendar files (JSON or .ics) parsed by io/.
  std::function<Result<std::map<int, std::vector<CalendarDay>>>(std::string_view, bool ics)>
      parse_calendar;
  AssessmentService* assessment = nullptr;  // 考核 routes when set
};

class Api {
 public:
  // Returns the server's current connection and in-flight figures for /metrics.
  using ServerFigures = std::function<std::pair<int64_t, int64_t>()>;

  Api(Store& store, AuthService& auth, OrgService& org, AuditService& audit, LoopServices* loop,
      ApiOptions options);

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

  Store& store_;
  AuthService& auth_;
  OrgService& org_;
  AuditService& audit_;
  LoopServices* loop_;
  ApiOptions options_;
  StaticFiles static_files_;
  Metrics metrics_;
  ServerFigures server_figures_;
  RouteTable table_;
};

}  // namespace duban::http
