#include "http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>

namespace duban::http {
namespace {

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string StaticFiles::MimeType(const std::filesystem::path& file) {
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
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::optional<Response> StaticFiles::Serve(const std::string& path) const {
  if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    Response r;
    r.status = 400;
    r.Set("Content-Type", "text/plain; charset=utf-8");
    r.body = "bad path";
    return r;
  }
  // Refuse any ".." segment outright: nothing outside the root can be named.
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t slash = rest.find('/', 1);
    std::string_view seg = rest.substr(1, slash == std::string_view::npos ? rest.npos : slash - 1);
    if (seg == "..") {
      Response r;
      r.status = 400;
      r.Set("Content-Type", "text/plain; charset=utf-8");
      r.body = "bad path";
      return r;
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash);
  }
  std::filesystem::path file = root_ / path.substr(1);
  bool hashed = path.starts_with("/assets/");
  auto body = path == "/" ? std::nullopt : ReadFile(file);
  if (!body) {
    if (hashed) {
      Response r;
      r.status = 404;
      r.Set("Content-Type", "text/plain; charset=utf-8");
      r.body = "not found";
      return r;
    }
    // A client-side route: the app's index.html renders it.
    file = root_ / "index.html";
    body = ReadFile(file);
    if (!body) return std::nullopt;
  }
  Response r;
  r.Set("Content-Type", MimeType(file));
  r.Set("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.body = std::move(*body);
  return r;
}

}  // namespace duban::http
