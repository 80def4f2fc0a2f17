// Decoding request bodies and query parameters into typed values, with errors that name the
// field and say what is wrong. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "http/message.h"

namespace duban::http {

inline constexpr int kMaxJsonDepth = 32;

// The body as a JSON object. kInvalidArgument for a wrong Content-Type, malformed JSON (with
// the byte offset), nesting deeper than kMaxJsonDepth, or a non-object.
Result<nlohmann::json> ParseJsonObject(const Request& request);
// True when `content_type` is the media type application/json (any case, any parameters).
bool IsJsonMediaType(std::string_view content_type);
// kInvalidArgument naming the first field not in `allowed`.
Status RejectUnknownFields(const nlohmann::json& object,
                           std::initializer_list<std::string_view> allowed);

// Field getters: absent -> nullopt (or an error when required); wrong type -> kInvalidArgument.
Result<std::optional<std::string>> OptString(const nlohmann::json& o, const char* field);
Result<std::string> ReqString(const nlohmann::json& o, const char* field);
Result<std::optional<int64_t>> OptInt(const nlohmann::json& o, const char* field);
Result<int64_t> ReqInt(const nlohmann::json& o, const char* field);
Result<std::optional<bool>> OptBool(const nlohmann::json& o, const char* field);
Result<std::optional<std::vector<std::string>>> OptStringList(const nlohmann::json& o,
                                                              const char* field);
// A nullable integer: absent -> nullopt; null -> optional holding nullopt.
Result<std::optional<std::optional<int64_t>>> OptNullableInt(const nlohmann::json& o,
                                                             const char* field);

// A "YYYY-MM-DD" date: absent, null or "" -> nullopt.
Result<std::optional<Date>> OptDate(const nlohmann::json& o, const char* field);
// An array of integers: absent or null -> nullopt.
Result<std::optional<std::vector<int64_t>>> OptIntList(const nlohmann::json& o, const char* field);

// Query parameters.
Result<std::optional<int64_t>> QueryInt(const Request& r, const char* name);
Result<int64_t> PathId(const std::string& text, const char* name);

}  // namespace duban::http
