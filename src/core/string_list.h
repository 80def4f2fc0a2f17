// A list of strings in its stored form: a JSON array of strings (["a","b"]), so storage can keep
// lists (measures, ids) in one column without a JSON library. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace duban {

std::string EncodeStringList(const std::vector<std::string>& items);
// kInvalidArgument when `text` is not a JSON array of strings.
Result<std::vector<std::string>> DecodeStringList(std::string_view text);

}  // namespace duban
