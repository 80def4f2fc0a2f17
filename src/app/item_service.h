// ItemService: the closed loop (SPEC §3–§5) — registering items, every action of the state
// machine with its role, scope and field checks, the timeline, evidence files, lists with
// filters and counts, the dashboard, supervision notices and the sweep. Each change is one
// store transaction with its item event and audit event. Thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_log.h"
#include "app/calendar_service.h"
#include "app/caller.h"
#include "app/evidence_store.h"
#include "core/deadline.h"
#include "core/item.h"
#include "core/item_action.h"
#include "storage/store.h"

namespace duban {

struct ItemInput {  // for create and draft edits; unset optionals leave a field as it is
  std::optional<ItemKind> kind;
  std::optional<std::string> title, description, source, severity, found_by;
  std::optional<std::optional<int64_t>> campaign_id, category_id, parent_id, recurrence_of;
  std::optional<UnitId> unit_id;
  std::optional<Date> found_on;
  std::optional<std::vector<std::string>> measures;
  std::optional<bool> is_public;
  std::optional<std::string> details_json;  // a JSON object
};

struct ItemDetail {
  Item item;
  std::optional<Warning> warning;
  std::vector<ItemAction> allowed_actions;
  std::vector<ItemEvent> events;
  std::vector<Item> children;
  std::vector<Notice> notices;
  std::vector<StoredFile> files;
};

struct ItemListResult {
  Page<Item> page;
  std::vector<std::optional<Warning>> warnings;  // per item of the page
  std::vector<std::vector<ItemAction>> allowed;  // per item of the page
  ItemCounts counts;
};

struct SweepReport {
  int64_t checked = 0;
  int64_t issued = 0;
  int64_t escalated = 0;
};

struct SupervisionPolicy {
  WarningPolicy warning;
  int sign_for_working_days = 1;  // SPEC §3: accept within 1 working day of assignment
  int respond_working_days = 2;   // a notice must be answered within this
  int64_t max_file_bytes = int64_t{20} * 1024 * 1024;
};

struct Dashboard {
  std::vector<Item> todo, due_soon, overdue;
  std::vector<std::optional<Warning>> todo_warnings, due_soon_warnings, overdue_warnings;
  int64_t open = 0, closed = 0, overdue_count = 0, due_soon_count = 0;
  struct UnitRow {
    Unit unit;
    ItemCounts counts;
  };
  std::vector<UnitRow> by_unit;
};

// A notice with what a list of notices shows of its item and unit (NoticesWithItems).
struct NoticeListing {
  Notice notice;
  // Set when the caller may read the notice's item: its code, title and lead leader.
  struct ItemSummary {
    std::string code;
    std::string title;
    std::string lead_leader_name;  // empty when none
  };
  std::optional<ItemSummary> item;
  std::string unit_name;  // the notice's unit; empty when it cannot be read
};

// Where a new item comes from: registered one by one, or imported from a ledger (its create
// event and audit event say so).
enum class ItemOrigin { kRegistered, kImported };

class ItemService {
 public:
  ItemService(Store& store, const Clock& clock, const AuditLog& audit, CalendarService& calendar,
              std::filesystem::path files_dir, SupervisionPolicy policy = {});

  // `within`, when given, runs in the creating transaction once the item is stored; its error
  // undoes the creation (a caller links the new item to its own record atomically this way).
  Result<ItemDetail> Create(const Caller& caller, const ItemInput& input,
                            const std::function<Status(Tx&, const Item&)>& within = {});
  Result<ItemDetail> UpdateDraft(const Caller& caller, ItemId id, const ItemInput& input);
  Result<ItemDetail> Get(const Caller& caller, ItemId id);
  Result<ItemListResult> List(const Caller& caller, ItemQuery query);
  // The next `limit` items of `query` after `after` in its order, by key (query.page ignored;
  // page.total and counts are left empty): for walking a whole list, as the ledger export does.
  Result<ItemListResult> ListAfter(const Caller& caller, const ItemQuery& query,
                                   const std::optional<ItemListKey>& after, int limit);
  // Performs `action`; kFailedPrecondition when the state forbids it, kPermissionDenied when
  // the role does, kNotFound out of scope, kInvalidArgument for missing or bad fields. A refused
  // action changes nothing.
  Result<ItemDetail> Act(const Caller& caller, ItemId id, ItemAction action,
                         const ActionInput& input);
  // Create and Act inside the caller's transaction `tx`, at `now`, for a batch of them (the
  // ledger import): the same checks, item event and audit event, with the same error codes; no
  // detail is read. An error leaves `tx` to be rolled back by its owner.
  Result<Item> CreateIn(Tx& tx, const Caller& caller, const ItemInput& input, Instant now,
                        ItemOrigin origin = ItemOrigin::kRegistered);
  Result<Item> ActIn(Tx& tx, const Caller& caller, ItemId id, ItemAction action,
                     const ActionInput& input, Instant now);

  // Evidence: content sniffed, kept on disk by SHA-256. kInvalidArgument (too large, empty) or
  // kFailedPrecondition for a type that is not accepted.
  Result<StoredFile> Upload(const Caller& caller, ItemId id, const std::string& name,
                            const std::string& bytes);
  // The file's metadata and bytes; kNotFound unless its item is in the caller's scope.
  Result<std::pair<StoredFile, std::string>> Download(const Caller& caller, int64_t file_id);

  Result<Dashboard> GetDashboard(const Caller& caller);

  // Notices.
  Result<Page<Notice>> ListNotices(const Caller& caller, const NoticeRepository::Query& query);
  Result<Notice> IssueNotice(const Caller& caller, ItemId item_id, const std::string& level,
                             const std::string& reason, int respond_working_days);
  Result<Notice> RespondNotice(const Caller& caller, int64_t notice_id, const std::string& text);
  // SPEC §5: issues due notices for the items whose next check date has come. Idempotent per
  // condition; incremental (only items due for a check are read). Runs over the items whose own
  // unit is in the caller's scope and counts only those (the operator's: every item).
  Result<SweepReport> Sweep(const Caller& caller);

  // The unit with `id` if it is in the caller's scope (for list filters given by id).
  Result<Unit> UnitInScope(const Caller& caller, UnitId id);
  // The notices as their lists show them, each with its item's code, title and lead leader and
  // its unit's name: one read transaction and one item read per distinct item, however long
  // the page (it used to be a transaction and about eight queries per notice). An item or
  // unit the caller may not read (or that cannot be read) is left out, never an error.
  std::vector<NoticeListing> NoticesWithItems(const Caller& caller,
                                              const std::vector<Notice>& notices);
  NoticeListing NoticeWithItem(const Caller& caller, const Notice& notice) {
    return NoticesWithItems(caller, {notice}).front();
  }

  const SupervisionPolicy& policy() const { return policy_; }
  // Where evidence bytes are kept, with the same checks, for other records' attachments.
  const EvidenceStore& evidence() const { return evidence_; }
  // The work calendar deadlines are counted with (SPEC §4).
  const CalendarService& calendar() const { return calendar_; }
  Date Today() const;

 private:
  Result<ItemDetail> Detail(Tx& tx, const Caller& caller, const Item& item);
  std::optional<Warning> WarningOf(const Item& item, Date today) const;
  std::vector<ItemAction> Allowed(const Caller& caller, const Item& item) const;
  // The warning colours' cut-off dates for `today` (all `today` when the calendar cannot say).
  WarningCutoffs CutoffsOn(Date today) const;
  // Fills a list's warnings and allowed actions, one per item of its page.
  void Annotate(const Caller& caller, Date today, ItemListResult& out) const;
  // One supervision condition of an item: when it falls due and the notice it calls for.
  struct Condition {
    Date due_on;
    std::string key, condition, level, reason;
  };
  // The conditions of `item` not yet notified, as of `today` (SPEC §5).
  std::vector<Condition> Conditions(const Item& item, const std::vector<Notice>& notices,
                                    Date today) const;
  // The next date on which the sweep must look at `item` (empty: nothing pending).
  std::optional<Date> NextCheck(const Item& item, const std::vector<Notice>& notices,
                                Date today) const;
  // Appends the item event and the audit event "item.<action>" (or `audit_action` if given).
  Status RecordEvent(Tx& tx, const Caller& caller, const Item& before, const Item& after,
                     const std::string& action, const std::string& text, const nlohmann::json& data,
                     const std::string& audit_action = "");
  Result<SweepReport> SweepItems(Tx& tx, const std::vector<Item>& items, Date today);

  Store& store_;
  const Clock& clock_;
  const AuditLog& audit_;
  CalendarService& calendar_;
  SupervisionPolicy policy_;
  EvidenceStore evidence_;
};

// "督〔2026〕15号".
std::string NoticeNumber(const Notice& notice);
std::string_view NoticeLevelLabel(std::string_view level);

}  // namespace duban
