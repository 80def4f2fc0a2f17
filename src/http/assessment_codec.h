// The JSON of assessment 考核评比 at the API edge (docs/API-ASSESSMENT.md): schemes, events
// with their indicator names, and results. Pure functions apart from EventNamer, which reads
// schemes through the service.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/assessment_service.h"
#include "http/message.h"

namespace duban::http {

// A scheme version; without its indicators (`with_indicators` false) it carries their count.
nlohmann::json SchemeJson(const SchemeView& v, bool with_indicators);
// A stored result, named after its scheme.
nlohmann::json ResultJson(const AssessmentResultRecord& r, const std::string& scheme_name);
// The name of scheme `key`, or the key when the caller may not read it.
std::string SchemeName(AssessmentService& s, const Caller& caller, const std::string& key);
// A query parameter that must be present and non-empty (kInvalidArgument naming it).
Result<std::string> RequiredQuery(const Request& r, const char* name);

// Events as the API shows them, each with its indicator's (or bar's) name: from the scheme
// version given to Know(), else the latest version, read once per scheme; the key itself when
// the caller may not read the scheme. Not thread-safe: one per request.
class EventNamer {
 public:
  EventNamer(AssessmentService& s, const Caller& caller) : s_(s), caller_(caller) {}
  void Know(const std::string& scheme_key, const Scheme& scheme);
  nlohmann::json operator()(const AssessmentEvent& e);

 private:
  AssessmentService& s_;
  const Caller& caller_;
  std::map<std::string, std::map<std::string, std::string>> names_;
};

}  // namespace duban::http
