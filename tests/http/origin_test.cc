// Where a request comes from (http/origin.h): trusted-proxy networks, the client address taken
// from X-Forwarded-For only behind a trusted proxy (review H2), and the Host allow-list that
// stops DNS rebinding (review L14). Pure functions; no server.
#include "http/origin.h"

#include <gtest/gtest.h>

namespace duban::http {
namespace {

std::vector<Cidr> Networks(std::initializer_list<const char*> texts) {
  std::vector<Cidr> out;
  for (const char* t : texts) {
    auto c = ParseCidr(t);
    EXPECT_TRUE(c.ok()) << t << ": " << c.status().message();
    if (c.ok()) out.push_back(*c);
  }
  return out;
}

TEST(OriginTest, ParsesIpv4AndIpv6NetworksAndRefusesOthers) {
  for (const char* good : {"10.0.0.0/8", "127.0.0.1", "0.0.0.0/0", "192.168.1.7/32", "::1",
                           "fd00::/8", "2001:db8::/32", "::/0", " 172.16.0.0/12 "}) {
    EXPECT_TRUE(ParseCidr(good).ok()) << good;
  }
  for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0/8",
                          "localhost", "10.0.0.0/8x", "1.2.3.4/08junk", "fd00::/a"}) {
    auto c = ParseCidr(bad);
    EXPECT_FALSE(c.ok()) << bad;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find(bad), std::string::npos);
    }
  }
  auto net = Networks({"10.1.0.0/16", "fd00::/8", "192.168.0.0/23"});
  EXPECT_TRUE(IsTrusted(net, "10.1.255.3"));
  EXPECT_FALSE(IsTrusted(net, "10.2.0.1"));
  EXPECT_TRUE(IsTrusted(net, "fd12:3456::1"));
  EXPECT_FALSE(IsTrusted(net, "fe80::1"));
  EXPECT_TRUE(IsTrusted(net, "192.168.1.200"));
  EXPECT_FALSE(IsTrusted(net, "192.168.2.1"));
  EXPECT_TRUE(IsTrusted(net, "::ffff:10.1.2.3")) << "an IPv4-mapped peer is the IPv4 address";
  EXPECT_FALSE(IsTrusted(net, "not-an-address"));
  EXPECT_FALSE(IsTrusted({}, "127.0.0.1"));
}

TEST(OriginTest, ForwardedForCountsOnlyBehindATrustedProxy) {
  auto trusted = Networks({"127.0.0.1", "10.0.0.0/8"});
  // No trusted proxy: a client's own header is ignored.
  EXPECT_EQ(ClientAddress("203.0.113.9", "1.2.3.4", {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "1.2.3.4", trusted), "203.0.113.9")
      << "a spoofed header from an untrusted peer";
  // One trusted proxy: the address it saw.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", trusted), "198.51.100.7");
  // A chain: the client invented the left-most hops; the right-most untrusted one is real.
  EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.5", trusted), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.2.3.4", "9.9.9.9,198.51.100.7,10.0.0.5,10.0.0.6", trusted),
            "198.51.100.7");
  // Every hop trusted: the left-most.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.0.0.7, 10.0.0.5", trusted), "10.0.0.7");
  // IPv6 and ports as proxies write them.
  EXPECT_EQ(ClientAddress("127.0.0.1", "[2001:db8::1]:4711", trusted), "2001:db8::1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "2001:db8::2", trusted), "2001:db8::2");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7:5000", trusted), "198.51.100.7");
  // Absent or garbage: the peer.
  EXPECT_EQ(ClientAddress("127.0.0.1", std::nullopt, trusted), "127.0.0.1");
  for (const char* garbage : {"", "unknown", "1.2.3.4, evil", "1.2.3.4,,5.6.7.8", "[::1",
                              "<script>", "1.2.3.4 5.6.7.8"}) {
    EXPECT_EQ(ClientAddress("127.0.0.1", std::string(garbage), trusted), "127.0.0.1") << garbage;
  }
}

TEST(OriginTest, HostMustBeAnIpLiteralLocalhostOrAListedName) {
  const std::vector<std::string> names = {"duban.example.gov.cn"};
  for (const char* ok : {"127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:3000", "[::1]",
                         "[::1]:8080", "10.2.3.4:80", "duban.example.gov.cn",
                         "Duban.Example.Gov.Cn:443", "duban.example.gov.cn."}) {
    EXPECT_TRUE(IsAllowedHost(ok, names)) << ok;
  }
  for (const char* bad :
       {"", "evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.evil.example",
        "duban.example.gov.cn.evil", "[::1]x", "[evil]", "127.0.0.1:80x", ":8080", "2130706433"}) {
    EXPECT_FALSE(IsAllowedHost(bad, names)) << bad;
  }
  EXPECT_FALSE(IsAllowedHost("duban.example.gov.cn", {})) << "a name must be listed";
}

}  // namespace
}  // namespace duban::http
