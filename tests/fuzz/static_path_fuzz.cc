// Request targets against the static files of the web UI (review C1): ParseTarget, then
// StaticFiles::Serve over a small web root with a secret file beside it, and over an empty
// root (which must answer nothing). Whatever the target, the answer is 400 or 404, or 200 with
// exactly the bytes of a file of the root: a listed file for its own path, index.html for a client
// route. The input is the target as sent (path and query).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/static_files.h"
#include "testing/temp_dir.h"

namespace {

void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

struct WebRoot {
  duban::testing::TempDir dir;
  std::map<std::string, std::string> files;  // URL path -> bytes
  std::filesystem::path root = dir.path() / "dist";
  std::optional<duban::http::StaticFiles> served;
  duban::http::StaticFiles unbuilt{std::filesystem::path()};  // no UI: never a cwd-relative path

  WebRoot() {
    std::filesystem::create_directories(root / "assets" / "fonts");
    files = {{"/index.html", "<html>app</html>"},
             {"/favicon.ico", std::string("\0\1ico", 5)},
             {"/assets/app-1a2b.js", "console.log(1)"},
             {"/assets/app-1a2b.css", "body{}"},
             {"/assets/fonts/f.woff2", "wOF2"}};
    for (const auto& [url, bytes] : files) WriteFile(root / url.substr(1), bytes);
    // Outside the root, beside it.
    WriteFile(dir.path() / "secret.txt", "SECRET-BESIDE");
    served.emplace(root);
    if (!served->built() || served->file_count() != files.size()) std::abort();
  }
};

[[noreturn]] void Fail(std::string_view target, const std::string& why) {
  std::fprintf(stderr, "static files promise broken: %s\n  target: %.*s\n", why.c_str(),
               static_cast<int>(target.size()), target.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static WebRoot* web = new WebRoot();  // never destroyed: no exit-time races
  std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string path;
  std::multimap<std::string, std::string> query;
  if (!duban::http::ParseTarget(target, path, query)) return 0;  // the server answers 400
  if (web->unbuilt.Serve(path)) Fail(target, "an empty web root answered");
  auto r = web->served->Serve(path);
  if (!r) Fail(target, "a built root answered nothing");
  if (r->status == 400 || r->status == 404) {
    // A 404 names the path; the secret's bytes may appear only if the path holds them.
    if (r->body.find("SECRET-BESIDE") != std::string::npos &&
        path.find("SECRET-BESIDE") == std::string::npos) {
      Fail(target, "an error carried the secret beside the root");
    }
    return 0;
  }
  if (r->status != 200) Fail(target, "status " + std::to_string(r->status));
  auto listed = web->files.find(path);
  if (listed != web->files.end()) {
    if (r->body != listed->second) Fail(target, "a listed file with other bytes");
  } else if (r->body != web->files.at("/index.html")) {
    Fail(target, "200 for an unlisted path with bytes other than index.html's");
  } else if (path.starts_with("/assets/")) {
    Fail(target, "index.html for a missing asset");
  }
  return 0;
}
