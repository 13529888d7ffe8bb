#include "http/server.hpp"

#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/asio.hpp"
#include "http/browser_policy.hpp"
#include "http/error_mapping.hpp"
#include "http/framing.hpp"
#include "http/query.hpp"

namespace shequ::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

std::string new_request_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016x}", random());
}

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  }
  return true;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The header fields as handlers see them: names in lower case, in the order received.
Headers header_fields(const BeastRequest& in) {
  Headers headers;
  headers.reserve(16);
  for (const auto& field : in) {
    headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  }
  return headers;
}

// The handler-facing Request for a received header, before its target and body are looked at.
Request describe(const BeastRequest& in, Headers headers, const std::string& peer,
                 const TrustedProxies& proxies) {
  Request out;
  out.method = std::string(in.method_string());
  out.headers = std::move(headers);
  out.peer_address = peer;
  out.remote_address = client_address(peer, out.headers, proxies);
  const std::string_view given_id = out.header("x-request-id");
  out.request_id = acceptable_request_id(given_id) ? std::string(given_id) : new_request_id();
  out.locale = locale_from_accept_language(out.header("accept-language"));
  return out;
}

// Sets the path and query from the request target. False for a target that is not an absolute
// path or is badly encoded.
bool set_target(Request& out, std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  // An encoded slash would let one path segment pose as two; nothing here needs one.
  if (lower(raw_path).find("%2f") != std::string::npos) return false;
  auto path = percent_decode(raw_path, /*plus_is_space=*/false);
  if (!path) return false;
  out.path = std::move(*path);
  if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));
  return true;
}

BeastResponse to_beast(Response& response, const Request* request, const Headers& protection,
                       unsigned version, bool keep_alive, bool head) {
  BeastResponse out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "shequ");
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  if (request != nullptr) out.set("x-request-id", request->request_id);
  bool cache_set = false;
  for (auto& [name, value] : response.headers) {
    cache_set = cache_set || name == "cache-control";
    out.set(name, value);
  }
  if (!cache_set) out.set(bhttp::field::cache_control, "no-store");
  // Set last, so that no handler can weaken them for its own answer.
  for (const auto& [name, value] : protection) out.set(name, value);
  out.keep_alive(keep_alive);
  const std::size_t length = response.body.size();
  if (!head) out.body() = std::move(response.body);
  out.content_length(length);
  return out;
}

}  // namespace

// One io_context per I/O thread, each told it runs on one thread: a connection stays on the
// thread that accepted it for its whole life, so there are no strands and no scheduler locks on
// the hot path (the layout of nginx's workers).
class Server::Impl {
 public:
  Impl(const Dispatcher& dispatcher, ServerOptions options)
      : dispatcher_(dispatcher),
        options_(std::move(options)),
        protection_headers_(browser_protection_headers(options_.map_tile_origin)) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    if (options_.io_threads == 0) options_.io_threads = cores;
    if (options_.worker_threads == 0) options_.worker_threads = 4 * cores;
    for (std::size_t i = 0; i < options_.io_threads; ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>(1));
      keep_running_.push_back(asio::make_work_guard(*contexts_.back()));
    }
    acceptor_.emplace(*contexts_.front());
    workers_ = std::make_unique<asio::thread_pool>(options_.worker_threads);
  }

  ~Impl() { stop(); }

  Status start() {
    // The routes are all added before the server starts: their largest upload is known now.
    header_body_limit_ = std::max(options_.body_limit, dispatcher_.largest_upload());
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.address, ec);
    if (ec) return Error::invalid("listen", {"监听地址无效", "the listen address is invalid"});
    const tcp::endpoint endpoint{address, options_.port};
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error::unavailable(
          fmt::format("cannot listen on {}:{}: {}", options_.address, options_.port, ec.message()));
    }
    port_ = acceptor_->local_endpoint().port();
    asio::co_spawn(*contexts_.front(), accept_loop(), asio::detached);
    for (auto& context : contexts_) threads_.emplace_back([&context] { context->run(); });
    running_ = true;
    return {};
  }

  uint16_t port() const { return port_; }

  void stop() {
    std::unique_lock lock(mutex_);
    if (!running_ || stopping_) {
      stopped_.wait(lock, [&] { return !running_; });
      return;
    }
    stopping_ = true;
    lock.unlock();
    asio::post(*contexts_.front(), [this] {
      beast::error_code ignored;
      acceptor_->close(ignored);
    });
    lock.lock();
    for (const auto& connection : connections_) close_if_idle(connection);
    const bool drained =
        drained_.wait_for(lock, options_.shutdown_grace, [&] { return connections_.empty(); });
    if (!drained) {
      spdlog::warn("{} connections still open after the grace period", connections_.size());
    }
    lock.unlock();
    workers_->join();
    keep_running_.clear();
    for (auto& context : contexts_) context->stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
    lock.lock();
    running_ = false;
    stopped_.notify_all();
  }

  void wait_for_shutdown_signal() {
    asio::io_context signal_io;
    asio::signal_set signals(signal_io, SIGINT, SIGTERM);
    signals.async_wait([](const beast::error_code&, int signal) {
      spdlog::info("received signal {}, finishing requests in progress", signal);
    });
    signal_io.run();
    stop();
  }

 private:
  static constexpr std::size_t kReadChunk = 16 * 1024;
  // How long, and how much, a refused client's further input is read before the connection is
  // closed (see refuse_and_close).
  static constexpr std::chrono::seconds kLingerTime{2};
  static constexpr std::size_t kLingerBytes = 1024 * 1024;

  struct Connection {
    asio::io_context::executor_type executor;
    beast::tcp_stream* stream = nullptr;
    bool idle = true;  // waiting for the first byte of a request; touched only on `executor`
  };
  using ConnectionPtr = std::shared_ptr<Connection>;

  void close_if_idle(const ConnectionPtr& connection) {
    asio::post(connection->executor, [connection] {
      if (connection->idle && connection->stream != nullptr) connection->stream->cancel();
    });
  }

  asio::awaitable<void> accept_loop() {
    std::size_t next = 0;
    for (;;) {
      asio::io_context& home = *contexts_[next++ % contexts_.size()];
      beast::error_code ec;
      tcp::socket socket =
          co_await acceptor_->async_accept(home, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
      if (ec) {
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      auto connection = std::make_shared<Connection>(Connection{home.get_executor()});
      {
        std::lock_guard lock(mutex_);
        if (stopping_) continue;
        connections_.insert(connection);
      }
      asio::co_spawn(home, session(std::move(socket), connection), asio::detached);
    }
  }

  // Answers a request Beast could not parse (malformed, over a limit), counted and logged as
  // unmatched since no route was reached. `request` is what is known of it: the header when that
  // was read (and `target` as sent), else nothing but the client's address.
  Response protocol_error_response(const beast::error_code& ec, const Request& request,
                                   std::string_view target) {
    Error error = Error::invalid("request", {"HTTP 请求格式错误", "malformed HTTP request"});
    if (ec == bhttp::error::body_limit) {
      error = Error::too_large({"请求体过大", "the request body is too large"});
    } else if (ec == bhttp::error::header_limit) {
      error = Error::too_large({"请求头过大", "the request headers are too large"});
    }
    Response response = dispatcher_.refuse(request.method, target, error, request);
    dispatcher_.complete(request, response, dispatcher_.unmatched_series(), {});
    return response;
  }

  // Answers a refused request and ends the connection. Whatever the client sent after it is read
  // and dropped for a moment first: closing a socket with unread input resets the connection,
  // and the reset can destroy the answer before the client has read it.
  asio::awaitable<void> refuse_and_close(beast::tcp_stream& stream, Response& response,
                                         const Request& request) {
    BeastResponse out = to_beast(response, &request, protection_headers_, 11, false, false);
    beast::error_code ec;
    stream.expires_after(options_.request_timeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(kLingerTime);
    std::array<char, 4096> discard;
    for (std::size_t drained = 0; !ec && drained < kLingerBytes;) {
      drained += co_await stream.async_read_some(asio::buffer(discard),
                                                 asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> session(tcp::socket socket, ConnectionPtr connection) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    const auto peer = socket.remote_endpoint(ec);
    const std::string remote = ec ? std::string("unknown") : peer.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    connection->stream = &stream;
    beast::flat_buffer buffer;
    for (;;) {
      if (buffer.size() == 0) {
        // Between requests: the idle timeout applies, and stop() may close the connection.
        connection->idle = true;
        if (is_stopping()) break;
        stream.expires_after(options_.idle_timeout);
        const std::size_t received = co_await stream.async_read_some(
            buffer.prepare(kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        buffer.commit(received);
      }
      // A request has begun: it is read, answered and logged even if stop() comes meanwhile.
      connection->idle = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
      // The parser weighs a Content-Length against its limit as it reads the header, before the
      // route is known: it gets the largest any route takes, and the route's own limit below.
      parser.body_limit(header_body_limit_);
      stream.expires_after(options_.request_timeout);
      // The header first: whether the body can be framed without doubt is decided before any of
      // it is read, so that a doubtful request never lets its body be taken for the next request.
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      std::optional<Request> received;
      if (!ec) {
        received =
            describe(parser.get(), header_fields(parser.get()), remote, options_.trusted_proxies);
        if (Status framing = check_request_framing(parser.get().version(), received->headers);
            !framing) {
          Response response =
              error_response(framing.error(), received->locale, received->request_id);
          dispatcher_.complete(*received, response, dispatcher_.unmatched_series(), {});
          co_await refuse_and_close(stream, response, *received);
          break;
        }
        if (!parser.is_done()) {
          // A file for an import may be larger than a JSON body: its route says how large.
          const auto& header = parser.get();
          const std::size_t limit =
              dispatcher_
                  .upload_limit(std::string_view(header.method_string().data(),
                                                 header.method_string().size()),
                                std::string_view(header.target().data(), header.target().size()))
                  .value_or(options_.body_limit);
          if (parser.content_length() && *parser.content_length() > limit) {
            ec = bhttp::error::body_limit;
          } else {
            parser.body_limit(limit);
            co_await bhttp::async_read(stream, buffer, parser,
                                       asio::redirect_error(asio::use_awaitable, ec));
          }
        }
      }
      if (ec) {
        if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
            ec != bhttp::error::end_of_stream) {
          // The client sent something that is not HTTP or is over a limit: say so, then close.
          if (!received) {
            received.emplace();
            received->method = "-";
            received->remote_address = remote;
            received->peer_address = remote;
            received->request_id = new_request_id();
          }
          const auto& sent = parser.get().target();
          Response response =
              protocol_error_response(ec, *received, std::string_view(sent.data(), sent.size()));
          co_await refuse_and_close(stream, response, *received);
        }
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      BeastRequest& in = parser.get();
      const unsigned version = in.version();
      const bool head = in.method() == bhttp::verb::head;
      bool keep_alive = in.keep_alive();
      Request request = std::move(*received);
      const bool target_ok = set_target(request, in.target());
      request.body = std::move(in.body());
      Response response;
      std::size_t series = dispatcher_.unmatched_series();
      if (!target_ok) {
        response = dispatcher_.refuse(
            request.method, std::string_view(in.target().data(), in.target().size()),
            Error::invalid("path", {"请求路径无效", "the request path is invalid"}), request);
        keep_alive = false;
      } else {
        Dispatcher::Prepared prepared = dispatcher_.prepare(request);
        series = prepared.series;
        if (prepared.route == nullptr) {
          response = std::move(*prepared.response);
        } else if (prepared.route->execution == Execution::io) {
          response = dispatcher_.invoke(*prepared.route, request);
        } else {
          const Route& route = *prepared.route;
          Request& handed_over = request;
          response = co_await asio::co_spawn(
              workers_->get_executor(),
              [&]() -> asio::awaitable<Response> {
                co_return dispatcher_.invoke(route, handed_over);
              },
              asio::use_awaitable);
        }
      }
      dispatcher_.complete(request, response, series, std::chrono::steady_clock::now() - started);
      keep_alive = keep_alive && !is_stopping();
      BeastResponse out =
          to_beast(response, &request, protection_headers_, version, keep_alive, head);
      stream.expires_after(options_.request_timeout);
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    connection->stream = nullptr;
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
    if (connections_.empty()) drained_.notify_all();
  }

  bool is_stopping() const { return stopping_.load(std::memory_order_acquire); }

  const Dispatcher& dispatcher_;
  ServerOptions options_;
  const Headers protection_headers_;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running_;
  std::optional<tcp::acceptor> acceptor_;
  std::unique_ptr<asio::thread_pool> workers_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  std::size_t header_body_limit_ = 0;  // see start()

  std::mutex mutex_;
  std::condition_variable drained_;
  std::condition_variable stopped_;
  bool running_ = false;
  std::atomic<bool> stopping_{false};  // written under mutex_, read without it
  std::unordered_set<ConnectionPtr> connections_;
};

Server::Server(const Dispatcher& dispatcher, ServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}
Server::~Server() = default;
Status Server::start() {
  return impl_->start();
}
uint16_t Server::port() const {
  return impl_->port();
}
void Server::stop() {
  impl_->stop();
}
void Server::wait_for_shutdown_signal() {
  impl_->wait_for_shutdown_signal();
}

}  // namespace shequ::http
