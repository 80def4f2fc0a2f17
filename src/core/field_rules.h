// The rules every free-text field of a record shares (units, people and accounts in org.h,
// items in item.h): valid UTF-8, within a length in characters, present when required, and —
// for one-line fields — free of control characters. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace duban {

// Whether a field may hold control characters (line breaks in a description) or not (a name).
enum class ControlCharacters { kRejected, kAllowed };

// kInvalidArgument naming `field`, worded with `label` (the field's Chinese name), when `value`
// is not valid UTF-8, holds a control character where they are kRejected, is blank while
// `required`, or is longer than `max_chars` characters.
Status ValidateTextField(std::string_view value, std::string_view field, std::string_view label,
                         size_t max_chars, bool required, ControlCharacters control);

}  // namespace duban
