#include "app/evidence_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "app/crypto.h"
#include "core/text.h"

namespace duban {
namespace {

std::string SniffContentType(const std::string& name, const std::string& bytes) {
  auto starts = [&](std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; };
  auto ends = [&](std::string_view ext) {
    if (name.size() < ext.size()) return false;
    std::string tail = name.substr(name.size() - ext.size());
    for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == ext;
  };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("PK\x03\x04")) {
    if (ends(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ends(".pptx"))
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return "";
  }
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    if (ends(".doc")) return "application/msword";
    if (ends(".xls")) return "application/vnd.ms-excel";
    return "";
  }
  if (ends(".txt") && IsValidUtf8(bytes) && bytes.find('\0') == std::string::npos) {
    return "text/plain; charset=utf-8";
  }
  return "";
}

// The extensions a name of sniffed `type` may end with; the first is the one to suggest.
// Word, Excel, PowerPoint and text are sniffed from the name already, so they always agree.
std::vector<std::string_view> ExtensionsOf(const std::string& type) {
  if (type == "application/pdf") return {".pdf"};
  if (type == "image/png") return {".png"};
  if (type == "image/jpeg") return {".jpg", ".jpeg"};
  return {};
}

bool EndsWithNoCase(const std::string& name, std::string_view ext) {
  if (name.size() < ext.size()) return false;
  for (size_t i = 0; i < ext.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i]) {
      return false;
    }
  }
  return true;
}

std::string TypeLabel(const std::string& type) {
  if (type == "application/pdf") return "PDF";
  if (type == "image/png") return "PNG 图片";
  return "JPEG 图片";
}

void SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Writes `bytes` to `path` durably: a temporary file, fsync, rename, fsync of the directory —
// and of its parents when they were made here, or a power cut could lose the new directory
// entries (files/ab/) and with them a file whose row is committed.
Status WriteFileDurably(const std::filesystem::path& path, const std::string& bytes) {
  std::error_code ec;
  std::vector<std::filesystem::path> made;
  for (auto dir = path.parent_path(); !dir.empty() && !std::filesystem::exists(dir, ec);
       dir = dir.parent_path()) {
    made.push_back(dir);
  }
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return Unavailable("无法创建目录 " + path.parent_path().string() + ": " + ec.message());
  std::filesystem::path tmp = path;
  tmp += ".tmp" + RandomHex(4);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Unavailable("无法写入文件 " + tmp.string());
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      std::filesystem::remove(tmp, ec);
      return Unavailable("写入文件失败（磁盘已满？）");
    }
    done += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Unavailable("文件同步到磁盘失败");
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Unavailable("无法保存文件: " + ec.message());
  SyncDirectory(path.parent_path());
  for (const auto& dir : made) SyncDirectory(dir.parent_path());
  return Status::Ok();
}

}  // namespace

std::filesystem::path EvidenceStore::PathOf(const std::string& sha256) const {
  return dir_ / sha256.substr(0, 2) / sha256;
}

Result<CheckedUpload> EvidenceStore::Check(const std::string& name,
                                           const std::string& bytes) const {
  if (bytes.empty()) return InvalidArgument("文件为空", "file");
  if (static_cast<int64_t>(bytes.size()) > max_bytes_) {
    return InvalidArgument("文件超过 " + std::to_string(max_bytes_ / 1024 / 1024) + " MB 上限",
                           "file");
  }
  std::string clean = TrimSpace(name);
  if (clean.empty() || !IsValidUtf8(clean) || clean.find('/') != std::string::npos ||
      clean.find('\\') != std::string::npos || Utf8Length(clean) > 200) {
    return InvalidArgument("文件名无效", "name");
  }
  // A saved file shows its name: no tab, line break, control or format character (a U+202E
  // makes "报告\u202Efdp.bat" read as "报告tab.pdf").
  if (!IsCleanFileName(clean)) {
    return InvalidArgument("文件名含有控制字符或格式字符（如换行、制表符、从右到左覆盖 U+202E）",
                           "name");
  }
  std::string type = SniffContentType(clean, bytes);
  if (type.empty()) {
    return InvalidArgument("不支持的文件类型：只接受 PDF、图片（PNG/JPEG）、Word、Excel 和文本文件",
                           "file");
  }
  // The name's extension says what the content is: a PDF named x.html or x.bat is refused.
  auto extensions = ExtensionsOf(type);
  if (!extensions.empty() &&
      std::none_of(extensions.begin(), extensions.end(),
                   [&](std::string_view ext) { return EndsWithNoCase(clean, ext); })) {
    return InvalidArgument("文件名的扩展名与内容不符：内容是 " + TypeLabel(type) + "，文件名应以 " +
                               std::string(extensions.front()) + " 结尾",
                           "name");
  }
  return CheckedUpload{clean, type, Sha256Hex(bytes), static_cast<int64_t>(bytes.size())};
}

Status EvidenceStore::Put(const CheckedUpload& upload, const std::string& bytes) const {
  std::filesystem::path path = PathOf(upload.sha256);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Status::Ok();
  return WriteFileDurably(path, bytes);
}

Result<std::string> EvidenceStore::Read(const std::string& sha256) const {
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return Internal("文件内容缺失: " + sha256);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace duban
