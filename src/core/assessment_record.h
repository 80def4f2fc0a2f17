// The assessment 考核 records (SPEC §6) as stored: scheme versions, evaluator grants, manual
// scores and point events, and computed results. The scoring rules over them are in
// core/assessment.h. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/evidence.h"
#include "core/item.h"
#include "core/org.h"
#include "core/time.h"

namespace duban {

// One version of a scheme; `definition` is the scheme as JSON (app/assessment_json.h).
struct SchemeRecord {
  int64_t id = 0;
  std::string key;
  int version = 0;
  std::string name;
  std::string subject_type = "unit";  // unit | person
  std::string definition = "{}";
  Instant created_at{};
  std::string created_by;
};

// An evaluator may score the units of `unit_id`'s subtree under the scheme.
struct EvaluatorGrant {
  int64_t id = 0;
  std::string scheme_key;
  AccountId account_id = 0;
  UnitId unit_id = 0;
  std::string username, unit_name, unit_path;  // filled by reads
};

// A manual score or a point event. Scores and points are hundredths (8.73 → 873).
struct AssessmentEvent {
  int64_t id = 0;
  std::string scheme_key;
  std::string kind = "points";  // manual | points
  std::string subject_type = "unit";
  int64_t subject_id = 0;
  std::string subject_path;  // the subject unit's path, or the person's unit's path
  std::string indicator_key;
  std::string period;               // manual: the period spec it scores
  std::optional<Date> occurred_on;  // points: the day it happened
  std::string evaluator_group;
  std::optional<int64_t> score_x100;
  std::optional<int64_t> points_x100;
  std::string reason;
  std::string evidence;
  std::string status = "approved";  // approved | pending | rejected
  std::optional<AccountId> created_by_id;
  std::string created_by;
  Instant created_at{};
  std::string decided_by;
  std::optional<Instant> decided_at;
  std::string subject_name;      // filled by reads
  std::vector<EventFile> files;  // filled by AssessmentService's reads, not the repository's
};

struct AssessmentResultRecord {
  int64_t id = 0;
  std::string scheme_key;
  int scheme_version = 0;
  std::string period;
  UnitId scope_unit_id = 0;
  std::string subject_type = "unit";
  int64_t subject_id = 0;
  std::string subject_path;
  int64_t score_x100 = 0;
  int64_t own_score_x100 = 0;
  int rank = 0;
  int peer_count = 0;
  std::string tier, tier_by_score;
  std::string capped_by = "[]";  // JSON array of bar names
  int stars = 0;
  std::string breakdown = "[]";  // JSON array of indicator scores
  std::optional<ItemId> follow_up_item_id;
  Instant computed_at{};
  // Set on an earlier result a recomputation replaced (history); empty on the current one.
  std::optional<Instant> superseded_at;
  std::string subject_name;         // filled by reads
  std::string follow_up_item_code;  // filled by reads
};

}  // namespace duban
