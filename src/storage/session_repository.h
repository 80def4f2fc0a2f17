// Sign-in sessions: stored by the hash of their token.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <string>
#include <string_view>

#include "core/org.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the cookie token; the token itself is never stored
  AccountId account_id = 0;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> Find(std::string_view token_hash) = 0;
  virtual Status Touch(std::string_view token_hash, Instant last_seen_at) = 0;
  virtual Status Delete(std::string_view token_hash) = 0;
  virtual Status DeleteForAccount(AccountId account_id) = 0;
};

}  // namespace duban
