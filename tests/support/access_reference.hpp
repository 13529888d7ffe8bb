// The straightforward answers the fifteen-minute circle's fast paths are checked against, in
// the tests and in bench/: one bounded Dijkstra per residence, one per candidate site, and the
// nearest node by scanning every node. Slow on purpose; obviously right.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/coverage.hpp"
#include "access/matching.hpp"
#include "access/siting.hpp"
#include "access/snap.hpp"

namespace shequ::access::reference {

// Every node's walking distance from `from`, up to `limit_mm` (UINT64_MAX beyond): a plain
// Dijkstra.
std::vector<uint64_t> distances_from(const WalkGraph& graph, uint32_t from, uint64_t limit_mm);

// The reach table computed by one search per residence, stopping when every type is found or
// the limit is passed.
ReachTable reach_per_residence(const Network& network, uint32_t limit_mm);

// Coverage sets computed by one search per candidate.
CoverageSets coverage_sets_per_candidate(const WalkGraph& graph,
                                         const std::vector<Residence>& residences,
                                         const std::vector<Candidate>& candidates,
                                         uint32_t limit_mm);

// The nearest node within max_mm by scanning all nodes (ties: the lower index).
std::optional<Snap> nearest_by_scan(const WalkGraph& graph, int32_t lat_e7, int32_t lon_e7,
                                    uint32_t max_mm);

// Gap clusters (cluster_residences) by their definition: every pair of homes measured.
std::vector<GapCluster> clusters_by_all_pairs(const std::vector<Residence>& homes,
                                              uint32_t radius_mm);

// Needs matched to resources by one search per need over every resource: what
// access::match_needs answers with one search per resource.
std::vector<std::vector<Proposal>> match_per_need(const WalkGraph& graph,
                                                  const std::vector<MatchNeed>& needs,
                                                  const std::vector<MatchResource>& resources,
                                                  uint32_t limit_mm, std::size_t per_need);

// A generated city for tests and benchmarks: a side × side street grid near Lanzhou, junctions
// about 80 m apart with jittered lengths and one street in ten missing; `residences` homes and,
// for each of the first `types` service types, `facilities_per_type` facilities, at random
// junctions with a random walk of up to 40 m to the road. Deterministic for a seed.
Network generated_city(uint32_t side, uint32_t residences, uint32_t types,
                       uint32_t facilities_per_type, uint32_t seed);

}  // namespace shequ::access::reference
