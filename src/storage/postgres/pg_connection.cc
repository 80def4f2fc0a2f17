#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace duban::postgres {
namespace {

// Type OIDs from pg_type.h for the integer types Duban stores.
constexpr Oid kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23;

// SQLSTATE classes to error codes: the one place PostgreSQL errors are interpreted.
Status FromSqlState(const char* state, const std::string& message) {
  std::string s = state ? state : "";
  if (s == "23505") return AlreadyExists(message);
  if (s == "23503") return FailedPrecondition(message);
  if (s.starts_with("23") || s.starts_with("22")) return InvalidArgument(message);
  if (s == "40001" || s == "40P01") return Aborted(message);
  if (s == "57014") return Unavailable("查询超时，已停止：请缩小查询范围后重试（" + message + "）");
  if (s.starts_with("08") || s.starts_with("57P") || s == "53300") {
    return Unavailable("数据库不可用: " + message);
  }
  return Internal(message);
}

}  // namespace

PgResult::~PgResult() {
  if (r_) PQclear(r_);
}

std::string ToPostgresPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url,
                                                            int statement_timeout_ms) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    return Unavailable("无法连接 PostgreSQL: " + message);
  }
  // Server notices ("already exists, skipping") are not errors; keep them off the terminal.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PgConnection> c(new PgConnection(conn));
  DUBAN_RETURN_IF_ERROR(c->Exec("SET statement_timeout = " + std::to_string(statement_timeout_ms) +
                                "; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::healthy() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

Status PgConnection::Check(const PgResult& result, const std::string& what) {
  ExecStatusType st = result.get() ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
  if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
  const char* state = result.get() ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result.get() ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (broken_ && !state) return Unavailable("数据库连接中断: " + message);
  return FromSqlState(state, what + ": " + message);
}

Status PgConnection::Exec(const std::string& sql) {
  PgResult r(PQexec(conn_, sql.c_str()));
  return Check(r, "exec");
}

Result<PgResult> PgConnection::Run(const std::string& sql, const sql::Params& params) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) {
    recent_.splice(recent_.begin(), recent_, it->second.use);
  } else {
    if (prepared_.size() >= kMaxPreparedStatements) {
      // Prepared statements belong to the session: a rollback does not bring this one back.
      auto old = prepared_.find(recent_.back());
      DUBAN_RETURN_IF_ERROR(Exec("DEALLOCATE " + old->second.name));
      prepared_.erase(old);
      recent_.pop_back();
    }
    std::string name = "s" + std::to_string(++statements_made_);
    PgResult prep(PQprepare(conn_, name.c_str(), ToPostgresPlaceholders(sql).c_str(),
                            static_cast<int>(params.size()), nullptr));
    DUBAN_RETURN_IF_ERROR(Check(prep, "prepare"));
    recent_.push_front(sql);
    it = prepared_.emplace(sql, Prepared{name, recent_.begin()}).first;
  }
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    if (auto* n = std::get_if<int64_t>(&params[i])) {
      texts[i] = std::to_string(*n);
      values[i] = texts[i].c_str();
    } else if (auto* s = std::get_if<std::string>(&params[i])) {
      values[i] = s->c_str();
    }
  }
  PgResult r(PQexecPrepared(conn_, it->second.name.c_str(), static_cast<int>(params.size()),
                            values.data(), nullptr, nullptr, 0));
  DUBAN_RETURN_IF_ERROR(Check(r, "query"));
  return r;
}

Result<sql::Rows> PgConnection::Query(const std::string& sql, const sql::Params& params) {
  DUBAN_ASSIGN_OR_RETURN(PgResult r, Run(sql, params));
  sql::Rows rows;
  int n = PQntuples(r.get()), columns = PQnfields(r.get());
  rows.cells.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    std::vector<sql::Value> cells(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r.get(), i, c)) continue;
      const char* text = PQgetvalue(r.get(), i, c);
      Oid type = PQftype(r.get(), c);
      if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
        int64_t v = 0;
        std::from_chars(text, text + std::strlen(text), v);
        cells[c] = v;
      } else {
        cells[c] = std::string(text, static_cast<size_t>(PQgetlength(r.get(), i, c)));
      }
    }
    rows.cells.push_back(std::move(cells));
  }
  return rows;
}

Result<int64_t> PgConnection::Execute(const std::string& sql, const sql::Params& params) {
  DUBAN_ASSIGN_OR_RETURN(PgResult r, Run(sql, params));
  const char* affected = PQcmdTuples(r.get());
  int64_t n = 0;
  std::from_chars(affected, affected + std::strlen(affected), n);
  return n;
}

}  // namespace duban::postgres
