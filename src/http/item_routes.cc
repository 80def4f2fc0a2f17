#include "http/handler_util.h"
#include "http/item_codec.h"
#include "http/item_json.h"
#include "http/json_codec.h"
#include "http/json_writer.h"
#include "http/routes.h"

namespace duban::http {
namespace {

using nlohmann::json;

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// GET /api/v1/items's body, written straight into the response (the list people open most):
// the same bytes as the nlohmann document {counts, items, page, page_size, total}.
Response ItemListResponse(const ItemListResult& r, const PageRequest& page) {
  Response out;
  out.status = 200;
  out.Set("Content-Type", "application/json; charset=utf-8");
  out.body.reserve(1024 + r.page.items.size() * 1536);
  JsonWriter w(out.body);
  auto counts = [&w](const std::map<std::string, int64_t>& m) {
    w.BeginObject();
    for (const auto& [k, n] : m) {
      w.Key(k);
      w.Int(n);
    }
    w.EndObject();
  };
  w.BeginObject();
  w.Key("counts");
  w.BeginObject();
  w.Key("status");
  counts(r.counts.status);
  w.Key("warning");
  counts(r.counts.warning);
  w.EndObject();
  w.Key("items");
  w.BeginArray();
  for (size_t i = 0; i < r.page.items.size(); ++i) {
    WriteItemJson(w, r.page.items[i], r.warnings[i], r.allowed[i]);
  }
  w.EndArray();
  w.Key("page");
  w.Int(page.page);
  w.Key("page_size");
  w.Int(page.page_size);
  w.Key("total");
  w.Int(r.page.total);
  w.EndObject();
  return out;
}

// The ledger in Excel: its export, its import template and its import.
void AddLedgerRoutes(RouteTable& t, Services& s, const TableCodec& codec) {
  t.Add("GET", "/api/v1/items/export.xlsx", "The filtered list as an XLSX ledger",
        [&s, &codec](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQuery(ctx.request, s.items, ctx.caller()));
          DUBAN_ASSIGN_OR_RETURN(LedgerTable ledger, s.ledger.Export(ctx.caller(), q));
          DUBAN_ASSIGN_OR_RETURN(std::string bytes, codec.write_xlsx("整改台账", ledger));
          return Attachment(kXlsxType, "整改台账-" + FormatDate(s.items.Today()) + ".xlsx",
                            std::move(bytes));
        });
  t.Add("GET", "/api/v1/items/import-template.xlsx", "The ledger import template",
        [&s, &codec](RequestContext&) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(std::string bytes,
                                 codec.write_xlsx("导入模板", s.ledger.Template()));
          return Attachment(kXlsxType, "整改台账导入模板.xlsx", std::move(bytes));
        });
  t.Add(
      "POST", "/api/v1/items/import", "Import a ledger (XLSX or CSV body; ?mode=all|good_rows)",
      [&s, &codec](RequestContext& ctx) -> Result<Response> {
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
      },
      BodyClass::kRaw);
}

void AddDashboardRoute(RouteTable& t, Services& s) {
  t.Add("GET", "/api/v1/dashboard", "The caller's workbench",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(Dashboard d, s.items.GetDashboard(ctx.caller()));
          auto list = [](const std::vector<Item>& items,
                         const std::vector<std::optional<Warning>>& w) {
            json out = json::array();
            for (size_t i = 0; i < items.size(); ++i) out.push_back(ItemJson(items[i], w[i], {}));
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
}

}  // namespace

void AddItemRoutes(RouteTable& t, Services& s, const TableCodec& codec) {
  t.Add("GET", "/api/v1/items", "List items with filters and counts",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQuery(ctx.request, s.items, ctx.caller()));
          DUBAN_ASSIGN_OR_RETURN(ItemListResult r, s.items.List(ctx.caller(), q));
          return ItemListResponse(r, q.page);
        });
  t.Add("POST", "/api/v1/items", "Register an item (draft)",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(ItemInput in, DecodeItemInput(body, true));
          DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.Create(ctx.caller(), in));
          return Json(201, DetailJson(d));
        });
  // The ledger in Excel: registered before /items/{id}, whose pattern also matches these.
  AddLedgerRoutes(t, s, codec);
  t.Add("GET", "/api/v1/items/{id}", "One item with its timeline, children, notices, files",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.Get(ctx.caller(), id));
          return Json(200, DetailJson(d));
        });
  t.Add("PATCH", "/api/v1/items/{id}", "Edit a draft item",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(ItemInput in, DecodeItemInput(body, false));
          DUBAN_ASSIGN_OR_RETURN(ItemDetail d, s.items.UpdateDraft(ctx.caller(), id, in));
          return Json(200, DetailJson(d));
        });
  t.Add(
      "POST", "/api/v1/items/{id}/files", "Upload evidence (raw body, ?name=)",
      [&s](RequestContext& ctx) -> Result<Response> {
        DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
        auto name = ctx.request.Query("name");
        if (!name || name->empty()) return InvalidArgument("缺少文件名参数 name", "name");
        DUBAN_ASSIGN_OR_RETURN(StoredFile f,
                               s.items.Upload(ctx.caller(), id, *name, ctx.request.body));
        return Json(201, FileJson(f));
      },
      BodyClass::kRaw);
  t.Add("POST", "/api/v1/items/{id}/{action}", "Perform a loop action (assign, accept, ...)",
        [&s](RequestContext& ctx) -> Result<Response> {
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
  t.Add("GET", "/api/v1/files/{id}", "Download an evidence file",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(auto file, s.items.Download(ctx.caller(), id));
          return Attachment(file.first.content_type, file.first.name, std::move(file.second));
        });
  AddDashboardRoute(t, s);
}

}  // namespace duban::http
