#include "storage/postgres/pg_tools.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace duban::postgres {

Status RunTool(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe(fds) != 0) return Unavailable("无法运行 " + argv[0] + ": pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  // posix_spawnp, not fork+exec: the caller has threads (the store's), and spawn is safe there.
  int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string output;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) output.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  if (rc != 0) {
    return Unavailable("无法运行 " + argv[0] + "（请安装 postgresql-client）");
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (output.size() > 2000) output.resize(2000);
    return Unavailable(argv[0] + " 失败: " + output);
  }
  return Status::Ok();
}

Status RestorePostgresDump(const std::string& dump_path, const std::string& url, bool replace) {
  std::vector<std::string> argv = {"pg_restore", "--single-transaction", "--exit-on-error",
                                   "--no-owner", "--no-privileges",      "--dbname=" + url};
  if (replace) {
    argv.emplace_back("--clean");
    argv.emplace_back("--if-exists");
  }
  argv.push_back(dump_path);
  return RunTool(argv);
}

}  // namespace duban::postgres
