#include "support/test_gateway.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <boost/asio/ssl.hpp>

#include "http/asio.hpp"

namespace shequ::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;
using Json = nlohmann::json;

struct TestGateway::Server {
  asio::io_context context;
  tcp::acceptor acceptor{context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::optional<asio::ssl::context> tls;
  std::atomic<bool> stopping{false};
};

TestGateway::TestGateway(const std::optional<TlsServerIdentity>& tls)
    : server_(std::make_unique<Server>()) {
  if (tls) {
    auto& context = server_->tls.emplace(asio::ssl::context::tls_server);
    context.use_certificate_chain(asio::buffer(tls->certificate_pem));
    context.use_private_key(asio::buffer(tls->key_pem), asio::ssl::context::pem);
  }
  thread_ = std::thread([this] { serve(); });
}

TestGateway::~TestGateway() {
  server_->stopping = true;
  // Wakes the blocking accept.
  beast::error_code ignored;
  tcp::socket wake(server_->context);
  wake.connect(server_->acceptor.local_endpoint(), ignored);
  thread_.join();
}

std::string TestGateway::url() const {
  return std::string(server_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) +
         "/send";
}

uint16_t TestGateway::port() const {
  return server_->acceptor.local_endpoint().port();
}

void TestGateway::answer_unavailable(int requests) {
  std::lock_guard lock(mutex_);
  unavailable_ = requests;
}

void TestGateway::drop_answers(int requests) {
  std::lock_guard lock(mutex_);
  drop_ = requests;
}

void TestGateway::refuse_phone(const std::string& phone) {
  std::lock_guard lock(mutex_);
  refused_.insert(phone);
}

std::vector<TestGateway::Taken> TestGateway::taken() const {
  std::lock_guard lock(mutex_);
  return taken_;
}

int TestGateway::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int TestGateway::messages_received() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

std::vector<std::string> TestGateway::authorizations() const {
  std::lock_guard lock(mutex_);
  return authorizations_;
}

bool TestGateway::answer(const std::string& body, const std::string& authorization, int& status,
                         std::string& reply) {
  std::lock_guard lock(mutex_);
  requests_ += 1;
  authorizations_.push_back(authorization);
  if (unavailable_ > 0) {
    unavailable_ -= 1;
    status = 503;
    reply = R"({"error":"busy"})";
    return true;
  }
  const Json request = Json::parse(body, nullptr, false);
  Json results = Json::array();
  if (request.is_object() && request.contains("messages")) {
    for (const Json& m : request["messages"]) {
      messages_ += 1;
      const std::string key = m.value("key", "");
      const std::string phone = m.value("phone", "");
      if (refused_.contains(phone)) {
        results.push_back(
            {{"key", key}, {"accepted", false}, {"permanent", true}, {"error", "空号"}});
        continue;
      }
      auto found = by_key_.find(key);
      if (found == by_key_.end()) {
        Taken t{key,
                request.value("channel", ""),
                phone,
                m.value("areas", std::vector<std::string>()),
                m.value("action", ""),
                m.value("level", ""),
                m.value("text", ""),
                "gw-" + std::to_string(taken_.size() + 1)};
        found = by_key_.emplace(key, taken_.size()).first;
        taken_.push_back(std::move(t));
      }
      results.push_back(
          {{"key", key}, {"accepted", true}, {"id", taken_[found->second].reference}});
    }
  }
  if (drop_ > 0) {
    drop_ -= 1;
    return false;
  }
  status = 200;
  reply = Json{{"results", results}}.dump();
  return true;
}

void TestGateway::serve() {
  // One request on `stream`, answered unless the test asked for the answer to be lost.
  const auto exchange = [this](auto& stream) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> request;
    bhttp::read(stream, buffer, request, ec);
    if (ec) return;
    int status = 0;
    std::string reply;
    if (!answer(request.body(), std::string(request[bhttp::field::authorization]), status, reply)) {
      return;
    }
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status), 11};
    response.set(bhttp::field::content_type, "application/json");
    response.body() = reply;
    response.prepare_payload();
    bhttp::write(stream, response, ec);
  };
  while (true) {
    tcp::socket socket(server_->context);
    beast::error_code ec;
    server_->acceptor.accept(socket, ec);
    if (server_->stopping) return;
    if (ec) continue;
    if (server_->tls) {
      asio::ssl::stream<tcp::socket&> stream(socket, *server_->tls);
      stream.handshake(asio::ssl::stream_base::server, ec);
      if (ec) continue;  // the client refused the certificate, or spoke plain http
      exchange(stream);
      stream.shutdown(ec);
    } else {
      exchange(socket);
    }
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }
}

}  // namespace shequ::testing
