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
[database]
mmap_mib = 0
)",
                            "duban.toml", c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.listen, "0.0.0.0:9000");
  EXPECT_EQ(c.sweep_minutes, 5);
  EXPECT_EQ(c.bulletin_schedule, (std::vector<std::string>{"week", "month"}));
  EXPECT_EQ(c.bulletin_delay_days, 3);
  EXPECT_EQ(c.bulletin_scheme, "zuofeng-2026");
  EXPECT_EQ(c.mmap_mib, 0) << "[database] mmap_mib 0 turns the memory map off";
  EXPECT_EQ(ServeConfig{}.mmap_mib, 16 * 1024);

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
      "[database]\nmmap_mib = -1\n",         "[database]\nmmap_mib = \"2G\"\n",
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

TEST(ConfigTest, ReadsTheEdgeSettings) {
  ServeConfig c;
  EXPECT_EQ(c.max_connections, 512);
  EXPECT_TRUE(c.trusted_proxies.empty()) << "no proxy is trusted unless listed";
  Status s = LoadConfigText(R"(
[server]
max_connections = 64
trusted_proxies = ["127.0.0.1", "10.0.0.0/8", "fd00::/8"]
allowed_hosts = ["duban.example.gov.cn"]
)",
                            "duban.toml", c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.max_connections, 64);
  EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.0/8", "fd00::/8"}));
  EXPECT_EQ(c.allowed_hosts, (std::vector<std::string>{"duban.example.gov.cn"}));
  for (const char* bad :
       {"[server]\nmax_connections = 0\n", "[server]\ntrusted_proxies = \"10.0.0.0/8\"\n",
        "[server]\ntrusted_proxies = [\"proxy.local\"]\n",
        "[server]\nallowed_hosts = [\"evil example\"]\n", "[server]\nallowed_hosts = [1]\n"}) {
    ServeConfig d;
    Status e = LoadConfigText(bad, "duban.toml", d);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_NE(e.message().find("[server]"), std::string::npos) << e.message();
    EXPECT_EQ(d.max_connections, 512) << bad;
    EXPECT_TRUE(d.trusted_proxies.empty()) << bad;
  }
}

}  // namespace
}  // namespace duban::cli
