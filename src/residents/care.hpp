// Who must be visited and how often (定期入户走访): the rules by tag, and the periods a visit
// counts for. Pure functions, thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "residents/model.hpp"

namespace shequ::residents {

// How often a tag's people are visited: every this many months (1 monthly, 3 quarterly), 0 not a
// care target. The allowed values.
inline constexpr int kCareIntervals[] = {0, 1, 3};

// The plan's defaults (indicator 12 and the care of children left behind): special-hardship
// elderly, elderly living alone and left-behind children monthly; every other tag not a target.
const std::map<std::string, int>& default_care_rules();

// A rule as set by the province or a city.
struct CareRule {
  std::string unit_code;
  std::string tag;
  int every_months = 0;
};

// The rules that hold for people under `city` (its code, "" when unknown): the defaults,
// overridden by the province's rules, overridden by the city's. `rules` may hold any units'.
std::map<std::string, int> effective_care_rules(const std::vector<CareRule>& rules,
                                                std::string_view province, std::string_view city);

// How often a person with `tags` is visited under `rules`: the shortest positive interval of
// their tags, 0 when none makes them a target.
int care_interval(const std::vector<Tag>& tags, const std::map<std::string, int>& rules);

// The first day of the period of `every_months` months (1 or 3, calendar months and quarters)
// that holds `date` (YYYY-MM-DD). Precondition: is_valid_date(date), every_months 1 or 3.
std::string period_start(std::string_view date, int every_months);

// Whole days from `from` to `to` (both YYYY-MM-DD). Precondition: both valid dates.
int days_between(std::string_view from, std::string_view to);

}  // namespace shequ::residents
