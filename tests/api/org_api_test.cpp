// The org endpoints over real sockets, on SQLite and PostgreSQL.
#include <set>
#include <thread>

#include "api/api_fixture.hpp"

namespace shequ::testing {
namespace {

TEST_P(ApiTest, ProvinceHasFourteenChildrenAndTheShippedCounts) {
  const auto province = client().get("/api/v1/org/units/620000000000");
  ASSERT_EQ(province.status, 200);
  EXPECT_EQ(province.json()["name"], "甘肃省");
  EXPECT_EQ(province.json()["childCount"], 14);
  const auto children = client().get("/api/v1/org/units/620000000000/children?pageSize=200");
  ASSERT_EQ(children.status, 200);
  EXPECT_EQ(children.json()["total"], 14);
  EXPECT_EQ(children.json()["items"].size(), 14u);
  EXPECT_EQ(children.json()["items"][0]["name"], "兰州市");

  const auto summary = client().get("/api/v1/org/units/620000000000/summary").json();
  std::map<std::string, int64_t> by_type;
  for (const auto& t : summary["descendantsByType"]) by_type[t["unitType"]] = t["count"];
  EXPECT_EQ(by_type["residents_committee"], 2065);
  EXPECT_EQ(by_type["villagers_committee"], 15512);
  EXPECT_EQ(by_type["residents_committee_like"] + by_type["villagers_committee_like"], 107);
  EXPECT_EQ(summary["urbanCount"].get<int64_t>() + summary["ruralCount"].get<int64_t>(), 17684);
}

TEST_P(ApiTest, CommunitiesAndVillagesCarryTheirUrbanRuralCodes) {
  const auto community = client().get("/api/v1/org/units/620102001001").json();
  EXPECT_EQ(community["unitType"], "residents_committee");
  EXPECT_EQ(community["level"], 5);
  EXPECT_EQ(community["parentCode"], "620102001000");
  EXPECT_EQ(community["urbanRural"]["code"], "111");
  EXPECT_EQ(community["urbanRural"]["urban"], true);
  const auto village = client().get("/api/v1/org/units/620102010201").json();
  EXPECT_EQ(village["unitType"], "villagers_committee");
  EXPECT_EQ(village["urbanRural"]["code"], "220");
  EXPECT_EQ(village["urbanRural"]["urban"], false);
}

TEST_P(ApiTest, AncestorsAndPagingAndSearch) {
  const auto ancestors = client().get("/api/v1/org/units/620102001001/ancestors").json()["items"];
  ASSERT_EQ(ancestors.size(), 4u);
  EXPECT_EQ(ancestors[0]["code"], "620000000000");
  EXPECT_EQ(ancestors[3]["code"], "620102001000");

  const auto page3 =
      client().get("/api/v1/org/units/620000000000/children?page=3&pageSize=5").json();
  EXPECT_EQ(page3["total"], 14);
  EXPECT_EQ(page3["items"].size(), 4u);

  const auto found = client().get("/api/v1/org/units?q=%E7%95%85%E5%AE%B6%E5%B7%B7");  // 畅家巷
  ASSERT_EQ(found.status, 200);
  ASSERT_GE(found.json()["total"], 1);
  EXPECT_EQ(found.json()["items"][0]["code"], "620102001001");
  // A community is told from its namesakes by the units above it, from the city down.
  const auto path = found.json()["items"][0]["path"];
  ASSERT_EQ(path.size(), 3u) << path;
  EXPECT_EQ(path[0]["name"], "兰州市");
  EXPECT_EQ(path[1]["name"], "城关区");
  EXPECT_EQ(path[2]["code"], "620102001000");
  EXPECT_EQ(path[2]["name"], "酒泉路街道");
  EXPECT_EQ(client().get("/api/v1/org/units/620000000000").json()["path"], nlohmann::json::array());
  EXPECT_EQ(client().get("/api/v1/org/units/620100000000").json()["path"], nlohmann::json::array());

  // LIKE's wildcards are letters here: no unit name holds '%', '_' or '\'.
  for (const char* wildcard : {"%25", "_", "%5C", "%25%25"}) {
    const auto none = client().get(std::string("/api/v1/org/units?q=") + wildcard);
    ASSERT_EQ(none.status, 200) << wildcard;
    EXPECT_EQ(none.json()["total"], 0) << wildcard;
  }

  // Within a subtree only: every hit lies under Jiayuguan.
  const auto scoped =
      client().get("/api/v1/org/units?root=620200000000&q=%E7%A4%BE%E5%8C%BA&pageSize=200").json();
  ASSERT_GT(scoped["total"], 0);
  for (const auto& item : scoped["items"]) {
    EXPECT_TRUE(item["code"].get<std::string>().starts_with("6202")) << item["code"];
  }
}

struct BadRequest {
  std::string name;
  std::string method;
  std::string target;
  std::string body;
  int status;
  std::string field;  // expected first detail field; empty: no details
};

class ApiBadInput : public ApiTest {};

TEST_P(ApiBadInput, AnswersTheErrorBodyAndChangesNothing) {
  const BadRequest cases[] = {
      {"short_code", "GET", "/api/v1/org/units/6201", "", 400, "code"},
      {"long_code", "GET", "/api/v1/org/units/6201020010010011", "", 400, "code"},
      {"hex_code", "GET", "/api/v1/org/units/0x1", "", 400, "code"},
      {"exponent", "GET", "/api/v1/org/units/1e3", "", 400, "code"},
      {"plus", "GET", "/api/v1/org/units/+1", "", 400, "code"},
      {"sql_in_code", "GET", "/api/v1/org/units/1'%20OR%20'1'='1", "", 400, "code"},
      {"unknown_code", "GET", "/api/v1/org/units/629999999999", "", 404, ""},
      {"huge_page_size", "GET", "/api/v1/org/units/620000000000/children?pageSize=1000000", "", 400,
       "pageSize"},
      {"zero_page", "GET", "/api/v1/org/units/620000000000/children?page=0", "", 400, "page"},
      {"unknown_param", "GET", "/api/v1/org/units/620000000000?expand=all", "", 400, "expand"},
      {"bad_escape", "GET", "/api/v1/org/units?q=%E7%9", "", 400, "query"},
      {"missing_q", "GET", "/api/v1/org/units", "", 400, "q"},
      {"script_in_q_finds_nothing", "GET", "/api/v1/org/units?q=%3Cscript%3E", "", 200, ""},
      {"encoded_slash", "GET", "/api/v1/org/units/..%2F..%2Fetc", "", 400, "path"},
      {"traversal", "GET", "/api/v1/org/../../etc/passwd", "", 404, ""},
      {"grid_under_township", "POST", "/api/v1/org/units/620102001000/grids", R"({"name":"x"})",
       400, "code"},
      {"malformed_json", "POST", "/api/v1/org/units/620102001001/grids", R"({"name":)", 400,
       "body"},
      {"not_an_object", "POST", "/api/v1/org/units/620102001001/grids", R"(["name"])", 400, "body"},
      {"duplicate_key", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":"a","name":"b"})", 400, "name"},
      {"unknown_field", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":"a","owner":"x"})", 400, "owner"},
      {"wrong_type", "POST", "/api/v1/org/units/620102001001/grids", R"({"name":5})", 400, "name"},
      {"name_too_long", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":")" + std::string(51 * 3, 'x') + R"("})", 400, "name"},
      {"missing_version", "PATCH", "/api/v1/org/grids/620102001001001", R"({"name":"x"})", 400,
       "version"},
      {"float_version", "PATCH", "/api/v1/org/grids/620102001001001", R"({"version":1.0})", 400,
       "version"},
      {"delete_without_version", "DELETE", "/api/v1/org/grids/620102001001001", "", 400, "version"},
      {"grid_code_is_village", "GET", "/api/v1/org/grids/620102001001", "", 404, ""},
      {"right_to_left_override_in_name", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":"第一\u202e网格"})", 400, "name"},
      {"zero_width_space_in_name", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":"第一\u200b网格"})", 400, "name"},
      {"isolate_in_description", "POST", "/api/v1/org/units/620102001001/grids",
       R"({"name":"第一网格","description":"\u2066说明\u2069"})", 400, "description"},
      {"byte_order_mark_in_new_name", "PATCH", "/api/v1/org/grids/620102001001001",
       R"({"version":1,"name":"\ufeff网格"})", 400, "name"},
      {"override_in_search", "GET", "/api/v1/org/units?q=%E7%A4%BE%E2%80%AE", "", 400, "q"},
      {"wrong_method", "PUT", "/api/v1/org/units/620000000000", "", 405, ""},
      {"no_such_route", "GET", "/api/v2/anything", "", 404, ""},
  };
  const auto grids_before = client().get("/api/v1/org/units/620102001001/grids").body;
  for (const BadRequest& c : cases) {
    const auto r = c.body.empty() ? client().request(c.method, c.target)
                                  : client().send_json(c.method, c.target, c.body);
    ASSERT_EQ(r.status, c.status) << c.name << ": " << r.body;
    if (c.status == 200) continue;
    const auto body = r.json();
    EXPECT_TRUE(body.contains("code") && body.contains("message") && body.contains("requestId"))
        << c.name;
    EXPECT_FALSE(body["message"].get<std::string>().empty()) << c.name;
    if (!c.field.empty()) {
      ASSERT_FALSE(body["details"].empty()) << c.name;
      EXPECT_EQ(body["details"][0]["field"], c.field) << c.name << ": " << r.body;
    }
  }
  EXPECT_EQ(client().get("/api/v1/org/units/620102001001/grids").body, grids_before);
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ApiBadInput, ProtocolLimitsAnswerAndTheServerKeepsServing) {
  const std::string big(1024 * 1024 + 1, 'x');
  const auto too_big = client().send_json("POST", "/api/v1/org/units/620102001001/grids", big);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.json()["code"], "too_large");
  const auto big_header = client().raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'b') + "\r\n\r\n");
  EXPECT_EQ(big_header.status, 413);
  const auto garbage = client().raw("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  const auto absolute = client().raw("GET http://evil/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(absolute.status, 400);
  const auto wrong_type = client().request("POST", "/api/v1/org/units/620102001001/grids",
                                           R"({"name":"x"})", {{"content-type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ApiTest, MessagesFollowAcceptLanguage) {
  const auto zh = client().get("/api/v1/org/units/629999999999").json();
  const auto en =
      client().get("/api/v1/org/units/629999999999", {{"accept-language", "en-US,en"}}).json();
  EXPECT_EQ(zh["message"], "未找到编码为 629999999999 的单位");
  EXPECT_EQ(en["message"], "no unit with code 629999999999");
}

TEST_P(ApiTest, RefusedTargetsStillSpeakTheCallersLanguageAndEchoItsRequestId) {
  const auto r = client().get("/api/v1/org/units/..%2Fx",
                              {{"accept-language", "en"}, {"x-request-id", "trace-42"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("x-request-id"), "trace-42");
  EXPECT_EQ(r.json()["requestId"], "trace-42");
  EXPECT_EQ(r.json()["details"][0]["reason"], "the request path is invalid");
}

TEST_P(ApiTest, EmptyPatchKeepsTheVersionAndDescriptionsCanBeCleared) {
  const auto created = client().send_json("POST", "/api/v1/org/units/620102001003/grids",
                                          R"({"name":"描述网格","description":"临时"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/org/grids/" + created.json()["code"].get<std::string>();
  const auto same = client().send_json("PATCH", path, R"({"version":1,"name":"描述网格"})");
  ASSERT_EQ(same.status, 200);
  EXPECT_EQ(same.json()["version"], 1);
  const auto cleared = client().send_json("PATCH", path, R"({"version":1,"description":""})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json()["description"], "");
  EXPECT_EQ(cleared.json()["version"], 2);
  EXPECT_EQ(client().request("DELETE", path + "?version=2").status, 204);
}

TEST_P(ApiTest, GridNamesThatWouldDisplayAsSomethingElseAreRefused) {
  const std::string grids = "/api/v1/org/units/620102001003/grids";
  const auto before = client().get(grids).json()["total"];
  // U+202E RIGHT-TO-LEFT OVERRIDE shows this name as "第一格网", and reverses what follows it.
  const auto refused = client().send_json("POST", grids, R"({"name":"第一\u202e网格"})");
  ASSERT_EQ(refused.status, 400) << refused.body;
  ASSERT_EQ(refused.json()["details"].size(), 1u);
  EXPECT_EQ(refused.json()["details"][0]["field"], "name");
  EXPECT_EQ(refused.json()["details"][0]["reason"],
            "不能含有控制字符或不可见字符（第 3 个字符 U+202E）");
  EXPECT_EQ(client().get(grids).json()["total"], before);

  // The same name typed with a decomposed accent is the composed name, and so the same grid name.
  const auto composed = client().send_json("POST", grids, R"({"name":"Café 网格"})");
  ASSERT_EQ(composed.status, 201) << composed.body;
  EXPECT_EQ(composed.json()["name"], "Café 网格");
  const auto decomposed = client().send_json("POST", grids, R"({"name":"Cafe\u0301 网格"})");
  EXPECT_EQ(decomposed.status, 409) << decomposed.body;
  const std::string code = composed.json()["code"];
  EXPECT_EQ(client().request("DELETE", "/api/v1/org/grids/" + code + "?version=1").status, 204);
}

TEST_P(ApiTest, GridLifecycle) {
  const std::string village = "620102010201";  // 红沟村 with two demo grids
  const auto created = client().send_json("POST", "/api/v1/org/units/" + village + "/grids",
                                          R"({"name":"红沟村三组","description":"新建"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string code = created.json()["code"];
  EXPECT_EQ(code, village + "003");
  EXPECT_EQ(created.header("location"), "/api/v1/org/grids/" + code);
  EXPECT_EQ(created.json()["createdAt"], "2026-11-30T08:00:00.000Z");

  EXPECT_EQ(client().get("/api/v1/org/units/" + code).json()["level"], 6);
  EXPECT_EQ(client().get("/api/v1/org/units/" + village).json()["childCount"], 3);
  EXPECT_EQ(client().get("/api/v1/org/units/" + village + "/grids").json()["total"], 3);

  const auto duplicate = client().send_json("POST", "/api/v1/org/units/" + village + "/grids",
                                            R"({"name":"红沟村三组"})");
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.json()["details"][0]["field"], "name");  // a form shows it by the name

  const auto stale =
      client().send_json("PATCH", "/api/v1/org/grids/" + code, R"({"version":7,"name":"新名"})");
  EXPECT_EQ(stale.status, 409);
  const auto renamed = client().send_json("PATCH", "/api/v1/org/grids/" + code,
                                          R"({"version":1,"name":"红沟村新三组"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["version"], 2);
  EXPECT_EQ(renamed.json()["description"], "新建");
  EXPECT_EQ(client().get("/api/v1/org/units/" + code).json()["name"], "红沟村新三组");

  EXPECT_EQ(client().request("DELETE", "/api/v1/org/grids/" + code + "?version=1").status, 409);
  EXPECT_EQ(client().request("DELETE", "/api/v1/org/grids/" + code + "?version=2").status, 204);
  EXPECT_EQ(client().get("/api/v1/org/grids/" + code).status, 404);
  EXPECT_EQ(client().get("/api/v1/org/units/" + village).json()["childCount"], 2);

  // A retired grid's number is never given to a new grid.
  const auto next = client().send_json("POST", "/api/v1/org/units/" + village + "/grids",
                                       R"({"name":"红沟村三组"})");
  ASSERT_EQ(next.status, 201);
  EXPECT_EQ(next.json()["code"], village + "004");
  EXPECT_EQ(client().request("DELETE", "/api/v1/org/grids/" + village + "004?version=1").status,
            204);
}

TEST_P(ApiTest, AGridsBoundaryIsDrawnCheckedAndRemoved) {
  const std::string village = "620102010201";  // 红沟村: its demo grids are not drawn
  const std::string path = "/api/v1/org/grids/" + village + "001";
  const auto before = client().get(path);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.json()["boundary"].is_null());
  const int64_t version = before.json()["version"];

  // Every problem at once, each ring named; nothing changes.
  const auto refused = client().send_json(
      "PATCH", path,
      Json{{"version", version},
           {"boundary",
            {{"type", "Polygon"},
             {"coordinates",
              {{{103.80, 36.10}, {103.81, 36.10}, {103.81, 36.11}, {103.80, 36.11}},
               {{116.3, 39.9}, {116.4, 39.9}, {116.4, 40.0}, {116.3, 39.9}}}}}}}
          .dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  const Json problems = refused.json()["details"];
  std::set<std::string> fields;
  for (const Json& d : problems) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"boundary.coordinates[0]", "boundary.coordinates[1]"}))
      << refused.body;
  EXPECT_EQ(client().get(path).json()["version"], version);
  // Not a polygon at all: the contract names it.
  const auto line = client().send_json(
      "PATCH", path,
      R"({"version":)" + std::to_string(version) +
          R"(,"boundary":{"type":"LineString","coordinates":[[[103.8,36.1]]]}})");
  EXPECT_EQ(line.status, 400) << line.body;

  const Json square = {
      {"type", "Polygon"},
      {"coordinates",
       {{{103.80, 36.10}, {103.81, 36.10}, {103.81, 36.11}, {103.80, 36.11}, {103.80, 36.10}}}}};
  const auto drawn =
      client().send_json("PATCH", path, Json{{"version", version}, {"boundary", square}}.dump());
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  EXPECT_EQ(drawn.json()["version"], version + 1);
  EXPECT_EQ(drawn.json()["boundary"], square);
  EXPECT_EQ(client().get("/api/v1/org/units/" + village + "/grids").json()["items"][0]["boundary"],
            square);
  // The same boundary again is no change: no new version.
  EXPECT_EQ(
      client()
          .send_json("PATCH", path, Json{{"version", version + 1}, {"boundary", square}}.dump())
          .json()["version"],
      version + 1);

  const auto removed = client().send_json(
      "PATCH", path, Json{{"version", version + 1}, {"boundary", nullptr}}.dump());
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(removed.json()["boundary"].is_null());
  EXPECT_EQ(removed.json()["version"], version + 2);

  // A new grid may come with its boundary.
  const auto created =
      client().send_json("POST", "/api/v1/org/units/" + village + "/grids",
                         Json{{"name", "红沟村边界组"}, {"boundary", square}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["boundary"], square);
  const std::string code = created.json()["code"];
  EXPECT_EQ(client().get("/api/v1/org/grids/" + code).json()["boundary"], square);
  EXPECT_EQ(client().request("DELETE", "/api/v1/org/grids/" + code + "?version=1").status, 204);
}

TEST_P(ApiTest, ConcurrentGridCreationGivesDistinctCodes) {
  const std::string village = "620102001002";
  std::vector<std::thread> threads;
  std::vector<int> statuses(8);
  std::vector<std::string> codes(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto own = client_as("");
      own->share_session_of(client());
      const auto r = own->send_json("POST", "/api/v1/org/units/" + village + "/grids",
                                    R"({"name":"并发网格)" + std::to_string(i) + R"("})");
      statuses[i] = r.status;
      if (r.status == 201) codes[i] = r.json()["code"];
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct;
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(statuses[i], 201);
    distinct.insert(codes[i]);
  }
  EXPECT_EQ(distinct.size(), 8u);
  EXPECT_EQ(client().get("/api/v1/org/units/" + village + "/grids").json()["total"], 8);
}

TEST_P(ApiTest, OpenApiDescribesEveryRouteWithItsPermission) {
  const auto doc = client().get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto paths = doc.json()["paths"];
  for (const char* path :
       {"/api/v1/org/units/{code}", "/api/v1/org/units/{code}/children",
        "/api/v1/org/units/{code}/ancestors", "/api/v1/org/units", "/api/v1/org/units/{code}/grids",
        "/api/v1/org/grids/{code}", "/healthz", "/metrics"}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    for (const auto& [method, op] : paths[path].items()) {
      EXPECT_FALSE(op["x-permission"].get<std::string>().empty()) << method << " " << path;
    }
  }
  EXPECT_EQ(paths["/api/v1/org/grids/{code}"]["patch"]["x-permission"], "org:grid:update");
}

TEST_P(ApiTest, MetricsCountRequestsByRouteAndStatus) {
  client().get("/api/v1/org/units/629999999999");
  const auto metrics = client().get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(shequ_http_requests_total{method="GET",route="/api/v1/org/units/{code}",status="404"})"),
      std::string::npos);
  EXPECT_NE(metrics.body.find("shequ_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_EQ(client().get("/readyz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, ApiBadInput, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
