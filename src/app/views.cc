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
          {"disabled", a.disabled}};
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

}  // namespace duban
