#include "io/zip_archive.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace duban::io {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

std::string ZipError(zip_t* z) { return z ? zip_strerror(z) : "unknown error"; }

Result<ZipPtr> OpenForReading(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    zip_error_t e;
    zip_error_init_with_code(&e, err);
    std::string message = zip_error_strerror(&e);
    zip_error_fini(&e);
    return InvalidArgument("不是可读的备份文件（ZIP）: " + path + ": " + message, "from");
  }
  return ZipPtr(z);
}

// Reads member `name` in chunks, handing each to `sink`.
template <typename Sink>
Status ReadMember(zip_t* z, const std::string& name, Sink&& sink) {
  zip_int64_t index = zip_name_locate(z, name.c_str(), ZIP_FL_ENC_GUESS);
  if (index < 0) return InvalidArgument("备份中缺少 " + name, "from");
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  if (!f) return InvalidArgument("无法读取备份中的 " + name + ": " + ZipError(z), "from");
  char buf[1 << 16];
  zip_int64_t n;
  Status s;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
    s = sink(buf, static_cast<size_t>(n));
    if (!s.ok()) break;
  }
  if (s.ok() && n < 0) {
    s = InvalidArgument("备份中的 " + name + " 已损坏: " + zip_file_strerror(f), "from");
  }
  zip_fclose(f);
  return s;
}

}  // namespace

Status WriteZipArchive(const std::string& path, const std::vector<ZipMember>& members) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return AlreadyExists("备份文件已存在: " + path, "to");
  int err = 0;
  zip_t* raw = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  if (!raw) return Unavailable("无法创建备份文件 " + path);
  ZipPtr z(raw);
  for (const ZipMember& m : members) {
    zip_source_t* src = zip_source_file(z.get(), m.source_path.c_str(), 0, -1);
    if (!src) return Unavailable("无法读取 " + m.source_path + ": " + ZipError(z.get()));
    zip_int64_t index = zip_file_add(z.get(), m.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      return Unavailable("无法加入 " + m.name + ": " + ZipError(z.get()));
    }
    if (zip_set_file_compression(z.get(), static_cast<zip_uint64_t>(index),
                                 m.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0) {
      return Unavailable("无法设置 " + m.name + " 的压缩方式: " + ZipError(z.get()));
    }
  }
  if (zip_close(z.get()) != 0) return Unavailable("无法写入备份文件: " + ZipError(z.get()));
  [[maybe_unused]] zip_t* closed = z.release();  // zip_close freed it
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) return Unavailable("备份文件同步到磁盘失败: " + path);
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, int64_t>>> ListZipArchive(const std::string& path) {
  DUBAN_ASSIGN_OR_RETURN(ZipPtr z, OpenForReading(path));
  std::vector<std::pair<std::string, int64_t>> out;
  zip_int64_t n = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE)) {
      return InvalidArgument("备份文件的目录已损坏: " + path, "from");
    }
    out.emplace_back(st.name, static_cast<int64_t>(st.size));
  }
  return out;
}

Result<std::string> ReadZipMember(const std::string& path, const std::string& name,
                                  int64_t max_bytes) {
  DUBAN_ASSIGN_OR_RETURN(ZipPtr z, OpenForReading(path));
  std::string out;
  DUBAN_RETURN_IF_ERROR(ReadMember(z.get(), name, [&](const char* data, size_t n) -> Status {
    if (static_cast<int64_t>(out.size() + n) > max_bytes) {
      return InvalidArgument("备份中的 " + name + " 过大", "from");
    }
    out.append(data, n);
    return Status::Ok();
  }));
  return out;
}

Status ExtractZipMembers(const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& name_to_file) {
  DUBAN_ASSIGN_OR_RETURN(ZipPtr z, OpenForReading(path));
  for (const auto& [name, dest_path] : name_to_file) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dest_path).parent_path(), ec);
    int fd = ::open(dest_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return Unavailable("无法写入 " + dest_path);
    Status s = ReadMember(z.get(), name, [&, fd](const char* data, size_t n) -> Status {
      while (n > 0) {
        ssize_t w = ::write(fd, data, n);
        if (w <= 0) return Unavailable("写入 " + dest_path + " 失败（磁盘已满？）");
        data += w;
        n -= static_cast<size_t>(w);
      }
      return Status::Ok();
    });
    if (s.ok() && ::fsync(fd) != 0) s = Unavailable("同步 " + dest_path + " 失败");
    ::close(fd);
    if (!s.ok()) {
      std::filesystem::remove(dest_path, ec);
      return s;
    }
  }
  return Status::Ok();
}

Result<std::string> ZipInMemory(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Internal("libzip: " + reason);
  }
  zip_source_keep(buffer);  // outlives zip_close, which writes into it
  auto fail = [&](const std::string& reason) -> Status {
    zip_source_free(buffer);
    zip_error_fini(&error);
    return Internal("libzip: " + reason);
  };
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return fail(zip_error_strerror(&error));
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      std::string reason = zip_strerror(archive);
      if (source != nullptr) zip_source_free(source);
      zip_discard(archive);
      return fail(reason);
    }
  }
  if (zip_close(archive) != 0) {
    std::string reason = zip_strerror(archive);
    zip_discard(archive);
    return fail(reason);
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    if (size > 0) {
      bytes.resize(static_cast<size_t>(size));
      if (zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size)) != size) {
        bytes.clear();
      }
    }
    zip_source_close(buffer);
  }
  if (bytes.empty()) return fail("cannot read the archive back");
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace duban::io
