// JsonWriter: JSON written straight into a string, for the responses people load most (the item
// list). nlohmann-json builds a tree of std::map nodes for every field before it prints them;
// this appends the bytes. The output is byte for byte what nlohmann's dump(-1) with
// error_handler_t::replace prints for the same document (tests/http/json_writer_test.cc): the
// caller writes an object's keys in sorted order, as nlohmann's std::map does, and strings are
// escaped the same way (invalid UTF-8 becomes U+FFFD). Not thread-safe; one per response.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace duban::http {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object's key; the value follows.
  void Key(std::string_view key) {
    Separate();
    Quoted(key);
    out_ += ':';
    after_key_ = true;
  }
  void String(std::string_view s) {
    Separate();
    Quoted(s);
  }
  void Int(int64_t v);
  void Bool(bool v) { Scalar(v ? "true" : "false"); }
  void Null() { Scalar("null"); }
  // A value nlohmann already holds (e.g. free-form details), printed as Json() prints it.
  void Value(const nlohmann::json& v) {
    Separate();
    out_ += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

 private:
  void Quoted(std::string_view s);  // s as a JSON string, escaped
  void Open(char c) {
    Separate();
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }
  void Scalar(std::string_view text) {
    Separate();
    out_ += text;
  }
  // A comma before every value of an array or key of an object but the first.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace duban::http
