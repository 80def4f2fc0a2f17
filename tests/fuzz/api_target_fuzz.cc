// Request targets: paths and query strings (percent-encoding, ids, filters, paging, dates,
// traversal into static files) through the router as a signed-in admin. The first byte picks
// the method; the target runs to the first newline and anything after it is a JSON body.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/api_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static const char* const kMethods[] = {"GET",  "GET", "GET",   "HEAD",
                                         "POST", "PUT", "PATCH", "DELETE"};
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t newline = rest.find('\n');
  std::string_view target = rest.substr(0, newline);
  std::string body = newline == std::string_view::npos ? "" : std::string(rest.substr(newline + 1));
  // Beast refuses a target with control characters or spaces before the API sees it.
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return 0;
  }
  if (target.empty()) return 0;
  duban::fuzz::ApiHarness::Get().Call(kMethods[data[0] % std::size(kMethods)], target,
                                      std::move(body));
  return 0;
}
