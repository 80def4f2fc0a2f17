// Serves the built web UI (web/dist): correct MIME types, long caching for hashed assets,
// no caching for index.html, and the single-page-app fallback to index.html for client routes.
// The web root is read once, at construction, into an allow-list of its files and their bytes;
// a request path is only ever a key into that list, so nothing a client sends reaches the file
// system (review C1). Immutable after construction; thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/message.h"

namespace duban::http {

class StaticFiles {
 public:
  // Reads every regular file under `root` (symbolic links and names starting with '.' are
  // skipped). An empty `root`, or one without index.html, serves nothing.
  explicit StaticFiles(const std::filesystem::path& root);

  // A response for GET/HEAD of the decoded `path`, or nullopt when the UI is not built.
  // A listed file is served as is; a path that looks like a client route (not under /assets/,
  // no file extension of a static type) gets index.html; anything else is 404. A path with an
  // empty, "." or ".." segment, a backslash or a control character is refused with 400.
  std::optional<Response> Serve(const std::string& path) const;
  bool built() const { return built_; }
  size_t file_count() const { return files_.size(); }
  static std::string MimeType(const std::filesystem::path& file);

 private:
  struct File {
    std::string mime;
    bool hashed = false;  // under /assets/: names carry a content hash, cached for a year
    std::string bytes;
  };
  std::map<std::string, File, std::less<>> files_;  // URL path ("/assets/x.js") -> file
  bool built_ = false;
};

}  // namespace duban::http
