#include "core/audit.h"

namespace duban {
namespace {

void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string AuditCanonicalContent(const AuditEvent& e) {
  std::string out;
  out.reserve(128 + e.before_json.size() + e.after_json.size());
  Field(out, std::to_string(e.seq));
  Field(out, std::to_string(ToUnixMicros(e.at)));
  Field(out, e.actor_account_id ? std::to_string(*e.actor_account_id) : "");
  Field(out, e.actor_username);
  Field(out, e.action);
  Field(out, e.entity_type);
  Field(out, e.entity_id);
  Field(out, e.unit_id ? std::to_string(*e.unit_id) : "");
  Field(out, e.unit_path);
  Field(out, e.before_json);
  Field(out, e.after_json);
  Field(out, e.prev_hash);
  return out;
}

}  // namespace duban
