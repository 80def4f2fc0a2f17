// The HTTP/1.1 server: accepts connections and moves bytes. It parses each request into a
// plain Request, runs the handler on a worker pool (off the I/O threads, so slow work such as
// password hashing or a durable commit never stalls other connections), and writes the
// Response back. Keep-alive, header/body limits, read and idle timeouts, and a graceful stop:
// no new connections, requests in flight finish, then Run returns.
// Thread-safe: Shutdown may be called from any thread or a signal handler's strand.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/message.h"
#include "http/origin.h"

namespace duban::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int io_threads = 2;
  int worker_threads = 8;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 16 * 1024 * 1024;  // the most any route takes
  // The body limit of one request from its method and decoded path, chosen once the header is
  // read and before any of the body is (review M4); unset: max_body_bytes for every route.
  std::function<size_t(const std::string& method, const std::string& path)> body_limit;
  // Open connections beyond this are answered 503 and closed at once.
  int64_t max_connections = 512;
  // Reverse proxies whose X-Forwarded-For is believed (ClientAddress); empty: none.
  std::vector<Cidr> trusted_proxies;
  // Host names answered besides IP literals and localhost (IsAllowedHost); others get 421.
  std::vector<std::string> allowed_hosts;
  std::chrono::seconds read_timeout{30};   // to receive a whole request once it began
  std::chrono::seconds idle_timeout{60};   // a keep-alive connection with no request
  std::chrono::seconds drain_timeout{30};  // longest wait for in-flight requests on stop
};

using Handler = std::function<Response(Request&)>;
// Builds the answer the server gives by itself: requests the parser rejected (too large,
// malformed), a Host not allowed, too many connections, and a handler's exception (status 500;
// `message` is then internal detail, for the log only).
using ErrorResponder = std::function<Response(int status, const std::string& message)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler, ErrorResponder on_error);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable when the address cannot be bound.
  Status Listen();
  unsigned short port() const;
  // Serves until Shutdown() or SIGINT/SIGTERM (when `handle_signals`), then drains in-flight
  // requests and returns.
  void Run(bool handle_signals);
  void Shutdown();

  int64_t in_flight() const;
  int64_t open_connections() const;

  struct State;  // internal to server.cc

 private:
  std::shared_ptr<State> state_;
};

}  // namespace duban::http
