#include "app/item_service.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/item_action.h"
#include "core/permission.h"
#include "core/text.h"

namespace duban {
namespace {

Date AddDays(Date d, int n) { return std::chrono::sys_days(d) + std::chrono::days(n); }

// The n-th working day counting back from `from` (`from` itself counts when working).
Result<Date> NthWorkingDayBack(const WorkCalendar& cal, Date from, int n) {
  Date d = from;
  int found = 0;
  for (int guard = 0; guard < 4000; ++guard) {
    DUBAN_ASSIGN_OR_RETURN(bool working, cal.IsWorkingDay(d));
    if (working && ++found == n) return d;
    d = AddDays(d, -1);
  }
  return Internal("no working day found");
}

Notice MakeNotice(const Item& item, const std::string& level, const std::string& condition,
                  const std::string& key, const std::string& reason, Instant now, Date today,
                  const std::string& issued_by, Date respond_by) {
  Notice n;
  n.year = static_cast<int>(today.year());
  n.item_id = item.id;
  // The notice goes to the unit that must act: the responsible unit once assigned.
  n.unit_id = item.responsible_unit_id.value_or(item.unit_id);
  n.unit_path = item.responsible_unit_id ? item.responsible_unit_path : item.unit_path;
  n.level = level;
  n.condition = condition;
  n.condition_key = key;
  n.reason = reason;
  n.issued_at = now;
  n.issued_by = issued_by;
  n.respond_by = respond_by;
  return n;
}

}  // namespace

std::string NoticeNumber(const Notice& n) {
  return "督〔" + std::to_string(n.year) + "〕" + std::to_string(n.number) + "号";
}

std::string_view NoticeLevelLabel(std::string_view level) {
  if (level == "reminder") return "提醒";
  if (level == "supervise") return "督办";
  if (level == "listed") return "挂牌督办";
  if (level == "interview") return "约谈";
  return "";
}

ItemService::ItemService(Store& store, const Clock& clock, const AuditLog& audit,
                         CalendarService& calendar, std::filesystem::path files_dir,
                         SupervisionPolicy policy)
    : store_(store),
      clock_(clock),
      audit_(audit),
      calendar_(calendar),
      policy_(policy),
      evidence_(std::move(files_dir), policy.max_file_bytes) {}

Date ItemService::Today() const { return ShanghaiDate(clock_.Now()); }

std::optional<Warning> ItemService::WarningOf(const Item& item, Date today) const {
  if (!IsOpen(item.status) || !item.deadline) return std::nullopt;
  auto w = ComputeWarning(*calendar_.Snapshot(), *item.deadline, today, policy_.warning);
  if (w.ok()) return *w;
  // A year missing from the calendar: say only what is certain.
  return today > *item.deadline ? Warning::kRed : Warning::kGreen;
}

std::vector<ItemAction> ItemService::Allowed(const Caller& caller, const Item& item) const {
  Scope scope = caller.scope();
  auto out = AllowedActions(
      item, caller.roles, scope.Contains(item.unit_path),
      !item.responsible_unit_path.empty() && scope.Contains(item.responsible_unit_path));
  if (IsOwnExtensionRequest(item, caller.username)) std::erase(out, ItemAction::kDecideExtension);
  return out;
}

std::vector<ItemService::Condition> ItemService::Conditions(const Item& item,
                                                            const std::vector<Notice>& notices,
                                                            Date today) const {
  std::vector<Condition> out;
  if (!IsOpen(item.status)) return out;
  auto cal = calendar_.Snapshot();
  auto notified = [&](const std::string& key) {
    return std::any_of(notices.begin(), notices.end(),
                       [&](const Notice& n) { return n.condition_key == key; });
  };
  bool working_on_it =
      item.status == ItemStatus::kAssigned || item.status == ItemStatus::kInProgress;
  if (working_on_it && item.deadline) {
    std::string d = FormatDate(*item.deadline);
    // "Due soon" matters only until the deadline; after it the overdue notice speaks.
    if (today <= *item.deadline) {
      auto y = NthWorkingDayBack(*cal, *item.deadline, policy_.warning.yellow_working_days + 1);
      if (y.ok()) {
        out.push_back({*y, "due_soon:" + d, "due_soon", "reminder",
                       "整改时限 " + d + " 即将到期，请抓紧办理"});
      }
    }
    out.push_back({AddDays(*item.deadline, 1), "overdue:" + d + ":1", "overdue", "supervise",
                   "已超过整改时限 " + d + "，请说明情况并限期办结"});
    // Escalation to 挂牌督办: the first overdue notice unanswered past its reply date, or the
    // item severely overdue, whichever comes first.
    if (notified("overdue:" + d + ":1")) {
      std::optional<Date> escalate;
      auto severe = cal->AddWorkingDays(*item.deadline, policy_.warning.severe_working_days + 1);
      if (severe.ok()) escalate = *severe;
      for (const auto& n : notices) {
        if (n.condition_key == "overdue:" + d + ":1" && n.status == "open") {
          Date after_reply = AddDays(n.respond_by, 1);
          if (!escalate || after_reply < *escalate) escalate = after_reply;
        }
      }
      if (escalate) {
        out.push_back({*escalate, "overdue:" + d + ":2", "overdue", "listed",
                       "超期未办结且督办未获答复，列为挂牌督办"});
      }
    }
  }
  if (item.status == ItemStatus::kAssigned && item.assigned_at) {
    Date assigned = ShanghaiDate(*item.assigned_at);
    if (auto limit = cal->AddWorkingDays(assigned, policy_.sign_for_working_days); limit.ok()) {
      out.push_back({AddDays(*limit, 1), "not_accepted:" + FormatDate(assigned), "not_accepted",
                     "reminder", "交办后未在规定时限内签收，请立即签收"});
    }
  }
  if (item.status == ItemStatus::kInProgress && item.report_every != ReportEvery::kNone) {
    Instant last = item.last_report_at.value_or(item.accepted_at.value_or(item.updated_at));
    int days = item.report_every == ReportEvery::kWeek ? 7 : 30;
    Date due = AddDays(ShanghaiDate(last), days + 1);
    out.push_back({due, "report_missing:" + FormatDate(due), "report_missing", "reminder",
                   std::string("未按要求每") + (days == 7 ? "周" : "月") + "报送整改进展"});
  }
  std::erase_if(out, [&](const Condition& c) { return notified(c.key); });
  return out;
}

std::optional<Date> ItemService::NextCheck(const Item& item, const std::vector<Notice>& notices,
                                           Date today) const {
  std::optional<Date> next;
  for (const auto& c : Conditions(item, notices, today)) {
    Date when = std::max(c.due_on, today);
    if (!next || when < *next) next = when;
  }
  return next;
}

Status ItemService::RecordEvent(Tx& tx, const Caller& caller, const Item& before, const Item& after,
                                const std::string& action, const std::string& text,
                                const nlohmann::json& data, const std::string& audit_action) {
  ItemEvent e;
  e.item_id = after.id;
  e.at = clock_.Now();
  e.actor_account_id = caller.account_id;
  e.actor_username = caller.username;
  e.action = action;
  e.from_status = before.id ? std::string(ItemStatusName(before.status)) : "";
  e.to_status = std::string(ItemStatusName(after.status));
  e.text = text;
  e.data_json = data.is_null() ? "{}" : data.dump();
  DUBAN_RETURN_IF_ERROR(tx.items().AppendEvent(e));
  AuditSnapshot before_view;
  if (before.id) before_view = ItemSnapshot::Of(before);
  return audit_.Append(
      tx, caller,
      {audit_action.empty() ? "item." + action : audit_action, "item", std::to_string(after.id),
       after.unit_id, after.unit_path, before_view, ItemSnapshot::Of(after)});
}

Result<ItemDetail> ItemService::Detail(Tx& tx, const Caller& caller, const Item& item) {
  ItemDetail d;
  d.item = item;
  Date today = Today();
  d.warning = WarningOf(item, today);
  d.allowed_actions = Allowed(caller, item);
  DUBAN_ASSIGN_OR_RETURN(d.events, tx.items().Events(item.id));
  ItemQuery q;
  q.parent_id = item.id;
  q.page = {1, kMaxPageSize};
  q.sort = "code";
  DUBAN_ASSIGN_OR_RETURN(auto children,
                         tx.items().List(caller.scope(), q, WarningCutoffs{today, today, today}));
  d.children = std::move(children.items);
  DUBAN_ASSIGN_OR_RETURN(d.notices, tx.notices().ForItem(item.id));
  DUBAN_ASSIGN_OR_RETURN(d.files, tx.files().ForItem(item.id));
  return d;
}

Result<ItemDetail> ItemService::Get(const Caller& caller, ItemId id) {
  ItemDetail out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item item, tx.items().Get(caller.scope(), id));
    DUBAN_ASSIGN_OR_RETURN(out, Detail(tx, caller, item));
    return Status::Ok();
  }));
  return out;
}

namespace {

// One field of an item kind's `details` (SPEC §3): a text of at most `max_chars`, one of
// `choices` when there are any, or (max_chars 0) a number not below zero.
struct DetailField {
  const char* name;
  size_t max_chars;
  std::vector<std::string> choices;
};

// The known fields per kind, as the web form writes them; kinds absent here (problem,
// commitment) have none defined, and their details need only be a small object.
const std::vector<DetailField>* KnownDetailFields(ItemKind kind) {
  static const std::vector<DetailField> kHazard = {{"location", 200, {}},
                                                   {"road", 100, {}},
                                                   {"km_marker", 50, {}},
                                                   {"level", 10, {"一般", "重大"}}};
  static const std::vector<DetailField> kTask = {
      {"target_value", 0, {}}, {"target_unit", 20, {}}, {"done_value", 0, {}}};
  static const std::vector<DetailField> kComplaint = {{"channel", 50, {}},
                                                      {"citizen_name", 50, {}},
                                                      {"citizen_phone", 32, {}},
                                                      {"satisfaction", 30, {}}};
  switch (kind) {
    case ItemKind::kHazard:
      return &kHazard;
    case ItemKind::kTask:
      return &kTask;
    case ItemKind::kComplaint:
      return &kComplaint;
    case ItemKind::kProblem:
    case ItemKind::kCommitment:
      return nullptr;
  }
  return nullptr;
}

// Nesting depth of a JSON value (a scalar is 0).
int JsonDepth(const nlohmann::json& j) {
  if (!j.is_structured()) return 0;
  int deepest = 0;
  for (const auto& child : j) deepest = std::max(deepest, JsonDepth(child));
  return deepest + 1;
}

// `details` of an item of `kind` (review M6): a JSON object of at most kMaxDetailsBytes; for a
// kind with known fields only those, each of its type and length; otherwise at most 3 levels.
// kInvalidArgument with field "details".
Status ValidateItemDetails(ItemKind kind, const std::string& details_json) {
  if (details_json.size() > kMaxDetailsBytes) {
    return InvalidArgument("details 不能超过 " + std::to_string(kMaxDetailsBytes / 1024) + " KiB",
                           "details");
  }
  auto details = nlohmann::json::parse(details_json, nullptr, false);
  if (!details.is_object()) return InvalidArgument("details 应为对象", "details");
  const std::vector<DetailField>* known = KnownDetailFields(kind);
  if (!known) {
    if (JsonDepth(details) > 3) return InvalidArgument("details 嵌套不能超过 3 层", "details");
    return Status::Ok();
  }
  const std::string kind_label(ItemKindName(kind));
  for (const auto& [key, value] : details.items()) {
    auto field = std::find_if(known->begin(), known->end(),
                              [&](const DetailField& f) { return key == f.name; });
    if (field == known->end()) {
      std::string names;
      for (const auto& f : *known) names += (names.empty() ? "" : "、") + std::string(f.name);
      return InvalidArgument(
          "details 含有 " + kind_label + " 类事项没有的字段 " + key + "（可填 " + names + "）",
          "details");
    }
    if (value.is_null()) continue;
    if (field->max_chars == 0) {
      if (!value.is_number() || value.get<double>() < 0) {
        return InvalidArgument("details." + key + " 应为不小于 0 的数", "details");
      }
      continue;
    }
    if (!value.is_string()) return InvalidArgument("details." + key + " 应为文本", "details");
    const auto text = value.get<std::string>();
    if (Utf8Length(text) > field->max_chars) {
      return InvalidArgument(
          "details." + key + " 不能超过 " + std::to_string(field->max_chars) + " 个字", "details");
    }
    if (!field->choices.empty() &&
        std::find(field->choices.begin(), field->choices.end(), text) == field->choices.end()) {
      return InvalidArgument("details." + key + " 「" + text + "」无效", "details");
    }
  }
  return Status::Ok();
}

// Applies the create/edit fields of `in` to `item` and checks references in scope.
Status ApplyInput(Tx& tx, const Scope& scope, const ItemInput& in, Item& item) {
  if (in.kind) item.kind = *in.kind;
  if (in.title) item.title = TrimSpace(*in.title);
  if (in.description) item.description = *in.description;
  if (in.source) item.source = *in.source;
  if (in.severity) item.severity = *in.severity;
  if (in.found_by) item.found_by = TrimSpace(*in.found_by);
  if (in.found_on) item.found_on = *in.found_on;
  if (in.measures) {
    item.measures.clear();
    for (const auto& m : *in.measures) {
      if (!TrimSpace(m).empty()) item.measures.push_back(TrimSpace(m));
    }
  }
  if (in.is_public) item.is_public = *in.is_public;
  if (in.details_json) item.details_json = *in.details_json;
  if (in.unit_id) {
    auto unit = tx.units().Get(scope, *in.unit_id);
    if (!unit.ok()) return unit.status().WithContext("所在单位 unit_id").WithField("unit_id");
    if (unit->disabled) {
      return FailedPrecondition("所在单位「" + unit->name + "」已停用").WithField("unit_id");
    }
    item.unit_id = unit->id;
    item.unit_path = unit->path;
  }
  if (in.campaign_id) item.campaign_id = *in.campaign_id;
  if (in.category_id) item.category_id = *in.category_id;
  if (item.campaign_id) {
    auto campaign = tx.campaigns().Get(scope, *item.campaign_id);
    if (!campaign.ok()) return campaign.status().WithField("campaign_id");
    if (item.category_id) {
      bool found = std::any_of(campaign->categories.begin(), campaign->categories.end(),
                               [&](const Category& c) { return c.id == *item.category_id; });
      if (!found) return InvalidArgument("问题类别不属于所选专项活动", "category_id");
    }
  } else if (item.category_id) {
    return InvalidArgument("选择问题类别前须先选择专项活动", "category_id");
  }
  if (in.parent_id) item.parent_id = *in.parent_id;
  if (item.parent_id) {
    auto parent = tx.items().Get(scope, *item.parent_id);
    if (!parent.ok())
      return parent.status().WithContext("上级事项 parent_id").WithField("parent_id");
    if (!IsOpen(parent->status)) return FailedPrecondition("上级事项已办结，不能再拆分子事项");
  }
  if (in.recurrence_of) item.recurrence_of = *in.recurrence_of;
  if (item.recurrence_of) {
    auto original = tx.items().Get(scope, *item.recurrence_of);
    if (!original.ok())
      return original.status().WithContext("反弹来源事项").WithField("recurrence_of");
  }
  // Checked when details or the kind they belong to change: the fields are the kind's.
  if (in.details_json || in.kind) {
    DUBAN_RETURN_IF_ERROR(ValidateItemDetails(item.kind, item.details_json));
  }
  return ValidateItemFields(item);
}
}  // namespace

Result<Item> ItemService::CreateIn(Tx& tx, const Caller& caller, const ItemInput& input,
                                   Instant now, ItemOrigin origin) {
  if (!May(caller.roles, Capability::kItemCreate)) {
    return PermissionDenied("只有督查员或系统管理员可以登记事项");
  }
  if (!input.unit_id) return InvalidArgument("缺少所在单位 unit_id", "unit_id");
  if (!input.title) return InvalidArgument("缺少标题 title", "title");
  Item item;
  item.found_on = ShanghaiDate(now);
  DUBAN_RETURN_IF_ERROR(ApplyInput(tx, caller.scope(), input, item));
  item.created_at = item.updated_at = now;
  item.status = ItemStatus::kDraft;
  DUBAN_RETURN_IF_ERROR(tx.items().Insert(item));
  if (origin == ItemOrigin::kImported) {
    DUBAN_RETURN_IF_ERROR(RecordEvent(tx, caller, Item{}, item, "create", "由台账导入",
                                      {{"import", true}}, "item.import"));
  } else {
    DUBAN_RETURN_IF_ERROR(RecordEvent(tx, caller, Item{}, item, "create", "", nullptr));
  }
  return item;
}

Result<ItemDetail> ItemService::Create(const Caller& caller, const ItemInput& input,
                                       const std::function<Status(Tx&, const Item&)>& within) {
  ItemDetail out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item item, CreateIn(tx, caller, input, clock_.Now()));
    if (within) DUBAN_RETURN_IF_ERROR(within(tx, item));
    DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(caller.scope(), item.id));
    DUBAN_ASSIGN_OR_RETURN(out, Detail(tx, caller, stored));
    return Status::Ok();
  }));
  return out;
}

Result<ItemDetail> ItemService::UpdateDraft(const Caller& caller, ItemId id,
                                            const ItemInput& input) {
  if (!May(caller.roles, Capability::kItemCreate)) {
    return PermissionDenied("只有督查员或系统管理员可以修改事项");
  }
  ItemDetail out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item before, tx.items().Get(caller.scope(), id));
    if (!caller.scope().Contains(before.unit_path)) return NotFound("事项不在您的数据范围内");
    if (before.status != ItemStatus::kDraft) {
      return FailedPrecondition("只有「待交办」的事项可以修改，当前为「" +
                                std::string(ItemStatusLabel(before.status)) + "」");
    }
    Item item = before;
    DUBAN_RETURN_IF_ERROR(ApplyInput(tx, caller.scope(), input, item));
    item.updated_at = clock_.Now();
    DUBAN_RETURN_IF_ERROR(tx.items().Update(before, item));
    DUBAN_RETURN_IF_ERROR(RecordEvent(tx, caller, before, item, "update", "", nullptr));
    DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(caller.scope(), id));
    DUBAN_ASSIGN_OR_RETURN(out, Detail(tx, caller, stored));
    return Status::Ok();
  }));
  return out;
}

WarningCutoffs ItemService::CutoffsOn(Date today) const {
  auto cutoffs = calendar_.Cutoffs(today, policy_.warning);
  return cutoffs.ok() ? *cutoffs : WarningCutoffs{today, today, today};
}

void ItemService::Annotate(const Caller& caller, Date today, ItemListResult& out) const {
  for (const Item& item : out.page.items) {
    out.warnings.push_back(WarningOf(item, today));
    out.allowed.push_back(Allowed(caller, item));
  }
}

Result<ItemListResult> ItemService::List(const Caller& caller, ItemQuery query) {
  Date today = Today();
  WarningCutoffs cut = CutoffsOn(today);
  ItemListResult out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out.page, tx.items().List(caller.scope(), query, cut));
    DUBAN_ASSIGN_OR_RETURN(out.counts, tx.items().Count(caller.scope(), query, cut));
    return Status::Ok();
  }));
  Annotate(caller, today, out);
  return out;
}

Result<ItemListResult> ItemService::ListAfter(const Caller& caller, const ItemQuery& query,
                                              const std::optional<ItemListKey>& after, int limit) {
  Date today = Today();
  WarningCutoffs cut = CutoffsOn(today);
  ItemListResult out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out.page.items,
                           tx.items().ListAfter(caller.scope(), query, cut, after, limit));
    return Status::Ok();
  }));
  Annotate(caller, today, out);
  return out;
}

namespace {

// The event data of `action` as the item's history has always recorded it.
nlohmann::json EventJson(ItemAction action, const ActionEventData& e,
                         const nlohmann::json& withdrawn) {
  nlohmann::json data = nlohmann::json::object();
  if (!e.file_ids.empty()) data["file_ids"] = e.file_ids;
  switch (action) {
    case ItemAction::kAssign:
      data["responsible_unit_id"] = e.responsible_unit_id.value_or(0);
      data["deadline"] = e.deadline ? FormatDate(*e.deadline) : "";
      data["measures"] = e.measures;
      if (e.deadline_working_days) data["deadline_working_days"] = *e.deadline_working_days;
      break;
    case ItemAction::kReport:
      data["progress"] = e.progress.value_or(0);
      break;
    case ItemAction::kSubmit:
      data["checks"] = {{"cause_found", true},
                        {"measures_done", true},
                        {"rectified", true},
                        {"accountability", true},
                        {"public_satisfied", true}};
      break;
    case ItemAction::kReturn:
      if (!withdrawn.empty()) data["withdrawn_notices"] = withdrawn;
      break;
    case ItemAction::kDecideExtension:
      data["approve"] = e.approve.value_or(false);
      [[fallthrough]];
    case ItemAction::kExtend:
      data["new_deadline"] = e.new_deadline ? FormatDate(*e.new_deadline) : "";
      data["old_deadline"] = e.old_deadline ? FormatDate(*e.old_deadline) : "";
      break;
    case ItemAction::kRate:
      if (e.satisfaction) data["satisfaction"] = SatisfactionName(*e.satisfaction);
      if (e.reopened) data["reopened"] = true;
      break;
    default:
      break;
  }
  return data;
}

UnitLookup LookUpUnit(Tx& tx, const Scope& scope, UnitId id) {
  auto unit = tx.units().Get(scope, id);
  if (!unit.ok()) return {unit.status(), {}};
  return {Status::Ok(), *unit};
}

PersonLookup LookUpPerson(Tx& tx, const Scope& scope, PersonId id) {
  auto person = tx.people().Get(scope, id);
  if (!person.ok()) return {person.status(), ""};
  auto unit = tx.units().Get(scope, person->unit_id);
  if (!unit.ok() && unit.status().code() != ErrorCode::kNotFound) return {unit.status(), ""};
  return {Status::Ok(), unit.ok() ? unit->path : ""};
}

// Looks up, in the caller's scope, what ApplyAction needs to know for `action`.
Status LookUpFacts(Tx& tx, const Scope& scope, const Item& item, ItemAction action,
                   const ActionInput& in, ActionContext& ctx) {
  switch (action) {
    case ItemAction::kAssign:
      if (in.responsible_unit_id) {
        ctx.responsible_unit = LookUpUnit(tx, scope, *in.responsible_unit_id);
      }
      if (in.responsible_person_id) {
        ctx.responsible_person = LookUpPerson(tx, scope, *in.responsible_person_id);
      }
      if (in.lead_leader_id) ctx.lead_leader = LookUpPerson(tx, scope, *in.lead_leader_id);
      if (in.assisting_unit_ids) {
        for (UnitId u : *in.assisting_unit_ids) {
          ctx.assisting_units.push_back(LookUpUnit(tx, scope, u));
        }
      }
      break;
    case ItemAction::kReport:
    case ItemAction::kSubmit:
      for (int64_t fid : in.file_ids) {
        auto f = tx.files().Get(fid);
        if (!f.ok() || f->item_id != item.id) {
          ctx.foreign_file_id = fid;
          break;
        }
      }
      break;
    case ItemAction::kApprove: {
      ItemQuery children;
      children.parent_id = item.id;
      children.page = {1, 1};
      children.statuses = {ItemStatus::kDraft, ItemStatus::kAssigned, ItemStatus::kInProgress,
                           ItemStatus::kPendingReview};
      DUBAN_ASSIGN_OR_RETURN(auto open, tx.items().List(Scope::Everything(), children,
                                                        {ctx.today, ctx.today, ctx.today}));
      ctx.open_children = open.total;
      break;
    }
    default:
      break;
  }
  return Status::Ok();
}

// Withdraws the open notices of `unit_id` on the item; answers them for the event.
Result<nlohmann::json> WithdrawNotices(Tx& tx, ItemId id, std::optional<UnitId> unit_id) {
  DUBAN_ASSIGN_OR_RETURN(auto notices, tx.notices().ForItem(id));
  nlohmann::json withdrawn = nlohmann::json::array();
  for (Notice& n : notices) {
    if (n.status != "open" || n.unit_id != unit_id) continue;
    n.status = "withdrawn";
    DUBAN_RETURN_IF_ERROR(tx.notices().Update(n));
    withdrawn.push_back({{"notice_id", n.id}, {"number", NoticeNumber(n)}});
  }
  return withdrawn;
}

}  // namespace

Result<Item> ItemService::ActIn(Tx& tx, const Caller& caller, ItemId id, ItemAction action,
                                const ActionInput& in, Instant now) {
  // Refused before any read, so that a role that may never act learns nothing of the item.
  DUBAN_RETURN_IF_ERROR(CheckMayPerform(caller.roles, action));
  auto calendar = calendar_.Snapshot();
  ActionContext ctx;
  ctx.roles = caller.roles;
  ctx.username = caller.username;
  ctx.today = ShanghaiDate(now);
  ctx.now = now;
  ctx.calendar = calendar.get();
  Scope scope = caller.scope();
  DUBAN_ASSIGN_OR_RETURN(Item before, tx.items().Get(scope, id));
  ctx.item_side = scope.Contains(before.unit_path);
  ctx.responsible_side =
      !before.responsible_unit_path.empty() && scope.Contains(before.responsible_unit_path);
  DUBAN_RETURN_IF_ERROR(LookUpFacts(tx, scope, before, action, in, ctx));
  DUBAN_ASSIGN_OR_RETURN(ActionOutcome outcome, ApplyAction(before, action, in, ctx));
  Item& item = outcome.after;
  nlohmann::json withdrawn = nlohmann::json::array();
  if (action == ItemAction::kReturn) {
    DUBAN_ASSIGN_OR_RETURN(withdrawn, WithdrawNotices(tx, id, outcome.withdraw_notices_of));
  }
  DUBAN_ASSIGN_OR_RETURN(auto notices, tx.notices().ForItem(id));
  item.next_check_on = NextCheck(item, notices, ctx.today);
  DUBAN_RETURN_IF_ERROR(tx.items().Update(before, item));
  DUBAN_RETURN_IF_ERROR(RecordEvent(tx, caller, before, item, std::string(ItemActionName(action)),
                                    in.text, EventJson(action, outcome.event, withdrawn)));
  return item;
}

Result<ItemDetail> ItemService::Act(const Caller& caller, ItemId id, ItemAction action,
                                    const ActionInput& in) {
  DUBAN_RETURN_IF_ERROR(CheckMayPerform(caller.roles, action));  // before the write begins
  ItemDetail out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_RETURN_IF_ERROR(ActIn(tx, caller, id, action, in, clock_.Now()).status());
    // A unit that returns an item no longer sees it; it is answered with the item as it left it.
    DUBAN_ASSIGN_OR_RETURN(
        Item stored,
        tx.items().Get(action == ItemAction::kReturn ? Scope::Everything() : caller.scope(), id));
    DUBAN_ASSIGN_OR_RETURN(out, Detail(tx, caller, stored));
    return Status::Ok();
  }));
  return out;
}

Result<StoredFile> ItemService::Upload(const Caller& caller, ItemId id, const std::string& name,
                                       const std::string& bytes) {
  DUBAN_ASSIGN_OR_RETURN(CheckedUpload up, evidence_.Check(name, bytes));
  // Only who may act on the item may attach evidence to it.
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item item, tx.items().Get(caller.scope(), id));
    if (!IsOpen(item.status)) return FailedPrecondition("已办结的事项不能再上传附件");
    // SPEC §1: evidence comes from those who work the loop; viewers and evaluators only read.
    if (!May(caller.roles, Capability::kItemEvidenceUpload)) {
      return PermissionDenied("查看和评议角色不能上传附件");
    }
    return Status::Ok();
  }));
  DUBAN_RETURN_IF_ERROR(evidence_.Put(up, bytes));
  StoredFile file{0,         id,           up.name,        up.size, up.content_type,
                  up.sha256, clock_.Now(), caller.username};
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item item, tx.items().Get(caller.scope(), id));
    DUBAN_RETURN_IF_ERROR(tx.files().Insert(file));
    return audit_.Append(tx, caller,
                         {"item.file",
                          "item",
                          std::to_string(id),
                          item.unit_id,
                          item.unit_path,
                          {},
                          FileSnapshot{file.id, file.name, file.sha256, file.size}});
  }));
  return file;
}

Result<std::pair<StoredFile, std::string>> ItemService::Download(const Caller& caller,
                                                                 int64_t file_id) {
  StoredFile file;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    auto f = tx.files().Get(file_id);
    if (!f.ok()) return NotFound("文件 " + std::to_string(file_id) + " 不存在或不在您的数据范围内");
    // Scope through the item: a file of an item out of scope does not exist for the caller.
    auto item = tx.items().Get(caller.scope(), f->item_id);
    if (!item.ok())
      return NotFound("文件 " + std::to_string(file_id) + " 不存在或不在您的数据范围内");
    file = *f;
    return Status::Ok();
  }));
  DUBAN_ASSIGN_OR_RETURN(std::string bytes, evidence_.Read(file.sha256));
  return std::pair{file, std::move(bytes)};
}

Result<Dashboard> ItemService::GetDashboard(const Caller& caller) {
  Dashboard d;
  Date today = Today();
  WarningCutoffs cut = CutoffsOn(today);
  ItemQuery todo;
  todo.sort = "deadline";
  if (May(caller.roles, Capability::kItemSupervise)) {
    todo.statuses = {ItemStatus::kDraft, ItemStatus::kPendingReview};
  }
  // The handler's desk, not a permission: an admin acts for handlers but has no desk of its own.
  if (caller.roles.Has(Role::kHandler)) {
    todo.statuses.insert(todo.statuses.end(), {ItemStatus::kAssigned, ItemStatus::kInProgress});
    todo.responsible_unit_path = caller.unit_path;
  }
  ItemQuery soon;
  soon.sort = "deadline";
  soon.warnings = {"yellow"};
  ItemQuery late;
  late.sort = "deadline";
  late.warnings = {"red", "severe"};
  // One snapshot for every figure. The lists are first pages only: no status and warning
  // counts per list (List's), which cost the dashboard two more scans of the scope each.
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    auto list = [&](ItemQuery q, std::vector<Item>& items, std::vector<std::optional<Warning>>& w,
                    int64_t* total) -> Status {
      q.page = {1, 10};
      DUBAN_ASSIGN_OR_RETURN(Page<Item> page, tx.items().List(caller.scope(), q, cut));
      for (const Item& item : page.items) w.push_back(WarningOf(item, today));
      items = std::move(page.items);
      if (total) *total = page.total;
      return Status::Ok();
    };
    if (!todo.statuses.empty()) DUBAN_RETURN_IF_ERROR(list(todo, d.todo, d.todo_warnings, nullptr));
    DUBAN_RETURN_IF_ERROR(list(soon, d.due_soon, d.due_soon_warnings, &d.due_soon_count));
    DUBAN_RETURN_IF_ERROR(list(late, d.overdue, d.overdue_warnings, &d.overdue_count));
    DUBAN_ASSIGN_OR_RETURN(ItemCounts all, tx.items().Count(caller.scope(), ItemQuery{}, cut));
    for (const auto& [status, n] : all.status) {
      if (status == "closed")
        d.closed += n;
      else if (status != "cancelled")
        d.open += n;
    }
    UnitRepository::Query uq;
    uq.parent_id = caller.unit_id;
    uq.page = {1, 50};
    DUBAN_ASSIGN_OR_RETURN(auto children, tx.units().List(caller.scope(), uq));
    for (const Unit& u : children.items) {
      ItemQuery q;
      q.unit_path = u.path;
      DUBAN_ASSIGN_OR_RETURN(ItemCounts c, tx.items().Count(caller.scope(), q, cut));
      d.by_unit.push_back({u, c});
    }
    return Status::Ok();
  }));
  return d;
}

Result<Unit> ItemService::UnitInScope(const Caller& caller, UnitId id) {
  Unit out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.units().Get(caller.scope(), id));
    return Status::Ok();
  }));
  return out;
}

std::vector<NoticeListing> ItemService::NoticesWithItems(const Caller& caller,
                                                         const std::vector<Notice>& notices) {
  std::vector<NoticeListing> out;
  for (const Notice& n : notices) out.push_back({n, std::nullopt, ""});
  (void)store_.Read([&](Tx& tx) -> Status {
    // The notices were read in the caller's scope; their items and units are read in it too, so
    // nothing of an item the caller cannot see comes with a notice (M1).
    std::map<ItemId, std::optional<Item>> items;
    for (NoticeListing& listing : out) {
      const Notice& notice = listing.notice;
      auto [it, fresh] = items.try_emplace(notice.item_id);
      if (fresh) {
        auto item = tx.items().Get(caller.scope(), notice.item_id);
        if (item.ok()) it->second = std::move(*item);
      }
      if (const auto& item = it->second) {
        listing.item = NoticeListing::ItemSummary{item->code, item->title, item->lead_leader_name};
        // The item's read joins both of its units' names; the notice's unit is one of them.
        if (item->responsible_unit_id == notice.unit_id) {
          listing.unit_name = item->responsible_unit_name;
        }
        if (item->unit_id == notice.unit_id) listing.unit_name = item->unit_name;
      }
      if (listing.unit_name.empty()) {
        auto unit = tx.units().Get(caller.scope(), notice.unit_id);
        if (unit.ok()) listing.unit_name = unit->name;
      }
    }
    return Status::Ok();
  });
  return out;
}

Result<Page<Notice>> ItemService::ListNotices(const Caller& caller,
                                              const NoticeRepository::Query& query) {
  Page<Notice> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.notices().List(caller.scope(), query));
    return Status::Ok();
  }));
  return out;
}

Result<Notice> ItemService::IssueNotice(const Caller& caller, ItemId item_id,
                                        const std::string& level, const std::string& reason,
                                        int respond_working_days) {
  if (!May(caller.roles, Capability::kNoticeIssue)) {
    return PermissionDenied("只有督查员可以下发督办单");
  }
  if (NoticeLevelLabel(level).empty()) {
    return InvalidArgument("督办级别须为 reminder、supervise、listed 或 interview", "level");
  }
  DUBAN_RETURN_IF_ERROR(RequireActionText(reason, "督办事由").WithField("reason"));
  if (respond_working_days < 1 || respond_working_days > 60) {
    return InvalidArgument("答复时限须为 1 到 60 个工作日", "respond_within_working_days");
  }
  Date today = Today();
  DUBAN_ASSIGN_OR_RETURN(Date respond_by, calendar_.Deadline(today, respond_working_days));
  Notice out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item item, tx.items().Get(caller.scope(), item_id));
    if (!caller.scope().Contains(item.unit_path))
      return PermissionDenied("只能对本级及下级单位的事项下发督办单");
    if (!IsOpen(item.status)) return FailedPrecondition("已办结或已撤销的事项不能督办");
    Instant now = clock_.Now();
    out = MakeNotice(item, level, "manual", "manual:" + std::to_string(ToUnixMicros(now)), reason,
                     now, today, caller.username, respond_by);
    DUBAN_RETURN_IF_ERROR(tx.notices().Insert(out));
    // A notice changes no field of the item: the event's before and after are the same.
    DUBAN_RETURN_IF_ERROR(
        RecordEvent(tx, caller, item, item, "notice", reason,
                    {{"notice_id", out.id}, {"number", NoticeNumber(out)}, {"level", level}}));
    return Status::Ok();
  }));
  return out;
}

Result<Notice> ItemService::RespondNotice(const Caller& caller, int64_t notice_id,
                                          const std::string& text) {
  DUBAN_RETURN_IF_ERROR(RequireActionText(text, "答复内容"));
  if (!May(caller.roles, Capability::kNoticeRespond)) {
    return PermissionDenied("只有责任单位的责任人或领导可以答复督办单");
  }
  Notice out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Notice n, tx.notices().Get(caller.scope(), notice_id));
    // M1: the item must be the caller's to see (else the notice does not exist here), and the
    // notice still addressed to a unit that holds it: its responsible unit, or its own.
    auto found = tx.items().Get(caller.scope(), n.item_id);
    if (!found.ok()) {
      return NotFound("督办单 " + std::to_string(notice_id) + " 不存在或不在您的数据范围内");
    }
    if (n.status == "withdrawn")
      return FailedPrecondition("该督办单已撤回（事项已退回），无需答复");
    if (n.status != "open") return FailedPrecondition("该督办单已答复");
    if (found->responsible_unit_id != n.unit_id && found->unit_id != n.unit_id) {
      return FailedPrecondition("该督办单的单位已不再承办此事项，无需答复");
    }
    n.status = "answered";
    n.response_text = text;
    n.responded_at = clock_.Now();
    n.responded_by = caller.username;
    DUBAN_RETURN_IF_ERROR(tx.notices().Update(n));
    const Item& item = *found;
    DUBAN_ASSIGN_OR_RETURN(auto notices, tx.notices().ForItem(item.id));
    Item after = item;
    after.next_check_on = NextCheck(after, notices, Today());
    DUBAN_RETURN_IF_ERROR(tx.items().Update(item, after));
    DUBAN_RETURN_IF_ERROR(RecordEvent(tx, caller, item, after, "notice.respond", text,
                                      {{"notice_id", n.id}, {"number", NoticeNumber(n)}}));
    out = n;
    return Status::Ok();
  }));
  return out;
}

Result<SweepReport> ItemService::SweepItems(Tx& tx, const std::vector<Item>& items, Date today) {
  SweepReport report;
  Caller system;
  system.username = "system";
  system.roles = RoleSet{Role::kSupervisor};
  auto cal = calendar_.Snapshot();
  for (const Item& item : items) {
    ++report.checked;
    DUBAN_ASSIGN_OR_RETURN(auto notices, tx.notices().ForItem(item.id));
    // An escalation falls due only once the first notice exists: repeat until nothing is due.
    for (int round = 0; round < 4; ++round) {
      std::vector<Condition> due;
      for (auto& c : Conditions(item, notices, today)) {
        if (c.due_on <= today) due.push_back(std::move(c));
      }
      if (due.empty()) break;
      Instant now = clock_.Now();
      DUBAN_ASSIGN_OR_RETURN(Date respond_by,
                             cal->AddWorkingDays(today, policy_.respond_working_days));
      for (const auto& c : due) {
        Notice n = MakeNotice(item, c.level, c.condition, c.key, c.reason, now, today, "system",
                              respond_by);
        Status inserted = tx.notices().Insert(n);
        if (inserted.code() == ErrorCode::kAlreadyExists) continue;  // SPEC §5: never twice
        DUBAN_RETURN_IF_ERROR(inserted);
        notices.push_back(n);
        if (c.level == "listed") {
          ++report.escalated;
        } else {
          ++report.issued;
        }
        DUBAN_RETURN_IF_ERROR(RecordEvent(tx, system, item, item, "notice", c.reason,
                                          {{"notice_id", n.id},
                                           {"number", NoticeNumber(n)},
                                           {"level", c.level},
                                           {"condition", c.condition}}));
      }
    }
    Item after = item;
    after.next_check_on = NextCheck(after, notices, AddDays(today, 1));
    DUBAN_RETURN_IF_ERROR(tx.items().Update(item, after));
  }
  return report;
}

Result<SweepReport> ItemService::Sweep(const Caller& caller) {
  if (!May(caller.roles, Capability::kItemSweep)) {
    return PermissionDenied("只有督查员或系统管理员可以发起巡查");
  }
  Date today = Today();
  SweepReport total;
  std::optional<ItemRepository::CheckCursor> after;
  constexpr int kBatch = 200;
  while (true) {
    std::vector<Item> batch;
    DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
      // L7: a supervisor's sweep looks at the items it supervises (their own unit in its
      // scope) and reports only those; the server's schedule runs as the operator, over all.
      DUBAN_ASSIGN_OR_RETURN(batch, tx.items().DueForCheck(caller.scope(), today, after, kBatch));
      return Status::Ok();
    }));
    if (batch.empty()) break;
    after = ItemRepository::CheckCursor{*batch.back().next_check_on, batch.back().id};
    SweepReport r;
    DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
      // Re-read inside the write: the item may have changed since the batch was listed.
      std::vector<Item> fresh;
      for (const Item& i : batch) {
        DUBAN_ASSIGN_OR_RETURN(Item f, tx.items().Get(Scope::Everything(), i.id));
        if (!caller.scope().Contains(f.unit_path)) continue;  // moved out of scope meanwhile
        if (f.next_check_on && *f.next_check_on <= today) fresh.push_back(std::move(f));
      }
      DUBAN_ASSIGN_OR_RETURN(r, SweepItems(tx, fresh, today));
      return Status::Ok();
    }));
    total.checked += r.checked;
    total.issued += r.issued;
    total.escalated += r.escalated;
    if (static_cast<int>(batch.size()) < kBatch) break;
  }
  return total;
}

}  // namespace duban
