// The routes' contracts as a client meets them: every route states one, the API description they
// generate, and the query parameters nobody declared.
#include <set>

#include "api/api_fixture.hpp"
#include "http/openapi.hpp"
#include "modules/modules.hpp"

namespace shequ::testing {
namespace {

// Every route states its contract (the router refuses one that does not), and every JSON body a
// route takes or answers is described with its fields: an object states its properties (or, for
// a map, the shape of its values), an array its items.
TEST_P(ApiTest, EveryRouteStatesItsContractWithTheFieldsOfItsBodies) {
  for (const http::Route& route : stack().web->router().routes()) {
    EXPECT_TRUE(route.contract.declared()) << route.method << " " << route.pattern;
  }
  const Json doc = client().get("/api/openapi.json").json();
  const Json& schemas = doc["components"]["schemas"];
  const auto resolve = [&schemas](const Json& s) -> const Json& {
    if (!s.contains("$ref")) return s;
    const std::string ref = s["$ref"];
    return schemas.at(ref.substr(ref.rfind('/') + 1));
  };
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) {
      std::vector<std::pair<std::string, Json>> bodies;
      // A JSON body is described by its fields; an upload (a file) by its media types.
      if (op.contains("requestBody") && op["requestBody"]["content"].contains("application/json")) {
        bodies.emplace_back("request", op["requestBody"]["content"]["application/json"]["schema"]);
      } else if (op.contains("requestBody")) {
        for (const auto& [type, content] : op["requestBody"]["content"].items()) {
          EXPECT_EQ(content["schema"]["contentMediaType"], type) << method << " " << path;
        }
      }
      for (const auto& [status, reply] : op["responses"].items()) {
        if (status.starts_with('2') && reply.contains("content") &&
            reply["content"].contains("application/json")) {
          bodies.emplace_back(status, reply["content"]["application/json"]["schema"]);
        }
      }
      for (const auto& [what, schema] : bodies) {
        const Json& s = resolve(schema);
        const std::string where = method + " " + path + " " + what;
        // A body that may be null says ["object", "null"].
        std::string type;
        if (s.contains("type")) {
          for (const Json& t : s["type"].is_array() ? s["type"] : Json::array({s["type"]})) {
            if (t != "null") type = t.get<std::string>();
          }
        }
        if (type == "object") {
          EXPECT_TRUE(s.contains("properties") || s["additionalProperties"].is_object()) << where;
        } else if (type == "array") {
          EXPECT_TRUE(s.contains("items") || s.contains("prefixItems")) << where;
        } else {
          EXPECT_TRUE(s.contains("type") || s.contains("enum")) << where << ": " << s.dump();
        }
      }
    }
  }
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
