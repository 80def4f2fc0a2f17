#include "app/views.h"

namespace duban {
namespace {

nlohmann::json ParseSnapshot(const std::string& text) {
  if (text.empty()) return nullptr;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

}  // namespace

nlohmann::json UnitView(const Unit& u) {
  return {{"id", u.id},
          {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
          {"name", u.name},
          {"kind", u.kind},
          {"code", u.code},
          {"disabled", u.disabled},
          {"child_count", u.child_count},
          {"path_names", u.path_names}};
}

nlohmann::json PersonView(const Person& p) {
  return {{"id", p.id},     {"unit_id", p.unit_id}, {"unit_name", p.unit_name},
          {"name", p.name}, {"title", p.title},     {"phone", p.phone}};
}

nlohmann::json AccountView(const Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"person_id", a.person_id ? nlohmann::json(*a.person_id) : nlohmann::json(nullptr)},
          {"person_name",
           a.person_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.person_name)},
          {"unit_id", a.unit_id},
          {"unit_name", a.unit_name},
          {"roles", a.roles.Names()},
          {"disabled", a.disabled},
          // The end of the last lockout (in the past: not locked now); admins may unlock early.
          {"locked_until", a.locked_until ? nlohmann::json(FormatRfc3339(*a.locked_until))
                                          : nlohmann::json(nullptr)}};
}

nlohmann::json AuditEventView(const AuditEvent& e) {
  return {{"seq", e.seq},
          {"at", FormatRfc3339(e.at)},
          {"actor_account_id",
           e.actor_account_id ? nlohmann::json(*e.actor_account_id) : nlohmann::json(nullptr)},
          {"actor_username", e.actor_username},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"unit_id", e.unit_id ? nlohmann::json(*e.unit_id) : nlohmann::json(nullptr)},
          {"before", ParseSnapshot(e.before_json)},
          {"after", ParseSnapshot(e.after_json)},
          {"hash", e.hash}};
}

namespace {
nlohmann::json OptId(std::optional<int64_t> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json OptDate(std::optional<Date> d) {
  return d ? nlohmann::json(FormatDate(*d)) : nlohmann::json(nullptr);
}
nlohmann::json OptText(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}
nlohmann::json Details(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}
}  // namespace

nlohmann::json ItemView(const Item& i, std::optional<Warning> warning,
                        const std::vector<ItemAction>& allowed) {
  nlohmann::json actions = nlohmann::json::array();
  for (ItemAction a : allowed) actions.push_back(std::string(ItemActionName(a)));
  nlohmann::json extension = nullptr;
  if (i.pending_extension) {
    extension = {{"new_deadline", FormatDate(i.pending_extension->new_deadline)},
                 {"reason", i.pending_extension->reason},
                 {"requested_at", FormatRfc3339(i.pending_extension->requested_at)},
                 {"requested_by", i.pending_extension->requested_by}};
  }
  return {
      {"id", i.id},
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
      {"deadline", OptDate(i.deadline)},
      {"deadline_working_days", i.deadline_working_days ? nlohmann::json(*i.deadline_working_days)
                                                        : nlohmann::json(nullptr)},
      {"report_every", ReportEveryName(i.report_every)},
      {"rectify_mode", RectifyModeName(i.rectify_mode)},
      {"public", i.is_public},
      {"parent_id", OptId(i.parent_id)},
      {"status", std::string(ItemStatusName(i.status))},
      {"warning",
       warning ? nlohmann::json(std::string(WarningName(*warning))) : nlohmann::json(nullptr)},
      {"progress", i.progress},
      {"closed_on", OptDate(i.closed_on)},
      {"recurrence_of", OptId(i.recurrence_of)},
      {"reopen_count", i.reopen_count},
      {"satisfaction",
       OptText(std::string(i.satisfaction ? SatisfactionName(*i.satisfaction) : ""))},
      {"pending_extension", extension},
      {"details", Details(i.details_json)},
      {"created_at", FormatRfc3339(i.created_at)},
      {"updated_at", FormatRfc3339(i.updated_at)},
      {"allowed_actions", actions}};
}

nlohmann::json ItemAuditView(const Item& i) {
  return {{"code", i.code},
          {"status", std::string(ItemStatusName(i.status))},
          {"title", i.title},
          {"unit_id", i.unit_id},
          {"responsible_unit_id", OptId(i.responsible_unit_id)},
          {"responsible_person_id", OptId(i.responsible_person_id)},
          {"lead_leader_id", OptId(i.lead_leader_id)},
          {"deadline", OptDate(i.deadline)},
          {"progress", i.progress},
          {"measures", i.measures},
          {"reopen_count", i.reopen_count},
          {"satisfaction",
           OptText(std::string(i.satisfaction ? SatisfactionName(*i.satisfaction) : ""))}};
}

nlohmann::json ItemEventView(const ItemEvent& e) {
  auto data = nlohmann::json::parse(e.data_json, nullptr, false);
  return {{"id", e.id},
          {"at", FormatRfc3339(e.at)},
          {"actor_username", e.actor_username},
          {"action", e.action},
          {"from_status", OptText(e.from_status)},
          {"to_status", e.to_status},
          {"text", OptText(e.text)},
          {"data", data.is_discarded() ? nlohmann::json::object() : data}};
}

nlohmann::json NoticeView(const Notice& n) {
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
          {"responded_at", n.responded_at ? nlohmann::json(FormatRfc3339(*n.responded_at))
                                          : nlohmann::json(nullptr)},
          {"responded_by", OptText(n.responded_by)}};
}

namespace {
template <typename File>
nlohmann::json FileMetaView(const File& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"size", f.size},
          {"content_type", f.content_type},
          {"sha256", f.sha256},
          {"uploaded_at", FormatRfc3339(f.uploaded_at)},
          {"uploaded_by", f.uploaded_by}};
}
}  // namespace

nlohmann::json FileView(const StoredFile& f) { return FileMetaView(f); }
nlohmann::json FileView(const EventFile& f) { return FileMetaView(f); }

nlohmann::json CampaignView(const Campaign& c) {
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& cat : c.categories) {
    categories.push_back({{"id", cat.id}, {"name", cat.name}, {"parent_id", OptId(cat.parent_id)}});
  }
  auto phases = nlohmann::json::parse(c.phases_json, nullptr, false);
  return {{"id", c.id},
          {"name", c.name},
          {"description", c.description},
          {"starts_on", OptDate(c.starts_on)},
          {"ends_on", OptDate(c.ends_on)},
          {"unit_id", c.unit_id},
          {"phases", phases.is_array() ? phases : nlohmann::json::array()},
          {"categories", categories}};
}

}  // namespace duban
