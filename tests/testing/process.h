// Running the real `duban` binary from tests: one-shot commands and a server child process on a
// free port, plus a minimal HTTP/1.1 client over a loopback socket. Not thread-safe per object;
// HttpRequest may be called from many threads at once.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace duban::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `argv` with extra environment entries ("NAME=value") and waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env = {});

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One request on a new connection (Connection: close). status 0 when the connection failed.
HttpResult HttpRequest(int port, const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {});

class ServerProcess {
 public:
  // Starts `duban serve --data DIR --listen 127.0.0.1:0` and waits for its "serving" line.
  // `extra_args` are appended to the command (e.g. {"--db", url}).
  ServerProcess(const std::string& binary, const std::string& data_dir,
                const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  int port() const { return port_; }
  int pid() const { return pid_; }
  void Signal(int sig);
  // Waits for the process to exit and returns its exit code (128+signal when killed).
  int Wait();

 private:
  int pid_ = -1;
  int port_ = 0;
  bool waited_ = false;
  int exit_code_ = -1;
};

}  // namespace duban::testing
