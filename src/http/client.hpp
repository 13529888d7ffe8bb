// An HTTP/1.1 client for the systems the platform hands work to (an SMS gateway, the emergency
// broadcast system): one request, one answer, over http or https (TLS 1.2 and up, the peer's
// certificate checked against the system's authorities or a given file, and its host name).
//
// Thread-safe: every call has its own connection and I/O context; nothing is shared.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace shequ::http {

// An absolute http or https URL, split for a connection.
struct Url {
  bool tls = false;
  std::string host;
  std::string port;    // "80" / "443" when the URL names none
  std::string target;  // path and query; "/" when empty
};

// Refuses anything but http:// or https:// with a host (invalid, field `field`).
Result<Url> parse_url(std::string_view text, const std::string& field);

struct ClientRequest {
  std::string method = "POST";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
  std::string body;
};

struct ClientResponse {
  int status = 0;
  std::string body;
};

struct ClientOptions {
  // The whole exchange (resolve, connect, handshake, send, receive) must end within this.
  std::chrono::milliseconds timeout{10'000};
  std::string ca_file;  // PEM authorities for https; empty: the system's
  std::size_t body_limit = 1024 * 1024;
};

// Sends `request` and reads the answer, whatever its status. A connection that cannot be made,
// a failed handshake or certificate check, a timeout or a malformed answer are unavailable (the
// detail names which); the caller decides whether to try again.
Result<ClientResponse> send_request(const ClientRequest& request, const ClientOptions& options);

}  // namespace shequ::http
