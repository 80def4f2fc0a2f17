#include "http/assessment_codec.h"
#include "http/handler_util.h"
#include "http/item_json.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {

using nlohmann::json;

void AddAssessmentEventRoutes(RouteTable& t, AssessmentService& s) {
  t.Add("GET", "/api/v1/assessment/events", "Manual scores and point events in scope",
        [&s](RequestContext& ctx) -> Result<Response> {
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
  t.Add("POST", "/api/v1/assessment/events", "File a manual score or a point event",
        [&s](RequestContext& ctx) -> Result<Response> {
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
  for (const char* verb : {"approve", "reject"}) {
    bool approve = std::string(verb) == "approve";
    t.Add("POST", std::string("/api/v1/assessment/events/{id}/") + verb,
          approve ? "Approve a pending self-report" : "Reject a pending self-report",
          [&s, approve](RequestContext& ctx) -> Result<Response> {
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
  }

  t.Add(
      "POST", "/api/v1/assessment/events/{id}/files",
      "Attach evidence to an event (raw body, ?name=)",
      [&s](RequestContext& ctx) -> Result<Response> {
        DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
        auto name = ctx.request.Query("name");
        if (!name || name->empty()) return InvalidArgument("缺少文件名参数 name", "name");
        DUBAN_ASSIGN_OR_RETURN(EventFile f,
                               s.AttachFile(ctx.caller(), id, *name, ctx.request.body));
        return Json(201, FileJson(f));
      },
      BodyClass::kRaw);
  t.Add("GET", "/api/v1/assessment/files/{id}", "Download an event's evidence file",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto file, s.DownloadFile(ctx.caller(), id));
          return Attachment(file.first.content_type, file.first.name, std::move(file.second));
        });
}

}  // namespace duban::http
