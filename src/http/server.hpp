// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines. A fixed pool of I/O threads
// serves any number of keep-alive connections; handlers that may block run on a separate worker
// pool so that slow storage never stalls the sockets. Every answer carries the browser protection
// headers of browser_policy.hpp.
//
// Thread-safe: start(), stop() and wait_for_shutdown_signal() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "http/client_address.hpp"
#include "http/dispatcher.hpp"

namespace shequ::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;            // 0 picks a free port (see Server::port())
  std::size_t io_threads = 0;      // 0: one per core
  std::size_t worker_threads = 0;  // 0: four per core (handlers wait on storage)
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds request_timeout{30};  // to receive a started request, or to send a response
  std::chrono::seconds idle_timeout{60};     // between requests on a keep-alive connection
  std::chrono::seconds shutdown_grace{30};   // longest wait for in-flight requests on stop()
  // The map tile server whose images pages may show (parse_map_tile_origin()); empty: none.
  std::string map_tile_origin;
  // Peers whose X-Forwarded-For names the client (Request::remote_address); none by default.
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  // `dispatcher` must outlive the server.
  Server(const Dispatcher& dispatcher, ServerOptions options);
  ~Server();  // stops if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Fails with unavailable when the address is taken.
  Status start();
  // The bound port; valid after start().
  uint16_t port() const;
  // Stops accepting, closes idle connections, lets requests in progress finish and be answered
  // (up to shutdown_grace), then stops the threads. Idempotent.
  void stop();
  // Blocks until SIGINT or SIGTERM arrives, then stop()s.
  void wait_for_shutdown_signal();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shequ::http
