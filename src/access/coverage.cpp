#include "access/coverage.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>

namespace shequ::access {

bool is_tier(int minutes) {
  return std::find(std::begin(kTiers), std::end(kTiers), minutes) != std::end(kTiers);
}

uint32_t tier_limit_mm(int minutes, uint32_t metres_per_hour) {
  return static_cast<uint32_t>((static_cast<uint64_t>(metres_per_hour) * 1000 * minutes + 30) / 60);
}

std::vector<Source> facility_sources(const Network& network, ServiceTypeId type) {
  std::vector<Source> sources;
  for (const Facility& f : network.facilities) {
    if (f.type == type && f.node != kNotSnapped) sources.push_back({f.node, f.snap_mm});
  }
  return sources;
}

ReachTable compute_reach(const Network& network, uint32_t limit_mm, unsigned threads,
                         const Progress& progress) {
  ReachTable table;
  table.type_count = static_cast<uint32_t>(service_types().size());
  table.limit_mm = limit_mm;
  table.distance_mm.assign(network.residences.size() * table.type_count, kUnreached);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, table.type_count);

  std::atomic<uint32_t> next_type{0};
  uint32_t done = 0;  // guarded by progress_mutex
  std::mutex progress_mutex;
  auto work = [&] {
    for (uint32_t type = next_type++; type < table.type_count; type = next_type++) {
      const std::vector<Source> sources =
          facility_sources(network, static_cast<ServiceTypeId>(type));
      if (!sources.empty()) {
        const std::vector<uint32_t> to_node = nearest_within(network.graph, sources, limit_mm);
        // Each type writes its own column: no two threads touch the same entry.
        for (std::size_t r = 0; r < network.residences.size(); ++r) {
          const Residence& residence = network.residences[r];
          if (residence.node == kNotSnapped || to_node[residence.node] == kUnreached) continue;
          const uint64_t total = static_cast<uint64_t>(to_node[residence.node]) + residence.snap_mm;
          if (total <= limit_mm) {
            table.distance_mm[r * table.type_count + type] = static_cast<uint32_t>(total);
          }
        }
      }
      if (progress) {
        // Counted under the lock so that the shares reported never go backwards.
        std::lock_guard lock(progress_mutex);
        progress(static_cast<double>(++done) / table.type_count);
      }
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  pool.clear();
  return table;
}

namespace {

// Per-residence searches cost about what the node's surroundings hold; one search per type costs
// the whole graph per type, and taking rows over costs a pass over every home. Beyond one new
// residence per this many nodes, computing again is about as quick (bench/circle: 3× faster on
// Monaco, 2× on a 250 k-node grid, 1.3× on a 1 M-node grid at one new home per 10,000 nodes).
constexpr std::size_t kNodesPerSearchedResidence = 5'000;

// A residence's row depends only on its node and its walk to it.
uint64_t place_key(const Residence& home) {
  return uint64_t{home.node} << 32 | home.snap_mm;
}

// Bounded searches from single nodes, sharing one distance array that each search resets.
class SingleSearch {
 public:
  explicit SingleSearch(const Network& network)
      : network_(network), distance_(network.graph.node_count(), kUnreached) {
    for (const Facility& f : network.facilities) {
      if (f.node != kNotSnapped) at_node_.emplace(f.node, &f);
    }
  }

  // The residence's row: for every type, its walk to the nearest facility within `limit_mm`.
  void row(const Residence& home, uint32_t limit_mm, uint32_t* out) {
    if (home.node == kNotSnapped || home.snap_mm > limit_mm) return;
    const WalkGraph& g = network_.graph;
    const uint32_t bound = limit_mm - home.snap_mm;
    using Item = std::pair<uint32_t, uint32_t>;  // (distance, node), smallest first
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    distance_[home.node] = 0;
    touched_.push_back(home.node);
    queue.push({0, home.node});
    while (!queue.empty()) {
      const auto [d, node] = queue.top();
      queue.pop();
      if (d != distance_[node]) continue;
      const auto [first, last] = at_node_.equal_range(node);
      for (auto f = first; f != last; ++f) {
        const uint64_t total = uint64_t{d} + f->second->snap_mm + home.snap_mm;
        if (total <= limit_mm)
          out[f->second->type] =
              std::min<uint32_t>(out[f->second->type], static_cast<uint32_t>(total));
      }
      for (uint32_t e = g.offsets[node]; e < g.offsets[node + 1]; ++e) {
        const uint64_t next = uint64_t{d} + g.lengths_mm[e];
        const uint32_t target = g.targets[e];
        if (next <= bound && next < distance_[target]) {
          if (distance_[target] == kUnreached) touched_.push_back(target);
          distance_[target] = static_cast<uint32_t>(next);
          queue.push({static_cast<uint32_t>(next), target});
        }
      }
    }
    for (uint32_t node : touched_) distance_[node] = kUnreached;
    touched_.clear();
  }

 private:
  const Network& network_;
  std::vector<uint32_t> distance_;
  std::vector<uint32_t> touched_;
  std::unordered_multimap<uint32_t, const Facility*> at_node_;
};

}  // namespace

ReachTable extend_reach(const Network& network, const Network& before_network,
                        const ReachTable& before, unsigned threads) {
  const auto type_count = static_cast<uint32_t>(service_types().size());
  if (before.type_count != type_count ||
      before.distance_mm.size() != before_network.residences.size() * type_count) {
    return compute_reach(network, before.limit_mm, threads);
  }
  std::unordered_map<uint64_t, std::size_t> known;  // place_key → row of `before`
  known.reserve(before_network.residences.size());
  for (std::size_t r = 0; r < before_network.residences.size(); ++r) {
    known.emplace(place_key(before_network.residences[r]), r);
  }
  std::vector<std::size_t> searched;
  for (std::size_t r = 0; r < network.residences.size(); ++r) {
    const Residence& home = network.residences[r];
    if (home.node != kNotSnapped && !known.contains(place_key(home))) searched.push_back(r);
  }
  if (searched.size() * kNodesPerSearchedResidence > network.graph.node_count()) {
    return compute_reach(network, before.limit_mm, threads);
  }
  ReachTable table;
  table.type_count = type_count;
  table.limit_mm = before.limit_mm;
  table.distance_mm.assign(network.residences.size() * type_count, kUnreached);
  for (std::size_t r = 0; r < network.residences.size(); ++r) {
    const Residence& home = network.residences[r];
    const auto found = known.find(place_key(home));
    if (found == known.end()) continue;
    std::copy_n(
        before.distance_mm.begin() + static_cast<std::ptrdiff_t>(found->second * type_count),
        type_count, table.distance_mm.begin() + static_cast<std::ptrdiff_t>(r * type_count));
  }
  SingleSearch search(network);
  for (std::size_t r : searched) {
    search.row(network.residences[r], table.limit_mm, &table.distance_mm[r * type_count]);
  }
  return table;
}

}  // namespace shequ::access
