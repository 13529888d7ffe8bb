// The exact shelter assignment (a min-cost flow) against the greedy one (nearest pairs first,
// each home whole where it still fits), in the same run, on the same homes and shelters:
//   Monaco (tests/data/monaco.osm.pbf): every home of the map, 40 shelters beside homes spread
//     over the list of homes, together room for 80 % of them, unevenly;
//   a generated street grid of 14,400 nodes with 30 k homes and 100 shelters, room for 70 %.
// Prints time, people placed, homes left out and total and mean walks of both, and checks the
// exact one is never worse (more placed, or as many with no longer walks): exits 1 if it is.
//
//   shelters-bench MONACO.osm.pbf [--quick]
#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "access/coverage.hpp"
#include "access/network.hpp"
#include "access/shelters.hpp"
#include "support/access_reference.hpp"

namespace {

using namespace shequ::access;  // NOLINT: a benchmark program, not a header
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `count` shelters at the nodes of homes spread evenly over the list of homes (where people
// live), their capacities in the ratio 1 : 2 : 3 repeating, together `share` of the people.
std::vector<ShelterSite> spread_shelters(const Network& network, uint32_t count, double share) {
  uint64_t people = 0;
  for (const Residence& home : network.residences) people += home_weight(home);
  const uint64_t room = static_cast<uint64_t>(static_cast<double>(people) * share);
  uint64_t parts = 0;
  for (uint32_t s = 0; s < count; ++s) parts += s % 3 + 1;
  std::vector<ShelterSite> sites;
  const std::size_t step = network.residences.size() / count;
  for (uint32_t s = 0; s < count; ++s) {
    const Residence& home = network.residences[s * step + step / 2];
    sites.push_back({home.node, home.snap_mm, static_cast<int64_t>(room * (s % 3 + 1) / parts)});
  }
  return sites;
}

bool exact_not_worse = true;

void compare(const std::string& name, const Network& network,
             const std::vector<ShelterSite>& sites) {
  const uint32_t limit = tier_limit_mm(15, kDefaultSpeedMetresPerHour);
  auto start = Clock::now();
  const ShelterPlan greedy =
      assign_shelters_greedy(network.graph, network.residences, sites, limit);
  const double greedy_s = seconds_since(start);
  start = Clock::now();
  const ShelterPlan exact = assign_shelters(network.graph, network.residences, sites, limit);
  const double exact_s = seconds_since(start);

  auto left_out_homes = [&](const ShelterPlan& plan) {
    std::vector<uint32_t> placed(network.residences.size(), 0);
    for (const Placement& p : plan.placements) placed[p.home] += p.people;
    std::size_t left = 0;
    for (std::size_t h = 0; h < placed.size(); ++h) {
      left += placed[h] < home_weight(network.residences[h]);
    }
    return left;
  };
  auto line = [&](const char* what, const ShelterPlan& plan, double s) {
    fmt::print(
        "  {:<8} {:>8.3f} s   placed {:>7} of {:>7} people   homes left out {:>6}   "
        "walk {:>10.1f} km   mean {:>6.1f} m   split homes {}\n",
        what, s, plan.placed_people, plan.people, left_out_homes(plan),
        static_cast<double>(plan.person_walk_mm) / 1e6,
        plan.placed_people == 0 ? 0.0
                                : static_cast<double>(plan.person_walk_mm) /
                                      static_cast<double>(plan.placed_people) / 1000.0,
        plan.split_homes);
  };
  std::size_t beyond = 0;
  for (const uint32_t mm : exact.nearest_mm) beyond += mm == kUnreached;
  int64_t room = 0;
  for (const ShelterSite& site : sites) room += site.capacity;
  fmt::print(
      "{}: {} nodes, {} homes ({} beyond every shelter's walk), {} shelters with room for "
      "{} people\n",
      name, network.graph.node_count(), network.residences.size(), beyond, sites.size(), room);
  line("greedy", greedy, greedy_s);
  line("exact", exact, exact_s);
  fmt::print(
      "  exact/greedy time {:.2f}; {} more people placed; walk per person placed {:+.1f} m\n",
      exact_s / greedy_s,
      static_cast<int64_t>(exact.placed_people) - static_cast<int64_t>(greedy.placed_people),
      (static_cast<double>(exact.person_walk_mm) /
           static_cast<double>(std::max<uint64_t>(exact.placed_people, 1)) -
       static_cast<double>(greedy.person_walk_mm) /
           static_cast<double>(std::max<uint64_t>(greedy.placed_people, 1))) /
          1000.0);
  const bool not_worse =
      exact.placed_people > greedy.placed_people || (exact.placed_people == greedy.placed_people &&
                                                     exact.person_walk_mm <= greedy.person_walk_mm);
  if (!not_worse) {
    fmt::print("  !! the exact assignment is worse than the greedy one\n");
    exact_not_worse = false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: shelters-bench MONACO.osm.pbf [--quick]\n");
    return 2;
  }
  const bool quick = argc > 2 && std::string(argv[2]) == "--quick";
  auto monaco = import_network(argv[1], {});
  if (!monaco) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  compare("Monaco", *monaco, spread_shelters(*monaco, 40, 0.8));
  if (!quick) {
    const Network grid = reference::generated_city(120, 30'000, 0, 0, 11);
    compare("Generated grid", grid, spread_shelters(grid, 100, 0.7));
  }
  return exact_not_worse ? 0 : 1;
}
