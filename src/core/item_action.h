// The loop's actions as one pure function (SPEC §3): given an item, an action, what the caller
// sent and what the service looked up first, `ApplyAction` answers the item as the action leaves
// it and what the event records — or the refusal. Every rule of an action lives here once: the
// state machine, the role and side checks (core/permission.h), the field rules. Lookups
// (units, people, files, open children) are the service's; it resolves them into an
// `ActionContext` and writes the outcome. Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/item.h"
#include "core/org.h"
#include "core/permission.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

// What the caller sent with an action, decoded but not yet checked: the checks are ApplyAction's.
struct ActionInput {
  // assign
  std::optional<UnitId> responsible_unit_id;
  std::optional<PersonId> responsible_person_id, lead_leader_id;
  std::optional<std::vector<UnitId>> assisting_unit_ids;
  std::optional<Date> deadline;
  std::optional<int64_t> deadline_working_days;
  std::optional<std::vector<std::string>> measures;
  std::optional<std::string> report_every, rectify_mode;  // names, parsed by ApplyAction
  // the words of the action: reason, report, opinion, comment
  std::string text;
  std::optional<int64_t> progress;       // report
  std::optional<CloseOutChecks> checks;  // submit
  std::vector<int64_t> file_ids;         // report, submit
  std::optional<Date> new_deadline;      // extend
  std::optional<bool> approve;           // decide_extension
  std::string satisfaction;              // rate: a Satisfaction name
};

// A unit the service looked up in the caller's scope: its Status (the repository's, kNotFound
// when out of scope), and the unit when found.
struct UnitLookup {
  Status status;
  Unit unit;
};
// A person the service looked up in the caller's scope, and the path of the person's unit ("" when
// that unit is not in the caller's scope).
struct PersonLookup {
  Status status;
  std::string unit_path;
};

// Who acts, when, and the facts the service looked up before calling ApplyAction.
struct ActionContext {
  RoleSet roles;
  std::string username;
  bool item_side = false;         // the item's own unit is in the caller's scope
  bool responsible_side = false;  // the responsible unit is set and in the caller's scope
  Date today{};
  Instant now{};
  // assign: the units and people `ActionInput` names, each set when the input names it.
  std::optional<UnitLookup> responsible_unit;
  std::optional<PersonLookup> responsible_person;
  std::optional<PersonLookup> lead_leader;
  std::vector<UnitLookup> assisting_units;  // one per input.assisting_unit_ids, in order
  // assign with working days: the work calendar (SPEC §4); null refuses working days.
  const WorkCalendar* calendar = nullptr;
  // report, submit: the first of input.file_ids that is not a file of this item, if any.
  std::optional<int64_t> foreign_file_id;
  // approve: how many children of the item are still open.
  int64_t open_children = 0;
};

// What the action's event records, typed; the service encodes it. Fields an action does not
// set keep their defaults.
struct ActionEventData {
  // assign
  std::optional<UnitId> responsible_unit_id;
  std::optional<Date> deadline;
  std::vector<std::string> measures;
  std::optional<int> deadline_working_days;
  // report
  std::optional<int> progress;
  // report, submit
  std::vector<int64_t> file_ids;
  // submit: the five checks, all affirmed
  bool checks_affirmed = false;
  // extend, decide_extension
  std::optional<Date> new_deadline, old_deadline;
  std::optional<bool> approve;
  // rate
  std::optional<Satisfaction> satisfaction;
  bool reopened = false;
};

struct ActionOutcome {
  Item after;
  ActionEventData event;
  // return (M1; docs/decisions/0003): the unit whose open notices on the item are withdrawn.
  std::optional<UnitId> withdraw_notices_of;
};

// Applies `action` to `before`. Refusals, in the order they are checked:
// kPermissionDenied — the caller's roles may not perform the action, its side's unit is not in
// scope, or the caller decides their own extension request; kFailedPrecondition — the item's
// status does not allow the action now (NextStatus), a named unit is disabled, children are
// still open; kInvalidArgument naming the field — a missing or malformed input; a lookup's own
// Status (with its field) when a named unit or person was not found. `after.updated_at` is
// `ctx.now`; `next_check_on` is left for the service, which knows the item's notices.
Result<ActionOutcome> ApplyAction(const Item& before, ItemAction action, const ActionInput& input,
                                  const ActionContext& ctx);

// The text an action requires (a reason, report or opinion): kInvalidArgument, field "text",
// when it is blank, not UTF-8 or over 5000 characters; `label` names it in the message.
Status RequireActionText(const std::string& text, const char* label);

}  // namespace duban
