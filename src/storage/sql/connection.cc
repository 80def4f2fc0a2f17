#include "storage/sql/connection.h"

#include <charconv>

namespace duban::sql {

bool Row::IsNull(int column) const {
  return std::holds_alternative<std::monostate>((*cells_)[column]);
}

int64_t Row::Int(int column) const {
  const Value& v = (*cells_)[column];
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  if (auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::optional<int64_t> Row::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string Row::Text(int column) const {
  const Value& v = (*cells_)[column];
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return {};
}

}  // namespace duban::sql
