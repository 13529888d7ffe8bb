#include "support/access_reference.hpp"

#include <algorithm>
#include <numeric>
#include <queue>
#include <random>
#include <tuple>

namespace shequ::access::reference {

std::vector<uint64_t> distances_from(const WalkGraph& g, uint32_t from, uint64_t limit) {
  std::vector<uint64_t> dist(g.node_count(), UINT64_MAX);
  using Item = std::pair<uint64_t, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  dist[from] = 0;
  q.push({0, from});
  while (!q.empty()) {
    const auto [d, n] = q.top();
    q.pop();
    if (d != dist[n]) continue;
    for (uint32_t e = g.offsets[n]; e < g.offsets[n + 1]; ++e) {
      const uint64_t next = d + g.lengths_mm[e];
      if (next <= limit && next < dist[g.targets[e]]) {
        dist[g.targets[e]] = next;
        q.push({next, g.targets[e]});
      }
    }
  }
  return dist;
}

std::vector<std::vector<Proposal>> match_per_need(const WalkGraph& graph,
                                                  const std::vector<MatchNeed>& needs,
                                                  const std::vector<MatchResource>& resources,
                                                  uint32_t limit_mm, std::size_t per_need) {
  std::vector<std::vector<Proposal>> out;
  for (const MatchNeed& need : needs) {
    std::vector<Proposal> list;
    if (need.node != kNotSnapped && need.snap_mm <= limit_mm) {
      const auto dist = distances_from(graph, need.node, limit_mm - need.snap_mm);
      for (uint32_t r = 0; r < resources.size(); ++r) {
        const MatchResource& resource = resources[r];
        if (resource.node == kNotSnapped || resource.room <= 0 ||
            resource.category != need.category || !resource.hours.overlaps(need.hours) ||
            dist[resource.node] == UINT64_MAX) {
          continue;
        }
        const uint64_t walk = dist[resource.node] + need.snap_mm + resource.snap_mm;
        if (walk <= limit_mm) list.push_back({r, static_cast<uint32_t>(walk)});
      }
    }
    std::sort(list.begin(), list.end(),
              [&](const Proposal& a, const Proposal& b) { return ranks_before(a, b, resources); });
    if (list.size() > per_need) list.resize(per_need);
    out.push_back(std::move(list));
  }
  return out;
}

ReachTable reach_per_residence(const Network& network, uint32_t limit_mm) {
  ReachTable table;
  table.type_count = static_cast<uint32_t>(service_types().size());
  table.limit_mm = limit_mm;
  table.distance_mm.assign(network.residences.size() * table.type_count, kUnreached);
  // Facilities standing at each node.
  std::vector<std::vector<const Facility*>> at_node(network.graph.node_count());
  for (const Facility& f : network.facilities) {
    if (f.node != kNotSnapped) at_node[f.node].push_back(&f);
  }
  for (std::size_t r = 0; r < network.residences.size(); ++r) {
    const Residence& home = network.residences[r];
    if (home.node == kNotSnapped || home.snap_mm > limit_mm) continue;
    const auto dist = distances_from(network.graph, home.node, limit_mm - home.snap_mm);
    for (uint32_t n = 0; n < network.graph.node_count(); ++n) {
      if (dist[n] == UINT64_MAX) continue;
      for (const Facility* f : at_node[n]) {
        const uint64_t total = dist[n] + home.snap_mm + f->snap_mm;
        uint32_t& best = table.distance_mm[r * table.type_count + f->type];
        if (total <= limit_mm && total < best) best = static_cast<uint32_t>(total);
      }
    }
  }
  return table;
}

CoverageSets coverage_sets_per_candidate(const WalkGraph& graph,
                                         const std::vector<Residence>& residences,
                                         const std::vector<Candidate>& candidates,
                                         uint32_t limit_mm) {
  CoverageSets sets;
  sets.residence_count = static_cast<uint32_t>(residences.size());
  sets.offsets.push_back(0);
  for (const Candidate& c : candidates) {
    if (c.snap_mm <= limit_mm) {
      const auto dist = distances_from(graph, c.node, limit_mm - c.snap_mm);
      for (uint32_t r = 0; r < residences.size(); ++r) {
        const Residence& home = residences[r];
        if (home.node != kNotSnapped && dist[home.node] != UINT64_MAX &&
            dist[home.node] + home.snap_mm + c.snap_mm <= limit_mm) {
          sets.members.push_back(r);
        }
      }
    }
    sets.offsets.push_back(static_cast<uint32_t>(sets.members.size()));
  }
  return sets;
}

std::optional<Snap> nearest_by_scan(const WalkGraph& graph, int32_t lat_e7, int32_t lon_e7,
                                    uint32_t max_mm) {
  std::optional<Snap> best;
  for (uint32_t n = 0; n < graph.node_count(); ++n) {
    const uint32_t d = straight_distance_mm(lat_e7, lon_e7, graph.lat_e7[n], graph.lon_e7[n]);
    if (d <= max_mm && (!best || d < best->distance_mm)) best = Snap{n, d};
  }
  return best;
}

Network generated_city(uint32_t side, uint32_t residences, uint32_t types,
                       uint32_t facilities_per_type, uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<uint32_t> length(60'000, 100'000);
  std::uniform_int_distribution<uint32_t> walk(0, 40'000);
  Network city;
  WalkGraph& g = city.graph;
  const uint32_t nodes = side * side;
  auto at = [side](uint32_t x, uint32_t y) { return y * side + x; };
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> edges;
  edges.reserve(static_cast<std::size_t>(nodes) * 4);
  for (uint32_t y = 0; y < side; ++y) {
    for (uint32_t x = 0; x < side; ++x) {
      // 0.0008° of latitude ≈ 89 m; 0.001° of longitude at 36°N ≈ 90 m.
      g.lat_e7.push_back(360'000'000 + static_cast<int32_t>(y) * 8'000);
      g.lon_e7.push_back(1'037'000'000 + static_cast<int32_t>(x) * 10'000);
      for (auto [dx, dy] : {std::pair{1u, 0u}, std::pair{0u, 1u}}) {
        if (x + dx >= side || y + dy >= side || random() % 10 == 0) continue;
        const uint32_t mm = length(random);
        edges.emplace_back(at(x, y), at(x + dx, y + dy), mm);
        edges.emplace_back(at(x + dx, y + dy), at(x, y), mm);
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  g.offsets.assign(nodes + 1, 0);
  for (const auto& [from, to, mm] : edges) ++g.offsets[from + 1];
  for (std::size_t i = 1; i < g.offsets.size(); ++i) g.offsets[i] += g.offsets[i - 1];
  g.targets.reserve(edges.size());
  g.lengths_mm.reserve(edges.size());
  for (const auto& [from, to, mm] : edges) {
    g.targets.push_back(to);
    g.lengths_mm.push_back(mm);
  }
  std::uniform_int_distribution<uint32_t> node(0, nodes - 1);
  for (uint32_t i = 0; i < residences; ++i) {
    const uint32_t n = node(random);
    city.residences.push_back({g.lat_e7[n], g.lon_e7[n], n, walk(random), int64_t{i} + 1, {}});
  }
  for (uint32_t t = 0; t < types; ++t) {
    for (uint32_t i = 0; i < facilities_per_type; ++i) {
      const uint32_t n = node(random);
      city.facilities.push_back({static_cast<ServiceTypeId>(t),
                                 g.lat_e7[n],
                                 g.lon_e7[n],
                                 n,
                                 walk(random),
                                 int64_t{i} + 1,
                                 {}});
    }
  }
  return city;
}

std::vector<GapCluster> clusters_by_all_pairs(const std::vector<Residence>& homes,
                                              uint32_t radius_mm) {
  const auto n = static_cast<uint32_t>(homes.size());
  auto near = [&](uint32_t i, uint32_t j) {
    return straight_distance_mm(homes[i].lat_e7, homes[i].lon_e7, homes[j].lat_e7,
                                homes[j].lon_e7) <= radius_mm;
  };
  std::vector<uint32_t> neighbours(n, 0);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) neighbours[i] += near(i, j) ? 1 : 0;
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return neighbours[a] > neighbours[b]; });
  std::vector<bool> assigned(n, false);
  std::vector<GapCluster> clusters;
  for (uint32_t seed : order) {
    if (assigned[seed]) continue;
    GapCluster c{};
    int64_t lat = 0;
    int64_t lon = 0;
    for (uint32_t j = 0; j < n; ++j) {
      if (assigned[j] || !near(seed, j)) continue;
      assigned[j] = true;
      c.members.push_back(j);
      lat += homes[j].lat_e7;
      lon += homes[j].lon_e7;
    }
    c.residences = static_cast<uint32_t>(c.members.size());
    c.lat_e7 = static_cast<int32_t>(lat / c.residences);
    c.lon_e7 = static_cast<int32_t>(lon / c.residences);
    for (uint32_t m : c.members) {
      c.radius_mm = std::max(
          c.radius_mm, straight_distance_mm(c.lat_e7, c.lon_e7, homes[m].lat_e7, homes[m].lon_e7));
    }
    clusters.push_back(std::move(c));
  }
  std::sort(clusters.begin(), clusters.end(), [](const GapCluster& a, const GapCluster& b) {
    if (a.residences != b.residences) return a.residences > b.residences;
    return std::pair(a.lat_e7, a.lon_e7) < std::pair(b.lat_e7, b.lon_e7);
  });
  return clusters;
}

}  // namespace shequ::access::reference
