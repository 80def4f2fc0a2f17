// sql::Connection over one SQLite connection, with its prepared-statement cache.
// Threading: one thread at a time, like the Db it wraps.
#pragma once

#include "storage/sql/connection.h"
#include "storage/sqlite/db.h"

namespace duban::sqlite {

class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(Db& db) : db_(db) {}
  Result<sql::Rows> Query(const std::string& sql, const sql::Params& params) override;
  Result<int64_t> Execute(const std::string& sql, const sql::Params& params) override;

 private:
  Result<Statement*> Bind(const std::string& sql, const sql::Params& params);
  Db& db_;
};

}  // namespace duban::sqlite
