#include "http/bulletin_codec.h"

#include "core/assessment.h"

namespace duban::http {
namespace {

using nlohmann::json;

json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// One row of figures: the totals of the scope or one unit's, with its score when ranked.
json RowJson(const std::string& name, std::optional<UnitId> id, const LedgerFigures& f, int rank,
             const BulletinRow* row = nullptr) {
  json j = {{"unit_id", id ? json(*id) : json(nullptr)},
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
            {"rank", rank ? json(rank) : json(nullptr)}};
  if (row && row->score) {
    j["score"] = *row->score;
    j["tier"] = TierName(*row->tier);
    j["tier_label"] = TierLabel(*row->tier);
    j["capped_by"] = row->capped_by;
  }
  return j;
}

json ItemsJson(const std::vector<Item>& list) {
  json out = json::array();
  for (const Item& i : list) {
    out.push_back({{"id", i.id},
                   {"code", i.code},
                   {"title", i.title},
                   {"unit_name", i.unit_name},
                   {"responsible_unit_name", i.responsible_unit_name},
                   {"deadline", i.deadline ? json(FormatDate(*i.deadline)) : json(nullptr)},
                   {"status", std::string(ItemStatusName(i.status))}});
  }
  return out;
}

}  // namespace

json BulletinJson(const Bulletin& b) {
  json rows = json::array();
  for (const auto& r : b.rows) {
    rows.push_back(RowJson(r.unit.name, r.unit.id, r.figures, r.rank, &r));
  }
  return {{"period",
           {{"kind", b.period.kind},
            {"spec", b.period.spec},
            {"label", b.period.label},
            {"from", FormatDate(b.period.from)},
            {"to", FormatDate(b.period.to)}}},
          {"scope", {{"unit_id", b.scope.id}, {"unit_name", b.scope.name}}},
          {"kind", b.kind ? json(std::string(ItemKindName(*b.kind))) : json(nullptr)},
          {"totals", RowJson(b.scope.name, b.scope.id, b.totals, 0)},
          {"units", rows},
          {"overdue_items", ItemsJson(b.overdue)},
          {"listed_items", ItemsJson(b.listed)},
          {"criticised", b.criticised},
          {"commended", b.commended},
          {"generated_on", FormatDate(b.generated_on)},
          {"scheme_name", OptText(b.scheme_name)},
          {"number", OptText(b.number)},
          {"title", BulletinService::Title(b)}};
}

json BulletinRecordJson(const BulletinRecord& r) {
  return {{"id", r.id},
          {"scope", {{"unit_id", r.scope_unit_id}, {"unit_name", r.scope_name}}},
          {"period", r.period},
          {"period_kind", r.period_kind},
          {"kind", OptText(r.item_kind)},
          {"scheme_key", OptText(r.scheme_key)},
          {"number", r.doc_number},
          {"title", r.title},
          {"origin", r.origin},
          {"issued_by", r.issued_by},
          {"issued_at", FormatRfc3339(r.issued_at)}};
}

}  // namespace duban::http
