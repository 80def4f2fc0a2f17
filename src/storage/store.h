// The storage seam: repositories in the domain's words and the transactions that hold them.
// app/ talks only to these interfaces; sqlite/ (and later postgres/) implement them, and one
// contract suite (tests/storage) proves every implementation alike.
//
// Threading: a Store is thread-safe. A Tx and its repositories belong to the one call of
// Read/Write that handed them out and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/org.h"
#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"

namespace duban {

inline constexpr int kMaxPageSize = 200;

struct PageRequest {
  int page = 1;  // 1-based
  int page_size = 20;
  int64_t offset() const { return int64_t(page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

// Every read and write takes the caller's Scope: a row outside it is kNotFound, exactly as if
// it did not exist (SPEC §1: out-of-scope data must not even be confirmed to exist).
class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<Unit> Get(const Scope& scope, UnitId id) = 0;
  struct Query {
    std::optional<UnitId> parent_id;  // children of this unit; none: the whole scope
    std::string q;                    // substring of the name
    PageRequest page;
  };
  virtual Result<Page<Unit>> List(const Scope& scope, const Query& query) = 0;
  // Inserts `unit` under unit.parent_id (which must be in scope; none: a root, only with
  // Scope::Everything()). Sets unit.id and unit.path.
  virtual Status Insert(const Scope& scope, Unit& unit) = 0;
  // Writes name, kind, code and disabled of the unit with unit.id.
  virtual Status Update(const Scope& scope, const Unit& unit) = 0;
  // Re-parents the unit and rewrites the paths of its whole subtree.
  virtual Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) = 0;
  virtual Result<int64_t> Count(const Scope& scope) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Result<Person> Get(const Scope& scope, PersonId id) = 0;
  struct Query {
    std::optional<UnitId> unit_id;
    bool subtree = true;  // with unit_id: the unit's whole subtree, not only the unit
    std::string q;        // substring of the name
    PageRequest page;
  };
  virtual Result<Page<Person>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Insert(const Scope& scope, Person& person) = 0;
  virtual Status Update(const Scope& scope, const Person& person) = 0;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual Result<Account> Get(const Scope& scope, AccountId id) = 0;
  // Sign-in looks an account up before there is a caller, so there is no scope to apply.
  virtual Result<Account> FindByUsername(std::string_view username) = 0;
  struct Query {
    std::optional<UnitId> unit_id;  // accounts of this unit's subtree
    std::string q;                  // substring of username or person name
    PageRequest page;
  };
  virtual Result<Page<Account>> List(const Scope& scope, const Query& query) = 0;
  virtual Status Insert(const Scope& scope, Account& account) = 0;
  // Writes every field of the account but the username.
  virtual Status Update(const Scope& scope, const Account& account) = 0;
  virtual Result<int64_t> Count() = 0;
};

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

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends the event as given (seq, hashes included); kAlreadyExists if seq is taken.
  virtual Status Append(const AuditEvent& event) = 0;
  virtual Result<std::optional<AuditEvent>> Last() = 0;
  struct Query {
    std::string entity_type;
    std::string entity_id;
    PageRequest page;
  };
  // Newest first, events whose unit is in scope.
  virtual Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) = 0;
  // Events with seq > after_seq in seq order, at most `limit`: for verifying the chain.
  virtual Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) = 0;
};

// Raw rows of a table, every value as text (NULL as nullopt): for moving a whole database
// between stores without going through the domain (ids, hashes and instants stay as they are).
struct TableChunk {
  std::string table;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class BulkRepository {
 public:
  virtual ~BulkRepository() = default;
  // The tables to copy, parents before children.
  virtual std::vector<std::string> Tables() const = 0;
  virtual Result<int64_t> Count(const std::string& table) = 0;
  // Rows in primary-key order, `limit` from `offset`.
  virtual Result<TableChunk> Read(const std::string& table, int64_t offset, int limit) = 0;
  virtual Status Write(const TableChunk& chunk) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual UnitRepository& units() = 0;
  virtual PersonRepository& people() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  virtual BulkRepository& bulk() = 0;
};

struct StoreStats {
  int64_t reads = 0;
  int64_t writes = 0;   // write functions run
  int64_t commits = 0;  // transactions committed (writes / commits = group size)
  int64_t write_errors = 0;
  int reader_connections = 0;
  int readers_in_use = 0;
  int64_t write_queue_depth = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a consistent read-only snapshot. Returns fn's status, or the store's error.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction. When fn returns an error, nothing it did is kept. When
  // Write returns Ok, the change is durable. Concurrent writers may be committed together
  // (group commit); each still sees all or nothing of its own work.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  virtual StoreStats Stats() const = 0;
  // Schema version the database is at, and the newest this binary knows.
  virtual int SchemaVersion() const = 0;
};

}  // namespace duban
