// The plan's 30 indicators (REQUIREMENTS.md, "The plan's quantitative targets"; the plan's 专栏 1
// to 3) as data, and the facts they are computed from.
//
// An indicator's value is numerator / denominator × scale, over facts summed across a unit's
// subtree. Facts are counted per village or community (and per township for township-level
// institutions) by facts.hpp; indicators whose facts arrive with later modules are entered per
// unit and period (DHIS2's data entry) and approved one level up. docs/indicators.md says, row by
// row, what each counts and why.
//
// Thread-safe: constant tables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/error.hpp"
#include "org/model.hpp"

namespace shequ::indicator {

// What is counted per unit and summed over subtrees: whole numbers, areas in square centimetres
// (fact_divisor turns them into m²).
enum class Fact : std::size_t {
  villages,                    // 村委会 (administrative villages)
  villages_with_facility,      // ... with an open comprehensive service facility
  communities,                 // 居委会 (urban communities)
  communities_with_facility,   //
  villages_and_communities,    // both of the above
  building_area,               // 社区总建筑面积 (base figures)
  commercial_service_area,     // comprehensive facilities' floor + other facilities' service area
  households,                  // base figures
  residents,                   //
  urban_residents,             //
  facility_floor_area,         // of comprehensive facilities
  facility_activity_area,      //
  comprehensive_facilities,    // open comprehensive facilities
  facilities_with_volunteers,  // ... offering a volunteer station
  facilities_open_8h,          // ... open at least 8 h every day
  communities_with_self_service,  // 政务通用自助服务 (a kiosk or the service)
  communities_with_care,          // both meal aid and home care
  communities_with_childcare,     //
  villages_with_clinic,           //
  communities_with_legal_house,   //
  villages_with_legal_house,      //
  units_with_proxy_service,       // villages and communities offering 政务代办
  childcare_places,               // base figures
  childcare_affordable,           //
  elderly_care_land,              // land of elderly-care facilities, m²
  townships,                      // townships and streets (乡镇、街道)
  townships_with_social_work,     // ... with a social-work station
  townships_with_elderly_care,    // ... with a comprehensive elderly-care institution
  townships_with_minors_station,  // ... with a minors-protection station
};
inline constexpr std::size_t kFactCount =
    static_cast<std::size_t>(Fact::townships_with_minors_station) + 1;
std::string_view fact_key(Fact fact);  // "villages_with_facility"
// 10,000 for areas (kept in cm²), 1 for counts.
int64_t fact_divisor(Fact fact);

enum class Comparator { at_least, at_most, equal };
enum class Attribute { expected, binding, not_stated };  // 预期性, 约束性, (special columns)
enum class Source { computed, entered };
enum class Period { year, month };  // the period an entered indicator is entered for
// The three rates of requests handled on receipt (接诉即办三率, src/requests).
enum class RequestRate { response, resolution, satisfaction };

// What the value is measured in; the scale turns numerator / denominator into it.
struct Measure {
  std::string_view key;  // "percent", "m2_per_100_households", ...
  Text unit;             // "%", "平方米"
  double scale = 1;
};

struct Indicator {
  std::string_view id;  // the plan's row number, "1".."30" (rows 19 and 29 are split: "19.1")
  Text name;
  Measure measure;
  std::optional<double> baseline_2020;  // the plan's 2020 column, where it has one
  double target = 0;                    // for 2025
  Comparator comparator = Comparator::at_least;
  Attribute attribute = Attribute::not_stated;
  Source source = Source::computed;
  // Computed: the facts. Entered: the numerator is entered; the denominator is entered too when
  // `denominator` is empty, read from that fact otherwise; `no_denominator` marks a plain count.
  std::optional<Fact> numerator;
  std::optional<Fact> denominator;
  bool no_denominator = false;
  // Entered: the level of unit a value is entered at, and for which periods.
  org::Level entry_level = org::Level::village;
  Period entry_period = Period::year;
  // Computed from the fifteen-minute circle rather than from facts (row 29).
  bool from_circle = false;
  bool fitness = false;  // row 29's fitness circle (健身圈) rather than everyday services
  // Read from requests handled on receipt (rows R1 to R3): the plan asks for the response but
  // states no figure, so these are not rows of the plan's table.
  std::optional<RequestRate> from_requests;

  bool in_plan() const { return !from_requests; }
};

// Every indicator: the plan's 30 rows in its order (in_plan()), then the rates of requests.
std::span<const Indicator> indicators();
const Indicator* find_indicator(std::string_view id);
// An id as a request names it: "19" is both "19.1" and "19.2". Empty when unknown.
std::span<const Indicator> indicators_for(std::string_view id);

// Whether `value` meets the target.
bool meets(const Indicator& indicator, double value);

}  // namespace shequ::indicator
