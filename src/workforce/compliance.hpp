// The plan's rules for community workers and their training (issue 15; docs/indicators.md, rows
// 7, 14, 15, 20, 24, 25, 27 and 28), over the roster and the training records as of one day.
// Pure functions: the "who still needs training" list and the indicator engine read the same
// rules, and the unit tests check them case by case.
//
// As of `day` (a year's last day, or today within the current year) and in the year that begins
// on `year_start`:
//  - secretaries and directors (一肩挑 included) need a course at county level or above
//    completed in the year (row 24);
//  - the other holders of a main post need a course completed within two years up to the day
//    (row 25);
//  - children's directors need a course completed in the year (row 15);
//  - those working in social services need 120 class hours in all up to the day (row 27).
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "org/org_tree.hpp"
#include "workforce/model.hpp"

namespace shequ::workforce {

inline constexpr int64_t kSocialServiceHours = 120;

struct CompletedCourse {
  int64_t worker_id = 0;
  std::string completed_on;
  CourseLevel level = CourseLevel::county;
  int64_t hours = 0;
};

struct RosterInput {
  std::string year_start;                  // "2026-01-01"
  std::string day;                         // "2026-11-30"
  std::vector<Post> posts;                 // every post; those not in force on `day` are ignored
  std::vector<CompletedCourse> training;   // every completion; those after `day` are ignored
  std::map<int64_t, bool> social_service;  // worker → works in social services
};

enum class Need {
  county_training,    // a secretary or director without county-level training this year
  biennial_training,  // another worker untrained for two years
  children_director,  // a children's director untrained this year
  hours_120,          // a social-service worker short of 120 class hours
};
std::string_view need_key(Need need);

struct Standing {
  int64_t worker_id = 0;
  std::string unit_code;            // of the main post, else of the first post in force
  std::vector<Position> positions;  // in force on the day, main post first
  std::optional<std::string> last_trained_on;
  int64_t hours = 0;  // up to the day
  std::vector<Need> needs;
};

// One unit's counts as of the day.
struct UnitStanding {
  int64_t main_posts = 0;  // people in a main post (row 7)
  bool minors_officer = false;
  bool disaster_officer = false;
  int64_t children_directors = 0, children_directors_trained = 0;
  int64_t leaders = 0, leaders_trained = 0;
  int64_t others = 0, others_trained = 0;
  int64_t social_service = 0, social_service_hours = 0;  // … of them with 120 h
  int64_t secretaries = 0, reserves = 0;
};

struct RosterStanding {
  std::vector<Standing> workers;              // in post on the day, by worker id
  std::map<std::string, UnitStanding> units;  // units with a post in force on the day
};

RosterStanding assess(const RosterInput& input);

// The indicator rows the module counts.
inline constexpr std::array<std::string_view, 8> kIndicators{"7",  "14", "15", "20",
                                                             "24", "25", "27", "28"};

// One row's counts per unit for the engine (app::ModuleRuntime::count_indicator): rows dividing
// by a fact of the engine (7, 14, 20) for every unit with a roster (row 14 per township over its
// subtree), the others where their own denominator is above zero. Empty for another row.
std::vector<kit::UnitCounts> indicator_counts(std::string_view indicator,
                                              const RosterStanding& standing,
                                              const org::OrgTree& tree);

// The day `years` years before `day` (both "YYYY-MM-DD"; 29 February becomes 28 February).
std::string years_before(const std::string& day, int years);

}  // namespace shequ::workforce
