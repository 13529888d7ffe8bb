// Routing, query strings, error bodies and static files, without sockets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/browser_policy.hpp"
#include "http/client_address.hpp"
#include "http/dispatcher.hpp"
#include "http/error_mapping.hpp"
#include "http/framing.hpp"
#include "http/query.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace shequ::http {
namespace {

// A router whose only declared permission is the one these tests use.
Router test_router() {
  return Router([](std::string_view permission) { return permission == "test:thing:read"; });
}

// A route that answers its path parameters, with the contract that says so.
Route route(std::string method, std::string pattern, std::string permission = "test:thing:read") {
  std::vector<Property> path;
  for (std::string_view part : split_path(pattern)) {
    if (part.size() > 2 && part.front() == '{' && part.find('}') != std::string_view::npos) {
      path.push_back({std::string(part.substr(1, part.find('}') - 1)), schema::text(64)});
    }
  }
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .permission = std::move(permission),
               .summary = "test",
               .tag = "test",
               .handler = [](const Request& r) -> Result<Response> {
                 Json params = Json::object();
                 for (const auto& [k, v] : r.path_params) params[k] = v;
                 return Response::json(200, params);
               },
               .contract = {.path = std::move(path),
                            .replies = {{.json = schema::map_of(schema::string())}}}};
}

TEST(Router, RefusesRoutesWithoutPermissionOrContractOrMalformed) {
  Router router = test_router();
  EXPECT_THROW(router.add(route("GET", "/a", "")), std::logic_error);
  Route unstated = route("GET", "/a");
  unstated.contract = {};
  EXPECT_THROW(router.add(unstated), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "/b", "test:thing:write")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "a")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "/a/{b")), std::logic_error);
  router.add(route("GET", "/a"));
  EXPECT_THROW(router.add(route("GET", "/a")), std::logic_error);
}

TEST(Router, MatchesPatternsAndReportsAllowedMethods) {
  Router router = test_router();
  router.add(route("GET", "/units/{code}"));
  router.add(route("GET", "/units/{code}/children"));
  router.add(route("POST", "/units/{code}/grids"));
  auto m = router.match("GET", "/units/620000000000/children");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/units/{code}/children");
  EXPECT_EQ(m.params, (std::vector<std::pair<std::string, std::string>>{{"code", "620000000000"}}));
  EXPECT_NE(router.match("HEAD", "/units/1").route, nullptr);
  const auto wrong = router.match("DELETE", "/units/1/grids");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, std::vector<std::string>{"POST"});
  EXPECT_EQ(router.match("GET", "/units/").route, nullptr);  // empty parameter
  EXPECT_EQ(router.match("GET", "/units/1/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/nope").allowed_methods.size(), 0u);
}

TEST(Router, AFixedSegmentWinsOverAParameterWhateverTheOrder) {
  // /things/figures was once taken for /things/{id} because {id} was added first.
  Router router = test_router();
  router.add(route("GET", "/things/{id}"));
  router.add(route("PUT", "/things/{id}"));
  router.add(route("GET", "/things/figures"));
  router.add(route("GET", "/things/{id}/history"));
  router.add(route("GET", "/things/figures/{code}"));
  EXPECT_EQ(router.match("GET", "/things/figures").route->pattern, "/things/figures");
  EXPECT_EQ(router.match("GET", "/things/12").route->pattern, "/things/{id}");
  EXPECT_EQ(router.match("PUT", "/things/12").route->pattern, "/things/{id}");
  EXPECT_EQ(router.match("GET", "/things/figures/history").route->pattern,
            "/things/figures/{code}");
  EXPECT_EQ(router.match("GET", "/things/12/history").route->pattern, "/things/{id}/history");
  // The fixed path allows only its own methods.
  const auto put = router.match("PUT", "/things/figures");
  EXPECT_EQ(put.route, nullptr);
  EXPECT_EQ(put.allowed_methods, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(Router, AParameterMayEndInFixedText) {
  // Open311's resources name their format: /services/{code}.json and .xml.
  Router router = test_router();
  router.add(route("GET", "/services/{code}.json"));
  router.add(route("GET", "/services/{code}.xml"));
  router.add(route("GET", "/services.json"));
  const auto json = router.match("GET", "/services/property.elevator.json");
  ASSERT_NE(json.route, nullptr);
  EXPECT_EQ(json.route->pattern, "/services/{code}.json");
  EXPECT_EQ(json.params,
            (std::vector<std::pair<std::string, std::string>>{{"code", "property.elevator"}}));
  EXPECT_EQ(router.match("GET", "/services/a.b.xml").params.front().second, "a.b");
  EXPECT_EQ(router.match("GET", "/services/.json").route, nullptr);  // nothing before it
  EXPECT_EQ(router.match("GET", "/services/elevator").route, nullptr);
  EXPECT_EQ(router.match("GET", "/services/elevator.csv").route, nullptr);
  EXPECT_EQ(router.match("GET", "/services.json").route->pattern, "/services.json");
  EXPECT_THROW(router.add(route("GET", "/x/{a}{b}")), std::logic_error);
  EXPECT_THROW(router.add(route("GET", "/x/a{b}")), std::logic_error);
}

TEST(Query, PercentDecodingIsStrict) {
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%E7%94%98", true), "甘");
  EXPECT_FALSE(percent_decode("%", true));
  EXPECT_FALSE(percent_decode("%2", true));
  EXPECT_FALSE(percent_decode("%zz", true));
  EXPECT_FALSE(percent_decode("%00", true));
  EXPECT_FALSE(percent_decode(std::string("a\0b", 3), true));  // found by the fuzz test
  EXPECT_FALSE(percent_decode("%B8%CA", true));                // GBK bytes
}

TEST(ErrorMapping, EveryCodeHasAStatusAndTheBodyShape) {
  for (ErrorCode code : kAllErrorCodes) {
    const int status = http_status(code);
    EXPECT_GE(status, 400) << error_code_name(code);
    EXPECT_LT(status, 600) << error_code_name(code);
  }
  Error error = Error::invalid({{"a", {"甲", "alpha"}, 3}, {"b", {"乙", "beta"}}});
  error.internal_detail = "secret table name";
  const Response zh = error_response(error, Locale::zh_CN, "rid");
  EXPECT_EQ(zh.status, 400);
  const Json body = Json::parse(zh.body);
  EXPECT_EQ(body["code"], "invalid_argument");
  EXPECT_EQ(body["requestId"], "rid");
  EXPECT_EQ(body["details"][0]["reason"], "甲");
  EXPECT_EQ(body["details"][0]["line"], 3);
  EXPECT_FALSE(body["details"][1].contains("line"));
  EXPECT_EQ(zh.body.find("secret"), std::string::npos);
  const Json en = Json::parse(error_response(error, Locale::en, "rid").body);
  EXPECT_EQ(en["details"][1]["reason"], "beta");
}

TEST(Locale, FromAcceptLanguage) {
  EXPECT_EQ(locale_from_accept_language(""), Locale::zh_CN);
  EXPECT_EQ(locale_from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Locale::zh_CN);
  EXPECT_EQ(locale_from_accept_language("en-US,en;q=0.9"), Locale::en);
  EXPECT_EQ(locale_from_accept_language("en"), Locale::en);
  EXPECT_EQ(locale_from_accept_language("eng"), Locale::zh_CN);
}

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    root = std::filesystem::temp_directory_path() /
           ("shequ-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(root / "web" / "assets");
    std::ofstream(root / "web" / "index.html") << "<html>console</html>";
    std::ofstream(root / "web" / "assets" / "app-1a2b3c.js") << "console.log(1)";
    std::ofstream(root / "secret.txt") << "outside";
  }
  void TearDown() override { std::filesystem::remove_all(root); }
  std::filesystem::path root;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCacheRules) {
  auto files = StaticFiles::open(root / "web");
  ASSERT_TRUE(files);
  const Response js = files->serve("/assets/app-1a2b3c.js", Locale::zh_CN, "r");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers.at(0).second, "public, max-age=31536000, immutable");
  const Response index = files->serve("/", Locale::zh_CN, "r");
  EXPECT_EQ(index.body, "<html>console</html>");
  EXPECT_EQ(index.headers.at(0).second, "no-cache");
  // A console route falls back to index.html; a missing file does not.
  EXPECT_EQ(files->serve("/org/units/620000000000", Locale::zh_CN, "r").body,
            "<html>console</html>");
  EXPECT_EQ(files->serve("/assets/missing.js", Locale::zh_CN, "r").status, 404);
}

TEST_F(StaticFilesTest, NothingOutsideTheFolder) {
  auto files = StaticFiles::open(root / "web");
  ASSERT_TRUE(files);
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/..", "/./index.html",
                           "/assets/..\\..\\secret.txt"}) {
    const Response r = files->serve(path, Locale::zh_CN, "r");
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << path;
  }
  std::filesystem::create_symlink(root / "secret.txt", root / "web" / "link.txt");
  EXPECT_EQ(files->serve("/link.txt", Locale::zh_CN, "r").status, 404);
  EXPECT_FALSE(StaticFiles::open(root / "nowhere"));
}

TEST(Dispatcher, RefusesWrongContentTypeAndUnknownPaths) {
  Router router = test_router();
  Route create = route("POST", "/things", std::string(kPublic));
  create.contract.body = schema::object({});
  router.add(create);
  Metrics metrics(std::vector<Metrics::RouteLabel>{{"POST", "/things"}});
  Dispatcher dispatcher(router, metrics, nullptr, false);
  Request request;
  request.method = "POST";
  request.path = "/things";
  request.headers = {{"content-type", "text/plain"}};
  request.body = "{}";
  EXPECT_EQ(dispatcher.handle(request).status, 415);
  request.headers = {{"content-type", "Application/JSON; charset=utf-8"}};
  EXPECT_EQ(dispatcher.handle(request).status, 200);
  request.path = "/elsewhere";
  EXPECT_EQ(dispatcher.handle(request).status, 404);
  request.method = "GET";
  request.path = "/things";
  const Response wrong_method = dispatcher.handle(request);
  EXPECT_EQ(wrong_method.status, 405);
  const std::string text = metrics.render_prometheus();
  EXPECT_NE(text.find("route=\"/things\",status=\"415\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("route=\"unmatched\",status=\"404\"} 1"), std::string::npos) << text;
}

TEST(Authorize, WritesFromAnotherOriginOrAHiddenOneAreRefused) {
  const Route login = route("POST", "/login", std::string(kPublic));
  const struct {
    const char* method;
    const char* origin;
    bool allowed;
  } cases[] = {
      {"POST", "", true},  // not a browser, or an old one: the CSRF token still guards sessions
      {"POST", "http://shequ.example", true},
      {"POST", "https://shequ.example", true},
      {"POST", "http://evil.example", false},
      {"POST", "http://shequ.example.evil.example", false},
      {"POST", "null", false},  // sandboxed frame, file: page, cross-site redirect
      {"DELETE", "null", false},
      {"GET", "null", true},  // reads change nothing
      {"GET", "http://evil.example", true},
  };
  for (const auto& c : cases) {
    Request request;
    request.method = c.method;
    request.headers = {{"host", "shequ.example"}};
    if (*c.origin != '\0') request.headers.emplace_back("origin", c.origin);
    const Status status = authorize(login, request, nullptr);
    EXPECT_EQ(bool(status), c.allowed) << c.method << " " << c.origin;
    if (!status) {
      EXPECT_EQ(status.error().code, ErrorCode::forbidden) << c.origin;
    }
  }
}

TEST(Dispatcher, ExceptionsBecomeInternalErrorsWithoutDetail) {
  Router router = test_router();
  Route boom = route("GET", "/boom", std::string(kPublic));
  boom.handler = [](const Request&) -> Result<Response> {
    throw std::runtime_error("db password=x");
  };
  router.add(boom);
  Metrics metrics(std::vector<Metrics::RouteLabel>{{"GET", "/boom"}});
  Dispatcher dispatcher(router, metrics, nullptr, false);
  Request request;
  request.method = "GET";
  request.path = "/boom";
  const Response response = dispatcher.handle(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("password"), std::string::npos);
}

TEST(Framing, OnlyRequestsWhoseEndIsCertainPass) {
  const struct {
    const char* what;
    unsigned version;
    Headers headers;
    const char* refused_field;  // null: accepted
  } cases[] = {
      {"a length", 11, {{"host", "x"}, {"content-length", "5"}}, nullptr},
      {"no body", 11, {{"host", "x"}}, nullptr},
      {"chunked", 11, {{"host", "x"}, {"transfer-encoding", "chunked"}}, nullptr},
      {"chunked in capitals", 11, {{"host", "x"}, {"transfer-encoding", "CHUNKED"}}, nullptr},
      {"the same length twice",
       11,
       {{"host", "x"}, {"content-length", "5"}, {"content-length", "05"}},
       nullptr},
      {"the same length listed twice", 11, {{"host", "x"}, {"content-length", "5, 5"}}, nullptr},
      {"HTTP/1.0 without Host", 10, {{"content-length", "5"}}, nullptr},
      {"an empty Host", 11, {{"host", ""}}, nullptr},
      {"a host and port", 11, {{"host", "shequ.gansu.gov.cn:8443"}}, nullptr},
      {"an IPv6 literal", 11, {{"host", "[2001:db8::1]:8080"}}, nullptr},
      {"chunked beside a length",
       11,
       {{"host", "x"}, {"transfer-encoding", "chunked"}, {"content-length", "5"}},
       "transfer-encoding"},
      {"an unknown coding beside a length",
       11,
       {{"host", "x"}, {"content-length", "5"}, {"transfer-encoding", "xchunked"}},
       "transfer-encoding"},
      {"an unknown coding",
       11,
       {{"host", "x"}, {"transfer-encoding", "xchunked"}},
       "transfer-encoding"},
      {"chunked not last",
       11,
       {{"host", "x"}, {"transfer-encoding", "chunked, gzip"}},
       "transfer-encoding"},
      {"a coding before chunked",
       11,
       {{"host", "x"}, {"transfer-encoding", "gzip, chunked"}},
       "transfer-encoding"},
      {"codings over two fields",
       11,
       {{"host", "x"}, {"transfer-encoding", "gzip"}, {"transfer-encoding", "chunked"}},
       "transfer-encoding"},
      {"chunked twice",
       11,
       {{"host", "x"}, {"transfer-encoding", "chunked, chunked"}},
       "transfer-encoding"},
      {"an empty coding", 11, {{"host", "x"}, {"transfer-encoding", ""}}, "transfer-encoding"},
      {"a coding in HTTP/1.0", 10, {{"transfer-encoding", "chunked"}}, "transfer-encoding"},
      {"two different lengths",
       11,
       {{"host", "x"}, {"content-length", "5"}, {"content-length", "6"}},
       "content-length"},
      {"a list of lengths", 11, {{"host", "x"}, {"content-length", "5, 6"}}, "content-length"},
      {"a signed length", 11, {{"host", "x"}, {"content-length", "+5"}}, "content-length"},
      {"an empty length", 11, {{"host", "x"}, {"content-length", ""}}, "content-length"},
      {"a length too long to be true",
       11,
       {{"host", "x"}, {"content-length", "99999999999999999999"}},
       "content-length"},
      {"no Host", 11, {{"content-length", "5"}}, "host"},
      {"two Hosts", 11, {{"host", "x"}, {"host", "x"}}, "host"},
      {"two Hosts in HTTP/1.0", 10, {{"host", "x"}, {"host", "y"}}, "host"},
      {"a path in Host", 11, {{"host", "x/y"}}, "host"},
      {"credentials in Host", 11, {{"host", "user@x"}}, "host"},
      {"a space in Host", 11, {{"host", "x y"}}, "host"},
      {"a port that is no number", 11, {{"host", "x:http"}}, "host"},
      {"an empty port", 11, {{"host", "x:"}}, "host"},
      {"an open IPv6 literal", 11, {{"host", "[::1"}}, "host"},
  };
  for (const auto& c : cases) {
    const Status status = check_request_framing(c.version, c.headers);
    if (c.refused_field == nullptr) {
      EXPECT_TRUE(status) << c.what << ": " << status.error().message.en;
      continue;
    }
    ASSERT_FALSE(status) << c.what;
    EXPECT_EQ(status.error().code, ErrorCode::invalid_argument) << c.what;
    ASSERT_EQ(status.error().details.size(), 1u) << c.what;
    EXPECT_EQ(status.error().details[0].field, c.refused_field) << c.what;
  }
}

TEST(BrowserPolicy, MapTileOriginsAreOriginsAndNothingElse) {
  for (const auto& [given, kept] : std::vector<std::pair<std::string, std::string>>{
           {"https://tiles.example.org", "https://tiles.example.org"},
           {"HTTPS://Tiles.Example.ORG", "https://tiles.example.org"},
           {"http://10.1.2.3:8080", "http://10.1.2.3:8080"},
           {"https://*.tile.example.org", "https://*.tile.example.org"},
           {"https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"},
           {"http://tiles", "http://tiles"},
       }) {
    const auto origin = parse_map_tile_origin(given);
    ASSERT_TRUE(origin) << given;
    EXPECT_EQ(*origin, kept);
  }
  for (const char* bad : {
           "",
           "tiles.example.org",                             // no scheme
           "ftp://tiles.example.org",                       // not http
           "javascript://tiles.example.org",                //
           "https://",                                      // no host
           "https://tiles.example.org/",                    // a path
           "https://tiles.example.org/{z}/{x}/{y}.png",     // a tile URL, not its origin
           "https://tiles.example.org:0",                   // no such port
           "https://tiles.example.org:65536",               //
           "https://tiles.example.org:",                    //
           "https://user@tiles.example.org",                // credentials
           "https://tiles.example.org; script-src *",       // a second directive
           "https://tiles.example.org 'unsafe-inline'",     // a second source
           "https://tiles.example.org,https://evil.org",    //
           "https://*",                                     // every host
           "https://tiles..example.org",                    //
           "https://-tiles.example.org",                    //
           "https://[2001:db8::1",                          //
           "https://[2001:db8::1]x",                        //
           "https://tiles.example.org\r\nSet-Cookie: x=1",  // header injection
       }) {
    const auto origin = parse_map_tile_origin(bad);
    ASSERT_FALSE(origin) << bad;
    EXPECT_EQ(origin.error().details.at(0).field, "map-tile-origin");
    EXPECT_NE(origin.error().details.at(0).reason.en.find(bad), std::string::npos) << bad;
  }
}

TEST(BrowserPolicy, MapTileTemplatesNameTheOriginThePolicyAllows) {
  for (const auto& [given, origin] : std::vector<std::pair<std::string, std::string>>{
           {"https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"},
           {"http://10.1.2.3:8080/wmts?l=vec&z={z}&x={x}&y={y}", "http://10.1.2.3:8080"},
           {"https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"},
           {"HTTPS://Tiles.Example.ORG/{z}/{y}/{x}", "https://tiles.example.org"},
       }) {
    const auto parsed = parse_map_tiles(given);
    ASSERT_TRUE(parsed) << given;
    EXPECT_EQ(*parsed, origin);
  }
  for (const char* bad : {
           "",
           "https://tiles.example.org",                                // no path
           "https://tiles.example.org/",                               // no placeholders
           "https://tiles.example.org/{z}/{x}.png",                    // no {y}
           "https://tiles.example.org/{z}/{x}/{y}/{z}.png",            // {z} twice
           "https://*.tiles.example.org/{z}/{x}/{y}.png",              // "*" is no host
           "ftp://tiles.example.org/{z}/{x}/{y}.png",                  // not http
           "https://tiles.example.org/{z}/{x}/{y}.png; script-src *",  // a second directive
           "https://tiles.example.org/{z}/{x}/{y}.png 'unsafe-inline'",
           "https://tiles.example.org/{z}/{x}/{y}.png,https://evil.org",
           "https://tiles.example.org/{z}/{x}/{y}.png\r\nSet-Cookie: x=1",
           "https://user@tiles.example.org/{z}/{x}/{y}.png",  // credentials
       }) {
    const auto parsed = parse_map_tiles(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().details.at(0).field, "map-tiles");
    EXPECT_NE(parsed.error().details.at(0).reason.en.find(bad), std::string::npos) << bad;
  }
}

TEST(BrowserPolicy, TheTileServerIsTheOnlyOtherSourceAndOnlyForImages) {
  const auto policy = [](const Headers& headers) {
    for (const auto& [name, value] : headers) {
      if (name == "content-security-policy") return value;
    }
    return std::string();
  };
  const std::string own = policy(browser_protection_headers(""));
  const std::string with_tiles = policy(browser_protection_headers("https://tiles.example.org"));
  EXPECT_NE(own.find("img-src 'self' data: blob:;"), std::string::npos) << own;
  EXPECT_NE(with_tiles.find("img-src 'self' data: blob: https://tiles.example.org;"),
            std::string::npos)
      << with_tiles;
  std::string expected = own;
  expected.replace(expected.find("blob:;"), 6, "blob: https://tiles.example.org;");
  EXPECT_EQ(with_tiles, expected);  // nothing else changed
}

TEST(TrustedProxies, AddressesAndRangesOrAClearRefusal) {
  const auto proxies =
      TrustedProxies::parse(" 127.0.0.1, 10.0.0.0/8,::1 ,2001:db8:aa::/48,, 192.168.7.0/24");
  ASSERT_TRUE(proxies) << proxies.error().details.at(0).reason.en;
  for (const char* inside :
       {"127.0.0.1", "10.0.0.1", "10.255.255.255", "::1", "2001:db8:aa::1", "2001:db8:aa:ffff::9",
        "192.168.7.200", "::ffff:10.1.2.3", "::ffff:127.0.0.1", "2001:DB8:AA::1"}) {
    EXPECT_TRUE(proxies->contains(inside)) << inside;
  }
  for (const char* outside :
       {"127.0.0.2", "11.0.0.1", "9.255.255.255", "::2", "2001:db8:ab::1", "192.168.8.1",
        "::ffff:11.0.0.1", "::10.0.0.1", "", "localhost", "10.0.0.1:80", "garbage"}) {
    EXPECT_FALSE(proxies->contains(outside)) << outside;
  }
  EXPECT_TRUE(TrustedProxies::parse("")->empty());
  EXPECT_FALSE(TrustedProxies::parse("")->contains("127.0.0.1"));
  for (const char* bad : {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1",
                          "10.0.0.0/8/8", "10.1.0.0/8", "2001:db8::1/32", "10.0.0.256", "010.0.0.1",
                          "1.2.3", "fe80::1%eth0", "10.0.0.0/+8", "10.0.0.0/ 8"}) {
    const auto parsed = TrustedProxies::parse(std::string("127.0.0.1,") + bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().details.at(0).field, "trusted-proxies");
    EXPECT_NE(parsed.error().details.at(0).reason.en.find(bad), std::string::npos)
        << parsed.error().details.at(0).reason.en;
  }
}

TEST(ClientAddress, ForwardedForIsBelievedOnlyAsFarAsTrustedProxiesWroteIt) {
  const TrustedProxies proxies = *TrustedProxies::parse("127.0.0.1,10.0.0.0/8,::1");
  const struct {
    const char* what;
    std::string peer;
    Headers headers;
    std::string client;
  } cases[] = {
      {"no proxy in between", "203.0.113.7", {}, "203.0.113.7"},
      {"an untrusted peer's claim is ignored",
       "203.0.113.7",
       {{"x-forwarded-for", "198.51.100.1"}},
       "203.0.113.7"},
      {"an untrusted peer naming a proxy",
       "203.0.113.7",
       {{"x-forwarded-for", "127.0.0.1"}},
       "203.0.113.7"},
      {"the proxy forwards for a client",
       "127.0.0.1",
       {{"x-forwarded-for", "203.0.113.7"}},
       "203.0.113.7"},
      {"a trusted proxy without the header", "127.0.0.1", {}, "127.0.0.1"},
      {"the client's own claim is left of what the proxy wrote",
       "127.0.0.1",
       {{"x-forwarded-for", "198.51.100.1, 203.0.113.7"}},
       "203.0.113.7"},
      {"a chain of trusted proxies",
       "127.0.0.1",
       {{"x-forwarded-for", "203.0.113.7, 10.1.2.3,10.9.9.9"}},
       "203.0.113.7"},
      {"a client claiming to be a trusted proxy",
       "127.0.0.1",
       {{"x-forwarded-for", "10.0.0.5, 203.0.113.7"}},
       "203.0.113.7"},
      {"every entry trusted", "127.0.0.1", {{"x-forwarded-for", "10.0.0.5, 10.0.0.6"}}, "10.0.0.5"},
      {"several header fields are one list",
       "127.0.0.1",
       {{"x-forwarded-for", "198.51.100.1"}, {"x-forwarded-for", "203.0.113.7"}},
       "203.0.113.7"},
      {"a second field cannot hide the first's client",
       "127.0.0.1",
       {{"x-forwarded-for", "203.0.113.7"}, {"x-forwarded-for", "10.0.0.5"}},
       "203.0.113.7"},
      {"garbage where the client should be",
       "127.0.0.1",
       {{"x-forwarded-for", "not-an-ip"}},
       "127.0.0.1"},
      {"garbage behind a trusted hop",
       "127.0.0.1",
       {{"x-forwarded-for", "203.0.113.7, <script>, 10.0.0.5"}},
       "127.0.0.1"},
      {"garbage left of the client does not matter",
       "127.0.0.1",
       {{"x-forwarded-for", "<script>, 203.0.113.7"}},
       "203.0.113.7"},
      {"an address with a port",
       "127.0.0.1",
       {{"x-forwarded-for", "203.0.113.7:4711"}},
       "127.0.0.1"},
      {"an empty header", "127.0.0.1", {{"x-forwarded-for", ""}}, "127.0.0.1"},
      {"an empty entry", "127.0.0.1", {{"x-forwarded-for", "203.0.113.7, "}}, "127.0.0.1"},
      {"IPv6 client through an IPv6 proxy",
       "::1",
       {{"x-forwarded-for", "2001:DB8::7"}},
       "2001:db8::7"},
      {"an IPv4-mapped peer",
       "::ffff:10.0.0.1",
       {{"x-forwarded-for", "203.0.113.7"}},
       "203.0.113.7"},
      {"an IPv4-mapped client",
       "127.0.0.1",
       {{"x-forwarded-for", "::ffff:203.0.113.7"}},
       "203.0.113.7"},
      {"other headers are not read",
       "127.0.0.1",
       {{"x-real-ip", "198.51.100.1"}, {"forwarded", "for=198.51.100.1"}},
       "127.0.0.1"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(client_address(c.peer, c.headers, proxies), c.client) << c.what;
  }
  EXPECT_EQ(client_address("127.0.0.1", {{"x-forwarded-for", "203.0.113.7"}}, TrustedProxies{}),
            "127.0.0.1");
}

}  // namespace
}  // namespace shequ::http
