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

// For every node, the walking distance in millimetres to the nearest node of `sources`, or
// kUnreached when it is more than `limit_mm` away. Precondition: sources are node indices.
std::vector<uint32_t> nearest_within(const WalkGraph& graph, std::span<const uint32_t> sources,
                                     uint32_t limit_mm);

// The node nearest to a point (degrees × 10^7), by straight-line distance, and that distance in
// millimetres; for snapping homes and facilities to the network. Precondition: a non-empty graph.
struct Snap {
  uint32_t node;
  uint32_t distance_mm;
};
Snap snap_to_network(const WalkGraph& graph, int32_t lat_e7, int32_t lon_e7);

}  // namespace shequ::access
