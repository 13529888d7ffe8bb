// Homes and emergency shelters (应急避难场所): how far every home walks to its nearest shelter, and
// which shelter each home goes to when all of them must go at once and no shelter takes more people
// than it holds.
//
// The assignment is exact: a min-cost flow (LEMON's network simplex) that first places as many
// people as the shelters within the walk can take, and among all such placements walks the fewest
// person-metres. So a home is sent farther than its nearest shelter only where that one is full
// of people who have no nearer choice. People are the unit of flow: a household stays whole unless
// the capacities force it apart, which a basic optimal flow (a spanning tree) does for at most as
// many households as there are shelters (each such split is reported). A greedy placement (nearest
// pairs first, each home whole where it still fits) is kept beside it for comparison
// (bench/shelters.cpp).
//
// A home weighs its household's members, or one for a building of the map.
//
// Thread-safe: pure functions over an immutable graph.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "access/network.hpp"
#include "access/walk_graph.hpp"

namespace shequ::access {

inline constexpr uint32_t kNoShelter = std::numeric_limits<uint32_t>::max();

struct ShelterSite {
  uint32_t node = kNotSnapped;  // kNotSnapped: too far from every walkable way, takes nobody
  uint32_t snap_mm = 0;         // straight-line walk from the shelter to its node
  int64_t capacity = 0;         // people; 0 takes nobody
};

// `people` of home `home` go to shelter `shelter`, walking `walk_mm` (snaps included).
struct Placement {
  uint32_t home = 0;
  uint32_t shelter = 0;
  uint32_t people = 0;
  uint32_t walk_mm = 0;
  bool operator==(const Placement&) const = default;
};

struct ShelterPlan {
  uint32_t limit_mm = 0;
  // Per home: the walk to the nearest shelter, full or not (kUnreached beyond limit_mm), and which.
  std::vector<uint32_t> nearest_mm;
  std::vector<uint32_t> nearest_shelter;  // kNoShelter beyond limit_mm
  // Ordered by home, then shelter. A home with none is not placed: beyond every shelter's walk
  // (nearest_mm is kUnreached), or every shelter within it is full.
  std::vector<Placement> placements;
  std::vector<int64_t> placed_per_shelter;  // people
  uint64_t people = 0;                      // of all homes
  uint64_t placed_people = 0;
  uint64_t person_walk_mm = 0;  // Σ people × walk over the placements
  uint32_t split_homes = 0;     // homes whose people go to more than one shelter
  bool operator==(const ShelterPlan&) const = default;
};

// How much a home weighs: its household's members, or one for a building of the map.
uint32_t home_weight(const Residence& home);

// The exact assignment of `homes` to `shelters` within `limit_mm` of walking.
ShelterPlan assign_shelters(const WalkGraph& graph, std::span<const Residence> homes,
                            std::span<const ShelterSite> shelters, uint32_t limit_mm);

// The greedy placement, for comparison: (home, shelter) pairs nearest first, each home placed
// whole at the first shelter of its pairs that still has room for all its people.
ShelterPlan assign_shelters_greedy(const WalkGraph& graph, std::span<const Residence> homes,
                                   std::span<const ShelterSite> shelters, uint32_t limit_mm);

}  // namespace shequ::access
