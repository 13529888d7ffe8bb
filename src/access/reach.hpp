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
#include <functional>
#include <limits>
#include <queue>
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

// Bounded Dijkstra searches from one node at a time (a residence, a shelter), for many searches
// over one graph: the arrays are reused across searches and reset through the list of nodes
// touched, so a search costs what it visits, not the graph's size.
//
// Thread-compatible: one search object per thread; the graph must outlive it.
class BoundedSearch {
 public:
  explicit BoundedSearch(const WalkGraph& graph)
      : graph_(graph), distance_(graph.node_count(), kUnreached) {}

  // Calls visit(node, distance_mm) once for every node within `budget_mm` of `from`, nearest
  // first (`from` itself at 0). Precondition: `from` is a node of the graph.
  template <class Visit>
  void run(uint32_t from, uint32_t budget_mm, Visit&& visit) {
    for (uint32_t n : touched_) distance_[n] = kUnreached;
    touched_.clear();
    distance_[from] = 0;
    touched_.push_back(from);
    queue_.push({0, from});
    while (!queue_.empty()) {
      const auto [d, node] = queue_.top();
      queue_.pop();
      if (d != distance_[node]) continue;
      visit(node, d);
      for (uint32_t e = graph_.offsets[node]; e < graph_.offsets[node + 1]; ++e) {
        const uint64_t next = static_cast<uint64_t>(d) + graph_.lengths_mm[e];
        const uint32_t target = graph_.targets[e];
        if (next <= budget_mm && next < distance_[target]) {
          if (distance_[target] == kUnreached) touched_.push_back(target);
          distance_[target] = static_cast<uint32_t>(next);
          queue_.push({static_cast<uint32_t>(next), target});
        }
      }
    }
  }

 private:
  using Item = std::pair<uint32_t, uint32_t>;
  const WalkGraph& graph_;
  std::vector<uint32_t> distance_;
  std::vector<uint32_t> touched_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue_;
};

// For every node, the walking distance in millimetres to the nearest source (its start distance
// included), or kUnreached when that is more than `limit_mm`. Precondition: sources are node
// indices of the graph.
std::vector<uint32_t> nearest_within(const WalkGraph& graph, std::span<const Source> sources,
                                     uint32_t limit_mm);

}  // namespace shequ::access
