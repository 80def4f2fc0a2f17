// A fresh PostgreSQL database per test on the cluster named by DUBAN_TEST_PG_URL (started by
// script/test through script/pg-cluster), dropped at scope end. Tests that need it skip when
// the variable is not set.
#pragma once

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace duban::testing {

inline const char* PgBaseUrl() {
  const char* url = std::getenv("DUBAN_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

class TempPgDatabase {
 public:
  TempPgDatabase() {
    base_ = PgBaseUrl();
    std::random_device rd;
    name_ = "duban_t" + std::to_string(rd()) + std::to_string(rd() % 100000);
    Admin("CREATE DATABASE " + name_);
    url_ = base_.substr(0, base_.rfind('/') + 1) + name_;
  }
  ~TempPgDatabase() {
    try {
      Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
  TempPgDatabase(const TempPgDatabase&) = delete;
  TempPgDatabase& operator=(const TempPgDatabase&) = delete;
  const std::string& url() const { return url_; }

  // Runs SQL on this database (for tests that tamper as an attacker would).
  void Exec(const std::string& sql) const { Run(url_, sql); }

 private:
  void Admin(const std::string& sql) const { Run(base_, sql); }
  static void Run(const std::string& url, const std::string& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::string m = PQerrorMessage(c);
      PQfinish(c);
      throw std::runtime_error("test database: " + m);
    }
    PGresult* r = PQexec(c, sql.c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    std::string m = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    if (!ok) throw std::runtime_error("test database: " + m);
  }

  std::string base_, name_, url_;
};

}  // namespace duban::testing
