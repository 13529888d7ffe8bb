// A small hand-made province whose every indicator figure is worked out by hand (in
// indicator_api_test.cpp): the small slice of the other tests with a rural county added, and
// facilities and 2025 base figures registered through the API by 兰州市's official.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/small_stack.hpp"
#include "common/json.hpp"
#include "indicator/engine.hpp"

namespace shequ::testing {

// The small slice of the other tests, with a rural county added: a town with a community and two
// villages, a township with a village and a virtual village (类似村委会, not counted as one).
inline const std::string kDivisions =
    std::string(kSmallDivisions) +
    "620121000000,永登县,3,县级,620100000000,县,,\n"
    "620121100000,城关镇,4,乡级,620121000000,镇,,\n"
    "620121200000,柳树乡,4,乡级,620121000000,乡,,\n"
    "620121100001,城关镇社区居委会,5,村级,620121100000,居委会,121,镇中心区\n"
    "620121100201,东村村委会,5,村级,620121100000,村委会,220,村庄\n"
    "620121100202,西村村委会,5,村级,620121100000,村委会,220,村庄\n"
    "620121200201,柳树村村委会,5,村级,620121200000,村委会,220,村庄\n"
    "620121200501,柳树林场,5,村级,620121200000,类似村委会(5xx),220,村庄\n";

inline constexpr const char* kProvince = "620000000000";
inline constexpr const char* kLanzhou = "620100000000";
inline constexpr const char* kChengguan = "620102000000";  // 城关区
inline constexpr const char* kJiuquanlu = "620102001000";  // 酒泉路街道
inline constexpr const char* kC1 = "620102001001";         // 畅家巷社区
inline constexpr const char* kC2 = "620102001002";         // 雁园社区
inline constexpr const char* kC3 = "620102002001";         // 张掖路社区
inline constexpr const char* kYongdeng = "620121000000";   // 永登县
inline constexpr const char* kTown = "620121100000";       // 城关镇
inline constexpr const char* kLiushu = "620121200000";     // 柳树乡
inline constexpr const char* kC4 = "620121100001";
inline constexpr const char* kV1 = "620121100201";
inline constexpr const char* kV2 = "620121100202";
inline constexpr const char* kV3 = "620121200201";
inline constexpr const char* kX1 = "620121200501";

struct Opening {
  std::string status = "open";
  std::optional<std::string> opened = "2019-01-01";
  std::optional<std::string> closed;
};

inline Json week(const char* range, bool weekend) {
  Json hours = Json::object();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) hours[day] = {range};
  if (!weekend) hours["sat"] = hours["sun"] = Json::array();
  return hours;
}

inline Json facility(const std::string& unit, const std::string& type, double floor,
                     double activity, double service, Json hours, Json services,
                     const Opening& opening = {}, std::optional<double> land = std::nullopt) {
  return {{"unitCode", unit},
          {"type", type},
          {"name", type + " " + unit},
          {"floorArea", floor},
          {"activityArea", activity},
          {"officeArea", 0},
          {"serviceArea", service},
          {"landArea", land ? Json(*land) : Json(nullptr)},
          {"hours", std::move(hours)},
          {"services", std::move(services)},
          {"status", opening.status},
          {"openedOn", opening.opened ? Json(*opening.opened) : Json(nullptr)},
          {"closedOn", opening.closed ? Json(*opening.closed) : Json(nullptr)}};
}

class HandMadeProvinceTest : public SmallStackTest {
 protected:
  HandMadeProvinceTest() { divisions_csv_ = kDivisions; }

  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    official_ = as("lanzhou");
    province_ = as("admin");
    const Json all_days = week("08:00-18:00", true), eight = week("08:00-16:00", true),
               weekdays = week("08:00-18:00", false);
    const std::vector<Json> facilities{
        facility(kC1, "comprehensive", 600, 400, 60, all_days,
                 {"volunteer_station", "meal_aid", "home_care", "gov_self_service", "gov_proxy"}),
        facility(kC2, "comprehensive", 300, 150, 30, weekdays, {"legal_house"}),
        facility(kC2, "childcare", 200, 0, 150, weekdays, Json::array(), {"open", "2021-09-01"}),
        facility(kC3, "comprehensive", 400, 260, 40, all_days, Json::array(),
                 {"closed", "2018-01-01", "2024-06-30"}),
        facility(kC3, "elderly_canteen", 120, 0, 80, all_days, Json::array(),
                 {"open", "2020-01-01"}, 500),
        facility(kC4, "comprehensive", 250, 160, 20, eight, {"gov_proxy"}),
        facility(kV1, "comprehensive", 200, 130, 10, eight, {"volunteer_station"}),
        facility(kV1, "clinic", 80, 0, 60, weekdays, Json::array(), {"open", "2024-01-01"}),
        facility(kV3, "comprehensive", 150, 100, 0, all_days, Json::array(),
                 {"building", std::nullopt}),
        facility(kV3, "legal_house", 40, 0, 20, weekdays, Json::array()),
        facility(kX1, "comprehensive", 100, 70, 0, all_days, Json::array()),
        facility(kTown, "social_work_station", 100, 0, 0, weekdays, Json::array()),
        facility(kTown, "elderly_institution", 500, 0, 0, all_days, Json::array(),
                 {"open", "2022-01-01"}, 2000),
        facility(kJiuquanlu, "minors_protection_station", 60, 0, 0, weekdays, Json::array()),
    };
    for (const Json& f : facilities) {
      const auto made = official_->send_json("POST", "/api/v1/facilities", f.dump());
      ASSERT_EQ(made.status, 201) << f["unitCode"] << " " << f["type"] << ": " << made.body;
      ids_.push_back(made.json()["id"].get<int64_t>());
    }
    // households, residents, urban residents, building area, childcare places, affordable
    const std::map<std::string, std::array<int64_t, 6>> figures{
        {kC1, {2000, 5000, 5000, 100000, 100, 70}}, {kC2, {1000, 2500, 2500, 50000, 50, 20}},
        {kC3, {500, 1200, 1200, 20000, 0, 0}},      {kC4, {800, 2000, 1800, 30000, 30, 30}},
        {kV1, {300, 900, 0, 20000, 0, 0}},          {kV2, {200, 600, 0, 10000, 0, 0}},
        {kV3, {250, 700, 0, 15000, 0, 0}},          {kX1, {100, 300, 0, 5000, 0, 0}}};
    for (const auto& [unit, f] : figures) {
      const Json body{
          {"households", f[0]},   {"residents", f[1]},       {"urbanResidents", f[2]},
          {"buildingArea", f[3]}, {"childcarePlaces", f[4]}, {"childcareAffordable", f[5]},
          {"version", 0}};
      const auto saved =
          official_->send_json("PUT", "/api/v1/facilities/figures/" + unit + "/2025", body.dump());
      ASSERT_EQ(saved.status, 200) << unit << ": " << saved.body;
    }
  }

  // The rows of one analytics request, by indicator, unit and period.
  std::map<std::string, Json> analytics(HttpClient& client, const std::string& query) {
    const auto answer = client.get("/api/v1/analytics?" + query);
    EXPECT_EQ(answer.status, 200) << query << ": " << answer.body;
    std::map<std::string, Json> rows;
    if (answer.status != 200) return rows;
    const Json body = answer.json();
    for (const Json& row : body["rows"]) {
      rows[row["indicator"].get<std::string>() + "@" + row["unit"].get<std::string>() + "@" +
           row["period"].get<std::string>()] = row;
    }
    return rows;
  }

  indicator::Engine& engine() { return services_->service<indicator::Engine>(); }

  std::unique_ptr<HttpClient> official_;  // 兰州市
  std::unique_ptr<HttpClient> province_;
  std::vector<int64_t> ids_;
};

}  // namespace shequ::testing
