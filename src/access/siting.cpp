#include "access/siting.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <numeric>
#include <queue>
#include <thread>
#include <unordered_map>

#include "access/snap.hpp"

namespace shequ::access {

namespace {

// One bounded Dijkstra at a time from a residence; the arrays are reused across searches and
// reset through the list of nodes touched.
class BoundedSearch {
 public:
  explicit BoundedSearch(const WalkGraph& graph)
      : graph_(graph), distance_(graph.node_count(), kUnreached) {}

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

uint32_t gain_of(const CoverageSets& sets, uint32_t candidate, const std::vector<bool>& covered) {
  uint32_t gain = 0;
  for (uint32_t i = sets.offsets[candidate]; i < sets.offsets[candidate + 1]; ++i) {
    gain += !covered[sets.members[i]];
  }
  return gain;
}

void mark_covered(const CoverageSets& sets, uint32_t candidate, std::vector<bool>& covered) {
  for (uint32_t i = sets.offsets[candidate]; i < sets.offsets[candidate + 1]; ++i) {
    covered[sets.members[i]] = true;
  }
}

uint32_t candidate_count(const CoverageSets& sets) {
  return static_cast<uint32_t>(sets.offsets.size() - 1);
}

}  // namespace

std::vector<Candidate> node_candidates(const WalkGraph& graph) {
  std::vector<Candidate> candidates;
  candidates.reserve(graph.node_count());
  for (uint32_t n = 0; n < graph.node_count(); ++n) {
    candidates.push_back({n, 0, graph.lat_e7[n], graph.lon_e7[n]});
  }
  return candidates;
}

CoverageSets build_coverage_sets(const WalkGraph& graph, const std::vector<Residence>& residences,
                                 const std::vector<Candidate>& candidates, uint32_t limit_mm,
                                 unsigned threads, const Progress& progress) {
  // The candidates standing at each node.
  std::vector<uint32_t> at_node_offsets(graph.node_count() + 1, 0);
  for (const Candidate& c : candidates) ++at_node_offsets[c.node + 1];
  std::partial_sum(at_node_offsets.begin(), at_node_offsets.end(), at_node_offsets.begin());
  std::vector<uint32_t> at_node(candidates.size());
  {
    std::vector<uint32_t> fill(at_node_offsets.begin(), at_node_offsets.end() - 1);
    for (uint32_t c = 0; c < candidates.size(); ++c) at_node[fill[candidates[c].node]++] = c;
  }

  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  using Pair = std::pair<uint32_t, uint32_t>;  // (candidate, residence)
  std::vector<std::vector<Pair>> found(threads);
  std::atomic<uint32_t> next{0};
  std::atomic<uint32_t> done{0};
  std::mutex progress_mutex;
  const auto total = static_cast<uint32_t>(residences.size());
  const uint32_t step = std::max<uint32_t>(1, total / 100);
  auto work = [&](unsigned worker) {
    BoundedSearch search(graph);
    std::vector<Pair>& out = found[worker];
    for (uint32_t r = next++; r < total; r = next++) {
      const Residence& residence = residences[r];
      if (residence.node != kNotSnapped && residence.snap_mm <= limit_mm) {
        const uint32_t budget = limit_mm - residence.snap_mm;
        search.run(residence.node, budget, [&](uint32_t node, uint32_t d) {
          for (uint32_t i = at_node_offsets[node]; i < at_node_offsets[node + 1]; ++i) {
            const uint32_t c = at_node[i];
            if (static_cast<uint64_t>(d) + candidates[c].snap_mm <= budget) out.push_back({c, r});
          }
        });
      }
      const uint32_t finished = ++done;
      if (progress && (finished % step == 0 || finished == total)) {
        std::lock_guard lock(progress_mutex);
        if (!progress(static_cast<double>(finished) / total)) next = total;  // no more work
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, i);
    work(0);
  }

  CoverageSets sets;
  sets.residence_count = total;
  sets.offsets.assign(candidates.size() + 1, 0);
  std::size_t pairs = 0;
  for (const auto& list : found) {
    pairs += list.size();
    for (const Pair& p : list) ++sets.offsets[p.first + 1];
  }
  std::partial_sum(sets.offsets.begin(), sets.offsets.end(), sets.offsets.begin());
  sets.members.resize(pairs);
  std::vector<uint32_t> fill(sets.offsets.begin(), sets.offsets.end() - 1);
  for (const auto& list : found) {
    for (const Pair& p : list) sets.members[fill[p.first]++] = p.second;
  }
  // Threads interleave residences: sort each set so the result does not depend on scheduling.
  for (uint32_t c = 0; c < candidates.size(); ++c) {
    std::sort(sets.members.begin() + sets.offsets[c], sets.members.begin() + sets.offsets[c + 1]);
  }
  return sets;
}

std::vector<SiteChoice> greedy_naive(const CoverageSets& sets, uint32_t k, uint64_t* evaluations) {
  std::vector<bool> covered(sets.residence_count, false);
  std::vector<SiteChoice> choices;
  uint64_t evaluated = 0;
  while (choices.size() < k) {
    SiteChoice best{0, 0};
    for (uint32_t c = 0; c < candidate_count(sets); ++c) {
      const uint32_t gain = gain_of(sets, c, covered);
      ++evaluated;
      if (gain > best.gained) best = {c, gain};
    }
    if (best.gained == 0) break;
    mark_covered(sets, best.candidate, covered);
    choices.push_back(best);
  }
  if (evaluations != nullptr) *evaluations = evaluated;
  return choices;
}

std::vector<SiteChoice> greedy_lazy(const CoverageSets& sets, uint32_t k, uint64_t* evaluations,
                                    const Progress& progress) {
  struct Entry {
    uint32_t gain;  // exact in round `round`, an upper bound afterwards
    uint32_t candidate;
    uint32_t round;
  };
  // Highest gain first; among equal gains the lower candidate, as the naive greedy chooses.
  auto after = [](const Entry& a, const Entry& b) {
    return a.gain != b.gain ? a.gain < b.gain : a.candidate > b.candidate;
  };
  std::vector<Entry> initial;
  initial.reserve(candidate_count(sets));
  for (uint32_t c = 0; c < candidate_count(sets); ++c) {
    initial.push_back({sets.offsets[c + 1] - sets.offsets[c], c, 0});
  }
  std::priority_queue<Entry, std::vector<Entry>, decltype(after)> queue(after, std::move(initial));
  uint64_t evaluated = candidate_count(sets);
  std::vector<bool> covered(sets.residence_count, false);
  std::vector<SiteChoice> choices;
  while (choices.size() < k && !queue.empty()) {
    Entry top = queue.top();
    queue.pop();
    const auto round = static_cast<uint32_t>(choices.size());
    if (top.round != round) {
      top.gain = gain_of(sets, top.candidate, covered);
      top.round = round;
      ++evaluated;
      queue.push(top);
      continue;
    }
    if (top.gain == 0) break;
    mark_covered(sets, top.candidate, covered);
    choices.push_back({top.candidate, top.gain});
    if (progress && !progress(static_cast<double>(choices.size()) / k)) break;
  }
  if (evaluations != nullptr) *evaluations = evaluated;
  return choices;
}

std::vector<GapCluster> cluster_residences(const std::vector<Residence>& residences,
                                           uint32_t radius_mm) {
  const auto n = static_cast<uint32_t>(residences.size());
  // Cells at least radius_mm wide (below 60° of latitude), so that everything within the radius
  // of a home lies in its cell or the eight around it.
  const double cell_degrees = std::max(1.0, radius_mm / 1000.0) / 111'195.0 * 2.0;
  const auto cell_e7 = static_cast<int64_t>(std::ceil(cell_degrees * 1e7));
  auto cell_of = [&](int32_t e7) {
    return static_cast<int64_t>(std::floor(static_cast<double>(e7) / static_cast<double>(cell_e7)));
  };
  auto cell_key = [](int64_t y, int64_t x) {
    return (static_cast<uint64_t>(y) << 32) ^ static_cast<uint32_t>(x);
  };
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells;
  for (uint32_t i = 0; i < n; ++i) {
    cells[cell_key(cell_of(residences[i].lat_e7), cell_of(residences[i].lon_e7))].push_back(i);
  }
  auto for_each_within = [&](uint32_t i, auto&& visit) {
    const int64_t cy = cell_of(residences[i].lat_e7);
    const int64_t cx = cell_of(residences[i].lon_e7);
    for (int64_t dy = -1; dy <= 1; ++dy) {
      for (int64_t dx = -1; dx <= 1; ++dx) {
        const auto it = cells.find(cell_key(cy + dy, cx + dx));
        if (it == cells.end()) continue;
        for (uint32_t j : it->second) {
          if (straight_distance_mm(residences[i].lat_e7, residences[i].lon_e7, residences[j].lat_e7,
                                   residences[j].lon_e7) <= radius_mm) {
            visit(j);
          }
        }
      }
    }
  };
  // Densest homes first: each unassigned one in turn gathers the unassigned homes around it.
  std::vector<uint32_t> neighbours(n, 0);
  for (uint32_t i = 0; i < n; ++i) for_each_within(i, [&](uint32_t) { ++neighbours[i]; });
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return neighbours[a] > neighbours[b]; });
  std::vector<bool> assigned(n, false);
  std::vector<GapCluster> clusters;
  for (uint32_t seed : order) {
    if (assigned[seed]) continue;
    GapCluster cluster{};
    for_each_within(seed, [&](uint32_t j) {
      if (!assigned[j]) {
        assigned[j] = true;
        cluster.members.push_back(j);
      }
    });
    std::sort(cluster.members.begin(), cluster.members.end());
    int64_t lat = 0;
    int64_t lon = 0;
    for (uint32_t m : cluster.members) {
      lat += residences[m].lat_e7;
      lon += residences[m].lon_e7;
    }
    cluster.residences = static_cast<uint32_t>(cluster.members.size());
    cluster.lat_e7 = static_cast<int32_t>(lat / cluster.residences);
    cluster.lon_e7 = static_cast<int32_t>(lon / cluster.residences);
    for (uint32_t m : cluster.members) {
      cluster.radius_mm = std::max(
          cluster.radius_mm, straight_distance_mm(cluster.lat_e7, cluster.lon_e7,
                                                  residences[m].lat_e7, residences[m].lon_e7));
    }
    clusters.push_back(std::move(cluster));
  }
  std::sort(clusters.begin(), clusters.end(), [](const GapCluster& a, const GapCluster& b) {
    if (a.residences != b.residences) return a.residences > b.residences;
    return std::pair(a.lat_e7, a.lon_e7) < std::pair(b.lat_e7, b.lon_e7);
  });
  return clusters;
}

}  // namespace shequ::access
