// Items of the closed loop (SPEC §3): their queries, history and the figures counted over them.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/item_event.h"
#include "core/org.h"
#include "core/page.h"
#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

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
  // Writes the fields of the item with item.id that differ from `stored`, the item as read in
  // this transaction (only changed columns are written, so indexes on unchanged ones are not
  // touched; the text index drops the grams of its text when title or description change; no
  // second read). Nothing changed: nothing written. kInvalidArgument when the ids differ;
  // kNotFound when there is no such item.
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

}  // namespace duban
