// Disaster incident reports (灾情报送) through the API, on both databases: communities report,
// correct (续报) and read their own; the street and the city read the totals of their subtree by
// kind and child unit over a period; a toll that does not add up, a time in the future, a stale
// correction and another community's report are refused with their reasons.
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

INSTANTIATE_TEST_SUITE_P(Backends, ReadinessApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
