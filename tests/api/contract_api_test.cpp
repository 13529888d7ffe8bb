// The routes' contracts as a client meets them: the API description they generate, the routes
// still to be given one, and the query parameters nobody declared.
#include <set>

#include "api/api_fixture.hpp"
#include "http/openapi.hpp"
#include "modules/modules.hpp"

namespace shequ::testing {
namespace {

// The routes that have no contract yet. The list only shrinks: a route given its contract leaves
// it, a new route comes with its contract. When it is empty, the test below fails to say that
// the scaffolding for routes without contracts can go: this list, Route::query, json_body and
// success_status, QueryParameter, refuse_query_parameters and the branches for such routes in
// Dispatcher::run and openapi.cpp.
const std::set<std::string> kWithoutContract{
};

TEST_P(ApiTest, EveryRouteHasAContractOrIsOnTheShrinkingList) {
  std::set<std::string> without;
  for (const http::Route& route : stack().web->router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    if (route.contract.declared()) {
      EXPECT_FALSE(kWithoutContract.contains(key))
          << key << " has its contract now: take it off kWithoutContract";
    } else {
      EXPECT_TRUE(kWithoutContract.contains(key))
          << key << " has no contract: a new route states one (src/http/contract.hpp)";
      without.insert(key);
    }
  }
  for (const std::string& key : kWithoutContract) {
    EXPECT_TRUE(without.contains(key)) << key << " is no route without a contract any more";
  }
  EXPECT_FALSE(kWithoutContract.empty())
      << "every route has its contract: remove the scaffolding named above kWithoutContract";
}

// Every "$ref" in `value`, as the names of the components they point to.
void collect_refs(const Json& value, std::set<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "$ref") {
        const std::string ref = item;
        refs.insert(ref.substr(ref.rfind('/') + 1));
      } else {
        collect_refs(item, refs);
      }
    }
  } else if (value.is_array()) {
    for (const Json& item : value) collect_refs(item, refs);
  }
}

TEST_P(ApiTest, TheApiDescriptionIsGeneratedFromTheContracts) {
  const auto served = client().get("/api/openapi.json");
  ASSERT_EQ(served.status, 200);
  const Json doc = served.json();
  // What `shequ openapi` prints is what the server serves.
  const auto printed = app::api_description(modules::all());
  ASSERT_TRUE(printed) << printed.error().internal_detail;
  EXPECT_EQ(*printed, doc);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> refs;
  collect_refs(doc["paths"], refs);
  collect_refs(doc["components"], refs);
  for (const std::string& name : refs) {
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
  }
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) {
      EXPECT_EQ(op["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/Error")
          << method << " " << path;
    }
  }
  const Json& health = doc["paths"]["/healthz"]["get"];
  EXPECT_EQ(
      health["responses"]["200"]["content"]["application/json"]["schema"],
      (Json{{"type", "object"},
            {"properties", {{"status", {{"type", "string"}, {"minLength", 1}, {"enum", {"ok"}}}}}},
            {"required", {"status"}},
            {"additionalProperties", false}}));
  EXPECT_EQ(doc["paths"]["/metrics"]["get"]["responses"]["200"]["content"],
            (Json{{"text/plain", Json::object()}}));
  EXPECT_EQ(doc["components"]["schemas"]["Error"]["required"],
            (Json{"code", "message", "details", "requestId"}));
}

TEST_P(ApiTest, QueryParametersNobodyDeclaredAreRefusedEverywhere) {
  const auto me = client().get("/api/v1/auth/me").json()["user"];
  const std::string self = "/api/v1/users/" + std::to_string(me["id"].get<int64_t>());
  ASSERT_EQ(client().get(self).status, 200);
  for (const std::string& target :
       {self + "?x=1", std::string("/healthz?verbose"), std::string("/api/v1/auth/me?x=1&x=2")}) {
    const auto r = client().get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["details"][0]["reason"], "不支持的查询参数") << target;
  }
  EXPECT_EQ(client().get("/healthz", {{"accept-language", "en"}}).status, 200);
}

}  // namespace
}  // namespace shequ::testing
