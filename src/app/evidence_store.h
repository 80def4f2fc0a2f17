// EvidenceStore: the bytes of uploaded evidence (an item's photos and scans, a 自报's proof),
// content-addressed on disk as files/<first two hex digits>/<sha256>, written durably before the
// row that names them commits. The rows (which item or assessment event a file belongs to, its
// name, who uploaded it) live in the store; a blob shared by two rows is kept once. Thread-safe:
// writes go to a fresh temporary file renamed into place.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/status.h"

namespace duban {

// An upload that passed the checks: its clean name, sniffed type, size and hash.
struct CheckedUpload {
  std::string name;
  std::string content_type;
  std::string sha256;
  int64_t size = 0;
};

class EvidenceStore {
 public:
  EvidenceStore(std::filesystem::path dir, int64_t max_bytes)
      : dir_(std::move(dir)), max_bytes_(max_bytes) {}

  // kInvalidArgument naming the field ("file" or "name") for an empty or too large file, a name
  // that is empty, not UTF-8, has slashes, control characters (tab, CR and LF too) or format
  // characters (bidi overrides, zero-width) or runs over 200 characters, content that is not
  // PDF, PNG, JPEG, Word, Excel, PowerPoint or UTF-8 text, and a name whose extension does not
  // agree with the content (.pdf, .png, .jpg/.jpeg; the Office types and .txt are told by the
  // name). Writes nothing.
  Result<CheckedUpload> Check(const std::string& name, const std::string& bytes) const;
  // Writes the blob unless it is already there; kUnavailable when the disk refuses.
  Status Put(const CheckedUpload& upload, const std::string& bytes) const;
  // kInternal when the blob a row names is missing.
  Result<std::string> Read(const std::string& sha256) const;

 private:
  std::filesystem::path PathOf(const std::string& sha256) const;

  std::filesystem::path dir_;
  int64_t max_bytes_;
};

}  // namespace duban
