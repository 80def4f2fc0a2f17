#include "http/origin.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

namespace duban::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<Cidr> ParseAddress(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  Cidr out;
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.v4 = true;
    out.prefix = 32;
    std::memcpy(out.bytes.data(), &v4, 4);
    return out;
  }
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.bytes.data(), &v6, 16);
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(out.bytes.data(), kMapped, 12) == 0) {
      std::array<uint8_t, 16> b{};
      std::copy(out.bytes.begin() + 12, out.bytes.end(), b.begin());
      out.bytes = b;
      out.v4 = true;
      out.prefix = 32;
      return out;
    }
    out.prefix = 128;
    return out;
  }
  return std::nullopt;
}

Result<Cidr> ParseCidr(std::string_view text) {
  std::string_view t = Trim(text);
  size_t slash = t.find('/');
  auto address = ParseAddress(t.substr(0, slash));
  if (!address) {
    return InvalidArgument("\"" + std::string(text) +
                           "\" 不是 IPv4 或 IPv6 地址或网段（如 10.0.0.0/8）");
  }
  if (slash == std::string_view::npos) return *address;
  std::string_view bits = t.substr(slash + 1);
  int prefix = -1;
  auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
  int max = address->v4 ? 32 : 128;
  if (bits.empty() || ec != std::errc() || ptr != bits.data() + bits.size() || prefix < 0 ||
      prefix > max) {
    return InvalidArgument("\"" + std::string(text) + "\" 的前缀长度须为 0 到 " +
                           std::to_string(max));
  }
  address->prefix = prefix;
  return *address;
}

bool Contains(const Cidr& network, const Cidr& address) {
  if (network.v4 != address.v4) return false;
  int whole = network.prefix / 8, rest = network.prefix % 8;
  if (!std::equal(network.bytes.begin(), network.bytes.begin() + whole, address.bytes.begin())) {
    return false;
  }
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (network.bytes[whole] & mask) == (address.bytes[whole] & mask);
}

bool IsTrusted(const std::vector<Cidr>& trusted, std::string_view address) {
  auto a = ParseAddress(address);
  if (!a) return false;
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const Cidr& n) { return Contains(n, *a); });
}

std::string ClientAddress(std::string_view peer, const std::optional<std::string>& forwarded_for,
                          const std::vector<Cidr>& trusted) {
  if (!forwarded_for || !IsTrusted(trusted, peer)) return std::string(peer);
  // Read the hops right to left; every one must be an address, else the header is garbage
  // and only the peer is known.
  std::vector<std::string> hops;
  std::string_view rest = *forwarded_for;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view hop = Trim(rest.substr(0, comma));
    // "[v6]:port" and "v4:port" as some proxies write them.
    if (hop.size() > 2 && hop.front() == '[') {
      size_t close = hop.find(']');
      if (close == std::string_view::npos) return std::string(peer);
      hop = hop.substr(1, close - 1);
    } else if (std::count(hop.begin(), hop.end(), ':') == 1) {
      hop = hop.substr(0, hop.find(':'));
    }
    auto parsed = ParseAddress(hop);
    if (!parsed) return std::string(peer);
    hops.emplace_back(hop);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!IsTrusted(trusted, *it)) return *it;
  }
  // Every hop is a trusted proxy: the left-most is as close to the client as anyone knows.
  return hops.front();
}

bool IsAllowedHost(std::string_view host, const std::vector<std::string>& allowed_names) {
  host = Trim(host);
  if (host.empty()) return false;
  std::string_view name = host;
  if (name.front() == '[') {
    size_t close = name.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view after = name.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    return ParseAddress(name.substr(1, close - 1)).has_value();
  }
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view port = name.substr(colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    name = name.substr(0, colon);
  }
  if (name.empty()) return false;
  if (ParseAddress(name) && name.find(':') == std::string_view::npos) return true;
  std::string lower = Lower(name);
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower == "localhost") return true;
  return std::any_of(allowed_names.begin(), allowed_names.end(),
                     [&](const std::string& allowed) { return Lower(allowed) == lower; });
}

}  // namespace duban::http
