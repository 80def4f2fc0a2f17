// Plain request and response values: what handlers see instead of Boost.Beast types, so only
// server.cc includes Beast and handlers test as request -> response functions.
// Values; thread-safe to move between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duban::http {

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // as sent: path and query
  std::string path;                               // percent-decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded parameters
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string remote_address;

  std::optional<std::string> Header(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::string* Get(std::string_view name) const;
};

// Splits a request target into its decoded path and query parameters; false when the
// percent-encoding is malformed.
bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query);
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);
// RFC 3986 percent-encoding of everything but unreserved characters (for filename*=UTF-8'').
void PercentEncode(std::string_view in, std::string& out);

}  // namespace duban::http
