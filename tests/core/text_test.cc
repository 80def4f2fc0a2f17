#include "core/text.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(TextTest, Utf8Validation) {
  struct Case {
    std::string text;
    bool valid;
  };
  const Case cases[] = {
      {"督办", true},
      {"abc", true},
      {"", true},
      {"\xF0\x9F\x98\x80", true},  // emoji, 4 bytes
      {"\xC0\xAF", false},         // overlong '/'
      {"\xED\xA0\x80", false},     // surrogate
      {"\xE7\x9D", false},         // truncated
      {"\xFF", false},
      {"\xF4\x90\x80\x80", false},  // past U+10FFFF
  };
  for (const Case& c : cases) EXPECT_EQ(IsValidUtf8(c.text), c.valid) << c.text;
}

TEST(TextTest, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length("督办abc"), 5u);
  EXPECT_EQ(Utf8Length(""), 0u);
}

TEST(TextTest, TrimRemovesAsciiAndIdeographicSpace) {
  EXPECT_EQ(TrimSpace("  \xE3\x80\x80 县委办 \t\n"), "县委办");
  EXPECT_EQ(TrimSpace("\xE3\x80\x80"), "");
  EXPECT_EQ(TrimSpace("a b"), "a b");
}

TEST(TextTest, ControlCharacters) {
  EXPECT_FALSE(HasControlCharacters("第一行\n第二行\t"));
  EXPECT_TRUE(HasControlCharacters(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacters("a\x1b[31m"));
  EXPECT_TRUE(HasControlCharacters("a\xC2\x85"));
}

}  // namespace
}  // namespace duban
