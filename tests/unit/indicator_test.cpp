// The indicator engine's pure parts: the catalogue against the plan, periods as DHIS2 writes
// them, what a unit counts, and the roll-up (a changed unit's difference carried to its
// ancestors equals counting everything again).
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "indicator/catalogue.hpp"
#include "indicator/facts.hpp"
#include "indicator/period.hpp"
#include "indicator/rollup.hpp"

namespace shequ::indicator {
namespace {

TEST(IndicatorCatalogue, HoldsThePlansThirtyRowsEachOnce) {
  std::set<std::string> rows;
  std::set<std::string_view> ids;
  std::vector<std::string_view> rates;
  for (const Indicator& i : indicators()) {
    EXPECT_TRUE(ids.insert(i.id).second) << i.id;
    if (!i.in_plan()) {
      rates.push_back(i.id);
      continue;
    }
    EXPECT_TRUE(rates.empty()) << "the plan's rows come first, " << i.id;
    rows.insert(std::string(i.id.substr(0, i.id.find('.'))));
    if (i.source == Source::computed && !i.from_circle) {
      EXPECT_TRUE(i.numerator && i.denominator) << i.id;
    }
    EXPECT_FALSE(i.name.zh.empty() || i.name.en.empty()) << i.id;
  }
  EXPECT_EQ(rows.size(), 30u);
  EXPECT_EQ(rates, (std::vector<std::string_view>{"R1", "R2", "R3"}));
  EXPECT_EQ(indicators_for("19").size(), 2u);
  EXPECT_EQ(indicators_for("1").size(), 1u) << "1 is not 19.1's prefix";
  EXPECT_TRUE(indicators_for("31").empty());
  // The plan's 2020 column.
  EXPECT_EQ(find_indicator("1")->baseline_2020, 50);
  EXPECT_EQ(find_indicator("2")->baseline_2020, 100);
  EXPECT_EQ(find_indicator("4")->baseline_2020, 26);
  EXPECT_EQ(find_indicator("7")->baseline_2020, 15);
}

TEST(IndicatorCatalogue, ATargetIsMetExactlyNotWhenRoundedUp) {
  const Indicator& rural = *find_indicator("1");  // ≥ 80 %
  EXPECT_TRUE(meets(rural, 80.0));
  EXPECT_TRUE(meets(rural, 4.0 / 5 * 100));
  EXPECT_FALSE(meets(rural, 79.96));
  EXPECT_TRUE(meets(*find_indicator("30"), 0.1));
  EXPECT_FALSE(meets(*find_indicator("30"), 0.06)) << "0.06 m² is not 0.1 m²";
}

TEST(IndicatorPeriods, ReadAsDhis2WritesThem) {
  struct Case {
    const char* text;
    bool valid;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"2025", true, "2025-01-01", "2025-12-31"},
      {"2024Q1", true, "2024-01-01", "2024-03-31"},
      {"2025Q4", true, "2025-10-01", "2025-12-31"},
      {"202402", true, "2024-02-01", "2024-02-29"},
      {"202302", true, "2023-02-01", "2023-02-28"},
      {"202511", true, "2025-11-01", "2025-11-30"},
      {"2025Q5", false, "", ""},
      {"202513", false, "", ""},
      {"202500", false, "", ""},
      {"2014", false, "", ""},
      {"2036", false, "", ""},
      {"25", false, "", ""},
      {"2025-11", false, "", ""},
      {"2025W1", false, "", ""},
      {"２０２５", false, "", ""},
      {"", false, "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto period = parse_period(c.text);
    ASSERT_EQ(period.has_value(), c.valid);
    if (!period) continue;
    EXPECT_EQ(to_string(*period), c.text);
    EXPECT_EQ(first_day(*period), c.first);
    EXPECT_EQ(last_day(*period), c.last);
  }
  EXPECT_EQ(to_string(year_before(*parse_period("2025Q3"))), "2024Q3");
}

facility::FacilityFields comprehensive(std::string status, std::optional<std::string> opened,
                                       std::optional<std::string> closed = std::nullopt) {
  facility::FacilityFields f;
  f.type = "comprehensive";
  f.floor_area = 300.25;
  f.activity_area = 200;
  f.status = std::move(status);
  f.opened_on = std::move(opened);
  f.closed_on = std::move(closed);
  for (auto& day : f.hours) day = {{480, 1020}};
  f.services = {"volunteer_station", "meal_aid"};
  return f;
}

std::array<int64_t, kFactCount> facts_of(org::UnitType type, org::Level level,
                                         const std::vector<facility::FacilityFields>& facilities,
                                         std::string_view day = "2025-12-31") {
  std::vector<const facility::FacilityFields*> here;
  for (const auto& f : facilities) here.push_back(&f);
  std::array<int64_t, kFactCount> out{};
  count_facts({"x", "x", "", level, type}, here, nullptr, day, out);
  return out;
}

int64_t at(const std::array<int64_t, kFactCount>& facts, Fact fact) {
  return facts[static_cast<std::size_t>(fact)];
}

TEST(IndicatorFacts, AFacilityCountsFromItsOpeningUntilItsClosing) {
  struct Case {
    facility::FacilityFields facility;
    const char* day;
    bool counts;
  };
  const Case cases[] = {
      {comprehensive("open", "2020-03-01"), "2020-02-29", false},
      {comprehensive("open", "2020-03-01"), "2020-03-01", true},
      {comprehensive("open", std::nullopt), "2016-12-31", true},
      {comprehensive("building", std::nullopt), "2025-12-31", false},
      {comprehensive("closed", "2019-01-01", "2024-06-30"), "2024-06-29", true},
      {comprehensive("closed", "2019-01-01", "2024-06-30"), "2024-06-30", false},
      {comprehensive("closed", "2019-01-01"), "2020-12-31", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(stands_on(c.facility, c.day), c.counts);
    const auto facts =
        facts_of(org::UnitType::villagers_committee, org::Level::village, {c.facility}, c.day);
    EXPECT_EQ(at(facts, Fact::villages_with_facility), c.counts ? 1 : 0);
  }
}

TEST(IndicatorFacts, VirtualUnitsAreNotCountedAsVillagesOrTownshipsButTheirAreasAre) {
  const auto facility = comprehensive("open", "2019-01-01");
  const auto village =
      facts_of(org::UnitType::villagers_committee, org::Level::village, {facility});
  EXPECT_EQ(at(village, Fact::villages), 1);
  EXPECT_EQ(at(village, Fact::villages_and_communities), 1);
  EXPECT_EQ(at(village, Fact::facility_floor_area), 3'002'500) << "300.25 m² in cm²";
  EXPECT_EQ(at(village, Fact::facilities_with_volunteers), 1);
  EXPECT_EQ(at(village, Fact::facilities_open_8h), 1) << "08:00-17:00 every day";
  EXPECT_EQ(at(village, Fact::communities), 0);

  const auto like =
      facts_of(org::UnitType::villagers_committee_like, org::Level::village, {facility});
  EXPECT_EQ(at(like, Fact::villages), 0);
  EXPECT_EQ(at(like, Fact::villages_with_facility), 0);
  EXPECT_EQ(at(like, Fact::villages_and_communities), 0);
  EXPECT_EQ(at(like, Fact::facility_floor_area), 3'002'500);

  EXPECT_EQ(at(facts_of(org::UnitType::town, org::Level::township, {}), Fact::townships), 1);
  EXPECT_EQ(at(facts_of(org::UnitType::township_like, org::Level::township, {}), Fact::townships),
            0);

  // Meal aid without home care is not both.
  const auto community =
      facts_of(org::UnitType::residents_committee, org::Level::village, {facility});
  EXPECT_EQ(at(community, Fact::communities_with_facility), 1);
  EXPECT_EQ(at(community, Fact::communities_with_care), 0);
}

// A random tree of `n` units, parents before children in creation order but shuffled codes.
std::vector<HierarchyUnit> random_tree(std::mt19937& random, std::size_t n) {
  std::vector<HierarchyUnit> units;
  for (std::size_t i = 0; i < n; ++i) {
    HierarchyUnit u;
    u.code = std::to_string(100000 + (i * 7919) % 900000);
    if (i > 0) u.parent_code = units[random() % i].code;
    units.push_back(u);
  }
  std::shuffle(units.begin(), units.end(), random);
  return units;
}

TEST(IndicatorRollup, ChangesCarriedUpEqualCountingEverythingAgain) {
  std::mt19937 random(2025);
  for (int round = 0; round < 20; ++round) {
    const Hierarchy tree(random_tree(random, 1 + random() % 200));
    constexpr std::size_t kColumns = 3;
    Rollup kept(tree, kColumns);
    std::vector<std::array<int64_t, kColumns>> own(tree.size());
    for (uint32_t u = 0; u < tree.size(); ++u) {
      for (auto& v : own[u]) v = static_cast<int64_t>(random() % 1000);
      kept.set_own(u, own[u]);
    }
    kept.sum_all();
    for (int change = 0; change < 30; ++change) {
      const auto u = static_cast<uint32_t>(random() % tree.size());
      for (auto& v : own[u]) v = static_cast<int64_t>(random() % 1000);
      kept.change_own(u, own[u]);
    }
    Rollup fresh(tree, kColumns);
    for (uint32_t u = 0; u < tree.size(); ++u) fresh.set_own(u, own[u]);
    fresh.sum_all();
    for (uint32_t u = 0; u < tree.size(); ++u) {
      ASSERT_TRUE(std::ranges::equal(kept.total(u), fresh.total(u))) << "round " << round;
      // A unit's total is its own plus its children's totals.
      std::array<int64_t, kColumns> sum = own[u];
      for (uint32_t child : tree.node(u).children) {
        for (std::size_t c = 0; c < kColumns; ++c) sum[c] += fresh.total(child)[c];
      }
      ASSERT_TRUE(std::ranges::equal(fresh.total(u), sum));
      if (tree.node(u).parent != Hierarchy::kNone) {
        ASSERT_LT(tree.node(u).parent, u) << "parents come first";
      }
    }
  }
}

TEST(IndicatorRollup, UnitsOfALevelBelowAUnitInCodeOrder) {
  const Hierarchy tree(
      {{"620000000000", "省", "", org::Level::province, org::UnitType::province},
       {"620100000000", "市", "620000000000", org::Level::city, org::UnitType::prefecture_city},
       {"620102000000", "区", "620100000000", org::Level::county, org::UnitType::district},
       {"620101000000", "区2", "620100000000", org::Level::county, org::UnitType::district},
       {"620102001000", "街道", "620102000000", org::Level::township, org::UnitType::subdistrict}});
  const uint32_t root = tree.index_of("620000000000");
  std::vector<std::string> codes;
  for (uint32_t u : tree.descendants_at(root, org::Level::county))
    codes.push_back(tree.node(u).unit.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"620101000000", "620102000000"}));
  EXPECT_TRUE(tree.descendants_at(tree.index_of("620102001000"), org::Level::county).empty());
  EXPECT_EQ(tree.index_of("630000000000"), Hierarchy::kNone);
}

}  // namespace
}  // namespace shequ::indicator
