#include "access/siting.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <queue>
#include <thread>
#include <unordered_map>

#include "access/snap.hpp"

namespace shequ::access {

namespace {

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
  uint32_t reported = 0;  // guarded by progress_mutex
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
        // Another worker may have reported a later count while this one waited for the lock.
        reported = std::max(reported, finished);
        if (!progress(static_cast<double>(reported) / total)) next = total;  // no more work
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
  if (n == 0) return {};
  // Cells a radius tall, and a radius wide where a degree of longitude is shortest (the highest
  // latitude among the homes), so that every home within the radius of another lies in its cell
  // or one of the eight around it. Tighter cells than that would miss neighbours; wider ones
  // cost distance checks, which are the whole cost of a city's gaps.
  int32_t highest_lat = 0;
  for (const Residence& r : residences) highest_lat = std::max(highest_lat, std::abs(r.lat_e7));
  const double reach_degrees = (radius_mm + 1.0) / 1000.0 / kMetresPerDegree;
  const double narrowest = cos_latitude(highest_lat);
  const double lon_degrees = narrowest * 360.0 > reach_degrees ? reach_degrees / narrowest : 360.0;
  const auto cell_lat = static_cast<int64_t>(std::ceil(reach_degrees * 1e7));
  const auto cell_lon = static_cast<int64_t>(std::ceil(lon_degrees * 1e7));
  auto floor_div = [](int64_t value, int64_t step) {
    return value >= 0 ? value / step : -((-value + step - 1) / step);
  };
  std::vector<std::pair<int64_t, int64_t>> cell(n);
  for (uint32_t i = 0; i < n; ++i) {
    cell[i] = {floor_div(residences[i].lat_e7, cell_lat),
               floor_div(residences[i].lon_e7, cell_lon)};
  }
  // The homes sorted by cell: each cell a range of `by_cell`.
  std::vector<uint32_t> by_cell(n);
  std::iota(by_cell.begin(), by_cell.end(), 0);
  std::sort(by_cell.begin(), by_cell.end(),
            [&](uint32_t a, uint32_t b) { return std::pair(cell[a], a) < std::pair(cell[b], b); });
  auto cell_key = [](std::pair<int64_t, int64_t> c) {
    return (static_cast<uint64_t>(c.first) << 32) ^ static_cast<uint32_t>(c.second);
  };
  std::vector<std::pair<uint32_t, uint32_t>> ranges;  // per cell: [begin, end) in by_cell
  std::vector<uint32_t> cell_of_home(n);
  std::unordered_map<uint64_t, uint32_t> cell_ids;
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t i = by_cell[k];
    if (k == 0 || cell[i] != cell[by_cell[k - 1]]) {
      cell_ids.emplace(cell_key(cell[i]), static_cast<uint32_t>(ranges.size()));
      ranges.emplace_back(k, k);
    }
    ranges.back().second = k + 1;
    cell_of_home[i] = static_cast<uint32_t>(ranges.size() - 1);
  }
  // Per cell, the cells around it (itself among them) that hold homes.
  std::vector<std::vector<uint32_t>> around(ranges.size());
  for (uint32_t c = 0; c < ranges.size(); ++c) {
    const auto [cy, cx] = cell[by_cell[ranges[c].first]];
    for (int64_t dy = -1; dy <= 1; ++dy) {
      for (int64_t dx = -1; dx <= 1; ++dx) {
        const auto it = cell_ids.find(cell_key({cy + dy, cx + dx}));
        if (it != cell_ids.end()) around[c].push_back(it->second);
      }
    }
  }
  std::vector<double> cosines(n);
  for (uint32_t i = 0; i < n; ++i) cosines[i] = cos_latitude(residences[i].lat_e7);
  std::vector<std::pair<int32_t, int32_t>> sorted_at(n);  // positions in by_cell order
  for (uint32_t k = 0; k < n; ++k) {
    sorted_at[k] = {residences[by_cell[k]].lat_e7, residences[by_cell[k]].lon_e7};
  }
  // straight_distance_mm(…) <= radius_mm, i.e. a distance below radius_mm + 0.5 before rounding,
  // told from the squared distance without a square root or rounding except within a micrometre
  // of the edge, where the exact test decides: the same answer at a fraction of the cost.
  const double edge_mm = radius_mm + 0.5;
  const double surely_in = (edge_mm - 1e-3) * (edge_mm - 1e-3) * 1e-6;
  const double surely_out = (edge_mm + 1e-3) * (edge_mm + 1e-3) * 1e-6;
  auto within = [&](int32_t lat_a, int32_t lon_a, double cos_a, int32_t lat_b, int32_t lon_b) {
    const double dy = (lat_b - lat_a) * 1e-7 * kMetresPerDegree;
    const double dx = (lon_b - lon_a) * 1e-7 * kMetresPerDegree * cos_a;
    const double square_m = dx * dx + dy * dy;
    if (square_m < surely_in) return true;
    if (square_m > surely_out) return false;
    return straight_distance_mm(lat_a, lon_a, cos_a, lat_b, lon_b) <= radius_mm;
  };
  auto for_each_within = [&](uint32_t i, auto&& visit) {
    const Residence& home = residences[i];
    for (uint32_t c : around[cell_of_home[i]]) {
      for (uint32_t k = ranges[c].first; k < ranges[c].second; ++k) {
        const auto [lat, lon] = sorted_at[k];
        if (within(home.lat_e7, home.lon_e7, cosines[i], lat, lon)) {
          visit(by_cell[k]);
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
      cluster.people += residences[m].people;
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
