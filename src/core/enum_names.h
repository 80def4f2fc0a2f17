// One table of an enum's names (the form stored in the database and sent in JSON) and labels
// (the Chinese form shown to people), from which its Name, Label and Parse functions read: the
// enum tables of item.h, org.h, deadline.h, status.h and assessment.h. Constant data;
// thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace duban {

template <typename E>
struct EnumName {
  constexpr EnumName() = default;
  constexpr EnumName(E v, std::string_view n, std::string_view l = {})
      : value(v), name(n), label(l) {}

  E value{};
  std::string_view name;
  std::string_view label;  // empty where the enum has no display form
};

template <typename E, size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(const EnumName<E> (&entries)[N]) {
    for (size_t i = 0; i < N; ++i) entries_[i] = entries[i];
  }

  // True when the entries are the enumerators 0, 1, ..., N-1 in that order, which Name and
  // Label rely on: every table static_asserts it.
  constexpr bool IsInOrder() const {
    for (size_t i = 0; i < N; ++i) {
      if (static_cast<size_t>(entries_[i].value) != i) return false;
    }
    return true;
  }

  static constexpr size_t size() { return N; }

  // "" for a value that is not an enumerator of the table (Duban never makes one).
  constexpr std::string_view Name(E value) const { return Entry(value).name; }
  constexpr std::string_view Label(E value) const { return Entry(value).label; }
  // The enumerator named exactly `name`; nullopt for anything else.
  constexpr std::optional<E> Parse(std::string_view name) const {
    for (const EnumName<E>& e : entries_) {
      if (e.name == name) return e.value;
    }
    return std::nullopt;
  }

 private:
  constexpr const EnumName<E>& Entry(E value) const {
    auto i = static_cast<size_t>(value);
    return i < N ? entries_[i] : kNone;
  }

  static constexpr EnumName<E> kNone{};
  std::array<EnumName<E>, N> entries_{};
};

// `MakeEnumNames<Tier>({{Tier::kPoor, "poor", "差"}, ...})`: the table, its size counted.
template <typename E, size_t N>
constexpr EnumNames<E, N> MakeEnumNames(const EnumName<E> (&entries)[N]) {
  return EnumNames<E, N>(entries);
}

}  // namespace duban
