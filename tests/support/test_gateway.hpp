// A gateway for the outbound tests: a real HTTP server on a loopback port that takes the
// messages of docs/integration/outbound.md as an SMS gateway or a broadcast system must: each
// key once (a message sent again under the same key gets the reference it got the first time),
// answering per message. The test may make it fail as real ones do: answer 503, refuse a number
// for good, or take a request and drop the connection without answering (the answer lost on the
// way back, as when the sender crashes).
//
// Over http, or over https with a certificate the test made (support/test_tls.hpp).
//
// Thread-safe: the server thread and the test share it under a mutex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/test_tls.hpp"

namespace shequ::testing {

class TestGateway {
 public:
  struct Taken {
    std::string key;
    std::string channel;
    std::string phone;
    std::vector<std::string> areas;
    std::string action;
    std::string level;
    std::string text;
    std::string reference;
  };

  // Listening on 127.0.0.1 at a free port: over http, or, given an identity, over https
  // presenting it (a client that refuses it reaches no request).
  explicit TestGateway(const std::optional<TlsServerIdentity>& tls = std::nullopt);
  ~TestGateway();
  TestGateway(const TestGateway&) = delete;
  TestGateway& operator=(const TestGateway&) = delete;

  // http(s)://127.0.0.1:<port>/send
  std::string url() const;
  uint16_t port() const;

  // The next `requests` requests are answered 503 and take nothing.
  void answer_unavailable(int requests);
  // The next `requests` requests are taken, then their connection is closed unanswered.
  void drop_answers(int requests);
  // Messages to this phone are refused for good.
  void refuse_phone(const std::string& phone);

  // Each key taken, in the order first taken.
  std::vector<Taken> taken() const;
  int requests() const;
  // Messages received, a key sent again counted again.
  int messages_received() const;
  // The Authorization header of every request.
  std::vector<std::string> authorizations() const;

 private:
  void serve();
  // The answer to one request body; false: drop the connection instead.
  bool answer(const std::string& body, const std::string& authorization, int& status,
              std::string& reply);

  struct Server;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  mutable std::mutex mutex_;
  int unavailable_ = 0;
  int drop_ = 0;
  std::set<std::string> refused_;
  std::vector<Taken> taken_;
  std::map<std::string, std::size_t> by_key_;
  int requests_ = 0;
  int messages_ = 0;
  std::vector<std::string> authorizations_;
};

}  // namespace shequ::testing
