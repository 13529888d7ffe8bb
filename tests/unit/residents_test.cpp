// The residents module's rules without a database: which period a visit counts for, how often a
// person is visited given their tags and the rules of the province and their city, and the units
// a code belongs to.
#include <gtest/gtest.h>

#include "residents/care.hpp"
#include "residents/visit_service.hpp"

namespace shequ::residents {
namespace {

TEST(CarePeriod, MonthsAndQuartersStartOnTheirFirstDay) {
  const struct {
    const char* date;
    int every;
    const char* start;
  } cases[] = {
      {"2026-11-25", 1, "2026-11-01"}, {"2026-01-01", 1, "2026-01-01"},
      {"2026-12-31", 1, "2026-12-01"}, {"2026-11-25", 3, "2026-10-01"},
      {"2026-03-31", 3, "2026-01-01"}, {"2026-04-01", 3, "2026-04-01"},
      {"2026-09-30", 3, "2026-07-01"},
  };
  for (const auto& c : cases) EXPECT_EQ(period_start(c.date, c.every), c.start) << c.date;
  EXPECT_EQ(days_between("2026-10-20", "2026-11-25"), 36);
  EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2) << "a leap year";
}

TEST(CareRules, TheCityOverridesTheProvinceWhichOverridesTheDefaults) {
  const std::vector<CareRule> rules{{"620000000000", "empty_nest", 3},
                                    {"620000000000", "living_alone", 3},
                                    {"620100000000", "living_alone", 1},
                                    {"620200000000", "empty_nest", 0}};
  const auto lanzhou = effective_care_rules(rules, "620000000000", "620100000000");
  EXPECT_EQ(lanzhou.at("empty_nest"), 3);
  EXPECT_EQ(lanzhou.at("living_alone"), 1);
  EXPECT_EQ(lanzhou.at("special_hardship_elderly"), 1) << "the default";
  const auto jiayuguan = effective_care_rules(rules, "620000000000", "620200000000");
  EXPECT_EQ(jiayuguan.at("empty_nest"), 0);
  EXPECT_EQ(jiayuguan.at("living_alone"), 3);

  // The shortest interval of a person's tags; no target without one that has a rule.
  EXPECT_EQ(care_interval({{"empty_nest", ""}, {"living_alone", ""}}, lanzhou), 1);
  EXPECT_EQ(care_interval({{"empty_nest", ""}}, lanzhou), 3);
  EXPECT_EQ(care_interval({{"empty_nest", ""}}, jiayuguan), 0);
  EXPECT_EQ(care_interval({{"disability", "physical:2"}}, lanzhou), 0);
  EXPECT_EQ(care_interval({}, lanzhou), 0);
}

TEST(UnitCodes, AGridBelongsToItsTownshipCityAndProvince) {
  EXPECT_EQ(township_of("620102001001001"), "620102001000");
  EXPECT_EQ(city_of("620102001001001"), "620100000000");
  EXPECT_EQ(province_of("620102001001"), "620000000000");
}

}  // namespace
}  // namespace shequ::residents
