// A blocking HTTP/1.1 client over a real loopback socket, for API tests. One connection per
// client, kept alive between requests. Not thread-safe: one client per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace shequ::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed or closed without an answer
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case

  nlohmann::json json() const;
  std::string header(const std::string& name) const;
  // What the answer shows a person: the cells of an Excel download, one per line; otherwise the
  // body as it is.
  std::string shown_text() const;
};

// What a server answered to bytes written on one connection.
struct Exchange {
  std::vector<HttpResult> responses;  // in order
  bool closed_by_server = false;      // false: the connection was still open after 30 s
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();

  // Sent with every later request (replacing an earlier value of the same name).
  void set_default_header(const std::string& name, const std::string& value);
  // Logs in with POST /api/v1/auth/login and, on success, sends the session cookie and the
  // CSRF token with every later request. Returns the login response.
  HttpResult login(const std::string& username, const std::string& password);
  // Uses the session (cookie and CSRF token) another client logged in with.
  void share_session_of(const HttpClient& other);

  HttpResult get(const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  // POST/PATCH with Content-Type: application/json.
  HttpResult send_json(const std::string& method, const std::string& target,
                       const std::string& body);
  // Writes `bytes` as they are on a fresh connection and reads one response.
  HttpResult raw(const std::string& bytes);
  // Writes `bytes` as they are on a fresh connection (several pipelined requests, say) and reads
  // every response until the server closes the connection.
  Exchange exchange(const std::string& bytes);
  // Writes the first part of a request on a fresh connection and returns without reading;
  // finish() writes the rest and reads the response.
  bool begin(const std::string& first_part);
  HttpResult finish(const std::string& rest);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shequ::testing
