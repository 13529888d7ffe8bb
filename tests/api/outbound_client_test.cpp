// The https path of the client that hands warnings to an SMS gateway or the broadcast system
// (src/http/client.hpp), against a real TLS server on a loopback port whose certificate a
// throwaway authority signed (support/test_tls.hpp): reached when the certificate is the
// authority's, for the host named, and in force; refused, before any request is sent, otherwise.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <optional>

#include "http/client.hpp"
#include "support/test_database.hpp"
#include "support/test_gateway.hpp"
#include "support/test_tls.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;
using std::chrono::hours;

class HttpsClientTest : public ::testing::Test {
 protected:
  // A file of trusted authorities holding `authority`'s certificate.
  std::string authorities_file(const TestAuthority& authority) {
    const auto file = folder_ / ("authority-" + std::to_string(++files_) + ".pem");
    std::ofstream(file) << authority.certificate_pem();
    return file.string();
  }
  // One SMS, as the outbound channel sends it, to `url`.
  static http::ClientRequest sms_to(const std::string& url) {
    auto parsed = http::parse_url(url, "url");
    EXPECT_TRUE(parsed) << url;
    http::ClientRequest request;
    request.url = parsed ? *parsed : http::Url{};
    request.headers = {{"Authorization", "Bearer sms-secret"}};
    request.body =
        Json{{"channel", "sms"},
             {"messages", {{{"key", "alert-1-person-1"}, {"phone", "13993100201"}, {"text", "t"}}}}}
            .dump();
    return request;
  }
  static http::ClientOptions trusting(const std::string& file) {
    http::ClientOptions options;
    options.ca_file = file;
    options.timeout = std::chrono::seconds(10);
    return options;
  }

  const std::filesystem::path folder_ = private_temp_folder("shequ-tls-");
  int files_ = 0;
  TestAuthority authority_{"甘肃省政务短信平台 测试根证书"};
};

TEST_F(HttpsClientTest, AGatewayWhoseCertificateTheGivenAuthoritySignedIsReached) {
  TestGateway gateway(authority_.issue({"127.0.0.1", "localhost"}));
  const auto options = trusting(authorities_file(authority_));
  // By address and by name: the certificate names both.
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    const auto answer = http::send_request(
        sms_to(fmt::format("https://{}:{}/send", host, gateway.port())), options);
    ASSERT_TRUE(answer) << host << ": " << answer.error().internal_detail;
    EXPECT_EQ(answer->status, 200) << answer->body;
    EXPECT_EQ(Json::parse(answer->body)["results"][0]["accepted"], true) << answer->body;
  }
  // The same message twice, under its key: taken once, with the token, over TLS.
  ASSERT_EQ(gateway.taken().size(), 1u);
  EXPECT_EQ(gateway.taken()[0].phone, "13993100201");
  EXPECT_EQ(gateway.authorizations(),
            (std::vector<std::string>{"Bearer sms-secret", "Bearer sms-secret"}));
}

// Each way an https peer is not the one the province configured: nothing is sent, and the
// error (for the log) says why.
TEST_F(HttpsClientTest, APeerThatCannotBeTrustedGetsNoMessage) {
  const TestAuthority stranger("某未知机构 测试根证书");
  const std::string ours = authorities_file(authority_);
  struct Case {
    const char* name;
    std::optional<TlsServerIdentity> identity;  // the gateway's; none: plain http
    std::string scheme_and_host;
    std::string authorities;  // the client's file; empty: the system's
    std::string detail;       // in the error
  };
  const std::vector<Case> cases{
      {"the system's authorities do not know a throwaway one", authority_.issue({"127.0.0.1"}),
       "https://127.0.0.1", "", "certificate verify failed"},
      {"signed by another authority", stranger.issue({"127.0.0.1"}), "https://127.0.0.1", ours,
       "certificate verify failed"},
      {"for another host", authority_.issue({"sms.gansu.example"}), "https://127.0.0.1", ours,
       "certificate verify failed"},
      {"for the address, reached by a name it does not give", authority_.issue({"127.0.0.1"}),
       "https://localhost", ours, "certificate verify failed"},
      {"expired yesterday", authority_.issue({"127.0.0.1"}, hours(-48), hours(-24)),
       "https://127.0.0.1", ours, "certificate verify failed"},
      {"not yet valid", authority_.issue({"127.0.0.1"}, hours(24), hours(48)), "https://127.0.0.1",
       ours, "certificate verify failed"},
      {"a file of authorities that is not there", authority_.issue({"127.0.0.1"}),
       "https://127.0.0.1", (folder_ / "missing.pem").string(), "TLS set-up"},
      {"plain http to a TLS server", authority_.issue({"127.0.0.1"}), "http://127.0.0.1", ours,
       "POST http://127.0.0.1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TestGateway gateway(c.identity);
    const auto answer =
        http::send_request(sms_to(fmt::format("{}:{}/send", c.scheme_and_host, gateway.port())),
                           trusting(c.authorities));
    if (answer) {
      ADD_FAILURE() << "reached: " << answer->status << " " << answer->body;
      continue;
    }
    EXPECT_EQ(answer.error().code, ErrorCode::unavailable);
    EXPECT_NE(answer.error().internal_detail.find(c.detail), std::string::npos)
        << answer.error().internal_detail;
    EXPECT_EQ(gateway.requests(), 0);
  }
}

}  // namespace
}  // namespace shequ::testing
