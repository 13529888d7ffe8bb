#include "http/client.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <cctype>
#include <optional>

#include "common/strings.hpp"
#include "http/asio.hpp"

// After asio.hpp, which includes <utility> before Asio for Boost 1.74 under GCC 12.
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

namespace shequ::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

template <class Stream>
asio::awaitable<ClientResponse> exchange(Stream& stream, const ClientRequest& request,
                                         const ClientOptions& options) {
  bhttp::request<bhttp::string_body> out;
  out.method_string(request.method);
  out.target(request.url.target);
  out.version(11);
  const bool default_port = request.url.port == (request.url.tls ? "443" : "80");
  out.set(bhttp::field::host, default_port
                                  ? request.url.host
                                  : fmt::format("{}:{}", request.url.host, request.url.port));
  out.set(bhttp::field::user_agent, "shequ");
  out.set(bhttp::field::connection, "close");
  if (!request.body.empty()) out.set(bhttp::field::content_type, request.content_type);
  for (const auto& [name, value] : request.headers) out.set(name, value);
  out.body() = request.body;
  out.prepare_payload();
  co_await bhttp::async_write(stream, out, asio::use_awaitable);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(options.body_limit);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return ClientResponse{static_cast<int>(parser.get().result_int()), parser.get().body()};
}

asio::awaitable<ClientResponse> connect_and_exchange(const ClientRequest& request,
                                                     const ClientOptions& options,
                                                     asio::ssl::context* tls) {
  const auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  const auto endpoints =
      co_await resolver.async_resolve(request.url.host, request.url.port, asio::use_awaitable);
  beast::tcp_stream connection(executor);
  // One deadline for every step after the name lookup; send_request bounds the lookup too.
  connection.expires_after(options.timeout);
  co_await connection.async_connect(endpoints, asio::use_awaitable);
  if (tls == nullptr) {
    ClientResponse response = co_await exchange(connection, request, options);
    beast::error_code ignored;
    connection.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return response;
  }
  beast::ssl_stream<beast::tcp_stream> stream(std::move(connection), *tls);
  // Name the host for servers that keep several certificates (SNI), and check the certificate
  // is for it.
  if (SSL_set_tlsext_host_name(stream.native_handle(), request.url.host.c_str()) != 1) {
    throw beast::system_error(
        beast::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()));
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(request.url.host));
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  co_return co_await exchange(stream, request, options);
}

// Runs the exchange and leaves its outcome in `outcome` (Result is not default-constructible,
// which co_spawn's completion with a value asks for).
asio::awaitable<void> guarded(const ClientRequest& request, const ClientOptions& options,
                              asio::ssl::context* tls,
                              std::optional<Result<ClientResponse>>& outcome) {
  try {
    outcome = co_await connect_and_exchange(request, options, tls);
  } catch (const beast::system_error& e) {
    outcome = Error::unavailable(
        fmt::format("{} {}://{}:{}{}: {}", request.method, request.url.tls ? "https" : "http",
                    request.url.host, request.url.port, request.url.target, e.code().message()));
  } catch (const std::exception& e) {
    outcome = Error::unavailable(fmt::format("{} {}:{}{}: {}", request.method, request.url.host,
                                             request.url.port, request.url.target, e.what()));
  }
}

}  // namespace

Result<Url> parse_url(std::string_view text, const std::string& field) {
  const auto refuse = [&] {
    return Error::invalid(field, {"地址须为 http:// 或 https:// 开头的完整网址",
                                  "must be a full http:// or https:// URL"});
  };
  Url url;
  std::string_view rest;
  if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    url.tls = true;
    rest = text.substr(8);
  } else {
    return refuse();
  }
  const std::size_t end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  if (end != std::string_view::npos) {
    const std::string_view target = rest.substr(end);
    if (target.find('#') != std::string_view::npos) return refuse();
    url.target = target.front() == '?' ? "/" + std::string(target) : std::string(target);
  } else {
    url.target = "/";
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return refuse();
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return refuse();
      port = after.substr(1);
    }
    for (char c : host) {
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) return refuse();
    }
  } else {
    const std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    // Credentials in the URL would land in logs: they go in the credentials file.
    for (char c : host) {
      if (!is_host_char(c)) return refuse();
    }
  }
  if (host.empty()) return refuse();
  if (!port.empty()) {
    const auto number = parse_decimal(port);
    if (!number || *number < 1 || *number > 65535) return refuse();
  }
  url.host = std::string(host);
  url.port = port.empty() ? (url.tls ? "443" : "80") : std::string(port);
  return url;
}

Result<ClientResponse> send_request(const ClientRequest& request, const ClientOptions& options) {
  std::optional<asio::ssl::context> tls;
  if (request.url.tls) {
    try {
      tls.emplace(asio::ssl::context::tls_client);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
      tls->set_verify_mode(asio::ssl::verify_peer);
      if (options.ca_file.empty()) {
        tls->set_default_verify_paths();
      } else {
        tls->load_verify_file(options.ca_file);
      }
    } catch (const beast::system_error& e) {
      return Error::unavailable(
          fmt::format("TLS set-up ({}): {}", options.ca_file, e.code().message()));
    }
  }
  // Declared after the TLS context: the coroutine's streams, destroyed with it, use the context.
  asio::io_context context(1);
  std::optional<Result<ClientResponse>> outcome;
  asio::co_spawn(context, guarded(request, options, tls ? &*tls : nullptr, outcome),
                 asio::detached);
  // The stream's deadline does not cover the name lookup: this bounds the whole exchange.
  context.run_for(options.timeout + std::chrono::milliseconds(100));
  if (!outcome) {
    return Error::unavailable(fmt::format("{} {}:{}{}: no answer within {} ms", request.method,
                                          request.url.host, request.url.port, request.url.target,
                                          options.timeout.count()));
  }
  return std::move(*outcome);
}

}  // namespace shequ::http
