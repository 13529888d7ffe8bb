// Matching needs to resources over the walking network (access/matching.hpp): a hand-made street
// whose proposals are worked out by hand, and a generated city where the search per resource
// answers what a search per need does.
#include <gtest/gtest.h>

#include <random>

#include "access/matching.hpp"
#include "support/access_reference.hpp"

namespace shequ::access {
namespace {

constexpr uint32_t kMetre = 1000;

// Nodes 0–1–2–3–4 in a row, 100 m apart, and a lane of 50 m from node 2 to node 5.
WalkGraph street() {
  const std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> ways{
      {0, 1, 100}, {1, 2, 100}, {2, 3, 100}, {3, 4, 100}, {2, 5, 50}};
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> edges(6);
  for (const auto& [a, b, metres] : ways) {
    edges[a].push_back({b, metres * kMetre});
    edges[b].push_back({a, metres * kMetre});
  }
  WalkGraph g;
  g.offsets.push_back(0);
  for (const auto& out : edges) {
    for (const auto& [target, length] : out) {
      g.targets.push_back(target);
      g.lengths_mm.push_back(length);
    }
    g.offsets.push_back(static_cast<uint32_t>(g.targets.size()));
  }
  g.lat_e7.assign(6, 0);
  g.lon_e7.assign(6, 0);
  return g;
}

TEST(MatchingTest, ProposalsOnAHandMadeStreetAreTheOnesWorkedOutByHand) {
  const WalkGraph g = street();
  constexpr uint32_t kMeals = 1;
  constexpr uint32_t kCare = 2;
  const std::vector<MatchNeed> needs{
      {0, 10 * kMetre, kMeals, WeekHours::always()},  // 10 m from node 0
      {4, 0, kMeals, WeekHours::daily(18, 20)},       // evenings only
      {5, 0, kCare, WeekHours::always()},
      {kNotSnapped, 0, kMeals, WeekHours::always()},  // off every way
  };
  const std::vector<MatchResource> resources{
      {1, 5 * kMetre, kMeals, 2, WeekHours::daily(8, 17)},  // R0
      {2, 0, kMeals, 5, WeekHours::always()},               // R1
      {3, 0, kMeals, 0, WeekHours::always()},               // R2: full
      {0, 40 * kMetre, kCare, 1, WeekHours::always()},      // R3: 290 m from the lane's end
      {4, 0, kMeals, 1, WeekHours::daily(8, 12)},           // R4: mornings only
      {3, 0, kMeals, 3, WeekHours::always()},               // R5
      {1, 5 * kMetre, kMeals, 9, WeekHours::always()},      // R6: as near as R0, more room
      {2, 20 * kMetre, kCare, 1, WeekHours::always()},      // R7
  };
  const uint32_t limit = 250 * kMetre;
  // Need 0: R6 and R0 at 10 + 100 + 5 m (R6 has more room), R1 at 210 m; R5 at 310 m is beyond.
  // Need 1: R4 stands at its node but is closed in the evening; R5 at 100 m, R1 at 200 m; R2 is
  // full. Need 2: R7 at 50 + 20 m; R3 at 250 + 40 m is beyond. Need 3: nothing.
  const std::vector<std::vector<Proposal>> expected{
      {{6, 115 * kMetre}, {0, 115 * kMetre}, {1, 210 * kMetre}},
      {{5, 100 * kMetre}, {1, 200 * kMetre}},
      {{7, 70 * kMetre}},
      {}};
  EXPECT_EQ(match_needs(g, needs, resources, limit, 5), expected);
  EXPECT_EQ(reference::match_per_need(g, needs, resources, limit, 5), expected);
  const auto two = match_needs(g, needs, resources, limit, 2);
  EXPECT_EQ(two[0], (std::vector<Proposal>{{6, 115 * kMetre}, {0, 115 * kMetre}}));
  EXPECT_EQ(two[1], expected[1]);
}

TEST(MatchingTest, OneSearchPerResourceAnswersWhatOneSearchPerNeedDoes) {
  const Network city = reference::generated_city(30, 10, 1, 1, 7);
  std::mt19937 random(11);
  const auto node = [&] { return static_cast<uint32_t>(random() % city.graph.node_count()); };
  std::vector<MatchNeed> needs;
  for (int i = 0; i < 600; ++i) {
    WeekHours hours =
        WeekHours::daily(static_cast<int>(random() % 20), static_cast<int>(random() % 20) + 4);
    needs.push_back({i % 50 == 0 ? kNotSnapped : node(), static_cast<uint32_t>(random() % 60'000),
                     static_cast<uint32_t>(random() % 4), hours});
  }
  std::vector<MatchResource> resources;
  for (int i = 0; i < 120; ++i) {
    resources.push_back({node(), static_cast<uint32_t>(random() % 40'000),
                         static_cast<uint32_t>(random() % 4), static_cast<int64_t>(random() % 4),
                         WeekHours::daily(static_cast<int>(random() % 12), 24)});
  }
  const uint32_t limit = 1200 * kMetre;
  const auto fast = match_needs(city.graph, needs, resources, limit, 5);
  EXPECT_EQ(fast, reference::match_per_need(city.graph, needs, resources, limit, 5));
  std::size_t proposed = 0;
  for (const auto& list : fast) proposed += list.size();
  EXPECT_GT(proposed, needs.size()) << "the comparison has candidates to compare";
}

}  // namespace
}  // namespace shequ::access
