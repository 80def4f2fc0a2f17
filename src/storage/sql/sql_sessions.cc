// The session repository in SQL: sessions by the hash of their token.
#include <string>
#include <string_view>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {

Status SqlSessions::Insert(const SessionRecord& s) {
  return c_
      .Execute(
          "INSERT INTO sessions(token_hash, account_id, csrf_token, created_at, "
          "last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
          {s.token_hash, s.account_id, s.csrf_token, ToUnixMicros(s.created_at),
           ToUnixMicros(s.last_seen_at)})
      .status();
}

Result<SessionRecord> SqlSessions::Find(std::string_view token_hash) {
  return ReadOne<SessionRecord>(
      c_.Query("SELECT token_hash, account_id, csrf_token, created_at, last_seen_at "
               "FROM sessions WHERE token_hash = ?1",
               {std::string(token_hash)}),
      [](const Row& r) {
        SessionRecord s;
        Columns(r).Into(s.token_hash, s.account_id, s.csrf_token, s.created_at, s.last_seen_at);
        return s;
      },
      [] { return NotFound("会话不存在"); });
}

Status SqlSessions::Touch(std::string_view token_hash, Instant last_seen_at) {
  return c_
      .Execute("UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2",
               {ToUnixMicros(last_seen_at), std::string(token_hash)})
      .status();
}

Status SqlSessions::Delete(std::string_view token_hash) {
  return c_.Execute("DELETE FROM sessions WHERE token_hash = ?1", {std::string(token_hash)})
      .status();
}

Status SqlSessions::DeleteForAccount(AccountId account_id) {
  return c_.Execute("DELETE FROM sessions WHERE account_id = ?1", {account_id}).status();
}

}  // namespace duban::sql
