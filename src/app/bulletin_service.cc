#include "app/bulletin_service.h"

#include <algorithm>
#include <set>

#include "app/assessment_json.h"
#include "app/assessment_service.h"
#include "app/views.h"
#include "core/assessment.h"

namespace duban {
namespace {

// Closure rate then on-time rate, compared exactly as fractions.
bool Better(const LedgerFigures& a, const LedgerFigures& b) {
  auto cmp = [](int64_t an, int64_t ad, int64_t bn, int64_t bd) {
    // a/ad vs b/bd with empty denominators last.
    if (ad == 0 || bd == 0) return ad == 0 ? (bd == 0 ? 0 : -1) : 1;
    __extension__ __int128 l = static_cast<__int128>(an) * bd, r = static_cast<__int128>(bn) * ad;
    return l > r ? 1 : (l < r ? -1 : 0);
  };
  int c = cmp(a.closed_total, a.total, b.closed_total, b.total);
  if (c != 0) return c > 0;
  return cmp(a.closed_on_time, a.closed_total, b.closed_on_time, b.closed_total) > 0;
}

bool Same(const LedgerFigures& a, const LedgerFigures& b) { return !Better(a, b) && !Better(b, a); }

nlohmann::json RowJson(const std::string& name, std::optional<UnitId> id, const LedgerFigures& f,
                       int rank, const BulletinRow* row = nullptr) {
  nlohmann::json j = {{"unit_id", id ? nlohmann::json(*id) : nlohmann::json(nullptr)},
                      {"unit_name", name},
                      {"total", f.total},
                      {"new", f.new_in_period},
                      {"closed", f.closed_total},
                      {"closed_in_period", f.closed_in_period},
                      {"overdue", f.overdue_open},
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

std::string ScoreText(const BulletinRow& r) { return r.score ? FormatPoints(*r.score) : "—"; }
std::string TierText(const BulletinRow& r) {
  if (!r.tier) return "—";
  std::string t(TierLabel(*r.tier));
  if (!r.capped_by.empty()) t += "（硬杠）";
  return t;
}

std::vector<std::string> FiguresRow(const std::string& name, const LedgerFigures& f) {
  return {name,
          std::to_string(f.total),
          std::to_string(f.new_in_period),
          std::to_string(f.closed_total),
          std::to_string(f.overdue_open),
          FormatPercent(f.closed_total, f.total),
          FormatPercent(f.closed_on_time, f.closed_total),
          FormatPercent(f.satisfied, f.rated)};
}

}  // namespace

Result<Bulletin> BulletinService::Generate(const Caller& caller, const Period& period,
                                           UnitId scope_unit_id, std::optional<ItemKind> kind,
                                           const std::string& scheme_key) {
  Bulletin b;
  b.period = period;
  b.kind = kind;
  b.generated_on = items_.Today();
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(b.scope, tx.units().Get(caller.scope(), scope_unit_id));
    DUBAN_ASSIGN_OR_RETURN(
        b.totals, tx.items().Figures(b.scope.path, period.from, period.to, b.generated_on, kind));
    UnitRepository::Query uq;
    uq.parent_id = b.scope.id;
    uq.page = {1, kMaxPageSize};
    DUBAN_ASSIGN_OR_RETURN(auto children, tx.units().List(caller.scope(), uq));
    for (const Unit& u : children.items) {
      DUBAN_ASSIGN_OR_RETURN(LedgerFigures f, tx.items().Figures(u.path, period.from, period.to,
                                                                 b.generated_on, kind));
      b.rows.push_back({u, f, 0, std::nullopt, std::nullopt, {}});
    }
    if (scheme_key.empty()) return Status::Ok();
    DUBAN_ASSIGN_OR_RETURN(SchemeRecord record, tx.assessment().Scheme(scheme_key, std::nullopt));
    auto scheme = SchemeFromJson(nlohmann::json::parse(record.definition, nullptr, false));
    if (!scheme.ok()) return scheme.status();
    scheme->key = record.key;
    if (record.subject_type != "unit" || !scheme->peer_kind.empty()) {
      return InvalidArgument("通报只能用以下级单位为考核对象的方案评分", "scheme");
    }
    b.scheme_name = record.name;
    DUBAN_ASSIGN_OR_RETURN(
        PeerScores peers, AssessmentService::ScorePeers(tx, caller.scope(), record, *scheme, period,
                                                        b.scope, b.generated_on));
    for (const ScoredSubject& s : peers.subjects) {
      for (BulletinRow& r : b.rows) {
        if (r.unit.id != s.subject_id) continue;
        r.score = s.score;
        r.tier = s.breakdown.tier;
        r.capped_by = s.breakdown.tier_capped_by;
        r.rank = s.rank;
      }
    }
    return Status::Ok();
  }));
  // Units with items rank by closure rate, then on-time rate; units without items follow,
  // unranked, so an empty unit never outranks a working one. With a scheme, by its ranks.
  const bool scored = !b.scheme_name.empty();
  std::stable_sort(b.rows.begin(), b.rows.end(), [&](const BulletinRow& x, const BulletinRow& y) {
    if (scored) return x.rank < y.rank;
    if ((x.figures.total == 0) != (y.figures.total == 0)) return y.figures.total == 0;
    return Better(x.figures, y.figures);
  });
  for (size_t i = 0; i < b.rows.size(); ++i) {
    if (scored) {
      // The assessment's rank stands.
    } else if (b.rows[i].figures.total == 0) {
      b.rows[i].rank = 0;
    } else {
      b.rows[i].rank = (i > 0 && Same(b.rows[i].figures, b.rows[i - 1].figures))
                           ? b.rows[i - 1].rank
                           : static_cast<int>(i) + 1;
    }
    const auto& f = b.rows[i].figures;
    if (f.overdue_open > 0) b.criticised.push_back(b.rows[i].unit.name);
    if (f.total > 0 && f.closed_total == f.total && f.closed_on_time == f.closed_total) {
      b.commended.push_back(b.rows[i].unit.name);
    }
  }
  // The overdue list is the ledger's own query: the same items a user filters to see.
  ItemQuery overdue;
  overdue.unit_path = b.scope.path;
  if (kind) overdue.kinds = {*kind};
  overdue.statuses = {ItemStatus::kAssigned, ItemStatus::kInProgress, ItemStatus::kPendingReview};
  overdue.due_before =
      std::chrono::sys_days(std::min(period.to, b.generated_on)) - std::chrono::days(1);
  overdue.sort = "deadline";
  overdue.page = {1, kMaxPageSize};
  DUBAN_ASSIGN_OR_RETURN(auto list, items_.List(caller, overdue));
  b.overdue = std::move(list.page.items);
  // 挂牌督办 in the period, all of them: the notices are filtered in the store by level and
  // issue time, page by page, and each item is read alone (not with its whole timeline).
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    NoticeRepository::Query q;
    q.level = "listed";
    q.issued_from = EndOfShanghaiDay(std::chrono::sys_days(period.from) - std::chrono::days(1)) +
                    std::chrono::microseconds(1);
    q.issued_until = EndOfShanghaiDay(period.to);
    q.page = {1, kMaxPageSize};
    std::set<ItemId> seen;
    Scope in_scope = Scope::Subtree(b.scope.path);
    while (true) {
      DUBAN_ASSIGN_OR_RETURN(Page<Notice> notices, tx.notices().List(caller.scope(), q));
      for (const Notice& n : notices.items) {
        if (!seen.insert(n.item_id).second) continue;
        auto item = tx.items().Get(caller.scope(), n.item_id);
        if (item.ok() && in_scope.Contains(item->unit_path)) b.listed.push_back(*item);
      }
      if (q.page.offset() + q.page.page_size >= notices.total) break;
      ++q.page.page;
    }
    return Status::Ok();
  }));
  return b;
}

nlohmann::json BulletinService::ToJson(const Bulletin& b) {
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
           b.scheme_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.scheme_name)}};
}

std::vector<std::pair<std::string, LedgerTable>> BulletinService::ToSheets(const Bulletin& b) {
  const std::vector<std::string> header = {"单位",       "事项总数", "本期新增",   "已销号",
                                           "超期未办结", "销号率",   "按期办结率", "满意率"};
  LedgerTable summary;
  summary.header = header;
  summary.rows.push_back(FiguresRow(b.scope.name + "（合计）", b.totals));
  LedgerTable units;
  units.header = {"排名"};
  units.header.insert(units.header.end(), header.begin(), header.end());
  if (!b.scheme_name.empty()) {
    units.header.push_back("得分");
    units.header.push_back("等次");
  }
  for (const auto& r : b.rows) {
    auto row = FiguresRow(r.unit.name, r.figures);
    row.insert(row.begin(), r.rank ? std::to_string(r.rank) : "—");
    if (!b.scheme_name.empty()) {
      row.push_back(ScoreText(r));
      row.push_back(TierText(r));
    }
    units.rows.push_back(row);
  }
  auto item_sheet = [](const std::vector<Item>& list) {
    LedgerTable t;
    t.header = {"序号", "编号", "问题描述", "所在单位", "责任单位", "整改时限", "状态"};
    int n = 0;
    for (const Item& i : list) {
      t.rows.push_back({std::to_string(++n), i.code, i.title, i.unit_name, i.responsible_unit_name,
                        i.deadline ? FormatDate(*i.deadline) : "",
                        std::string(ItemStatusLabel(i.status))});
    }
    return t;
  };
  return {{"汇总", summary},
          {"各单位情况", units},
          {"超期事项", item_sheet(b.overdue)},
          {"挂牌督办", item_sheet(b.listed)}};
}

OfficialDoc BulletinService::ToDocument(const Bulletin& b) {
  OfficialDoc d;
  d.issuer = b.scope.name + "督查督办工作领导小组办公室";
  int year = static_cast<int>(b.generated_on.year());
  // The number is the period's: one bulletin per scope and period.
  std::string serial = b.period.spec;
  serial.erase(std::remove(serial.begin(), serial.end(), '-'), serial.end());
  d.number = "督通〔" + std::to_string(year) + "〕" + serial + "号";
  std::string what = b.kind ? "事项" : "问题";
  d.title = "关于" + b.period.label + "问题整改情况的通报";
  d.recipient = "各单位：";
  const LedgerFigures& t = b.totals;
  d.paragraphs.push_back("现将" + b.period.label + "（" + FormatDate(b.period.from) + "至" +
                         FormatDate(b.period.to) + "）" + b.scope.name + "问题整改情况通报如下。");
  d.paragraphs.push_back(
      "截至" + FormatDate(b.period.to) + "，共排查" + what + std::to_string(t.total) +
      "个，已整改销号" + std::to_string(t.closed_total) + "个，整改率" +
      FormatPercent(t.closed_total, t.total) + "；本期新增" + std::to_string(t.new_in_period) +
      "个，本期销号" + std::to_string(t.closed_in_period) + "个；超期未办结" +
      std::to_string(t.overdue_open) + "个；按期办结率" +
      FormatPercent(t.closed_on_time, t.closed_total) + "。");
  if (!b.criticised.empty()) {
    std::string names;
    for (const auto& n : b.criticised) names += (names.empty() ? "" : "、") + n;
    d.paragraphs.push_back("以下单位存在超期未办结问题，予以通报批评：" + names +
                           "。请上述单位在5个工作日内书面说明情况，限期整改到位。");
  }
  if (!b.commended.empty()) {
    std::string names;
    for (const auto& n : b.commended) names += (names.empty() ? "" : "、") + n;
    d.paragraphs.push_back("以下单位按期完成全部整改任务，予以通报表扬：" + names + "。");
  }
  OfficialDoc::Table units{"表1 各单位问题整改情况",
                           {"排名", "单位", "总数", "新增", "销号", "超期", "销号率", "按期率"},
                           {}};
  const bool scored = !b.scheme_name.empty();
  if (scored) {
    units.header.push_back("得分");
    units.header.push_back("等次");
  }
  for (const auto& r : b.rows) {
    const auto& f = r.figures;
    units.rows.push_back({r.rank ? std::to_string(r.rank) : "—", r.unit.name,
                          std::to_string(f.total), std::to_string(f.new_in_period),
                          std::to_string(f.closed_total), std::to_string(f.overdue_open),
                          FormatPercent(f.closed_total, f.total),
                          FormatPercent(f.closed_on_time, f.closed_total)});
    if (scored) {
      units.rows.back().push_back(ScoreText(r));
      units.rows.back().push_back(TierText(r));
    }
  }
  units.rows.push_back({"", "合计", std::to_string(t.total), std::to_string(t.new_in_period),
                        std::to_string(t.closed_total), std::to_string(t.overdue_open),
                        FormatPercent(t.closed_total, t.total),
                        FormatPercent(t.closed_on_time, t.closed_total)});
  if (scored) {
    units.rows.back().push_back("");
    units.rows.back().push_back("");
    std::string capped;
    for (const auto& r : b.rows) {
      if (r.capped_by.empty()) continue;
      std::string bars;
      for (const auto& n : r.capped_by) bars += (bars.empty() ? "" : "、") + n;
      capped += (capped.empty() ? "" : "；") + r.unit.name + "因「" + bars + "」定为" +
                std::string(TierLabel(*r.tier));
    }
    d.paragraphs.push_back("按《" + b.scheme_name + "》评分，各单位得分及等次见表1" +
                           (capped.empty() ? "。" : "；其中" + capped + "（一票否决）。"));
  }
  d.tables.push_back(std::move(units));
  if (!b.overdue.empty()) {
    OfficialDoc::Table overdue{
        "表2 超期未办结事项", {"序号", "编号", "问题", "责任单位", "整改时限"}, {}};
    int n = 0;
    for (const Item& i : b.overdue) {
      overdue.rows.push_back({std::to_string(++n), i.code, i.title, i.responsible_unit_name,
                              i.deadline ? FormatDate(*i.deadline) : ""});
    }
    d.tables.push_back(std::move(overdue));
  }
  d.signer = d.issuer;
  d.date = std::to_string(year) + "年" + std::to_string(unsigned(b.generated_on.month())) + "月" +
           std::to_string(unsigned(b.generated_on.day())) + "日";
  return d;
}

}  // namespace duban
