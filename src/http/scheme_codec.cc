#include "http/scheme_codec.h"

#include <string>

#include "app/assessment_json.h"

namespace duban::http {

// The API speaks a scheme in the stored definition's form on purpose: a scheme is a document
// the administrator writes, and GET returns the version PUT stored. When the two must part,
// this file gets its own encoding and app/assessment_json.h keeps reading old versions.
nlohmann::json SchemeDefinitionJson(const Scheme& scheme) { return SchemeToJson(scheme); }

Result<Scheme> DecodeScheme(const nlohmann::json& json) { return SchemeFromJson(json); }

Result<SchemeInput> DecodeSchemeInput(const nlohmann::json& body) {
  SchemeInput in;
  DUBAN_ASSIGN_OR_RETURN(in.scheme, DecodeScheme(body));
  if (auto it = body.find("subject_type"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) {
      return InvalidArgument("字段 subject_type 应为字符串 unit 或 person", "subject_type");
    }
    in.subject_type = it->get<std::string>();
  }
  return in;
}

}  // namespace duban::http
