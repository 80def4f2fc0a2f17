#include "http/assessment_codec.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {

using nlohmann::json;

void AddAssessmentResultRoutes(RouteTable& t, AssessmentService& s) {
  t.Add("POST", "/api/v1/assessment/results/compute",
        "Score a peer group for a period; store the results and create follow-ups",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"scheme", "period", "unit"}));
          DUBAN_ASSIGN_OR_RETURN(auto scheme, OptString(body, "scheme"));
          DUBAN_ASSIGN_OR_RETURN(auto period, OptString(body, "period"));
          DUBAN_ASSIGN_OR_RETURN(auto unit, OptInt(body, "unit"));
          if (!scheme || scheme->empty()) return InvalidArgument("缺少字段 scheme", "scheme");
          if (!period) return InvalidArgument("缺少字段 period", "period");
          DUBAN_ASSIGN_OR_RETURN(auto outcome, s.Compute(ctx.caller(), *scheme, *period,
                                                         unit.value_or(ctx.caller().unit_id)));
          json items = json::array();
          for (const auto& r : outcome.results) {
            items.push_back(ResultJson(r, outcome.scheme_name));
          }
          return Json(200, {{"items", items},
                            {"total", items.size()},
                            {"follow_ups_created", outcome.follow_ups_created},
                            {"warnings", outcome.warnings}});
        });
  t.Add("GET", "/api/v1/assessment/results", "Stored results of ?scheme=&period=&unit=, ranked",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(std::string scheme, RequiredQuery(ctx.request, "scheme"));
          DUBAN_ASSIGN_OR_RETURN(std::string period, RequiredQuery(ctx.request, "period"));
          DUBAN_ASSIGN_OR_RETURN(auto unit, QueryInt(ctx.request, "unit"));
          DUBAN_ASSIGN_OR_RETURN(auto results, s.ListResults(ctx.caller(), scheme, period,
                                                             unit.value_or(ctx.caller().unit_id)));
          std::string name = SchemeName(s, ctx.caller(), scheme);
          json items = json::array();
          for (const auto& r : results) items.push_back(ResultJson(r, name));
          return Json(200, {{"items", items}, {"total", items.size()}});
        });
  t.Add("GET", "/api/v1/assessment/results/{id}",
        "One result with its breakdown and the events that made it",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(ResultDetail d, s.GetResult(ctx.caller(), id));
          // The version the result was computed with names its indicators and bars.
          auto view = s.GetScheme(ctx.caller(), d.result.scheme_key, d.result.scheme_version);
          EventNamer named(s, ctx.caller());
          if (view.ok()) named.Know(d.result.scheme_key, view->scheme);
          json j = ResultJson(d.result, view.ok() ? view->record.name : d.result.scheme_key);
          json indicators = json::parse(d.result.breakdown, nullptr, false);
          j["indicators"] = indicators.is_array() ? indicators : json::array();
          json events = json::array();
          for (const auto& e : d.events) events.push_back(named(e));
          j["events"] = events;
          json history = json::array();
          for (const auto& h : d.history) history.push_back(ResultJson(h, j["scheme_name"]));
          j["history"] = history;
          return Json(200, j);
        });
}

}  // namespace duban::http
