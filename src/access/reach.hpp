// How far one must walk from every network node to the nearest of a set of facilities.
//
// One multi-source search per service type answers it for every home at once: all facility
// nodes start at distance 0 and a single Dijkstra spreads from them until the limit. Walking
// distances are symmetric, so the distance from a node to its nearest facility equals the
// distance the search reaches it at. Integer millimetres keep results exact.
//
// Thread-safe: pure functions over an immutable graph.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "access/walk_graph.hpp"

namespace shequ::access {

inline constexpr uint32_t kUnreached = std::numeric_limits<uint32_t>::max();

// A place a search starts from: a network node and the distance already walked to reach it
// (a facility's straight-line walk to the road, for instance).
struct Source {
  uint32_t node;
  uint32_t start_mm;
};

// For every node, the walking distance in millimetres to the nearest source (its start distance
// included), or kUnreached when that is more than `limit_mm`. Precondition: sources are node
// indices of the graph.
std::vector<uint32_t> nearest_within(const WalkGraph& graph, std::span<const Source> sources,
                                     uint32_t limit_mm);

}  // namespace shequ::access
