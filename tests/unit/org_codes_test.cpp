// The rules of division and grid codes, checked case by case and against the whole shipped list.
#include <gtest/gtest.h>

#include <sstream>

#include "app/app.hpp"
#include "org/division_import.hpp"
#include "org/unit_codes.hpp"

namespace shequ::org {
namespace {

TEST(UnitCodes, LevelFromShape) {
  struct Case {
    std::string_view code;
    std::optional<Level> level;
  };
  const Case cases[] = {
      {"620000000000", Level::province},
      {"620100000000", Level::city},
      {"620102000000", Level::county},
      {"620102001000", Level::township},
      {"620102001001", Level::village},
      {"620102001001001", Level::grid},
      {"000000000000", {}},
      {"620002000000", {}},
      {"620100001000", {}},
      {"620102000001", {}},
      {"62010200100", {}},
      {"6201020010010", {}},
      {"620102001001000", {}},
      {"620102001000001", {}},
      {"62010200100a", {}},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(level_of_code(c.code), c.level) << c.code;
}

TEST(UnitCodes, ParentAndTypeFromCode) {
  EXPECT_EQ(implied_parent_code("620102001001"), "620102001000");
  EXPECT_EQ(implied_parent_code("620102001000"), "620102000000");
  EXPECT_EQ(implied_parent_code("620102000000"), "620100000000");
  EXPECT_EQ(implied_parent_code("620100000000"), "620000000000");
  EXPECT_EQ(implied_parent_code("620000000000"), "");
  EXPECT_EQ(implied_parent_code("620102001001007"), "620102001001");
  struct Case {
    std::string_view code;
    std::optional<UnitType> type;
  };
  const Case cases[] = {
      {"620102000000", UnitType::district},
      {"620121000000", UnitType::county},
      {"620171000000", UnitType::county_like},
      {"620881000000", UnitType::county_level_city},
      {"620102001000", UnitType::subdistrict},
      {"620121100000", UnitType::town},
      {"620121200000", UnitType::township},
      {"620121400000", UnitType::township_like},
      {"620121600000", {}},
      {"620102001001", UnitType::residents_committee},
      {"620102010201", UnitType::villagers_committee},
      {"620121400401", UnitType::residents_committee_like},
      {"620121400501", UnitType::villagers_committee_like},
      {"620121400601", {}},
      {"620100000000", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(type_of_code(c.code), c.type) << c.code;
}

TEST(UnitCodes, ShippedListIsCleanAndComplete) {
  std::istringstream in{std::string(app::shipped_divisions_csv())};
  const ParsedDivisions parsed =
      parse_divisions_csv(in, [](std::string_view) { return std::nullopt; });
  ASSERT_TRUE(parsed.problems.empty())
      << parsed.problems.front().line << " " << parsed.problems.front().field << " "
      << parsed.problems.front().reason.en;
  EXPECT_EQ(parsed.rows, 19190);
  std::map<UnitType, int> counts;
  for (const Unit& unit : parsed.units) ++counts[unit.type];
  EXPECT_EQ(counts[UnitType::residents_committee], 2065);
  EXPECT_EQ(counts[UnitType::villagers_committee], 15512);
  EXPECT_EQ(counts[UnitType::residents_committee_like] + counts[UnitType::villagers_committee_like],
            107);
  EXPECT_EQ(counts[UnitType::subdistrict], 131);
  EXPECT_EQ(counts[UnitType::town], 892);
}

}  // namespace
}  // namespace shequ::org
