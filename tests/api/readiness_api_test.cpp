// Disaster incident reports (灾情报送) through the API, on both databases: communities report,
// correct (续报) and read their own; the street and the city read the totals of their subtree by
// kind and child unit over a period; a toll that does not add up, a time in the future, a stale
// correction and another community's report are refused with their reasons. Emergency supplies
// (应急物资): registered, changed at a version, removed; the expiry list and the to-do; drills
// (应急演练) planned and held, with this year's counts; bad input refused with every reason.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/small_stack.hpp"
#include "auth/accounts.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kNeighbour = "620102001002";  // 雁园社区, the same street
constexpr const char* kStreet = "620102001000";     // 酒泉路街道
constexpr const char* kGrid = "620102001001001";    // wangge1's grid
constexpr const char* kIncidents = "/api/v1/readiness/incidents";
constexpr const char* kSupplies = "/api/v1/readiness/supplies";
constexpr const char* kExpiring = "/api/v1/readiness/supplies/expiring";
constexpr const char* kDrills = "/api/v1/readiness/drills";
constexpr const char* kTodoExpiring = "readiness.supplies.expiring";
constexpr const char* kPassword = "Matrix#Shequ2026x";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

class ReadinessApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
    auth::NewUser neighbour{
        "neighbour", "雁园社区 工作者", kNeighbour, kPassword, {{"community_worker", kNeighbour}},
        false};
    ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(neighbour));
    neighbour_ = as("neighbour", kPassword);
  }
  Json incident(const std::string& unit, const std::string& kind, std::chrono::hours ago,
                int affected, int injured, int dead, int missing) const {
    return {{"unit", unit},
            {"kind", kind},
            {"occurredAt", format_timestamp(clock_.now() - ago)},
            {"place", "低洼院落"},
            {"affected", affected},
            {"injured", injured},
            {"dead", dead},
            {"missing", missing},
            {"housesDamaged", 3},
            {"needs", "沙袋 100 个"}};
  }
  int64_t reported(HttpClient& client, const Json& body) {
    const auto made = client.send_json("POST", kIncidents, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }

  static Json supply(const std::string& unit, const std::string& name, int quantity,
                     const std::string& expires_on) {
    Json body{{"unit", unit},         {"name", name},    {"category", "water"},
              {"quantity", quantity}, {"measure", "箱"}, {"place", "服务站储藏室"}};
    if (!expires_on.empty()) body["expiresOn"] = expires_on;
    return body;
  }
  static Json drill(const std::string& unit, const std::string& held_on, const std::string& status,
                    const std::string& scenario, int participants) {
    return {{"unit", unit},
            {"heldOn", held_on},
            {"status", status},
            {"scenario", scenario},
            {"participants", participants},
            {"place", "社区广场"}};
  }
  Json created(HttpClient& client, const std::string& path, const Json& body) {
    const auto made = client.send_json("POST", path, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  }
  // The count of a kind of to-do for `client`; -1 when it is not shown.
  static int64_t todo(HttpClient& client, const std::string& code) {
    const auto reply = client.get("/api/v1/workbench/todos");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const Json body = reply.json();
    for (const Json& item : body["items"]) {
      if (item["code"] == code) return item["count"].get<int64_t>();
    }
    return -1;
  }
  static std::vector<std::string> names_of(const HttpResult& page) {
    std::vector<std::string> names;
    const Json body = page.json();
    for (const Json& item : body["items"]) names.push_back(item["name"]);
    return names;
  }

  std::unique_ptr<HttpClient> community_;
  std::unique_ptr<HttpClient> neighbour_;
};

TEST_P(ReadinessApiTest, ReportsAreCorrectedAndAddUpForTheUnitsAbove) {
  // 2026-11-30 is the tests' today: a flood yesterday, hail in March, a flood last year.
  const int64_t flood =
      reported(*community_, incident(kCommunity, "flood", std::chrono::hours(24), 36, 0, 0, 0));
  reported(*community_, incident(kCommunity, "hail", std::chrono::hours(24 * 250), 12, 1, 0, 0));
  reported(*neighbour_, incident(kNeighbour, "flood", std::chrono::hours(48), 20, 2, 1, 1));
  reported(*community_, incident(kCommunity, "flood", std::chrono::hours(24 * 400), 99, 0, 0, 0));
  // The grid worker reports for their grid, in the field; the community sees it among its own.
  auto worker = as("wangge1");
  reported(*worker, incident(kGrid, "hail", std::chrono::hours(30), 4, 0, 0, 0));
  EXPECT_EQ(worker->get(kIncidents).json()["total"], 1) << "their grid's";

  // 续报: the count firms up; a stale one is refused; the unit stays.
  Json later = incident(kCommunity, "flood", std::chrono::hours(24), 48, 1, 0, 0);
  later["version"] = 1;
  const auto corrected =
      community_->send_json("PUT", fmt::format("{}/{}", kIncidents, flood), later.dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.json()["affected"], 48);
  EXPECT_EQ(corrected.json()["version"], 2);
  EXPECT_EQ(corrected.json()["kindLabel"], "洪涝");
  EXPECT_EQ(
      community_->send_json("PUT", fmt::format("{}/{}", kIncidents, flood), later.dump()).status,
      409);
  later["version"] = 2;
  later["unit"] = kNeighbour;
  EXPECT_EQ(
      neighbour_->send_json("PUT", fmt::format("{}/{}", kIncidents, flood), later.dump()).status,
      404)
      << "another community's report is not there for them";
  EXPECT_EQ(neighbour_->get(fmt::format("{}/{}", kIncidents, flood)).status, 404);
  EXPECT_EQ(neighbour_->get(kIncidents).json()["total"], 1);
  EXPECT_EQ(community_->get(kIncidents).json()["total"], 4);

  // The street this year: 48 + 12 + 4 + 20 affected, by kind and by community.
  auto city = as("lanzhou");
  const auto summary = city->get(fmt::format("{}/summary?unit={}", kIncidents, kStreet));
  ASSERT_EQ(summary.status, 200) << summary.body;
  const Json s = summary.json();
  EXPECT_EQ(s["from"], "2026-01-01");
  EXPECT_EQ(s["to"], "2026-11-30");
  EXPECT_EQ(s["total"], (Json{{"incidents", 4},
                              {"affected", 84},
                              {"injured", 4},
                              {"dead", 1},
                              {"missing", 1},
                              {"housesDamaged", 12}}));
  std::map<std::string, int64_t> by_kind;
  for (const Json& k : s["kinds"]) by_kind[k["kind"].get<std::string>()] = k["affected"];
  EXPECT_EQ(by_kind, (std::map<std::string, int64_t>{{"flood", 68}, {"hail", 16}}));
  std::map<std::string, int64_t> by_child;
  for (const Json& c : s["children"]) by_child[c["unit"].get<std::string>()] = c["incidents"];
  EXPECT_EQ(by_child.at(kCommunity), 3) << "the grid's report among the community's";
  EXPECT_EQ(by_child.at(kNeighbour), 1);
  // A period: the last week only.
  const Json week = city->get(fmt::format("{}/summary?unit={}&from=2026-11-23&to=2026-11-30",
                                          kIncidents, kStreet))
                        .json();
  EXPECT_EQ(week["total"]["incidents"], 3);
  EXPECT_EQ(week["total"]["affected"], 72);
  // The list filters the same way, and its Excel download is audited.
  EXPECT_EQ(city->get(fmt::format("{}?kind=flood&from=2026-01-01", kIncidents)).json()["total"], 2);
  EXPECT_EQ(city->get(fmt::format("{}.xlsx?unit={}", kIncidents, kStreet)).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'readiness.incident.correct'"), 1);
}

TEST_P(ReadinessApiTest, ATollThatDoesNotAddUpIsRefusedWithEveryReason) {
  struct Case {
    const char* what;
    Json body;
    std::set<std::string> fields;
  };
  Json future = incident(kCommunity, "flood", std::chrono::hours(-2), 5, 0, 0, 0);
  Json empty_place = incident(kCommunity, "flood", std::chrono::hours(1), 5, 0, 0, 0);
  empty_place["place"] = " ";
  const Json everything = incident(kCommunity, "flood", std::chrono::hours(-2), 3, 4, 5, 0);
  const std::vector<Case> cases{
      {"more dead than affected",
       incident(kCommunity, "flood", std::chrono::hours(1), 2, 0, 3, 0),
       {"dead"}},
      {"injured, dead and missing above the affected",
       incident(kCommunity, "earthquake", std::chrono::hours(1), 5, 2, 2, 2),
       {"affected"}},
      {"a time in the future", future, {"occurredAt"}},
      {"no place", empty_place, {"place"}},
      {"an unknown kind",
       incident(kCommunity, "meteor", std::chrono::hours(1), 5, 0, 0, 0),
       {"kind"}},
      {"a negative count",
       incident(kCommunity, "flood", std::chrono::hours(1), -1, 0, 0, 0),
       {"affected"}},
      {"everything at once", everything, {"occurredAt", "injured", "dead"}},
  };
  for (const Case& c : cases) {
    const auto out = community_->send_json("POST", kIncidents, c.body.dump());
    EXPECT_EQ(out.status, 400) << c.what << ": " << out.body;
    EXPECT_EQ(fields_of(out), c.fields) << c.what << ": " << out.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM readiness_incident"), 0) << "nothing stored";
  // Another community's unit is not there.
  EXPECT_EQ(neighbour_
                ->send_json("POST", kIncidents,
                            incident(kCommunity, "flood", std::chrono::hours(1), 5, 0, 0, 0).dump())
                .status,
            404);
}

TEST_P(ReadinessApiTest, SuppliesAreKeptAndTheExpiryListPutsTheSoonestFirst) {
  // Today is 2026-11-30: water expired ten days ago, noodles expire in ten days, the medicine next
  // summer; tents do not expire; the biscuits are used up.
  const Json water =
      created(*community_, kSupplies, supply(kCommunity, "矿泉水", 40, "2026-11-20"));
  Json noodles = supply(kCommunity, "方便面", 30, "2026-12-10");
  noodles["category"] = "food";
  created(*community_, kSupplies, noodles);
  created(*community_, kSupplies, supply(kCommunity, "急救包", 15, "2027-06-01"));
  Json tents = supply(kCommunity, "救灾帐篷", 6, "");
  tents["category"] = "shelter";
  tents["measure"] = "顶";
  created(*community_, kSupplies, tents);
  created(*community_, kSupplies, supply(kCommunity, "饼干", 0, "2026-12-01"));
  created(*neighbour_, kSupplies, supply(kNeighbour, "桶装水", 10, "2026-12-05"));
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(water["expiry"], "expired");
  EXPECT_EQ(water["daysLeft"], -10);
  EXPECT_EQ(water["categoryLabel"], "饮用水");

  // The community's list, its filters, and the expiry list: soonest first, the used-up left out.
  EXPECT_EQ(community_->get(kSupplies).json()["total"], 5);
  EXPECT_EQ(community_->get(std::string(kSupplies) + "?category=water").json()["total"], 3);
  EXPECT_EQ(names_of(community_->get(std::string(kSupplies) + "?expiry=expired")),
            (std::vector<std::string>{"矿泉水"}));
  EXPECT_EQ(names_of(community_->get(std::string(kSupplies) + "?expiry=expiring&days=365")),
            (std::vector<std::string>{"矿泉水", "方便面", "急救包"}));
  const auto expiring = community_->get(kExpiring);
  ASSERT_EQ(expiring.status, 200) << expiring.body;
  EXPECT_EQ(names_of(expiring), (std::vector<std::string>{"矿泉水", "方便面"}));
  EXPECT_EQ(expiring.json()["items"][1]["expiry"], "expiring");
  EXPECT_EQ(expiring.json()["items"][1]["daysLeft"], 10);
  // The city sees the street's: the neighbour's water between the two.
  auto city = as("lanzhou");
  EXPECT_EQ(names_of(city->get(fmt::format("{}?unit={}", kExpiring, kStreet))),
            (std::vector<std::string>{"矿泉水", "桶装水", "方便面"}));
  EXPECT_EQ(city->get(fmt::format("{}.xlsx?unit={}", kSupplies, kStreet)).status, 200);
  // The workbench counts them for those who keep the stores.
  EXPECT_EQ(todo(*community_, kTodoExpiring), 2);
  EXPECT_EQ(todo(*neighbour_, kTodoExpiring), 1);

  // The expired water is replaced: a later expiry at the version read; a stale change is refused.
  const std::string item = fmt::format("{}/{}", kSupplies, water["id"].get<int64_t>());
  Json replaced = supply(kCommunity, "矿泉水", 40, "2027-11-20");
  replaced["version"] = 1;
  const auto changed = community_->send_json("PUT", item, replaced.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(changed.json()["expiry"], "ok");
  EXPECT_EQ(community_->send_json("PUT", item, replaced.dump()).status, 409);
  EXPECT_EQ(todo(*community_, kTodoExpiring), 1);

  // Another community's item is not there for them, whatever they try; nor is its unit.
  replaced["version"] = 2;
  EXPECT_EQ(neighbour_->get(item).status, 404);
  EXPECT_EQ(neighbour_->send_json("PUT", item, replaced.dump()).status, 404);
  EXPECT_EQ(neighbour_->request("DELETE", item + "?version=2").status, 404);
  EXPECT_EQ(neighbour_->get(fmt::format("{}?unit={}", kSupplies, kCommunity)).status, 404);
  EXPECT_EQ(neighbour_->get(fmt::format("{}?unit={}", kExpiring, kCommunity)).status, 404);
  EXPECT_EQ(neighbour_->send_json("POST", kSupplies, supply(kCommunity, "水", 1, "").dump()).status,
            404);

  // Removed at the version read; the audit log keeps its history.
  EXPECT_EQ(community_->request("DELETE", item + "?version=1").status, 409);
  EXPECT_EQ(community_->request("DELETE", item + "?version=2").status, 204);
  EXPECT_EQ(community_->get(item).status, 404);
  EXPECT_EQ(community_->get(kSupplies).json()["total"], 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'supply' AND object_id = $1",
                  {std::to_string(water["id"].get<int64_t>())}),
            3);
}

TEST_P(ReadinessApiTest, BadSuppliesAreRefusedWithEveryReason) {
  struct Case {
    const char* what;
    Json body;
    std::set<std::string> fields;
  };
  Json blank_name = supply(kCommunity, " ", 1, "");
  Json unknown = supply(kCommunity, "水", 1, "");
  unknown["category"] = "gold";
  const std::vector<Case> cases{
      {"a quantity below zero", supply(kCommunity, "水", -1, ""), {"quantity"}},
      {"an expiry that is not a date", supply(kCommunity, "水", 1, "2026-02-30"), {"expiresOn"}},
      {"no name", supply(kCommunity, "", 1, ""), {"name"}},
      {"a blank name", blank_name, {"name"}},
      {"an unknown category", unknown, {"category"}},
      {"a grid's store", supply(kGrid, "水", 1, ""), {"unit"}},
      {"everything at once", supply(kCommunity, "", -3, "soon"), {"name", "quantity", "expiresOn"}},
  };
  for (const Case& c : cases) {
    const auto out = community_->send_json("POST", kSupplies, c.body.dump());
    EXPECT_EQ(out.status, 400) << c.what << ": " << out.body;
    EXPECT_EQ(fields_of(out), c.fields) << c.what << ": " << out.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM readiness_supply"), 0) << "nothing stored";
}

TEST_P(ReadinessApiTest, DrillsArePlannedHeldAndCountedForTheYear) {
  // Today is 2026-11-30.
  const Json fire =
      created(*community_, kDrills, drill(kCommunity, "2026-11-10", "done", "fire", 120));
  const Json quake =
      created(*community_, kDrills, drill(kCommunity, "2026-12-20", "planned", "earthquake", 0));
  created(*community_, kDrills, drill(kCommunity, "2025-10-01", "done", "flood", 80));
  created(*neighbour_, kDrills, drill(kNeighbour, "2026-06-01", "done", "flood", 50));
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(fire["scenarioLabel"], "消防");
  EXPECT_EQ(quake["statusLabel"], "计划");

  const auto mine = community_->get(kDrills);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["total"], 3);
  EXPECT_EQ(mine.json()["items"][0]["heldOn"], "2026-12-20") << "the latest date first";
  EXPECT_EQ(mine.json()["thisYear"],
            (Json{{"year", 2026}, {"done", 1}, {"planned", 1}, {"participants", 120}}));
  auto city = as("lanzhou");
  const Json street = city->get(fmt::format("{}?unit={}&status=done", kDrills, kStreet)).json();
  EXPECT_EQ(street["total"], 3);
  EXPECT_EQ(street["thisYear"],
            (Json{{"year", 2026}, {"done", 2}, {"planned", 1}, {"participants", 170}}));
  EXPECT_EQ(city->get(fmt::format("{}?scenario=flood&from=2026-01-01", kDrills)).json()["total"],
            1);

  // The planned drill is held early, at the version read; a stale change is refused; a drill
  // held cannot be dated after today.
  const std::string item = fmt::format("{}/{}", kDrills, quake["id"].get<int64_t>());
  Json held = drill(kCommunity, "2026-11-29", "done", "earthquake", 90);
  held["summary"] = "疏散用时 6 分钟";
  held["version"] = 1;
  const auto changed = community_->send_json("PUT", item, held.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(community_->send_json("PUT", item, held.dump()).status, 409);
  held["version"] = 2;
  held["heldOn"] = "2026-12-01";
  const auto future = community_->send_json("PUT", item, held.dump());
  EXPECT_EQ(future.status, 400) << future.body;
  EXPECT_EQ(fields_of(future), (std::set<std::string>{"heldOn"}));
  EXPECT_EQ(community_->get(kDrills).json()["thisYear"]["participants"], 210);

  // Another community's drill is not there for them.
  held["heldOn"] = "2026-11-29";
  EXPECT_EQ(neighbour_->get(item).status, 404);
  EXPECT_EQ(neighbour_->send_json("PUT", item, held.dump()).status, 404);
  EXPECT_EQ(neighbour_->get(fmt::format("{}?unit={}", kDrills, kCommunity)).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'readiness.drill.update'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'readiness.drill.create'"), 4);
}

TEST_P(ReadinessApiTest, BadDrillsAreRefusedWithEveryReason) {
  struct Case {
    const char* what;
    Json body;
    std::set<std::string> fields;
  };
  Json no_place = drill(kCommunity, "2026-11-01", "done", "fire", 10);
  no_place["place"] = " ";
  // The contract's reasons together; the service's together (a grid holds none, and not ahead).
  Json everything = drill(kCommunity, "2026-11-31", "done", "fire", -1);
  everything["place"] = " ";
  const std::vector<Case> cases{
      {"held in the future", drill(kCommunity, "2026-12-01", "done", "fire", 10), {"heldOn"}},
      {"fewer than nobody", drill(kCommunity, "2026-11-01", "done", "fire", -1), {"participants"}},
      {"not a date", drill(kCommunity, "2026-11-31", "planned", "fire", 0), {"heldOn"}},
      {"no place", no_place, {"place"}},
      {"an unknown scenario", drill(kCommunity, "2026-11-01", "done", "zombies", 5), {"scenario"}},
      {"a grid's drill", drill(kGrid, "2026-11-01", "done", "fire", 5), {"unit"}},
      {"everything at once", everything, {"heldOn", "participants", "place"}},
      {"every rule at once", drill(kGrid, "2026-12-01", "done", "fire", 5), {"unit", "heldOn"}},
  };
  for (const Case& c : cases) {
    const auto out = community_->send_json("POST", kDrills, c.body.dump());
    EXPECT_EQ(out.status, 400) << c.what << ": " << out.body;
    EXPECT_EQ(fields_of(out), c.fields) << c.what << ": " << out.body;
  }
  // A planned drill may lie ahead.
  EXPECT_EQ(
      community_
          ->send_json("POST", kDrills, drill(kCommunity, "2027-03-01", "planned", "gas", 0).dump())
          .status,
      201);
  EXPECT_EQ(count("SELECT COUNT(*) FROM readiness_drill"), 1) << "only the planned one stored";
  EXPECT_EQ(
      neighbour_
          ->send_json("POST", kDrills, drill(kCommunity, "2026-11-01", "done", "fire", 5).dump())
          .status,
      404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReadinessApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
