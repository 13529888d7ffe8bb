// The fifteen-minute circle's fast paths against their references, in the same run:
//   reach:  one multi-source search per service type (all cores) vs one search per home;
//   siting: lazy greedy (CELF) vs naive greedy over the same coverage sets.
// On Monaco (tests/data/monaco.osm.pbf) and on generated street grids of 250 k and 1 M nodes
// with 12 service types. Results must be identical; the program exits 1 if they are not.
// Peak memory is the process's high-water mark (VmHWM) after each stage.
//
//   circle-bench MONACO.osm.pbf [--quick]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "access/circle_service.hpp"
#include "access/coverage.hpp"
#include "access/network.hpp"
#include "access/siting.hpp"
#include "support/access_reference.hpp"

namespace {

using namespace shequ::access;  // NOLINT: a benchmark program, not a header
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;
  }
  return -1;
}

bool all_identical = true;

void check(bool same, const std::string& what) {
  if (!same) {
    fmt::print("  !! {} differs from the reference\n", what);
    all_identical = false;
  }
}

// Keeps every n-th home: the reference's time per home is what is measured.
Network with_every_nth_home(const Network& network, std::size_t n) {
  Network sample;
  sample.graph = network.graph;
  sample.facilities = network.facilities;
  for (std::size_t r = 0; r < network.residences.size(); r += n)
    sample.residences.push_back(network.residences[r]);
  return sample;
}

// The network file: the server reads it whole at start-up.
void bench_file(const std::string& name, const Network& network) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("circle-bench-" + name + ".graph")).string();
  auto start = Clock::now();
  if (!save_network(network, path)) {
    check(false, name + " save");
    return;
  }
  const double save_seconds = seconds_since(start);
  start = Clock::now();
  auto loaded = load_network(path);
  const double load_seconds = seconds_since(start);
  check(loaded && *loaded == network, name + " file round trip");
  fmt::print("{:<10} file: {:.1f} MB written in {:.2f} s, loaded and checked in {:.2f} s\n", name,
             std::filesystem::file_size(path) / 1e6, save_seconds, load_seconds);
  std::filesystem::remove(path);
}

struct ReachFigures {
  double fast_seconds;
  double reference_seconds;  // scaled to every home when a sample was used
};

ReachFigures bench_reach(const std::string& name, const Network& network,
                         std::size_t reference_sample_every) {
  const uint32_t limit = tier_limit_mm(15, kDefaultSpeedMetresPerHour);
  auto start = Clock::now();
  const ReachTable fast = compute_reach(network, limit);
  const double fast_seconds = seconds_since(start);
  const Network sample = with_every_nth_home(network, reference_sample_every);
  start = Clock::now();
  const ReachTable slow = reference::reach_per_residence(sample, limit);
  const double sample_seconds = seconds_since(start);
  const double reference_seconds = sample_seconds * static_cast<double>(network.residences.size()) /
                                   static_cast<double>(sample.residences.size());
  // The fast table's rows for the sampled homes must equal the reference's.
  bool same = true;
  for (std::size_t i = 0, r = 0; r < network.residences.size(); ++i, r += reference_sample_every) {
    for (uint32_t t = 0; t < fast.type_count; ++t) {
      same = same &&
             fast.at(r, static_cast<ServiceTypeId>(t)) == slow.at(i, static_cast<ServiceTypeId>(t));
    }
  }
  check(same, name + " reach");
  std::size_t reached = 0;
  for (uint32_t d : fast.distance_mm) reached += d != kUnreached;
  fmt::print(
      "{:<10} reach: {} nodes, {} homes, {} facilities; fast {:.3f} s, per-home reference {:.2f} "
      "s{} "
      "→ {:.0f}× faster; identical: {}; {:.1f}% of home×type pairs within 15 min; peak {} MiB\n",
      name, network.graph.node_count(), network.residences.size(), network.facilities.size(),
      fast_seconds, reference_seconds,
      reference_sample_every > 1
          ? fmt::format(" (every {}th home timed, scaled)", reference_sample_every)
          : "",
      reference_seconds / fast_seconds, same ? "yes" : "NO",
      100.0 * reached / std::max<std::size_t>(1, fast.distance_mm.size()), peak_rss_mib());
  return {fast_seconds, reference_seconds};
}

// People move: a few homes go, a few new ones come (located households). The table brought up to
// date from the one before (extend_reach) against computing it again, on the same network. One
// home per 10,000 nodes changes (a day's moves in a district): under extend_reach's threshold of
// one per 5,000, so the rows are taken over and only the new homes searched from.
void bench_homes_change(const std::string& name, const Network& network) {
  const std::size_t changed = std::max<std::size_t>(2, network.graph.node_count() / 10'000);
  const uint32_t limit = tier_limit_mm(15, kDefaultSpeedMetresPerHour);
  const ReachTable before = compute_reach(network, limit);
  Network after = network;
  after.residences.resize(after.residences.size() - changed);
  std::mt19937 random(7);
  for (std::size_t i = 0; i < changed; ++i) {
    const auto node = static_cast<uint32_t>(random() % after.graph.node_count());
    Residence home{after.graph.lat_e7[node],
                   after.graph.lon_e7[node],
                   node,
                   static_cast<uint32_t>(random() % 40'000),
                   0,
                   "",
                   OsmType::household};
    home.people = 3;
    after.residences.push_back(home);
  }
  auto start = Clock::now();
  const ReachTable extended = extend_reach(after, network, before);
  const double extend_seconds = seconds_since(start);
  start = Clock::now();
  const ReachTable full = compute_reach(after, limit);
  const double full_seconds = seconds_since(start);
  check(extended == full, name + " homes change");
  fmt::print(
      "{:<10} homes change: {} of {} homes replaced; brought up to date {:.4f} s, computed again "
      "{:.3f} s → {:.1f}× faster; identical: {}\n",
      name, changed, network.residences.size(), extend_seconds, full_seconds,
      full_seconds / extend_seconds, extended == full ? "yes" : "NO");
}

void bench_siting(const std::string& name, const Network& network, ServiceTypeId type, uint32_t k) {
  const uint32_t limit = tier_limit_mm(15, kDefaultSpeedMetresPerHour);
  const ReachTable reach = compute_reach(network, limit);
  std::vector<Residence> uncovered;
  for (std::size_t r = 0; r < network.residences.size(); ++r)
    if (reach.at(r, type) > limit) uncovered.push_back(network.residences[r]);
  const std::vector<Candidate> candidates = node_candidates(network.graph);
  auto start = Clock::now();
  const CoverageSets sets = build_coverage_sets(network.graph, uncovered, candidates, limit);
  const double sets_seconds = seconds_since(start);
  uint64_t naive_evaluations = 0;
  uint64_t lazy_evaluations = 0;
  start = Clock::now();
  const auto naive = greedy_naive(sets, k, &naive_evaluations);
  const double naive_seconds = seconds_since(start);
  start = Clock::now();
  const auto lazy = greedy_lazy(sets, k, &lazy_evaluations);
  const double lazy_seconds = seconds_since(start);
  check(lazy == naive, name + " siting");
  uint32_t gained = 0;
  for (const SiteChoice& c : lazy) gained += c.gained;
  fmt::print(
      "{:<10} siting k={}: {} uncovered homes, {} candidates, {} pairs (sets built in {:.2f} s); "
      "naive greedy {:.3f} s ({} evaluations), lazy {:.4f} s ({} evaluations) → {:.0f}× faster; "
      "same sites: {}; +{} homes; peak {} MiB\n",
      name, k, uncovered.size(), candidates.size(), sets.members.size(), sets_seconds,
      naive_seconds, naive_evaluations, lazy_seconds, lazy_evaluations,
      naive_seconds / lazy_seconds, lazy == naive ? "yes" : "NO", gained, peak_rss_mib());
}

// The homes a type does not reach within 15 minutes, grouped into the gap clusters the circle
// page lists (the gaps route), against measuring every pair of homes.
void bench_gaps(const std::string& name, const Network& network, ServiceTypeId type) {
  const uint32_t limit = tier_limit_mm(15, kDefaultSpeedMetresPerHour);
  const uint32_t radius = CircleOptions{}.gap_radius_mm;
  const ReachTable reach = compute_reach(network, limit);
  std::vector<Residence> uncovered;
  for (std::size_t r = 0; r < network.residences.size(); ++r)
    if (reach.at(r, type) > limit) uncovered.push_back(network.residences[r]);
  auto start = Clock::now();
  const auto fast = cluster_residences(uncovered, radius);
  const double fast_seconds = seconds_since(start);
  start = Clock::now();
  const auto slow = reference::clusters_by_all_pairs(uncovered, radius);
  const double slow_seconds = seconds_since(start);
  check(fast == slow, name + " gaps");
  fmt::print(
      "{:<10} gaps: {} unserved homes → {} clusters of {} m; indexed {:.3f} s, every pair {:.2f} "
      "s → {:.0f}× faster; identical: {}\n",
      name, uncovered.size(), fast.size(), radius / 1000, fast_seconds, slow_seconds,
      slow_seconds / fast_seconds, fast == slow ? "yes" : "NO");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: circle-bench MONACO.osm.pbf [--quick]\n");
    return 2;
  }
  const bool quick = argc > 2 && std::string(argv[2]) == "--quick";
  auto start = Clock::now();
  auto monaco = import_network(argv[1], {});
  if (!monaco) {
    std::fprintf(stderr, "cannot import %s\n", argv[1]);
    return 1;
  }
  fmt::print("monaco     import: {:.2f} s\n", seconds_since(start));
  // The circle leaves homes the import could not put on the walking network out of every figure
  // (CircleService); so does the benchmark, so that its homes and unserved homes are the page's.
  std::erase_if(monaco->residences, [](const Residence& r) { return r.node == kNotSnapped; });
  bench_reach("monaco", *monaco, 1);
  bench_homes_change("monaco", *monaco);
  bench_siting("monaco", *monaco, service_type_id(*find_service_type("laundry")), 10);
  bench_gaps("monaco", *monaco, service_type_id(*find_service_type("breakfast")));

  // Homes on half the junctions, facilities of 12 types on one in 2,000 (about one per 1.3 km²).
  std::vector<std::pair<std::string, uint32_t>> grids{{"grid-250k", 500}};
  if (!quick) grids.push_back({"grid-1M", 1000});
  std::vector<std::pair<std::size_t, double>> scaling;
  for (const auto& [name, side] : grids) {
    const uint32_t nodes = side * side;
    const Network city = reference::generated_city(side, nodes / 2, 12, nodes / 2000, 42);
    bench_file(name, city);
    const ReachFigures figures = bench_reach(name, city, side >= 1000 ? 20 : 5);
    scaling.emplace_back(city.graph.node_count(), figures.fast_seconds);
    bench_homes_change(name, city);
    // Siting is asked for a township or a county, not a whole city of a million junctions: its
    // coverage sets grow with unserved homes × candidates in reach.
    if (side <= 500) bench_siting(name, city, 0, 20);
  }
  if (scaling.size() == 2) {
    // Time per node from the two sizes; the province's walking network is about 3 M nodes with
    // 1.5 M homes and the 16 types (12 here): scale by nodes and by types.
    const auto& [small_nodes, small_seconds] = scaling[0];
    const auto& [large_nodes, large_seconds] = scaling[1];
    const double exponent = std::log(large_seconds / small_seconds) /
                            std::log(static_cast<double>(large_nodes) / small_nodes);
    const double province =
        large_seconds * std::pow(3e6 / static_cast<double>(large_nodes), exponent) * 16.0 / 12.0;
    fmt::print(
        "province   estimate: reach grows as nodes^{:.2f}; 3 M nodes, 16 types → {:.1f} s "
        "for every home and type (goal: under 300 s)\n",
        exponent, province);
  }
  fmt::print("results identical to the references: {}\n", all_identical ? "yes" : "NO");
  return all_identical ? 0 : 1;
}
