#include "access/shelters.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include "access/reach.hpp"

namespace shequ::access {

namespace {

struct Pair {
  uint32_t home;
  uint32_t shelter;
  uint32_t walk_mm;
};

// Every (home, shelter) within `limit_mm`, snaps included, with the plan's nearest shelter of
// every home and the people of all homes filled in. One bounded search from each shelter: there
// are far fewer shelters than homes.
std::vector<Pair> pairs_within(const WalkGraph& graph, std::span<const Residence> homes,
                               std::span<const ShelterSite> shelters, uint32_t limit_mm,
                               ShelterPlan& plan) {
  plan.limit_mm = limit_mm;
  plan.nearest_mm.assign(homes.size(), kUnreached);
  plan.nearest_shelter.assign(homes.size(), kNoShelter);
  plan.placed_per_shelter.assign(shelters.size(), 0);
  for (const Residence& home : homes) plan.people += home_weight(home);

  // The homes standing at each node.
  std::vector<uint32_t> at_node_offsets(graph.node_count() + 1, 0);
  for (const Residence& home : homes) {
    if (home.node != kNotSnapped) ++at_node_offsets[home.node + 1];
  }
  std::partial_sum(at_node_offsets.begin(), at_node_offsets.end(), at_node_offsets.begin());
  std::vector<uint32_t> at_node(at_node_offsets.back());
  {
    std::vector<uint32_t> fill(at_node_offsets.begin(), at_node_offsets.end() - 1);
    for (uint32_t h = 0; h < homes.size(); ++h) {
      if (homes[h].node != kNotSnapped) at_node[fill[homes[h].node]++] = h;
    }
  }

  std::vector<Pair> pairs;
  BoundedSearch search(graph);
  for (uint32_t s = 0; s < shelters.size(); ++s) {
    const ShelterSite& shelter = shelters[s];
    if (shelter.node == kNotSnapped || shelter.snap_mm > limit_mm) continue;
    const uint32_t budget = limit_mm - shelter.snap_mm;
    search.run(shelter.node, budget, [&](uint32_t node, uint32_t d) {
      for (uint32_t i = at_node_offsets[node]; i < at_node_offsets[node + 1]; ++i) {
        const uint32_t h = at_node[i];
        const uint64_t walk = uint64_t{d} + shelter.snap_mm + homes[h].snap_mm;
        if (walk > limit_mm) continue;
        const auto walk_mm = static_cast<uint32_t>(walk);
        pairs.push_back({h, s, walk_mm});
        if (walk_mm < plan.nearest_mm[h]) {
          plan.nearest_mm[h] = walk_mm;
          plan.nearest_shelter[h] = s;
        }
      }
    });
  }
  return pairs;
}

// Fills the totals of `plan` from its placements, which it orders by home, then shelter.
void finish(ShelterPlan& plan) {
  std::sort(plan.placements.begin(), plan.placements.end(),
            [](const Placement& a, const Placement& b) {
              return std::tie(a.home, a.shelter) < std::tie(b.home, b.shelter);
            });
  for (std::size_t i = 0; i < plan.placements.size(); ++i) {
    const Placement& p = plan.placements[i];
    plan.placed_per_shelter[p.shelter] += p.people;
    plan.placed_people += p.people;
    plan.person_walk_mm += uint64_t{p.people} * p.walk_mm;
    if (i > 0 && plan.placements[i - 1].home == p.home &&
        (i < 2 || plan.placements[i - 2].home != p.home)) {
      ++plan.split_homes;
    }
  }
}

}  // namespace

uint32_t home_weight(const Residence& home) {
  return home.people == 0 ? 1 : home.people;
}

ShelterPlan assign_shelters(const WalkGraph& graph, std::span<const Residence> homes,
                            std::span<const ShelterSite> shelters, uint32_t limit_mm) {
  ShelterPlan plan;
  const std::vector<Pair> pairs = pairs_within(graph, homes, shelters, limit_mm, plan);

  using Graph = lemon::SmartDigraph;
  Graph flow_graph;
  Graph::ArcMap<int64_t> cost(flow_graph);
  Graph::ArcMap<int64_t> upper(flow_graph);
  Graph::NodeMap<int64_t> supply(flow_graph, 0);
  const Graph::Node sink = flow_graph.addNode();
  // Leaving a person out costs more than any chain of moves that makes room for them can add
  // (each shelter entered once, each step at most limit_mm): the flow places as many as it can.
  const int64_t left_out = (static_cast<int64_t>(shelters.size()) + 1) * (int64_t{limit_mm} + 1);

  std::vector<Graph::Node> home_nodes(homes.size(), lemon::INVALID);
  std::vector<Graph::Node> shelter_nodes(shelters.size(), lemon::INVALID);
  auto add_arc = [&](Graph::Node from, Graph::Node to, int64_t arc_cost, int64_t arc_upper) {
    const Graph::Arc arc = flow_graph.addArc(from, to);
    cost[arc] = arc_cost;
    upper[arc] = arc_upper;
    return arc;
  };
  std::vector<std::pair<Graph::Arc, const Pair*>> placement_arcs;
  int64_t total = 0;
  for (const Pair& pair : pairs) {
    if (shelters[pair.shelter].capacity <= 0) continue;
    const int64_t weight = home_weight(homes[pair.home]);
    Graph::Node& home = home_nodes[pair.home];
    if (home == lemon::INVALID) {
      home = flow_graph.addNode();
      supply[home] = weight;
      total += weight;
      add_arc(home, sink, left_out, weight);
    }
    Graph::Node& shelter = shelter_nodes[pair.shelter];
    if (shelter == lemon::INVALID) {
      shelter = flow_graph.addNode();
      add_arc(shelter, sink, 0, shelters[pair.shelter].capacity);
    }
    placement_arcs.push_back({add_arc(home, shelter, pair.walk_mm, weight), &pair});
  }
  if (placement_arcs.empty()) return plan;
  supply[sink] = -total;

  lemon::NetworkSimplex<Graph, int64_t, int64_t> simplex(flow_graph);
  simplex.upperMap(upper).costMap(cost).supplyMap(supply);
  // Always feasible (every home may send its people straight to the sink) and bounded (costs
  // are not negative): anything else is a defect here.
  if (simplex.run() != lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL) {
    throw std::logic_error("the shelter assignment's flow has no optimum");
  }
  for (const auto& [arc, pair] : placement_arcs) {
    if (const int64_t people = simplex.flow(arc); people > 0) {
      plan.placements.push_back(
          {pair->home, pair->shelter, static_cast<uint32_t>(people), pair->walk_mm});
    }
  }
  finish(plan);
  return plan;
}

ShelterPlan assign_shelters_greedy(const WalkGraph& graph, std::span<const Residence> homes,
                                   std::span<const ShelterSite> shelters, uint32_t limit_mm) {
  ShelterPlan plan;
  std::vector<Pair> pairs = pairs_within(graph, homes, shelters, limit_mm, plan);
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return std::tie(a.walk_mm, a.home, a.shelter) < std::tie(b.walk_mm, b.home, b.shelter);
  });
  std::vector<int64_t> room(shelters.size());
  for (std::size_t s = 0; s < shelters.size(); ++s) room[s] = shelters[s].capacity;
  std::vector<bool> placed(homes.size(), false);
  for (const Pair& pair : pairs) {
    const uint32_t weight = home_weight(homes[pair.home]);
    if (placed[pair.home] || room[pair.shelter] < weight) continue;
    room[pair.shelter] -= weight;
    placed[pair.home] = true;
    plan.placements.push_back({pair.home, pair.shelter, weight, pair.walk_mm});
  }
  finish(plan);
  return plan;
}

}  // namespace shequ::access
