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

// Security review M5: the format characters a file name must not carry, and the controls.
TEST(TextTest, FileNamesCarryNoControlOrFormatCharacters) {
  EXPECT_TRUE(IsCleanFileName("整改报告.pdf"));
  EXPECT_TRUE(IsCleanFileName("scan 2026-10 (1).JPEG"));
  EXPECT_TRUE(IsCleanFileName("Ελληνικά and عربي.pdf"));  // right-to-left letters are letters
  const char* bad[] = {
      "整改报告\u202Efdp.bat",
      "a\u202Ab",
      "a\u202Bb",
      "a\u202Cb",
      "a\u202Db",
      "a\u2066b",
      "a\u2067b",
      "a\u2068b",
      "a\u2069b",
      "a\u200Bb",
      "a\u200Cb",
      "a\u200Db",
      "a\u200Eb",
      "a\u200Fb",
      "a\uFEFFb",
      "a\u061Cb",
      "a\u180Eb",
      "a\u00ADb",
      "a\u2060b",
      "a\U000E0041b",
      "a\tb",
      "a\nb",
      "a\rb",
      "a\x7f"
      "b",
      "a\u0085b",
  };
  for (const char* name : bad) EXPECT_FALSE(IsCleanFileName(name)) << name;
  EXPECT_FALSE(IsCleanFileName(std::string("a\0b", 3)));
  EXPECT_FALSE(IsCleanFileName("\xFF.pdf"));
  EXPECT_FALSE(IsCleanFileName("a\u2028b"));
  EXPECT_TRUE(HasFormatCharacters("\u202E"));
  EXPECT_FALSE(HasFormatCharacters("督办\u3000abc\u2028"));  // U+2028 is Zl, not Cf
}

}  // namespace
}  // namespace duban
