// Text checks shared by every validator: UTF-8 well-formedness, length in characters, control
// and format characters.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace duban {

bool IsValidUtf8(std::string_view text);
// Number of code points; only meaningful for valid UTF-8.
size_t Utf8Length(std::string_view text);
// Decodes the code point at byte `i` of valid UTF-8 and advances `i` past it (`i` < size). On a
// sequence cut short by the end of `text` it decodes what is there and still advances by the
// length the lead byte announces, so `i` may end past the end.
uint32_t NextCodePoint(std::string_view text, size_t& i);
// Appends `code_point` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void AppendUtf8(std::string& out, uint32_t code_point);
// Trims ASCII white space and the ideographic space U+3000 at both ends.
std::string TrimSpace(std::string_view text);
// True when the text has C0/C1 control characters other than tab/newline/carriage return.
bool HasControlCharacters(std::string_view text);
// True when valid UTF-8 `text` has a Unicode format character (general category Cf): the
// bidirectional embeddings, overrides and isolates U+202A–202E and U+2066–2069 that make
// "报告\u202Efdp.bat" read as "报告tab.pdf", the marks U+200E/200F/061C, zero-width
// U+200B–200D, U+2060–2064, U+FEFF, U+180E, U+00AD, and the rest of Cf.
bool HasFormatCharacters(std::string_view text);
// A name fit for a file a user saves: valid UTF-8 without any control character (tab, CR and
// LF included), format character, or line or paragraph separator (U+2028, U+2029).
bool IsCleanFileName(std::string_view name);

}  // namespace duban
