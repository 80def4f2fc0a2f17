// The route groups of the API, one file per resource; Api builds its RouteTable from them.
// Each group registers its routes with their method, pattern, access, body class and summary;
// handlers decode (the resource's codec), call the app service and encode. `codec` is the file
// formats of io/ (ledger, bulletin documents, calendar files), handed in by main.
#pragma once

#include <string>

#include "http/api.h"
#include "http/route.h"

namespace duban::http {

// The session cookie's name and whether it is Secure (ApiOptions::secure_cookies).
struct SessionCookie {
  std::string name;
  bool secure = false;
};

// Sign-in, sign-out, /me and the own password (session_routes.cc).
void AddSessionRoutes(RouteTable& t, AuthService& auth, SessionCookie cookie);
// Units, people, accounts and the audit log (org_routes.cc).
void AddOrgRoutes(RouteTable& t, OrgService& org, AuthService& auth, AuditService& audit);
// Items, their actions and files, the ledger import/export, the dashboard (item_routes.cc).
void AddItemRoutes(RouteTable& t, Services& s, const TableCodec& codec);
// Supervision notices and the sweep (notice_routes.cc).
void AddNoticeRoutes(RouteTable& t, Services& s);
// The work calendar (calendar_routes.cc).
void AddCalendarRoutes(RouteTable& t, Services& s, const TableCodec& codec);
// Bulletins 通报 and the register of issued ones (bulletin_routes.cc).
void AddBulletinRoutes(RouteTable& t, Services& s, const TableCodec& codec);
// Campaigns 专项行动 (campaign_routes.cc).
void AddCampaignRoutes(RouteTable& t, Services& s);
// Assessment 考核评比 (docs/API-ASSESSMENT.md): schemes and evaluators, events and their files,
// results (assessment_*_routes.cc).
void AddAssessmentSchemeRoutes(RouteTable& t, AssessmentService& s);
void AddAssessmentEventRoutes(RouteTable& t, AssessmentService& s);
void AddAssessmentResultRoutes(RouteTable& t, AssessmentService& s);

}  // namespace duban::http
