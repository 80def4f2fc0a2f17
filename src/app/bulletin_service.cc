#include "app/bulletin_service.h"

#include <algorithm>
#include <set>

#include "app/assessment_json.h"
#include "app/assessment_service.h"
#include "app/crypto.h"
#include "app/records/bulletin_record.h"
#include "core/assessment.h"
#include "core/permission.h"

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

std::string DocumentTitle(const Bulletin& b) {
  return "关于" + b.period.label + "问题整改情况的通报";
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
    units.header.emplace_back("得分");
    units.header.emplace_back("等次");
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

Result<std::string> BulletinService::Pdf(
    const Bulletin& b, std::optional<int64_t> issued_id,
    const std::function<Result<std::string>(const OfficialDoc&)>& print) {
  OfficialDoc doc = ToDocument(b);
  // Keyed by the content as well as the id: a restored or re-issued register entry with other
  // content never gets the old PDF.
  std::string key =
      issued_id ? "issued:" + std::to_string(*issued_id) + ":" + Sha256Hex(EncodeBulletinContent(b))
                : "";
  return pdf_.Print(key, [&] { return print(doc); });
}

OfficialDoc BulletinService::ToDocument(const Bulletin& b) {
  OfficialDoc d;
  d.issuer = b.scope.name + "督查督办工作领导小组办公室";
  int year = static_cast<int>(b.generated_on.year());
  // A preview leaves the serial blank, as a draft does; the register numbers what it issues.
  d.number = b.number.empty() ? "督通〔" + std::to_string(year) + "〕  号" : b.number;
  std::string what = b.kind ? "事项" : "问题";
  d.title = DocumentTitle(b);
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
    units.header.emplace_back("得分");
    units.header.emplace_back("等次");
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
    units.rows.back().emplace_back("");
    units.rows.back().emplace_back("");
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

// ---- the register ----

namespace {

bool MayIssue(const Caller& c) { return May(c.roles, Capability::kBulletinIssue); }

// 督通〔2026〕3号: the scope unit's third bulletin of 2026.
std::string NumberText(int year, int64_t number) {
  return "督通〔" + std::to_string(year) + "〕" + std::to_string(number) + "号";
}

}  // namespace

std::string BulletinService::Title(const Bulletin& b) { return DocumentTitle(b); }

Result<IssuedBulletin> BulletinService::Issue(const Caller& caller, const Period& period,
                                              UnitId scope_unit_id, std::optional<ItemKind> kind,
                                              const std::string& scheme_key,
                                              const std::string& origin) {
  if (!MayIssue(caller)) return PermissionDenied("只有督查员或系统管理员可以印发通报");
  const Instant now = clock_.Now();
  const Date today = ShanghaiDate(now);
  if (period.to >= today) {
    return InvalidArgument(
        period.label + "到 " + FormatDate(period.to) + " 才结束，期满后才能印发（现在可以预览）",
        "period");
  }
  DUBAN_ASSIGN_OR_RETURN(Bulletin b, Generate(caller, period, scope_unit_id, kind, scheme_key));
  IssuedBulletin out;
  BulletinRecord& r = out.record;
  r.scope_unit_id = b.scope.id;
  r.scope_path = b.scope.path;
  r.scope_name = b.scope.name;
  r.period = period.spec;
  r.period_kind = period.kind;
  r.item_kind = kind ? std::string(ItemKindName(*kind)) : "";
  r.scheme_key = scheme_key;
  r.issued_at = now;
  r.year = static_cast<int>(today.year());
  r.title = DocumentTitle(b);
  r.origin = origin;
  r.issued_by = caller.username;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(tx.bulletins().Insert(r, [&](BulletinRecord& numbered) {
      numbered.doc_number = NumberText(numbered.year, numbered.number);
      b.number = numbered.doc_number;
      numbered.content = EncodeBulletinContent(b);
    }));
    return audit_.Append(tx, caller,
                         {"bulletin.issue",
                          "bulletin",
                          std::to_string(r.id),
                          r.scope_unit_id,
                          r.scope_path,
                          {},
                          BulletinIssueSnapshotOf(r, b)});
  }));
  out.bulletin = std::move(b);
  return out;
}

Result<Page<BulletinRecord>> BulletinService::ListIssued(const Caller& caller,
                                                         const BulletinRepository::Query& query) {
  Page<BulletinRecord> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.bulletins().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

Result<IssuedBulletin> BulletinService::GetIssued(const Caller& caller, int64_t id) {
  IssuedBulletin out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out.record, tx.bulletins().Get(caller.scope(), id));
    return Status::Ok();
  }));
  auto b = DecodeBulletinContent(out.record.content);
  if (!b.ok())
    return Internal("通报 " + out.record.doc_number + " 的存档内容损坏: " + b.status().message());
  out.bulletin = std::move(*b);
  return out;
}

Result<std::vector<BulletinRecord>> BulletinService::IssueDue(const BulletinSchedule& schedule) {
  Caller system = Caller::Operator();
  system.username = "scheduler";
  std::vector<Unit> tops;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    UnitRepository::Query q;
    q.roots_only = true;
    q.page = {1, kMaxPageSize};
    DUBAN_ASSIGN_OR_RETURN(auto roots, tx.units().List(Scope::Everything(), q));
    tops = std::move(roots.items);
    return Status::Ok();
  }));
  const Date today = ShanghaiDate(clock_.Now());
  std::vector<BulletinRecord> issued;
  for (const std::string& kind : schedule.kinds) {
    DUBAN_ASSIGN_OR_RETURN(Period period, LastEndedPeriod(kind, today, schedule.delay_days));
    for (const Unit& top : tops) {
      if (top.disabled) continue;
      bool known = false;
      DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
        DUBAN_ASSIGN_OR_RETURN(auto found,
                               tx.bulletins().Find(top.id, period.spec, "", schedule.scheme_key));
        known = found.has_value();
        return Status::Ok();
      }));
      if (known) continue;
      auto r = Issue(system, period, top.id, std::nullopt, schedule.scheme_key, "schedule");
      // Issued meanwhile by someone else: the register holds it, which is what was due.
      if (!r.ok() && r.status().code() == ErrorCode::kAlreadyExists) continue;
      if (!r.ok()) return r.status();
      issued.push_back(r->record);
    }
  }
  return issued;
}

}  // namespace duban
