// The fuzz step: every route of the table, sent malformed, oversized, wrong-typed, unknown and
// missing inputs over real sockets to a real stack, on SQLite and on PostgreSQL, by a caller the
// route lets in. Each route is attacked from its contract as /api/openapi.json publishes it:
// from one valid request, one thing changed at a time, and garbage bodies, unknown and bad query
// parameters, bad path segments and bad encodings.
//
// Every request must be answered, never with a 5xx, and every refusal must be the error body
// ({code, message, details, requestId}). A request its route's contract forbids must be refused
// with 400 naming the fields. The seed is fixed: the same requests on every run.
#include <fmt/format.h>

#include <set>

#include "api/small_stack.hpp"
#include "http/dispatcher.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"

namespace shequ::testing {
namespace {

// splitmix64: the same numbers everywhere (the standard distributions differ between libraries).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  std::string bytes(std::size_t max_length, std::string_view alphabet = {}) {
    std::string out(1 + below(max_length), '\0');
    for (char& c : out) {
      c = alphabet.empty() ? static_cast<char>(next() & 0xff) : alphabet[below(alphabet.size())];
    }
    return out;
  }

 private:
  uint64_t state_;
};

std::string encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string plain(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// One request, and what the answer must be.
struct Case {
  std::string what;
  std::string target;
  std::string body;
  std::string content_type = "application/json";
  bool forbidden_by_contract = false;  // must be refused with 400 and details
};

// Schemas as the published document states them: $ref and nullable anyOf resolved.
class Published {
 public:
  explicit Published(const Json& document) : schemas_(document["components"]["schemas"]) {}

  const Json& resolve(const Json& s) const {
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      return resolve(schemas_.at(ref.substr(ref.rfind('/') + 1)));
    }
    if (s.contains("anyOf")) {
      for (const Json& option : s["anyOf"]) {
        if (option.value("type", Json()) != "null") return resolve(option);
      }
    }
    return s;
  }
  bool nullable(const Json& s) const {
    if (s.contains("anyOf")) return true;
    const Json& type = resolve(s).value("type", Json());
    return type.is_array() && std::find(type.begin(), type.end(), "null") != type.end();
  }
  std::string type(const Json& s) const {
    const Json& type = resolve(s).value("type", Json());
    if (type.is_string()) return type;
    for (const Json& t : type) {
      if (t != "null") return t;
    }
    return "";
  }
  // A value the schema accepts. Integers take their maximum (an id nobody has, a version nobody
  // saw): should a changed request pass by mistake, it names nothing that exists.
  Json example(const Json& s) const {
    const Json& r = resolve(s);
    if (r.contains("examples")) return r["examples"][0];
    if (r.contains("enum")) {
      for (const Json& v : r["enum"]) {
        if (!v.is_null()) return v;
      }
    }
    const std::string t = type(s);
    if (t == "string") return std::string(std::max<std::size_t>(1, r.value("minLength", 0)), 'x');
    if (t == "integer") return r.value("maximum", r.value("minimum", Json(1)));
    if (t == "number") return r.value("minimum", Json(0));
    if (t == "boolean") return false;
    if (t == "array") {
      Json out = Json::array();
      if (r.contains("prefixItems")) {
        for (const Json& item : r["prefixItems"]) out.push_back(example(item));
      } else {
        for (int i = 0; i < r.value("minItems", 0); ++i) out.push_back(example(r["items"]));
      }
      return out;
    }
    if (t == "object") {
      Json out = Json::object();
      for (const Json& name : r.value("required", Json::array())) {
        out[name.get<std::string>()] = example(r["properties"][name.get<std::string>()]);
      }
      return out;
    }
    return nullptr;
  }

  // Values of other types than the schema's (null unless nullable).
  std::vector<Json> wrong_types(const Json& s) const {
    const std::string t = type(s);
    std::vector<Json> out;
    if (!nullable(s)) out.push_back(nullptr);
    if (t != "boolean") out.push_back(true);
    if (t != "integer" && t != "number") out.push_back(7);
    if (t != "number") out.push_back(1.5);
    if (t != "string") out.push_back("s");
    if (t != "array") out.push_back(Json::array());
    if (t != "object") out.push_back(Json::object());
    return out;
  }

  // Values of the schema's type that it refuses.
  std::vector<Json> bad_values(const Json& s) const {
    const Json& r = resolve(s);
    const std::string t = type(s);
    std::vector<Json> out;
    if (t == "string") {
      const bool secret = r.value("format", "") == "password";
      if (r.contains("maxLength")) out.push_back(std::string(r["maxLength"].get<int>() + 1, 'x'));
      if (r.value("minLength", 0) > 0) out.push_back("");
      if (r.contains("enum") || (r.contains("format") && !secret)) out.push_back("zz");
      if (!secret) out.push_back("a\u202eb");  // a right-to-left override
    } else if (t == "integer") {
      if (r.contains("enum")) {
        int64_t top = 0;
        for (const Json& v : r["enum"]) {
          if (v.is_number()) top = std::max(top, v.get<int64_t>());
        }
        out.push_back(top + 1);
      }
      if (r.contains("minimum") && r["minimum"].get<int64_t>() > INT64_MIN)
        out.push_back(r["minimum"].get<int64_t>() - 1);
      if (r.contains("maximum") && r["maximum"].get<int64_t>() < INT64_MAX)
        out.push_back(r["maximum"].get<int64_t>() + 1);
      out.push_back(1e30);
    } else if (t == "number") {
      if (r.contains("minimum")) out.push_back(r["minimum"].get<double>() - 1);
      if (r.contains("maximum")) out.push_back(r["maximum"].get<double>() + 1);
    } else if (t == "array" && r.contains("maxItems")) {
      Json items = Json::array();
      const Json& item = r.contains("prefixItems") ? r["prefixItems"][0] : r["items"];
      for (int i = 0; i <= r["maxItems"].get<int>(); ++i) items.push_back(example(item));
      out.push_back(std::move(items));
    }
    return out;
  }

  // Every body that differs from `base` (valid) in one place under `at`, with what changed.
  void body_mutations(const Json& s, const Json& base, const Json::json_pointer& at,
                      std::vector<std::pair<std::string, Json>>& out) const {
    const auto replaced = [&](const Json& value) {
      Json changed = base;
      changed[at] = value;
      return changed;
    };
    const std::string where = at.empty() ? "body" : at.to_string();
    for (const Json& value : wrong_types(s)) {
      out.emplace_back(where + " = " + value.dump().substr(0, 40), replaced(value));
    }
    for (const Json& value : bad_values(s)) {
      out.emplace_back(where + " = " + value.dump().substr(0, 40), replaced(value));
    }
    const Json& r = resolve(s);
    const std::string t = type(s);
    if (t == "object" && r.contains("properties")) {
      const Json required = r.value("required", Json::array());
      for (const auto& [name, property] : r["properties"].items()) {
        const Json::json_pointer member = at / name;
        if (std::find(required.begin(), required.end(), name) != required.end()) {
          Json missing = base;
          missing[at].erase(name);
          out.emplace_back(member.to_string() + " missing", std::move(missing));
          body_mutations(property, base, member, out);
        } else {
          // Optional: present with a good value, then changed.
          Json present = base;
          present[member] = example(property);
          body_mutations(property, present, member, out);
        }
      }
      out.emplace_back((at / "zzUnknown").to_string() + " added", replaced([&] {
                         Json value = base[at];
                         value["zzUnknown"] = 1;
                         return value;
                       }()));
    } else if (t == "array" && r.contains("items") && r["items"].is_object()) {
      Json one = base;
      if (one[at].empty()) one[at].push_back(example(r["items"]));
      body_mutations(r["items"], one, at / 0, out);
    }
  }

  // Text values of a path or query parameter that its schema refuses, already URL-encoded.
  std::vector<std::string> bad_parameters(const Json& s) const {
    const Json& r = resolve(s);
    const std::string t = type(s);
    std::vector<std::string> out{"%FF", "%00"};  // not UTF-8; NUL
    if (t == "integer" || t == "number") {
      out.insert(out.end(), {"abc", "1.5e", "0x10", "%2B1", "99999999999999999999"});
      if (t == "integer") out.insert(out.end(), {"1.5", "1e3"});
      for (const auto& [bound, step] : {std::pair{"minimum", -1}, std::pair{"maximum", 1}}) {
        if (!r.contains(bound)) continue;
        out.push_back(t == "integer" ? encode(std::to_string(r[bound].get<int64_t>() + step))
                                     : encode(Json(r[bound].get<double>() + step).dump()));
      }
    } else if (t == "boolean") {
      out.insert(out.end(), {"yes", "1"});
    } else if (t == "string") {
      const bool secret = r.value("format", "") == "password";
      if (r.contains("maxLength")) out.push_back(std::string(r["maxLength"].get<int>() + 1, 'x'));
      if (r.contains("enum") || (r.contains("format") && !secret)) out.push_back("zz");
      if (!secret) out.push_back("a%E2%80%AEb");
    }
    return out;
  }

 private:
  const Json& schemas_;
};

// Bodies nobody should send, for every route.
std::vector<std::pair<std::string, std::string>> garbage_bodies(Random& random) {
  std::string deep(200, '[');
  deep += std::string(200, ']');
  std::string many_keys = "{";
  for (int i = 0; i < 2000; ++i) many_keys += fmt::format("{}\"k{}\":{}", i ? "," : "", i, i);
  many_keys += "}";
  std::vector<std::pair<std::string, std::string>> out{
      {"null", "null"},
      {"an array", "[]"},
      {"a string", "\"x\""},
      {"a number too large", "1e999"},
      {"cut short", "{\"a\":"},
      {"an open brace", "{"},
      {"nested 200 deep", deep},
      {"not UTF-8", "\xff\xfe{}"},
      {"a NUL inside", std::string("{\"a\":\"\0\"}", 9)},
      {"a lone surrogate", R"({"a":"\ud800"})"},
      {"a duplicate key", R"({"a":1,"a":2})"},
      {"an unknown field", R"({"zzUnknown":1})"},
      {"a long string", "{\"zzUnknown\":\"" + std::string(100'000, 'a') + "\"}"},
      {"2000 keys", many_keys},
  };
  for (int i = 0; i < 6; ++i) {
    std::string bytes = random.bytes(48);
    if (bytes.starts_with('{') || bytes.starts_with('[')) bytes.insert(0, "x");
    out.emplace_back("random bytes", std::move(bytes));
  }
  return out;
}

bool is_error_body(const HttpResult& r, std::string& why) {
  const Json body = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  std::set<std::string> codes;
  for (ErrorCode code : kAllErrorCodes) codes.emplace(error_code_name(code));
  if (!body.is_object()) {
    why = "not a JSON object";
  } else if (!body.contains("code") || !body["code"].is_string() || !codes.contains(body["code"])) {
    why = "no registered code";
  } else if (!body.contains("message") || !body["message"].is_string() ||
             body["message"].get<std::string>().empty()) {
    why = "no message";
  } else if (!body.contains("requestId") || !body["requestId"].is_string() ||
             body["requestId"].get<std::string>().empty()) {
    why = "no requestId";
  } else if (!body.contains("details") || !body["details"].is_array()) {
    why = "no details";
  } else {
    for (const Json& d : body["details"]) {
      if (!d.is_object() || !d.contains("field") || !d["field"].is_string() ||
          !d.contains("reason") || !d["reason"].is_string()) {
        why = "a detail without field and reason";
        return false;
      }
    }
    return true;
  }
  return false;
}

// Open311's refusal (requests/open311.hpp): [{code, description}] or <errors>, its codes the
// answer's status.
bool is_open311_error(const HttpResult& r, std::string& why) {
  if (r.header("content-type").starts_with("text/xml")) {
    if (r.body.find(fmt::format("<errors><error><code>{}</code><description>", r.status)) ==
        std::string::npos) {
      why = "not the spec's <errors>";
      return false;
    }
    return true;
  }
  const Json body = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_array() || body.empty()) {
    why = "not a list of errors";
    return false;
  }
  for (const Json& e : body) {
    if (!e.is_object() || e.value("code", 0) != r.status || !e.contains("description") ||
        !e["description"].is_string() || e["description"].get<std::string>().empty()) {
      why = "an error without its code and description";
      return false;
    }
  }
  return true;
}

class FuzzTest : public SmallStackTest {
 protected:
  // A demo account that holds `permission`, logged in.
  HttpClient* caller_for(const http::Route& route) {
    for (const char* username : {"admin", "security", "audit", "lanzhou", "chengguan",
                                 "changjiaxiang", "wangge1", "jumin1"}) {
      auto& client = callers_[username];
      if (!client) client = as(username);
      HttpResult answer = client->get("/api/v1/auth/me");
      if (answer.status == 401) {  // logged out by the cases of the logout route
        client = as(username);
        answer = client->get("/api/v1/auth/me");
      }
      const Json me = answer.json();
      const Json& held = me["permissions"];
      if (route.permission == http::kPublic || route.permission == http::kAuthenticated ||
          std::find(held.begin(), held.end(), route.permission) != held.end()) {
        caller_name_ = username;
        return client.get();
      }
    }
    return nullptr;
  }

  HttpResult send(const http::Route& route, const Case& c) {
    auto& client = callers_[caller_name_];
    HttpResult r =
        client->request(route.method, c.target, c.body, {{"content-type", c.content_type}});
    // Logging out (its body is not read) ends the session: the next case logs in again.
    if (r.status == 401 && route.permission != http::kPublic) client = as(caller_name_);
    return r;
  }

  std::map<std::string, std::unique_ptr<HttpClient>> callers_;
  std::string caller_name_;
};

std::vector<Case> cases_for(const http::Route& route, const Json& operation,
                            const Published& published, Random& random) {
  // The parts of a valid request: path values and query pairs (encoded), and the body.
  std::map<std::string, std::string> path;
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<Json> query_schemas;
  for (const Json& p : operation["parameters"]) {
    const std::string name = p["name"];
    if (p["in"] == "path") {
      path[name] = encode(plain(published.example(p["schema"])));
    } else if (p["required"].get<bool>()) {
      query.emplace_back(name, encode(plain(published.example(p["schema"]))));
    }
  }
  // A JSON body, or a file (an upload: its first media type, with a few bytes that are no
  // file the route can read).
  const bool takes_body = operation.contains("requestBody") &&
                          operation["requestBody"]["content"].contains("application/json");
  const std::string upload_type = operation.contains("requestBody") && !takes_body
                                      ? operation["requestBody"]["content"].begin().key()
                                      : std::string();
  const std::string content_type = upload_type.empty() ? "application/json" : upload_type;
  const Json body_schema =
      takes_body ? operation["requestBody"]["content"]["application/json"]["schema"] : Json();
  const Json body = takes_body ? published.example(body_schema) : Json();
  const auto target = [&](const std::map<std::string, std::string>& p,
                          const std::vector<std::pair<std::string, std::string>>& q) {
    std::string out;
    for (std::string_view segment : http::split_path(route.pattern)) {
      out += "/";
      // A parameter may end in fixed text ("{code}.json").
      const auto close = segment.find('}');
      out += segment.starts_with('{') ? p.at(std::string(segment.substr(1, close - 1))) +
                                            std::string(segment.substr(close + 1))
                                      : std::string(segment);
    }
    for (std::size_t i = 0; i < q.size(); ++i) {
      out += (i == 0 ? "?" : "&") + q[i].first + "=" + q[i].second;
    }
    return out;
  };
  const std::string base_target = target(path, query);
  const std::string base_body = !upload_type.empty() ? "a,b\n1,2\n"
                                : body.is_null()     ? (takes_body ? "{}" : "")
                                                     : body.dump();

  std::vector<Case> cases;
  const auto add = [&](std::string what, std::string t, std::string b, bool forbidden) {
    cases.push_back({std::move(what), std::move(t), std::move(b), content_type, forbidden});
  };
  // Query parameters nobody declared are refused by every route.
  {
    auto q = query;
    q.emplace_back("zzUnknown", "1");
    add("an unknown query parameter", target(path, q), base_body, true);
    q.back() = {"", ""};
    add("an empty query parameter name", target(path, q), base_body, true);
  }
  add("a bad escape in the query", base_target + (query.empty() ? "?" : "&") + "q=%E7%9", base_body,
      true);
  add("a query of random bytes", target(path, {}) + "?" + encode(random.bytes(40)), base_body,
      false);
  // Each parameter: bad values, and for the query missing and repeated ones.
  for (const Json& p : operation["parameters"]) {
    const std::string name = p["name"];
    const bool in_path = p["in"] == "path";
    for (const std::string& value : published.bad_parameters(p["schema"])) {
      std::string what = name + " = " + value.substr(0, 30);
      if (in_path) {
        auto p2 = path;
        p2[name] = value;
        add(what, target(p2, query), base_body, true);
      } else {
        auto q = query;
        std::erase_if(q, [&](const auto& pair) { return pair.first == name; });
        q.emplace_back(name, value);
        add(what, target(path, q), base_body, true);
      }
    }
    if (in_path) {
      auto p2 = path;
      p2[name] = std::string(6000, 'x');
      add(name + " of 6000 characters", target(p2, query), base_body, false);
      continue;
    }
    if (p["required"].get<bool>()) {
      auto q = query;
      std::erase_if(q, [&](const auto& pair) { return pair.first == name; });
      add(name + " missing", target(path, q), base_body, true);
    }
    auto q = query;
    const std::string value = encode(plain(published.example(p["schema"])));
    q.emplace_back(name, value);
    q.emplace_back(name, value);
    add(name + " twice", target(path, q), base_body, true);
  }
  // Bodies.
  for (auto& [what, bytes] : garbage_bodies(random)) {
    // None of these is a body a contract accepts (random bytes could, in theory, be one).
    add("body: " + what, base_target, bytes, what != "random bytes");
  }
  if (!upload_type.empty()) {
    cases.push_back(
        {"a file of a type the route does not take", base_target, base_body, "application/json"});
    add("an empty file", base_target, "", true);
  }
  if (takes_body) {
    cases.push_back({"a body that is not JSON by its type", base_target, base_body, "text/plain"});
    add("an empty body", base_target, "", true);
    add("an empty object", base_target, "{}", false);
    add("a body over the limit", base_target, "{\"a\":\"" + std::string(1 << 20, 'a') + "\"}",
        false);
  }
  if (takes_body) {
    std::vector<std::pair<std::string, Json>> mutations;
    published.body_mutations(body_schema, body, Json::json_pointer(), mutations);
    for (auto& [what, changed] : mutations) add(what, base_target, changed.dump(), true);
  }
  return cases;
}

// The operation of `route` in the published document.
const Json& operation_of(const Json& document, const http::Route& route) {
  std::string method = route.method;
  for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return document["paths"][route.pattern][method];
}

// Sends every case of `route` through `send` and checks each answer; returns how many were sent.
std::size_t fuzz(const http::Route& route, const Json& document, Random& random,
                 const std::function<HttpResult(const Case&)>& send) {
  const Published published(document);
  std::size_t sent = 0;
  for (const Case& c : cases_for(route, operation_of(document, route), published, random)) {
    const HttpResult r = send(c);
    ++sent;
    const std::string what = c.what + " -> " + c.target.substr(0, 120);
    if (r.status == 0) {
      ADD_FAILURE() << what << ": no answer";
      return sent;
    }
    EXPECT_LT(r.status, 500) << what << ": " << r.body.substr(0, 300);
    // A route of another protocol refuses in that protocol's form.
    const bool foreign = static_cast<bool>(route.contract.errors);
    if (r.status >= 400) {
      std::string why;
      EXPECT_TRUE(foreign ? is_open311_error(r, why) : is_error_body(r, why))
          << what << ": " << why << ": " << r.body.substr(0, 300);
    }
    // A key where the route's protocol carries it is judged as a key, before the contract: one
    // that is no key is refused as such (Open311: 403), one that cannot be decoded as bad input.
    const bool key =
        !route.api_key_parameter.empty() && c.what.starts_with(route.api_key_parameter + " ");
    // A file over the route's limit is refused as too large before it is read.
    const bool over = route.contract.upload && c.body.size() > route.contract.upload->max_bytes;
    if (key) {
      EXPECT_TRUE(r.status == 403 || r.status == 400) << what << ": " << r.body.substr(0, 300);
    } else if (over) {
      EXPECT_EQ(r.status, 413) << what << ": " << r.body.substr(0, 300);
    } else if (c.forbidden_by_contract) {
      EXPECT_EQ(r.status, 400) << what << ": " << r.body.substr(0, 300);
      if (r.status == 400 && !foreign) {
        EXPECT_FALSE(r.json()["details"].empty()) << what;
      }
    }
  }
  return sent;
}

TEST_P(FuzzTest, EveryRouteRefusesBadInputInTheErrorFormatAndNeverFails) {
  const Json document = http::openapi_document(web_->router(), app::kVersion);
  Random random(20'261'130);
  std::size_t sent = 0;
  for (const http::Route& route : web_->router().routes()) {
    const std::string where = route.method + " " + route.pattern;
    SCOPED_TRACE(where);
    if (caller_for(route) == nullptr) {
      ADD_FAILURE() << "no demo account may call " << where;
      continue;
    }
    sent += fuzz(route, document, random, [&](const Case& c) { return send(route, c); });
    ASSERT_EQ(HttpClient(web_->port()).get("/healthz").status, 200) << "after " << where;
  }
  EXPECT_GT(sent, 1000u);
}

// The cases drawn from contracts, on a route whose contract has every kind of field the kit
// builds: the request the fuzz
// starts from passes, and every one it changes is refused with 400.
TEST(FuzzContracts, EveryKindOfFieldIsChangedAndRefused) {
  using namespace http::schema;
  const http::Schema grant = component(
      "FuzzGrant",
      object({{"role", enum_of({"grid_worker", "volunteer"})}, {"unitCode", unit_code()}}));
  const http::Schema body = object({
      {"name", text(20)},
      {"password", secret(64)},
      {"description", text(200).min_length(0).optional()},
      {"phone", mobile().optional()},
      {"day", date().optional()},
      {"level", integer_enum({1, 2, 3})},
      {"count", integer(0, 10).default_to(1)},
      {"share", number(0, 1).optional()},
      {"flag", boolean().optional()},
      {"point", tuple({number(-90, 90), number(-180, 180)}).optional()},
      {"tags", array(text(10)).max_items(3).optional()},
      {"grants", array(grant).min_items(1).max_items(2)},
      {"owner", object({{"id", integer(1, kMaxInt)}, {"note", text(5).nullable()}}).optional()},
  });
  int handled = 0;
  http::Router router([](std::string_view) { return false; });  // public routes only
  router.add({.method = "POST",
              .pattern = "/kit/{code}/{id}",
              .permission = std::string(http::kPublic),
              .summary = "every kind of field",
              .tag = "test",
              .handler = [&handled](const http::Request&) -> Result<http::Response> {
                ++handled;
                return http::Response::json(201, {{"ok", true}});
              },
              .contract = {.path = {{"code", unit_code()}, {"id", integer(1, 99)}},
                           .query =
                               [] {
                                 auto query = paging();
                                 query.push_back({"q", text(10)});
                                 query.push_back({"on", date().optional()});
                                 query.push_back({"all", boolean().optional()});
                                 query.push_back({"sort", enum_of({"name", "code"}).optional()});
                                 return query;
                               }(),
                           .body = body,
                           .replies = {{.status = 201, .json = object({{"ok", boolean()}})}}}});
  http::Metrics metrics(std::vector<http::Metrics::RouteLabel>{{"POST", "/kit/{code}/{id}"}});
  http::Dispatcher dispatcher(router, metrics, nullptr, false, nullptr, /*check_replies=*/true);
  http::Server server(dispatcher, {.port = 0, .io_threads = 1, .worker_threads = 1});
  ASSERT_TRUE(server.start());
  const Json document = http::openapi_document(router, "test");
  const http::Route& route = router.routes().front();
  HttpClient client(server.port());

  // The request every case changes one thing of.
  const Published published(document);
  const Json& operation = operation_of(document, route);
  const Json example =
      published.example(operation["requestBody"]["content"]["application/json"]["schema"]);
  const auto valid = client.send_json(
      "POST", "/kit/" + plain(published.example(operation["parameters"][0]["schema"])) + "/99?q=x",
      example.dump());
  ASSERT_EQ(valid.status, 201) << example.dump() << " -> " << valid.body;

  Random random(7);
  const std::size_t sent = fuzz(route, document, random, [&](const Case& c) {
    return client.request("POST", c.target, c.body, {{"content-type", c.content_type}});
  });
  EXPECT_GT(sent, 150u);
  EXPECT_EQ(handled, 1);  // only the valid request reached the handler
  server.stop();
}

INSTANTIATE_TEST_SUITE_P(Backends, FuzzTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
