// Behind a reverse proxy over real sockets on both backends: the audit log names the client the
// proxy forwarded for only when the connection comes from a proxy the operator trusts.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "api/small_stack.hpp"

namespace shequ::testing {
namespace {

// Where the audit log says a failed login of `username` came from.
std::string login_source(HttpClient& auditor, const std::string& username) {
  const auto log = auditor.get("/api/v1/audit?action=auth.login&username=" + username);
  EXPECT_EQ(log.status, 200) << log.body;
  const auto items = log.json()["items"];
  EXPECT_EQ(items.size(), 1u) << log.body;
  return items.empty() ? "" : items[0]["sourceIp"].get<std::string>();
}

// A failed login sent with these X-Forwarded-For fields, as from a proxy on loopback.
void fail_login(uint16_t port, const std::string& username,
                const std::vector<std::string>& forwarded_for) {
  std::string request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const std::string& value : forwarded_for) request += "X-Forwarded-For: " + value + "\r\n";
  const std::string body = R"({"username":")" + username + R"(","password":"Not-The-Password-1"})";
  request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n\r\n" + body;
  EXPECT_EQ(HttpClient(port).raw(request).status, 401) << username;
}

class TrustedProxyTest : public SmallStackTest {
 protected:
  TrustedProxyTest() { web_options_.trusted_proxies = "127.0.0.1, ::1, 10.0.0.0/8"; }
};

TEST_P(TrustedProxyTest, TheAuditLogNamesTheClientTheProxyForwardedFor) {
  const uint16_t port = web_->port();
  auto log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10000);
  spdlog::default_logger()->sinks().push_back(log);
  struct Detach {
    ~Detach() { spdlog::default_logger()->sinks().pop_back(); }
  } detach;
  fail_login(port, "via-proxy", {"203.0.113.7"});
  // The client wrote its own header; the proxy appended the address it saw.
  fail_login(port, "spoofing", {"198.51.100.66, 203.0.113.8"});
  fail_login(port, "spoofing-twice", {"198.51.100.66", "203.0.113.9"});
  // Two proxies: the inner one (10.1.2.3) is trusted too.
  fail_login(port, "two-proxies", {"2001:DB8::5, 10.1.2.3"});
  fail_login(port, "garbage", {"<script>alert(1)</script>"});
  fail_login(port, "direct", {});
  auto auditor = as("audit");
  EXPECT_EQ(login_source(*auditor, "via-proxy"), "203.0.113.7");
  EXPECT_EQ(login_source(*auditor, "spoofing"), "203.0.113.8");
  EXPECT_EQ(login_source(*auditor, "spoofing-twice"), "203.0.113.9");
  EXPECT_EQ(login_source(*auditor, "two-proxies"), "2001:db8::5");
  EXPECT_EQ(login_source(*auditor, "garbage"), "127.0.0.1");
  EXPECT_EQ(login_source(*auditor, "direct"), "127.0.0.1");
  // The access log names both: the client, and the proxy it came through.
  bool logged = false;
  for (const std::string& line : log->last_formatted()) {
    logged = logged || (line.find("ip=203.0.113.7 peer=127.0.0.1 POST /api/v1/auth/login") !=
                        std::string::npos);
    EXPECT_EQ(line.find("peer=127.0.0.1 GET /api/v1/audit"), std::string::npos)
        << "a peer equal to the client is not repeated: " << line;
  }
  EXPECT_TRUE(logged);
}

class UntrustedPeerTest : public SmallStackTest {
 protected:
  UntrustedPeerTest() { web_options_.trusted_proxies = "10.0.0.0/8"; }
};

TEST_P(UntrustedPeerTest, ForwardedForFromAnyoneElseIsIgnored) {
  fail_login(web_->port(), "claims-proxy", {"203.0.113.7"});
  EXPECT_EQ(login_source(*as("audit"), "claims-proxy"), "127.0.0.1");
}

INSTANTIATE_TEST_SUITE_P(Backends, TrustedProxyTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, UntrustedPeerTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
