#include "support/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "http/asio.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

HttpResult to_result(const bhttp::response<bhttp::string_body>& response) {
  HttpResult result;
  result.status = static_cast<int>(response.result_int());
  result.body = response.body();
  for (const auto& field : response) {
    result.headers.emplace_back(lower(std::string(field.name_string())),
                                std::string(field.value()));
  }
  return result;
}

}  // namespace

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body);
}

std::string HttpResult::shown_text() const {
  if (!header("content-type").starts_with("application/vnd.openxmlformats")) return body;
  const auto sheet = read_first_sheet(body);
  if (!sheet) return body;
  std::string cells;
  for (const auto& row : *sheet) {
    for (const std::string& cell : row) cells += cell + "\n";
  }
  return cells;
}

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

struct HttpClient::Impl {
  uint16_t port;
  std::vector<std::pair<std::string, std::string>> defaults;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  // False when nothing listens on the port.
  bool connect() {
    stream.emplace(io);
    beast::error_code ec;
    stream->connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    buffer.clear();
    if (ec) stream.reset();
    return !ec;
  }

  HttpResult read_response() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code ec;
    stream->expires_after(std::chrono::seconds(30));
    bhttp::read(*stream, buffer, parser, ec);
    if (ec) {
      stream.reset();
      return {};
    }
    if (!parser.get().keep_alive()) stream.reset();
    return to_result(parser.get());
  }
};

HttpClient::HttpClient(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
}
HttpClient::~HttpClient() = default;

HttpResult HttpClient::get(const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  return request("GET", target, "", headers);
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream && !impl_->connect()) return {};
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : impl_->defaults) request.set(k, v);
    for (const auto& [k, v] : headers) request.set(k, v);
    request.body() = body;
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
      request.prepare_payload();
    beast::error_code ec;
    bhttp::write(*impl_->stream, request, ec);
    if (ec) {
      impl_->stream.reset();  // the server closed an idle keep-alive connection: reconnect once
      continue;
    }
    return impl_->read_response();
  }
  return {};
}

void HttpClient::set_default_header(const std::string& name, const std::string& value) {
  std::erase_if(impl_->defaults, [&](const auto& h) { return h.first == name; });
  impl_->defaults.emplace_back(name, value);
}

HttpResult HttpClient::login(const std::string& username, const std::string& password) {
  const HttpResult result =
      send_json("POST", "/api/v1/auth/login",
                nlohmann::json{{"username", username}, {"password", password}}.dump());
  if (result.status != 200) return result;
  const std::string cookie = result.header("set-cookie");
  set_default_header("cookie", cookie.substr(0, cookie.find(';')));
  set_default_header("x-csrf-token", result.json()["csrfToken"].get<std::string>());
  return result;
}

void HttpClient::share_session_of(const HttpClient& other) {
  impl_->defaults = other.impl_->defaults;
}

HttpResult HttpClient::send_json(const std::string& method, const std::string& target,
                                 const std::string& body) {
  return request(method, target, body, {{"content-type", "application/json"}});
}

bool HttpClient::begin(const std::string& first_part) {
  if (!impl_->connect()) return false;
  beast::error_code ec;
  asio::write(impl_->stream->socket(), asio::buffer(first_part), ec);
  return !ec;
}

HttpResult HttpClient::finish(const std::string& rest) {
  if (!impl_->stream) return {};
  beast::error_code ec;
  asio::write(impl_->stream->socket(), asio::buffer(rest), ec);
  if (ec) return {};
  return impl_->read_response();
}

Exchange HttpClient::exchange(const std::string& bytes) {
  Exchange exchange;
  if (!impl_->connect()) return exchange;
  beast::error_code ec;
  asio::write(impl_->stream->socket(), asio::buffer(bytes), ec);
  while (!ec) {
    bhttp::response_parser<bhttp::string_body> parser;
    impl_->stream->expires_after(std::chrono::seconds(30));
    bhttp::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {
      exchange.closed_by_server = ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
                                  ec == asio::error::connection_reset;
      break;
    }
    exchange.responses.push_back(to_result(parser.get()));
  }
  impl_->stream.reset();
  return exchange;
}

HttpResult HttpClient::raw(const std::string& bytes) {
  if (!impl_->connect()) return {};
  beast::error_code ec;
  asio::write(impl_->stream->socket(), asio::buffer(bytes), ec);
  if (ec) return {};
  return impl_->read_response();
}

}  // namespace shequ::testing
