#include "http/item_json.h"

#include "core/text.h"
#include "http/json_writer.h"

namespace duban::http {
namespace {

using nlohmann::json;

json OptId(std::optional<int64_t> v) { return v ? json(*v) : json(nullptr); }
json OptDateJson(std::optional<Date> d) { return d ? json(FormatDate(*d)) : json(nullptr); }
json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json Details(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

json PendingExtension(const Item& i) {
  if (!i.pending_extension) return nullptr;
  return {{"new_deadline", FormatDate(i.pending_extension->new_deadline)},
          {"reason", i.pending_extension->reason},
          {"requested_at", FormatRfc3339(i.pending_extension->requested_at)},
          {"requested_by", i.pending_extension->requested_by}};
}

template <typename File>
json FileMetaJson(const File& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"size", f.size},
          {"content_type", f.content_type},
          {"sha256", f.sha256},
          {"uploaded_at", FormatRfc3339(f.uploaded_at)},
          {"uploaded_by", f.uploaded_by}};
}

}  // namespace

json ItemJson(const Item& i, std::optional<Warning> warning,
              const std::vector<ItemAction>& allowed) {
  json actions = json::array();
  for (ItemAction a : allowed) actions.push_back(std::string(ItemActionName(a)));
  return {{"id", i.id},
          {"code", i.code},
          {"kind", std::string(ItemKindName(i.kind))},
          {"title", i.title},
          {"description", i.description},
          {"campaign_id", OptId(i.campaign_id)},
          {"campaign_name", OptText(i.campaign_name)},
          {"category_id", OptId(i.category_id)},
          {"category_name", OptText(i.category_name)},
          {"source", i.source},
          {"severity", i.severity},
          {"unit_id", i.unit_id},
          {"unit_name", i.unit_name},
          {"found_on", FormatDate(i.found_on)},
          {"found_by", i.found_by},
          {"responsible_unit_id", OptId(i.responsible_unit_id)},
          {"responsible_unit_name", OptText(i.responsible_unit_name)},
          {"responsible_person_id", OptId(i.responsible_person_id)},
          {"responsible_person_name", OptText(i.responsible_person_name)},
          {"lead_leader_id", OptId(i.lead_leader_id)},
          {"lead_leader_name", OptText(i.lead_leader_name)},
          {"assisting_unit_ids", i.assisting_unit_ids},
          {"measures", i.measures},
          {"deadline", OptDateJson(i.deadline)},
          {"deadline_working_days",
           i.deadline_working_days ? json(*i.deadline_working_days) : json(nullptr)},
          {"report_every", ReportEveryName(i.report_every)},
          {"rectify_mode", RectifyModeName(i.rectify_mode)},
          {"public", i.is_public},
          {"parent_id", OptId(i.parent_id)},
          {"status", std::string(ItemStatusName(i.status))},
          {"warning", warning ? json(std::string(WarningName(*warning))) : json(nullptr)},
          {"progress", i.progress},
          {"closed_on", OptDateJson(i.closed_on)},
          {"recurrence_of", OptId(i.recurrence_of)},
          {"reopen_count", i.reopen_count},
          {"satisfaction",
           OptText(std::string(i.satisfaction ? SatisfactionName(*i.satisfaction) : ""))},
          {"pending_extension", PendingExtension(i)},
          {"details", Details(i.details_json)},
          {"created_at", FormatRfc3339(i.created_at)},
          {"updated_at", FormatRfc3339(i.updated_at)},
          {"allowed_actions", actions}};
}

void WriteItemJson(JsonWriter& w, const Item& i, std::optional<Warning> warning,
                   const std::vector<ItemAction>& allowed) {
  // ItemJson's fields in the order nlohmann prints them (sorted keys).
  auto opt_id = [&](std::optional<int64_t> v) { v ? w.Int(*v) : w.Null(); };
  auto opt_text = [&](std::string_view t) { t.empty() ? w.Null() : w.String(t); };
  auto opt_date = [&](std::optional<Date> d) { d ? w.String(FormatDate(*d)) : w.Null(); };
  w.BeginObject();
  w.Key("allowed_actions");
  w.BeginArray();
  for (ItemAction a : allowed) w.String(ItemActionName(a));
  w.EndArray();
  w.Key("assisting_unit_ids");
  w.BeginArray();
  for (UnitId id : i.assisting_unit_ids) w.Int(id);
  w.EndArray();
  w.Key("campaign_id");
  opt_id(i.campaign_id);
  w.Key("campaign_name");
  opt_text(i.campaign_name);
  w.Key("category_id");
  opt_id(i.category_id);
  w.Key("category_name");
  opt_text(i.category_name);
  w.Key("closed_on");
  opt_date(i.closed_on);
  w.Key("code");
  w.String(i.code);
  w.Key("created_at");
  w.String(FormatRfc3339(i.created_at));
  w.Key("deadline");
  opt_date(i.deadline);
  w.Key("deadline_working_days");
  i.deadline_working_days ? w.Int(*i.deadline_working_days) : w.Null();
  w.Key("description");
  w.String(i.description);
  w.Key("details");
  if (i.details_json.empty() || i.details_json == "{}") {
    w.BeginObject();
    w.EndObject();
  } else {
    w.Value(Details(i.details_json));
  }
  w.Key("found_by");
  w.String(i.found_by);
  w.Key("found_on");
  w.String(FormatDate(i.found_on));
  w.Key("id");
  w.Int(i.id);
  w.Key("kind");
  w.String(ItemKindName(i.kind));
  w.Key("lead_leader_id");
  opt_id(i.lead_leader_id);
  w.Key("lead_leader_name");
  opt_text(i.lead_leader_name);
  w.Key("measures");
  w.BeginArray();
  for (const auto& m : i.measures) w.String(m);
  w.EndArray();
  w.Key("parent_id");
  opt_id(i.parent_id);
  w.Key("pending_extension");
  w.Value(PendingExtension(i));
  w.Key("progress");
  w.Int(i.progress);
  w.Key("public");
  w.Bool(i.is_public);
  w.Key("rectify_mode");
  w.String(RectifyModeName(i.rectify_mode));
  w.Key("recurrence_of");
  opt_id(i.recurrence_of);
  w.Key("reopen_count");
  w.Int(i.reopen_count);
  w.Key("report_every");
  w.String(ReportEveryName(i.report_every));
  w.Key("responsible_person_id");
  opt_id(i.responsible_person_id);
  w.Key("responsible_person_name");
  opt_text(i.responsible_person_name);
  w.Key("responsible_unit_id");
  opt_id(i.responsible_unit_id);
  w.Key("responsible_unit_name");
  opt_text(i.responsible_unit_name);
  w.Key("satisfaction");
  opt_text(i.satisfaction ? SatisfactionName(*i.satisfaction) : "");
  w.Key("severity");
  w.String(i.severity);
  w.Key("source");
  w.String(i.source);
  w.Key("status");
  w.String(ItemStatusName(i.status));
  w.Key("title");
  w.String(i.title);
  w.Key("unit_id");
  w.Int(i.unit_id);
  w.Key("unit_name");
  w.String(i.unit_name);
  w.Key("updated_at");
  w.String(FormatRfc3339(i.updated_at));
  w.Key("warning");
  warning ? w.String(WarningName(*warning)) : w.Null();
  w.EndObject();
}

json ItemEventJson(const ItemEvent& e) {
  auto data = json::parse(e.data_json, nullptr, false);
  return {{"id", e.id},
          {"at", FormatRfc3339(e.at)},
          {"actor_username", e.actor_username},
          {"action", e.action},
          {"from_status", OptText(e.from_status)},
          {"to_status", e.to_status},
          {"text", OptText(e.text)},
          {"data", data.is_discarded() ? json::object() : data}};
}

json NoticeJson(const Notice& n) {
  return {{"id", n.id},
          {"number", "督〔" + std::to_string(n.year) + "〕" + std::to_string(n.number) + "号"},
          {"item_id", n.item_id},
          {"unit_id", n.unit_id},
          {"level", n.level},
          {"condition", n.condition},
          {"reason", n.reason},
          {"issued_at", FormatRfc3339(n.issued_at)},
          {"issued_by", n.issued_by},
          {"respond_by", FormatDate(n.respond_by)},
          {"status", n.status},
          {"response_text", OptText(n.response_text)},
          {"responded_at", n.responded_at ? json(FormatRfc3339(*n.responded_at)) : json(nullptr)},
          {"responded_by", OptText(n.responded_by)}};
}

json NoticeListingJson(const NoticeListing& n) {
  json j = NoticeJson(n.notice);
  if (n.item) {
    j["item_code"] = n.item->code;
    j["item_title"] = n.item->title;
    j["lead_leader_name"] = OptText(n.item->lead_leader_name);
  }
  if (!n.unit_name.empty()) j["unit_name"] = n.unit_name;
  return j;
}

json FileJson(const StoredFile& f) { return FileMetaJson(f); }
json FileJson(const EventFile& f) { return FileMetaJson(f); }

}  // namespace duban::http
