// Assessment 考核's repository in SQL: versioned schemes, evaluator grants, score and point
// events, stored results.
#include <string>

#include "storage/sql/sql_file_rows.h"
#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kSchemeSelect =
    "SELECT id, key, version, name, subject_type, definition, created_at, created_by "
    "FROM assessment_schemes";

SchemeRecord ReadScheme(const Row& r) {
  return {r.Int(0),  r.Text(1), static_cast<int>(r.Int(2)), r.Text(3),
          r.Text(4), r.Text(5), FromUnixMicros(r.Int(6)),   r.Text(7)};
}

// The subject's name: a unit's or a person's.
constexpr const char* kSubjectName =
    "CASE WHEN x.subject_type = 'unit' THEN (SELECT name FROM units WHERE id = x.subject_id) "
    "ELSE (SELECT name FROM people WHERE id = x.subject_id) END";

std::string EventSelect() {
  return std::string(
             "SELECT x.id, x.scheme_key, x.kind, x.subject_type, x.subject_id, x.subject_path, "
             "x.indicator_key, x.period, x.occurred_on, x.evaluator_group, x.score_x100, "
             "x.points_x100, x.reason, x.evidence, x.status, x.created_by_id, x.created_by, "
             "x.created_at, x.decided_by, x.decided_at, ") +
         kSubjectName + " FROM assessment_events x";
}

AssessmentEvent ReadEvent(const Row& r) {
  AssessmentEvent e;
  Columns(r).Into(e.id, e.scheme_key, e.kind, e.subject_type, e.subject_id, e.subject_path,
                  e.indicator_key, e.period, e.occurred_on, e.evaluator_group, e.score_x100,
                  e.points_x100, e.reason, e.evidence, e.status, e.created_by_id, e.created_by,
                  e.created_at, e.decided_by, e.decided_at, e.subject_name);
  return e;
}

std::string ResultSelect() {
  return std::string(
             "SELECT x.id, x.scheme_key, x.scheme_version, x.period, x.scope_unit_id, "
             "x.subject_type, x.subject_id, x.subject_path, x.score_x100, x.own_score_x100, "
             "x.rank, x.peer_count, x.tier, x.tier_by_score, x.capped_by, x.stars, x.breakdown, "
             "x.follow_up_item_id, x.computed_at, (SELECT code FROM items WHERE id = "
             "x.follow_up_item_id), x.superseded_at, ") +
         kSubjectName + " FROM assessment_results x";
}

AssessmentResultRecord ReadResult(const Row& r) {
  AssessmentResultRecord x;
  Columns(r).Into(x.id, x.scheme_key, x.scheme_version, x.period, x.scope_unit_id, x.subject_type,
                  x.subject_id, x.subject_path, x.score_x100, x.own_score_x100, x.rank,
                  x.peer_count, x.tier, x.tier_by_score, x.capped_by, x.stars, x.breakdown,
                  x.follow_up_item_id, x.computed_at, x.follow_up_item_code, x.superseded_at,
                  x.subject_name);
  return x;
}

}  // namespace

Status SqlAssessment::InsertScheme(SchemeRecord& s) {
  DUBAN_ASSIGN_OR_RETURN(s.id, NextId(c_, "assessment_schemes"));
  DUBAN_ASSIGN_OR_RETURN(
      Rows v,
      c_.Query("SELECT coalesce(max(version), 0) + 1 FROM assessment_schemes WHERE key = ?1",
               {s.key}));
  s.version = static_cast<int>(v[0].Int(0));
  return c_
      .Execute(
          "INSERT INTO assessment_schemes(id, key, version, name, subject_type, definition, "
          "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          {s.id, s.key, int64_t{s.version}, s.name, s.subject_type, s.definition,
           ToUnixMicros(s.created_at), s.created_by})
      .status();
}

Result<SchemeRecord> SqlAssessment::Scheme(const std::string& key, std::optional<int> version) {
  auto rows =
      version
          ? c_.Query(std::string(kSchemeSelect) + " WHERE key = ?1 AND version = ?2",
                     {key, int64_t{*version}})
          : c_.Query(std::string(kSchemeSelect) + " WHERE key = ?1 ORDER BY version DESC LIMIT 1",
                     {key});
  return ReadOne<SchemeRecord>(std::move(rows), ReadScheme, [&] {
    return NotFound("考核方案 " + key + (version ? " 第" + std::to_string(*version) + "版" : "") +
                    " 不存在");
  });
}

Result<std::vector<SchemeRecord>> SqlAssessment::LatestSchemes() {
  return ReadAll<SchemeRecord>(
      c_.Query(std::string(kSchemeSelect) +
               " s WHERE s.version = (SELECT max(version) FROM assessment_schemes t "
               "WHERE t.key = s.key) ORDER BY s.key"),
      ReadScheme);
}

Result<std::vector<int>> SqlAssessment::SchemeVersions(const std::string& key) {
  return ReadAll<int>(
      c_.Query("SELECT version FROM assessment_schemes WHERE key = ?1 ORDER BY version", {key}),
      [](const Row& r) { return static_cast<int>(r.Int(0)); });
}

Status SqlAssessment::InsertGrant(EvaluatorGrant& g) {
  DUBAN_ASSIGN_OR_RETURN(Rows dup, c_.Query("SELECT id FROM assessment_grants WHERE scheme_key = "
                                            "?1 AND account_id = ?2 AND unit_id = ?3",
                                            {g.scheme_key, g.account_id, g.unit_id}));
  if (!dup.empty()) {
    g.id = dup[0].Int(0);
    return Status::Ok();
  }
  DUBAN_ASSIGN_OR_RETURN(g.id, NextId(c_, "assessment_grants"));
  return c_
      .Execute(
          "INSERT INTO assessment_grants(id, scheme_key, account_id, unit_id) VALUES (?1, ?2, "
          "?3, ?4)",
          {g.id, g.scheme_key, g.account_id, g.unit_id})
      .status();
}

Status SqlAssessment::DeleteGrant(int64_t id) {
  DUBAN_ASSIGN_OR_RETURN(int64_t n,
                         c_.Execute("DELETE FROM assessment_grants WHERE id = ?1", {id}));
  if (n == 0) return NotFound("评议授权 " + std::to_string(id) + " 不存在");
  return Status::Ok();
}

Result<std::vector<EvaluatorGrant>> SqlAssessment::Grants(const std::string& scheme_key,
                                                          std::optional<AccountId> account_id) {
  Where w;
  if (!scheme_key.empty()) w.And("g.scheme_key = " + w.Param(scheme_key));
  if (account_id) w.And("g.account_id = " + w.Param(*account_id));
  return ReadAll<EvaluatorGrant>(
      c_.Query("SELECT g.id, g.scheme_key, g.account_id, g.unit_id, a.username, u.name, "
               "u.path FROM assessment_grants g JOIN accounts a ON a.id = g.account_id "
               "JOIN units u ON u.id = g.unit_id" +
                   w.sql() + " ORDER BY g.id",
               w.params()),
      [](const Row& r) -> EvaluatorGrant {
        return {r.Int(0), r.Text(1), r.Int(2), r.Int(3), r.Text(4), r.Text(5), r.Text(6)};
      });
}

Status SqlAssessment::InsertEvent(AssessmentEvent& e) {
  DUBAN_ASSIGN_OR_RETURN(e.id, NextId(c_, "assessment_events"));
  return c_
      .Execute(
          "INSERT INTO assessment_events(id, scheme_key, kind, subject_type, subject_id, "
          "subject_path, indicator_key, period, occurred_on, evaluator_group, score_x100, "
          "points_x100, reason, evidence, status, created_by_id, created_by, created_at, "
          "decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
          "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
          {e.id,
           e.scheme_key,
           e.kind,
           e.subject_type,
           e.subject_id,
           e.subject_path,
           e.indicator_key,
           e.period,
           DateValue(e.occurred_on),
           e.evaluator_group,
           Opt(e.score_x100),
           Opt(e.points_x100),
           e.reason,
           e.evidence,
           e.status,
           Opt(e.created_by_id),
           e.created_by,
           ToUnixMicros(e.created_at),
           e.decided_by,
           MicrosValue(e.decided_at)})
      .status();
}

Result<AssessmentEvent> SqlAssessment::Event(const Scope& scope, int64_t id) {
  return GetInScope<AssessmentEvent>(c_, EventSelect(), "x.id", "x.subject_path", id, scope,
                                     "考核记录", ReadEvent);
}

Status SqlAssessment::DecideEvent(const AssessmentEvent& e) {
  return c_
      .Execute(
          "UPDATE assessment_events SET status = ?1, decided_by = ?2, decided_at = ?3 "
          "WHERE id = ?4",
          {e.status, e.decided_by, MicrosValue(e.decided_at), e.id})
      .status();
}

namespace {
constexpr FileTable<EventFile> kEventFiles{"assessment_event_files", "event_id",
                                           &EventFile::event_id};
}  // namespace

Status SqlAssessment::InsertEventFile(EventFile& f) { return kEventFiles.Insert(c_, f); }

Result<EventFile> SqlAssessment::GetEventFile(int64_t id) { return kEventFiles.Get(c_, id); }

Result<std::vector<EventFile>> SqlAssessment::EventFiles(const std::vector<int64_t>& event_ids) {
  return kEventFiles.ForOwners(c_, event_ids);
}

Result<Page<AssessmentEvent>> SqlAssessment::Events(const Scope& scope, const EventQuery& q) {
  Where w;
  w.And("x.subject_path >= " + w.Param(scope.lower()) + " AND x.subject_path < " +
        w.Param(scope.upper()));
  if (!q.scheme_key.empty()) w.And("x.scheme_key = " + w.Param(q.scheme_key));
  if (!q.kind.empty()) w.And("x.kind = " + w.Param(q.kind));
  if (!q.subject_type.empty()) w.And("x.subject_type = " + w.Param(q.subject_type));
  if (q.subject_id) w.And("x.subject_id = " + w.Param(*q.subject_id));
  if (!q.status.empty()) w.And("x.status = " + w.Param(q.status));
  if (!q.period.empty()) {
    w.And("((x.kind IN ('manual', 'veto') AND x.period = " + w.Param(q.period) +
          ") OR (x.kind = 'points' AND x.occurred_on >= " + w.Param(FormatDate(q.from)) +
          " AND x.occurred_on <= " + w.Param(FormatDate(q.to)) + "))");
  }
  if (q.created_by_id) w.And("x.created_by_id = " + w.Param(*q.created_by_id));
  return QueryPage<AssessmentEvent>(c_, "SELECT count(*) FROM assessment_events x" + w.sql(),
                                    EventSelect() + w.sql() + " ORDER BY x.id DESC", w.params(),
                                    q.page, ReadEvent);
}

Result<std::vector<AssessmentEvent>> SqlAssessment::EventsForPeriod(const std::string& scheme_key,
                                                                    const Scope& subject_scope,
                                                                    const std::string& period,
                                                                    Date from, Date to) {
  return ReadAll<AssessmentEvent>(
      c_.Query(
          EventSelect() +
              " WHERE x.scheme_key = ?1 AND x.subject_path >= ?2 AND x.subject_path < ?3 "
              "AND x.status = 'approved' AND ((x.kind IN ('manual', 'veto') AND x.period = ?4) OR "
              "(x.kind = 'points' AND x.occurred_on >= ?5 AND x.occurred_on <= ?6)) "
              "ORDER BY x.id",
          {scheme_key, subject_scope.lower(), subject_scope.upper(), period, FormatDate(from),
           FormatDate(to)}),
      ReadEvent);
}

namespace {
constexpr const char* kResultColumns =
    "id, scheme_key, scheme_version, period, scope_unit_id, subject_type, subject_id, "
    "subject_path, score_x100, own_score_x100, rank, peer_count, tier, tier_by_score, capped_by, "
    "stars, breakdown, follow_up_item_id, computed_at, superseded_at";

Status InsertResult(Connection& c, const AssessmentResultRecord& x) {
  return c
      .Execute(std::string("INSERT INTO assessment_results(") + kResultColumns +
                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                   "?16, ?17, ?18, ?19, ?20)",
               {x.id,
                x.scheme_key,
                int64_t{x.scheme_version},
                x.period,
                x.scope_unit_id,
                x.subject_type,
                x.subject_id,
                x.subject_path,
                x.score_x100,
                x.own_score_x100,
                int64_t{x.rank},
                int64_t{x.peer_count},
                x.tier,
                x.tier_by_score,
                x.capped_by,
                int64_t{x.stars},
                x.breakdown,
                Opt(x.follow_up_item_id),
                ToUnixMicros(x.computed_at),
                MicrosValue(x.superseded_at)})
      .status();
}
}  // namespace

Status SqlAssessment::UpsertResult(AssessmentResultRecord& x) {
  DUBAN_ASSIGN_OR_RETURN(auto existing, FindResult(x.scheme_key, x.period, x.subject_type,
                                                   x.subject_id, x.scope_unit_id));
  x.superseded_at.reset();
  if (existing) {
    // The current row keeps its id (links to it stay valid); what it held becomes history.
    x.id = existing->id;
    if (!x.follow_up_item_id) x.follow_up_item_id = existing->follow_up_item_id;
    AssessmentResultRecord earlier = *existing;
    DUBAN_ASSIGN_OR_RETURN(earlier.id, NextId(c_, "assessment_results"));
    earlier.superseded_at = x.computed_at;
    DUBAN_RETURN_IF_ERROR(
        c_.Execute("DELETE FROM assessment_results WHERE id = ?1", {x.id}).status());
    DUBAN_RETURN_IF_ERROR(InsertResult(c_, earlier));
  } else {
    DUBAN_ASSIGN_OR_RETURN(x.id, NextId(c_, "assessment_results"));
  }
  return InsertResult(c_, x);
}

Status SqlAssessment::SetFollowUp(int64_t result_id, ItemId item_id) {
  DUBAN_ASSIGN_OR_RETURN(
      int64_t n, c_.Execute("UPDATE assessment_results SET follow_up_item_id = ?1 WHERE id = ?2",
                            {item_id, result_id}));
  if (n == 0) return NotFound("考核结果 " + std::to_string(result_id) + " 不存在");
  return Status::Ok();
}

Result<std::optional<AssessmentResultRecord>> SqlAssessment::FindResult(
    const std::string& scheme_key, const std::string& period, const std::string& subject_type,
    int64_t subject_id, UnitId scope_unit_id) {
  return ReadFirst<AssessmentResultRecord>(
      c_.Query(ResultSelect() +
                   " WHERE x.scheme_key = ?1 AND x.period = ?2 AND x.subject_type = ?3 "
                   "AND x.subject_id = ?4 AND x.scope_unit_id = ?5 AND x.superseded_at IS NULL",
               {scheme_key, period, subject_type, subject_id, scope_unit_id}),
      ReadResult);
}

Result<std::optional<ItemId>> SqlAssessment::FollowUpOf(const std::string& scheme_key,
                                                        const std::string& period,
                                                        const std::string& subject_type,
                                                        int64_t subject_id) {
  return ReadFirst<ItemId>(
      c_.Query("SELECT follow_up_item_id FROM assessment_results WHERE scheme_key = ?1 AND "
               "period = ?2 AND subject_type = ?3 AND subject_id = ?4 AND superseded_at IS NULL "
               "AND follow_up_item_id IS NOT NULL ORDER BY id LIMIT 1",
               {scheme_key, period, subject_type, subject_id}),
      [](const Row& r) { return r.Int(0); });
}

Result<std::vector<AssessmentResultRecord>> SqlAssessment::ResultHistory(
    const AssessmentResultRecord& r, int limit) {
  return ReadAll<AssessmentResultRecord>(
      c_.Query(
          ResultSelect() + " WHERE x.scheme_key = ?1 AND x.period = ?2 AND x.subject_type = ?3 "
                           "AND x.subject_id = ?4 AND x.scope_unit_id = ?5 AND "
                           "x.superseded_at IS NOT NULL ORDER BY x.superseded_at DESC, "
                           "x.id DESC LIMIT ?6",
          {r.scheme_key, r.period, r.subject_type, r.subject_id, r.scope_unit_id, int64_t{limit}}),
      ReadResult);
}

Result<AssessmentResultRecord> SqlAssessment::GetResult(const Scope& scope, int64_t id) {
  return GetInScope<AssessmentResultRecord>(c_, ResultSelect(), "x.id", "x.subject_path", id, scope,
                                            "考核结果", ReadResult);
}

Result<std::vector<AssessmentResultRecord>> SqlAssessment::Results(const Scope& scope,
                                                                   const std::string& scheme_key,
                                                                   const std::string& period,
                                                                   UnitId scope_unit_id) {
  return ReadAll<AssessmentResultRecord>(
      c_.Query(ResultSelect() +
                   " WHERE x.scheme_key = ?1 AND x.period = ?2 AND x.scope_unit_id = ?3 AND "
                   "x.superseded_at IS NULL AND x.subject_path >= ?4 AND x.subject_path < ?5 "
                   "ORDER BY x.rank, x.subject_id",
               {scheme_key, period, scope_unit_id, scope.lower(), scope.upper()}),
      ReadResult);
}

}  // namespace duban::sql
