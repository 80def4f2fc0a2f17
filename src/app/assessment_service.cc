#include "app/assessment_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "app/assessment_json.h"
#include "core/deadline.h"
#include "core/permission.h"
#include "core/text.h"

namespace duban {
namespace {

using nlohmann::json;

bool IsManager(const Caller& c) { return May(c.roles, Capability::kAssessmentDecide); }

// An evaluator with no other reading role sees only what was given to them.
bool OnlyEvaluator(const Caller& c) {
  return May(c.roles, Capability::kAssessmentScore) &&
         !May(c.roles, Capability::kAssessmentViewAll);
}

int64_t X100(double v) { return static_cast<int64_t>(std::llround(RoundPoints(v) * 100)); }

// The subject code Rank() breaks ties with: the id, zero-padded so byte order is id order
// (the order the store lists equal ranks in).
std::string SubjectCode(int64_t id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%012lld", static_cast<long long>(id));
  return buf;
}

const Indicator* FindIndicator(const std::vector<Indicator>& list, const std::string& key) {
  for (const Indicator& in : list) {
    if (in.key == key) return &in;
    if (const Indicator* c = FindIndicator(in.children, key)) return c;
  }
  return nullptr;
}

bool ReadsMetric(const std::vector<Indicator>& list) {
  for (const Indicator& in : list) {
    if (in.metric || ReadsMetric(in.children)) return true;
  }
  return false;
}

bool ReadsEventMetric(const std::vector<Indicator>& list, const std::vector<HardBar>& bars) {
  auto is_event = [](std::optional<Metric> m) {
    return m && (*m == Metric::kReturnRate || *m == Metric::kNoticeCount);
  };
  for (const HardBar& b : bars) {
    if (is_event(b.metric)) return true;
  }
  for (const Indicator& in : list) {
    if (is_event(in.metric) || ReadsEventMetric(in.children, {})) return true;
  }
  return false;
}

Result<Scheme> ParseStored(const SchemeRecord& r) {
  json j = json::parse(r.definition, nullptr, false);
  if (j.is_discarded()) return Internal("考核方案 " + r.key + " 的存储内容已损坏");
  DUBAN_ASSIGN_OR_RETURN(Scheme s, SchemeFromJson(j));
  s.key = r.key;
  s.name = r.name;
  return s;
}

// Adds the approved events of one subject to its facts, skipping those whose indicator this
// scheme version no longer has (a scheme edited after the event was filed). For manual
// entries only each evaluator's latest entry per indicator and group counts.
void AddEvents(const Scheme& scheme, const std::vector<const AssessmentEvent*>& events,
               UnitFacts& facts) {
  std::map<std::tuple<std::string, std::string, std::string>, const AssessmentEvent*> latest;
  for (const AssessmentEvent* e : events) {
    if (e->kind == "veto") {  // a 一票否决 decided by people: its key names a metric-less bar
      if (std::any_of(scheme.bars.begin(), scheme.bars.end(),
                      [&](const HardBar& b) { return b.key == e->indicator_key && !b.metric; })) {
        facts.vetoes.push_back(e->indicator_key);
      }
      continue;
    }
    const Indicator* in = FindIndicator(scheme.indicators, e->indicator_key);
    if (!in) continue;
    if (e->kind == "points" && in->formula == Formula::kEventSum && e->points_x100) {
      facts.events.push_back({e->indicator_key, double(*e->points_x100) / 100, e->reason});
    } else if (e->kind == "manual" && in->formula == Formula::kManualWeighted && e->score_x100 &&
               std::any_of(in->evaluator_groups.begin(), in->evaluator_groups.end(),
                           [&](const EvaluatorGroup& g) { return g.name == e->evaluator_group; })) {
      latest[{e->indicator_key, e->evaluator_group, e->created_by}] = e;  // ids ascend
    }
  }
  for (const auto& [key, e] : latest) {
    facts.manual_entries.push_back(
        {e->indicator_key, e->evaluator_group, e->created_by, double(*e->score_x100) / 100});
  }
}

json CappedByJson(const std::vector<std::string>& names) { return json(names); }

}  // namespace

UnitFacts FactsFromCounts(const AssessmentCounts& c) {
  UnitFacts f;
  f.rates[Metric::kClosureRate] = {c.closed, c.total};
  f.rates[Metric::kOnTimeRate] = {c.closed_on_time, c.closed};
  f.rates[Metric::kSignForRate] = {c.signed_in_time, c.assigned};
  f.rates[Metric::kReturnRate] = {c.returned, std::max(c.submitted, c.returned)};
  f.rates[Metric::kReportTimeliness] = {c.reports_on_time, c.reports_due};
  f.rates[Metric::kSatisfactionRate] = {c.satisfied, c.rated};
  f.rates[Metric::kUnsatisfiedRate] = {c.unsatisfied, c.rated};
  f.counts[Metric::kOverdueCount] = c.overdue;
  f.counts[Metric::kRecurrenceCount] = c.recurrences;
  f.counts[Metric::kNoticeCount] = c.notices;
  f.counts[Metric::kMajorHazardOverdueCount] = c.major_hazard_overdue;
  return f;
}

Result<PeerScores> AssessmentService::ScorePeers(Tx& tx, const Scope& scope,
                                                 const SchemeRecord& record, const Scheme& scheme,
                                                 const Period& period, const Unit& scope_unit,
                                                 Date today) {
  PeerScores out{record, scheme, period, scope_unit, {}};
  DUBAN_ASSIGN_OR_RETURN(std::vector<Unit> units, tx.units().Subtree(scope, scope_unit.path));
  DUBAN_ASSIGN_OR_RETURN(
      std::vector<AssessmentEvent> events,
      tx.assessment().EventsForPeriod(scheme.key, Scope::Subtree(scope_unit.path), period.spec,
                                      period.from, period.to));
  std::map<std::pair<std::string, int64_t>, std::vector<const AssessmentEvent*>> by_subject;
  for (const AssessmentEvent& e : events) by_subject[{e.subject_type, e.subject_id}].push_back(&e);
  auto events_of = [&](const std::string& type, int64_t id) {
    auto it = by_subject.find({type, id});
    return it == by_subject.end() ? std::vector<const AssessmentEvent*>{} : it->second;
  };

  if (record.subject_type == "person") {
    // 党员积分 and the like: the people of the subtree, scored from their events only.
    std::map<UnitId, const Unit*> unit_of;
    for (const Unit& u : units) unit_of[u.id] = &u;
    PersonRepository::Query q;
    q.unit_id = scope_unit.id;
    q.page.page_size = kMaxPageSize;
    std::vector<SubjectScore> scores;
    for (q.page.page = 1;; ++q.page.page) {
      DUBAN_ASSIGN_OR_RETURN(Page<Person> page, tx.people().List(scope, q));
      for (const Person& p : page.items) {
        UnitFacts facts = FactsFromCounts({});
        facts.subject_code = SubjectCode(p.id);
        facts.subject_name = p.name;
        AddEvents(scheme, events_of("person", p.id), facts);
        DUBAN_ASSIGN_OR_RETURN(ScoreBreakdown b, Score(scheme, facts));
        auto u = unit_of.find(p.unit_id);
        out.subjects.push_back({p.id, u == unit_of.end() ? "" : u->second->path, p.name, b,
                                b.total_points, b.total_points, 0});
      }
      if (page.items.size() < size_t(kMaxPageSize)) break;
    }
  } else {
    // Counts per unit from one pass over the subtree's items, summed up the tree: a unit's
    // facts are those of its whole subtree, as the ledger shows them.
    DUBAN_ASSIGN_OR_RETURN(auto counts, tx.items().AssessmentCountsByUnit(
                                            scope_unit.path, period.from, period.to, today,
                                            ReadsEventMetric(scheme.indicators, scheme.bars)));
    std::map<UnitId, size_t> index;
    for (size_t i = 0; i < units.size(); ++i) index[units[i].id] = i;
    std::vector<AssessmentCounts> subtree(units.size());
    for (auto& [id, c] : counts) {
      if (auto it = index.find(id); it != index.end()) subtree[it->second] = c;
    }
    auto add = [](AssessmentCounts& to, const AssessmentCounts& c) {
      to.total += c.total, to.closed += c.closed, to.closed_on_time += c.closed_on_time;
      to.assigned += c.assigned, to.signed_in_time += c.signed_in_time;
      to.submitted += c.submitted, to.returned += c.returned;
      to.reports_due += c.reports_due, to.reports_on_time += c.reports_on_time;
      to.rated += c.rated, to.satisfied += c.satisfied, to.unsatisfied += c.unsatisfied;
      to.overdue += c.overdue, to.recurrences += c.recurrences, to.notices += c.notices;
      to.major_hazard_overdue += c.major_hazard_overdue;
    };
    // Path order puts every descendant after its ancestor: walking backwards, each unit is
    // complete before it is added to its parent.
    for (size_t i = units.size(); i-- > 0;) {
      if (!units[i].parent_id) continue;
      if (auto p = index.find(*units[i].parent_id); p != index.end() && p->second != i) {
        add(subtree[p->second], subtree[i]);
      }
    }
    // Which units to score: the peers, or with 三级联动 every unit below the scope.
    const bool roll = scheme.child_weight > 0;
    std::vector<double> own(units.size(), 0), rolled(units.size(), 0);
    std::vector<std::optional<ScoreBreakdown>> breakdowns(units.size());
    auto is_peer = [&](const Unit& u) {
      if (u.id == scope_unit.id) return false;
      return scheme.peer_kind.empty() ? u.parent_id == scope_unit.id : u.kind == scheme.peer_kind;
    };
    for (size_t i = 0; i < units.size(); ++i) {
      bool peer = is_peer(units[i]);
      if (!peer && !(roll && units[i].id != scope_unit.id)) continue;
      UnitFacts facts = FactsFromCounts(subtree[i]);
      facts.subject_code = SubjectCode(units[i].id);
      facts.subject_name = units[i].name;
      AddEvents(scheme, events_of("unit", units[i].id), facts);
      DUBAN_ASSIGN_OR_RETURN(ScoreBreakdown b, Score(scheme, facts));
      own[i] = rolled[i] = b.total_points;
      breakdowns[i] = std::move(b);
    }
    if (roll) {
      std::map<size_t, std::vector<double>> children;
      for (size_t i = units.size(); i-- > 0;) {
        if (!breakdowns[i]) continue;
        auto kids = children.find(i);
        rolled[i] = RoundPoints(
            RollUp(own[i], kids == children.end() ? std::vector<double>{} : kids->second,
                   scheme.child_weight));
        if (auto p = index.find(units[i].parent_id.value_or(0)); p != index.end()) {
          children[p->second].push_back(rolled[i]);
        }
      }
    }
    for (size_t i = 0; i < units.size(); ++i) {
      if (!is_peer(units[i]) || !breakdowns[i]) continue;
      ScoreBreakdown& b = *breakdowns[i];
      if (roll) {  // tier and stars follow the rolled-up score; the bars still hold
        std::vector<HardBar> hit;
        for (const HardBar& bar : scheme.bars) {
          if (std::count(b.tier_capped_by.begin(), b.tier_capped_by.end(), bar.name)) {
            hit.push_back(bar);
          }
        }
        TierOutcome t = ApplyTier(rolled[i], scheme.tier_bounds, hit);
        b.tier_by_score = t.tier_by_score;
        b.tier = t.tier;
        b.stars = StarsFor(rolled[i], scheme.star_bounds);
      }
      out.subjects.push_back(
          {units[i].id, units[i].path, units[i].name, std::move(b), own[i], rolled[i], 0});
    }
  }
  std::vector<SubjectScore> scores;
  for (const ScoredSubject& s : out.subjects)
    scores.push_back({SubjectCode(s.subject_id), s.score});
  std::vector<RankedResult> ranked = Rank(scores);
  std::map<std::string, int> rank_of;
  for (const RankedResult& r : ranked) rank_of[r.subject_code] = r.rank;
  for (ScoredSubject& s : out.subjects) s.rank = rank_of[SubjectCode(s.subject_id)];
  std::stable_sort(out.subjects.begin(), out.subjects.end(),
                   [](const ScoredSubject& a, const ScoredSubject& b) {
                     return a.rank != b.rank ? a.rank < b.rank : a.subject_id < b.subject_id;
                   });
  return out;
}

Status AssessmentService::RequireAdmin(const Caller& caller) const {
  if (May(caller.roles, Capability::kAssessmentGrantManage)) return Status::Ok();
  return PermissionDenied("只有系统管理员可以修改考核方案和评议授权");
}

namespace {
// Schemes are the whole system's, like the calendar: only an admin of a top-level unit edits.
Status RequireTopLevelAdmin(const Caller& caller) {
  bool top_level = std::count(caller.unit_path.begin(), caller.unit_path.end(), '/') <= 2;
  if (May(caller.roles, Capability::kAssessmentSchemeEdit) && top_level) return Status::Ok();
  return PermissionDenied("只有最上级单位的系统管理员可以修改考核方案");
}
}  // namespace

Result<std::vector<SchemeRecord>> AssessmentService::ListSchemes(const Caller& caller) {
  std::vector<SchemeRecord> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.assessment().LatestSchemes());
    if (OnlyEvaluator(caller)) {
      DUBAN_ASSIGN_OR_RETURN(auto grants, tx.assessment().Grants("", caller.account_id));
      std::set<std::string> given;
      for (const auto& g : grants) given.insert(g.scheme_key);
      std::erase_if(out, [&](const SchemeRecord& r) { return !given.count(r.key); });
    }
    return Status::Ok();
  }));
  return out;
}

Result<SchemeView> AssessmentService::GetScheme(const Caller& caller, const std::string& key,
                                                std::optional<int> version) {
  SchemeView out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    if (OnlyEvaluator(caller)) {
      DUBAN_ASSIGN_OR_RETURN(auto grants, tx.assessment().Grants(key, caller.account_id));
      if (grants.empty()) return PermissionDenied("考核方案 " + key + " 未分配给您评分");
    }
    DUBAN_ASSIGN_OR_RETURN(out.record, tx.assessment().Scheme(key, version));
    DUBAN_ASSIGN_OR_RETURN(out.scheme, ParseStored(out.record));
    DUBAN_ASSIGN_OR_RETURN(out.versions, tx.assessment().SchemeVersions(key));
    return Status::Ok();
  }));
  return out;
}

Result<SchemeView> AssessmentService::SaveScheme(const Caller& caller, const std::string& key,
                                                 SchemeInput input) {
  DUBAN_RETURN_IF_ERROR(RequireTopLevelAdmin(caller));
  if (key.empty() || key.size() > 64 || !std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      })) {
    return InvalidArgument("方案编号须为 1 到 64 个字母、数字、- 或 _", "key");
  }
  Scheme& scheme = input.scheme;
  scheme.key = key;
  scheme.name = TrimSpace(scheme.name);
  if (scheme.name.empty() || Utf8Length(scheme.name) > 100 || !IsValidUtf8(scheme.name)) {
    return InvalidArgument("方案名称须为 1 到 100 个字", "name");
  }
  const std::string& subject_type = input.subject_type;
  if (subject_type != "unit" && subject_type != "person") {
    return InvalidArgument("考核对象须为 unit（单位）或 person（个人）", "subject_type");
  }
  DUBAN_RETURN_IF_ERROR(ValidateScheme(scheme));
  if (!scheme.peer_kind.empty() && !ValidateUnitKind(scheme.peer_kind).ok()) {
    return InvalidArgument("peer_kind 须为单位类型（如 branch、bureau）", "peer_kind");
  }
  if (subject_type == "person") {
    bool bar_metric = std::any_of(scheme.bars.begin(), scheme.bars.end(),
                                  [](const HardBar& b) { return b.metric.has_value(); });
    if (ReadsMetric(scheme.indicators) || bar_metric || scheme.child_weight > 0) {
      return InvalidArgument(
          "个人考核方案只能用人工评分和加扣分事件（自动指标、三级联动按单位计算）", "subject_type");
    }
  }
  SchemeView out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    SchemeRecord r;
    r.key = key;
    r.name = scheme.name;
    r.subject_type = subject_type;
    r.definition = SchemeToJson(scheme).dump();
    r.created_at = clock_.Now();
    r.created_by = caller.username;
    DUBAN_RETURN_IF_ERROR(tx.assessment().InsertScheme(r));
    out.record = r;
    out.scheme = scheme;
    DUBAN_ASSIGN_OR_RETURN(out.versions, tx.assessment().SchemeVersions(key));
    return audit_.Append(tx, caller,
                         {"assessment.scheme.save",
                          "assessment_scheme",
                          key,
                          std::nullopt,
                          "",
                          {},
                          SchemeSnapshot{r.definition, r.version, subject_type}});
  }));
  return out;
}

Result<std::vector<EvaluatorGrant>> AssessmentService::ListGrants(const Caller& caller,
                                                                  const std::string& key) {
  std::vector<EvaluatorGrant> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(tx.assessment().Scheme(key, std::nullopt).status());
    DUBAN_ASSIGN_OR_RETURN(out, tx.assessment().Grants(key, std::nullopt));
    // Only the grants whose unit the caller can see.
    std::erase_if(out,
                  [&](const EvaluatorGrant& g) { return !caller.scope().Contains(g.unit_path); });
    return Status::Ok();
  }));
  return out;
}

Result<EvaluatorGrant> AssessmentService::Grant(const Caller& caller, const std::string& key,
                                                AccountId account_id, UnitId unit_id) {
  DUBAN_RETURN_IF_ERROR(RequireAdmin(caller));
  EvaluatorGrant out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(tx.assessment().Scheme(key, std::nullopt).status());
    auto account = tx.accounts().Get(caller.scope(), account_id);
    if (!account.ok()) return account.status().WithField("account_id");
    if (!account->roles.Has(Role::kEvaluator)) {
      return InvalidArgument("账号 " + account->username + " 没有评议人角色", "account_id");
    }
    auto unit = tx.units().Get(caller.scope(), unit_id);
    if (!unit.ok()) return unit.status().WithField("unit_id");
    out.scheme_key = key;
    out.account_id = account_id;
    out.unit_id = unit_id;
    DUBAN_RETURN_IF_ERROR(tx.assessment().InsertGrant(out));
    out.username = account->username;
    out.unit_name = unit->name;
    out.unit_path = unit->path;
    return audit_.Append(tx, caller,
                         {"assessment.grant",
                          "assessment_grant",
                          std::to_string(out.id),
                          unit->id,
                          unit->path,
                          {},
                          GrantSnapshot{key, account_id, unit_id}});
  }));
  return out;
}

Status AssessmentService::Revoke(const Caller& caller, int64_t grant_id) {
  DUBAN_RETURN_IF_ERROR(RequireAdmin(caller));
  return store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto grants, tx.assessment().Grants("", std::nullopt));
    auto it = std::find_if(grants.begin(), grants.end(),
                           [&](const EvaluatorGrant& g) { return g.id == grant_id; });
    if (it == grants.end() || !caller.scope().Contains(it->unit_path)) {
      return NotFound("评议授权 " + std::to_string(grant_id) + " 不存在或不在您的数据范围内");
    }
    DUBAN_RETURN_IF_ERROR(tx.assessment().DeleteGrant(grant_id));
    return audit_.Append(tx, caller,
                         {"assessment.revoke",
                          "assessment_grant",
                          std::to_string(grant_id),
                          it->unit_id,
                          it->unit_path,
                          GrantSnapshot{it->scheme_key, it->account_id, std::nullopt},
                          {}});
  });
}

Result<std::vector<AssessmentService::Subject>> AssessmentService::MySubjects(
    const Caller& caller) {
  std::vector<Subject> out;
  if (!caller.account_id) return out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto grants, tx.assessment().Grants("", caller.account_id));
    std::set<std::pair<std::string, UnitId>> seen;
    for (const EvaluatorGrant& g : grants) {
      DUBAN_ASSIGN_OR_RETURN(SchemeRecord scheme,
                             tx.assessment().Scheme(g.scheme_key, std::nullopt));
      DUBAN_ASSIGN_OR_RETURN(auto units, tx.units().Subtree(Scope::Everything(), g.unit_path));
      for (Unit& u : units) {
        if (!seen.insert({g.scheme_key, u.id}).second) continue;
        out.push_back({g.scheme_key, scheme.name, std::move(u)});
        if (out.size() >= 2000) return Status::Ok();
      }
    }
    return Status::Ok();
  }));
  return out;
}

Result<Page<AssessmentEvent>> AssessmentService::ListEvents(
    const Caller& caller, AssessmentRepository::EventQuery query) {
  Scope scope = caller.scope();
  if (OnlyEvaluator(caller)) {  // an evaluator's own entries, wherever their subjects are
    scope = Scope::Everything();
    query.created_by_id = caller.account_id.value_or(-1);
  }
  Page<AssessmentEvent> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.assessment().Events(scope, query));
    return FillFiles(tx, out.items);
  }));
  return out;
}

// One query for the evidence of every event listed.
Status AssessmentService::FillFiles(Tx& tx, std::vector<AssessmentEvent>& events) {
  std::vector<int64_t> ids;
  ids.reserve(events.size());
  for (const auto& e : events) ids.push_back(e.id);
  DUBAN_ASSIGN_OR_RETURN(auto files, tx.assessment().EventFiles(ids));
  std::map<int64_t, AssessmentEvent*> by_id;
  for (auto& e : events) by_id[e.id] = &e;
  for (auto& f : files) by_id.at(f.event_id)->files.push_back(std::move(f));
  return Status::Ok();
}

// The event with `id` as the caller may see it: in scope, or for one who is only an evaluator,
// one of their own entries. kNotFound otherwise, the same for another's entry as for a missing
// one (review L11).
Result<AssessmentEvent> AssessmentService::VisibleEvent(Tx& tx, const Caller& caller, int64_t id) {
  if (!OnlyEvaluator(caller)) return tx.assessment().Event(caller.scope(), id);
  auto e = tx.assessment().Event(Scope::Everything(), id);
  if (e.ok() && e->created_by_id == caller.account_id) return e;
  if (!e.ok() && e.status().code() != ErrorCode::kNotFound) return e.status();
  return NotFound("考核记录 " + std::to_string(id) + " 不存在或不在您的数据范围内");
}

Result<EventFile> AssessmentService::AttachFile(const Caller& caller, int64_t event_id,
                                                const std::string& name, const std::string& bytes) {
  const EvidenceStore& evidence = items_.evidence();
  DUBAN_ASSIGN_OR_RETURN(CheckedUpload up, evidence.Check(name, bytes));
  // Checked before the bytes are written, and again in the writing transaction.
  auto may_attach = [&](Tx& tx) -> Result<AssessmentEvent> {
    DUBAN_ASSIGN_OR_RETURN(AssessmentEvent e, VisibleEvent(tx, caller, event_id));
    if (e.status == "rejected") return FailedPrecondition("已退回的记录不能再上传佐证材料");
    if (!IsManager(caller)) {
      if (e.created_by_id != caller.account_id) {
        return PermissionDenied("只能为本人登记的记录上传佐证材料");
      }
      if (!e.decided_by.empty()) {
        return FailedPrecondition("该自报已经审核，佐证材料不能再补充");
      }
    }
    DUBAN_ASSIGN_OR_RETURN(auto files, tx.assessment().EventFiles({e.id}));
    if (files.size() >= kMaxEventFiles) {
      return FailedPrecondition("每条记录最多上传 " + std::to_string(kMaxEventFiles) +
                                " 个佐证材料");
    }
    return e;
  };
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) { return may_attach(tx).status(); }));
  DUBAN_RETURN_IF_ERROR(evidence.Put(up, bytes));
  EventFile file{0,         event_id,     up.name,        up.size, up.content_type,
                 up.sha256, clock_.Now(), caller.username};
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(AssessmentEvent e, may_attach(tx));
    DUBAN_RETURN_IF_ERROR(tx.assessment().InsertEventFile(file));
    return audit_.Append(tx, caller,
                         {"assessment.file",
                          "assessment_event",
                          std::to_string(e.id),
                          std::nullopt,
                          e.subject_path,
                          {},
                          FileSnapshot{file.id, file.name, file.sha256, file.size}});
  }));
  return file;
}

Result<std::pair<EventFile, std::string>> AssessmentService::DownloadFile(const Caller& caller,
                                                                          int64_t file_id) {
  EventFile file;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    // A file of an event the caller may not see does not exist for them.
    auto missing = NotFound("文件 " + std::to_string(file_id) + " 不存在或不在您的数据范围内");
    auto f = tx.assessment().GetEventFile(file_id);
    if (!f.ok()) return missing;
    auto event = VisibleEvent(tx, caller, f->event_id);
    if (!event.ok() && event.status().code() != ErrorCode::kNotFound) return event.status();
    if (!event.ok()) return missing;
    file = *f;
    return Status::Ok();
  }));
  DUBAN_ASSIGN_OR_RETURN(std::string bytes, items_.evidence().Read(file.sha256));
  return std::pair{file, std::move(bytes)};
}

Result<AssessmentEvent> AssessmentService::AddEvent(const Caller& caller,
                                                    const AssessmentEventInput& in) {
  AssessmentEvent e;
  e.kind = in.kind;
  if (e.kind != "manual" && e.kind != "points" && e.kind != "veto") {
    return InvalidArgument(
        "记录类型须为 manual（人工评分）、points（加扣分）或 veto（一票否决认定）", "kind");
  }
  if (e.kind == "veto" && !IsManager(caller)) {
    return PermissionDenied("只有督查员或系统管理员可以认定一票否决");
  }
  e.reason = TrimSpace(in.reason);
  e.evidence = TrimSpace(in.evidence);
  if (Utf8Length(e.reason) > 500 || !IsValidUtf8(e.reason)) {
    return InvalidArgument("事由不能超过 500 个字", "reason");
  }
  if (Utf8Length(e.evidence) > 500 || !IsValidUtf8(e.evidence)) {
    return InvalidArgument("佐证材料说明不能超过 500 个字", "evidence");
  }
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(SchemeRecord record,
                           tx.assessment().Scheme(in.scheme_key, std::nullopt));
    DUBAN_ASSIGN_OR_RETURN(Scheme scheme, ParseStored(record));
    if (in.subject_type != record.subject_type) {
      return InvalidArgument(
          "该方案的考核对象是" + std::string(record.subject_type == "unit" ? "单位" : "个人"),
          "subject_type");
    }
    e.scheme_key = record.key;
    e.subject_type = record.subject_type;
    e.subject_id = in.subject_id;
    const Indicator* indicator = nullptr;
    if (e.kind == "veto") {
      // A hard bar without a metric (e.g. 发生较大安全事故) is hit by a decision, per period.
      auto bar = std::find_if(scheme.bars.begin(), scheme.bars.end(),
                              [&](const HardBar& b) { return b.key == in.indicator_key; });
      if (bar == scheme.bars.end() || bar->metric) {
        return InvalidArgument("方案 " + record.key + " 没有需人工认定的硬杠 " + in.indicator_key,
                               "indicator");
      }
      if (e.reason.empty()) return InvalidArgument("请填写认定一票否决的事实和依据", "reason");
      DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(in.period));
      e.period = period.spec;
      e.indicator_key = bar->key;
    } else {
      indicator = FindIndicator(scheme.indicators, in.indicator_key);
      if (!indicator) {
        return InvalidArgument("方案 " + record.key + " 没有指标 " + in.indicator_key, "indicator");
      }
      e.indicator_key = indicator->key;
    }
    if (e.kind == "veto") {
      // Checked above: the bar, the reason and the period.
    } else if (e.kind == "manual") {
      if (indicator->formula != Formula::kManualWeighted) {
        return InvalidArgument("指标 " + indicator->name + " 不是人工评分指标", "indicator");
      }
      if (std::none_of(indicator->evaluator_groups.begin(), indicator->evaluator_groups.end(),
                       [&](const EvaluatorGroup& g) { return g.name == in.evaluator_group; })) {
        return InvalidArgument(
            "指标 " + indicator->name + " 没有评议组「" + in.evaluator_group + "」",
            "evaluator_group");
      }
      if (!in.score || !std::isfinite(*in.score) || *in.score < 0 || *in.score > 100) {
        return InvalidArgument("评分须为 0 到 100 之间的数", "score");
      }
      DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(in.period));
      e.period = period.spec;
      e.evaluator_group = in.evaluator_group;
      e.score_x100 = X100(*in.score);
    } else {
      if (indicator->formula != Formula::kEventSum) {
        return InvalidArgument("指标 " + indicator->name + " 不是加扣分指标", "indicator");
      }
      if (!in.points || !std::isfinite(*in.points) || *in.points == 0 ||
          std::abs(*in.points) > 1000) {
        return InvalidArgument("分值须为非零的数（加分为正，扣分为负），绝对值不超过 1000",
                               "points");
      }
      if (e.reason.empty()) return InvalidArgument("请填写加分或扣分的事由", "reason");
      e.points_x100 = X100(*in.points);
      e.occurred_on = in.occurred_on.value_or(ShanghaiDate(clock_.Now()));
    }
    // The subject, and whether the caller may file this for it.
    bool manager = IsManager(caller);
    // Points for oneself or one's own unit wait for someone else's approval (review L8).
    bool own = false;
    if (e.subject_type == "unit") {
      Result<Unit> unit = NotFound("");
      if (!manager && e.kind == "manual" && May(caller.roles, Capability::kAssessmentScore)) {
        // An evaluator's subjects are the units given to them, wherever they are: a unit
        // outside the grants answers as one that does not exist (review L11).
        DUBAN_ASSIGN_OR_RETURN(auto grants, tx.assessment().Grants(record.key, caller.account_id));
        unit = tx.units().Get(Scope::Everything(), e.subject_id);
        if (!unit.ok() || std::none_of(grants.begin(), grants.end(), [&](const EvaluatorGrant& g) {
              return Scope::Subtree(g.unit_path).Contains(unit->path);
            })) {
          return NotFound("单位 " + std::to_string(e.subject_id) + " 不存在或不在您的评议对象中")
              .WithField("subject_id");
        }
      } else {
        unit = tx.units().Get(caller.scope(), e.subject_id);
        if (!unit.ok()) return unit.status().WithField("subject_id");
        if (!manager) return PermissionDenied("只有督查员或系统管理员可以登记加扣分");
        own = e.kind == "points" && Scope::Subtree(unit->path).Contains(caller.unit_path);
      }
      e.subject_path = unit->path;
    } else {
      auto person = tx.people().Get(caller.scope(), e.subject_id);
      if (!person.ok()) return person.status().WithField("subject_id");
      DUBAN_ASSIGN_OR_RETURN(Unit unit, tx.units().Get(Scope::Everything(), person->unit_id));
      e.subject_path = unit.path;
      own = e.kind == "points" && caller.person_id == person->id;
      if (!manager && !own) return PermissionDenied("只能为本人自报积分，或由督查员登记");
    }
    e.status = own ? "pending" : "approved";
    e.created_by_id = caller.account_id;
    e.created_by = caller.username;
    e.created_at = clock_.Now();
    DUBAN_RETURN_IF_ERROR(tx.assessment().InsertEvent(e));
    AssessmentEventSnapshot after;
    after.scheme_key = e.scheme_key;
    after.kind = e.kind;
    after.subject_type = e.subject_type;
    after.subject_id = e.subject_id;
    after.indicator_key = e.indicator_key;
    after.status = e.status;
    after.reason = e.reason;
    if (e.score_x100) after.score = double(*e.score_x100) / 100;
    if (e.points_x100) after.points = double(*e.points_x100) / 100;
    if (!e.period.empty()) after.period = e.period;
    DUBAN_RETURN_IF_ERROR(audit_.Append(tx, caller,
                                        {"assessment.event",
                                         "assessment_event",
                                         std::to_string(e.id),
                                         std::nullopt,
                                         e.subject_path,
                                         {},
                                         after}));
    DUBAN_ASSIGN_OR_RETURN(e, tx.assessment().Event(Scope::Everything(), e.id));
    return Status::Ok();
  }));
  return e;
}

Result<AssessmentEvent> AssessmentService::Decide(const Caller& caller, int64_t id, bool approve,
                                                  const std::string& reason) {
  if (!IsManager(caller)) return PermissionDenied("只有督查员或系统管理员可以审核自报积分");
  AssessmentEvent e;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(e, tx.assessment().Event(caller.scope(), id));
    // Separation of duties (review L8): someone else decides.
    if (e.created_by_id && e.created_by_id == caller.account_id) {
      return PermissionDenied("不能审核本人登记的记录：须由数据范围内的其他督查员或系统管理员审核");
    }
    if (e.subject_type == "person" && caller.person_id && e.subject_id == *caller.person_id) {
      return PermissionDenied("不能审核本人的积分：须由数据范围内的其他督查员或系统管理员审核");
    }
    if (e.status != "pending") {
      return FailedPrecondition("该记录已" + std::string(e.status == "approved" ? "通过" : "退回") +
                                "，不能再审核");
    }
    AssessmentEvent before = e;
    e.status = approve ? "approved" : "rejected";
    e.decided_by = caller.username;
    e.decided_at = clock_.Now();
    DUBAN_RETURN_IF_ERROR(tx.assessment().DecideEvent(e));
    DUBAN_ASSIGN_OR_RETURN(e.files, tx.assessment().EventFiles({e.id}));
    return audit_.Append(tx, caller,
                         {approve ? "assessment.approve" : "assessment.reject", "assessment_event",
                          std::to_string(id), std::nullopt, e.subject_path,
                          DecisionSnapshot{before.status, std::nullopt},
                          DecisionSnapshot{e.status, TrimSpace(reason)}});
  }));
  return e;
}

Status AssessmentService::CreateFollowUp(const Caller& caller, AssessmentResultRecord& r,
                                         const std::string& scheme_name, const Period& period,
                                         bool& created, std::string& waiting) {
  created = false;
  // One follow-up per subject and period: another scope's result may have made it already.
  std::optional<ItemId> shared;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(
        shared, tx.assessment().FollowUpOf(r.scheme_key, r.period, r.subject_type, r.subject_id));
    return Status::Ok();
  }));
  if (shared) {
    r.follow_up_item_id = shared;
    DUBAN_RETURN_IF_ERROR(LinkFollowUp(r));
    return AssignFollowUp(caller, r, waiting);
  }
  bool poor = r.tier == TierName(Tier::kPoor);
  auto capped = json::parse(r.capped_by, nullptr, false);
  std::string why = "考核得分 " + FormatPoints(double(r.score_x100) / 100) + " 分，等次「" +
                    std::string(TierLabel(*ParseTier(r.tier))) + "」";
  if (capped.is_array() && !capped.empty()) {
    why += "（触发硬杠：";
    for (size_t i = 0; i < capped.size(); ++i)
      why += (i ? "、" : "") + capped[i].get<std::string>();
    why += "）";
  }
  ItemInput in;
  in.kind = ItemKind::kProblem;
  in.title = std::string("【考核跟进】") + r.subject_name + period.label +
             (poor ? "考核结果为差：约谈并限期整改" : "考核结果为一般：限期整改");
  in.description = scheme_name + "：" + r.subject_name + period.label + why + "。" +
                   (poor ? "按规定对主要负责人进行约谈，并限期整改到位。" : "请限期整改到位。");
  in.source = "考核评比";
  in.severity = poor ? "严重" : "较重";
  in.unit_id = r.subject_id;
  in.found_on = ShanghaiDate(clock_.Now());
  in.found_by = caller.username;
  in.measures = std::vector<std::string>{poor ? "约谈主要负责人" : "提醒谈话", "制定整改方案",
                                         "限期整改到位"};
  // The item and the result's link to it commit together, and only while the result has no
  // follow-up yet: a crash or a concurrent computation cannot make a second one.
  bool linked_meanwhile = false;
  auto item = items_.Create(caller, in, [&](Tx& tx, const Item& stored) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto current,
                           tx.assessment().FindResult(r.scheme_key, r.period, r.subject_type,
                                                      r.subject_id, r.scope_unit_id));
    if (!current) return NotFound("考核结果已不存在");
    DUBAN_ASSIGN_OR_RETURN(auto existing, tx.assessment().FollowUpOf(r.scheme_key, r.period,
                                                                     r.subject_type, r.subject_id));
    if (existing) {
      r.follow_up_item_id = existing;
      linked_meanwhile = true;
      return AlreadyExists("考核结果已有跟进事项");
    }
    return tx.assessment().SetFollowUp(current->id, stored.id);
  });
  if (!item.ok() && linked_meanwhile) {
    DUBAN_RETURN_IF_ERROR(LinkFollowUp(r));
    return AssignFollowUp(caller, r, waiting);
  }
  if (!item.ok()) return item.status();
  r.follow_up_item_id = item->item.id;
  created = true;
  return AssignFollowUp(caller, r, waiting);
}

Status AssessmentService::LinkFollowUp(const AssessmentResultRecord& r) {
  return store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto current,
                           tx.assessment().FindResult(r.scheme_key, r.period, r.subject_type,
                                                      r.subject_id, r.scope_unit_id));
    if (!current || current->follow_up_item_id) return Status::Ok();
    return tx.assessment().SetFollowUp(current->id, *r.follow_up_item_id);
  });
}

// Assigns the follow-up item while it is still a draft: right after it was made, or on the
// next computation when a crash came between the two.
Status AssessmentService::AssignFollowUp(const Caller& caller, const AssessmentResultRecord& r,
                                         std::string& waiting) {
  DUBAN_ASSIGN_OR_RETURN(ItemDetail item, items_.Get(caller, *r.follow_up_item_id));
  if (item.item.status != ItemStatus::kDraft) return Status::Ok();
  int working_days = r.tier == TierName(Tier::kPoor) ? 10 : 20;
  // SPEC §4: a deadline in a year whose calendar is not loaded is refused, never guessed; the
  // item waits as a draft for the next computation (the only wait; any other failure is one).
  if (auto d = items_.calendar().Deadline(items_.Today(), working_days); !d.ok()) {
    if (d.status().code() != ErrorCode::kFailedPrecondition) return d.status();
    waiting = d.status().message();
    return Status::Ok();
  }
  ActionInput assign;
  assign.responsible_unit_id = r.subject_id;
  assign.deadline_working_days = working_days;
  assign.text = "考核结果跟进";
  return items_.Act(caller, item.item.id, ItemAction::kAssign, assign).status();
}

Result<AssessmentService::ComputeOutcome> AssessmentService::Compute(const Caller& caller,
                                                                     const std::string& key,
                                                                     const std::string& period_spec,
                                                                     UnitId unit_id) {
  if (!IsManager(caller)) return PermissionDenied("只有督查员或系统管理员可以计算考核结果");
  DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(period_spec));
  Date today = ShanghaiDate(clock_.Now());
  PeerScores peers;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    auto unit = tx.units().Get(caller.scope(), unit_id);
    if (!unit.ok()) return unit.status().WithField("unit");
    DUBAN_ASSIGN_OR_RETURN(SchemeRecord record, tx.assessment().Scheme(key, std::nullopt));
    DUBAN_ASSIGN_OR_RETURN(Scheme scheme, ParseStored(record));
    DUBAN_ASSIGN_OR_RETURN(peers,
                           ScorePeers(tx, caller.scope(), record, scheme, period, *unit, today));
    return Status::Ok();
  }));
  ComputeOutcome out;
  out.scheme_name = peers.record.name;
  Instant now = clock_.Now();
  int peer_count = static_cast<int>(peers.subjects.size());
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    for (const ScoredSubject& s : peers.subjects) {
      AssessmentResultRecord r;
      r.scheme_key = peers.record.key;
      r.scheme_version = peers.record.version;
      r.period = period.spec;
      r.scope_unit_id = unit_id;
      r.subject_type = peers.record.subject_type;
      r.subject_id = s.subject_id;
      r.subject_path = s.subject_path;
      r.score_x100 = X100(s.score);
      r.own_score_x100 = X100(s.own_score);
      r.rank = s.rank;
      r.peer_count = peer_count;
      r.tier = TierName(s.breakdown.tier);
      r.tier_by_score = TierName(s.breakdown.tier_by_score);
      r.capped_by = CappedByJson(s.breakdown.tier_capped_by).dump();
      r.stars = s.breakdown.stars;
      r.breakdown = IndicatorScoresToJson(s.breakdown.indicators).dump();
      r.computed_at = now;
      DUBAN_RETURN_IF_ERROR(tx.assessment().UpsertResult(r));
      r.subject_name = s.subject_name;
      out.results.push_back(r);
    }
    return audit_.Append(tx, caller,
                         {"assessment.compute",
                          "assessment_scheme",
                          peers.record.key,
                          unit_id,
                          peers.scope_unit.path,
                          {},
                          ComputationSnapshot{peers.record.version, period.spec, peer_count}});
  }));
  // Follow-ups for 一般 and 差, once per result: a result that has one keeps it (and has it
  // assigned, should a crash have come between making and assigning it).
  for (AssessmentResultRecord& r : out.results) {
    auto tier = ParseTier(r.tier);
    if (r.subject_type != "unit" || !tier || !NeedsFollowUp(*tier)) continue;
    bool created = false;
    std::string waiting;  // why the follow-up, made and linked, is not assigned yet
    DUBAN_RETURN_IF_ERROR(r.follow_up_item_id ? AssignFollowUp(caller, r, waiting)
                                              : CreateFollowUp(caller, r, peers.record.name, period,
                                                               created, waiting));
    out.follow_ups_created += created ? 1 : 0;
    if (!waiting.empty()) {
      out.warnings.push_back(r.subject_name + " 的跟进事项已登记，暂未交办：" + waiting);
    }
  }
  DUBAN_ASSIGN_OR_RETURN(out.results, ListResults(caller, key, period.spec, unit_id));
  return out;
}

Result<std::vector<AssessmentResultRecord>> AssessmentService::ListResults(
    const Caller& caller, const std::string& key, const std::string& period_spec, UnitId unit_id) {
  DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(period_spec));
  std::vector<AssessmentResultRecord> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    auto unit = tx.units().Get(caller.scope(), unit_id);
    if (!unit.ok()) return unit.status().WithField("unit");
    DUBAN_ASSIGN_OR_RETURN(out, tx.assessment().Results(caller.scope(), key, period.spec, unit_id));
    return Status::Ok();
  }));
  return out;
}

Result<ResultDetail> AssessmentService::GetResult(const Caller& caller, int64_t id) {
  ResultDetail out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out.result, tx.assessment().GetResult(caller.scope(), id));
    DUBAN_ASSIGN_OR_RETURN(out.history,
                           tx.assessment().ResultHistory(out.result, kMaxResultHistory + 1));
    std::erase_if(out.history, [&](const AssessmentResultRecord& h) { return h.id == id; });
    if (out.history.size() > size_t(kMaxResultHistory)) out.history.resize(kMaxResultHistory);
    DUBAN_ASSIGN_OR_RETURN(Period period, ParsePeriod(out.result.period));
    DUBAN_ASSIGN_OR_RETURN(auto events,
                           tx.assessment().EventsForPeriod(out.result.scheme_key,
                                                           Scope::Subtree(out.result.subject_path),
                                                           period.spec, period.from, period.to));
    for (AssessmentEvent& e : events) {
      if (e.subject_type == out.result.subject_type && e.subject_id == out.result.subject_id) {
        out.events.push_back(std::move(e));
      }
    }
    return FillFiles(tx, out.events);
  }));
  return out;
}

}  // namespace duban
