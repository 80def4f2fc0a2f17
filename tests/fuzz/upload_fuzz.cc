// Evidence uploads (the raw-body upload of POST /api/v1/items/{id}/files?name=: Duban takes no
// multipart bodies): the file name runs to the first newline, the rest is the file. What is
// accepted must download byte for byte under the name it was given.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz/api_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  std::string name;
  duban::http::PercentEncode(input.substr(0, newline), name);
  std::string bytes(input.substr(newline + 1));
  auto& api = duban::fuzz::ApiHarness::Get();
  std::string item = "/api/v1/items/" + std::to_string(api.ids().assigned_item);
  duban::http::Response up = api.Call("POST", item + "/files?name=" + name, bytes, "");
  if (up.status != 201) return 0;
  auto file = nlohmann::json::parse(up.body);
  duban::http::Response down =
      api.Call("GET", "/api/v1/files/" + std::to_string(file["id"].get<int64_t>()), "", "");
  if (down.status != 200 || down.body != bytes) {
    std::fprintf(stderr, "uploaded %zu bytes, downloaded %d with %zu bytes\n", bytes.size(),
                 down.status, down.body.size());
    std::abort();
  }
  return 0;
}
