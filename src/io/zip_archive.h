// ZIP archives (libzip): of files on disk, for `duban backup` and `duban restore` (ZIP64 when a
// member or the archive passes 4 GiB; members are streamed from and to files, never held in
// memory whole), and small archives built in memory (the DOCX package of docx_writer.cc).
// Thread-compatible: calls share no state.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace duban::io {

struct ZipMember {
  std::string name;         // path inside the archive, '/'-separated
  std::string source_path;  // the file to store; read when the archive is written
  bool compress = true;     // false: store as is (already compressed, e.g. PDF, JPEG)
};

// Writes a new archive at `path` (kAlreadyExists if it exists). libzip writes a temporary file
// beside it and renames it at the end, so `path` never holds a partial archive; the result is
// fsynced. kUnavailable when a source cannot be read or the archive cannot be written.
Status WriteZipArchive(const std::string& path, const std::vector<ZipMember>& members);

// The names and uncompressed sizes of the members, in archive order. kInvalidArgument when
// `path` is not a readable ZIP archive.
Result<std::vector<std::pair<std::string, int64_t>>> ListZipArchive(const std::string& path);

// A member's bytes, refused (kInvalidArgument) beyond `max_bytes` or on a CRC mismatch.
Result<std::string> ReadZipMember(const std::string& path, const std::string& name,
                                  int64_t max_bytes);

// Streams each member `first` to the new file `second` (parent directories created, fsynced).
// kInvalidArgument when a member is missing or damaged (CRC mismatch); kUnavailable when a
// file cannot be written. Files already written stay on error: extract into a staging folder.
Status ExtractZipMembers(const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& name_to_file);

// Zips `entries` (name, bytes) in memory, deflated, in the order given (a DOCX wants
// [Content_Types].xml first, as Office writes it) and returns the archive's bytes. kInternal
// when libzip fails.
Result<std::string> ZipInMemory(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace duban::io
