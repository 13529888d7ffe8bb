#include "support/test_gateway.hpp"

#include <nlohmann/json.hpp>

#include <atomic>

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
  std::atomic<bool> stopping{false};
};

TestGateway::TestGateway() : server_(std::make_unique<Server>()) {
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
  return "http://127.0.0.1:" + std::to_string(server_->acceptor.local_endpoint().port()) + "/send";
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
  while (true) {
    tcp::socket socket(server_->context);
    beast::error_code ec;
    server_->acceptor.accept(socket, ec);
    if (server_->stopping) return;
    if (ec) continue;
    beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> request;
    bhttp::read(socket, buffer, request, ec);
    if (ec) continue;
    int status = 0;
    std::string reply;
    if (!answer(request.body(), std::string(request[bhttp::field::authorization]), status, reply)) {
      socket.close(ec);
      continue;
    }
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status), 11};
    response.set(bhttp::field::content_type, "application/json");
    response.body() = reply;
    response.prepare_payload();
    bhttp::write(socket, response, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }
}

}  // namespace shequ::testing
