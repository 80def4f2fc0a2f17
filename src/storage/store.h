// The storage seam: repositories in the domain's words and the transactions that hold them.
// app/ talks only to these interfaces; sqlite/ (and later postgres/) implement them, and one
// contract suite (tests/storage) proves every implementation alike.
//
// Threading: a Store is thread-safe. A Tx and its repositories belong to the one call of
// Read/Write that handed them out and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/item.h"
#include "core/org.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

// Every read and write takes the caller's Scope: a row outside it is kNotFound, exactly as if
// it did not exist (SPEC §1: out-of-scope data must not even be confirmed to exist).
class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<Unit> Get(const Scope& scope, UnitId id) = 0;
  struct Query {
    std::optional<UnitId> parent_id;  // children of this unit; none: the whole scope
    std::string q;                    // substring of the name
    PageRequest page;
    bool roots_only = false;  // only units without a parent
  };
  virtual Result<Page<Unit>> List(const Scope& scope, const Query& query) = 0;
  // Inserts `unit` under unit.parent_id (which must be in scope; none: a root, only with
  // Scope::Everything()). Sets unit.id and unit.path.
  virtual Status Insert(const Scope& scope, Unit& unit) = 0;
  // Writes name, kind, code and disabled of the unit with unit.id.
  virtual Status Update(const Scope& scope, const Unit& unit) = 0;
  // Re-parents the unit and rewrites the paths of its whole subtree, and every copy of those
  // paths on other rows (items, notices, campaigns, assessment records, bulletins), so that
  // everything of the subtree moves with it (docs/decisions/0003).
  virtual Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) = 0;
  virtual Result<int64_t> Count(const Scope& scope) = 0;
  // Every unit of the subtree at `path` that is in scope, in path order (parents first).
  virtual Result<std::vector<Unit>> Subtree(const Scope& scope, const std::string& path) = 0;
  // The units in scope whose name or code is one of `names`, by id (path names not filled):
  // what a file's unit column refers to, without reading every unit in scope.
  virtual Result<std::vector<Unit>> FindByNames(const Scope& scope,
                                                const std::vector<std::string>& names) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Result<Person> Get(const Scope& scope, PersonId id) = 0;
  struct Query {
    std::optional<UnitId> unit_id;
    bool subtree = true;  // with unit_id: the unit's whole subtree, not only the unit
    std::string q;        // substring of the name
    PageRequest page;
  };
  virtual Result<Page<Person>> List(const Scope& scope, const Query& query) = 0;
  // The people in scope named one of `names`, by id, each with its unit's path.
  virtual Result<std::vector<std::pair<Person, std::string>>> FindByNames(
      const Scope& scope, const std::vector<std::string>& names) = 0;
  virtual Status Insert(const Scope& scope, Person& person) = 0;
  virtual Status Update(const Scope& scope, const Person& person) = 0;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual Result<Account> Get(const Scope& scope, AccountId id) = 0;
  // Sign-in looks an account up before there is a caller, so there is no scope to apply.
  virtual Result<Account> FindByUsername(std::string_view username) = 0;
  struct Query {
    std::optional<UnitId> unit_id;  // accounts of this unit's subtree
    std::string q;                  // substring of username or person name
    PageRequest page;
  };
  virtual Result<Page<Account>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Insert(const Scope& scope, Account& account) = 0;
  // Writes every field of the account but the username.
  virtual Status Update(const Scope& scope, const Account& account) = 0;
  virtual Result<int64_t> Count() = 0;
};

struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the cookie token; the token itself is never stored
  AccountId account_id = 0;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> Find(std::string_view token_hash) = 0;
  virtual Status Touch(std::string_view token_hash, Instant last_seen_at) = 0;
  virtual Status Delete(std::string_view token_hash) = 0;
  virtual Status DeleteForAccount(AccountId account_id) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends the event as given (seq, hashes included); kAlreadyExists if seq is taken.
  virtual Status Append(const AuditEvent& event) = 0;
  virtual Result<std::optional<AuditEvent>> Last() = 0;
  struct Query {
    std::string entity_type;
    std::string entity_id;
    PageRequest page;
  };
  // Newest first, events whose unit is in scope: by the unit's current path when the event
  // names a unit, by the path it was written with when it does not (docs/decisions/0003).
  virtual Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) = 0;
  // Events with seq > after_seq in seq order, at most `limit`: for verifying the chain.
  virtual Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) = 0;
};

// ---- the closed loop ----

// The dates that split open items with a deadline into warning colours (computed by the caller
// from the work calendar): severe: deadline < severe_before; red: severe_before <= deadline <
// today; yellow: today <= deadline <= yellow_until; green: later.
struct WarningCutoffs {
  Date today{};
  Date yellow_until{};
  Date severe_before{};
};

// The longest search text (`ItemQuery::q`) the API takes, in characters (review M6).
inline constexpr size_t kMaxSearchChars = 64;

struct ItemQuery {
  std::vector<ItemKind> kinds;
  std::vector<ItemStatus> statuses;
  std::string unit_path;              // items whose unit is in this subtree ("" = any)
  std::string responsible_unit_path;  // items whose responsible unit is in this subtree
  std::optional<PersonId> responsible_person_id;
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> category_id;
  std::string source;
  std::optional<Date> due_before;     // deadline <= this date
  std::vector<std::string> warnings;  // yellow | red | severe | green
  std::string q;                      // text in code, title or description
  std::string sort = "-updated_at";   // deadline, -deadline, found_on, -found_on, code, -updated_at
  std::optional<ItemId> parent_id;
  PageRequest page;
};

// Where a walk through a whole list stopped (keyset paging, not OFFSET): the sort columns of
// the last item read and its id. Make it with ItemListKey::Of.
struct ItemListKey {
  std::optional<Date> deadline;
  Date found_on{};
  std::string code;
  Instant updated_at{};
  ItemId id = 0;
  static ItemListKey Of(const Item& item) {
    return {item.deadline, item.found_on, item.code, item.updated_at, item.id};
  }
};

struct ItemCounts {
  std::map<std::string, int64_t>
      status;  // status name -> count, for the query minus its status filter
  std::map<std::string, int64_t> warning;  // green/yellow/red/severe/none, minus the warning filter
};

struct ItemEvent {
  int64_t id = 0;
  ItemId item_id = 0;
  Instant at{};
  std::optional<AccountId> actor_account_id;
  std::string actor_username;
  std::string action;  // an ItemAction name, "create", "update", "notice", "notice.respond"
  std::string from_status;
  std::string to_status;
  std::string text;
  std::string data_json = "{}";
};

// The ledger's figures for the items whose unit lies in one subtree, over a period of Shanghai
// dates [from, to] (SPEC §7): what a bulletin reports for that unit.
struct LedgerFigures {
  int64_t total = 0;             // registered by `to` (found_on <= to), cancelled excluded
  int64_t new_in_period = 0;     // found_on within the period
  int64_t closed_total = 0;      // closed by `to` (closed_on <= to)
  int64_t closed_in_period = 0;  // closed_on within the period
  int64_t closed_on_time = 0;    // of closed_total: closed_on <= deadline (or no deadline)
  int64_t overdue_open = 0;      // still open, deadline before `to` (and before today)
  int64_t rated = 0;             // complaints rated
  int64_t satisfied = 0;         // of those: satisfied or basically satisfied
};

// The assessment counts of the items whose unit is exactly one unit, for a period [from, to]
// seen on `today` (formulas in docs/ASSESSMENT.md). Items cancelled are left out.
struct AssessmentCounts {
  int64_t total = 0;            // registered by `to`
  int64_t closed = 0;           // of those, closed by `to`
  int64_t closed_on_time = 0;   // of closed: on or before the deadline (or none)
  int64_t assigned = 0;         // assigned within the period
  int64_t signed_in_time = 0;   // of assigned: accepted within 24 hours
  int64_t submitted = 0;        // closure submissions within the period (events)
  int64_t returned = 0;         // closure submissions rejected within the period (events)
  int64_t reports_due = 0;      // open with a report cadence at the end of the period
  int64_t reports_on_time = 0;  // of those: reported within the cadence (7 or 31 days)
  int64_t rated = 0;
  int64_t satisfied = 0;  // satisfied or basically satisfied
  int64_t unsatisfied = 0;
  int64_t overdue = 0;               // open, deadline before min(to, today)
  int64_t recurrences = 0;           // found within the period as a recurrence of an earlier item
  int64_t notices = 0;               // notices issued to the unit within the period
  int64_t major_hazard_overdue = 0;  // hazards of level 重大 among `overdue`
};

// Items are visible when their unit OR their responsible unit is in the caller's scope
// (SPEC §1: a unit also sees the items it is named on).
class ItemRepository {
 public:
  virtual ~ItemRepository() = default;
  virtual Result<Item> Get(const Scope& scope, ItemId id) = 0;
  virtual Result<Page<Item>> List(const Scope& scope, const ItemQuery& query,
                                  const WarningCutoffs& cutoffs) = 0;
  virtual Result<ItemCounts> Count(const Scope& scope, const ItemQuery& query,
                                   const WarningCutoffs& cutoffs) = 0;
  // At most `limit` items of the query after `after` (none: from the first) in the query's
  // order, by key: each call costs one index range, however far into the list (query.page is
  // ignored, nothing is counted).
  virtual Result<std::vector<Item>> ListAfter(const Scope& scope, const ItemQuery& query,
                                              const WarningCutoffs& cutoffs,
                                              const std::optional<ItemListKey>& after,
                                              int limit) = 0;
  // Sets item.id and item.code (DB-<year>-<n>, numbered per year of created_at).
  virtual Status Insert(Item& item) = 0;
  // Writes every mutable field of the item with item.id. `stored` is the item as read in this
  // transaction (the text index drops the grams of its text when title or description change;
  // no second read). kInvalidArgument when the ids differ; kNotFound when there is no such item.
  virtual Status Update(const Item& stored, const Item& item) = 0;
  virtual Status AppendEvent(ItemEvent& event) = 0;
  virtual Result<std::vector<ItemEvent>> Events(ItemId id) = 0;
  // Figures of the items whose unit is in the subtree at `unit_path`, optionally of one kind.
  virtual Result<LedgerFigures> Figures(const std::string& unit_path, Date from, Date to,
                                        Date today, std::optional<ItemKind> kind) = 0;
  // Items of units in `scope` (the item's own unit: the side that supervises it) whose
  // next_check_on is on or before `day`, in (next_check_on, id) order, after the item `after`
  // (its check date and id; none: from the start). The order is the index's, so a sweep reads
  // only the items due, however many are not (not every item by id).
  struct CheckCursor {
    Date next_check_on{};
    ItemId id = 0;
  };
  virtual Result<std::vector<Item>> DueForCheck(const Scope& scope, Date day,
                                                std::optional<CheckCursor> after, int limit) = 0;
  // Assessment counts per unit (keyed by the item's own unit) for the items of the subtree at
  // `unit_path`; units without items are absent. `with_events` adds submitted/returned and
  // notices (they read the event and notice tables).
  virtual Result<std::map<UnitId, AssessmentCounts>> AssessmentCountsByUnit(
      const std::string& unit_path, Date from, Date to, Date today, bool with_events) = 0;
};

enum class NoticeLevel { kReminder, kSupervise, kListed, kInterview };

struct Notice {
  int64_t id = 0;
  int year = 0;
  int64_t number = 0;  // per year: 督〔2026〕15号
  ItemId item_id = 0;
  UnitId unit_id = 0;  // the unit that must respond: the responsible unit, or the item's own
  std::string unit_path;
  std::string level = "reminder";  // reminder | supervise | listed | interview
  std::string condition;           // due_soon | overdue | not_accepted | report_missing | manual
  std::string condition_key;       // dedupe: one notice per (item, key)
  std::string reason;
  Instant issued_at{};
  std::string issued_by;
  Date respond_by{};
  // open | answered | withdrawn (the item was returned by the unit it was addressed to, so
  // that unit no longer answers for it: docs/decisions/0003)
  std::string status = "open";
  std::string response_text;
  std::optional<Instant> responded_at;
  std::string responded_by;
};

class NoticeRepository {
 public:
  virtual ~NoticeRepository() = default;
  // Sets id, year (of issued_at in Shanghai, given) and number. kAlreadyExists when the item
  // already has a notice with the same condition_key.
  virtual Status Insert(Notice& notice) = 0;
  // Get and List see a notice while its unit is in scope and its item is still the caller's to
  // see on the side the notice speaks to: the item's own unit is in scope (the supervising side,
  // which keeps the whole record), or the notice is addressed to the item's current responsible
  // unit. A notice of a unit that no longer holds the item is kNotFound to that unit (M1).
  virtual Result<Notice> Get(const Scope& scope, int64_t id) = 0;
  struct Query {
    std::string status;
    std::optional<ItemId> item_id;
    PageRequest page;
    std::string level;                    // reminder | supervise | listed | interview; "" = any
    std::optional<Instant> issued_from;   // issued_at >= this
    std::optional<Instant> issued_until;  // issued_at <= this
  };
  // Newest first, the notices Get would see.
  virtual Result<Page<Notice>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Update(const Notice& notice) = 0;
  virtual Result<std::vector<Notice>> ForItem(ItemId item_id) = 0;
};

struct StoredFile {
  int64_t id = 0;
  ItemId item_id = 0;
  std::string name;
  int64_t size = 0;
  std::string content_type;
  std::string sha256;
  Instant uploaded_at{};
  std::string uploaded_by;
};

class FileRepository {
 public:
  virtual ~FileRepository() = default;
  virtual Status Insert(StoredFile& file) = 0;
  virtual Result<StoredFile> Get(int64_t id) = 0;
  virtual Result<std::vector<StoredFile>> ForItem(ItemId item_id) = 0;
};

struct CalendarDayRow {
  Date date{};
  bool working = false;
  std::string name;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  virtual Result<std::vector<int>> Years() = 0;
  virtual Result<std::vector<CalendarDayRow>> Days(int year) = 0;
  // Replaces the year's overrides and marks the year loaded.
  virtual Status ReplaceYear(int year, const std::vector<CalendarDayRow>& days) = 0;
};

struct Category {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
};

struct Campaign {
  int64_t id = 0;
  std::string name;
  std::string description;
  std::optional<Date> starts_on;
  std::optional<Date> ends_on;
  UnitId unit_id = 0;
  std::string unit_path;
  std::string phases_json = "[]";  // [{name, starts_on, ends_on}]
  std::vector<Category> categories;
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  virtual Result<Campaign> Get(const Scope& scope, int64_t id) = 0;
  // Campaigns whose unit is in scope or is an ancestor of the scope's root (a county campaign
  // is visible to its bureaus).
  virtual Result<Page<Campaign>> List(const Scope& scope, PageRequest page) = 0;
  virtual Status Insert(Campaign& campaign) = 0;
  // Writes the fields; categories with id 0 are added, missing ones kept if items use them.
  virtual Status Update(Campaign& campaign) = 0;
};

// Raw rows of a table, every value as text (NULL as nullopt): for moving a whole database
// between stores without going through the domain (ids, hashes and instants stay as they are).
struct TableChunk {
  std::string table;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// ---- assessment 考核 (SPEC §6) ----

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

// Evidence attached to an assessment event: the bytes are under files/ by SHA-256, as an
// item's are (StoredFile).
struct EventFile {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string name;
  int64_t size = 0;
  std::string content_type;
  std::string sha256;
  Instant uploaded_at{};
  std::string uploaded_by;
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

// An issued bulletin 通报 (SPEC §7): the figures as they were when it was issued.
struct BulletinRecord {
  int64_t id = 0;
  UnitId scope_unit_id = 0;
  std::string scope_path;
  std::string period;       // the period's spec: "2026-10", "2026-Q3", "2026-W44", ...
  std::string period_kind;  // month | quarter | week | year | custom
  std::string item_kind;    // "" for all kinds
  std::string scheme_key;   // "" for none
  int year = 0;             // of issued_at in Shanghai
  int64_t number = 0;       // per scope unit and year
  std::string doc_number;   // 发文字号, e.g. 督通〔2026〕3号
  std::string title;
  std::string content;  // the bulletin's JSON; empty in List
  std::string origin;   // manual | schedule
  std::string issued_by;
  Instant issued_at{};
  std::string scope_name;  // filled by reads
};

class BulletinRepository {
 public:
  virtual ~BulletinRepository() = default;
  // Sets id and number (the next for its scope unit and year), then calls `numbered`, which
  // fills what depends on them (doc_number, content), then writes the row. kAlreadyExists
  // naming the issued one when (scope unit, period, item kind, scheme) already has a bulletin.
  virtual Status Insert(BulletinRecord& bulletin,
                        const std::function<void(BulletinRecord&)>& numbered) = 0;
  virtual Result<BulletinRecord> Get(const Scope& scope, int64_t id) = 0;
  virtual Result<std::optional<BulletinRecord>> Find(UnitId scope_unit_id,
                                                     const std::string& period,
                                                     const std::string& item_kind,
                                                     const std::string& scheme_key) = 0;
  struct Query {
    std::optional<UnitId> scope_unit_id;
    std::string period_kind;
    PageRequest page;
  };
  // Newest first, without content.
  virtual Result<Page<BulletinRecord>> List(const Scope& scope, const Query& query) = 0;
};

class BulkRepository {
 public:
  virtual ~BulkRepository() = default;
  // The tables to copy, parents before children.
  virtual std::vector<std::string> Tables() const = 0;
  virtual Result<int64_t> Count(const std::string& table) = 0;
  // Rows in primary-key order, `limit` from `offset`.
  virtual Result<TableChunk> Read(const std::string& table, int64_t offset, int limit) = 0;
  virtual Status Write(const TableChunk& chunk) = 0;

  // Typed bulk loading (the data generator of bench/gen): rows are inserted as given — ids,
  // codes, paths and instants set by the caller, no audit events, no counters moved — in the
  // caller's transaction. kAlreadyExists when an id is taken; kInvalidArgument for a row the
  // schema refuses. WriteItems also builds the items' text search index.
  virtual Status WriteItems(const std::vector<Item>& items) = 0;
  virtual Status WriteItemEvents(const std::vector<ItemEvent>& events) = 0;
  virtual Status WriteNotices(const std::vector<Notice>& notices) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual UnitRepository& units() = 0;
  virtual PersonRepository& people() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  virtual BulkRepository& bulk() = 0;
  virtual ItemRepository& items() = 0;
  virtual NoticeRepository& notices() = 0;
  virtual FileRepository& files() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual CampaignRepository& campaigns() = 0;
  virtual AssessmentRepository& assessment() = 0;
  virtual BulletinRepository& bulletins() = 0;
};

struct StoreStats {
  int64_t reads = 0;
  int64_t writes = 0;   // write functions run
  int64_t commits = 0;  // transactions committed (writes / commits = group size)
  int64_t write_errors = 0;
  int reader_connections = 0;
  int readers_in_use = 0;
  int64_t write_queue_depth = 0;
};

// What Store::Backup wrote: the row count of every table of BulkRepository::Tables() as of
// the copy (the same snapshot), for checking a restore.
struct BackupCopy {
  std::map<std::string, int64_t> rows;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a consistent read-only snapshot. Returns fn's status, or the store's error.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction. When fn returns an error, nothing it did is kept. When
  // Write returns Ok, the change is durable. Concurrent writers may be committed together
  // (group commit); each still sees all or nothing of its own work.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  virtual StoreStats Stats() const = 0;
  // Schema version the database is at, and the newest this binary knows.
  virtual int SchemaVersion() const = 0;
  // Writes a consistent copy of the whole database to the new file `path` while reads and
  // writes go on. SQLite: a database file made with the online backup API. PostgreSQL: a
  // pg_dump custom-format archive of an exported snapshot (needs pg_dump on PATH).
  // kFailedPrecondition for an in-memory store; kUnavailable when the copy fails.
  virtual Result<BackupCopy> Backup(const std::string& path) = 0;
};

}  // namespace duban
