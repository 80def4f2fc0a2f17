// Small helpers shared by the SQL repositories: a WHERE-clause builder with numbered
// parameters, the column forms of dates and instants, the one-row read of a get-by-id, name
// batches, and a row inserter. Internal to storage/sql; thread-compatible.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/scope.h"
#include "core/status.h"
#include "core/time.h"
#include "storage/sql/connection.h"

namespace duban::sql {

// Collects a WHERE clause and its numbered parameters together.
class Where {
 public:
  std::string Param(Value v) {
    params_.push_back(std::move(v));
    return "?" + std::to_string(params_.size());
  }
  void And(const std::string& condition) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
  }
  const std::string& sql() const { return sql_; }
  Params& params() { return params_; }

 private:
  std::string sql_;
  Params params_;
};

inline Value DateValue(std::optional<Date> d) { return d ? Value(FormatDate(*d)) : Value(); }
inline Value MicrosValue(std::optional<Instant> t) { return t ? Value(ToUnixMicros(*t)) : Value(); }
inline std::optional<Date> DateOf(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return ParseDate(r.Text(c));
}
inline std::optional<Instant> InstantOf(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return FromUnixMicros(r.Int(c));
}

// Reads a row's columns in order into fields, each converted by the field's type: a reader
// names the fields in the SELECT's order instead of numbering the columns by hand. Integers
// are stored for bool and int, text for strings and dates, Unix microseconds for instants;
// NULL reads as an empty optional.
class Columns {
 public:
  explicit Columns(const Row& row) : row_(row) {}

  // Fills `fields` from the next columns, left to right.
  template <typename... Fields>
  Columns& Into(Fields&... fields) {
    (Read(fields), ...);
    return *this;
  }
  // The next column as text, for a field that needs its own parsing.
  std::string Text() { return row_.Text(next_++); }

 private:
  void Read(int64_t& v) { v = row_.Int(next_++); }
  void Read(int& v) { v = static_cast<int>(row_.Int(next_++)); }
  void Read(bool& v) { v = row_.Int(next_++) != 0; }
  void Read(std::string& v) { v = row_.Text(next_++); }
  void Read(std::optional<int64_t>& v) { v = row_.OptInt(next_++); }
  void Read(std::optional<int>& v) {
    auto n = row_.OptInt(next_++);
    v = n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
  }
  void Read(Instant& v) { v = FromUnixMicros(row_.Int(next_++)); }
  void Read(std::optional<Instant>& v) { v = InstantOf(row_, next_++); }
  void Read(Date& v) { v = ParseDate(row_.Text(next_++)).value_or(Date{}); }
  void Read(std::optional<Date>& v) { v = DateOf(row_, next_++); }

  const Row& row_;
  int next_ = 0;
};

// LIKE pattern for a substring, with the wildcards in the needle escaped (ESCAPE '\').
inline std::string LikeContains(std::string_view needle) {
  std::string out = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// kNotFound for a row that is missing or outside the caller's scope: the two are not told
// apart (SPEC §1).
inline Status NotInScope(std::string_view what, int64_t id) {
  return NotFound(std::string(what) + " " + std::to_string(id) + " 不存在或不在您的数据范围内");
}
// kNotFound for a row that is missing (reads that take no scope).
inline Status Missing(std::string_view what, int64_t id) {
  return NotFound(std::string(what) + " " + std::to_string(id) + " 不存在");
}

// The first value of the first row (a count, a RETURNING id), 0 for no rows.
inline int64_t CountOf(const Rows& rows) { return rows.empty() ? 0 : rows[0].Int(0); }

// The first row of `rows` read by `read` (Row -> T or Result<T>), or `missing()` (a Status)
// when there is none: the shape of every get-by-id.
template <typename T, typename Read, typename Missing>
Result<T> ReadOne(Result<Rows> rows, Read read, Missing missing) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return missing();
  return read((*rows)[0]);
}

// The first row of `rows` read by `read` (Row -> T), or no value when there is none: the
// shape of a lookup that may find nothing.
template <typename T, typename Read>
Result<std::optional<T>> ReadFirst(Result<Rows> rows, Read read) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(read((*rows)[0]));
}

// Every row of `rows` read by `read` (Row -> T or Result<T>), in their order; the first
// failed read is the result.
template <typename T, typename Read>
Result<std::vector<T>> ReadAll(Result<Rows> rows, Read read) {
  if (!rows.ok()) return rows.status();
  std::vector<T> out;
  out.reserve(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    if constexpr (std::is_same_v<decltype(read((*rows)[i])), T>) {
      out.push_back(read((*rows)[i]));
    } else {
      DUBAN_ASSIGN_OR_RETURN(T item, read((*rows)[i]));
      out.push_back(std::move(item));
    }
  }
  return out;
}

// The row of `select` (which ends in its FROM and joins) whose `id_column` is `id` and whose
// `path_column` lies in `scope`, read by `read`; kNotFound naming `what` when there is no such
// row in scope (SPEC §1: out of scope reads exactly as missing).
template <typename T, typename Read>
Result<T> GetInScope(Connection& c, std::string_view select, std::string_view id_column,
                     std::string_view path_column, int64_t id, const Scope& scope,
                     std::string_view what, Read read) {
  std::string path(path_column);
  std::string sql = std::string(select) + " WHERE " + std::string(id_column) + " = ?1 AND " + path +
                    " >= ?2 AND " + path + " < ?3";
  return ReadOne<T>(c.Query(sql, {id, scope.lower(), scope.upper()}), read,
                    [&] { return NotInScope(what, id); });
}

// The next free id of `table` (max + 1). Writers are serialised by the store (one writer
// thread, or a transaction lock), so it is free until this transaction ends.
inline Result<int64_t> NextId(Connection& c, const std::string& table) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT coalesce(max(id), 0) + 1 FROM " + table));
  return CountOf(rows);
}

// `names` in batches of kNameBatch, each padded to the full batch with its last name: one SQL
// text for any number of names, so the prepared-statement caches hold one statement (L18).
inline constexpr size_t kNameBatch = 50;
inline std::vector<std::vector<std::string>> NameBatches(const std::vector<std::string>& names) {
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < names.size(); i += kNameBatch) {
    std::vector<std::string> batch(
        names.begin() + static_cast<std::ptrdiff_t>(i),
        names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), i + kNameBatch)));
    batch.resize(kNameBatch, batch.back());
    out.push_back(std::move(batch));
  }
  return out;
}
// "?first, ?first+1, ..." for one batch.
inline std::string Placeholders(size_t first) {
  std::string out;
  for (size_t i = 0; i < kNameBatch; ++i) out += (i ? ", ?" : "?") + std::to_string(first + i);
  return out;
}

// Inserts rows into `table`, one statement per row. Not several rows per statement: SQLite
// gives a multi-row INSERT a statement journal, and releasing it inside the write's savepoint
// walks the savepoint's whole in-memory journal — quadratic in the rows of a bulk write.
class RowInserter {
 public:
  RowInserter(Connection& c, const std::string& table, const std::string& columns, int column_count)
      : c_(c), table_(table) {
    sql_ = "INSERT INTO " + table + "(" + columns + ") VALUES (";
    for (int i = 1; i <= column_count; ++i) sql_ += (i > 1 ? ", ?" : "?") + std::to_string(i);
    sql_ += ")";
  }
  Status Add(const Params& row) { return c_.Execute(sql_, row).status().WithContext(table_); }

 private:
  Connection& c_;
  std::string table_, sql_;
};

}  // namespace duban::sql
