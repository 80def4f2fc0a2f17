#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

namespace duban::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Members that sessions touch are declared before the io_context: destroying the io_context
// destroys the sessions its queues still hold, and they must find these alive.
struct Server::State {
  ServerOptions options;
  Handler handler;
  ErrorResponder on_error;
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> connections{0};
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};
  unsigned short bound_port = 0;

  net::io_context ioc;
  net::thread_pool workers;
  std::optional<tcp::acceptor> acceptor;
  net::signal_set signals{ioc};
  net::steady_timer drain_timer{ioc};
  net::steady_timer accept_timer{ioc};  // backs off after an accept error (EMFILE)

  State(ServerOptions o, Handler h, ErrorResponder e)
      : options(std::move(o)),
        handler(std::move(h)),
        on_error(std::move(e)),
        ioc(std::max(1, options.io_threads)),
        workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::State* state) : stream_(std::move(socket)), state_(state) {
    ++state_->connections;
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { --state_->connections; }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(state_->options.max_header_bytes));
    body_limit_ = state_->options.max_body_bytes;
    parser_->body_limit(body_limit_);
    // The whole request must arrive within the deadline: a client trickling bytes
    // (slowloris) is cut off like an idle one.
    stream_.expires_after(first_ ? state_->options.read_timeout : state_->options.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  static bool IsGone(beast::error_code ec) {
    return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
           ec == net::error::operation_aborted || ec == net::error::connection_reset ||
           ec == net::error::eof;
  }

  void Refuse(int status, const std::string& message, unsigned version = 11) {
    ++state_->in_flight;
    Write(state_->on_error(status, message), false, version, false);
  }

  void RefuseParse(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return Refuse(413, "请求体超过此接口的上限 " + std::to_string(body_limit_) + " 字节");
    }
    if (ec == bhttp::error::header_limit) {
      return Refuse(431,
                    "请求头超过上限 " + std::to_string(state_->options.max_header_bytes) + " 字节");
    }
    Refuse(400, "请求格式错误: " + ec.message());
  }

  // The header is in: check the Host, choose this route's body limit, and refuse a declared
  // body over it before reading any of it (review M4).
  void OnHeader(beast::error_code ec, size_t /*bytes*/) {
    if (IsGone(ec)) return Close();
    if (ec) return RefuseParse(ec);
    const auto& req = parser_->get();
    unsigned version = req.version();
    auto host = req.find(bhttp::field::host);
    if (host == req.end()) return Refuse(400, "缺少 Host 请求头", version);
    const std::string host_name(host->value());
    if (!IsAllowedHost(host_name, state_->options.allowed_hosts)) {
      return Refuse(421,
                    "不接受此 Host: \"" + host_name +
                        "\"（请在配置 [server] allowed_hosts 中列出本服务的域名）",
                    version);
    }
    // Parsed once here; OnRead hands the result to the handler.
    path_.clear();
    query_.clear();
    if (!ParseTarget(std::string(req.target()), path_, query_)) {
      return Refuse(400, "请求路径或参数的百分号编码无效", version);
    }
    if (state_->options.body_limit) {
      body_limit_ = std::min(state_->options.max_body_bytes,
                             state_->options.body_limit(std::string(req.method_string()), path_));
      parser_->body_limit(body_limit_);
    }
    if (auto declared = parser_->content_length(); declared && *declared > body_limit_) {
      return RefuseParse(bhttp::error::body_limit);
    }
    if (parser_->is_done()) return OnRead({}, 0);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    if (IsGone(ec)) return Close();
    if (ec) return RefuseParse(ec);
    auto req = parser_->release();
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    for (const auto& field : req) {
      r.headers[std::string(field.name_string())] = std::string(field.value());
    }
    r.remote_address =
        ClientAddress(remote_, r.Header("X-Forwarded-For"), state_->options.trusted_proxies);
    r.body = std::move(req.body());
    bool keep_alive = req.keep_alive();
    unsigned version = req.version();
    bool head = req.method() == bhttp::verb::head;
    r.path = std::move(path_);
    r.query = std::move(query_);
    ++state_->in_flight;
    net::post(state_->workers, [self = shared_from_this(), r = std::move(r), keep_alive, version,
                                head]() mutable {
      Response out;
      try {
        out = self->state_->handler(r);
      } catch (const std::exception& e) {
        out = self->state_->on_error(500, r.method + " " + r.target + " 抛出异常: " + e.what());
      }
      net::post(self->stream_.get_executor(),
                [self, out = std::move(out), keep_alive, version, head]() mutable {
                  self->Write(std::move(out), keep_alive, version, head);
                });
    });
  }

  void Write(Response out, bool keep_alive, unsigned version, bool head) {
    res_ = {};
    res_.version(version);
    res_.result(static_cast<unsigned>(out.status));
    for (auto& [name, value] : out.headers) res_.insert(name, value);
    if (state_->draining) keep_alive = false;
    res_.keep_alive(keep_alive);
    if (head) {
      res_.content_length(out.body.size());
    } else {
      res_.body() = std::move(out.body);
      res_.prepare_payload();
    }
    stream_.expires_after(state_->options.read_timeout);
    bhttp::async_write(stream_, res_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    --state_->in_flight;
    if (ec) return Close();
    if (!res_.keep_alive()) return Close();
    first_ = false;
    Read();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::State* state_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  std::string remote_;
  size_t body_limit_ = 0;
  std::string path_;  // of the request being read, decoded from its target in OnHeader
  std::multimap<std::string, std::string> query_;
  bool first_ = true;
};

// Over the connection cap: a short 503 written on the fresh socket (its send buffer is empty,
// so a non-blocking write does not wait), then closed.
void RefuseConnection(Server::State* state, tcp::socket socket) {
  Response out = state->on_error(
      503, "连接数已达上限 " + std::to_string(state->options.max_connections) + "，请稍后重试");
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(out.status), 11};
  for (auto& [name, value] : out.headers) res.insert(name, value);
  res.keep_alive(false);
  res.body() = std::move(out.body);
  res.prepare_payload();
  std::ostringstream bytes;
  bytes << res;
  beast::error_code ec;
  socket.non_blocking(true, ec);
  net::write(socket, net::buffer(bytes.str()), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

void Accept(Server::State* state) {
  state->acceptor->async_accept(
      net::make_strand(state->ioc), [state](beast::error_code ec, tcp::socket socket) {
        if (ec) {
          if (state->draining || !state->acceptor->is_open()) return;
          // Out of descriptors (EMFILE) and the like: wait before trying again, or the loop
          // spins a thread at full speed while nothing can be accepted (review M4).
          state->accept_timer.expires_after(std::chrono::milliseconds(100));
          state->accept_timer.async_wait([state](beast::error_code wait_ec) {
            if (!wait_ec && !state->draining) Accept(state);
          });
          return;
        }
        if (state->connections >= state->options.max_connections) {
          RefuseConnection(state, std::move(socket));
        } else {
          std::make_shared<Session>(std::move(socket), state)->Start();
        }
        Accept(state);
      });
}

void DrainThenStop(Server::State* state, std::chrono::steady_clock::time_point deadline) {
  if (state->in_flight == 0 || std::chrono::steady_clock::now() >= deadline) {
    state->ioc.stop();
    return;
  }
  state->drain_timer.expires_after(std::chrono::milliseconds(10));
  state->drain_timer.async_wait(
      [state, deadline](beast::error_code) { DrainThenStop(state, deadline); });
}

}  // namespace

Server::Server(ServerOptions options, Handler handler, ErrorResponder on_error)
    : state_(std::make_shared<State>(std::move(options), std::move(handler), std::move(on_error))) {
}

Server::~Server() {
  Shutdown();
  state_->ioc.stop();
  state_->workers.join();
}

Status Server::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(state_->options.address, ec);
  if (ec) return InvalidArgument("监听地址无效: " + state_->options.address);
  tcp::endpoint endpoint(address, state_->options.port);
  auto& acceptor = state_->acceptor.emplace(state_->ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("无法监听 " + state_->options.address + ":" +
                       std::to_string(state_->options.port) + ": " + ec.message());
  }
  state_->bound_port = acceptor.local_endpoint().port();
  return Status::Ok();
}

unsigned short Server::port() const { return state_->bound_port; }

void Server::Run(bool handle_signals) {
  State* state = state_.get();
  if (handle_signals) {
    state->signals.add(SIGINT);
    state->signals.add(SIGTERM);
    state->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) Shutdown();
    });
  }
  Accept(state);
  std::vector<std::thread> threads;
  for (int i = 1; i < state->options.io_threads; ++i) {
    threads.emplace_back([state] { state->ioc.run(); });
  }
  state->ioc.run();
  for (auto& t : threads) t.join();
  state->stopped = true;
}

void Server::Shutdown() {
  State* state = state_.get();
  net::post(state->ioc, [state] {
    if (state->draining.exchange(true)) return;
    beast::error_code ec;
    if (state->acceptor) state->acceptor->close(ec);
    state->accept_timer.cancel();
    state->signals.cancel(ec);
    DrainThenStop(state, std::chrono::steady_clock::now() + state->options.drain_timeout);
  });
}

int64_t Server::in_flight() const { return state_->in_flight; }
int64_t Server::open_connections() const { return state_->connections; }

}  // namespace duban::http
