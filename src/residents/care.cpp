#include "residents/care.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "common/clock.hpp"
#include "common/strings.hpp"

namespace shequ::residents {

const std::map<std::string, int>& default_care_rules() {
  static const std::map<std::string, int> rules{
      {"special_hardship_elderly", 1}, {"living_alone", 1}, {"left_behind_child", 1}};
  return rules;
}

std::map<std::string, int> effective_care_rules(const std::vector<CareRule>& rules,
                                                std::string_view province, std::string_view city) {
  std::map<std::string, int> out = default_care_rules();
  for (std::string_view level : {province, city}) {
    if (level.empty()) continue;
    for (const CareRule& r : rules) {
      if (r.unit_code == level) out[r.tag] = r.every_months;
    }
  }
  return out;
}

int care_interval(const std::vector<Tag>& tags, const std::map<std::string, int>& rules) {
  int shortest = 0;
  for (const Tag& t : tags) {
    const auto rule = rules.find(t.key);
    if (rule == rules.end() || rule->second <= 0) continue;
    shortest = shortest == 0 ? rule->second : std::min(shortest, rule->second);
  }
  return shortest;
}

std::string period_start(std::string_view date, int every_months) {
  const auto year = *parse_decimal(date.substr(0, 4));
  const auto month = *parse_decimal(date.substr(5, 2));
  const int64_t first = (month - 1) / every_months * every_months + 1;
  return fmt::format("{:04}-{:02}-01", year, first);
}

int days_between(std::string_view from, std::string_view to) {
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::days>(parse_date(to) - parse_date(from)).count());
}

}  // namespace shequ::residents
