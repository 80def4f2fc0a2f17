#include "core/string_list.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(StringListTest, RoundTripsAnyText) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {""},
      {"立即整改", "建立长效机制"},
      {"a\"b\\c", "line1\nline2\t", std::string("\x01", 1)}};
  for (const auto& c : cases) {
    auto back = DecodeStringList(EncodeStringList(c));
    ASSERT_TRUE(back.ok()) << EncodeStringList(c);
    EXPECT_EQ(*back, c);
  }
  EXPECT_EQ(EncodeStringList({"a", "督办"}), "[\"a\",\"督办\"]");
}

TEST(StringListTest, RejectsWhatIsNotAStringArray) {
  for (const char* bad :
       {"", "[", "[1]", "{\"a\":1}", "[\"a\",]", "[\"a\"] x", "[\"\\q\"]", "[\"abc"}) {
    EXPECT_FALSE(DecodeStringList(bad).ok()) << bad;
  }
  EXPECT_EQ(DecodeStringList(" [ \"x\" , \"y\" ] ")->size(), 2u);
}

}  // namespace
}  // namespace duban
