// The server itself over real sockets: graceful shutdown and keep-alive.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"

namespace shequ::http {
namespace {

using shequ::testing::HttpClient;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add({.method = "GET",
                .pattern = "/slow",
                .permission = std::string(kPublic),
                .summary = "answers after a while",
                .tag = "test",
                .handler = [this](const Request&) -> Result<Response> {
                  entered.set_value();
                  std::this_thread::sleep_for(std::chrono::milliseconds(300));
                  return Response::json(200, {{"done", true}});
                }});
    router.add(
        {.method = "GET",
         .pattern = "/fast",
         .permission = std::string(kPublic),
         .summary = "answers at once",
         .tag = "test",
         .handler = [](const Request&) -> Result<Response> { return Response::json(200, {}); },
         .execution = Execution::io});
    metrics = std::make_unique<Metrics>(
        std::vector<Metrics::RouteLabel>{{"GET", "/slow"}, {"GET", "/fast"}});
    dispatcher = std::make_unique<Dispatcher>(router, *metrics, nullptr, false);
    server = std::make_unique<Server>(*dispatcher, ServerOptions{.port = 0, .io_threads = 2});
    ASSERT_TRUE(server->start());
  }

  Router router;
  std::promise<void> entered;
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<Server> server;
};

TEST_F(ServerTest, StopFinishesRequestsInProgressAndClosesIdleConnections) {
  const uint16_t port = server->port();
  HttpClient idle(port);
  ASSERT_EQ(idle.get("/fast").status, 200);  // a keep-alive connection, now idle

  auto in_flight = std::async(std::launch::async, [port] { return HttpClient(port).get("/slow"); });
  entered.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  const auto answer = in_flight.get();
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json()["done"], true);
  EXPECT_EQ(answer.header("connection"), "close");
  // The idle connection did not hold up the stop for its 60 s timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  // Nothing is accepted any more.
  EXPECT_EQ(HttpClient(port).get("/fast").status, 0);
}

TEST_F(ServerTest, StopAnswersARequestThatWasStillArriving) {
  HttpClient client(server->port());
  ASSERT_TRUE(client.begin("GET /fast HTTP/1.1\r\nHost: x\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server holds the first part
  auto stopping = std::async(std::launch::async, [this] { server->stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto answer = client.finish("\r\n");
  stopping.get();
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.header("connection"), "close");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  HttpClient client(server->port());
  for (int i = 0; i < 50; ++i) ASSERT_EQ(client.get("/fast").status, 200);
  const std::string text = metrics->render_prometheus();
  EXPECT_NE(text.find(R"(route="/fast",status="200"} 50)"), std::string::npos) << text;
}

}  // namespace
}  // namespace shequ::http
