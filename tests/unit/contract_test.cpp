// The contract kit: schemas, the validation of requests and replies, the API description.
#include <gtest/gtest.h>

#include "http/contract.hpp"
#include "http/dispatcher.hpp"
#include "http/openapi.hpp"
#include "http/router.hpp"

namespace shequ::http {
namespace {

using namespace schema;

std::vector<std::string> fields(const Error& error) {
  std::vector<std::string> out;
  for (const FieldError& e : error.details) out.push_back(e.field);
  return out;
}

std::string reason(const Error& error, const std::string& field) {
  for (const FieldError& e : error.details) {
    if (e.field == field) return e.reason.en;
  }
  return "(no error on " + field + ")";
}

const Schema& role_grant() {
  static const Schema grant = component(
      "RoleGrant",
      object({{"role", enum_of({"grid_worker", "volunteer"})}, {"unitCode", unit_code()}}));
  return grant;
}

// The shape of a typical create-account body.
Contract account_contract() {
  return {.path = {{"id", integer(1, kMaxInt)}},
          .query = paging(),
          .body = object({{"username", text(32)},
                          {"password", secret(128)},
                          {"phone", mobile().optional()},
                          {"note", text(200).min_length(0).optional()},
                          {"born", date().optional()},
                          {"admin", boolean().default_to(false)},
                          {"roles", array(role_grant()).max_items(3).optional()}}),
          .replies = {{.status = 201, .json = object({{"id", integer(1, kMaxInt)}})}}};
}

Result<Inputs> validate(const Contract& contract, const std::string& body,
                        const std::string& query = "", const std::string& id = "7") {
  return validate_request(contract, {{"id", id}}, query, body);
}

TEST(ContractRequest, AValidBodyComesBackNormalisedWithDefaults) {
  // "Cafe" + U+0301 COMBINING ACUTE ACCENT composes to "Café"; surrounding spaces go; the
  // password keeps its spaces.
  const auto inputs = validate(account_contract(),
                               R"({"username":"  Cafe\u0301 ","password":" pass word ",)"
                               R"("roles":[{"role":"volunteer","unitCode":"620102001001"}]})",
                               "pageSize=50");
  ASSERT_TRUE(inputs) << inputs.error().details.at(0).reason.en;
  EXPECT_EQ(inputs->body["username"], "Café");
  EXPECT_EQ(inputs->body["password"], " pass word ");
  EXPECT_EQ(inputs->body["admin"], false);
  EXPECT_FALSE(inputs->body.contains("phone"));
  EXPECT_EQ(inputs->body["roles"][0]["unitCode"], "620102001001");
  EXPECT_EQ(inputs->query, (Json{{"page", 1}, {"pageSize", 50}}));
  EXPECT_EQ(inputs->path, (Json{{"id", 7}}));
  EXPECT_EQ(field<std::string>(inputs->body, "username"), "Café");
  EXPECT_EQ(field<std::string>(inputs->body, "phone"), std::nullopt);
}

// A text left out as "" may be sent as "" (a cleared form field); a required text may not.
TEST(ContractRequest, ATextThatDefaultsToEmptyTakesEmpty) {
  const Contract contract{
      .body = object({{"title", text(20)}, {"skills", text(200).default_to("")}}),
      .replies = {{.status = 201, .json = object({{"id", integer(1, kMaxInt)}})}}};
  for (const char* body : {R"({"title":"陪护","skills":""})", R"({"title":"陪护"})"}) {
    const auto inputs = validate_request(contract, {}, "", body);
    ASSERT_TRUE(inputs) << body;
    EXPECT_EQ(inputs->body["skills"], "") << body;
  }
  const auto refused = validate_request(contract, {}, "", R"({"title":"","skills":""})");
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].field, "title");
}

TEST(ContractRequest, EveryProblemAtOnceEachNamedByItsField) {
  const auto refused =
      validate(account_contract(),
               R"({"password":"","phone":"12345","note":null,"born":"2026-02-30","admin":"yes",)"
               R"("roles":[{"role":"boss","unitCode":"6201"},{"role":"volunteer"},7],"extra":1})",
               "page=0&pageSize=1e3&x=1&x=2", "0x1");
  ASSERT_FALSE(refused);
  const Error& e = refused.error();
  EXPECT_EQ(e.code, ErrorCode::invalid_argument);
  EXPECT_EQ(fields(e), (std::vector<std::string>{"id", "page", "pageSize", "x", "username",
                                                 "password", "phone", "note", "born", "admin",
                                                 "roles[0].role", "roles[0].unitCode",
                                                 "roles[1].unitCode", "roles[2]", "extra"}));
  EXPECT_EQ(reason(e, "id"), "must be an integer from 1 to 9007199254740991");
  EXPECT_EQ(reason(e, "page"), "must be an integer from 1 to 1000000");
  EXPECT_EQ(reason(e, "x"), "unknown query parameter");
  EXPECT_EQ(reason(e, "username"), "is required");
  EXPECT_EQ(reason(e, "password"), "must not be empty");
  EXPECT_EQ(reason(e, "phone"), "must be 11 digits starting 13-19");
  EXPECT_EQ(reason(e, "note"), "must be a string");  // null is not absent
  EXPECT_EQ(reason(e, "born"), "the date must be YYYY-MM-DD");
  EXPECT_EQ(reason(e, "admin"), "must be true or false");
  EXPECT_EQ(reason(e, "roles[0].role"), "must be one of: grid_worker, volunteer");
  EXPECT_EQ(reason(e, "roles[0].unitCode"),
            "must be a 12-digit division code or a 15-digit grid code");
  EXPECT_EQ(reason(e, "roles[1].unitCode"), "is required");
  EXPECT_EQ(reason(e, "roles[2]"), "must be an object");
  EXPECT_EQ(reason(e, "extra"), "unknown field");
  // Chinese too, in the same words as the readers.
  EXPECT_EQ(e.details.at(4).reason.zh, "必填");
}

TEST(ContractRequest, TextRefusesInvisibleCharactersAndCountsCodePoints) {
  const Contract contract{.body = object({{"name", text(3)}}), .replies = {{.status = 204}}};
  EXPECT_TRUE(validate_request(contract, {}, "", R"({"name":"甘肃省"})"));
  const auto too_long = validate_request(contract, {}, "", R"({"name":"甘肃省a"})");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(reason(too_long.error(), "name"), "must be at most 3 characters");
  EXPECT_EQ(too_long.error().details[0].reason.zh, "长度不能超过 3 个字符");
  const auto hidden = validate_request(contract, {}, "", R"({"name":"a\u202eb"})");
  ASSERT_FALSE(hidden);
  EXPECT_EQ(reason(hidden.error(), "name"),
            "must not contain control or invisible characters (U+202E at character 2)");
  const auto blank = validate_request(contract, {}, "", R"({"name":"   "})");
  ASSERT_FALSE(blank);
  EXPECT_EQ(reason(blank.error(), "name"), "must not be empty");
}

TEST(ContractRequest, IntegersAreIntegers) {
  const Contract contract{.query = {{"n", integer(-5, 5).optional()}},
                          .body = object({{"v", integer(1, 10)}}),
                          .replies = {{.status = 204}}};
  for (const char* body : {R"({"v":1.0})", R"({"v":"1"})", R"({"v":true})"}) {
    const auto r = validate_request(contract, {}, "", body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(reason(r.error(), "v"), "must be an integer") << body;
  }
  for (const char* body : {R"({"v":0})", R"({"v":11})", R"({"v":18446744073709551615})"}) {
    const auto r = validate_request(contract, {}, "", body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(reason(r.error(), "v"), "must be between 1 and 10") << body;
  }
  for (const char* query : {"n=1e3", "n=+1", "n=0x1", "n=", "n=-", "n=6", "n=1.0"}) {
    const auto r = validate_request(contract, {}, query, R"({"v":1})");
    ASSERT_FALSE(r) << query;
    EXPECT_EQ(fields(r.error()), std::vector<std::string>{"n"}) << query;
  }
  EXPECT_EQ(validate_request(contract, {}, "n=-5", R"({"v":1})")->query["n"], -5);
}

TEST(ContractRequest, BodiesTheRouteDoesNotTakeOrCannotRead) {
  const Contract none{.replies = {{.status = 204}}};
  EXPECT_TRUE(validate_request(none, {}, "", ""));
  EXPECT_EQ(fields(validate_request(none, {}, "", "{}").error()), std::vector<std::string>{"body"});
  const Contract takes{.body = object({{"a", boolean()}}), .replies = {{.status = 204}}};
  EXPECT_EQ(reason(validate_request(takes, {}, "", "").error(), "body"),
            "the body is not valid JSON");
  EXPECT_EQ(reason(validate_request(takes, {}, "", "[1]").error(), "body"),
            "the body must be a JSON object");
  EXPECT_EQ(reason(validate_request(takes, {}, "", R"({"a":true,"a":false})").error(), "a"),
            "the field appears more than once");
  // A bad query is reported with the body's problems.
  EXPECT_EQ(fields(validate_request(takes, {}, "q=%zz", "{}").error()),
            (std::vector<std::string>{"query", "a"}));
}

TEST(ContractRequest, AnUploadIsTakenAsSentAndMustNotBeEmpty) {
  const Contract upload{.upload = Upload{{"text/csv"}, 100, "a table"},
                        .replies = {{.status = 204}}};
  const auto taken = validate_request(upload, {}, "", "a,b\n1,2\n");
  ASSERT_TRUE(taken);
  EXPECT_TRUE(taken->body.is_null()) << "the file stays in the request's body";
  EXPECT_EQ(reason(validate_request(upload, {}, "", "").error(), "body"),
            "the file is empty or missing");
}

TEST(ContractReply, MismatchesAreNamed) {
  const Contract contract{.replies = {{.json = object({{"code", unit_code()},
                                                       {"parent", unit_code().nullable()},
                                                       {"items", array(integer(0, 9))},
                                                       {"note", string().optional()}})},
                                      {.status = 204},
                                      {.status = 202, .media_type = "text/csv"}}};
  EXPECT_TRUE(check_reply(contract, Response::json(200, {{"code", "620000000000"},
                                                         {"parent", nullptr},
                                                         {"items", {1, 2}}}))
                  .empty());
  const auto drifted = check_reply(
      contract, Response::json(200, {{"code", "62"}, {"items", {1, 10}}, {"renamed", 1}}));
  EXPECT_EQ(drifted, (std::vector<std::string>{
                         "code: must be a 12-digit division code or a 15-digit grid code",
                         "parent: is required", "items[1]: must be between 0 and 9",
                         "renamed: unknown field"}));
  EXPECT_EQ(check_reply(contract, Response::json(201, Json::object())),
            std::vector<std::string>{"status 201 is not declared"});
  EXPECT_TRUE(check_reply(contract, Response::no_content()).empty());
  EXPECT_EQ(check_reply(contract, Response::text(202, "a,b", "text/plain")).size(), 1u);
  EXPECT_TRUE(check_reply(contract, Response::text(202, "a,b", "text/csv; charset=utf-8")).empty());
  // Every error has the Error shape.
  EXPECT_TRUE(check_reply({}, Response::json(404, {{"code", "not_found"},
                                                   {"message", "x"},
                                                   {"details", Json::array()},
                                                   {"requestId", "r"}}))
                  .empty());
  EXPECT_FALSE(check_reply({}, Response::json(404, {{"error", "x"}})).empty());
  // A success the contract does not declare is a drift too.
  EXPECT_EQ(check_reply({}, Response::json(200, {{"anything", 1}})),
            std::vector<std::string>{"status 200 is not declared"});
}

TEST(ContractSchema, JsonSchemaOfOpenApi31) {
  EXPECT_EQ(text(50).json_schema(),
            (Json{{"type", "string"}, {"minLength", 1}, {"maxLength", 50}}));
  EXPECT_EQ(enum_of({"a"}).nullable().json_schema(),
            (Json{{"type", {"string", "null"}}, {"minLength", 1}, {"enum", {"a", nullptr}}}));
  EXPECT_EQ(role_grant().nullable().describe("held").json_schema(),
            (Json{{"anyOf", {{{"$ref", "#/components/schemas/RoleGrant"}}, {{"type", "null"}}}},
                  {"description", "held"}}));
  EXPECT_EQ(tuple({number(), boolean()}).json_schema(),
            (Json{{"type", "array"},
                  {"prefixItems", {{{"type", "number"}}, {{"type", "boolean"}}}},
                  {"items", false},
                  {"minItems", 2},
                  {"maxItems", 2}}));
  EXPECT_EQ(secret(8).json_schema()["format"], "password");
  EXPECT_EQ(date().json_schema()["examples"], Json::array({"2026-11-30"}));
  const Json page = page_of(role_grant()).json_schema();
  EXPECT_EQ(page, (Json{{"$ref", "#/components/schemas/RoleGrantPage"}}));

  std::map<std::string, Json> components;
  collect_components(page_of(role_grant()), components);
  collect_components(page_of(role_grant()), components);  // the same definition again
  EXPECT_EQ(components.size(), 2u);
  EXPECT_EQ(components["RoleGrantPage"]["required"], (Json{"items", "total"}));
  EXPECT_THROW(collect_components(component("RoleGrant", object({})), components),
               std::logic_error);
}

TEST(ContractSchema, ContractsThatCannotBeEnforcedAreRefusedAtStartUp) {
  const auto check = [](Contract contract, std::vector<std::string> names = {}) {
    check_contract(contract, names, "GET /x");
  };
  const std::vector<Reply> ok{{.status = 204}};
  EXPECT_NO_THROW(check({.path = {{"id", integer()}}, .replies = ok}, {"id"}));
  EXPECT_THROW(check({.replies = ok}, {"id"}), std::logic_error);
  EXPECT_THROW(check({.path = {{"code", integer()}}, .replies = ok}, {"id"}), std::logic_error);
  EXPECT_THROW(check({.path = {{"id", integer().optional()}}, .replies = ok}, {"id"}),
               std::logic_error);
  EXPECT_THROW(check({.query = {{"q", string()}}, .replies = ok}), std::logic_error);
  EXPECT_THROW(check({.query = {{"q", array(text(1)).max_items(1)}}, .replies = ok}),
               std::logic_error);
  EXPECT_THROW(check({.body = object({{"a", array(text(3))}}), .replies = ok}), std::logic_error);
  EXPECT_THROW(check({.body = object({{"a", any()}}), .replies = ok}), std::logic_error);
  EXPECT_THROW(check({.body = map_of(integer()), .replies = ok}), std::logic_error);
  EXPECT_THROW(check({.body = object({{"a", boolean()}}),
                      .upload = Upload{{"text/csv"}, 10, ""},
                      .replies = ok}),
               std::logic_error);
  EXPECT_THROW(check({.upload = Upload{{}, 10, ""}, .replies = ok}), std::logic_error);
  EXPECT_THROW(check({.upload = Upload{{"text/csv"}, 0, ""}, .replies = ok}), std::logic_error);
  EXPECT_NO_THROW(check({.upload = Upload{{"text/csv"}, 10, ""}, .replies = ok}));
  EXPECT_THROW(check({.replies = {{.status = 400}}}), std::logic_error);
  EXPECT_THROW(check({.replies = {{.status = 200}, {.status = 200}}}), std::logic_error);
  EXPECT_THROW(object({{"a", text(1)}, {"a", text(1)}}), std::logic_error);
}

Route contracted(std::string method, std::string pattern, Contract contract, Handler handler) {
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .permission = std::string(kPublic),
               .summary = "test",
               .tag = "test",
               .handler = std::move(handler),
               .contract = std::move(contract)};
}

TEST(ContractRouter, EveryRouteStatesItsContract) {
  Router router([](std::string_view) { return false; });
  EXPECT_THROW(router.add(contracted(
                   "GET", "/a", {},
                   [](const Request&) -> Result<Response> { return Response::no_content(); })),
               std::logic_error);
  EXPECT_THROW(router.add(contracted(
                   "GET", "/b/{id}", {.replies = {{.status = 204}}},
                   [](const Request&) -> Result<Response> { return Response::no_content(); })),
               std::logic_error);
  EXPECT_TRUE(router.routes().empty());
}

TEST(ContractRouter, AComponentNameStandsForOneSchemaAcrossRoutes) {
  Router router([](std::string_view) { return false; });
  const auto answering = [](const Schema& reply) {
    return Contract{.replies = {{.json = reply}}};
  };
  const auto handler = [](const Request&) -> Result<Response> { return Response::no_content(); };
  const Schema thing = component("Thing", object({{"name", string()}}));
  router.add(contracted("GET", "/a", answering(page_of(thing)), handler));
  router.add(contracted("GET", "/b", answering(thing), handler));  // the same one again
  const auto before = router.components();
  EXPECT_EQ(before.size(), 2u);  // Thing, ThingPage
  EXPECT_THROW(router.add(contracted("GET", "/c",
                                     answering(object({{"other", page_of(component(
                                                                      "Other", object({})))},
                                                       {"thing", component("Thing", object({}))}})),
                                     handler)),
               std::logic_error);
  EXPECT_EQ(router.components(), before) << "a refused route adds none of its components";
  EXPECT_EQ(router.routes().size(), 2u);
}

class ContractDispatch : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add(contracted("POST", "/things/{id}",
                          {.path = {{"id", integer(1, 100)}},
                           .query = {{"dry", boolean().default_to(false)}},
                           .body = object({{"name", text(10)}}),
                           .replies = {{.status = 201, .json = object({{"name", text(10)}})}}},
                          [this](const Request& r) -> Result<Response> {
                            ++calls;
                            seen = {r.path_json, r.query_json, r.body_json};
                            if (r.body_json["name"] == "drift") {
                              return Response::json(201, {{"nmae", "drift"}});
                            }
                            return Response::json(201, {{"name", r.body_json["name"]}});
                          }));
    Route secret = contracted(
        "POST", "/secret", {.body = object({{"name", text(10)}}), .replies = {{.status = 204}}},
        [](const Request&) -> Result<Response> { return Response::no_content(); });
    secret.permission = "test:secret:write";
    router.add(secret);
  }

  Response send(Dispatcher& dispatcher, std::string method, std::string target,
                std::string body = "") {
    Request request;
    request.method = std::move(method);
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    request.body = std::move(body);
    request.headers = {{"content-type", "application/json"}};
    return dispatcher.handle(request);
  }

  Router router{[](std::string_view permission) { return permission == "test:secret:write"; }};
  Metrics metrics{std::vector<Metrics::RouteLabel>{{"POST", "/things/{id}"}, {"POST", "/secret"}}};
  int calls = 0;
  std::vector<Json> seen;
};

TEST_F(ContractDispatch, HandlersSeeOnlyValidatedInput) {
  Dispatcher dispatcher(router, metrics, nullptr, false);
  const Response created = send(dispatcher, "POST", "/things/7?dry=true", R"({"name":" 网格 "})");
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(seen, (std::vector<Json>{{{"id", 7}}, {{"dry", true}}, {{"name", "网格"}}}));
  const Response refused = send(dispatcher, "POST", "/things/0?dry=1&x=2", R"({"name":5})");
  EXPECT_EQ(refused.status, 400);
  const Json body = Json::parse(refused.body);
  EXPECT_EQ(body["code"], "invalid_argument");
  std::vector<std::string> names;
  for (const Json& d : body["details"]) names.push_back(d["field"]);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "dry", "x", "name"}));
  EXPECT_EQ(calls, 1);
}

TEST_F(ContractDispatch, AccessIsDecidedBeforeInputIsRead) {
  Dispatcher dispatcher(router, metrics, nullptr, false);
  EXPECT_EQ(send(dispatcher, "POST", "/secret?x=1", "not json").status, 401);
}

TEST_F(ContractDispatch, ADriftingReplyFailsLoudlyOnlyWhenChecked) {
  Dispatcher unchecked(router, metrics, nullptr, false);
  EXPECT_EQ(send(unchecked, "POST", "/things/1", R"({"name":"drift"})").status, 201);
  Dispatcher checked(router, metrics, nullptr, false, nullptr, /*check_replies=*/true);
  const Response drifted = send(checked, "POST", "/things/1", R"({"name":"drift"})");
  EXPECT_EQ(drifted.status, 500);
  EXPECT_EQ(Json::parse(drifted.body)["code"], "internal");
  EXPECT_EQ(send(checked, "POST", "/things/1", R"({"name":"ok"})").status, 201);
}

TEST_F(ContractDispatch, TheApiDescriptionComesFromTheContracts) {
  const Json doc = openapi_document(router, "9.9");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const Json& op = doc["paths"]["/things/{id}"]["post"];
  EXPECT_EQ(op["x-permission"], "public");
  EXPECT_EQ(op["parameters"],
            (Json{{{"name", "id"},
                   {"in", "path"},
                   {"required", true},
                   {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}}},
                  {{"name", "dry"},
                   {"in", "query"},
                   {"required", false},
                   {"schema", {{"type", "boolean"}, {"default", false}}}}}));
  EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"]["required"],
            Json::array({"name"}));
  EXPECT_EQ(op["responses"]["201"]["content"]["application/json"]["schema"]["properties"]["name"],
            (Json{{"type", "string"}, {"minLength", 1}, {"maxLength", 10}}));
  EXPECT_EQ(op["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

}  // namespace
}  // namespace shequ::http
