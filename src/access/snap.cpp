#include "access/snap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shequ::access {

namespace {

int32_t cell_of(int32_t e7) {
  return static_cast<int32_t>(std::floor(static_cast<double>(e7) / 20'000.0));
}

}  // namespace

double cos_latitude(int32_t lat_e7) {
  return std::cos(lat_e7 * 1e-7 * M_PI / 180.0);
}

uint32_t straight_distance_mm(int32_t lat_a, int32_t lon_a, int32_t lat_b, int32_t lon_b) {
  return straight_distance_mm(lat_a, lon_a, cos_latitude(lat_a), lat_b, lon_b);
}

uint64_t SnapIndex::key(int32_t cell_y, int32_t cell_x) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(cell_y)) << 32) |
         static_cast<uint32_t>(cell_x);
}

SnapIndex::SnapIndex(const WalkGraph& graph) : SnapIndex(graph, [](uint32_t) { return true; }) {}

SnapIndex::SnapIndex(const WalkGraph& graph, const std::function<bool(uint32_t)>& include)
    : graph_(graph) {
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(graph.node_count());
  for (uint32_t n = 0; n < graph.node_count(); ++n) {
    if (!include(n)) continue;
    keyed.emplace_back(key(cell_of(graph.lat_e7[n]), cell_of(graph.lon_e7[n])), n);
  }
  std::sort(keyed.begin(), keyed.end());
  nodes_.reserve(keyed.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    if (i == 0 || keyed[i].first != keyed[i - 1].first) {
      cells_[keyed[i].first] = {static_cast<uint32_t>(i), static_cast<uint32_t>(i)};
    }
    nodes_.push_back(keyed[i].second);
    ++cells_[keyed[i].first].second;
  }
}

std::optional<Snap> SnapIndex::nearest(int32_t lat_e7, int32_t lon_e7, uint32_t max_mm) const {
  const int32_t cy = cell_of(lat_e7);
  const int32_t cx = cell_of(lon_e7);
  // A cell is at least this wide in either direction (longitude cells narrow with latitude).
  const double cos_lat =
      std::max(0.01, std::cos(std::min(89.0, std::abs(lat_e7 * 1e-7) + 1.0) * M_PI / 180.0));
  const double cell_mm = kCellE7 * 1e-7 * kMetresPerDegree * 1000.0 * cos_lat;
  std::optional<Snap> best;
  auto consider = [&](int32_t y, int32_t x) {
    const auto it = cells_.find(key(y, x));
    if (it == cells_.end()) return;
    for (uint32_t i = it->second.first; i < it->second.second; ++i) {
      const uint32_t n = nodes_[i];
      const uint32_t d = straight_distance_mm(lat_e7, lon_e7, graph_.lat_e7[n], graph_.lon_e7[n]);
      if (d <= max_mm &&
          (!best || d < best->distance_mm || (d == best->distance_mm && n < best->node))) {
        best = Snap{n, d};
      }
    }
  };
  for (int32_t ring = 0;; ++ring) {
    // Every node outside rings 0..ring-1 is at least (ring - 1) cells away from the point.
    const double nearest_possible = (ring - 1) * cell_mm;
    if (ring > 0 && (nearest_possible > max_mm || (best && nearest_possible > best->distance_mm))) {
      break;
    }
    for (int32_t dy = -ring; dy <= ring; ++dy) {
      for (int32_t dx = -ring; dx <= ring; ++dx) {
        if (std::max(std::abs(dy), std::abs(dx)) == ring) consider(cy + dy, cx + dx);
      }
    }
  }
  return best;
}

}  // namespace shequ::access
