#include "http/static_files.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace duban::http {
namespace {

const std::map<std::string, std::string>& Types() {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  return kTypes;
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) return std::nullopt;
  return ss.str();
}

Response Error(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.Set("Content-Type", "application/json; charset=utf-8");
  // The path in a message may be any bytes (Api checks UTF-8 first, this class does not rely on
  // it): replace what is not UTF-8 rather than throw.
  r.body =
      nlohmann::json{{"error", {{"code", code}, {"message", message}, {"details", nullptr}}}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

// True when every segment of `path` is a plain name: no empty segment ("//x"), no "." or
// "..", no backslash, no control character. "/" alone is the app's root.
bool IsPlainPath(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path == "/") return true;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return false;
  }
  std::string_view rest = path.substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.empty() || seg == "." || seg == "..") return false;
    if (slash == std::string_view::npos) return true;
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string StaticFiles::MimeType(const std::filesystem::path& file) {
  auto it = Types().find(file.extension().string());
  return it == Types().end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  if (root.empty()) return;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(root / "index.html", ec)) {
    spdlog::warn("web UI: {} has no index.html, the UI is not served", root.string());
    return;
  }
  std::filesystem::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (name.starts_with(".")) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
    std::string url = "/" + entry.path().lexically_relative(root).generic_string();
    if (!IsPlainPath(url)) continue;
    auto bytes = ReadFile(entry.path());
    if (!bytes) {
      spdlog::warn("web UI: cannot read {}", entry.path().string());
      continue;
    }
    files_[url] = {MimeType(entry.path()), url.starts_with("/assets/"), std::move(*bytes)};
  }
  if (ec) spdlog::warn("web UI: cannot list {}: {}", root.string(), ec.message());
  built_ = files_.contains("/index.html");
}

std::optional<Response> StaticFiles::Serve(const std::string& path) const {
  if (!built_) return std::nullopt;
  if (!IsPlainPath(path)) {
    return Error(400, "bad_request", "路径无效：不得含空段、. 或 .. 段、反斜杠或控制字符");
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    // A missing asset or file is 404; only a path shaped like a client route (no extension
    // of a static type, outside /assets/) is the app's to render.
    std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
    size_t dot = last.rfind('.');
    bool static_type =
        dot != std::string_view::npos && Types().contains(std::string(last.substr(dot)));
    if (path.starts_with("/assets/") || static_type) {
      return Error(404, "not_found", "没有这个文件: " + path);
    }
    it = files_.find("/index.html");
  }
  Response r;
  r.Set("Content-Type", it->second.mime);
  r.Set("Cache-Control", it->second.hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.body = it->second.bytes;
  return r;
}

}  // namespace duban::http
