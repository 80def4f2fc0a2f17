#include "http/handler_util.h"
#include "http/item_json.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {

using nlohmann::json;

void AddNoticeRoutes(RouteTable& t, Services& s) {
  // ---- notices ----
  t.Add("GET", "/api/v1/notices", "Supervision notices in scope",
        [&s](RequestContext& ctx) -> Result<Response> {
          NoticeRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(ctx.request));
          q.status = ctx.request.Query("status").value_or("");
          if (!q.status.empty() && q.status != "open" && q.status != "answered" &&
              q.status != "withdrawn") {
            return InvalidArgument("参数 status 须为 open、answered 或 withdrawn", "status");
          }
          DUBAN_ASSIGN_OR_RETURN(q.item_id, QueryInt(ctx.request, "item_id"));
          DUBAN_ASSIGN_OR_RETURN(auto page, s.items.ListNotices(ctx.caller(), q));
          json items = json::array();
          for (const auto& n : s.items.NoticesWithItems(ctx.caller(), page.items)) {
            items.push_back(NoticeListingJson(n));
          }
          return Json(200, {{"items", items},
                            {"total", page.total},
                            {"page", q.page.page},
                            {"page_size", q.page.page_size}});
        });
  t.Add("POST", "/api/v1/notices", "Issue a notice by hand (incl. 约谈)",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
              body, {"item_id", "level", "reason", "respond_within_working_days"}));
          DUBAN_ASSIGN_OR_RETURN(int64_t item_id, ReqInt(body, "item_id"));
          DUBAN_ASSIGN_OR_RETURN(std::string level, ReqString(body, "level"));
          DUBAN_ASSIGN_OR_RETURN(std::string reason, ReqString(body, "reason"));
          DUBAN_ASSIGN_OR_RETURN(auto within, OptInt(body, "respond_within_working_days"));
          if (within && (*within < 1 || *within > 60)) {  // before the cast to int
            return InvalidArgument("答复时限须为 1 到 60 个工作日", "respond_within_working_days");
          }
          DUBAN_ASSIGN_OR_RETURN(Notice n,
                                 s.items.IssueNotice(ctx.caller(), item_id, level, reason,
                                                     static_cast<int>(within.value_or(2))));
          return Json(201, NoticeListingJson(s.items.NoticeWithItem(ctx.caller(), n)));
        });
  t.Add("POST", "/api/v1/notices/{id}/respond", "Answer a notice",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"text"}));
          DUBAN_ASSIGN_OR_RETURN(std::string text, ReqString(body, "text"));
          DUBAN_ASSIGN_OR_RETURN(Notice n, s.items.RespondNotice(ctx.caller(), id, text));
          return Json(200, NoticeListingJson(s.items.NoticeWithItem(ctx.caller(), n)));
        });
  t.Add("POST", "/api/v1/sweep", "Run the supervision sweep now",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(SweepReport r, s.items.Sweep(ctx.caller()));
          return Json(200,
                      {{"checked", r.checked}, {"issued", r.issued}, {"escalated", r.escalated}});
        });
}

}  // namespace duban::http
