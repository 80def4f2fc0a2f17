// The repositories of store.h written once in SQL over a sql::Connection, shared by every
// SQL backend. Threading: a SqlTx is used by the one thread that holds its connection.
#pragma once

#include "storage/sql/connection.h"
#include "storage/store.h"

namespace duban::sql {

class SqlUnits final : public UnitRepository {
 public:
  explicit SqlUnits(Connection& c) : c_(c) {}
  Result<Unit> Get(const Scope& scope, UnitId id) override;
  Result<Page<Unit>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Unit& unit) override;
  Status Update(const Scope& scope, const Unit& unit) override;
  Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) override;
  Result<int64_t> Count(const Scope& scope) override;

 private:
  Status FillPathNames(Unit& unit);
  Connection& c_;
};

class SqlPeople final : public PersonRepository {
 public:
  SqlPeople(Connection& c, SqlUnits& units) : c_(c), units_(units) {}
  Result<Person> Get(const Scope& scope, PersonId id) override;
  Result<Page<Person>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Person& person) override;
  Status Update(const Scope& scope, const Person& person) override;

 private:
  Connection& c_;
  SqlUnits& units_;
};

class SqlAccounts final : public AccountRepository {
 public:
  SqlAccounts(Connection& c, SqlUnits& units, SqlPeople& people)
      : c_(c), units_(units), people_(people) {}
  Result<Account> Get(const Scope& scope, AccountId id) override;
  Result<Account> FindByUsername(std::string_view username) override;
  Result<Page<Account>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Account& account) override;
  Status Update(const Scope& scope, const Account& account) override;
  Result<int64_t> Count() override;

 private:
  Status CheckReferences(const Scope& scope, const Account& account);
  Connection& c_;
  SqlUnits& units_;
  SqlPeople& people_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(Connection& c) : c_(c) {}
  Status Insert(const SessionRecord& session) override;
  Result<SessionRecord> Find(std::string_view token_hash) override;
  Status Touch(std::string_view token_hash, Instant last_seen_at) override;
  Status Delete(std::string_view token_hash) override;
  Status DeleteForAccount(AccountId account_id) override;

 private:
  Connection& c_;
};

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(Connection& c) : c_(c) {}
  Status Append(const AuditEvent& event) override;
  Result<std::optional<AuditEvent>> Last() override;
  Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) override;
  Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) override;

 private:
  Connection& c_;
};

class SqlBulk final : public BulkRepository {
 public:
  explicit SqlBulk(Connection& c) : c_(c) {}
  std::vector<std::string> Tables() const override;
  Result<int64_t> Count(const std::string& table) override;
  Result<TableChunk> Read(const std::string& table, int64_t offset, int limit) override;
  Status Write(const TableChunk& chunk) override;

 private:
  Connection& c_;
};

class SqlTx final : public Tx {
 public:
  explicit SqlTx(Connection& c)
      : units_(c),
        people_(c, units_),
        accounts_(c, units_, people_),
        sessions_(c),
        audit_(c),
        bulk_(c) {}
  UnitRepository& units() override { return units_; }
  PersonRepository& people() override { return people_; }
  AccountRepository& accounts() override { return accounts_; }
  SessionRepository& sessions() override { return sessions_; }
  AuditRepository& audit() override { return audit_; }
  BulkRepository& bulk() override { return bulk_; }

 private:
  SqlUnits units_;
  SqlPeople people_;
  SqlAccounts accounts_;
  SqlSessions sessions_;
  SqlAudit audit_;
  SqlBulk bulk_;
};

}  // namespace duban::sql
