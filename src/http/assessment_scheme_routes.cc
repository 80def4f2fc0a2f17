#include <functional>
#include <limits>

#include "http/assessment_codec.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/routes.h"
#include "http/scheme_codec.h"

namespace duban::http {

using nlohmann::json;

void AddAssessmentSchemeRoutes(RouteTable& t, AssessmentService& s) {
  t.Add(
      "GET", "/api/v1/assessment/metrics", "Metrics, formulas and tiers of the scoring engine",
      [](RequestContext&) {
        json metrics = json::array(), tiers = json::array();
        for (Metric m : {Metric::kClosureRate, Metric::kOnTimeRate, Metric::kSignForRate,
                         Metric::kReturnRate, Metric::kReportTimeliness, Metric::kSatisfactionRate,
                         Metric::kUnsatisfiedRate, Metric::kOverdueCount, Metric::kRecurrenceCount,
                         Metric::kNoticeCount, Metric::kMajorHazardOverdueCount}) {
          metrics.push_back(
              {{"name", MetricName(m)}, {"label", MetricLabel(m)}, {"rate", IsRateMetric(m)}});
        }
        for (Tier tier : {Tier::kGood, Tier::kFairlyGood, Tier::kAverage, Tier::kPoor}) {
          tiers.push_back({{"name", TierName(tier)}, {"label", TierLabel(tier)}});
        }
        return Json(
            200,
            {{"metrics", metrics},
             {"formulas", {"sum", "linear", "per_event_deduction", "manual_weighted", "event_sum"}},
             {"tiers", tiers}});
      });

  t.Add("GET", "/api/v1/assessment/schemes", "Assessment schemes (latest versions)",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto records, s.ListSchemes(ctx.caller()));
          json items = json::array();
          for (const SchemeRecord& r : records) {
            DUBAN_ASSIGN_OR_RETURN(SchemeView v, s.GetScheme(ctx.caller(), r.key, r.version));
            v.versions.clear();
            items.push_back(SchemeJson(v, false));
          }
          return Json(200, {{"items", items}, {"total", items.size()}});
        });
  t.Add("GET", "/api/v1/assessment/schemes/{key}",
        "One scheme, the latest or ?version=", [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto version, QueryInt(ctx.request, "version"));
          if (version && (*version < 1 || *version > std::numeric_limits<int>::max())) {
            return InvalidArgument("参数 version 须为正整数版本号", "version");
          }
          DUBAN_ASSIGN_OR_RETURN(
              SchemeView v,
              s.GetScheme(ctx.caller(), ctx.params["key"],
                          version ? std::optional<int>(static_cast<int>(*version)) : std::nullopt));
          return Json(200, SchemeJson(v, true));
        });
  t.Add("PUT", "/api/v1/assessment/schemes/{key}", "Save a scheme as its next version",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
              body, {"key", "name", "subject_type", "indicators", "tier_bounds", "bars",
                     "star_bounds", "child_weight", "peer_kind", "version", "versions",
                     "created_at", "created_by", "indicator_count"}));
          DUBAN_ASSIGN_OR_RETURN(SchemeInput in, DecodeSchemeInput(body));
          DUBAN_ASSIGN_OR_RETURN(SchemeView v,
                                 s.SaveScheme(ctx.caller(), ctx.params["key"], std::move(in)));
          return Json(200, SchemeJson(v, true));
        });
  t.Add("GET", "/api/v1/assessment/schemes/{key}/evaluators", "Evaluators given a scheme",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto grants, s.ListGrants(ctx.caller(), ctx.params["key"]));
          json items = json::array();
          for (const EvaluatorGrant& g : grants) {
            items.push_back({{"id", g.id},
                             {"account_id", g.account_id},
                             {"username", g.username},
                             {"unit_id", g.unit_id},
                             {"unit_name", g.unit_name}});
          }
          return Json(200, {{"items", items}, {"total", items.size()}});
        });
  t.Add("POST", "/api/v1/assessment/schemes/{key}/evaluators",
        "Give an evaluator the units of a subtree under a scheme",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"account_id", "unit_id"}));
          DUBAN_ASSIGN_OR_RETURN(auto account, OptInt(body, "account_id"));
          DUBAN_ASSIGN_OR_RETURN(auto unit, OptInt(body, "unit_id"));
          if (!account) return InvalidArgument("缺少字段 account_id", "account_id");
          if (!unit) return InvalidArgument("缺少字段 unit_id", "unit_id");
          DUBAN_ASSIGN_OR_RETURN(EvaluatorGrant g,
                                 s.Grant(ctx.caller(), ctx.params["key"], *account, *unit));
          return Json(201, {{"id", g.id},
                            {"account_id", g.account_id},
                            {"username", g.username},
                            {"unit_id", g.unit_id},
                            {"unit_name", g.unit_name}});
        });
  t.Add("DELETE", "/api/v1/assessment/evaluators/{id}", "Take an evaluator's grant back",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_RETURN_IF_ERROR(s.Revoke(ctx.caller(), id));
          return NoContent();
        });
  t.Add("GET", "/api/v1/assessment/my-subjects", "The units the signed-in evaluator may score",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto subjects, s.MySubjects(ctx.caller()));
          json items = json::array();
          for (const auto& x : subjects) {
            items.push_back(
                {{"scheme_key", x.scheme_key},
                 {"scheme_name", x.scheme_name},
                 {"unit_id", x.unit.id},
                 {"unit_name", x.unit.name},
                 {"parent_id", x.unit.parent_id ? json(*x.unit.parent_id) : json(nullptr)}});
          }
          return Json(200, {{"items", items}, {"total", items.size()}});
        });
}

}  // namespace duban::http
