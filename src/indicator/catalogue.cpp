#include "indicator/catalogue.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace shequ::indicator {

namespace {

using org::Level;

const Measure kPercent{"percent", {"%", "%"}, 100};
const Measure kPer100Households{
    "m2_per_100_households", {"平方米/百户", "m² per 100 households"}, 100};
const Measure kPer10000{"per_10000_urban_residents", {"人/万人", "per 10,000 residents"}, 10000};
const Measure kCount{"count", {"人", "people"}, 1};
const Measure kRatio{"ratio", {"人/人", "per person"}, 1};
const Measure kM2PerResident{"m2_per_resident", {"平方米/人", "m² per resident"}, 1};

Indicator computed(std::string_view id, Text name, const Measure& measure,
                   std::optional<double> baseline, double target, Fact numerator, Fact denominator,
                   Attribute attribute = Attribute::not_stated) {
  Indicator i;
  i.id = id;
  i.name = std::move(name);
  i.measure = measure;
  i.baseline_2020 = baseline;
  i.target = target;
  i.attribute = attribute;
  i.numerator = numerator;
  i.denominator = denominator;
  return i;
}

Indicator entered(std::string_view id, Text name, const Measure& measure,
                  std::optional<double> baseline, double target, Level level,
                  std::optional<Fact> denominator = std::nullopt,
                  Attribute attribute = Attribute::not_stated) {
  Indicator i;
  i.id = id;
  i.name = std::move(name);
  i.measure = measure;
  i.baseline_2020 = baseline;
  i.target = target;
  i.attribute = attribute;
  i.source = Source::entered;
  i.denominator = denominator;
  i.entry_level = level;
  return i;
}

Indicator circle(std::string_view id, Text name, bool fitness) {
  Indicator i;
  i.id = id;
  i.name = std::move(name);
  i.measure = kPercent;
  i.target = 100;
  i.from_circle = true;
  i.fitness = fitness;
  return i;
}

Indicator request_rate(std::string_view id, Text name, RequestRate rate, double target) {
  Indicator i;
  i.id = id;
  i.name = std::move(name);
  i.measure = kPercent;
  i.target = target;
  i.from_requests = rate;
  return i;
}

std::vector<Indicator> make_indicators() {
  constexpr auto kExpected = Attribute::expected;
  std::vector<Indicator> all{
      computed("1", {"农村社区综合服务设施覆盖率", "Rural community service facility coverage"},
               kPercent, 50, 80, Fact::villages_with_facility, Fact::villages, kExpected),
      computed("2", {"城市社区综合服务设施覆盖率", "Urban community service facility coverage"},
               kPercent, 100, 100, Fact::communities_with_facility, Fact::communities, kExpected),
      computed("3",
               {"社区商业和综合服务设施面积占社区总建筑面积的比例",
                "Commercial and service facility area in community building area"},
               kPercent, std::nullopt, 10, Fact::commercial_service_area, Fact::building_area,
               kExpected),
      computed(
          "4",
          {"每百户居民拥有社区综合服务设施面积", "Service facility floor area per 100 households"},
          kPer100Households, 26, 30, Fact::facility_floor_area, Fact::households, kExpected),
      computed("5",
               {"居民活动区域面积占社区综合服务设施总建筑面积比例",
                "Resident activity area in service facility floor area"},
               kPercent, std::nullopt, 60, Fact::facility_activity_area, Fact::facility_floor_area,
               kExpected),
      computed("6",
               {"城市社区政务通用自助服务覆盖率", "Urban communities with government self-service"},
               kPercent, std::nullopt, 100, Fact::communities_with_self_service, Fact::communities,
               kExpected),
      entered("7",
              {"每万城镇常住人口拥有社区工作者", "Community workers per 10,000 urban residents"},
              kPer10000, 15, 18, Level::village, Fact::urban_residents, kExpected),
      computed("8",
               {"志愿服务站点在社区综合服务设施中的覆盖率",
                "Service facilities with a volunteer station"},
               kPercent, std::nullopt, 80, Fact::facilities_with_volunteers,
               Fact::comprehensive_facilities),
      computed("9", {"乡镇（街道）社会工作服务站覆盖率", "Townships with a social-work station"},
               kPercent, std::nullopt, 100, Fact::townships_with_social_work, Fact::townships),
      computed("10",
               {"老年助餐、居家照护服务覆盖社区比例",
                "Communities with meal aid and home care for the elderly"},
               kPercent, std::nullopt, 80, Fact::communities_with_care, Fact::communities),
      computed("11",
               {"乡镇（街道）综合养老服务机构覆盖率",
                "Townships with a comprehensive elderly-care institution"},
               kPercent, std::nullopt, 50, Fact::townships_with_elderly_care, Fact::townships),
      entered("12", {"特殊困难老人月探访率", "Elderly in special hardship visited this month"},
              kPercent, std::nullopt, 100, Level::village),
      computed(
          "13",
          {"乡镇（街道）未成年人保护工作站覆盖率", "Townships with a minors-protection station"},
          kPercent, std::nullopt, 50, Fact::townships_with_minors_station, Fact::townships),
      entered(
          "14",
          {"乡镇（街道）未成年人保护工作专干覆盖率", "Townships with a minors-protection officer"},
          kPercent, std::nullopt, 100, Level::township, Fact::townships),
      entered("15", {"儿童主任参训率", "Children's directors trained"}, kPercent, std::nullopt, 100,
              Level::village),
      computed("16", {"社区托育服务机构覆盖率", "Communities with childcare"}, kPercent,
               std::nullopt, 50, Fact::communities_with_childcare, Fact::communities),
      computed("17", {"普惠托位占比", "Affordable childcare places"}, kPercent, std::nullopt, 60,
               Fact::childcare_affordable, Fact::childcare_places),
      computed("18", {"行政村卫生室覆盖率", "Administrative villages with a clinic"}, kPercent,
               std::nullopt, 100, Fact::villages_with_clinic, Fact::villages),
      computed("19.1", {"城市社区法律之家覆盖率", "Urban communities with a legal house"}, kPercent,
               std::nullopt, 60, Fact::communities_with_legal_house, Fact::communities),
      computed("19.2", {"农村社区法律之家覆盖率", "Rural villages with a legal house"}, kPercent,
               std::nullopt, 30, Fact::villages_with_legal_house, Fact::villages),
      entered("20",
              {"村（社区）灾害信息员覆盖率", "Villages and communities with a disaster officer"},
              kPercent, std::nullopt, 100, Level::village, Fact::villages_and_communities),
      computed("21",
               {"村（社区）政务代办服务覆盖率", "Villages and communities with proxy services"},
               kPercent, std::nullopt, 100, Fact::units_with_proxy_service,
               Fact::villages_and_communities),
      entered(
          "22",
          {"村（社区）居民满意度调查覆盖率", "Villages and communities with a satisfaction survey"},
          kPercent, std::nullopt, 100, Level::village, Fact::villages_and_communities),
      computed("23",
               {"社区综合服务设施每日开放 8 小时以上比例", "Service facilities open 8 hours a day"},
               kPercent, std::nullopt, 100, Fact::facilities_open_8h,
               Fact::comprehensive_facilities),
      entered("24",
              {"村（社区）书记、主任年度县级以上培训率",
               "Secretaries and directors trained at county level this year"},
              kPercent, std::nullopt, 100, Level::village),
      entered("25", {"其他社区工作者两年内受训率", "Other community workers trained in two years"},
              kPercent, std::nullopt, 100, Level::village),
      entered("26", {"社会工作专业人才数量", "Social-work professionals"}, kCount, std::nullopt,
              24000, Level::province),
      entered("27",
              {"社会服务从业人员 120 学时培训率", "Social-service workers with 120 training hours"},
              kPercent, std::nullopt, 100, Level::county),
      entered("28",
              {"村（社区）书记后备人才比", "Reserve candidates per village or community secretary"},
              kRatio, std::nullopt, 2, Level::village),
      circle("29.1",
             {"一刻钟便民生活圈覆盖率", "Residents within a 15-minute walk of daily services"},
             false),
      circle("29.2",
             {"一刻钟健身圈覆盖率", "Residents within a 15-minute walk of a fitness ground"}, true),
      computed("30", {"养老服务设施人均用地", "Elderly-care facility land per resident"},
               kM2PerResident, std::nullopt, 0.1, Fact::elderly_care_land, Fact::residents),
      // The plan's "居民一旦有需求、社区立即能响应": every case answered within its time limit.
      // It states no figure for resolution and satisfaction; 90 % is the platform's bar.
      request_rate("R1", {"接诉即办响应率", "Requests accepted in time"}, RequestRate::response,
                   100),
      request_rate("R2", {"接诉即办解决率", "Requests resolved in time"}, RequestRate::resolution,
                   90),
      request_rate("R3", {"接诉即办满意率", "Residents satisfied with requests"},
                   RequestRate::satisfaction, 90),
  };
  for (Indicator& i : all) {
    if (i.id == "12") i.entry_period = Period::month;  // visited *this month*
    if (i.id == "26") i.no_denominator = true;
  }
  return all;
}

const std::vector<Indicator>& all_indicators() {
  static const std::vector<Indicator> all = make_indicators();
  return all;
}

constexpr std::array<std::string_view, kFactCount> kFactKeys{
    "villages",
    "villages_with_facility",
    "communities",
    "communities_with_facility",
    "villages_and_communities",
    "building_area",
    "commercial_service_area",
    "households",
    "residents",
    "urban_residents",
    "facility_floor_area",
    "facility_activity_area",
    "comprehensive_facilities",
    "facilities_with_volunteers",
    "facilities_open_8h",
    "communities_with_self_service",
    "communities_with_care",
    "communities_with_childcare",
    "villages_with_clinic",
    "communities_with_legal_house",
    "villages_with_legal_house",
    "units_with_proxy_service",
    "childcare_places",
    "childcare_affordable",
    "elderly_care_land",
    "townships",
    "townships_with_social_work",
    "townships_with_elderly_care",
    "townships_with_minors_station",
};

}  // namespace

std::string_view fact_key(Fact fact) {
  return kFactKeys[static_cast<std::size_t>(fact)];
}

int64_t fact_divisor(Fact fact) {
  switch (fact) {
    case Fact::building_area:
    case Fact::commercial_service_area:
    case Fact::facility_floor_area:
    case Fact::facility_activity_area:
    case Fact::elderly_care_land:
      return 10'000;
    default:
      return 1;
  }
}

std::span<const Indicator> indicators() {
  return all_indicators();
}

const Indicator* find_indicator(std::string_view id) {
  const auto& all = all_indicators();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const Indicator& i) { return i.id == id; });
  return it == all.end() ? nullptr : &*it;
}

std::span<const Indicator> indicators_for(std::string_view id) {
  const auto& all = all_indicators();
  const auto is_part = [&](const Indicator& i) {
    return i.id == id ||
           (i.id.size() > id.size() && i.id.starts_with(id) && i.id[id.size()] == '.');
  };
  const auto first = std::find_if(all.begin(), all.end(), is_part);
  const auto last = std::find_if_not(first, all.end(), is_part);
  return {first, last};
}

bool meets(const Indicator& indicator, double value) {
  // Exact but for the last bits of a division: 7 of 7 is 100 %, 79.96 % is not 80 %.
  constexpr double kSlack = 1e-9;
  switch (indicator.comparator) {
    case Comparator::at_least:
      return value >= indicator.target - kSlack;
    case Comparator::at_most:
      return value <= indicator.target + kSlack;
    case Comparator::equal:
      return std::abs(value - indicator.target) <= kSlack;
  }
  return false;
}

}  // namespace shequ::indicator
