// The shelter assignment: hand-made cases where filling the nearest pairs first goes wrong, and
// random small towns where the exact assignment must equal the best of every possible placement
// of every person, found by trying them all.
#include <gtest/gtest.h>

#include <random>

#include "access/shelters.hpp"
#include "support/access_reference.hpp"

namespace shequ::access {
namespace {

// A street of nodes 0..n-1 along a line, `gaps_mm[i]` between node i and i + 1.
WalkGraph street(const std::vector<uint32_t>& gaps_mm) {
  WalkGraph g;
  const auto nodes = static_cast<uint32_t>(gaps_mm.size() + 1);
  g.lat_e7.assign(nodes, 360'000'000);
  g.lon_e7.assign(nodes, 1'037'000'000);
  g.offsets.push_back(0);
  for (uint32_t n = 0; n < nodes; ++n) {
    if (n > 0) {
      g.targets.push_back(n - 1);
      g.lengths_mm.push_back(gaps_mm[n - 1]);
    }
    if (n + 1 < nodes) {
      g.targets.push_back(n + 1);
      g.lengths_mm.push_back(gaps_mm[n]);
    }
    g.offsets.push_back(static_cast<uint32_t>(g.targets.size()));
  }
  return g;
}

Residence home_at(uint32_t node, uint32_t people = 0, uint32_t snap_mm = 0) {
  Residence home;
  home.node = node;
  home.snap_mm = snap_mm;
  home.people = people;
  return home;
}

constexpr uint32_t kLimit = 1'000'000;  // fifteen minutes at 4 km/h

TEST(Shelters, SendsAHomeFartherWhenThatLetsAnotherOneIn) {
  // Shelter A at node 0 and B at node 3, one place each. Home 1 (node 1) is 100 m from A and
  // 200 m from B; home 2 (node 0, 950 m off the road) reaches only A (B is 1,250 m away).
  // Nearest pairs first: home 1 takes A, and home 2 is left out. The exact assignment sends
  // home 1 to B and places both.
  const WalkGraph g = street({100'000, 100'000, 100'000});
  const std::vector<Residence> homes{home_at(1), home_at(0, 0, 950'000)};
  const std::vector<ShelterSite> shelters{{0, 0, 1}, {3, 0, 1}};

  const ShelterPlan greedy = assign_shelters_greedy(g, homes, shelters, kLimit);
  EXPECT_EQ(greedy.placed_people, 1u);

  const ShelterPlan exact = assign_shelters(g, homes, shelters, kLimit);
  EXPECT_EQ(exact.placed_people, 2u);
  EXPECT_EQ(exact.placements, (std::vector<Placement>{{0, 1, 1, 200'000}, {1, 0, 1, 950'000}}));
  EXPECT_EQ(exact.person_walk_mm, 1'150'000u);
  EXPECT_EQ(exact.nearest_mm, (std::vector<uint32_t>{100'000, 950'000}));
  EXPECT_EQ(exact.nearest_shelter, (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(exact.placed_per_shelter, (std::vector<int64_t>{1, 1}));
}

TEST(Shelters, WalksFewerMetresThanNearestPairsFirst) {
  // A at node 0, B at node 2, one place each. Home 1 at node 1: 100 m to A, 150 m to B. Home 2
  // at node 0, 20 m off the road: 20 m to A, 270 m to B. Nearest pairs first: home 2 takes A,
  // home 1 B, 170 m, which is also the best. Then home 2 120 m off the road: nearest pairs first
  // give home 1 A (100 m) and home 2 B (370 m), 470 m; the best is home 2 to A (120 m) and
  // home 1 to B (150 m), 270 m.
  const WalkGraph g = street({100'000, 150'000});
  const std::vector<ShelterSite> shelters{{0, 0, 1}, {2, 0, 1}};
  {
    const std::vector<Residence> homes{home_at(1), home_at(0, 0, 20'000)};
    EXPECT_EQ(assign_shelters_greedy(g, homes, shelters, kLimit).person_walk_mm, 170'000u);
    EXPECT_EQ(assign_shelters(g, homes, shelters, kLimit).person_walk_mm, 170'000u);
  }
  {
    const std::vector<Residence> homes{home_at(1), home_at(0, 0, 120'000)};
    EXPECT_EQ(assign_shelters_greedy(g, homes, shelters, kLimit).person_walk_mm, 470'000u);
    const ShelterPlan exact = assign_shelters(g, homes, shelters, kLimit);
    EXPECT_EQ(exact.person_walk_mm, 270'000u);
    EXPECT_EQ(exact.placements, (std::vector<Placement>{{0, 1, 1, 150'000}, {1, 0, 1, 120'000}}));
  }
}

TEST(Shelters, LeavesOutHomesBeyondTheWalkAndWhatNoShelterHasRoomFor) {
  // One shelter of 3 places at node 0; a household of 2 at 100 m, one of 4 at 200 m, one home at
  // 1,200 m (beyond the walk); a shelter off the network and one without room.
  const WalkGraph g = street({100'000, 100'000, 1'000'000});
  const std::vector<Residence> homes{home_at(1, 2), home_at(2, 4), home_at(3)};
  const std::vector<ShelterSite> shelters{{0, 0, 3}, {kNotSnapped, 0, 100}, {1, 0, 0}};
  const ShelterPlan plan = assign_shelters(g, homes, shelters, kLimit);
  EXPECT_EQ(plan.people, 7u);
  EXPECT_EQ(plan.placed_people, 3u);
  EXPECT_EQ(plan.nearest_mm[2], kUnreached);
  EXPECT_EQ(plan.nearest_shelter[2], kNoShelter);
  // The empty shelter at node 1 is the nearest of the first two, though it takes nobody.
  EXPECT_EQ(plan.nearest_shelter[0], 2u);
  EXPECT_EQ(plan.nearest_mm[0], 0u);
  EXPECT_EQ(plan.placed_per_shelter, (std::vector<int64_t>{3, 0, 0}));
  // Two people walk 100 m, one 200 m: the nearer household whole, one of the other.
  EXPECT_EQ(plan.person_walk_mm, 400'000u);
  EXPECT_EQ(plan.split_homes, 0u);
}

TEST(Shelters, SplitsAHouseholdOnlyWhenTheCapacitiesForceIt) {
  // A household of 3 between two shelters of 2 places each: all placed, one split.
  const WalkGraph g = street({100'000, 100'000});
  const std::vector<Residence> homes{home_at(1, 3)};
  const std::vector<ShelterSite> shelters{{0, 0, 2}, {2, 0, 2}};
  const ShelterPlan plan = assign_shelters(g, homes, shelters, kLimit);
  EXPECT_EQ(plan.placed_people, 3u);
  EXPECT_EQ(plan.split_homes, 1u);
  EXPECT_EQ(plan.placements.size(), 2u);
}

// The best placement by trying every shelter (or none) for every person: most people placed,
// then fewest person-millimetres.
std::pair<uint64_t, uint64_t> best_by_trying_all(const WalkGraph& g,
                                                 const std::vector<Residence>& homes,
                                                 const std::vector<ShelterSite>& shelters,
                                                 uint32_t limit) {
  // walk[h][s]: UINT64_MAX beyond the limit.
  std::vector<std::vector<uint64_t>> walk(homes.size(),
                                          std::vector<uint64_t>(shelters.size(), UINT64_MAX));
  for (std::size_t s = 0; s < shelters.size(); ++s) {
    const auto from = reference::distances_from(g, shelters[s].node, limit);
    for (std::size_t h = 0; h < homes.size(); ++h) {
      if (from[homes[h].node] == UINT64_MAX) continue;
      const uint64_t total = from[homes[h].node] + shelters[s].snap_mm + homes[h].snap_mm;
      if (total <= limit) walk[h][s] = total;
    }
  }
  std::vector<std::size_t> person_home;
  for (std::size_t h = 0; h < homes.size(); ++h) {
    for (uint32_t p = 0; p < home_weight(homes[h]); ++p) person_home.push_back(h);
  }
  const std::size_t choices = shelters.size() + 1;  // the last: not placed
  std::vector<std::size_t> choice(person_home.size(), 0);
  std::pair<uint64_t, uint64_t> best{0, 0};
  for (;;) {
    std::vector<int64_t> used(shelters.size(), 0);
    uint64_t placed = 0;
    uint64_t walked = 0;
    bool possible = true;
    for (std::size_t i = 0; i < choice.size() && possible; ++i) {
      if (choice[i] == shelters.size()) continue;
      const uint64_t w = walk[person_home[i]][choice[i]];
      possible = w != UINT64_MAX && ++used[choice[i]] <= shelters[choice[i]].capacity;
      ++placed;
      walked += w;
    }
    if (possible && (placed > best.first || (placed == best.first && walked < best.second))) {
      best = {placed, walked};
    }
    std::size_t i = 0;
    while (i < choice.size() && ++choice[i] == choices) choice[i++] = 0;
    if (i == choice.size()) break;
  }
  return best;
}

TEST(Shelters, EqualsTheBestOfEveryPlacementOnRandomTowns) {
  std::mt19937 random(2025);
  int greedy_worse = 0;
  for (uint32_t round = 0; round < 40; ++round) {
    const Network town = reference::generated_city(5, 4, 0, 0, round + 1);
    std::vector<Residence> homes = town.residences;
    for (Residence& home : homes) home.people = random() % 3;  // 0: a building, weighs one
    std::vector<ShelterSite> shelters;
    for (int s = 0; s < 3; ++s) {
      shelters.push_back({static_cast<uint32_t>(random() % town.graph.node_count()),
                          static_cast<uint32_t>(random() % 40'000),
                          static_cast<int64_t>(random() % 4)});
    }
    const uint32_t limit = 150'000 + (round % 5) * 60'000;
    const ShelterPlan exact = assign_shelters(town.graph, homes, shelters, limit);
    const auto best = best_by_trying_all(town.graph, homes, shelters, limit);
    ASSERT_EQ(exact.placed_people, best.first) << "round " << round;
    ASSERT_EQ(exact.person_walk_mm, best.second) << "round " << round;
    for (std::size_t s = 0; s < shelters.size(); ++s) {
      EXPECT_LE(exact.placed_per_shelter[s], shelters[s].capacity);
    }
    const ShelterPlan greedy = assign_shelters_greedy(town.graph, homes, shelters, limit);
    EXPECT_LE(greedy.placed_people, exact.placed_people);
    greedy_worse +=
        greedy.placed_people < exact.placed_people || greedy.person_walk_mm > exact.person_walk_mm;
  }
  // The towns are small and tight enough that nearest-first goes wrong in some of them.
  EXPECT_GT(greedy_worse, 0);
}

}  // namespace
}  // namespace shequ::access
