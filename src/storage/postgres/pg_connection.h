// sql::Connection over one libpq connection (RAII), with a per-connection cache of prepared
// statements, bounded: past kMaxPreparedStatements the least recently used is deallocated
// (review L18: IN lists of every length made a statement each, without bound). Parameters go
// as text values through PQexecPrepared — never spliced into SQL.
// Threading: one thread at a time.
#pragma once

#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "storage/sql/connection.h"

struct pg_conn;
struct pg_result;

namespace duban::postgres {

// Owns a PGresult.
class PgResult {
 public:
  explicit PgResult(pg_result* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();
  pg_result* get() const { return r_; }

 private:
  pg_result* r_;
};

class PgConnection final : public sql::Connection {
 public:
  // Connects to `url` (a libpq URI or key=value string). kUnavailable when it cannot.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url,
                                                       int statement_timeout_ms);
  ~PgConnection() override;

  Result<sql::Rows> Query(const std::string& sql, const sql::Params& params) override;
  Result<int64_t> Execute(const std::string& sql, const sql::Params& params) override;
  // Runs SQL without parameters, several statements allowed (transactions, migrations).
  Status Exec(const std::string& sql);
  // False once the connection is lost; the pool replaces it.
  bool healthy() const;
  // Statements prepared on this connection now (at most kMaxPreparedStatements).
  size_t prepared_count() const { return prepared_.size(); }

  static constexpr size_t kMaxPreparedStatements = 256;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  Result<PgResult> Run(const std::string& sql, const sql::Params& params);
  Status Check(const PgResult& result, const std::string& what);

  struct Prepared {
    std::string name;
    std::list<std::string>::iterator use;  // its place in recent_
  };
  pg_conn* conn_;
  std::unordered_map<std::string, Prepared> prepared_;  // by SQL text
  std::list<std::string> recent_;                       // SQL texts, most recently used first
  int64_t statements_made_ = 0;                         // names are never reused
  bool broken_ = false;
};

// "?1 ?2" placeholders to PostgreSQL's "$1 $2", outside quoted strings.
std::string ToPostgresPlaceholders(const std::string& sql);

}  // namespace duban::postgres
