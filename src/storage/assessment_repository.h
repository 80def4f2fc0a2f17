// Assessment 考核 (SPEC §6, core/assessment_record.h): schemes, grants, events and results.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/assessment_record.h"
#include "core/evidence.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

class AssessmentRepository {
 public:
  virtual ~AssessmentRepository() = default;
  // Stores the next version of scheme.key (1 for a new key); sets id and version.
  virtual Status InsertScheme(SchemeRecord& scheme) = 0;
  // The newest version, or `version`. kNotFound naming the key.
  virtual Result<SchemeRecord> Scheme(const std::string& key, std::optional<int> version) = 0;
  virtual Result<std::vector<SchemeRecord>> LatestSchemes() = 0;
  virtual Result<std::vector<int>> SchemeVersions(const std::string& key) = 0;

  virtual Status InsertGrant(EvaluatorGrant& grant) = 0;
  virtual Status DeleteGrant(int64_t id) = 0;
  // Grants of a scheme ("" for all), optionally of one account.
  virtual Result<std::vector<EvaluatorGrant>> Grants(const std::string& scheme_key,
                                                     std::optional<AccountId> account_id) = 0;

  virtual Status InsertEvent(AssessmentEvent& event) = 0;
  virtual Result<AssessmentEvent> Event(const Scope& scope, int64_t id) = 0;
  // Writes status, decided_by and decided_at.
  virtual Status DecideEvent(const AssessmentEvent& event) = 0;
  virtual Status InsertEventFile(EventFile& file) = 0;
  // kNotFound naming the id.
  virtual Result<EventFile> GetEventFile(int64_t id) = 0;
  // The files of these events, by event then upload order.
  virtual Result<std::vector<EventFile>> EventFiles(const std::vector<int64_t>& event_ids) = 0;
  struct EventQuery {
    std::string scheme_key, kind, subject_type, status;
    // With a period: manual entries and veto decisions for it, and point events that happened
    // within [from, to].
    std::string period;
    Date from{}, to{};
    std::optional<int64_t> subject_id;
    std::optional<AccountId> created_by_id;
    PageRequest page;
  };
  virtual Result<Page<AssessmentEvent>> Events(const Scope& scope, const EventQuery& query) = 0;
  // The approved events of a scheme that count for a period: manual entries and vetoes for
  // `period`, point events with occurred_on in [from, to], of subjects within `subject_scope`.
  virtual Result<std::vector<AssessmentEvent>> EventsForPeriod(const std::string& scheme_key,
                                                               const Scope& subject_scope,
                                                               const std::string& period, Date from,
                                                               Date to) = 0;

  // A result belongs to the scope that computed it: the current result of (scheme, period,
  // subject, scope unit) is at most one row. Stores `result` as that current result: an
  // existing one keeps its id and, when result.follow_up_item_id is empty, its follow-up, and
  // what it held is kept as history (a new row with superseded_at = result.computed_at).
  // Results of other scope units are never touched. Sets result.id.
  virtual Status UpsertResult(AssessmentResultRecord& result) = 0;
  // Links the result to its follow-up item.
  virtual Status SetFollowUp(int64_t result_id, ItemId item_id) = 0;
  // The current result of (scheme, period, subject, scope unit), if any.
  virtual Result<std::optional<AssessmentResultRecord>> FindResult(const std::string& scheme_key,
                                                                   const std::string& period,
                                                                   const std::string& subject_type,
                                                                   int64_t subject_id,
                                                                   UnitId scope_unit_id) = 0;
  // The follow-up item of the subject for (scheme, period), linked from any scope's current
  // result: one follow-up per subject and period, whoever ranks it.
  virtual Result<std::optional<ItemId>> FollowUpOf(const std::string& scheme_key,
                                                   const std::string& period,
                                                   const std::string& subject_type,
                                                   int64_t subject_id) = 0;
  // The earlier results of the same (scheme, period, subject, scope unit) as `result`, the
  // latest replaced first, at most `limit`.
  virtual Result<std::vector<AssessmentResultRecord>> ResultHistory(
      const AssessmentResultRecord& result, int limit) = 0;
  virtual Result<AssessmentResultRecord> GetResult(const Scope& scope, int64_t id) = 0;
  // Current results of (scheme, period, scope unit) within `scope`, by rank then subject.
  virtual Result<std::vector<AssessmentResultRecord>> Results(const Scope& scope,
                                                              const std::string& scheme_key,
                                                              const std::string& period,
                                                              UnitId scope_unit_id) = 0;
};

}  // namespace duban
