// FaultyConnection: a sql::Connection decorator for fault-injection tests (STYLE.md "a
// fault-injecting wrapper fails the N-th call"). It passes every Query and Execute to the
// connection it wraps and counts them; once armed with FailNth(n), the n-th statement from then
// on returns an error instead of running (the ones after it run again). OpenFaultySqliteStore
// builds an in-memory SQLite store whose writer connection (on which an in-memory store also
// reads) runs through one.
// Threading: the store calls it from its writer thread, the test arms it from its own; the
// counters are atomic, and a test arms it only while no store call is running.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "storage/sql/connection.h"
#include "storage/sqlite/sqlite_store.h"

namespace duban::testing {

class FaultyConnection final : public sql::Connection {
 public:
  explicit FaultyConnection(sql::Connection& inner) : inner_(inner) {}

  // Restarts the count; the `n`-th statement after this fails (n >= 1), or none (n == 0).
  void FailNth(int64_t n) {
    statements_ = 0;
    fail_at_ = n;
    failed_ = false;
  }
  // Statements run or refused since the last FailNth.
  int64_t statements() const { return statements_; }
  // Whether the armed statement has been reached and refused.
  bool failed() const { return failed_; }
  // The refused statement's SQL (its first 120 bytes), for a test's failure message.
  std::string refused_sql() const { return refused_sql_; }
  // The wrapped connection, for a test's own queries (e.g. dumping every table) while no store
  // call runs on it: inside Store::Read of an in-memory store, which holds the writer.
  sql::Connection& inner() { return inner_; }

  Result<sql::Rows> Query(const std::string& sql, const sql::Params& params) override {
    if (Refuse(sql)) return Injected(sql);
    return inner_.Query(sql, params);
  }
  Result<int64_t> Execute(const std::string& sql, const sql::Params& params) override {
    if (Refuse(sql)) return Injected(sql);
    return inner_.Execute(sql, params);
  }

 private:
  bool Refuse(const std::string& sql) {
    const int64_t n = ++statements_;
    if (n != fail_at_) return false;
    failed_ = true;
    refused_sql_ = sql.substr(0, 120);
    return true;
  }
  static Status Injected(const std::string& sql) {
    return Unavailable("injected fault (FaultyConnection) at: " + sql.substr(0, 80));
  }

  sql::Connection& inner_;
  std::atomic<int64_t> statements_{0};
  std::atomic<int64_t> fail_at_{0};
  std::atomic<bool> failed_{false};
  std::string refused_sql_;  // written on the store's thread, read once the call returned
};

// An in-memory SQLite store (migrated) whose writer runs through a FaultyConnection, which
// `*faulty` points to afterwards (owned by the store; valid while the store lives).
inline Result<std::unique_ptr<Store>> OpenFaultySqliteStore(FaultyConnection** faulty) {
  sqlite::SqliteOptions options;
  options.path = ":memory:";
  options.create = true;
  options.reader_connections = 0;
  options.wrap_writer = [faulty](sql::Connection& inner) -> std::unique_ptr<sql::Connection> {
    auto wrapper = std::make_unique<FaultyConnection>(inner);
    *faulty = wrapper.get();
    return wrapper;
  };
  return sqlite::OpenSqliteStore(options);
}

}  // namespace duban::testing
