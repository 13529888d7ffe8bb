#include "access/reach.hpp"

#include <cmath>
#include <queue>

namespace shequ::access {

std::vector<uint32_t> nearest_within(const WalkGraph& graph, std::span<const uint32_t> sources,
                                     uint32_t limit_mm) {
  std::vector<uint32_t> distance(graph.node_count(), kUnreached);
  using Item = std::pair<uint32_t, uint32_t>;  // (distance, node), smallest first
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (uint32_t source : sources) {
    if (distance[source] != 0) {
      distance[source] = 0;
      queue.push({0, source});
    }
  }
  while (!queue.empty()) {
    const auto [d, node] = queue.top();
    queue.pop();
    if (d != distance[node]) continue;  // a stale entry: the node was settled closer
    for (uint32_t e = graph.offsets[node]; e < graph.offsets[node + 1]; ++e) {
      const uint64_t next = static_cast<uint64_t>(d) + graph.lengths_mm[e];
      const uint32_t target = graph.targets[e];
      if (next <= limit_mm && next < distance[target]) {
        distance[target] = static_cast<uint32_t>(next);
        queue.push({static_cast<uint32_t>(next), target});
      }
    }
  }
  return distance;
}

Snap snap_to_network(const WalkGraph& graph, int32_t lat_e7, int32_t lon_e7) {
  // An equirectangular projection is exact enough at walking range for choosing the nearest.
  constexpr double kMetresPerDegree = 111'195.0;
  const double cos_lat = std::cos(lat_e7 * 1e-7 * M_PI / 180.0);
  Snap best{0, kUnreached};
  double best_squared = std::numeric_limits<double>::max();
  for (uint32_t n = 0; n < graph.node_count(); ++n) {
    const double dy = (graph.lat_e7[n] - lat_e7) * 1e-7 * kMetresPerDegree;
    const double dx = (graph.lon_e7[n] - lon_e7) * 1e-7 * kMetresPerDegree * cos_lat;
    const double squared = dx * dx + dy * dy;
    if (squared < best_squared) {
      best_squared = squared;
      best = {n, static_cast<uint32_t>(std::llround(std::sqrt(squared) * 1000.0))};
    }
  }
  return best;
}

}  // namespace shequ::access
