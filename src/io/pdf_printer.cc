// Printing HTML to PDF through a headless Chromium subprocess: PrintPdf of official_document.h.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "io/official_document.h"

namespace duban::io {
namespace {

constexpr auto kChromiumTimeout = std::chrono::seconds(60);

// A directory of its own under the system temp dir, removed with its contents at scope end.
class ScratchDir {
 public:
  static Result<ScratchDir> Make() {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "duban-pdf-XXXXXX").string();
    if (ec || mkdtemp(pattern.data()) == nullptr) {
      return Unavailable("无法创建临时目录以生成 PDF");
    }
    return ScratchDir(pattern);
  }
  ScratchDir(ScratchDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

std::string Tail(const std::filesystem::path& file, size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_bytes) text = "…" + text.substr(text.size() - max_bytes);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

Result<std::string> PrintPdf(const std::string& html, const std::string& chromium) {
  if (access(chromium.c_str(), X_OK) != 0) {
    return Unavailable("未找到可执行的 Chromium（" + chromium + "），无法生成 PDF");
  }
  DUBAN_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Make());
  const std::filesystem::path page = dir.path() / "document.html";
  const std::filesystem::path pdf = dir.path() / "document.pdf";
  const std::filesystem::path log = dir.path() / "chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out.flush()) return Unavailable("无法写入临时文件 " + page.string());
  }

  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--user-data-dir=" + (dir.path() / "profile").string(),
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string log_path = log.string();

  const pid_t pid = fork();
  if (pid < 0) return Unavailable("无法启动 Chromium（fork 失败）");
  if (pid == 0) {
    setpgid(0, 0);  // its own process group, so a timeout kills its helpers too
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null_fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from here, whichever runs first

  const auto deadline = std::chrono::steady_clock::now() + kChromiumTimeout;
  int status = 0;
  bool timed_out = false;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return Unavailable("等待 Chromium 失败");
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // helpers Chromium may leave behind in its group

  if (timed_out) {
    return Unavailable("Chromium 生成 PDF 超时（" + std::to_string(kChromiumTimeout.count()) +
                       " 秒）");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status) ? "退出码 " + std::to_string(WEXITSTATUS(status))
                                              : "信号 " + std::to_string(WTERMSIG(status));
    return Unavailable("Chromium 生成 PDF 失败（" + how + "）：" + Tail(log, 600));
  }
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.rfind("%PDF", 0) != 0) {
    return Unavailable("Chromium 没有生成 PDF：" + Tail(log, 600));
  }
  return bytes;
}

}  // namespace duban::io
