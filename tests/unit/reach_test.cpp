// The multi-source search against the straightforward reference the issue asks for: one bounded
// Dijkstra per node. Every distance must be equal, to the millimetre, on Monaco and on random
// graphs.
#include <gtest/gtest.h>

#include <random>

#include "access/network.hpp"
#include "access/reach.hpp"
#include "support/access_reference.hpp"

namespace shequ::access {
namespace {

// The reference: from one node, a plain Dijkstra bounded by the limit; the nearest source.
uint32_t reference_nearest(const WalkGraph& g, uint32_t from, const std::vector<bool>& is_source,
                           uint32_t limit) {
  const std::vector<uint64_t> dist = reference::distances_from(g, from, limit);
  uint64_t nearest = UINT64_MAX;
  for (uint32_t n = 0; n < g.node_count(); ++n) {
    if (is_source[n]) nearest = std::min(nearest, dist[n]);
  }
  return nearest == UINT64_MAX ? kUnreached : static_cast<uint32_t>(nearest);
}

void expect_equal_to_reference(const WalkGraph& g, const std::vector<uint32_t>& sources,
                               uint32_t limit, std::size_t sample_every) {
  std::vector<bool> is_source(g.node_count(), false);
  for (uint32_t s : sources) is_source[s] = true;
  std::vector<Source> starts;
  for (uint32_t s : sources) starts.push_back({s, 0});
  const auto fast = nearest_within(g, starts, limit);
  ASSERT_EQ(fast.size(), g.node_count());
  std::size_t reached = 0;
  for (uint32_t n = 0; n < g.node_count(); n += static_cast<uint32_t>(sample_every)) {
    ASSERT_EQ(fast[n], reference_nearest(g, n, is_source, limit)) << "node " << n;
    reached += fast[n] != kUnreached;
  }
  EXPECT_GT(reached, 0u);
}

// A random connected-ish graph: nodes on a jittered lattice, edges to lattice neighbours with
// random lengths (both directions equal, as walking is).
WalkGraph random_graph(uint32_t side, std::mt19937& random) {
  std::uniform_int_distribution<uint32_t> length(1'000, 150'000);
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> edges;
  auto at = [side](uint32_t x, uint32_t y) { return y * side + x; };
  for (uint32_t y = 0; y < side; ++y) {
    for (uint32_t x = 0; x < side; ++x) {
      for (auto [dx, dy] : {std::pair{1u, 0u}, std::pair{0u, 1u}}) {
        if (x + dx >= side || y + dy >= side || random() % 10 == 0)
          continue;  // some streets missing
        const uint32_t mm = length(random);
        edges.emplace_back(at(x, y), at(x + dx, y + dy), mm);
        edges.emplace_back(at(x + dx, y + dy), at(x, y), mm);
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  WalkGraph g;
  g.lat_e7.assign(side * side, 0);
  g.lon_e7.assign(side * side, 0);
  g.offsets.assign(side * side + 1, 0);
  for (const auto& [from, to, mm] : edges) ++g.offsets[from + 1];
  for (std::size_t i = 1; i < g.offsets.size(); ++i) g.offsets[i] += g.offsets[i - 1];
  for (const auto& [from, to, mm] : edges) {
    g.targets.push_back(to);
    g.lengths_mm.push_back(mm);
  }
  return g;
}

TEST(Reach, EqualsThePerNodeReferenceOnRandomGraphs) {
  std::mt19937 random(15);
  for (int round = 0; round < 20; ++round) {
    const WalkGraph g = random_graph(30, random);
    std::vector<uint32_t> sources;
    std::uniform_int_distribution<uint32_t> node(0, static_cast<uint32_t>(g.node_count() - 1));
    for (int i = 0; i < 1 + round % 7; ++i) sources.push_back(node(random));
    expect_equal_to_reference(g, sources, 200'000 + round * 50'000, 1);
  }
}

TEST(Reach, EqualsThePerNodeReferenceOnMonaco) {
  auto network = import_network(std::string(SHEQU_TEST_DATA_DIR) + "/monaco.osm.pbf", {});
  ASSERT_TRUE(network);
  const WalkGraph* graph = &network->graph;
  // Eight scattered "facilities"; the 15-minute (1,000 m) limit; every 7th node against the
  // reference (each reference search is a full bounded Dijkstra).
  std::vector<uint32_t> sources;
  for (uint32_t i = 1; i <= 8; ++i)
    sources.push_back(static_cast<uint32_t>(graph->node_count() * i / 9));
  expect_equal_to_reference(*graph, sources, 1'000'000, 7);
}

TEST(Reach, EdgeCases) {
  std::mt19937 random(3);
  const WalkGraph g = random_graph(5, random);
  const auto none = nearest_within(g, {}, 1'000'000);
  EXPECT_TRUE(std::all_of(none.begin(), none.end(), [](uint32_t d) { return d == kUnreached; }));
  const std::vector<Source> one{{12, 0}};
  const auto zero_limit = nearest_within(g, one, 0);
  EXPECT_EQ(zero_limit[12], 0u);
  EXPECT_EQ(std::count(zero_limit.begin(), zero_limit.end(), 0u), 1);
}

}  // namespace
}  // namespace shequ::access
