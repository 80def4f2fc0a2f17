// EnumNames: the one table behind the enums' Name, Label and Parse functions.
#include "core/enum_names.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

enum class Colour { kRed, kGreen, kBlue };

constexpr auto kColours = MakeEnumNames<Colour>({
    {Colour::kRed, "red", "红"},
    {Colour::kGreen, "green", "绿"},
    {Colour::kBlue, "blue"},
});
static_assert(kColours.IsInOrder() && kColours.size() == 3);
static_assert(
    !MakeEnumNames<Colour>({{Colour::kGreen, "green"}, {Colour::kRed, "red"}}).IsInOrder());

TEST(EnumNamesTest, NamesLabelsAndParseAgree) {
  struct Case {
    Colour colour;
    std::string_view name, label;
  };
  for (const Case& c : {Case{Colour::kRed, "red", "红"}, Case{Colour::kGreen, "green", "绿"},
                        Case{Colour::kBlue, "blue", ""}}) {
    EXPECT_EQ(kColours.Name(c.colour), c.name);
    EXPECT_EQ(kColours.Label(c.colour), c.label);
    EXPECT_EQ(kColours.Parse(c.name), c.colour);
  }
}

TEST(EnumNamesTest, UnknownNamesAndValuesFindNothing) {
  for (std::string_view name : {"", "Red", "red ", "purple", "红"}) {
    EXPECT_EQ(kColours.Parse(name), std::nullopt) << name;
  }
  EXPECT_EQ(kColours.Name(static_cast<Colour>(7)), "");
  EXPECT_EQ(kColours.Label(static_cast<Colour>(7)), "");
}

}  // namespace
}  // namespace duban
