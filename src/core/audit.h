// The audit chain (SPEC §10): append-only events, each carrying the hash of its own content
// and of the event before it, so any edit or gap is detectable. This header holds the event
// and its canonical byte form; hashing happens in app/ (core uses std only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/org.h"
#include "core/time.h"

namespace duban {

struct AuditEvent {
  int64_t seq = 0;  // 1, 2, 3 ... without gaps
  Instant at;
  std::optional<AccountId> actor_account_id;  // empty for the operator's CLI and system jobs
  std::string actor_username;
  std::string action;       // "unit.create", "account.update", "session.create" ...
  std::string entity_type;  // "unit", "person", "account", "session"
  std::string entity_id;
  std::optional<UnitId> unit_id;  // the unit the entity belongs to: decides who may read it
  std::string unit_path;          // that unit's path when written (scope filter)
  std::string before_json;        // "" when there was no before
  std::string after_json;         // "" when there is no after
  std::string prev_hash;          // hex SHA-256 of the previous event, 64 zeros for the first
  std::string hash;               // hex SHA-256 of prev_hash and CanonicalContent()
};

inline const std::string kGenesisHash(64, '0');

// The exact bytes that are hashed: every field that matters, length-prefixed so no two
// different events share a form.
std::string AuditCanonicalContent(const AuditEvent& event);

}  // namespace duban
