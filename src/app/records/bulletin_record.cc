#include "app/records/bulletin_record.h"

#include <nlohmann/json.hpp>

#include "app/bulletin_service.h"
#include "core/assessment.h"

namespace duban {
namespace {

// Version 1: the content as BulletinService::ToJson wrote it when bulletins were first issued;
// kept here as its own copy so the API's form may change freely.

nlohmann::json RowJson(const std::string& name, std::optional<UnitId> id, const LedgerFigures& f,
                       int rank, const BulletinRow* row = nullptr) {
  nlohmann::json j = {{"unit_id", id ? nlohmann::json(*id) : nlohmann::json(nullptr)},
                      {"unit_name", name},
                      {"total", f.total},
                      {"new", f.new_in_period},
                      {"closed", f.closed_total},
                      {"closed_in_period", f.closed_in_period},
                      {"closed_on_time", f.closed_on_time},
                      {"overdue", f.overdue_open},
                      {"rated", f.rated},
                      {"satisfied", f.satisfied},
                      {"closure_rate", FormatPercent(f.closed_total, f.total)},
                      {"on_time_rate", FormatPercent(f.closed_on_time, f.closed_total)},
                      {"satisfaction_rate", FormatPercent(f.satisfied, f.rated)},
                      {"rank", rank ? nlohmann::json(rank) : nlohmann::json(nullptr)}};
  if (row && row->score) {
    j["score"] = *row->score;
    j["tier"] = TierName(*row->tier);
    j["tier_label"] = TierLabel(*row->tier);
    j["capped_by"] = row->capped_by;
  }
  return j;
}

nlohmann::json ContentJson(const Bulletin& b) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : b.rows) {
    rows.push_back(RowJson(r.unit.name, r.unit.id, r.figures, r.rank, &r));
  }
  auto items = [](const std::vector<Item>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const Item& i : list) {
      out.push_back({{"id", i.id},
                     {"code", i.code},
                     {"title", i.title},
                     {"unit_name", i.unit_name},
                     {"responsible_unit_name", i.responsible_unit_name},
                     {"deadline", i.deadline ? nlohmann::json(FormatDate(*i.deadline))
                                             : nlohmann::json(nullptr)},
                     {"status", std::string(ItemStatusName(i.status))}});
    }
    return out;
  };
  return {{"period",
           {{"kind", b.period.kind},
            {"spec", b.period.spec},
            {"label", b.period.label},
            {"from", FormatDate(b.period.from)},
            {"to", FormatDate(b.period.to)}}},
          {"scope", {{"unit_id", b.scope.id}, {"unit_name", b.scope.name}}},
          {"kind",
           b.kind ? nlohmann::json(std::string(ItemKindName(*b.kind))) : nlohmann::json(nullptr)},
          {"totals", RowJson(b.scope.name, b.scope.id, b.totals, 0)},
          {"units", rows},
          {"overdue_items", items(b.overdue)},
          {"listed_items", items(b.listed)},
          {"criticised", b.criticised},
          {"commended", b.commended},
          {"generated_on", FormatDate(b.generated_on)},
          {"scheme_name",
           b.scheme_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.scheme_name)},
          {"number", b.number.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.number)},
          {"title", "关于" + b.period.label + "问题整改情况的通报"}};
}

// Reads one field of a stored bulletin, naming it when it is missing or of the wrong type.
template <typename T>
Result<T> Field(const nlohmann::json& j, const char* key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) {
    return InvalidArgument("通报内容缺少 " + where + key, where + key);
  }
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    return InvalidArgument("通报内容的 " + where + key + " 类型不对", where + key);
  }
}

Result<Date> DateField(const nlohmann::json& j, const char* key, const std::string& where) {
  DUBAN_ASSIGN_OR_RETURN(std::string text, Field<std::string>(j, key, where));
  auto d = ParseDate(text);
  if (!d) return InvalidArgument("通报内容的 " + where + key + " 不是日期", where + key);
  return *d;
}

Result<LedgerFigures> FiguresFromJson(const nlohmann::json& j, const std::string& where) {
  LedgerFigures f;
  DUBAN_ASSIGN_OR_RETURN(f.total, Field<int64_t>(j, "total", where));
  DUBAN_ASSIGN_OR_RETURN(f.new_in_period, Field<int64_t>(j, "new", where));
  DUBAN_ASSIGN_OR_RETURN(f.closed_total, Field<int64_t>(j, "closed", where));
  DUBAN_ASSIGN_OR_RETURN(f.closed_in_period, Field<int64_t>(j, "closed_in_period", where));
  DUBAN_ASSIGN_OR_RETURN(f.closed_on_time, Field<int64_t>(j, "closed_on_time", where));
  DUBAN_ASSIGN_OR_RETURN(f.overdue_open, Field<int64_t>(j, "overdue", where));
  DUBAN_ASSIGN_OR_RETURN(f.rated, Field<int64_t>(j, "rated", where));
  DUBAN_ASSIGN_OR_RETURN(f.satisfied, Field<int64_t>(j, "satisfied", where));
  return f;
}

Result<std::vector<Item>> ItemsFromJson(const nlohmann::json& j, const char* key) {
  DUBAN_ASSIGN_OR_RETURN(auto list, Field<nlohmann::json>(j, key, ""));
  if (!list.is_array()) return InvalidArgument(std::string("通报内容的 ") + key + " 不是数组", key);
  std::vector<Item> out;
  for (size_t n = 0; n < list.size(); ++n) {
    const auto& x = list[n];
    std::string where = std::string(key) + "[" + std::to_string(n) + "].";
    Item i;
    DUBAN_ASSIGN_OR_RETURN(i.id, Field<int64_t>(x, "id", where));
    DUBAN_ASSIGN_OR_RETURN(i.code, Field<std::string>(x, "code", where));
    DUBAN_ASSIGN_OR_RETURN(i.title, Field<std::string>(x, "title", where));
    DUBAN_ASSIGN_OR_RETURN(i.unit_name, Field<std::string>(x, "unit_name", where));
    DUBAN_ASSIGN_OR_RETURN(i.responsible_unit_name,
                           Field<std::string>(x, "responsible_unit_name", where));
    if (x.contains("deadline") && !x["deadline"].is_null()) {
      DUBAN_ASSIGN_OR_RETURN(i.deadline, DateField(x, "deadline", where));
    }
    DUBAN_ASSIGN_OR_RETURN(std::string status, Field<std::string>(x, "status", where));
    auto parsed = ParseItemStatus(status);
    if (!parsed) return InvalidArgument("通报内容的 " + where + "status 无效", where + "status");
    i.status = *parsed;
    out.push_back(std::move(i));
  }
  return out;
}

Result<Bulletin> ContentFromJson(const nlohmann::json& j) {
  Bulletin b;
  DUBAN_ASSIGN_OR_RETURN(auto period, Field<nlohmann::json>(j, "period", ""));
  DUBAN_ASSIGN_OR_RETURN(b.period.kind, Field<std::string>(period, "kind", "period."));
  DUBAN_ASSIGN_OR_RETURN(b.period.spec, Field<std::string>(period, "spec", "period."));
  DUBAN_ASSIGN_OR_RETURN(b.period.label, Field<std::string>(period, "label", "period."));
  DUBAN_ASSIGN_OR_RETURN(b.period.from, DateField(period, "from", "period."));
  DUBAN_ASSIGN_OR_RETURN(b.period.to, DateField(period, "to", "period."));
  DUBAN_ASSIGN_OR_RETURN(auto scope, Field<nlohmann::json>(j, "scope", ""));
  DUBAN_ASSIGN_OR_RETURN(b.scope.id, Field<int64_t>(scope, "unit_id", "scope."));
  DUBAN_ASSIGN_OR_RETURN(b.scope.name, Field<std::string>(scope, "unit_name", "scope."));
  if (j.contains("kind") && !j["kind"].is_null()) {
    DUBAN_ASSIGN_OR_RETURN(std::string kind, Field<std::string>(j, "kind", ""));
    b.kind = ParseItemKind(kind);
    if (!b.kind) return InvalidArgument("通报内容的 kind 无效", "kind");
  }
  DUBAN_ASSIGN_OR_RETURN(auto totals, Field<nlohmann::json>(j, "totals", ""));
  DUBAN_ASSIGN_OR_RETURN(b.totals, FiguresFromJson(totals, "totals."));
  DUBAN_ASSIGN_OR_RETURN(auto units, Field<nlohmann::json>(j, "units", ""));
  if (!units.is_array()) return InvalidArgument("通报内容的 units 不是数组", "units");
  for (size_t n = 0; n < units.size(); ++n) {
    const auto& u = units[n];
    std::string where = "units[" + std::to_string(n) + "].";
    BulletinRow r;
    DUBAN_ASSIGN_OR_RETURN(r.unit.id, Field<int64_t>(u, "unit_id", where));
    DUBAN_ASSIGN_OR_RETURN(r.unit.name, Field<std::string>(u, "unit_name", where));
    DUBAN_ASSIGN_OR_RETURN(r.figures, FiguresFromJson(u, where));
    if (u.contains("rank") && !u["rank"].is_null()) {
      DUBAN_ASSIGN_OR_RETURN(r.rank, Field<int>(u, "rank", where));
    }
    if (u.contains("score")) {
      DUBAN_ASSIGN_OR_RETURN(r.score, Field<double>(u, "score", where));
      DUBAN_ASSIGN_OR_RETURN(std::string tier, Field<std::string>(u, "tier", where));
      r.tier = ParseTier(tier);
      if (!r.tier) return InvalidArgument("通报内容的 " + where + "tier 无效", where + "tier");
      DUBAN_ASSIGN_OR_RETURN(r.capped_by, Field<std::vector<std::string>>(u, "capped_by", where));
    }
    b.rows.push_back(std::move(r));
  }
  DUBAN_ASSIGN_OR_RETURN(b.overdue, ItemsFromJson(j, "overdue_items"));
  DUBAN_ASSIGN_OR_RETURN(b.listed, ItemsFromJson(j, "listed_items"));
  DUBAN_ASSIGN_OR_RETURN(b.criticised, Field<std::vector<std::string>>(j, "criticised", ""));
  DUBAN_ASSIGN_OR_RETURN(b.commended, Field<std::vector<std::string>>(j, "commended", ""));
  DUBAN_ASSIGN_OR_RETURN(b.generated_on, DateField(j, "generated_on", ""));
  if (j.contains("scheme_name") && !j["scheme_name"].is_null()) {
    DUBAN_ASSIGN_OR_RETURN(b.scheme_name, Field<std::string>(j, "scheme_name", ""));
  }
  if (j.contains("number") && !j["number"].is_null()) {
    DUBAN_ASSIGN_OR_RETURN(b.number, Field<std::string>(j, "number", ""));
  }
  return b;
}

constexpr const char* kVersionKey = "record_version";

}  // namespace

std::string EncodeBulletinContent(const Bulletin& bulletin) {
  nlohmann::json j = ContentJson(bulletin);
  if (kBulletinContentVersion != 1) j[kVersionKey] = kBulletinContentVersion;
  return j.dump();
}

Result<Bulletin> DecodeBulletinContent(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return InvalidArgument("通报内容不是 JSON 对象");
  int64_t version = 1;  // version 1 never named itself
  if (j.contains(kVersionKey)) {
    DUBAN_ASSIGN_OR_RETURN(version, Field<int64_t>(j, kVersionKey, ""));
  }
  if (version < 1 || version > kBulletinContentVersion) {
    return InvalidArgument("通报内容的格式版本 " + std::to_string(version) +
                               " 未知（本程序可读版本 1 至 " +
                               std::to_string(kBulletinContentVersion) + "）",
                           kVersionKey);
  }
  return ContentFromJson(j);
}

BulletinIssueSnapshot BulletinIssueSnapshotOf(const BulletinRecord& r, const Bulletin& b) {
  BulletinIssueSnapshot s;
  s.id = r.id;
  s.scope_unit_id = r.scope_unit_id;
  s.scope_name = r.scope_name;
  s.period = r.period;
  s.period_kind = r.period_kind;
  if (!r.item_kind.empty()) s.kind = r.item_kind;
  if (!r.scheme_key.empty()) s.scheme_key = r.scheme_key;
  s.number = r.doc_number;
  s.title = r.title;
  s.origin = r.origin;
  s.issued_by = r.issued_by;
  s.issued_at = FormatRfc3339(r.issued_at);
  const LedgerFigures& f = b.totals;
  BulletinIssueSnapshot::Totals& t = s.totals;
  t.unit_id = b.scope.id;
  t.unit_name = b.scope.name;
  t.total = f.total;
  t.new_in_period = f.new_in_period;
  t.closed = f.closed_total;
  t.closed_in_period = f.closed_in_period;
  t.closed_on_time = f.closed_on_time;
  t.overdue = f.overdue_open;
  t.rated = f.rated;
  t.satisfied = f.satisfied;
  t.closure_rate = FormatPercent(f.closed_total, f.total);
  t.on_time_rate = FormatPercent(f.closed_on_time, f.closed_total);
  t.satisfaction_rate = FormatPercent(f.satisfied, f.rated);
  return s;
}

}  // namespace duban
