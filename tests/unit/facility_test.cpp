// The facility registry's rules, without a database: opening-hour ranges, the checks of what
// people enter, and the plan's standards.
#include <gtest/gtest.h>

#include "facility/facility.hpp"

namespace shequ::facility {
namespace {

TEST(FacilityHours, RangesAreReadAsTheClockSaysThem) {
  struct Case {
    const char* text;
    std::optional<TimeRange> range;
  };
  const std::vector<Case> cases{
      {"08:00-12:00", TimeRange{480, 720}},
      {"00:00-24:00", TimeRange{0, 1440}},
      {"13:30-18:05", TimeRange{810, 1085}},
      {"12:00-08:00", std::nullopt},  // ends before it starts
      {"08:00-08:00", std::nullopt},  // empty
      {"24:00-24:00", std::nullopt},
      {"08:60-12:00", std::nullopt},
      {"25:00-26:00", std::nullopt},
      {"8:00-12:00", std::nullopt},
      {"08:00~12:00", std::nullopt},
      {"08:00-24:01", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(parse_time_range(c.text), c.range) << c.text;
    if (c.range) {
      EXPECT_EQ(format_time_range(*c.range), c.text);
    }
  }
}

FacilityFields comprehensive() {
  FacilityFields f;
  f.unit_code = "620102001001";
  f.type = "comprehensive";
  f.name = "社区服务中心";
  f.floor_area = 400;
  f.activity_area = 240;
  f.office_area = 100;
  f.service_area = 30;
  for (auto& day : f.hours) day = {{8 * 60, 12 * 60}, {14 * 60, 18 * 60}};
  f.status = "open";
  f.opened_on = "2021-03-01";
  return f;
}

TEST(FacilityFields, AGoodFacilityPassesAndIsTidied) {
  FacilityFields f = comprehensive();
  f.floor_area = 400.004;
  f.hours[0] = {{14 * 60, 18 * 60}, {8 * 60, 12 * 60}};
  f.services = {"meal_aid", "gov_proxy"};
  EXPECT_TRUE(check_fields(f).empty());
  EXPECT_EQ(f.floor_area, 400.0);
  EXPECT_EQ(f.hours[0].front().from, 8 * 60) << "ranges in order";
  EXPECT_EQ(f.services, (std::vector<std::string>{"gov_proxy", "meal_aid"}));
}

TEST(FacilityFields, EachRuleNamesItsField) {
  struct Case {
    const char* what;
    void (*spoil)(FacilityFields&);
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases{
      {"no name", [](FacilityFields& f) { f.name = "  "; }, {"name"}},
      {"a kind nobody knows", [](FacilityFields& f) { f.type = "casino"; }, {"type"}},
      {"no floor area", [](FacilityFields& f) { f.floor_area = 0; }, {"floorArea"}},
      {"an absurd area", [](FacilityFields& f) { f.service_area = 5e6; }, {"serviceArea"}},
      {"activity larger than the floor",
       [](FacilityFields& f) { f.activity_area = 401; },
       {"activityArea"}},
      {"activity and office together larger",
       [](FacilityFields& f) { f.office_area = 200; },
       {"officeArea"}},
      {"overlapping hours",
       [](FacilityFields& f) {
         f.hours[6] = {{8 * 60, 12 * 60}, {11 * 60, 13 * 60}};
       },
       {"hours.sun"}},
      {"five ranges a day",
       [](FacilityFields& f) {
         f.hours[2] = {{0, 60}, {60, 120}, {120, 180}, {180, 240}, {240, 300}};
       },
       {"hours.wed"}},
      {"a service nobody knows", [](FacilityFields& f) { f.services = {"spa"}; }, {"services[0]"}},
      {"latitude without longitude", [](FacilityFields& f) { f.lat_e7 = 360600000; }, {"lon"}},
      {"outside Gansu",
       [](FacilityFields& f) {
         f.lat_e7 = 399000000;  // Beijing
         f.lon_e7 = 1164000000;
       },
       {"lat"}},
      {"open without a date", [](FacilityFields& f) { f.opened_on.reset(); }, {"openedOn"}},
      {"closed before it opened",
       [](FacilityFields& f) {
         f.status = "closed";
         f.closed_on = "2020-01-01";
       },
       {"closedOn"}},
      {"a closing date while open",
       [](FacilityFields& f) { f.closed_on = "2024-01-01"; },
       {"closedOn"}},
      {"a status nobody knows", [](FacilityFields& f) { f.status = "maybe"; }, {"status"}},
  };
  for (const Case& c : cases) {
    FacilityFields f = comprehensive();
    c.spoil(f);
    std::vector<std::string> fields;
    for (const FieldError& e : check_fields(f)) fields.push_back(e.field);
    EXPECT_EQ(fields, c.fields) << c.what;
  }
}

TEST(FacilityStandards, TheNumbersBehindEachVerdict) {
  FacilityFields f = comprehensive();
  auto checks = check_standards(f, 1200);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].result, "pass");  // 33.3 m² per 100 households
  EXPECT_NEAR(*checks[0].value, 400.0 / 1200 * 100, 1e-9);
  EXPECT_EQ(check_standards(f, 1334)[0].result, "fail");  // 29.99
  EXPECT_EQ(check_standards(f, 1333)[0].result, "pass");  // 30.008
  EXPECT_EQ(check_standards(f, std::nullopt)[0].result, "no_data");
  EXPECT_EQ(checks[1].result, "pass");  // 240 of 400: exactly 60 %
  EXPECT_EQ(checks[2].result, "pass");  // eight hours every day
  f.hours[5] = {{9 * 60, 16 * 60 + 30}};
  const auto saturday = check_standards(f, 1200)[2];
  EXPECT_EQ(saturday.result, "fail");
  EXPECT_EQ(*saturday.value, 7.5);
  EXPECT_EQ(saturday.note.zh, "周六开放 7.5 小时");
  f.type = "clinic";
  EXPECT_TRUE(check_standards(f, 1200).empty());
}

}  // namespace
}  // namespace shequ::facility
