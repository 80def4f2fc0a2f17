// The seam between the repositories' SQL and a database driver. The repositories
// (sql_repositories.h) are written once against this interface; sqlite/ and postgres/ each
// implement it over their C library. SQL uses numbered placeholders ?1, ?2 ... (a driver
// rewrites them to its own form) and the common subset of SQLite and PostgreSQL.
// Threading: a Connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/status.h"
#include "storage/store.h"

namespace duban::sql {

// NULL, an integer or text: every column Duban stores is one of these.
using Value = std::variant<std::monostate, int64_t, std::string>;
using Params = std::vector<Value>;

inline Value Opt(std::optional<int64_t> v) { return v ? Value(*v) : Value(); }

class Row {
 public:
  explicit Row(const std::vector<Value>& cells) : cells_(&cells) {}
  bool IsNull(int column) const;
  // An integer column (text holding an integer is converted; NULL is 0).
  int64_t Int(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  // A text column (an integer is formatted; NULL is "").
  std::string Text(int column) const;

 private:
  const std::vector<Value>* cells_;
};

class Rows {
 public:
  std::vector<std::vector<Value>> cells;
  size_t size() const { return cells.size(); }
  bool empty() const { return cells.empty(); }
  Row operator[](size_t i) const { return Row(cells[i]); }
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs a query and returns all its rows.
  virtual Result<Rows> Query(const std::string& sql, const Params& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<int64_t> Execute(const std::string& sql, const Params& params = {}) = 0;
};

// One page of a list: runs `count_sql` for the total, then `select_sql` with LIMIT/OFFSET
// appended as the next two parameters, and reads each row with `read` (Row -> T or
// Result<T>). Both statements take `params` (?1 ... ?n).
template <typename T, typename Read>
Result<Page<T>> QueryPage(Connection& c, const std::string& count_sql,
                          const std::string& select_sql, Params params, const PageRequest& page,
                          Read read) {
  Page<T> out;
  DUBAN_ASSIGN_OR_RETURN(Rows count, c.Query(count_sql, params));
  out.total = count.empty() ? 0 : count[0].Int(0);
  params.emplace_back(int64_t{page.page_size});
  params.emplace_back(page.offset());
  std::string limit =
      " LIMIT ?" + std::to_string(params.size() - 1) + " OFFSET ?" + std::to_string(params.size());
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c.Query(select_sql + limit, params));
  out.items.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if constexpr (std::is_same_v<decltype(read(rows[i])), T>) {
      out.items.push_back(read(rows[i]));
    } else {
      DUBAN_ASSIGN_OR_RETURN(T item, read(rows[i]));
      out.items.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace duban::sql
