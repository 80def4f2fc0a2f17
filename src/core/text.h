// Text checks shared by every validator: UTF-8 well-formedness and length in characters.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace duban {

bool IsValidUtf8(std::string_view text);
// Number of code points; only meaningful for valid UTF-8.
size_t Utf8Length(std::string_view text);
// Trims ASCII white space and the ideographic space U+3000 at both ends.
std::string TrimSpace(std::string_view text);
// True when the text has C0/C1 control characters other than tab/newline/carriage return.
bool HasControlCharacters(std::string_view text);

}  // namespace duban
