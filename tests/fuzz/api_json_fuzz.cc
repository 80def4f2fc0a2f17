// JSON request bodies of every endpoint family, through the router as a signed-in admin. The
// first byte picks the route; the rest is the body. See api_harness.h for what is checked.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/api_harness.h"

namespace {

struct Target {
  const char* method;
  std::string path;
};

std::vector<Target> Targets(const duban::fuzz::ApiHarness::Ids& ids) {
  auto id = [](int64_t v) { return std::to_string(v); };
  std::string draft = "/api/v1/items/" + id(ids.draft_item);
  std::string assigned = "/api/v1/items/" + id(ids.assigned_item);
  std::vector<Target> t = {
      {"POST", "/api/v1/session"},      {"PUT", "/api/v1/me/password"},
      {"POST", "/api/v1/units"},        {"PATCH", "/api/v1/units/" + id(ids.unit)},
      {"POST", "/api/v1/people"},       {"PATCH", "/api/v1/people/" + id(ids.person)},
      {"POST", "/api/v1/accounts"},     {"PATCH", "/api/v1/accounts/" + id(ids.account)},
      {"POST", "/api/v1/items"},        {"PATCH", draft},
      {"POST", "/api/v1/notices"},      {"POST", "/api/v1/notices/" + id(ids.notice) + "/respond"},
      {"PUT", "/api/v1/calendar/2027"}, {"POST", "/api/v1/calendar/import"},
      {"POST", "/api/v1/campaigns"},    {"PATCH", "/api/v1/campaigns/" + id(ids.campaign)},
  };
  for (const char* action : {"assign", "accept", "return", "report", "submit", "approve", "reject",
                             "extend", "decide_extension", "reopen", "rate", "cancel"}) {
    t.push_back({"POST", assigned + "/" + action});
    t.push_back({"POST", draft + "/" + action});
  }
  // Assessment and bulletins (appended, so the seeds above keep their first bytes).
  std::string event = "/api/v1/assessment/events/" + id(ids.event);
  for (Target more : std::initializer_list<Target>{
           {"PUT", "/api/v1/assessment/schemes/fz2"},
           {"POST", "/api/v1/assessment/events"},
           {"POST", event + "/approve"},
           {"POST", "/api/v1/assessment/results/compute"},
           {"POST", "/api/v1/bulletins/issued"},
           {"POST", "/api/v1/assessment/schemes/fz/evaluators"},
       }) {
    t.push_back(std::move(more));
  }
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  auto& api = duban::fuzz::ApiHarness::Get();
  static const std::vector<Target> targets = Targets(api.ids());
  const Target& t = targets[data[0] % targets.size()];
  bool signed_in = t.path != "/api/v1/session";
  api.Call(t.method, t.path, std::string(reinterpret_cast<const char*>(data) + 1, size - 1),
           "application/json", signed_in);
  return 0;
}
