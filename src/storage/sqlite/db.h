// A thin RAII wrapper over the SQLite C API: Db owns a connection, Statement a prepared
// statement. Every call returns Status; SQLite result codes are mapped once, in db.cc.
// Threading: a Db and its Statements are used by one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace duban::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, std::optional<int64_t> value);
  Statement& BindNull(int index);

  // Steps once: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to completion, for statements without rows.
  Status Run();

  int64_t Int(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

  // Clears bindings and rewinds so a cached statement can be used again.
  void Reset();
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  Status BindStatus() const;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;  // first failing bind's code, reported by Step()
};

class Db {
 public:
  // Opens (creating with `create`) the database file; ":memory:" for a private in-memory one.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  // A statement from the connection's cache, reset and ready to bind. The reference stays
  // valid as long as the Db; do not hold it across another Prepare of the same SQL.
  Result<Statement*> Prepare(const std::string& sql);
  // An uncached statement, for SQL that is built once.
  Result<Statement> PrepareOnce(std::string_view sql);
  int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* raw() const { return db_; }

  // A statement timed with StatementClock that runs longer than `limit` is stopped: its step
  // fails with kUnavailable "查询超时" (review M6; PostgreSQL's statement_timeout). Zero: no
  // limit. Set once, before the connection is used.
  void SetStatementTimeLimit(std::chrono::milliseconds limit);

  // Times one statement, from construction until destruction (RAII; not nested).
  class StatementClock {
   public:
    explicit StatementClock(Db& db);
    ~StatementClock();
    StatementClock(const StatementClock&) = delete;
    StatementClock& operator=(const StatementClock&) = delete;

   private:
    Db& db_;
  };

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  static int OnProgress(void* db);
  sqlite3* db_;
  std::chrono::milliseconds time_limit_{0};
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // while a statement is timed
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Resets a cached statement when the scope ends, so no read stays open past its use.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement* stmt) : stmt_(stmt) {}
  ~ResetOnExit() { stmt_->Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement* stmt_;
};

// Maps an SQLite result code (and the connection's message) to a Status.
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

}  // namespace duban::sqlite
