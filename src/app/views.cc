#include "app/views.h"

namespace duban {
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
}  // namespace

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
