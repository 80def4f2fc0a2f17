// Zip archives in memory for the XLSX tests: building hand-made workbooks and looking inside
// the ones WriteXlsx produces. Header-only; each call is independent and thread-safe.
#pragma once

#include <zip.h>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace duban::io::testing {

// A zip holding `entries` (name, content), deflated, in order.
inline std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// The content of entry `name` of the zip `bytes`; nullopt when absent or unreadable.
inline std::optional<std::string> ReadZipEntry(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> content;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    if (zip_file_t* file = zip_fopen(archive, name.c_str(), 0)) {
      std::string data(stat.size, '\0');
      if (zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
        content = std::move(data);
      }
      zip_fclose(file);
    }
  }
  zip_discard(archive);
  return content;
}

}  // namespace duban::io::testing
