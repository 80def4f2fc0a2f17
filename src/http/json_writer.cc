#include "http/json_writer.h"

#include <fmt/format.h>

#include "core/text.h"

namespace duban::http {

void JsonWriter::Quoted(std::string_view s) {
  // nlohmann replaces each invalid sequence in its own way; such text is rare: let it print it.
  if (!IsValidUtf8(s)) {
    out_ += nlohmann::json(std::string(s))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out_ += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (c < 0x20) {
          out_ += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out_ += ch;
        }
    }
  }
  out_ += '"';
}

void JsonWriter::Int(int64_t v) {
  Separate();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

}  // namespace duban::http
