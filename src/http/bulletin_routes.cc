#include "core/period.h"
#include "http/bulletin_codec.h"
#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {
namespace {

using nlohmann::json;

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

void AddBulletinRoutes(RouteTable& t, Services& s, const TableCodec& codec) {
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
  t.Add("GET", "/api/v1/bulletins", "A bulletin's figures for ?period=&unit=&kind=&scheme=",
        [generate](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
          return Json(200, BulletinJson(b));
        });
  t.Add("GET", "/api/v1/bulletins/export.xlsx", "A bulletin as XLSX (one sheet per table)",
        [&s, &codec, generate](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
          return BulletinFile(s, codec, b, "xlsx");
        });

  for (const char* format : {"docx", "pdf"}) {
    std::string fmt = format;
    t.Add("GET", "/api/v1/bulletins/export." + fmt,
          "A bulletin as a printable official document (GB/T 9704), " + fmt,
          [&s, &codec, generate, fmt](RequestContext& ctx) -> Result<Response> {
            DUBAN_ASSIGN_OR_RETURN(Bulletin b, generate(ctx));
            return BulletinFile(s, codec, b, fmt);
          });
  }

  // ---- the register of issued bulletins ----
  t.Add("GET", "/api/v1/bulletins/issued",
        "Issued bulletins in scope, newest first (?unit=&period_kind=&page=&page_size=)",
        [&s](RequestContext& ctx) -> Result<Response> {
          BulletinRepository::Query q;
          DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(ctx.request));
          DUBAN_ASSIGN_OR_RETURN(q.scope_unit_id, QueryInt(ctx.request, "unit"));
          q.period_kind = ctx.request.Query("period_kind").value_or("");
          DUBAN_ASSIGN_OR_RETURN(auto page, s.bulletins.ListIssued(ctx.caller(), q));
          return Json(200, PageJson(page, q.page, BulletinRecordJson));
        });
  t.Add("POST", "/api/v1/bulletins/issued",
        "Issue a bulletin into the register with the next 发文字号 {period, unit, kind, scheme}",
        [&s](RequestContext& ctx) -> Result<Response> {
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
          return Json(201, {{"record", BulletinRecordJson(issued.record)},
                            {"bulletin", BulletinJson(issued.bulletin)}});
        });
  t.Add("GET", "/api/v1/bulletins/issued/{id}", "An issued bulletin as it was issued",
        [&s](RequestContext& ctx) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
          DUBAN_ASSIGN_OR_RETURN(IssuedBulletin issued, s.bulletins.GetIssued(ctx.caller(), id));
          return Json(200, {{"record", BulletinRecordJson(issued.record)},
                            {"bulletin", BulletinJson(issued.bulletin)}});
        });
  for (const char* format : {"xlsx", "docx", "pdf"}) {
    std::string fmt = format;
    t.Add("GET", "/api/v1/bulletins/issued/{id}/export." + fmt,
          "An issued bulletin as " + fmt + ", with the figures it was issued with",
          [&s, &codec, fmt](RequestContext& ctx) -> Result<Response> {
            DUBAN_ASSIGN_OR_RETURN(int64_t id, PathId(ctx.params["id"], "id"));
            DUBAN_ASSIGN_OR_RETURN(IssuedBulletin issued, s.bulletins.GetIssued(ctx.caller(), id));
            return BulletinFile(s, codec, issued.bulletin, fmt, id);
          });
  }
}

}  // namespace duban::http
