#include "access/reach.hpp"

#include <queue>

namespace shequ::access {

std::vector<uint32_t> nearest_within(const WalkGraph& graph, std::span<const Source> sources,
                                     uint32_t limit_mm) {
  std::vector<uint32_t> distance(graph.node_count(), kUnreached);
  using Item = std::pair<uint32_t, uint32_t>;  // (distance, node), smallest first
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (const Source& source : sources) {
    if (source.start_mm <= limit_mm && source.start_mm < distance[source.node]) {
      distance[source.node] = source.start_mm;
      queue.push({source.start_mm, source.node});
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

}  // namespace shequ::access
