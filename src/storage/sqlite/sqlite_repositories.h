// The repositories of store.h over one SQLite connection. Internal to the SQLite backend.
// Threading: a SqliteTx is used by the one thread that holds its connection.
#pragma once

#include "storage/sqlite/db.h"
#include "storage/store.h"

namespace duban::sqlite {

class SqliteUnits final : public UnitRepository {
 public:
  explicit SqliteUnits(Db& db) : db_(db) {}
  Result<Unit> Get(const Scope& scope, UnitId id) override;
  Result<Page<Unit>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Unit& unit) override;
  Status Update(const Scope& scope, const Unit& unit) override;
  Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) override;
  Result<int64_t> Count(const Scope& scope) override;

 private:
  Status FillPathNames(Unit& unit);
  Db& db_;
};

class SqlitePeople final : public PersonRepository {
 public:
  SqlitePeople(Db& db, SqliteUnits& units) : db_(db), units_(units) {}
  Result<Person> Get(const Scope& scope, PersonId id) override;
  Result<Page<Person>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Person& person) override;
  Status Update(const Scope& scope, const Person& person) override;

 private:
  Db& db_;
  SqliteUnits& units_;
};

class SqliteAccounts final : public AccountRepository {
 public:
  SqliteAccounts(Db& db, SqliteUnits& units, SqlitePeople& people)
      : db_(db), units_(units), people_(people) {}
  Result<Account> Get(const Scope& scope, AccountId id) override;
  Result<Account> FindByUsername(std::string_view username) override;
  Result<Page<Account>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Account& account) override;
  Status Update(const Scope& scope, const Account& account) override;
  Result<int64_t> Count() override;

 private:
  Status CheckReferences(const Scope& scope, const Account& account);
  Db& db_;
  SqliteUnits& units_;
  SqlitePeople& people_;
};

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(Db& db) : db_(db) {}
  Status Insert(const SessionRecord& session) override;
  Result<SessionRecord> Find(std::string_view token_hash) override;
  Status Touch(std::string_view token_hash, Instant last_seen_at) override;
  Status Delete(std::string_view token_hash) override;
  Status DeleteForAccount(AccountId account_id) override;

 private:
  Db& db_;
};

class SqliteAudit final : public AuditRepository {
 public:
  explicit SqliteAudit(Db& db) : db_(db) {}
  Status Append(const AuditEvent& event) override;
  Result<std::optional<AuditEvent>> Last() override;
  Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) override;
  Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) override;

 private:
  Db& db_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Db& db)
      : units_(db),
        people_(db, units_),
        accounts_(db, units_, people_),
        sessions_(db),
        audit_(db) {}
  UnitRepository& units() override { return units_; }
  PersonRepository& people() override { return people_; }
  AccountRepository& accounts() override { return accounts_; }
  SessionRepository& sessions() override { return sessions_; }
  AuditRepository& audit() override { return audit_; }

 private:
  SqliteUnits units_;
  SqlitePeople people_;
  SqliteAccounts accounts_;
  SqliteSessions sessions_;
  SqliteAudit audit_;
};

}  // namespace duban::sqlite
