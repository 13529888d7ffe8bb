// Snapping points (homes, facilities, candidate sites) to the walking network: the nearest
// network node by straight-line distance, within a maximum distance.
//
// A uniform grid over the nodes answers each query by looking at the cells around the point,
// ring by ring, so snapping a province's million homes does not scan its millions of nodes.
// Distances use an equirectangular projection at the query's latitude, exact enough at walking
// range; ties go to the lower node index, so results do not depend on the grid.
//
// Thread-safe: immutable after construction. Holds a reference to the graph, which must outlive it.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

#include "access/walk_graph.hpp"

namespace shequ::access {

struct Snap {
  uint32_t node;
  uint32_t distance_mm;
};

// Metres along a meridian per degree of latitude (and along the equator per degree of longitude).
inline constexpr double kMetresPerDegree = 111'195.0;

// Straight-line distance in millimetres between two points given in degrees × 10^7.
uint32_t straight_distance_mm(int32_t lat_a, int32_t lon_a, int32_t lat_b, int32_t lon_b);
// The same, with `cos_lat_a` = cos_latitude(lat_a) worked out once by a caller that measures
// from one point many times (the result is identical).
inline uint32_t straight_distance_mm(int32_t lat_a, int32_t lon_a, double cos_lat_a, int32_t lat_b,
                                     int32_t lon_b) {
  const double dy = (lat_b - lat_a) * 1e-7 * kMetresPerDegree;
  const double dx = (lon_b - lon_a) * 1e-7 * kMetresPerDegree * cos_lat_a;
  const double mm = std::sqrt(dx * dx + dy * dy) * 1000.0;
  return mm >= 4e9 ? std::numeric_limits<uint32_t>::max() - 1
                   : static_cast<uint32_t>(std::llround(mm));
}
double cos_latitude(int32_t lat_e7);

class SnapIndex {
 public:
  explicit SnapIndex(const WalkGraph& graph);
  // Over the nodes `include` keeps only (the nodes on a named street, for naming places).
  SnapIndex(const WalkGraph& graph, const std::function<bool(uint32_t)>& include);

  // The nearest node within `max_mm`, or nullopt when none is that close.
  std::optional<Snap> nearest(int32_t lat_e7, int32_t lon_e7, uint32_t max_mm) const;

 private:
  static constexpr int32_t kCellE7 = 20'000;  // 0.002°: about 220 m north–south
  static uint64_t key(int32_t cell_y, int32_t cell_x);

  const WalkGraph& graph_;
  std::vector<uint32_t> nodes_;  // node indices grouped by cell
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> cells_;  // key → [begin, end)
};

}  // namespace shequ::access
