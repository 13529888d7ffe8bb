// The Open311 GeoReport v2 endpoint walked as the specification lays it out, field by field, in
// JSON and in XML, by clients holding API keys: discovery, services and their definitions, a
// request posted form-encoded and read back, the list's filters and defaults, tokens, mySociety's
// service request updates; the spec's errors for every kind of bad input, with nothing written;
// scope and permissions of the keys; the 12345 platform's own case numbers kept, retries safe.
#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <fmt/format.h>

#include <set>
#include <sstream>

#include "api/small_stack.hpp"
#include "auth/auth.hpp"
#include "http/query.hpp"
#include "requests/request_service.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;
using Tree = boost::property_tree::ptree;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区 (changjiaxiang)
constexpr const char* kSiblingCommunity = "620102001002";
constexpr const char* kStreet = "620102001000";  // 酒泉路街道
constexpr const char* kRoot = "/open311/v2";

// "a=1&b=x y" with every value percent-encoded.
std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&name, &value}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          out += fmt::format("%{:02X}", c);
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

Tree parse_xml(const HttpResult& result) {
  EXPECT_TRUE(result.header("content-type").starts_with("text/xml"))
      << result.header("content-type");
  EXPECT_TRUE(result.body.starts_with(R"(<?xml version="1.0" encoding="UTF-8"?>)")) << result.body;
  std::istringstream in(result.body);
  Tree tree;
  boost::property_tree::read_xml(in, tree);
  return tree;
}

// The descriptions of the spec's error answer (JSON), checking its shape and codes.
std::vector<std::string> errors_of(const HttpResult& result) {
  std::vector<std::string> out;
  const Json body = result.json();
  EXPECT_TRUE(body.is_array()) << result.body;
  for (const Json& e : body) {
    EXPECT_EQ(e["code"], result.status) << result.body;
    out.push_back(e["description"].get<std::string>());
  }
  return out;
}

bool names(const std::vector<std::string>& errors, const std::string& field) {
  return std::ranges::any_of(errors,
                             [&](const std::string& e) { return e.starts_with(field + ": "); });
}

class Open311ApiTest : public SmallStackTest {
 protected:
  // A key the operator issues at the command line for `unit`, with the default permissions
  // unless others are given.
  std::string key_for(const std::string& unit, std::vector<std::string> permissions = {}) {
    if (permissions.empty()) {
      for (std::string_view p : services_->registry().client_key_permissions())
        permissions.emplace_back(p);
    }
    auto created =
        services_->auth().api_keys().create_as_operator("12345 热线平台", unit, permissions);
    EXPECT_TRUE(created) << created.error().message.en;
    return created ? created->second : "";
  }
  HttpResult post(const std::string& format,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
    return client_->request("POST", std::string(kRoot) + "/requests." + format, form(fields),
                            {{"content-type", "application/x-www-form-urlencoded"}});
  }
  HttpResult get(const std::string& path) { return client_->get(std::string(kRoot) + path); }
  // A complete, valid elevator request from the 12345 platform.
  std::vector<std::pair<std::string, std::string>> elevator(const std::string& key) {
    return {{"api_key", key},
            {"service_code", "property.elevator"},
            {"attribute[trapped]", "true"},
            {"attribute[building]", "3号楼"},
            {"lat", "36.0611"},
            {"long", "103.8343"},
            {"address_string", "畅家巷12号3号楼"},
            {"description", "3号楼电梯停在两层之间，有人被困"},
            {"last_name", "张"},
            {"first_name", "三丰"},
            {"phone", "13912345678"},
            {"email", "zhang@example.cn"},
            {"device_id", "kiosk-7"}};
  }
  int64_t cases() { return count("SELECT COUNT(*) FROM request_case"); }

  std::unique_ptr<HttpClient> client_;
  void SetUp() override {
    SmallStackTest::SetUp();
    client_ = as("");
  }
};

TEST_P(Open311ApiTest, DiscoveryNamesTheEndpointAndBothFormats) {
  const auto json = get("/discovery.json");
  ASSERT_EQ(json.status, 200) << json.body;
  const Json d = json.json();
  EXPECT_FALSE(d["changeset"].get<std::string>().empty());
  EXPECT_FALSE(d["contact"].get<std::string>().empty());
  EXPECT_FALSE(d["key_service"].get<std::string>().empty());
  ASSERT_EQ(d["endpoints"].size(), 1u);
  const Json& endpoint = d["endpoints"][0];
  EXPECT_EQ(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2");
  EXPECT_TRUE(endpoint["url"].get<std::string>().ends_with("/open311/v2"));
  EXPECT_EQ(endpoint["type"], "production");
  EXPECT_EQ(endpoint["formats"], Json({"text/xml", "application/json"}));
  const Tree xml = parse_xml(get("/discovery.xml"));
  EXPECT_EQ(xml.get<std::string>("discovery.endpoints.endpoint.specification"),
            "http://wiki.open311.org/GeoReport_v2");
  std::vector<std::string> formats;
  for (const auto& [name, f] : xml.get_child("discovery.endpoints.endpoint.formats")) {
    EXPECT_EQ(name, "format");
    formats.push_back(f.data());
  }
  EXPECT_EQ(formats, (std::vector<std::string>{"text/xml", "application/json"}));
}

TEST_P(Open311ApiTest, ServicesAreTheCataloguesActiveLeavesInBothFormats) {
  auto staff = as("changjiaxiang");
  std::set<std::string> leaves;
  const Json categories = staff->get("/api/v1/requests/categories").json();
  for (const Json& c : categories["items"]) {
    if (!c["parent"].is_null()) leaves.insert(c["code"].get<std::string>());
  }
  const auto json = get("/services.json");
  ASSERT_EQ(json.status, 200) << json.body;
  std::set<std::string> codes;
  for (const Json& s : json.json()) {
    codes.insert(s["service_code"].get<std::string>());
    EXPECT_FALSE(s["service_name"].get<std::string>().empty());
    EXPECT_EQ(s["type"], "realtime");
    EXPECT_FALSE(s["group"].get<std::string>().empty());
    EXPECT_TRUE(s["metadata"].is_boolean());
  }
  EXPECT_EQ(codes, leaves);
  EXPECT_GE(codes.size(), 40u);
  const Json services = json.json();
  const Json elevator = *std::find_if(services.begin(), services.end(), [](const Json& s) {
    return s["service_code"] == "property.elevator";
  });
  EXPECT_EQ(elevator["service_name"], "电梯故障");
  EXPECT_EQ(elevator["metadata"], true);
  // English on request.
  const auto en = client_->get(std::string(kRoot) + "/services.json", {{"accept-language", "en"}});
  EXPECT_NE(en.json()[0]["service_name"], json.json()[0]["service_name"]);

  std::set<std::string> xml_codes;
  const Tree services_xml = parse_xml(get("/services.xml"));
  for (const auto& [name, s] : services_xml.get_child("services")) {
    EXPECT_EQ(name, "service");
    xml_codes.insert(s.get<std::string>("service_code"));
    EXPECT_EQ(s.get<std::string>("type"), "realtime");
  }
  EXPECT_EQ(xml_codes, leaves);
}

TEST_P(Open311ApiTest, AServiceDefinitionListsItsQuestionsAsAttributes) {
  const auto json = get("/services/property.elevator.json");
  ASSERT_EQ(json.status, 200) << json.body;
  const Json d = json.json();
  EXPECT_EQ(d["service_code"], "property.elevator");
  ASSERT_GE(d["attributes"].size(), 1u);
  const Json& trapped = d["attributes"][0];
  EXPECT_EQ(trapped["code"], "trapped");
  EXPECT_EQ(trapped["variable"], true);
  EXPECT_EQ(trapped["required"], true);
  EXPECT_EQ(trapped["datatype"], "singlevaluelist");
  EXPECT_EQ(trapped["order"], 1);
  EXPECT_EQ(trapped["values"],
            Json::parse(R"([{"key":"true","name":"是"},{"key":"false","name":"否"}])"));
  const Tree xml = parse_xml(get("/services/property.elevator.xml"));
  EXPECT_EQ(xml.get<std::string>("service_definition.service_code"), "property.elevator");
  EXPECT_EQ(xml.get<std::string>("service_definition.attributes.attribute.code"), "trapped");

  const auto unknown = get("/services/property.nothing.json");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(errors_of(unknown).size(), 1u);
  const auto unknown_xml = get("/services/property.nothing.xml");
  EXPECT_EQ(unknown_xml.status, 404);
  EXPECT_EQ(parse_xml(unknown_xml).get<int>("errors.error.code"), 404);
}

TEST_P(Open311ApiTest, ARequestPostedFormEncodedIsReadBackFieldByField) {
  const std::string key = key_for(kCommunity);
  auto fields = elevator(key);
  fields.push_back({"external_id", "GS12345-20261130-0001"});
  const auto created = post("json", fields);
  ASSERT_EQ(created.status, 201) << created.body;
  const Json answer = created.json();
  ASSERT_EQ(answer.size(), 1u);
  const std::string id = answer[0]["service_request_id"];
  const std::string token = answer[0]["token"];
  EXPECT_TRUE(answer[0]["account_id"].is_null());
  EXPECT_NE(answer[0]["service_notice"].get<std::string>().find("+08:00"), std::string::npos);

  const auto read = get("/requests/" + id + ".json?api_key=" + key);
  ASSERT_EQ(read.status, 200) << read.body;
  const Json r = read.json()[0];
  EXPECT_EQ(r["service_request_id"], id);
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["status_notes"], "待签收");
  EXPECT_EQ(r["service_code"], "property.elevator");
  EXPECT_EQ(r["service_name"], "电梯故障");
  EXPECT_EQ(r["description"], "3号楼电梯停在两层之间，有人被困");
  EXPECT_EQ(r["agency_responsible"], "畅家巷社区居委会");
  EXPECT_EQ(r["address"], "畅家巷12号3号楼");
  EXPECT_DOUBLE_EQ(r["lat"].get<double>(), 36.0611);
  EXPECT_DOUBLE_EQ(r["long"].get<double>(), 103.8343);
  // Received at 01:00 UTC: 09:00 in China, as the spec writes datetimes (with their zone).
  EXPECT_EQ(r["requested_datetime"], "2026-11-30T09:00:00+08:00");
  EXPECT_EQ(r["updated_datetime"], "2026-11-30T09:00:00+08:00");
  EXPECT_TRUE(r["expected_datetime"].get<std::string>().ends_with("+08:00"));
  EXPECT_TRUE(r["media_url"].is_null());
  // Who called is not told to other clients: no name, no phone anywhere in the answer.
  EXPECT_EQ(read.body.find("13912345678"), std::string::npos);
  EXPECT_EQ(read.body.find("三丰"), std::string::npos);

  const Tree xml = parse_xml(get("/requests/" + id + ".xml?api_key=" + key));
  EXPECT_EQ(xml.get<std::string>("service_requests.request.service_request_id"), id);
  EXPECT_EQ(xml.get<std::string>("service_requests.request.status"), "open");
  EXPECT_EQ(xml.get<std::string>("service_requests.request.lat"), "36.0611");

  // Staff see it as an Open311 case with the platform's number and the caller, masked.
  auto staff = as("changjiaxiang");
  const Json seen = staff->get("/api/v1/requests/" + id).json()["case"];
  EXPECT_EQ(seen["channel"], "open311");
  EXPECT_EQ(seen["externalId"], "GS12345-20261130-0001");
  EXPECT_EQ(seen["contactPhone"], "139****5678");
  EXPECT_EQ(seen["attributes"], Json({{"trapped", true}, {"building", "3号楼"}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.case.submit' AND "
                  "username LIKE 'apikey:%'"),
            1);

  // The token is the tracking code.
  const auto by_token = get("/tokens/" + token + ".json?api_key=" + key);
  ASSERT_EQ(by_token.status, 200) << by_token.body;
  EXPECT_EQ(by_token.json(),
            Json::parse(fmt::format(R"([{{"service_request_id":"{}","token":"{}"}}])", id, token)));
  EXPECT_EQ(parse_xml(get("/tokens/" + token + ".xml?api_key=" + key))
                .get<std::string>("service_requests.request.service_request_id"),
            id);
  EXPECT_EQ(get("/tokens/SQNOSUCHCODE.json?api_key=" + key).status, 404);

  // The platform sends it again (its answer was lost): the same case, nothing new.
  const int64_t before = cases();
  const auto again = post("xml", fields);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(parse_xml(again).get<std::string>("service_requests.request.service_request_id"), id);
  EXPECT_EQ(cases(), before);
}

TEST_P(Open311ApiTest, EveryKindOfBadInputGetsTheSpecsErrorsAndWritesNothing) {
  const std::string key = key_for(kCommunity);
  const int64_t before = cases();
  const auto with = [&](std::vector<std::pair<std::string, std::string>> changes,
                        std::vector<std::string> drop = {}) {
    auto fields = elevator(key);
    std::erase_if(fields, [&](const auto& f) {
      return std::ranges::find(drop, f.first) != drop.end() ||
             std::ranges::any_of(changes, [&](const auto& c) { return c.first == f.first; });
    });
    fields.insert(fields.end(), changes.begin(), changes.end());
    return fields;
  };
  struct Case {
    std::string what;
    std::vector<std::pair<std::string, std::string>> fields;
    int status;
    std::string field;  // the parameter the error names; "" for none in particular
  };
  const std::vector<Case> table{
      {"forged key", with({{"api_key", "shq_forged"}}), 403, "api_key"},
      {"no key", with({}, {"api_key"}), 403, "api_key"},
      {"no service", with({}, {"service_code"}), 400, "service_code"},
      {"unknown service", with({{"service_code", "property.nothing"}}), 400, "service_code"},
      {"no place", with({}, {"lat", "long", "address_string"}), 400, "lat"},
      {"outside Gansu", with({{"lat", "39.9042"}, {"long", "116.4074"}}), 400, "lat"},
      {"latitude not a number", with({{"lat", "36.06abc"}}), 400, "lat"},
      {"only a latitude", with({}, {"long"}), 400, "long"},
      {"answer of the wrong type", with({{"attribute[trapped]", "maybe"}}), 400,
       "attribute[trapped]"},
      {"required answer missing", with({}, {"attribute[trapped]"}), 400, "attribute[trapped]"},
      {"question it does not ask", with({{"attribute[colour]", "red"}}), 400, "attribute[colour]"},
      {"5,000 characters", with({{"description", std::string(5000, 'x')}}), 400, "description"},
      {"no description", with({}, {"description"}), 400, "description"},
      {"parameter the spec lacks", with({{"priority", "high"}}), 400, "priority"},
      {"given twice",
       [&] {
         auto f = elevator(key);
         f.push_back({"lat", "36.07"});
         return f;
       }(),
       400, "lat"},
      {"another jurisdiction", with({{"jurisdiction_id", "beijing"}}), 400, "jurisdiction_id"},
      {"a unit outside the key's scope", with({{"unit_code", kSiblingCommunity}}), 403,
       "unit_code"},
      {"a street as the place", with({{"unit_code", kStreet}}), 403, "unit_code"},
      {"bad phone", with({{"phone", "12"}}), 400, "phone"},
      {"bad external id", with({{"external_id", "a b/c"}}), 400, "external_id"},
  };
  for (const Case& c : table) {
    SCOPED_TRACE(c.what);
    const auto json = post("json", c.fields);
    EXPECT_EQ(json.status, c.status) << json.body;
    const auto errors = errors_of(json);
    EXPECT_FALSE(errors.empty());
    if (!c.field.empty()) {
      EXPECT_TRUE(names(errors, c.field)) << json.body;
    }
    const auto xml = post("xml", c.fields);
    EXPECT_EQ(xml.status, c.status);
    EXPECT_EQ(parse_xml(xml).get<int>("errors.error.code"), c.status);
  }
  // Not form-encoded.
  const auto as_json = client_->request("POST", std::string(kRoot) + "/requests.json", "{}",
                                        {{"content-type", "application/json"}});
  EXPECT_EQ(as_json.status, 415);
  EXPECT_FALSE(errors_of(as_json).empty());
  // Every problem of one request at once.
  const auto many =
      post("json", with({{"service_code", "property.nothing"}, {"lat", "x"}, {"bogus", "1"}}));
  EXPECT_EQ(errors_of(many).size(), 3u) << many.body;
  // Those the form shows and those the request's checks find, together, each once.
  const auto both =
      post("json", with({{"bogus", "1"}, {"phone", "12"}, {"lat", "10"}}, {"description"}));
  EXPECT_EQ(both.status, 400);
  const auto all = errors_of(both);
  EXPECT_EQ(all.size(), 4u) << both.body;
  for (const char* field : {"bogus", "phone", "description", "lat"}) {
    EXPECT_TRUE(names(all, field)) << field << ": " << both.body;
  }
  EXPECT_EQ(cases(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case WHERE channel = 'open311'"), 0);
}

TEST_P(Open311ApiTest, KeysSeeTheirOwnScopeAndDoOnlyWhatTheyCarry) {
  const std::string key = key_for(kCommunity);
  const std::string sibling = key_for(kSiblingCommunity);
  const std::string street = key_for(kStreet);
  const std::string reader = key_for(kCommunity, {"requests:case:read"});
  const auto created = post("json", elevator(key));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json()[0]["service_request_id"];

  EXPECT_EQ(get("/requests/" + id + ".json?api_key=" + sibling).status, 404);
  EXPECT_EQ(get("/requests.json?api_key=" + sibling).json(), Json::array());
  EXPECT_EQ(get("/requests/" + id + ".json?api_key=" + street).status, 200);
  // A street's key names the community it means; without it, it is told to.
  auto from_street = elevator(street);
  const auto unplaced = post("json", from_street);
  EXPECT_EQ(unplaced.status, 400);
  EXPECT_TRUE(names(errors_of(unplaced), "unit_code"));
  from_street.push_back({"unit_code", kSiblingCommunity});
  const auto placed = post("json", from_street);
  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_EQ(get("/requests/" + placed.json()[0]["service_request_id"].get<std::string>() +
                ".json?api_key=" + sibling)
                .json()[0]["agency_responsible"],
            "雁园社区居委会");
  // A key that only reads cannot submit.
  const auto refused = post("json", elevator(reader));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(get("/requests.json?api_key=" + reader).json().size(), 1u);
  // Without a key, nothing but the catalogue.
  EXPECT_EQ(get("/requests.json").status, 403);
  EXPECT_EQ(get("/servicerequestupdates.json").status, 403);
  EXPECT_EQ(get("/tokens/x.json").status, 403);
  // A revoked key no longer works.
  auto admin = as("admin");
  const Json keys = admin->get("/api/v1/api-keys").json();
  for (const Json& k : keys["items"]) {
    if (k["unitCode"] == kSiblingCommunity) {
      EXPECT_EQ(
          admin->request("DELETE", "/api/v1/api-keys/" + std::to_string(k["id"].get<int64_t>()))
              .status,
          204);
    }
  }
  EXPECT_EQ(get("/requests.json?api_key=" + sibling).status, 403);
}

TEST_P(Open311ApiTest, TheListFiltersAsTheSpecSaysAndIsAudited) {
  const std::string key = key_for(kCommunity);
  const auto first = post("json", elevator(key));
  ASSERT_EQ(first.status, 201);
  const std::string a = first.json()[0]["service_request_id"];
  clock_.advance(std::chrono::hours(24));
  auto light = elevator(key);
  std::erase_if(light, [](const auto& f) { return f.first.starts_with("attribute"); });
  light[1].second = "municipal.streetlight";
  const auto second = post("json", light);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string b = second.json()[0]["service_request_id"];
  // A day on, the first is overdue: escalated now, so that the stack's scheduled run finds nothing
  // to change while the community resolves it.
  ASSERT_TRUE(services_->service<requests::RequestService>().escalate_overdue());
  auto staff = as("changjiaxiang");
  int64_t version = staff->get("/api/v1/requests/" + a).json()["case"]["version"];
  for (const std::string action : {"accept", "start", "resolve"}) {
    const auto done = staff->send_json(
        "POST", "/api/v1/requests/" + a + "/steps",
        Json{{"action", action}, {"version", version}, {"note", "已联系维保单位，电梯恢复运行"}}
            .dump());
    ASSERT_EQ(done.status, 200) << done.body;
    version = done.json()["case"]["version"];
  }
  const auto ids = [&](const std::string& query) {
    const auto listed = get("/requests.json?api_key=" + key + query);
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::vector<std::string> out;
    for (const Json& r : listed.json()) out.push_back(r["service_request_id"]);
    return out;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(""), (Ids{b, a}));  // newest first
  EXPECT_EQ(ids("&status=closed"), (Ids{a}));
  EXPECT_EQ(ids("&status=open"), (Ids{b}));
  EXPECT_EQ(ids("&status=open,closed"), (Ids{b, a}));
  EXPECT_EQ(ids("&service_code=municipal.streetlight"), (Ids{b}));
  EXPECT_EQ(ids("&service_code=municipal.streetlight,property.elevator"), (Ids{b, a}));
  EXPECT_EQ(ids("&service_request_id=" + a), (Ids{a}));
  // The ids override the other filters.
  EXPECT_EQ(ids("&service_request_id=" + a + "," + b + "&status=open"), (Ids{b, a}));
  EXPECT_EQ(ids("&start_date=2026-11-30T12:00:00%2B08:00"), (Ids{b}));
  EXPECT_EQ(ids("&end_date=2026-11-30T12:00:00%2B08:00"), (Ids{a}));
  EXPECT_EQ(ids("&start_date=2026-11-30T00:00:00Z&end_date=2026-11-30T02:00:00Z"), (Ids{a}));
  // The resolved one reads as closed, with what the community fed back.
  const Json resolved = get("/requests/" + a + ".json?api_key=" + key).json()[0];
  EXPECT_EQ(resolved["status"], "closed");
  EXPECT_EQ(resolved["status_notes"], "已办结：已联系维保单位，电梯恢复运行");
  EXPECT_TRUE(resolved["expected_datetime"].is_null());
  // XML lists the same.
  std::vector<std::string> xml_ids;
  const Tree listed_xml = parse_xml(get("/requests.xml?api_key=" + key));
  for (const auto& [name, r] : listed_xml.get_child("service_requests")) {
    EXPECT_EQ(name, "request");
    xml_ids.push_back(r.get<std::string>("service_request_id"));
  }
  EXPECT_EQ(xml_ids, (Ids{b, a}));
  // Bad filters, all at once.
  const auto bad =
      get("/requests.json?api_key=" + key +
          "&status=fixed&start_date=yesterday&service_code=nothing&service_request_id=x");
  EXPECT_EQ(bad.status, 400);
  const auto errors = errors_of(bad);
  for (const char* field : {"status", "start_date", "service_code", "service_request_id"}) {
    EXPECT_TRUE(names(errors, field)) << field << ": " << bad.body;
  }
  const auto long_span = get("/requests.json?api_key=" + key +
                             "&start_date=2026-01-01T00:00:00Z&end_date=2026-11-30T00:00:00Z");
  EXPECT_EQ(long_span.status, 400);
  EXPECT_TRUE(names(errors_of(long_span), "end_date"));
  const auto no_zone = get("/requests.json?api_key=" + key + "&start_date=2026-11-30T00:00:00");
  EXPECT_EQ(no_zone.status, 400);
  // By default the last 90 days: a hundred days on, nothing.
  clock_.advance(std::chrono::days(100));
  EXPECT_EQ(ids(""), Ids{});
  EXPECT_EQ(ids("&start_date=2026-11-29T00:00:00Z"), (Ids{b, a}));
  // Each list a machine read is in the audit log.
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.case.bulk_read'"), 15);
}

TEST_P(Open311ApiTest, ServiceRequestUpdatesFollowEveryStep) {
  const std::string key = key_for(kCommunity);
  const auto created = post("json", elevator(key));
  ASSERT_EQ(created.status, 201);
  const std::string id = created.json()[0]["service_request_id"];
  auto staff = as("changjiaxiang");
  int64_t version = 1;
  for (const auto& [action, note] : std::vector<std::pair<std::string, std::string>>{
           {"accept", ""}, {"start", ""}, {"resolve", "电梯已修复"}}) {
    clock_.advance(std::chrono::minutes(10));
    const auto done =
        staff->send_json("POST", "/api/v1/requests/" + id + "/steps",
                         Json{{"action", action}, {"version", version}, {"note", note}}.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    version = done.json()["case"]["version"];
  }
  const auto json = get("/servicerequestupdates.json?api_key=" + key);
  ASSERT_EQ(json.status, 200) << json.body;
  const Json updates = json.json()["service_request_updates"];
  ASSERT_EQ(updates.size(), 4u);
  std::vector<std::string> statuses;
  for (const Json& u : updates) {
    EXPECT_EQ(u["service_request_id"], id);
    EXPECT_FALSE(u["update_id"].get<std::string>().empty());
    EXPECT_TRUE(u["updated_datetime"].get<std::string>().ends_with("+08:00"));
    statuses.push_back(u["status"]);
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"OPEN", "INVESTIGATING", "IN_PROGRESS", "FIXED"}));
  EXPECT_EQ(updates[3]["description"], "办结：电梯已修复");
  EXPECT_EQ(updates[3]["updated_datetime"], "2026-11-30T09:30:00+08:00");
  // A period: only the steps in it.
  const auto later =
      get("/servicerequestupdates.json?api_key=" + key + "&start_date=2026-11-30T09:15:00%2B08:00");
  EXPECT_EQ(later.json()["service_request_updates"].size(), 2u);
  // XML: mySociety's element names.
  std::vector<std::string> xml_statuses;
  const Tree updates_xml = parse_xml(get("/servicerequestupdates.xml?api_key=" + key));
  for (const auto& [name, u] : updates_xml.get_child("service_requests_updates")) {
    EXPECT_EQ(name, "request_update");
    xml_statuses.push_back(u.get<std::string>("status"));
  }
  EXPECT_EQ(xml_statuses, statuses);
  // Another community's key sees none of them.
  EXPECT_EQ(get("/servicerequestupdates.json?api_key=" + key_for(kSiblingCommunity))
                .json()["service_request_updates"],
            Json::array());
}

INSTANTIATE_TEST_SUITE_P(Backends, Open311ApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
