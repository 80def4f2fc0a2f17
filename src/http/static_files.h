// Serves the built web UI (web/dist): correct MIME types, long caching for hashed assets,
// no caching for index.html, and the single-page-app fallback to index.html for client routes.
// Thread-safe (reads files per request; the OS caches them).
#pragma once

#include <filesystem>
#include <optional>

#include "http/message.h"

namespace duban::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // A response for GET/HEAD of `path`, or nullopt when the UI is not built. Paths with ".."
  // segments, backslashes or NUL are refused with 400, never resolved.
  std::optional<Response> Serve(const std::string& path) const;
  static std::string MimeType(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;
};

}  // namespace duban::http
