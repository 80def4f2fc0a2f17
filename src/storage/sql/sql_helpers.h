// Small helpers shared by the SQL repositories: a WHERE-clause builder with numbered
// parameters, and the column forms of dates and instants.
#pragma once

#include <optional>
#include <string>

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

}  // namespace duban::sql
