// The server's TOML configuration: defaults, every key, and errors that name the file, the
// section and the key while changing nothing.
#include "cli/config.h"

#include <gtest/gtest.h>

namespace duban::cli {
namespace {

TEST(ConfigTest, DefaultsIssueMonthlyAndQuarterlyBulletins) {
  ServeConfig c;
  EXPECT_EQ(c.bulletin_schedule, (std::vector<std::string>{"month", "quarter"}));
  EXPECT_EQ(c.bulletin_delay_days, 1);
  EXPECT_EQ(c.bulletin_scheme, "");
}

TEST(ConfigTest, ReadsEverySection) {
  ServeConfig c;
  Status s = LoadConfigText(R"(
[server]
listen = "0.0.0.0:9000"
[supervision]
sweep_minutes = 5
[bulletins]
schedule = ["week", "month"]
delay_days = 3
scheme = "zuofeng-2026"
)",
                            "duban.toml", c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.listen, "0.0.0.0:9000");
  EXPECT_EQ(c.sweep_minutes, 5);
  EXPECT_EQ(c.bulletin_schedule, (std::vector<std::string>{"week", "month"}));
  EXPECT_EQ(c.bulletin_delay_days, 3);
  EXPECT_EQ(c.bulletin_scheme, "zuofeng-2026");

  ServeConfig none;
  ASSERT_TRUE(LoadConfigText("[bulletins]\nschedule = []\n", "duban.toml", none).ok());
  EXPECT_TRUE(none.bulletin_schedule.empty()) << "an empty schedule turns scheduled issuing off";
}

TEST(ConfigTest, BadValuesAreNamedAndChangeNothing) {
  const char* bad[] = {
      "[bulletins]\nschedule = \"month\"\n", "[bulletins]\nschedule = [\"daily\"]\n",
      "[bulletins]\nschedule = [1]\n",       "[bulletins]\ndelay_days = 40\n",
      "[bulletins]\ndelay_days = -1\n",      "[bulletins]\nscheme = 3\n",
      "[bulletin]\nschedule = []\n",         "[supervision]\nsweep_minutes = 0\n",
  };
  for (const char* text : bad) {
    ServeConfig c;
    c.listen = "127.0.0.1:8080";
    Status s = LoadConfigText(text, "duban.toml", c);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find("duban.toml"), std::string::npos) << s.message();
    EXPECT_EQ(c.bulletin_schedule, (std::vector<std::string>{"month", "quarter"})) << text;
    EXPECT_EQ(c.bulletin_delay_days, 1) << text;
  }
}

}  // namespace
}  // namespace duban::cli
