// The server itself over real sockets: graceful shutdown, keep-alive, how requests are framed
// and the headers every answer carries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <thread>

#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"

namespace shequ::http {
namespace {

using shequ::testing::Exchange;
using shequ::testing::HttpClient;
using shequ::testing::HttpResult;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web = std::filesystem::temp_directory_path() /
          ("shequ-server-test-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<html>console</html>";
    std::ofstream(web / "assets" / "app-1a2b3c.js") << "console.log(1)";
    auto files = StaticFiles::open(web);
    ASSERT_TRUE(files);
    static_files.emplace(std::move(files).value());
    router.add(
        {.method = "GET",
         .pattern = "/slow",
         .permission = std::string(kPublic),
         .summary = "answers after a while",
         .tag = "test",
         .handler = [this](const Request&) -> Result<Response> {
           entered.set_value();
           std::this_thread::sleep_for(std::chrono::milliseconds(300));
           return Response::json(200, {{"done", true}});
         },
         .contract = {.replies = {{.json = schema::object({{"done", schema::boolean()}})}}}});
    router.add({.method = "GET",
                .pattern = "/fast",
                .permission = std::string(kPublic),
                .summary = "answers at once",
                .tag = "test",
                .handler = [](const Request&) -> Result<Response> {
                  return Response::json(200, Json::object());
                },
                .execution = Execution::io,
                .contract = {.replies = {{.json = schema::object({})}}}});
    router.add({.method = "POST",
                .pattern = "/echo",
                .permission = std::string(kPublic),
                .summary = "answers with the body it was sent, a JSON string",
                .tag = "test",
                .handler = [](const Request& request) -> Result<Response> {
                  return Response::json(200, {{"body", request.body_json}});
                },
                .execution = Execution::io,
                .contract = {.body = schema::text(10),
                             .replies = {{.json = schema::object({{"body", schema::string()}})}}}});
    router.add({.method = "GET",
                .pattern = "/framed",
                .permission = std::string(kPublic),
                .summary = "asks for a weaker policy than the server's",
                .tag = "test",
                .handler = [](const Request&) -> Result<Response> {
                  Response response = Response::text(200, "<p>framed</p>", "text/html");
                  response.headers.emplace_back("content-security-policy", "default-src *");
                  response.headers.emplace_back("x-frame-options", "ALLOWALL");
                  return response;
                },
                .execution = Execution::io,
                .contract = {.replies = {{.media_type = "text/html"}}}});
    metrics = std::make_unique<Metrics>(std::vector<Metrics::RouteLabel>{
        {"GET", "/slow"}, {"GET", "/fast"}, {"POST", "/echo"}, {"GET", "/framed"}});
    dispatcher = std::make_unique<Dispatcher>(router, *metrics, &*static_files, false);
    server = std::make_unique<Server>(*dispatcher, ServerOptions{.port = 0, .io_threads = 2});
    ASSERT_TRUE(server->start());
  }

  void TearDown() override {
    server.reset();
    std::filesystem::remove_all(web);
  }

  std::filesystem::path web;
  std::optional<StaticFiles> static_files;
  Router router{[](std::string_view) { return false; }};  // public routes only
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

// A request whose end cannot be told for certain is refused, and the connection closed: a proxy
// in front may have split the bytes into requests differently, and whatever follows could be a
// request smuggled past it (RFC 9112 sections 3.2, 6.1 and 6.3).
TEST_F(ServerTest, RequestsWithDoubtfulFramingAreRefusedAndTheConnectionClosed) {
  // Asks to close, so that a server that answers it shows so at once.
  const std::string smuggled = "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const struct {
    const char* attack;
    std::string request;
    const char* field;  // the field the answer names; null where Beast's parser refuses first
  } cases[] = {
      {"unknown coding beside a length",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n"
       "hello",
       "transfer-encoding"},
      {"chunked beside a length",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
       "0\r\n\r\n",
       nullptr},
      {"a length beside chunked",
       "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n",
       nullptr},
      {"chunked not the final coding",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
       "transfer-encoding"},
      {"a coding before chunked",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
       "transfer-encoding"},
      {"chunked twice in one field",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
       "transfer-encoding"},
      {"codings split over two fields",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: "
       "chunked\r\n\r\n0\r\n\r\n",
       "transfer-encoding"},
      {"identity coding", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
       "transfer-encoding"},
      {"a coding in HTTP/1.0",
       "POST /echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       "transfer-encoding"},
      {"space before the colon",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", nullptr},
      {"a coding folded onto a second line",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n "
       "chunked\r\nContent-Length: "
       "5\r\n\r\nhello",
       nullptr},
      {"two different lengths",
       "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
       nullptr},
      {"two lengths in one field",
       "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!", nullptr},
      {"a signed length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
       nullptr},
      {"no Host in HTTP/1.1", "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", "host"},
      {"two Hosts", "GET /fast HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "host"},
      {"two Hosts in HTTP/1.0", "GET /fast HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", "host"},
      {"a Host that is no host", "GET /fast HTTP/1.1\r\nHost: x/y@evil\r\n\r\n", "host"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.attack);
    const Exchange exchange = HttpClient(server->port()).exchange(c.request + smuggled);
    EXPECT_EQ(exchange.responses.size(), 1u) << "the request behind it was answered";
    EXPECT_TRUE(exchange.closed_by_server);
    if (exchange.responses.empty()) continue;
    const HttpResult& refused = exchange.responses.front();
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.header("connection"), "close");
    const Json body = Json::parse(refused.body, nullptr, /*allow_exceptions=*/false);
    EXPECT_EQ(body.value("code", ""), "invalid_argument") << refused.body;
    EXPECT_NE(body.value("requestId", ""), "");
    if (c.field != nullptr) {
      EXPECT_EQ(body.value("/details/0/field"_json_pointer, ""), c.field) << refused.body;
      EXPECT_NE(body.value("/details/0/reason"_json_pointer, ""), "");
    }
  }
}

TEST_F(ServerTest, FramingRefusalsSpeakTheClientsLanguage) {
  const Exchange exchange =
      HttpClient(server->port())
          .exchange(
              "POST /echo HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n"
              "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_EQ(exchange.responses.size(), 1u);
  const std::string reason = "/details/0/reason";
  EXPECT_EQ(
      Json::parse(exchange.responses[0].body, nullptr, false).value(Json::json_pointer(reason), ""),
      "a request cannot have both Transfer-Encoding and Content-Length");
  const Exchange chinese =
      HttpClient(server->port()).exchange("GET /fast HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
  ASSERT_EQ(chinese.responses.size(), 1u);
  EXPECT_EQ(
      Json::parse(chinese.responses[0].body, nullptr, false).value(Json::json_pointer(reason), ""),
      "只能有一个 Host 请求头");
}

// What honest clients send still works, pipelining included.
TEST_F(ServerTest, WellFramedRequestsAreServedOneAfterAnother) {
  const std::string next = "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string json = "Content-Type: application/json\r\n";
  const struct {
    const char* client;
    std::string request;
  } cases[] = {
      {"a length",
       "POST /echo HTTP/1.1\r\nHost: x\r\n" + json + "Content-Length: 7\r\n\r\n\"hello\""},
      {"chunked", "POST /echo HTTP/1.1\r\nHost: x\r\n" + json +
                      "Transfer-Encoding: chunked\r\n\r\n7\r\n\"hello\"\r\n0\r\n\r\n"},
      {"chunked in capitals", "POST /echo HTTP/1.1\r\nHost: x\r\n" + json +
                                  "Transfer-Encoding: Chunked\r\n\r\n7\r\n\"hello\"\r\n0\r\n\r\n"},
      {"the same length twice", "POST /echo HTTP/1.1\r\nHost: x\r\n" + json +
                                    "Content-Length: 7\r\nContent-Length: 7\r\n\r\n\"hello\""},
      {"HTTP/1.0 without Host", "POST /echo HTTP/1.0\r\nConnection: keep-alive\r\n" + json +
                                    "Content-Length: 7\r\n\r\n\"hello\""},
      {"an IPv6 Host with a port",
       "POST /echo HTTP/1.1\r\nHost: [::1]:8080\r\n" + json + "Content-Length: 7\r\n\r\n\"hello\""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.client);
    const Exchange exchange = HttpClient(server->port()).exchange(c.request + next);
    ASSERT_EQ(exchange.responses.size(), 2u);
    EXPECT_EQ(exchange.responses[0].status, 200);
    EXPECT_EQ(exchange.responses[0].json()["body"], "hello");
    EXPECT_EQ(exchange.responses[1].status, 200);
  }
}

// The directives of a Content-Security-Policy, each with its sources.
std::map<std::string, std::vector<std::string>> directives(const std::string& policy) {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream parts(policy);
  std::string part;
  while (std::getline(parts, part, ';')) {
    std::istringstream words(part);
    std::string name;
    if (!(words >> name)) continue;
    EXPECT_FALSE(out.contains(name)) << "directive given twice: " << name;
    std::string source;
    while (words >> source) out[name].push_back(source);
  }
  return out;
}

void expect_browser_protection(const HttpResult& answer, const std::string& what,
                               const std::vector<std::string>& image_sources) {
  SCOPED_TRACE(what);
  ASSERT_NE(answer.status, 0);
  auto policy = directives(answer.header("content-security-policy"));
  using Sources = std::vector<std::string>;
  EXPECT_EQ(policy["default-src"], Sources{"'self'"});
  EXPECT_EQ(policy["script-src"], Sources{"'self'"});  // no inline script, no eval
  EXPECT_EQ(policy["object-src"], Sources{"'none'"});
  EXPECT_EQ(policy["base-uri"], Sources{"'self'"});
  EXPECT_EQ(policy["form-action"], Sources{"'self'"});
  EXPECT_EQ(policy["frame-ancestors"], Sources{"'none'"});
  EXPECT_EQ(policy["img-src"], image_sources);
  for (const auto& [name, sources] : policy) {
    for (const std::string& source : sources) {
      EXPECT_NE(source, "'unsafe-eval'") << name;
      EXPECT_NE(source, "*") << name;
    }
  }
  EXPECT_EQ(answer.header("x-frame-options"), "DENY");
  EXPECT_EQ(answer.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(answer.header("x-content-type-options"), "nosniff");
}

const std::vector<std::string> kOwnImages{"'self'", "data:", "blob:"};

TEST_F(ServerTest, EveryAnswerCarriesTheBrowserProtectionHeaders) {
  const uint16_t port = server->port();
  const std::string header_too_large =
      "GET /fast HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(9000, 'a') + "\r\n\r\n";
  const struct {
    const char* what;
    HttpResult answer;
  } answers[] = {
      {"an API answer", HttpClient(port).get("/fast")},
      {"a handler asking for a weaker policy", HttpClient(port).get("/framed")},
      {"the console", HttpClient(port).get("/")},
      {"a console route", HttpClient(port).get("/org/units/620000000000")},
      {"a resident page", HttpClient(port).get("/h5/")},
      {"a script of the console", HttpClient(port).get("/assets/app-1a2b3c.js")},
      {"a missing file", HttpClient(port).get("/assets/missing.js")},
      {"an unknown endpoint", HttpClient(port).get("/api/v1/nothing")},
      {"a wrong method", HttpClient(port).request("DELETE", "/fast")},
      {"a bad path", HttpClient(port).raw("GET fast HTTP/1.1\r\nHost: x\r\n\r\n")},
      {"a request that is not HTTP", HttpClient(port).raw("HELLO\r\n\r\n")},
      {"headers over the limit", HttpClient(port).raw(header_too_large)},
      {"a doubtful framing",
       HttpClient(port).raw(
           "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: "
           "0\r\n\r\n")},
  };
  for (const auto& [what, answer] : answers) expect_browser_protection(answer, what, kOwnImages);
  EXPECT_EQ(answers[1].answer.body, "<p>framed</p>");
}

TEST(ServerMapTiles, TheConfiguredTileServerMayServeImages) {
  Router router{[](std::string_view) { return false; }};  // public routes only
  Metrics metrics(std::vector<Metrics::RouteLabel>{});
  Dispatcher dispatcher(router, metrics, nullptr, false);
  Server server(dispatcher, ServerOptions{
                                .port = 0,
                                .io_threads = 1,
                                .map_tile_origin = "https://tiles.example.org",
                            });
  ASSERT_TRUE(server.start());
  expect_browser_protection(HttpClient(server.port()).get("/api/v1/nothing"), "with map tiles",
                            {"'self'", "data:", "blob:", "https://tiles.example.org"});
}

}  // namespace
}  // namespace shequ::http
