#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

namespace duban::sqlite {

// SQLite understands ?NNN placeholders natively, so the SQL goes through unchanged.
Result<Statement*> SqliteConnection::Bind(const std::string& sql, const sql::Params& params) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, db_.Prepare(sql));
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    const sql::Value& v = params[i];
    if (auto* n = std::get_if<int64_t>(&v)) {
      st->Bind(index, *n);
    } else if (auto* s = std::get_if<std::string>(&v)) {
      st->Bind(index, *s);
    } else {
      st->BindNull(index);
    }
  }
  return st;
}

Result<sql::Rows> SqliteConnection::Query(const std::string& sql, const sql::Params& params) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, Bind(sql, params));
  ResetOnExit reset(st);
  Db::StatementClock clock(db_);
  sql::Rows rows;
  int columns = sqlite3_column_count(st->raw());
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::vector<sql::Value> cells(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(st->raw(), c)) {
        case SQLITE_NULL:
          break;
        case SQLITE_INTEGER:
          cells[c] = st->Int(c);
          break;
        default:
          cells[c] = st->Text(c);
          break;
      }
    }
    rows.cells.push_back(std::move(cells));
  }
  return rows;
}

Result<int64_t> SqliteConnection::Execute(const std::string& sql, const sql::Params& params) {
  DUBAN_ASSIGN_OR_RETURN(Statement * st, Bind(sql, params));
  ResetOnExit reset(st);
  Db::StatementClock clock(db_);
  DUBAN_RETURN_IF_ERROR(st->Run());
  return int64_t{db_.Changes()};
}

}  // namespace duban::sqlite
