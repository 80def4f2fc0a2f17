#include "http/assessment_routes.h"

#include <functional>
#include <limits>
#include <map>

#include "app/assessment_json.h"
#include "app/assessment_service.h"
#include "app/views.h"
#include "core/text.h"
#include "http/handler_util.h"
#include "http/json_codec.h"

namespace duban::http {
namespace {

using nlohmann::json;

json Hundredths(std::optional<int64_t> v) { return v ? json(double(*v) / 100) : json(nullptr); }

json SchemeJson(const SchemeView& v, bool with_indicators) {
  json j = SchemeToJson(v.scheme);
  j["version"] = v.record.version;
  j["subject_type"] = v.record.subject_type;
  j["created_at"] = FormatRfc3339(v.record.created_at);
  j["created_by"] = v.record.created_by;
  if (!v.versions.empty()) j["versions"] = v.versions;
  if (!with_indicators) {
    int count = 0;
    std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
      for (const Indicator& in : list) {
        ++count;
        walk(in.children);
      }
    };
    walk(v.scheme.indicators);
    j.erase("indicators");
    j["indicator_count"] = count;
  }
  return j;
}

json EventJson(const AssessmentEvent& e) {
  json files = json::array();
  for (const auto& f : e.files) files.push_back(FileView(f));
  return {{"id", e.id},
          {"scheme_key", e.scheme_key},
          {"kind", e.kind},
          {"subject_type", e.subject_type},
          {"subject_id", e.subject_id},
          {"subject_name", e.subject_name},
          {"indicator_key", e.indicator_key},
          {"period", e.period.empty() ? json(nullptr) : json(e.period)},
          {"occurred_on", e.occurred_on ? json(FormatDate(*e.occurred_on)) : json(nullptr)},
          {"evaluator_group", e.evaluator_group.empty() ? json(nullptr) : json(e.evaluator_group)},
          {"score", Hundredths(e.score_x100)},
          {"points", Hundredths(e.points_x100)},
          {"reason", e.reason},
          {"evidence", e.evidence},
          {"status", e.status},
          {"created_by", e.created_by},
          {"created_at", FormatRfc3339(e.created_at)},
          {"decided_by", e.decided_by.empty() ? json(nullptr) : json(e.decided_by)},
          {"decided_at", e.decided_at ? json(FormatRfc3339(*e.decided_at)) : json(nullptr)},
          {"files", files}};
}

// Indicator and bar names of a scheme, by key.
std::map<std::string, std::string> IndicatorNames(const Scheme& scheme) {
  std::map<std::string, std::string> names;
  std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
    for (const Indicator& in : list) {
      names[in.key] = in.name;
      walk(in.children);
    }
  };
  walk(scheme.indicators);
  for (const HardBar& b : scheme.bars) names[b.key] = b.name;
  return names;
}

// Events as the API shows them, each with its indicator's (or bar's) name: from the scheme
// version given to Know(), else the latest version, read once per scheme; the key itself when
// the caller may not read the scheme.
class EventNamer {
 public:
  EventNamer(AssessmentService& s, const Caller& caller) : s_(s), caller_(caller) {}
  void Know(const std::string& scheme_key, const Scheme& scheme) {
    names_[scheme_key] = IndicatorNames(scheme);
  }
  json operator()(const AssessmentEvent& e) {
    auto it = names_.find(e.scheme_key);
    if (it == names_.end()) {
      auto view = s_.GetScheme(caller_, e.scheme_key, std::nullopt);
      it = names_
               .emplace(e.scheme_key, view.ok() ? IndicatorNames(view->scheme)
                                                : std::map<std::string, std::string>{})
               .first;
    }
    json j = EventJson(e);
    auto name = it->second.find(e.indicator_key);
    j["indicator_name"] = name == it->second.end() ? e.indicator_key : name->second;
    return j;
  }

 private:
  AssessmentService& s_;
  const Caller& caller_;
  std::map<std::string, std::map<std::string, std::string>> names_;
};

json ResultJson(const AssessmentResultRecord& r, const std::string& scheme_name) {
  auto tier = ParseTier(r.tier).value_or(Tier::kPoor);
  auto by_score = ParseTier(r.tier_by_score).value_or(Tier::kPoor);
  json capped = json::parse(r.capped_by, nullptr, false);
  auto period = ParsePeriod(r.period);
  json j = {{"id", r.id},
            {"scheme_key", r.scheme_key},
            {"scheme_name", scheme_name},
            {"scheme_version", r.scheme_version},
            {"period", r.period},
            {"period_label", period.ok() ? period->label : r.period},
            {"scope_unit_id", r.scope_unit_id},
            {"subject_type", r.subject_type},
            {"subject_id", r.subject_id},
            {"subject_name", r.subject_name},
            {"score", double(r.score_x100) / 100},
            {"own_score", double(r.own_score_x100) / 100},
            {"rank", r.rank},
            {"peer_count", r.peer_count},
            {"tier", TierName(tier)},
            {"tier_label", TierLabel(tier)},
            {"tier_by_score", TierName(by_score)},
            {"tier_by_score_label", TierLabel(by_score)},
            {"capped_by", capped.is_array() ? capped : json::array()},
            {"stars", r.stars},
            {"stars_text", StarsText(r.stars)},
            {"follow_up_item_id", r.follow_up_item_id ? json(*r.follow_up_item_id) : json(nullptr)},
            {"follow_up_item_code",
             r.follow_up_item_code.empty() ? json(nullptr) : json(r.follow_up_item_code)},
            {"computed_at", FormatRfc3339(r.computed_at)}};
  // Set on an earlier result a recomputation replaced (GET /assessment/results/{id} history).
  j["superseded_at"] = r.superseded_at ? json(FormatRfc3339(*r.superseded_at)) : json(nullptr);
  return j;
}

// Scheme names by key, for result lists.
std::string SchemeName(AssessmentService& s, const Caller& caller, const std::string& key) {
  auto v = s.GetScheme(caller, key, std::nullopt);
  return v.ok() ? v->record.name : key;
}

Result<std::string> RequiredQuery(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return InvalidArgument(std::string("缺少参数 ") + name, name);
  return *v;
}

}  // namespace

void AddAssessmentRoutes(std::vector<Route>& routes, AssessmentService& s) {
  auto add = [&routes](std::string method, std::string pattern, std::string summary,
                       std::function<Response(RequestContext&)> handler) {
    routes.push_back({std::move(method), std::move(pattern), Access::kSignedIn, std::move(summary),
                      std::move(handler)});
  };

  add("GET", "/api/v1/assessment/metrics", "Metrics, formulas and tiers of the scoring engine",
      [](RequestContext&) {
        json metrics = json::array(), tiers = json::array();
        for (Metric m : {Metric::kClosureRate, Metric::kOnTimeRate, Metric::kSignForRate,
                         Metric::kReturnRate, Metric::kReportTimeliness, Metric::kSatisfactionRate,
                         Metric::kUnsatisfiedRate, Metric::kOverdueCount, Metric::kRecurrenceCount,
                         Metric::kNoticeCount, Metric::kMajorHazardOverdueCount}) {
          metrics.push_back(
              {{"name", MetricName(m)}, {"label", MetricLabel(m)}, {"rate", IsRateMetric(m)}});
        }
        for (Tier t : {Tier::kGood, Tier::kFairlyGood, Tier::kAverage, Tier::kPoor}) {
          tiers.push_back({{"name", TierName(t)}, {"label", TierLabel(t)}});
        }
        return Json(
            200,
            {{"metrics", metrics},
             {"formulas", {"sum", "linear", "per_event_deduction", "manual_weighted", "event_sum"}},
             {"tiers", tiers}});
      });

  add("GET", "/api/v1/assessment/schemes", "Assessment schemes (latest versions)",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto records, s.ListSchemes(ctx.caller()));
          json items = json::array();
          for (const SchemeRecord& r : records) {
            DUBAN_ASSIGN_OR_RETURN(SchemeView v, s.GetScheme(ctx.caller(), r.key, r.version));
            v.versions.clear();
            items.push_back(SchemeJson(v, false));
          }
          return Json(200, {{"items", items}, {"total", items.size()}});
        });
      });
  add("GET", "/api/v1/assessment/schemes/{key}",
      "One scheme, the latest or ?version=", [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
  add("PUT", "/api/v1/assessment/schemes/{key}", "Save a scheme as its next version",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
              body, {"key", "name", "subject_type", "indicators", "tier_bounds", "bars",
                     "star_bounds", "child_weight", "peer_kind", "version", "versions",
                     "created_at", "created_by", "indicator_count"}));
          DUBAN_ASSIGN_OR_RETURN(SchemeView v, s.SaveScheme(ctx.caller(), ctx.params["key"], body));
          return Json(200, SchemeJson(v, true));
        });
      });
  add("GET", "/api/v1/assessment/schemes/{key}/evaluators", "Evaluators given a scheme",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
  add("POST", "/api/v1/assessment/schemes/{key}/evaluators",
      "Give an evaluator the units of a subtree under a scheme", [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
  add("DELETE", "/api/v1/assessment/evaluators/{id}", "Take an evaluator's grant back",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_RETURN_IF_ERROR(s.Revoke(ctx.caller(), id));
          return NoContent();
        });
      });
  add("GET", "/api/v1/assessment/my-subjects", "The units the signed-in evaluator may score",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });

  add("GET", "/api/v1/assessment/events", "Manual scores and point events in scope",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          AssessmentRepository::EventQuery q;
          DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(ctx.request));
          q.scheme_key = ctx.request.Query("scheme").value_or("");
          q.kind = ctx.request.Query("kind").value_or("");
          q.subject_type = ctx.request.Query("subject_type").value_or("");
          q.status = ctx.request.Query("status").value_or("");
          if (auto p = ctx.request.Query("period"); p && !p->empty()) {
            DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(*p));
            q.period = period.spec;
            q.from = period.from;
            q.to = period.to;
          }
          DUBAN_ASSIGN_OR_RETURN(q.subject_id, QueryInt(ctx.request, "subject_id"));
          DUBAN_ASSIGN_OR_RETURN(auto page, s.ListEvents(ctx.caller(), q));
          EventNamer named(s, ctx.caller());
          return Json(200, PageJson(page, q.page, std::ref(named)));
        });
      });
  add("POST", "/api/v1/assessment/events", "File a manual score or a point event",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
              body, {"scheme", "kind", "subject_type", "subject_id", "indicator", "period",
                     "evaluator_group", "score", "points", "occurred_on", "reason", "evidence"}));
          AssessmentEventInput in;
          auto text = [&](const char* f, std::string& out) -> Status {
            DUBAN_ASSIGN_OR_RETURN(auto v, OptString(body, f));
            out = v.value_or("");
            return Status::Ok();
          };
          auto number = [&](const char* f, std::optional<double>& out) -> Status {
            auto it = body.find(f);
            if (it == body.end() || it->is_null()) return Status::Ok();
            if (!it->is_number()) return InvalidArgument(std::string("字段 ") + f + " 应为数字", f);
            out = it->get<double>();
            return Status::Ok();
          };
          DUBAN_RETURN_IF_ERROR(text("scheme", in.scheme_key));
          DUBAN_RETURN_IF_ERROR(text("kind", in.kind));
          DUBAN_RETURN_IF_ERROR(text("subject_type", in.subject_type));
          if (in.subject_type.empty()) in.subject_type = "unit";
          DUBAN_ASSIGN_OR_RETURN(auto subject, OptInt(body, "subject_id"));
          if (!subject) return InvalidArgument("缺少字段 subject_id", "subject_id");
          in.subject_id = *subject;
          DUBAN_RETURN_IF_ERROR(text("indicator", in.indicator_key));
          DUBAN_RETURN_IF_ERROR(text("period", in.period));
          DUBAN_RETURN_IF_ERROR(text("evaluator_group", in.evaluator_group));
          DUBAN_RETURN_IF_ERROR(number("score", in.score));
          DUBAN_RETURN_IF_ERROR(number("points", in.points));
          std::string occurred;
          DUBAN_RETURN_IF_ERROR(text("occurred_on", occurred));
          if (!occurred.empty()) {
            in.occurred_on = ParseDate(occurred);
            if (!in.occurred_on) {
              return InvalidArgument("字段 occurred_on 应为 YYYY-MM-DD 格式的日期", "occurred_on");
            }
          }
          DUBAN_RETURN_IF_ERROR(text("reason", in.reason));
          DUBAN_RETURN_IF_ERROR(text("evidence", in.evidence));
          if (in.scheme_key.empty()) return InvalidArgument("缺少字段 scheme", "scheme");
          DUBAN_ASSIGN_OR_RETURN(AssessmentEvent e, s.AddEvent(ctx.caller(), in));
          return Json(201, EventNamer(s, ctx.caller())(e));
        });
      });
  for (const char* verb : {"approve", "reject"}) {
    bool approve = std::string(verb) == "approve";
    add("POST", std::string("/api/v1/assessment/events/{id}/") + verb,
        approve ? "Approve a pending self-report" : "Reject a pending self-report",
        [&s, approve](RequestContext& ctx) {
          return Guard([&]() -> Result<Response> {
            DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
            json body = json::object();
            if (!ctx.request.body.empty()) {
              DUBAN_ASSIGN_OR_RETURN(body, ParseJsonObject(ctx.request));
            }
            DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"reason"}));
            DUBAN_ASSIGN_OR_RETURN(auto reason, OptString(body, "reason"));
            DUBAN_ASSIGN_OR_RETURN(AssessmentEvent e,
                                   s.Decide(ctx.caller(), id, approve, reason.value_or("")));
            return Json(200, EventNamer(s, ctx.caller())(e));
          });
        });
  }

  add("POST", "/api/v1/assessment/events/{id}/files",
      "Attach evidence to an event (raw body, ?name=)", [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          auto name = ctx.request.Query("name");
          if (!name || name->empty()) return InvalidArgument("缺少文件名参数 name", "name");
          DUBAN_ASSIGN_OR_RETURN(EventFile f,
                                 s.AttachFile(ctx.caller(), id, *name, ctx.request.body));
          return Json(201, FileView(f));
        });
      });
  add("GET", "/api/v1/assessment/files/{id}", "Download an event's evidence file",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto file, s.DownloadFile(ctx.caller(), id));
          return Attachment(file.first.content_type, file.first.name, std::move(file.second));
        });
      });

  add("POST", "/api/v1/assessment/results/compute",
      "Score a peer group for a period; store the results and create follow-ups",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
  add("GET", "/api/v1/assessment/results", "Stored results of ?scheme=&period=&unit=, ranked",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
  add("GET", "/api/v1/assessment/results/{id}",
      "One result with its breakdown and the events that made it", [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
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
      });
}

}  // namespace duban::http
