#include "http/org_codec.h"

namespace duban::http {
namespace {

using nlohmann::json;

json OptId(std::optional<int64_t> v) { return v ? json(*v) : json(nullptr); }

json ParseSnapshot(const std::string& text) {
  if (text.empty()) return nullptr;
  auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? json(text) : j;
}

}  // namespace

json UnitJson(const Unit& u) {
  return {{"id", u.id},
          {"parent_id", OptId(u.parent_id)},
          {"name", u.name},
          {"kind", u.kind},
          {"code", u.code},
          {"disabled", u.disabled},
          {"child_count", u.child_count},
          {"path_names", u.path_names}};
}

json PersonJson(const Person& p) {
  return {{"id", p.id},     {"unit_id", p.unit_id}, {"unit_name", p.unit_name},
          {"name", p.name}, {"title", p.title},     {"phone", p.phone}};
}

json AccountJson(const Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"person_id", OptId(a.person_id)},
          {"person_name", a.person_name.empty() ? json(nullptr) : json(a.person_name)},
          {"unit_id", a.unit_id},
          {"unit_name", a.unit_name},
          {"roles", a.roles.Names()},
          {"disabled", a.disabled},
          // The end of the last lockout (in the past: not locked now); admins may unlock early.
          {"locked_until", a.locked_until ? json(FormatRfc3339(*a.locked_until)) : json(nullptr)}};
}

json AuditEventJson(const AuditEvent& e) {
  return {{"seq", e.seq},
          {"at", FormatRfc3339(e.at)},
          {"actor_account_id", OptId(e.actor_account_id)},
          {"actor_username", e.actor_username},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"unit_id", OptId(e.unit_id)},
          {"before", ParseSnapshot(e.before_json)},
          {"after", ParseSnapshot(e.after_json)},
          {"hash", e.hash}};
}

}  // namespace duban::http
