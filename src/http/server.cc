#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
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
    parser_->body_limit(state_->options.max_body_bytes);
    // The whole request must arrive within the deadline: a client trickling bytes
    // (slowloris) is cut off like an idle one.
    stream_.expires_after(first_ ? state_->options.read_timeout : state_->options.idle_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return Close();
    }
    if (ec) {
      int status = 400;
      std::string message = "请求格式错误: " + ec.message();
      if (ec == bhttp::error::body_limit) {
        status = 413;
        message = "请求体超过上限 " + std::to_string(state_->options.max_body_bytes) + " 字节";
      } else if (ec == bhttp::error::header_limit) {
        status = 431;
        message = "请求头超过上限 " + std::to_string(state_->options.max_header_bytes) + " 字节";
      }
      ++state_->in_flight;
      return Write(state_->on_error(status, message), false, 11, false);
    }
    auto req = parser_->release();
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.remote_address = remote_;
    for (const auto& field : req) {
      r.headers[std::string(field.name_string())] = std::string(field.value());
    }
    r.body = std::move(req.body());
    bool keep_alive = req.keep_alive();
    unsigned version = req.version();
    bool head = req.method() == bhttp::verb::head;
    ++state_->in_flight;
    if (!ParseTarget(r.target, r.path, r.query)) {
      return Write(state_->on_error(400, "请求路径或参数的百分号编码无效"), false, version, head);
    }
    net::post(state_->workers,
              [self = shared_from_this(), r = std::move(r), keep_alive, version, head]() mutable {
                Response out;
                try {
                  out = self->state_->handler(r);
                } catch (const std::exception& e) {
                  out = self->state_->on_error(500, std::string("服务器内部错误: ") + e.what());
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
  bool first_ = true;
};

void Accept(Server::State* state) {
  state->acceptor->async_accept(net::make_strand(state->ioc),
                                [state](beast::error_code ec, tcp::socket socket) {
                                  if (ec) {
                                    if (!state->draining && state->acceptor->is_open())
                                      Accept(state);
                                    return;
                                  }
                                  std::make_shared<Session>(std::move(socket), state)->Start();
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
    state->signals.cancel(ec);
    DrainThenStop(state, std::chrono::steady_clock::now() + state->options.drain_timeout);
  });
}

int64_t Server::in_flight() const { return state_->in_flight; }
int64_t Server::open_connections() const { return state_->connections; }

}  // namespace duban::http
