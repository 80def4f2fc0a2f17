#include "http/loop_routes.h"

#include <sstream>

#include "app/views.h"
#include "core/period.h"
#include "core/text.h"
#include "http/handler_util.h"
#include "http/json_codec.h"

namespace duban::http {
namespace {

using nlohmann::json;

// A year of the work calendar from the path, checked before it is narrowed to int (4294969322
// would be 2026): the years CalendarService keeps.
Result<int64_t> CalendarYear(const std::string& text) {
  DUBAN_ASSIGN_OR_RETURN(int64_t year, PathId(text, "year"));
  if (year < 1990 || year > 2100) return InvalidArgument("年份须为 1990 到 2100", "year");
  return year;
}

Result<std::optional<Date>> OptDate(const json& o, const char* field) {
  DUBAN_ASSIGN_OR_RETURN(auto text, OptString(o, field));
  if (!text || text->empty()) return std::optional<Date>();
  auto d = ParseDate(*text);
  if (!d)
    return InvalidArgument(std::string("字段 ") + field + " 应为 YYYY-MM-DD 格式的日期", field);
  return std::optional<Date>(*d);
}

Result<std::optional<std::vector<int64_t>>> OptIntList(const json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::optional<std::vector<int64_t>>();
  if (!it->is_array())
    return InvalidArgument(std::string("字段 ") + field + " 应为整数数组", field);
  std::vector<int64_t> out;
  for (const auto& v : *it) {
    if (!v.is_number_integer())
      return InvalidArgument(std::string("字段 ") + field + " 应为整数数组", field);
    out.push_back(v.get<int64_t>());
  }
  return std::optional<std::vector<int64_t>>(std::move(out));
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

json DetailJson(const ItemDetail& d) {
  json j = ItemView(d.item, d.warning, d.allowed_actions);
  json events = json::array(), children = json::array(), notices = json::array(),
       files = json::array();
  for (const auto& e : d.events) events.push_back(ItemEventView(e));
  for (const auto& c : d.children) children.push_back(ItemView(c, std::nullopt, {}));
  for (const auto& n : d.notices) {
    json nj = NoticeView(n);
    nj["item_code"] = d.item.code;
    nj["item_title"] = d.item.title;
    notices.push_back(nj);
  }
  for (const auto& f : d.files) files.push_back(FileView(f));
  j["events"] = events;
  j["children"] = children;
  j["notices"] = notices;
  j["files"] = files;
  return j;
}

Result<ItemInput> DecodeItemInput(const json& body, bool create) {
  DUBAN_RETURN_IF_ERROR(
      RejectUnknownFields(body, {"kind", "title", "description", "campaign_id", "category_id",
                                 "source", "severity", "unit_id", "found_on", "found_by",
                                 "measures", "public", "parent_id", "recurrence_of", "details"}));
  ItemInput in;
  DUBAN_ASSIGN_OR_RETURN(auto kind, OptString(body, "kind"));
  if (kind) {
    in.kind = ParseItemKind(*kind);
    if (!in.kind)
      return InvalidArgument("kind 须为 problem、task、commitment、hazard 或 complaint", "kind");
  } else if (create) {
    in.kind = ItemKind::kProblem;
  }
  DUBAN_ASSIGN_OR_RETURN(in.title, OptString(body, "title"));
  DUBAN_ASSIGN_OR_RETURN(in.description, OptString(body, "description"));
  DUBAN_ASSIGN_OR_RETURN(in.source, OptString(body, "source"));
  DUBAN_ASSIGN_OR_RETURN(in.severity, OptString(body, "severity"));
  DUBAN_ASSIGN_OR_RETURN(in.found_by, OptString(body, "found_by"));
  DUBAN_ASSIGN_OR_RETURN(in.unit_id, OptInt(body, "unit_id"));
  DUBAN_ASSIGN_OR_RETURN(auto found_on, OptDate(body, "found_on"));
  if (found_on) in.found_on = *found_on;
  DUBAN_ASSIGN_OR_RETURN(in.measures, OptStringList(body, "measures"));
  DUBAN_ASSIGN_OR_RETURN(in.is_public, OptBool(body, "public"));
  DUBAN_ASSIGN_OR_RETURN(in.campaign_id, OptNullableInt(body, "campaign_id"));
  DUBAN_ASSIGN_OR_RETURN(in.category_id, OptNullableInt(body, "category_id"));
  DUBAN_ASSIGN_OR_RETURN(in.parent_id, OptNullableInt(body, "parent_id"));
  DUBAN_ASSIGN_OR_RETURN(in.recurrence_of, OptNullableInt(body, "recurrence_of"));
  if (auto it = body.find("details"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return InvalidArgument("details 应为对象", "details");
    in.details_json = it->dump();
  }
  return in;
}

// The fields each action takes; anything else is refused with its name.
Result<ActionInput> DecodeAction(ItemAction action, const json& body) {
  ActionInput in;
  switch (action) {
    case ItemAction::kAssign: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
          body,
          {"responsible_unit_id", "responsible_person_id", "lead_leader_id", "assisting_unit_ids",
           "deadline", "deadline_working_days", "measures", "report_every", "rectify_mode"}));
      DUBAN_ASSIGN_OR_RETURN(in.responsible_unit_id, OptInt(body, "responsible_unit_id"));
      DUBAN_ASSIGN_OR_RETURN(in.responsible_person_id, OptInt(body, "responsible_person_id"));
      DUBAN_ASSIGN_OR_RETURN(in.lead_leader_id, OptInt(body, "lead_leader_id"));
      DUBAN_ASSIGN_OR_RETURN(in.assisting_unit_ids, OptIntList(body, "assisting_unit_ids"));
      DUBAN_ASSIGN_OR_RETURN(in.deadline, OptDate(body, "deadline"));
      DUBAN_ASSIGN_OR_RETURN(in.deadline_working_days, OptInt(body, "deadline_working_days"));
      DUBAN_ASSIGN_OR_RETURN(in.measures, OptStringList(body, "measures"));
      DUBAN_ASSIGN_OR_RETURN(in.report_every, OptString(body, "report_every"));
      DUBAN_ASSIGN_OR_RETURN(in.rectify_mode, OptString(body, "rectify_mode"));
      return in;
    }
    case ItemAction::kAccept:
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {}));
      return in;
    case ItemAction::kReturn:
    case ItemAction::kReopen:
    case ItemAction::kCancel: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"reason"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "reason"));
      return in;
    }
    case ItemAction::kReport:
    case ItemAction::kSubmit: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"text", "progress", "checks", "file_ids"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "text"));
      DUBAN_ASSIGN_OR_RETURN(in.progress, OptInt(body, "progress"));
      DUBAN_ASSIGN_OR_RETURN(auto files, OptIntList(body, "file_ids"));
      if (files) in.file_ids = *files;
      if (auto it = body.find("checks"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) return InvalidArgument("checks 应为对象", "checks");
        DUBAN_RETURN_IF_ERROR(RejectUnknownFields(*it, {"cause_found", "measures_done", "rectified",
                                                        "accountability", "public_satisfied"}));
        CloseOutChecks c;
        auto flag = [&](const char* name, bool& out) -> Status {
          DUBAN_ASSIGN_OR_RETURN(auto v, OptBool(*it, name));
          out = v.value_or(false);
          return Status::Ok();
        };
        DUBAN_RETURN_IF_ERROR(flag("cause_found", c.cause_found));
        DUBAN_RETURN_IF_ERROR(flag("measures_done", c.measures_done));
        DUBAN_RETURN_IF_ERROR(flag("rectified", c.rectified));
        DUBAN_RETURN_IF_ERROR(flag("accountability", c.accountability));
        DUBAN_RETURN_IF_ERROR(flag("public_satisfied", c.public_satisfied));
        in.checks = c;
      }
      return in;
    }
    case ItemAction::kApprove:
    case ItemAction::kReject: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"opinion"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "opinion"));
      return in;
    }
    case ItemAction::kExtend: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"new_deadline", "reason"}));
      DUBAN_ASSIGN_OR_RETURN(in.new_deadline, OptDate(body, "new_deadline"));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "reason"));
      return in;
    }
    case ItemAction::kDecideExtension: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"approve", "opinion"}));
      DUBAN_ASSIGN_OR_RETURN(in.approve, OptBool(body, "approve"));
      DUBAN_ASSIGN_OR_RETURN(auto opinion, OptString(body, "opinion"));
      in.text = opinion.value_or("");
      return in;
    }
    case ItemAction::kRate: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"satisfaction", "comment"}));
      DUBAN_ASSIGN_OR_RETURN(in.satisfaction, ReqString(body, "satisfaction"));
      DUBAN_ASSIGN_OR_RETURN(auto comment, OptString(body, "comment"));
      in.text = comment.value_or("");
      return in;
    }
  }
  return InvalidArgument("未知操作");
}

Result<ItemQuery> DecodeItemQueryFields(const Request& r) {
  ItemQuery q;
  DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(r));
  if (auto kinds = r.Query("kind")) {
    for (const auto& k : SplitComma(*kinds)) {
      auto kind = ParseItemKind(k);
      if (!kind) return InvalidArgument("参数 kind 无效: " + k, "kind");
      q.kinds.push_back(*kind);
    }
  }
  if (auto statuses = r.Query("status")) {
    for (const auto& st : SplitComma(*statuses)) {
      auto status = ParseItemStatus(st);
      if (!status) return InvalidArgument("参数 status 无效: " + st, "status");
      q.statuses.push_back(*status);
    }
  }
  if (auto warnings = r.Query("warning")) {
    for (const auto& w : SplitComma(*warnings)) {
      if (w != "green" && w != "yellow" && w != "red" && w != "severe") {
        return InvalidArgument("参数 warning 须为 green、yellow、red 或 severe", "warning");
      }
      q.warnings.push_back(w);
    }
  }
  DUBAN_ASSIGN_OR_RETURN(q.responsible_person_id, QueryInt(r, "responsible"));
  DUBAN_ASSIGN_OR_RETURN(q.campaign_id, QueryInt(r, "campaign"));
  DUBAN_ASSIGN_OR_RETURN(q.category_id, QueryInt(r, "category"));
  q.source = r.Query("source").value_or("");
  q.q = r.Query("q").value_or("");
  if (!IsValidUtf8(q.q)) return InvalidArgument("参数 q 不是有效的 UTF-8", "q");
  if (Utf8Length(q.q) > kMaxSearchChars) {
    return InvalidArgument("搜索词不能超过 " + std::to_string(kMaxSearchChars) + " 个字", "q");
  }
  if (auto due = r.Query("due_before"); due && !due->empty()) {
    auto d = ParseDate(*due);
    if (!d) return InvalidArgument("参数 due_before 应为 YYYY-MM-DD", "due_before");
    q.due_before = *d;
  }
  if (auto sort = r.Query("sort")) {
    static const std::vector<std::string> kSorts = {"deadline",  "-deadline", "found_on",
                                                    "-found_on", "code",      "-updated_at"};
    if (std::find(kSorts.begin(), kSorts.end(), *sort) == kSorts.end()) {
      return InvalidArgument("参数 sort 无效: " + *sort, "sort");
    }
    q.sort = *sort;
  }
  return q;
}

// The list filters of docs/API-LOOP.md; unit filters arrive as ids and must be in the caller's
// scope, and the store filters by their paths.
Result<ItemQuery> DecodeItemQuery(const Request& r, ItemService& items, const Caller& caller) {
  DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQueryFields(r));
  for (const char* name : {"unit", "responsible_unit"}) {
    DUBAN_ASSIGN_OR_RETURN(auto id, QueryInt(r, name));
    if (!id) continue;
    DUBAN_ASSIGN_OR_RETURN(Unit u, items.UnitInScope(caller, *id));
    (std::string(name) == "unit" ? q.unit_path : q.responsible_unit_path) = u.path;
  }
  return q;
}

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A bulletin as a download: XLSX (one sheet per table), or the official document as DOCX or
// PDF. The file is named after the scope, the period and, once issued, the number.
Result<Response> BulletinFile(Services& s, const TableCodec& codec, const Bulletin& b,
                              const std::string& fmt,
                              std::optional<int64_t> issued_id = std::nullopt) {
  std::string name = b.scope.name + b.period.label + "通报";
  if (!b.number.empty()) name += "（" + b.number + "）";
  if (fmt == "xlsx") {
    DUBAN_ASSIGN_OR_RETURN(std::string bytes,
                           codec.write_xlsx_sheets(BulletinService::ToSheets(b)));
    return Attachment(kXlsxType, name + ".xlsx", std::move(bytes));
  }
  OfficialDoc doc = BulletinService::ToDocument(b);
  DUBAN_ASSIGN_OR_RETURN(std::string bytes, fmt == "pdf"
                                                ? s.bulletins.Pdf(b, issued_id, codec.write_pdf)
                                                : codec.write_docx(doc));
  return Attachment(fmt == "pdf"
                        ? "application/pdf"
                        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    name + "." + fmt, std::move(bytes));
}

}  // namespace

void AddLoopRoutes(std::vector<Route>& routes, Services& s, const TableCodec& codec) {
  auto add = [&routes](std::string method, std::string pattern, std::string summary,
                       std::function<Response(RequestContext&)> handler) {
    routes.push_back({std::move(method), std::move(pattern), Access::kSignedIn, std::move(summary),
                      std::move(handler)});
  };
  add("GET", "/api/v1/items", "List items with filters and counts", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQuery(ctx.request, s.items, ctx.caller()));
      DUBAN_ASSIGN_OR_RETURN(ItemListResult r, s.items.List(ctx.caller(), q));
      json items = json::array();
      for (size_t i = 0; i < r.page.items.size(); ++i) {
        items.push_back(ItemView(r.page.items[i], r.warnings[i], r.allowed[i]));
      }
      return Json(200, {{"items", items},
                        {"total", r.page.total},
                        {"page", q.page.page},
                        {"page_size", q.page.page_size},
                        {"counts", {{"status", r.counts.status}, {"warning", r.counts.warning}}}});
    });
  });
  add("POST", "/api/v1/items", "Register an item (draft)", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_ASSIGN_OR_RETURN(ItemInput in, DecodeItemInput(body, true));
      DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.Create(ctx.caller(), in));
      return Json(201, DetailJson(d));
    });
  });
  // The ledger in Excel: registered before /items/{id}, whose pattern also matches these.
  add("GET", "/api/v1/items/export.xlsx", "The filtered list as an XLSX ledger",
      [&s, &codec](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQuery(ctx.request, s.items, ctx.caller()));
          DUBAN_ASSIGN_OR_RETURN(LedgerTable t, s.ledger.Export(ctx.caller(), q));
          DUBAN_ASSIGN_OR_RETURN(std::string bytes, codec.write_xlsx("整改台账", t));
          return Attachment(kXlsxType, "整改台账-" + FormatDate(s.items.Today()) + ".xlsx",
                            std::move(bytes));
        });
      });
  add("GET", "/api/v1/items/import-template.xlsx", "The ledger import template",
      [&s, &codec](RequestContext&) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(std::string bytes,
                                 codec.write_xlsx("导入模板", s.ledger.Template()));
          return Attachment(kXlsxType, "整改台账导入模板.xlsx", std::move(bytes));
        });
      });
  add("POST", "/api/v1/items/import", "Import a ledger (XLSX or CSV body; ?mode=all|good_rows)",
      [&s, &codec](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          std::string mode = ctx.request.Query("mode").value_or("all");
          if (mode != "all" && mode != "good_rows") {
            return InvalidArgument("参数 mode 须为 all 或 good_rows", "mode");
          }
          if (ctx.request.body.empty())
            return InvalidArgument("请求体为空：请上传 XLSX 或 CSV 文件", "file");
          bool zip = ctx.request.body.compare(0, 4, "PK\x03\x04") == 0;
          Result<LedgerTable> table =
              zip ? codec.read_xlsx(ctx.request.body) : codec.read_csv(ctx.request.body);
          if (!table.ok()) return table.status().WithContext("无法读取文件");
          DUBAN_ASSIGN_OR_RETURN(ImportReport r,
                                 s.ledger.Import(ctx.caller(), *table, mode == "good_rows"));
          json errors = json::array();
          for (const auto& e : r.errors) {
            errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
          }
          if (!r.errors.empty() && mode == "all") {
            Response resp = Json(
                422,
                {{"error",
                  {{"code", "invalid_rows"},
                   {"message", "有 " + std::to_string(r.errors.size()) +
                                   " 处错误，未导入任何行；改正后重新导入，或选择只导入无误的行"},
                   {"details", {{"errors", errors}}}}},
                 {"imported", 0},
                 {"errors", errors}});
            return resp;
          }
          return Json(200, {{"imported", r.imported}, {"errors", errors}});
        });
      });
  add("GET", "/api/v1/items/{id}", "One item with its timeline, children, notices, files",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.Get(ctx.caller(), id));
          return Json(200, DetailJson(d));
        });
      });
  add("PATCH", "/api/v1/items/{id}", "Edit a draft item", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_ASSIGN_OR_RETURN(ItemInput in, DecodeItemInput(body, false));
      DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.UpdateDraft(ctx.caller(), id, in));
      return Json(200, DetailJson(d));
    });
  });
  add("POST", "/api/v1/items/{id}/files", "Upload evidence (raw body, ?name=)",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          auto name = ctx.request.Query("name");
          if (!name || name->empty()) return InvalidArgument("缺少文件名参数 name", "name");
          DUBAN_ASSIGN_OR_RETURN(StoredFile f,
                                 s.items.Upload(ctx.caller(), id, *name, ctx.request.body));
          return Json(201, FileView(f));
        });
      });
  add("POST", "/api/v1/items/{id}/{action}", "Perform a loop action (assign, accept, ...)",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          auto action = ParseItemAction(ctx.params["action"]);
          if (!action) {
            return NotFound("没有这个操作: " + ctx.params["action"]);
          }
          json body = json::object();
          if (!ctx.request.body.empty()) {
            DUBAN_ASSIGN_OR_RETURN(body, ParseJsonObject(ctx.request));
          }
          DUBAN_ASSIGN_OR_RETURN(ActionInput in, DecodeAction(*action, body));
          DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.Act(ctx.caller(), id, *action, in));
          return Json(200, DetailJson(d));
        });
      });
  add("GET", "/api/v1/files/{id}", "Download an evidence file", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(auto file, s.items.Download(ctx.caller(), id));
      return Attachment(file.first.content_type, file.first.name, std::move(file.second));
    });
  });
  add("GET", "/api/v1/dashboard", "The caller's workbench", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(Dashboard d, s.items.GetDashboard(ctx.caller()));
      auto list = [](const std::vector<Item>& items, const std::vector<std::optional<Warning>>& w) {
        json out = json::array();
        for (size_t i = 0; i < items.size(); ++i) out.push_back(ItemView(items[i], w[i], {}));
        return out;
      };
      json by_unit = json::array();
      for (const auto& row : d.by_unit) {
        by_unit.push_back({{"unit_id", row.unit.id},
                           {"unit_name", row.unit.name},
                           {"status", row.counts.status},
                           {"warning", row.counts.warning}});
      }
      return Json(200, {{"todo", list(d.todo, d.todo_warnings)},
                        {"due_soon", list(d.due_soon, d.due_soon_warnings)},
                        {"overdue", list(d.overdue, d.overdue_warnings)},
                        {"totals",
                         {{"open", d.open},
                          {"closed", d.closed},
                          {"overdue", d.overdue_count},
                          {"due_soon", d.due_soon_count}}},
                        {"by_unit", by_unit}});
    });
  });

  // ---- notices ----
  add("GET", "/api/v1/notices", "Supervision notices in scope", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
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
      for (auto& n : s.items.NoticesWithItems(ctx.caller(), page.items)) {
        items.push_back(std::move(n));
      }
      return Json(200, {{"items", items},
                        {"total", page.total},
                        {"page", q.page.page},
                        {"page_size", q.page.page_size}});
    });
  });
  add("POST", "/api/v1/notices", "Issue a notice by hand (incl. 约谈)", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_RETURN_IF_ERROR(
          RejectUnknownFields(body, {"item_id", "level", "reason", "respond_within_working_days"}));
      DUBAN_ASSIGN_OR_RETURN(int64_t item_id, ReqInt(body, "item_id"));
      DUBAN_ASSIGN_OR_RETURN(std::string level, ReqString(body, "level"));
      DUBAN_ASSIGN_OR_RETURN(std::string reason, ReqString(body, "reason"));
      DUBAN_ASSIGN_OR_RETURN(auto within, OptInt(body, "respond_within_working_days"));
      if (within && (*within < 1 || *within > 60)) {  // before the cast to int
        return InvalidArgument("答复时限须为 1 到 60 个工作日", "respond_within_working_days");
      }
      DUBAN_ASSIGN_OR_RETURN(Notice n, s.items.IssueNotice(ctx.caller(), item_id, level, reason,
                                                           static_cast<int>(within.value_or(2))));
      return Json(201, s.items.NoticeWithItem(ctx.caller(), n));
    });
  });
  add("POST", "/api/v1/notices/{id}/respond", "Answer a notice", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"text"}));
      DUBAN_ASSIGN_OR_RETURN(std::string text, ReqString(body, "text"));
      DUBAN_ASSIGN_OR_RETURN(Notice n, s.items.RespondNotice(ctx.caller(), id, text));
      return Json(200, s.items.NoticeWithItem(ctx.caller(), n));
    });
  });
  add("POST", "/api/v1/sweep", "Run the supervision sweep now", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(SweepReport r, s.items.Sweep(ctx.caller()));
      return Json(200, {{"checked", r.checked}, {"issued", r.issued}, {"escalated", r.escalated}});
    });
  });

  // ---- calendar ----
  add("GET", "/api/v1/calendar", "Loaded calendar years", [&s](RequestContext&) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto years, s.calendar.Years());
      return Json(200, {{"years", years}});
    });
  });
  add("GET", "/api/v1/calendar/deadline", "N working days from a date", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      auto from = ParseDate(ctx.request.Query("from").value_or(""));
      if (!from) return InvalidArgument("参数 from 应为 YYYY-MM-DD", "from");
      DUBAN_ASSIGN_OR_RETURN(auto n, QueryInt(ctx.request, "working_days"));
      if (!n || *n < 1 || *n > 1000)
        return InvalidArgument("参数 working_days 须为 1 到 1000", "working_days");
      DUBAN_ASSIGN_OR_RETURN(Date d, s.calendar.Deadline(*from, static_cast<int>(*n)));
      return Json(200, {{"deadline", FormatDate(d)}});
    });
  });
  add("GET", "/api/v1/calendar/{year}", "A year's holidays and adjusted working days",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t year, CalendarYear(ctx.params["year"]));
          auto [loaded, days] = s.calendar.Year(static_cast<int>(year));
          json list = json::array();
          for (const auto& d : days) {
            list.push_back(
                {{"date", FormatDate(d.date)}, {"working", d.working}, {"name", d.name}});
          }
          return Json(200, {{"year", year}, {"loaded", loaded}, {"days", list}});
        });
      });
  add("POST", "/api/v1/calendar/import", "Import a calendar: .ics (text/calendar) or JSON",
      [&s, &codec](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          std::string type = ctx.request.Header("Content-Type").value_or("");
          bool ics = type.find("text/calendar") != std::string::npos ||
                     ctx.request.body.find("BEGIN:VCALENDAR") != std::string::npos;
          DUBAN_ASSIGN_OR_RETURN(auto years, codec.read_calendar(ctx.request.body, ics));
          DUBAN_RETURN_IF_ERROR(s.calendar.ReplaceYears(ctx.caller(), years, "calendar.import"));
          json list = json::array();
          size_t days = 0;
          for (const auto& [year, d] : years) {
            list.push_back(year);
            days += d.size();
          }
          return Json(200, {{"years", list}, {"days", days}});
        });
      });
  add("PUT", "/api/v1/calendar/{year}", "Replace a year's overrides (admin)",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t year, CalendarYear(ctx.params["year"]));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"days"}));
          auto it = body.find("days");
          if (it == body.end() || !it->is_array()) return InvalidArgument("缺少 days 数组", "days");
          std::vector<CalendarDay> days;
          size_t index = 0;
          for (const auto& d : *it) {
            std::string where = "days[" + std::to_string(index++) + "]";
            if (!d.is_object()) return InvalidArgument(where + " 应为对象", "days");
            DUBAN_ASSIGN_OR_RETURN(auto date, OptDate(d, "date"));
            if (!date) return InvalidArgument(where + " 缺少 date", "days");
            DUBAN_ASSIGN_OR_RETURN(auto working, OptBool(d, "working"));
            if (!working) return InvalidArgument(where + " 缺少 working", "days");
            DUBAN_ASSIGN_OR_RETURN(auto name, OptString(d, "name"));
            days.push_back({*date, *working, name.value_or("")});
          }
          DUBAN_RETURN_IF_ERROR(s.calendar.ReplaceYears(
              ctx.caller(), {{static_cast<int>(year), days}}, "calendar.update"));
          auto [loaded, stored] = s.calendar.Year(static_cast<int>(year));
          json list = json::array();
          for (const auto& d : stored) {
            list.push_back(
                {{"date", FormatDate(d.date)}, {"working", d.working}, {"name", d.name}});
          }
          return Json(200, {{"year", year}, {"loaded", loaded}, {"days", list}});
        });
      });

  // ---- bulletins 通报 ----
  auto generate = [&s](RequestContext& ctx) -> Result<Bulletin> {
    DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(ctx.request.Query("period").value_or("")));
    DUBAN_ASSIGN_OR_RETURN(auto unit, QueryInt(ctx.request, "unit"));
    std::optional<ItemKind> kind;
    if (auto k = ctx.request.Query("kind"); k && !k->empty()) {
      kind = ParseItemKind(*k);
      if (!kind) return InvalidArgument("参数 kind 无效: " + *k, "kind");
    }
    return s.bulletins.Generate(ctx.caller(), period, unit.value_or(ctx.caller().unit_id), kind,
                                ctx.request.Query("scheme").value_or(""));
  };
  add("GET", "/api/v1/bulletins",
      "A bulletin's figures for ?period=&unit=&kind=&scheme=", [generate](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
          return Json(200, BulletinService::ToJson(b));
        });
      });
  add("GET", "/api/v1/bulletins/export.xlsx", "A bulletin as XLSX (one sheet per table)",
      [&s, &codec, generate](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
          return BulletinFile(s, codec, b, "xlsx");
        });
      });

  for (const char* format : {"docx", "pdf"}) {
    std::string fmt = format;
    add("GET", "/api/v1/bulletins/export." + fmt,
        "A bulletin as a printable official document (GB/T 9704), " + fmt,
        [&s, &codec, generate, fmt](RequestContext& ctx) {
          return Guard([&]() -> Result<Response> {
            DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
            return BulletinFile(s, codec, b, fmt);
          });
        });
  }

  // ---- the register of issued bulletins ----
  add("GET", "/api/v1/bulletins/issued",
      "Issued bulletins in scope, newest first (?unit=&period_kind=&page=&page_size=)",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          BulletinRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(q.scope_unit_id, QueryInt(ctx.request, "unit"));
          q.period_kind = ctx.request.Query("period_kind").value_or("");
          DUBAN_ASSIGN_OR_RETURN(auto page, s.bulletins.ListIssued(ctx.caller(), q));
          return Json(200, PageJson(page, q.page, BulletinService::RecordJson));
        });
      });
  add("POST", "/api/v1/bulletins/issued",
      "Issue a bulletin into the register with the next 发文字号 {period, unit, kind, scheme}",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"period", "unit", "kind", "scheme"}));
          DUBAN_ASSIGN_OR_RETURN(auto spec, OptString(body, "period"));
          if (!spec) return InvalidArgument("缺少字段 period", "period");
          DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(*spec));
          DUBAN_ASSIGN_OR_RETURN(auto unit, OptInt(body, "unit"));
          DUBAN_ASSIGN_OR_RETURN(auto kind_name, OptString(body, "kind"));
          std::optional<ItemKind> kind;
          if (kind_name && !kind_name->empty()) {
            kind = ParseItemKind(*kind_name);
            if (!kind) return InvalidArgument("kind 无效: " + *kind_name, "kind");
          }
          DUBAN_ASSIGN_OR_RETURN(auto scheme, OptString(body, "scheme"));
          DUBAN_ASSIGN_OR_RETURN(
              IssuedBulletin issued,
              s.bulletins.Issue(ctx.caller(), period, unit.value_or(ctx.caller().unit_id), kind,
                                scheme.value_or("")));
          return Json(201, {{"record", BulletinService::RecordJson(issued.record)},
                            {"bulletin", BulletinService::ToJson(issued.bulletin)}});
        });
      });
  add("GET", "/api/v1/bulletins/issued/{id}", "An issued bulletin as it was issued",
      [&s](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(IssuedBulletin issued, s.bulletins.GetIssued(ctx.caller(), id));
          return Json(200, {{"record", BulletinService::RecordJson(issued.record)},
                            {"bulletin", BulletinService::ToJson(issued.bulletin)}});
        });
      });
  for (const char* format : {"xlsx", "docx", "pdf"}) {
    std::string fmt = format;
    add("GET", "/api/v1/bulletins/issued/{id}/export." + fmt,
        "An issued bulletin as " + fmt + ", with the figures it was issued with",
        [&s, &codec, fmt](RequestContext& ctx) {
          return Guard([&]() -> Result<Response> {
            DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
            DUBAN_ASSIGN_OR_RETURN(IssuedBulletin issued, s.bulletins.GetIssued(ctx.caller(), id));
            return BulletinFile(s, codec, issued.bulletin, fmt, id);
          });
        });
  }

  // ---- campaigns ----
  auto decode_campaign = [](const json& body) -> Result<CampaignInput> {
    DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
        body, {"name", "description", "starts_on", "ends_on", "unit_id", "phases", "categories"}));
    CampaignInput in;
    DUBAN_ASSIGN_OR_RETURN(in.name, OptString(body, "name"));
    DUBAN_ASSIGN_OR_RETURN(in.description, OptString(body, "description"));
    if (body.contains("starts_on")) {
      DUBAN_ASSIGN_OR_RETURN(auto d, OptDate(body, "starts_on"));
      in.starts_on = d;
    }
    if (body.contains("ends_on")) {
      DUBAN_ASSIGN_OR_RETURN(auto d, OptDate(body, "ends_on"));
      in.ends_on = d;
    }
    DUBAN_ASSIGN_OR_RETURN(in.unit_id, OptInt(body, "unit_id"));
    if (auto it = body.find("phases"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) return InvalidArgument("phases 应为数组", "phases");
      // Phases are returned with every campaign listed: a few named periods (review M6).
      constexpr size_t kMaxPhases = 20, kMaxPhaseName = 50;
      if (it->size() > kMaxPhases) {
        return InvalidArgument("阶段不能超过 " + std::to_string(kMaxPhases) + " 个", "phases");
      }
      for (const auto& p : *it) {
        if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
          return InvalidArgument("每个阶段须有名称 name", "phases");
        }
        for (const auto& [key, value] : p.items()) {
          (void)value;
          if (key != "name" && key != "starts_on" && key != "ends_on") {
            return InvalidArgument("阶段只能有 name、starts_on、ends_on，不能有 " + key, "phases");
          }
        }
        if (Utf8Length(p["name"].get<std::string>()) > kMaxPhaseName) {
          return InvalidArgument("阶段名称不能超过 " + std::to_string(kMaxPhaseName) + " 个字",
                                 "phases");
        }
        for (const char* f : {"starts_on", "ends_on"}) {
          if (p.contains(f) && !p[f].is_null()) {
            if (!p[f].is_string() || !ParseDate(p[f].get<std::string>())) {
              return InvalidArgument(std::string("阶段的 ") + f + " 应为 YYYY-MM-DD", "phases");
            }
          }
        }
      }
      in.phases_json = it->dump();
    }
    if (auto it = body.find("categories"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) return InvalidArgument("categories 应为数组", "categories");
      std::vector<Category> cats;
      for (const auto& c : *it) {
        if (c.is_string()) {
          cats.push_back({0, std::nullopt, c.get<std::string>()});
          continue;
        }
        if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) {
          return InvalidArgument("每个问题类别须有名称 name", "categories");
        }
        int64_t id = c.contains("id") && c["id"].is_number_integer() ? c["id"].get<int64_t>() : 0;
        cats.push_back({id, std::nullopt, c["name"].get<std::string>()});
      }
      in.categories = cats;
    }
    return in;
  };
  add("GET", "/api/v1/campaigns", "Campaigns in scope", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(PageRequest page, PageFromQuery(ctx.request));
      DUBAN_ASSIGN_OR_RETURN(auto result, s.campaigns.List(ctx.caller(), page));
      return Json(200, PageJson(result, page, CampaignView));
    });
  });
  add("POST", "/api/v1/campaigns", "Create a campaign", [&s, decode_campaign](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
      DUBAN_ASSIGN_OR_RETURN(CampaignInput in, decode_campaign(body));
      if (!in.name) return InvalidArgument("缺少字段 name", "name");
      DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Create(ctx.caller(), in));
      return Json(201, CampaignView(c));
    });
  });
  add("GET", "/api/v1/campaigns/{id}", "One campaign", [&s](RequestContext& ctx) {
    return Guard([&]() -> Result<Response> {
      DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
      DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Get(ctx.caller(), id));
      return Json(200, CampaignView(c));
    });
  });
  add("PATCH", "/api/v1/campaigns/{id}", "Edit a campaign",
      [&s, decode_campaign](RequestContext& ctx) {
        return Guard([&]() -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(CampaignInput in, decode_campaign(body));
          DUBAN_ASSIGN_OR_RETURN(Campaign c, s.campaigns.Update(ctx.caller(), id, in));
          return Json(200, CampaignView(c));
        });
      });
}

}  // namespace duban::http
