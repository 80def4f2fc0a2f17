// AssessmentService: 考核评比 (SPEC §6) — versioned schemes, evaluators' manual scores, point
// events 加分/扣分 (and 党员积分 self-reports with the branch's approval), and results per
// subject and period computed from the ledger itself, ranked in their peer group, capped by hard
// bars, rolled up over the unit tree, with follow-up items for 一般/差 created once. Stars 争星
// and points 积分 are schemes of the same engine (core/assessment.h). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_log.h"
#include "app/caller.h"
#include "app/item_service.h"
#include "core/assessment.h"
#include "core/period.h"
#include "storage/store.h"

namespace duban {

struct SchemeView {
  SchemeRecord record;
  Scheme scheme;
  std::vector<int> versions;
};

struct AssessmentEventInput {
  std::string scheme_key;
  std::string kind;  // manual | points
  std::string subject_type = "unit";
  int64_t subject_id = 0;
  std::string indicator_key;
  std::string period;               // manual
  std::optional<Date> occurred_on;  // points; default today
  std::string evaluator_group;      // manual
  std::optional<double> score;      // manual, 0–100
  std::optional<double> points;     // points
  std::string reason, evidence;
};

// One subject's score in its peer group.
struct ScoredSubject {
  int64_t subject_id = 0;
  std::string subject_path;
  std::string subject_name;
  ScoreBreakdown breakdown;  // own facts; tier and stars as of `score`
  double own_score = 0;      // breakdown.total_points
  double score = 0;          // after 三级联动 roll-up (= own_score without it)
  int rank = 0;
};

struct PeerScores {
  SchemeRecord record;
  Scheme scheme;
  Period period;
  Unit scope_unit;
  std::vector<ScoredSubject> subjects;  // in rank order
};

struct ResultDetail {
  AssessmentResultRecord result;
  std::vector<AssessmentEvent> events;
  // The earlier results of the same scheme, period, subject and scope unit that
  // recomputations replaced, the latest replaced first (at most kMaxResultHistory).
  std::vector<AssessmentResultRecord> history;
};

// A scheme as an admin saves it: the definition and whom it scores, "unit" or "person".
struct SchemeInput {
  Scheme scheme;
  std::string subject_type = "unit";
};

class AssessmentService {
 public:
  AssessmentService(Store& store, const Clock& clock, const AuditLog& audit, ItemService& items)
      : store_(store), clock_(clock), audit_(audit), items_(items) {}

  Result<std::vector<SchemeRecord>> ListSchemes(const Caller& caller);
  Result<SchemeView> GetScheme(const Caller& caller, const std::string& key,
                               std::optional<int> version);
  // Admins only. Validates (ValidateScheme, the subject type, the name) and stores the next
  // version of `key`; kInvalidArgument naming the field that is wrong.
  Result<SchemeView> SaveScheme(const Caller& caller, const std::string& key, SchemeInput input);

  Result<std::vector<EvaluatorGrant>> ListGrants(const Caller& caller, const std::string& key);
  Result<EvaluatorGrant> Grant(const Caller& caller, const std::string& key, AccountId account_id,
                               UnitId unit_id);
  Status Revoke(const Caller& caller, int64_t grant_id);
  // The units an evaluator may score: each grant's unit and its subtree.
  struct Subject {
    std::string scheme_key, scheme_name;
    Unit unit;
  };
  Result<std::vector<Subject>> MySubjects(const Caller& caller);

  Result<Page<AssessmentEvent>> ListEvents(const Caller& caller,
                                           AssessmentRepository::EventQuery query);
  Result<AssessmentEvent> AddEvent(const Caller& caller, const AssessmentEventInput& input);
  Result<AssessmentEvent> Decide(const Caller& caller, int64_t event_id, bool approve,
                                 const std::string& reason);
  // Evidence for an event (a 自报's photo, the scan behind a 扣分 or 一票否决): its filer may add
  // it until a manager decides the event, a manager at any time; never to a rejected event, at
  // most kMaxEventFiles each. Checked and stored as an item's evidence (EvidenceStore); audited.
  static constexpr size_t kMaxEventFiles = 10;
  Result<EventFile> AttachFile(const Caller& caller, int64_t event_id, const std::string& name,
                               const std::string& bytes);
  // The file and its bytes; kNotFound unless the caller may see its event.
  Result<std::pair<EventFile, std::string>> DownloadFile(const Caller& caller, int64_t file_id);

  struct ComputeOutcome {
    std::vector<AssessmentResultRecord> results;
    std::string scheme_name;  // of the version computed with
    int follow_ups_created = 0;
    // Follow-ups made but left unassigned, and why (e.g. next year's work calendar is not
    // loaded, so no deadline can be counted): the next computation assigns them.
    std::vector<std::string> warnings;
  };
  Result<ComputeOutcome> Compute(const Caller& caller, const std::string& key,
                                 const std::string& period, UnitId unit_id);
  Result<std::vector<AssessmentResultRecord>> ListResults(const Caller& caller,
                                                          const std::string& key,
                                                          const std::string& period,
                                                          UnitId unit_id);
  static constexpr int kMaxResultHistory = 50;
  Result<ResultDetail> GetResult(const Caller& caller, int64_t id);

  // Scores the peer group of `scope_unit` (its children, or for person schemes the people of
  // its subtree) within `tx`: one pass over the subtree's items (AssessmentCountsByUnit) plus
  // the scheme's events of the period. Used by Compute, bulletins and the benchmark.
  static Result<PeerScores> ScorePeers(Tx& tx, const Scope& scope, const SchemeRecord& record,
                                       const Scheme& scheme, const Period& period,
                                       const Unit& scope_unit, Date today);

 private:
  Status RequireAdmin(const Caller& caller) const;
  Status FillFiles(Tx& tx, std::vector<AssessmentEvent>& events);
  Result<AssessmentEvent> VisibleEvent(Tx& tx, const Caller& caller, int64_t id);
  // Assigns a draft follow-up; when no deadline can be counted yet (next year's calendar is
  // not loaded) leaves it a draft and says why in `waiting`.
  Status AssignFollowUp(const Caller& caller, const AssessmentResultRecord& result,
                        std::string& waiting);
  // Links the current result of `result`'s scope to result.follow_up_item_id unless it has one.
  Status LinkFollowUp(const AssessmentResultRecord& result);
  Status CreateFollowUp(const Caller& caller, AssessmentResultRecord& result,
                        const std::string& scheme_name, const Period& period, bool& created,
                        std::string& waiting);

  Store& store_;
  const Clock& clock_;
  const AuditLog& audit_;
  ItemService& items_;
};

// The facts core/assessment.h scores, from a unit's item counts (docs/ASSESSMENT.md).
UnitFacts FactsFromCounts(const AssessmentCounts& counts);

}  // namespace duban
