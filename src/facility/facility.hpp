// A facility of the registry: what people enter, the rules it must meet, the standards it is
// checked against, and its JSON form (the API's, and the history's before/after).
//
// Thread-safe: values and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace shequ::facility {

// Opening hours of one day: ranges [from, to) in minutes after midnight, in order, apart.
struct TimeRange {
  int from = 0;
  int to = 0;
  bool operator==(const TimeRange&) const = default;
};
inline constexpr std::size_t kMaxRangesPerDay = 4;
// Monday first; the JSON keys of the days, in that order.
inline constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
using WeekHours = std::array<std::vector<TimeRange>, 7>;

// What a person enters about a facility.
struct FacilityFields {
  std::string unit_code;  // its village or community (township for township-level kinds)
  std::string type;       // catalogue.hpp
  std::string name;
  double floor_area = 0;            // 总建筑面积, m²
  double activity_area = 0;         // 居民活动区域面积
  double office_area = 0;           // 办公区域面积
  double service_area = 0;          // 商业和服务区域面积
  std::optional<double> land_area;  // 占地面积, where it matters (elderly-care land, indicator 30)
  // 可容纳人数: how many people it takes. Required of an emergency shelter, which the shelter
  // assignment fills up to it (access/shelters.hpp); optional for every other kind.
  std::optional<int64_t> capacity;
  WeekHours hours;
  std::vector<std::string> services;  // catalogue.hpp keys, each once
  std::optional<int32_t> lat_e7;      // WGS 84, degrees × 10^7; both or neither
  std::optional<int32_t> lon_e7;
  std::string status;                    // "building", "open", "closed"
  std::optional<std::string> opened_on;  // YYYY-MM-DD
  std::optional<std::string> closed_on;
  bool operator==(const FacilityFields&) const = default;
};

struct Facility {
  int64_t id = 0;
  FacilityFields fields;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

// One change of a facility, as the history shows it.
struct FacilityChange {
  int64_t id = 0;
  std::string changed_at;
  std::optional<int64_t> user_id;
  std::string username;
  Json before;  // null for the registration
  Json after;
};

inline constexpr std::size_t kMaxName = 100;
inline constexpr double kMaxArea = 1'000'000;       // m²: larger is a typing error
inline constexpr int64_t kMaxCapacity = 1'000'000;  // people: larger is a typing error
// The kind whose capacity is required.
inline constexpr std::string_view kEmergencyShelter = "emergency_shelter";
inline constexpr std::array<std::string_view, 3> kStatuses{"building", "open", "closed"};

// Checks and tidies `fields` (names in NFC, areas to the square centimetre, hours and services
// in order): every problem at once, each on the API's field name ("floorArea",
// "hours.mon[1]"). Does not look at the unit (the service does).
std::vector<FieldError> check_fields(FacilityFields& fields);

// "08:00-12:00" → {480, 720}; "24:00" ends a day. nullopt when not such a range.
std::optional<TimeRange> parse_time_range(std::string_view text);
std::string format_time_range(const TimeRange& range);
// Hours open on a day.
double hours_open(const std::vector<TimeRange>& day);

// A standard of the plan a facility is checked against (REQUIREMENTS.md module 4).
struct StandardCheck {
  std::string_view key;  // "areaPer100Households", "activityShare", "openHours"
  Text label;
  std::string result;           // "pass", "fail", "no_data"
  std::optional<double> value;  // what the facility has, in `unit`
  double threshold = 0;         // at least this
  std::string_view unit;        // "m²", "%", "h"
  Text note;                    // why no data, or which day falls short
};
// The checks of a comprehensive facility (other kinds have none): ≥ 30 m² per 100 households
// (needs the unit's households), resident-activity area ≥ 60 % of the floor area, open ≥ 8 h
// on every day of the week.
std::vector<StandardCheck> check_standards(const FacilityFields& fields,
                                           std::optional<int64_t> households);

// The facility as the API shows it (no unit names: the routes add them).
Json to_json(const Facility& facility);

// The base figures of a village or community for one year, which indicators divide by.
struct UnitFigures {
  std::string unit_code;
  int64_t year = 0;
  int64_t households = 0;
  int64_t residents = 0;        // 常住人口
  int64_t urban_residents = 0;  // 城镇常住人口
  double building_area = 0;     // 社区总建筑面积, m²
  int64_t childcare_places = 0;
  int64_t childcare_affordable = 0;  // 普惠托位
  std::string updated_at;
  int64_t version = 0;  // 0 before it is first saved
  bool operator==(const UnitFigures&) const = default;
};

inline constexpr int64_t kFirstYear = 2015;
inline constexpr int64_t kLastYear = 2035;

// Checks the figures (all problems at once, on the API's field names) and rounds the area to the
// square centimetre: counts from 0 to 10,000,000, urban residents at most the residents,
// affordable places at most the places, a year from kFirstYear to kLastYear.
std::vector<FieldError> check_figures(UnitFigures& figures);

Json to_json(const UnitFigures& figures);

}  // namespace shequ::facility
