// Matching needs to resources (access/matching.hpp, 三项清单) on Monaco's walking network: 10,000
// needs against 2,000 resources in eight categories, with a 15-minute walk (1,200 m), one search
// per resource against the reference's one search per need (tests/support/access_reference),
// in the same run on the same input. Prints both times and their ratio, and checks the proposals
// are identical: exits 1 if they are not.
//
//   matching-bench MONACO.osm.pbf
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include <fmt/format.h>

#include "access/matching.hpp"
#include "access/network.hpp"
#include "access/snap.hpp"
#include "support/access_reference.hpp"

namespace {

using namespace shequ::access;  // NOLINT: a benchmark program, not a header
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A point within about 60 m of a random node, snapped back to the network (within 200 m).
struct Placed {
  uint32_t node;
  uint32_t snap_mm;
};
Placed random_place(const WalkGraph& graph, const SnapIndex& index, std::mt19937& random) {
  const uint32_t node = static_cast<uint32_t>(random() % graph.node_count());
  const int32_t lat = graph.lat_e7[node] + static_cast<int32_t>(random() % 10'000) - 5'000;
  const int32_t lon = graph.lon_e7[node] + static_cast<int32_t>(random() % 10'000) - 5'000;
  const auto snap = index.nearest(lat, lon, 200'000);
  return snap ? Placed{snap->node, snap->distance_mm} : Placed{kNotSnapped, 0};
}

// Opening hours as places keep them: a daytime span, some with evenings, some all day.
WeekHours random_hours(std::mt19937& random) {
  switch (random() % 4) {
    case 0:
      return WeekHours::always();
    case 1:
      return WeekHours::daily(8, 12);
    case 2:
      return WeekHours::daily(14, 18);
    default:
      return WeekHours::daily(8 + static_cast<int>(random() % 6), 20);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: matching-bench MONACO.osm.pbf\n");
    return 2;
  }
  auto monaco = import_network(argv[1], {});
  if (!monaco) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  const WalkGraph& graph = monaco->graph;
  const SnapIndex index(graph);
  std::mt19937 random(2025);
  std::vector<MatchNeed> needs;
  for (int i = 0; i < 10'000; ++i) {
    const Placed at = random_place(graph, index, random);
    needs.push_back(
        {at.node, at.snap_mm, static_cast<uint32_t>(random() % 8), random_hours(random)});
  }
  std::vector<MatchResource> resources;
  for (int i = 0; i < 2'000; ++i) {
    const Placed at = random_place(graph, index, random);
    resources.push_back({at.node, at.snap_mm, static_cast<uint32_t>(random() % 8),
                         static_cast<int64_t>(random() % 6), random_hours(random)});
  }
  const uint32_t limit = 1'200'000;
  constexpr std::size_t kPerNeed = 5;
  auto start = Clock::now();
  const auto reference = reference::match_per_need(graph, needs, resources, limit, kPerNeed);
  const double reference_s = seconds_since(start);
  start = Clock::now();
  const auto fast = match_needs(graph, needs, resources, limit, kPerNeed);
  const double fast_s = seconds_since(start);
  std::size_t proposals = 0;
  std::size_t without = 0;
  for (const auto& list : fast) {
    proposals += list.size();
    without += list.empty();
  }
  fmt::print("matching on Monaco ({} nodes): {} needs, {} resources, 8 categories, {} m walk\n",
             graph.node_count(), needs.size(), resources.size(), limit / 1000);
  fmt::print("  search per need (reference) {:>8.3f} s\n", reference_s);
  fmt::print("  search per resource         {:>8.3f} s   ratio {:.1f}×\n", fast_s,
             reference_s / fast_s);
  fmt::print("  proposals {} (up to {} per need), needs without a candidate {}\n", proposals,
             kPerNeed, without);
  if (fast != reference) {
    fmt::print("  DIFFERENT proposals from the reference\n");
    return 1;
  }
  fmt::print("  identical proposals\n");
  return 0;
}
