// Evidence uploads (the raw-body uploads of POST /api/v1/items/{id}/files?name= and
// POST /api/v1/assessment/events/{id}/files?name=: Duban takes no multipart bodies): the file
// name runs to the first newline, the rest is the file. Both routes must agree on what they
// accept, and what is accepted must download byte for byte under the name it was given.
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
  static int64_t event = api.ids().event;
  auto upload = [&](const std::string& target) {
    return api.Call("POST", target + "/files?name=" + name, bytes, "");
  };
  auto check = [&](const duban::http::Response& up, const std::string& download) {
    if (up.status != 201) return;
    auto file = nlohmann::json::parse(up.body);
    duban::http::Response down =
        api.Call("GET", download + std::to_string(file["id"].get<int64_t>()), "", "");
    if (down.status != 200 || down.body != bytes) {
      std::fprintf(stderr, "%s: uploaded %zu bytes, downloaded %d with %zu bytes\n",
                   download.c_str(), bytes.size(), down.status, down.body.size());
      std::abort();
    }
  };
  duban::http::Response to_item =
      upload("/api/v1/items/" + std::to_string(api.ids().assigned_item));
  check(to_item, "/api/v1/files/");
  auto event_target = [&] { return "/api/v1/assessment/events/" + std::to_string(event); };
  duban::http::Response to_event = upload(event_target());
  if (to_event.status == 409) {  // the event has its ten files: take a fresh one
    event = api.NewEvent();
    to_event = upload(event_target());
  }
  check(to_event, "/api/v1/assessment/files/");
  if ((to_item.status == 201) != (to_event.status == 201)) {
    std::fprintf(stderr, "the item route answered %d, the event route %d\n", to_item.status,
                 to_event.status);
    std::abort();
  }
  return 0;
}
