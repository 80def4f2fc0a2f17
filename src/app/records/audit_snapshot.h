// The audit log's snapshots: what an audit event keeps of an entity before and after a change,
// as typed values with their own versioned text codec, independent of the API's JSON (an API
// rename must not change the meaning of old records). The hash chain covers the stored text,
// so version 1 is exactly the text every build wrote before this codec: an object without a
// "record_version" member. A later version writes "record_version": N; the decoder reads every
// version ever written and refuses an unknown one. Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/campaign.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"

namespace duban {

// The snapshot version this build writes, and the newest it reads.
inline constexpr int kAuditSnapshotVersion = 1;

struct UnitSnapshot {
  UnitId id = 0;
  std::optional<UnitId> parent_id;
  std::string name, kind, code;
  bool disabled = false;
  int64_t child_count = 0;
  std::vector<std::string> path_names;
  static UnitSnapshot Of(const Unit& unit);
};

struct PersonSnapshot {
  PersonId id = 0;
  UnitId unit_id = 0;
  std::string unit_name, name, title, phone;
  static PersonSnapshot Of(const Person& person);
};

// Never the password hash or the lockout counter.
struct AccountSnapshot {
  AccountId id = 0;
  std::string username;
  std::optional<PersonId> person_id;
  std::optional<std::string> person_name;
  UnitId unit_id = 0;
  std::string unit_name;
  std::vector<std::string> roles;  // role names
  bool disabled = false;
  std::optional<std::string> locked_until;  // RFC 3339
  std::optional<bool> password_reset;       // account.update's after: true when reset
  static AccountSnapshot Of(const Account& account);
};

// An account's lockout state (account.unlock).
struct LockSnapshot {
  int64_t failed_logins = 0;
  std::optional<std::string> locked_until;  // RFC 3339
  static LockSnapshot Of(const Account& account);
};

// An item's identity and every field a decision turns on.
struct ItemSnapshot {
  std::string code, status, title;  // status: an ItemStatus name
  UnitId unit_id = 0;
  std::optional<UnitId> responsible_unit_id;
  std::optional<PersonId> responsible_person_id, lead_leader_id;
  std::optional<std::string> deadline;  // YYYY-MM-DD
  int64_t progress = 0;
  std::vector<std::string> measures;
  int64_t reopen_count = 0;
  std::optional<std::string> satisfaction;  // a Satisfaction name
  static ItemSnapshot Of(const Item& item);
};

struct CategorySnapshot {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> parent_id;
};

struct CampaignSnapshot {
  int64_t id = 0;
  std::string name, description;
  std::optional<std::string> starts_on, ends_on;  // YYYY-MM-DD
  UnitId unit_id = 0;
  std::string phases_json = "[]";  // the campaign's phases as it keeps them: a JSON array
  std::vector<CategorySnapshot> categories;
  static CampaignSnapshot Of(const Campaign& campaign);
};

// A failed sign-in (session.failed) or wrong old password (account.password_failed).
struct SignInFailureSnapshot {
  std::string remote_address;
  std::string reason;  // unknown_user, wrong_password, disabled, locked, wrong_old_password
  std::optional<std::string> username;  // only for an unknown user, sanitised
  bool locked = false;
  std::optional<std::string> locked_until;  // RFC 3339, only when locked by this failure
};

struct SessionSnapshot {  // session.create
  std::string remote_address;
};

struct PasswordChangeSnapshot {  // account.password
  std::string changed_by;
};

struct CalendarSnapshot {  // calendar.*: the days kept per year
  std::map<std::string, int64_t> days_per_year;
};

// An evidence file attached to an item or an assessment event.
struct FileSnapshot {
  int64_t file_id = 0;
  std::string name, sha256;
  int64_t size = 0;
};

struct GrantSnapshot {  // assessment.grant and assessment.revoke
  std::string scheme_key;
  AccountId account_id = 0;
  std::optional<UnitId> unit_id;  // absent in a revoke's
};

// An assessment event as registered (points and scores in points, not hundredths).
struct AssessmentEventSnapshot {
  std::string scheme_key, kind, subject_type;
  int64_t subject_id = 0;
  std::string indicator_key, status, reason;
  std::optional<double> score, points;
  std::optional<std::string> period;
};

struct DecisionSnapshot {  // assessment.approve and assessment.reject
  std::string status;
  std::optional<std::string> reason;  // in the after only
};

struct ComputationSnapshot {  // assessment.compute
  int64_t version = 0;
  std::string period;
  int64_t subjects = 0;
};

// A saved scheme version: its definition as the store keeps it (a JSON object), with the
// version number and subject type.
struct SchemeSnapshot {
  std::string definition_json = "{}";
  int64_t version = 0;
  std::string subject_type;
};

// An issued bulletin's register entry with its totals (bulletin.issue).
struct BulletinIssueSnapshot {
  int64_t id = 0;
  UnitId scope_unit_id = 0;
  std::string scope_name, period, period_kind;
  std::optional<std::string> kind, scheme_key;
  std::string number, title, origin, issued_by, issued_at;  // issued_at: RFC 3339
  struct Totals {
    std::optional<UnitId> unit_id;
    std::string unit_name;
    int64_t total = 0, new_in_period = 0, closed = 0, closed_in_period = 0, closed_on_time = 0,
            overdue = 0, rated = 0, satisfied = 0;
    std::string closure_rate, on_time_rate, satisfaction_rate;  // percentages as printed
  } totals;
};

// One side of an audit event; std::monostate when there is none (nothing before a creation).
using AuditSnapshot =
    std::variant<std::monostate, UnitSnapshot, PersonSnapshot, AccountSnapshot, LockSnapshot,
                 ItemSnapshot, CampaignSnapshot, SignInFailureSnapshot, SessionSnapshot,
                 PasswordChangeSnapshot, CalendarSnapshot, FileSnapshot, GrantSnapshot,
                 AssessmentEventSnapshot, DecisionSnapshot, ComputationSnapshot, SchemeSnapshot,
                 BulletinIssueSnapshot>;

// The stored text of `snapshot` in the current version; "" for std::monostate.
std::string EncodeAuditSnapshot(const AuditSnapshot& snapshot);

// The snapshot of type T that `text` holds, in any version ever written. A member that an
// older record lacks decodes as its default. kInvalidArgument naming the member when the text
// is not a JSON object, a member has the wrong type, or the record's version is unknown. T is
// any alternative of AuditSnapshot but std::monostate.
template <typename T>
Result<T> DecodeAuditSnapshot(std::string_view text);

}  // namespace duban
