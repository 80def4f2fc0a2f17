#include "http/campaign_codec.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {

void AddCampaignRoutes(RouteTable& t, Services& s) {
  t.Add("GET", "/api/v1/campaigns", "Campaigns in scope",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(auto result, s.campaigns.List(ctx.caller(), page));
          return Json(200, PageJson(result, page, CampaignJson));
        });
  t.Add("POST", "/api/v1/campaigns", "Create a campaign",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(CampaignInput in, DecodeCampaign(body));
          if (!in.name) return InvalidArgument("缺少字段 name", "name");
          DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Create(ctx.caller(), in));
          return Json(201, CampaignJson(c));
        });
  t.Add("GET", "/api/v1/campaigns/{id}", "One campaign",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Get(ctx.caller(), id));
          return Json(200, CampaignJson(c));
        });
  t.Add("PATCH", "/api/v1/campaigns/{id}", "Edit a campaign",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(CampaignInput in, DecodeCampaign(body));
          DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Update(ctx.caller(), id, in));
          return Json(200, CampaignJson(c));
        });
}

}  // namespace duban::http
