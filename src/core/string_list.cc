#include "core/string_list.h"

#include <cstdio>

namespace duban {

std::string EncodeStringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (u < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", u);
        out += buf;
      } else {
        out += c;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

Result<std::vector<std::string>> DecodeStringList(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  auto skip = [&] {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
      ++i;
  };
  auto bad = [] { return InvalidArgument("不是字符串数组"); };
  skip();
  if (i >= text.size() || text[i] != '[') return bad();
  ++i;
  skip();
  if (i < text.size() && text[i] == ']') return out;
  while (true) {
    skip();
    if (i >= text.size() || text[i] != '"') return bad();
    ++i;
    std::string item;
    while (true) {
      if (i >= text.size()) return bad();
      char c = text[i++];
      if (c == '"') break;
      if (c != '\\') {
        item += c;
        continue;
      }
      if (i >= text.size()) return bad();
      char e = text[i++];
      switch (e) {
        case '"':
          item += '"';
          break;
        case '\\':
          item += '\\';
          break;
        case '/':
          item += '/';
          break;
        case 'n':
          item += '\n';
          break;
        case 'r':
          item += '\r';
          break;
        case 't':
          item += '\t';
          break;
        case 'b':
          item += '\b';
          break;
        case 'f':
          item += '\f';
          break;
        case 'u': {
          if (i + 4 > text.size()) return bad();
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = text[i++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
              cp |= h - '0';
            else if (h >= 'a' && h <= 'f')
              cp |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
              cp |= h - 'A' + 10;
            else
              return bad();
          }
          // Only what EncodeStringList writes (control characters) and the BMP.
          if (cp < 0x80) {
            item += static_cast<char>(cp);
          } else if (cp < 0x800) {
            item += static_cast<char>(0xC0 | (cp >> 6));
            item += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            item += static_cast<char>(0xE0 | (cp >> 12));
            item += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            item += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          return bad();
      }
    }
    out.push_back(std::move(item));
    skip();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == ']') {
      ++i;
      skip();
      if (i != text.size()) return bad();
      return out;
    }
    return bad();
  }
}

}  // namespace duban
