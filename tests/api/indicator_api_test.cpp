// The plan's indicators through the API, on a small hand-made province whose every figure is
// worked out by hand below: each formula's numerator and denominator at a community, a township,
// a county and the province; the dated hierarchy; entry, approval, locking and unapproval; scope
// and bad input. Both databases.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "api/hand_made_province.hpp"
#include "audit/audit_log.hpp"
#include "indicator/engine.hpp"
#include "jobs/job_runner.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

class IndicatorApiTest : public HandMadeProvinceTest {};

// Each indicator's numerator and denominator, worked out by hand from the facilities and figures
// above, for 2025 (C3's facility closed in 2024, V3's is being built, X1 is a virtual village).
struct Expected {
  const char* indicator;
  const char* unit;
  double numerator;
  double denominator;
};

TEST_P(IndicatorApiTest, EveryFormulaRollsUpAsWorkedOutByHand) {
  const std::vector<Expected> cases{
      // 1: villages V1, V2, V3 (not X1); only V1's facility stands.
      {"1", kProvince, 1, 3},
      {"1", kYongdeng, 1, 3},
      {"1", kTown, 1, 2},
      {"1", kLiushu, 0, 1},
      // 2: communities C1-C4 and Jiayuguan's; C1, C2, C4 have one standing.
      {"2", kProvince, 3, 5},
      {"2", kChengguan, 2, 3},
      {"2", kC1, 1, 1},
      // 3: comprehensive floor 600 + 300 + 250 + 200 + 100, others' service area
      // 150 + 80 + 60 + 20 (township institutions 0), over all building areas.
      {"3", kProvince, 1760, 250000},
      {"3", kChengguan, 600 + 300 + 150 + 80, 170000},
      // 4: comprehensive floor over households.
      {"4", kProvince, 1450, 5150},
      {"4", kYongdeng, 550, 1650},
      {"4", kC1, 600, 2000},
      // 5: activity over floor of comprehensive facilities.
      {"5", kProvince, 400 + 150 + 160 + 130 + 70, 1450},
      // 6: self-service in C1.
      {"6", kProvince, 1, 5},
      // 8: of five comprehensive facilities, C1's and V1's have volunteer stations.
      {"8", kProvince, 2, 5},
      // 9, 11, 13: five townships; 城关镇 has the station and the institution, 酒泉路 the
      // minors' station.
      {"9", kProvince, 1, 5},
      {"9", kTown, 1, 1},
      {"11", kProvince, 1, 5},
      {"13", kChengguan, 1, 2},
      // 10: C1 has meal aid and home care; C3 only a canteen.
      {"10", kProvince, 1, 5},
      // 16: C2's childcare; 17: affordable places over places.
      {"16", kProvince, 1, 5},
      {"17", kProvince, 120, 180},
      // 18: V1's clinic; 19.1 C2's legal house service; 19.2 V3's legal house.
      {"18", kProvince, 1, 3},
      {"19.1", kProvince, 1, 5},
      {"19.2", kProvince, 1, 3},
      // 21: proxy services in C1 and C4, over the eight villages and communities.
      {"21", kProvince, 2, 8},
      // 23: open eight hours every day: C1, C4, V1, X1 (C2 closes at weekends).
      {"23", kProvince, 4, 5},
      // 30: elderly-care land (canteen 500, institution 2000) over residents.
      {"30", kProvince, 2500, 13200},
      {"30", kYongdeng, 2000, 4500},
  };
  std::set<std::string> ids, units;
  for (const Expected& c : cases) {
    ids.insert(c.indicator);
    units.insert(c.unit);
  }
  std::string query = "periods=2025&indicators=";
  for (const std::string& id : ids) query += id + ",";
  query.pop_back();
  query += "&units=";
  for (const std::string& unit : units) query += unit + ",";
  query.pop_back();
  const auto rows = analytics(*province_, query);
  for (const Expected& c : cases) {
    SCOPED_TRACE(std::string(c.indicator) + " at " + c.unit);
    const auto found = rows.find(std::string(c.indicator) + "@" + c.unit + "@2025");
    ASSERT_NE(found, rows.end());
    const Json& row = found->second;
    ASSERT_FALSE(row["value"].is_null()) << row;
    EXPECT_DOUBLE_EQ(row["numerator"].get<double>(), c.numerator);
    EXPECT_DOUBLE_EQ(row["denominator"].get<double>(), c.denominator);
    const double scale = std::string(c.indicator) == "30" ? 1 : 100;  // m² per resident
    EXPECT_NEAR(row["value"].get<double>(), c.numerator / c.denominator * scale, 1e-9);
    EXPECT_EQ(row["source"], "computed");
  }
  // C1 meets 30 m² per 100 households exactly; the province does not, and 2025 is the last year.
  EXPECT_EQ(rows.at(std::string("4@") + kC1 + "@2025")["status"], "met");
  EXPECT_EQ(rows.at(std::string("4@") + kProvince + "@2025")["status"], "at_risk");
}

TEST_P(IndicatorApiTest, PeriodsCountWhatStoodOnTheirLastDay) {
  const auto rows = analytics(*province_, std::string("indicators=2,11,16,18&units=") + kProvince +
                                              "," + kTown + "&periods=2020,2023,2024,2024Q3,2025");
  // C3's facility closed on 2024-06-30: it counts in 2023, not in 2024's third quarter.
  EXPECT_EQ(rows.at(std::string("2@") + kProvince + "@2023")["numerator"], 4);
  EXPECT_EQ(rows.at(std::string("2@") + kProvince + "@2024Q3")["numerator"], 3);
  // The institution opened in 2022, the childcare in 2021.
  EXPECT_EQ(rows.at(std::string("11@") + kProvince + "@2020")["numerator"], 0);
  EXPECT_EQ(rows.at(std::string("16@") + kProvince + "@2020")["numerator"], 0);
  EXPECT_EQ(rows.at(std::string("16@") + kProvince + "@2023")["numerator"], 1);
  // Figures of 2025 only: earlier years have no households, so no figure per household.
  // The town's clinic opened in 2024: half its villages, up from none, and 100 % by 2025 if kept
  // up: on track.
  const Json& clinics = rows.at(std::string("18@") + kTown + "@2024");
  EXPECT_DOUBLE_EQ(clinics["value"].get<double>(), 50.0);
  EXPECT_EQ(clinics["status"], "on_track");
  EXPECT_EQ(rows.at(std::string("18@") + kTown + "@2023")["status"], "at_risk");
}

TEST_P(IndicatorApiTest, AVillageMovedKeepsItsPastUnderItsFormerTownship) {
  std::istringstream moved(
      "code,name,level,level_name,parent_code,unit_type,urban_rural_code,urban_rural_name\n"
      "620121100202,西村村委会,5,村级,620121200000,村委会,220,村庄\n");
  ASSERT_TRUE(services_->org().import_divisions(moved, "2026-01-01", audit::operator_who()));
  const auto rows = analytics(*official_, std::string("indicators=1&units=") + kTown + "," +
                                              kLiushu + "&periods=2025,2026");
  EXPECT_EQ(rows.at(std::string("1@") + kTown + "@2025")["denominator"], 2);
  EXPECT_EQ(rows.at(std::string("1@") + kLiushu + "@2025")["denominator"], 1);
  EXPECT_EQ(rows.at(std::string("1@") + kTown + "@2026")["denominator"], 1);
  EXPECT_EQ(rows.at(std::string("1@") + kLiushu + "@2026")["denominator"], 2);
}

TEST_P(IndicatorApiTest, RelativeSelectionsRankSiblingsBestFirst) {
  const auto answer = official_->get(
      std::string("/api/v1/analytics?indicators=4&periods=2025&units=") + kLanzhou + ",CHILDREN");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const Json body = answer.json();
  ASSERT_EQ(body["rows"].size(), 2u) << body;
  std::map<std::string, Json> by_unit;
  for (const Json& row : body["rows"]) by_unit[row["unit"].get<std::string>()] = row;
  // 永登县 550 / 1650 beats 城关区 900 / 3500.
  EXPECT_EQ(by_unit.at(kYongdeng)["rank"], 1);
  EXPECT_EQ(by_unit.at(kChengguan)["rank"], 2);
  EXPECT_EQ(by_unit.at(kChengguan)["ranked"], 2);
  EXPECT_EQ(body["metaData"]["units"][kYongdeng]["name"], "永登县");
  EXPECT_EQ(body["metaData"]["units"][kYongdeng]["path"][0]["name"], "兰州市");

  const auto level5 = official_->get(
      std::string("/api/v1/analytics?indicators=2&periods=2025&units=") + kYongdeng + ",LEVEL-5");
  ASSERT_EQ(level5.status, 200) << level5.body;
  std::set<std::string> units;
  const Json level5_rows = level5.json()["rows"];
  for (const Json& row : level5_rows) units.insert(row["unit"].get<std::string>());
  EXPECT_EQ(units, (std::set<std::string>{kC4, kV1, kV2, kV3, kX1}));
}

TEST_P(IndicatorApiTest, AChangedFactIsCountedAgainForItsAncestorsOnly) {
  const std::string query = std::string("indicators=4&periods=2025&units=") + kProvince;
  EXPECT_DOUBLE_EQ(analytics(*province_, query).begin()->second["numerator"].get<double>(), 1450);
  const auto before = engine().counters();

  const std::string self = "/api/v1/facilities/" + std::to_string(ids_[0]);
  Json changed = official_->get(self).json()["facility"];
  Json body =
      facility(kC1, "comprehensive", 700, 400, 60, week("08:00-18:00", true),
               {"volunteer_station", "meal_aid", "home_care", "gov_self_service", "gov_proxy"});
  body["version"] = changed["version"];
  const auto saved = official_->send_json("PUT", self, body.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;

  EXPECT_DOUBLE_EQ(analytics(*province_, query).begin()->second["numerator"].get<double>(), 1550);
  const auto after = engine().counters();
  EXPECT_EQ(after.full_counts, before.full_counts) << "no full count for one change";
  // One unit in each period held: 2025, and 2024 for its trend.
  EXPECT_EQ(after.units_recounted, before.units_recounted + 2);
}

// The nightly recount (indicator.recount, a job of the job runner) finds what the change logs did
// not carry, a figure mended by hand in the database, and has the engine count everything again.
TEST_P(IndicatorApiTest, TheRecountJobFindsAndMendsWhatTheLogsDidNotCarry) {
  auto& runner = services_->service<jobs::JobRunner>();
  // The scheduled run queued when the server started may still be going: let it finish first.
  for (int i = 0; i < 1000 && *runner.count_active("indicator.recount", std::nullopt) > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(*runner.count_active("indicator.recount", std::nullopt), 0);
  const std::string query = std::string("indicators=4&periods=2025&units=") + kC1;
  const std::string key = std::string("4@") + kC1 + "@2025";
  ASSERT_EQ(analytics(*official_, query).at(key)["denominator"], 2000);
  ASSERT_TRUE(services_->database().write([](storage::Session& s) -> Status {
    const std::vector<storage::Value> params{std::string(kC1)};
    SHEQU_TRY(s.execute(
        "UPDATE unit_figure SET households = 4000 WHERE unit_code = $1 AND year = 2025", params));
    return {};
  }));
  EXPECT_EQ(analytics(*official_, query).at(key)["denominator"], 2000)
      << "no change log entry: the engine cannot know yet";

  const auto run = [&] {
    const auto job = runner.submit({.kind = "indicator.recount", .unit_code = kProvince});
    EXPECT_TRUE(job);
    Json shown;
    for (int i = 0; job && i < 1000; ++i) {
      shown = province_->get("/api/v1/jobs/" + std::to_string(job->id)).json();
      if (shown["state"] == "done" || shown["state"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(shown["state"], "done") << shown.dump();
    return shown["result"];
  };
  const Json found = run();
  EXPECT_EQ(found["periods"], Json({"2025", "2026"}));
  // 畅家巷社区 and everything above it (酒泉路街道, 城关区, 兰州市, 甘肃省), in 2025 and in 2026,
  // which counts 2025's figures until 2026's are entered.
  EXPECT_EQ(found["differing"], 10) << found.dump();
  EXPECT_GT(found["units"], 20);
  EXPECT_EQ(analytics(*official_, query).at(key)["denominator"], 4000);
  EXPECT_EQ(run()["differing"], 0) << "counted again, the engine agrees with the database";
}

TEST_P(IndicatorApiTest, AValueIsEnteredApprovedFromAboveLockedAndUnapproved) {
  auto worker = as("changjiaxiang");  // 畅家巷社区
  auto county = as("chengguan");      // 城关区
  const std::string value = std::string("/api/v1/indicators/12/values/") + kC1 + "/202510";

  const auto entered =
      worker->send_json("PUT", value, R"({"numerator":8,"denominator":10,"version":0})");
  ASSERT_EQ(entered.status, 200) << entered.body;
  EXPECT_EQ(entered.json()["state"], "entered");
  const auto rows =
      analytics(*worker, std::string("indicators=12&units=") + kC1 + "&periods=202510");
  const Json& row = rows.at(std::string("12@") + kC1 + "@202510");
  EXPECT_DOUBLE_EQ(row["value"].get<double>(), 80.0);
  EXPECT_EQ(row["source"], "entered");

  // A community worker may not approve; the county approves from above.
  EXPECT_EQ(worker->send_json("POST", value + "/approve", R"({"version":1})").status, 403);
  const auto approved = county->send_json("POST", value + "/approve", R"({"version":1})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "approved");
  EXPECT_EQ(approved.json()["approvedBy"], "chengguan");

  // Locked: no correction until it is unapproved.
  const auto locked =
      worker->send_json("PUT", value, R"({"numerator":9,"denominator":10,"version":2})");
  EXPECT_EQ(locked.status, 409) << locked.body;
  const auto unapproved = county->send_json("POST", value + "/unapprove", R"({"version":2})");
  ASSERT_EQ(unapproved.status, 200) << unapproved.body;
  const auto corrected =
      worker->send_json("PUT", value, R"({"numerator":9,"denominator":10,"version":3})");
  ASSERT_EQ(corrected.status, 200) << corrected.body;

  const auto history = worker->get(value + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  std::vector<std::string> actions;
  const Json changes = history.json()["items"];
  for (const Json& c : changes) actions.push_back(c["action"].get<std::string>());
  EXPECT_EQ(actions, (std::vector<std::string>{"enter", "unapprove", "approve", "enter"}));
  for (const char* action :
       {"indicator.value.enter", "indicator.value.approve", "indicator.value.unapprove"}) {
    EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object_id = $2",
                    {std::string(action), std::string("12/") + kC1 + "/202510"}),
              1)
        << action;
  }

  // A county's own value (indicator 27 is entered by counties) is not approved by the county.
  const std::string own = std::string("/api/v1/indicators/27/values/") + kChengguan + "/2025";
  ASSERT_EQ(
      county->send_json("PUT", own, R"({"numerator":40,"denominator":50,"version":0})").status,
      200);
  EXPECT_EQ(county->send_json("POST", own + "/approve", R"({"version":1})").status, 403);
  EXPECT_EQ(official_->send_json("POST", own + "/approve", R"({"version":1})").status, 200);
}

TEST_P(IndicatorApiTest, EnteredCountsDivideByTheFactsTheSystemHolds) {
  auto worker = as("changjiaxiang");
  const auto entered =
      worker->send_json("PUT", std::string("/api/v1/indicators/7/values/") + kC1 + "/2025",
                        R"({"numerator":12,"version":0})");
  ASSERT_EQ(entered.status, 200) << entered.body;
  const auto rows = analytics(
      *official_, std::string("indicators=7&periods=2025&units=") + kC1 + "," + kChengguan);
  // 12 workers per 5,000 urban residents; the district has 5,000 + 2,500 + 1,200.
  EXPECT_NEAR(rows.at(std::string("7@") + kC1 + "@2025")["value"].get<double>(), 24.0, 1e-9);
  EXPECT_NEAR(rows.at(std::string("7@") + kChengguan + "@2025")["value"].get<double>(),
              12.0 / 8700 * 10000, 1e-9);

  const auto entries = official_->get(std::string("/api/v1/indicators/7/entries?unit=") +
                                      kChengguan + "&period=2025");
  ASSERT_EQ(entries.status, 200) << entries.body;
  const Json items = entries.json()["items"];
  ASSERT_EQ(items.size(), 3u) << items;
  EXPECT_EQ(items[0]["unit"]["code"], kC1);
  EXPECT_EQ(items[0]["value"]["numerator"], 12);
  EXPECT_DOUBLE_EQ(items[0]["denominatorFact"].get<double>(), 5000);
  EXPECT_TRUE(items[1]["value"].is_null());
}

TEST_P(IndicatorApiTest, BadEntriesAreRefusedWithEveryReasonAndNothingWritten) {
  auto worker = as("changjiaxiang");
  const auto table = [&](const std::string& path, const std::string& body) {
    const auto answer = worker->send_json("PUT", path, body);
    std::set<std::string> fields;
    if (answer.status == 400) {
      const Json details = answer.json()["details"];
      for (const Json& d : details) fields.insert(d["field"].get<std::string>());
    }
    return std::pair(answer.status, fields);
  };
  struct Case {
    std::string path;
    std::string body;
    int status;
    std::set<std::string> fields;
  };
  const std::string c1 = kC1;
  const std::vector<Case> cases{
      // A computed indicator is not entered.
      {"/api/v1/indicators/4/values/" + c1 + "/2025",
       R"({"numerator":1,"version":0})",
       400,
       {"indicator"}},
      // More visited than there are; a year for a monthly indicator.
      {"/api/v1/indicators/12/values/" + c1 + "/2025",
       R"({"numerator":11,"denominator":10,"version":0})",
       400,
       {"period", "numerator"}},
      // A denominator the system counts itself; a period not begun.
      {"/api/v1/indicators/7/values/" + c1 + "/2027",
       R"({"numerator":3,"denominator":9,"version":0})",
       400,
       {"period", "denominator"}},
      // A yes-or-no indicator with 2; entered by townships, not communities.
      {"/api/v1/indicators/14/values/" + c1 + "/2025",
       R"({"numerator":2,"version":0})",
       400,
       {"numerator", "unitCode"}},
      // A unit outside the worker's scope is not found.
      {std::string("/api/v1/indicators/12/values/") + kC4 + "/202510",
       R"({"numerator":1,"denominator":2,"version":0})",
       404,
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path + " " + c.body);
    const auto [status, fields] = table(c.path, c.body);
    EXPECT_EQ(status, c.status);
    EXPECT_EQ(fields, c.fields);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM indicator_value"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM indicator_value_change"), 0);
}

TEST_P(IndicatorApiTest, AnalyticsRefuseBadQueriesAndUnitsOutOfScope) {
  auto worker = as("changjiaxiang");
  const auto bad = worker->get(std::string("/api/v1/analytics?indicators=4,99&units=") + kC1 +
                               ",LEVEL-9&periods=2025,2025Q5");
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::set<std::string> fields;
  const Json details = bad.json()["details"];
  for (const Json& d : details) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"indicators", "units", "periods"})) << bad.body;
  EXPECT_EQ(
      worker->get(std::string("/api/v1/analytics?indicators=4&periods=2025&units=") + kYongdeng)
          .status,
      404);
  // A worker's relative selection stays inside its own community.
  const auto rows = analytics(*worker, "indicators=4&periods=2025&units=LEVEL-5");
  EXPECT_TRUE(rows.empty()) << "a community has no units of its own level below it";
  const auto own = analytics(*worker, std::string("indicators=4&periods=2025&units=") + kC1);
  EXPECT_EQ(own.size(), 1u);
}

// The demo province (`shequ init --demo`) on the shipped divisions reproduces the plan's 2020
// column from its data.
class DemoProvinceTest : public SmallStackTest {
 protected:
  DemoProvinceTest() {
    divisions_csv_ = std::string(app::shipped_divisions_csv());
    demo_province_ = true;
  }
};

TEST_P(DemoProvinceTest, ReproducesThePlansColumnFor2020AndSpreadsBy2025) {
  auto admin = as("admin");
  const auto answer =
      admin->get("/api/v1/analytics?indicators=1,2,4,7&units=620000000000&periods=2020,2025");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const Json body = answer.json();
  std::map<std::string, Json> rows;
  for (const Json& row : body["rows"]) {
    rows[row["indicator"].get<std::string>() + "@" + row["period"].get<std::string>()] = row;
  }
  // 50 %, 100 %, 26 m², 15: exactly what the plan printed, to its precision and beyond.
  EXPECT_NEAR(rows.at("1@2020")["value"].get<double>(), 50.0, 1e-9);
  EXPECT_EQ(rows.at("1@2020")["denominator"], 15512) << "the 2022 list's villagers' committees";
  EXPECT_NEAR(rows.at("2@2020")["value"].get<double>(), 100.0, 1e-9);
  EXPECT_EQ(rows.at("2@2020")["denominator"], 2065);
  EXPECT_NEAR(rows.at("4@2020")["value"].get<double>(), 26.0, 1e-6);
  EXPECT_NEAR(rows.at("7@2020")["value"].get<double>(), 15.0, 0.001);
  // By 2025 the province has moved towards its targets.
  EXPECT_GT(rows.at("1@2025")["value"].get<double>(), 60.0);
  EXPECT_GT(rows.at("7@2025")["value"].get<double>(), 15.5);

  // Some counties meet the rural target by 2025 and others lag.
  const auto counties =
      admin->get("/api/v1/analytics?indicators=1&units=620000000000,LEVEL-3&periods=2025");
  ASSERT_EQ(counties.status, 200) << counties.body;
  std::map<std::string, int> statuses;
  const Json county_rows = counties.json()["rows"];
  for (const Json& row : county_rows) ++statuses[row["status"].get<std::string>()];
  EXPECT_GT(statuses["met"], 5) << county_rows.dump();
  EXPECT_GT(statuses["at_risk"], 5) << county_rows.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoProvinceTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

INSTANTIATE_TEST_SUITE_P(Backends, IndicatorApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
