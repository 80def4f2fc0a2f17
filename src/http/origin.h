// Where a request comes from: the client's address when Duban sits behind reverse proxies
// (review H2), and whether the Host it names is one this server answers to (review L14, DNS
// rebinding). Pure functions over plain values; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace duban::http {

// An IPv4 or IPv6 network, "10.0.0.0/8" or "fd00::/8"; a bare address is a /32 or /128.
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) compare as IPv4.
struct Cidr {
  std::array<uint8_t, 16> bytes{};
  bool v4 = false;
  int prefix = 0;
};

// kInvalidArgument names the text that is not a network.
Result<Cidr> ParseCidr(std::string_view text);
// The address in `text` (IPv4 or IPv6, no port), nullopt when it is not one.
std::optional<Cidr> ParseAddress(std::string_view text);
bool Contains(const Cidr& network, const Cidr& address);
bool IsTrusted(const std::vector<Cidr>& trusted, std::string_view address);

// The client's address. When `peer` (the TCP peer) is a trusted proxy, the right-most hop of
// X-Forwarded-For that is not trusted (each proxy appends the address it saw, so hops to the
// left of an untrusted one are the client's to invent); the peer itself when the header is
// absent or not a list of addresses. Otherwise the peer: an untrusted client's header is ignored.
std::string ClientAddress(std::string_view peer, const std::optional<std::string>& forwarded_for,
                          const std::vector<Cidr>& trusted);

// True when `host` (the Host header) may be answered: any IP literal (a page can only make a
// browser send one for its own origin, so it cannot be a rebound name), "localhost", or one of
// `allowed_names` (compared without case; a port in `host` is ignored).
bool IsAllowedHost(std::string_view host, const std::vector<std::string>& allowed_names);

}  // namespace duban::http
