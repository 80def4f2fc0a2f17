#include "core/field_rules.h"

#include <string>

#include "core/text.h"

namespace duban {

Status ValidateTextField(std::string_view value, std::string_view field, std::string_view label,
                         size_t max_chars, bool required, ControlCharacters control) {
  std::string f(field);
  if (!IsValidUtf8(value)) return InvalidArgument(std::string(label) + "不是有效的 UTF-8 文本", f);
  if (control == ControlCharacters::kRejected && HasControlCharacters(value)) {
    return InvalidArgument(std::string(label) + "含有控制字符", f);
  }
  if (required && TrimSpace(value).empty()) {
    return InvalidArgument(std::string(label) + "不能为空", f);
  }
  if (Utf8Length(value) > max_chars) {
    return InvalidArgument(std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字",
                           f);
  }
  return Status::Ok();
}

}  // namespace duban
