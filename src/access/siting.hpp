// Where new facilities would bring the most uncovered residents within reach: greedy maximum
// coverage over candidate sites, and the groups of residences a type does not reach.
//
// Greedy picks, k times, the candidate that brings the most not-yet-reached residences into
// reach (ties: the lower candidate index). The lazy variant (CELF, Leskovec et al. 2007) keeps
// each candidate's last gain as an upper bound, since gains only shrink as sites are added, and
// re-evaluates only the candidate at the top of the queue: it picks the same sites as the naive
// greedy, in the same order, with far fewer evaluations.
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "access/coverage.hpp"

namespace shequ::access {

struct Candidate {
  uint32_t node;
  uint32_t snap_mm;  // a supplied site's walk to the road; 0 for a network node
  int32_t lat_e7;
  int32_t lon_e7;
};

// The candidates "every network node".
std::vector<Candidate> node_candidates(const WalkGraph& graph);

// Which of the given residences each candidate would bring within `limit_mm`: candidate c
// covers residences members[offsets[c]] .. members[offsets[c + 1] - 1] (indices into the
// `residences` argument, ascending). One bounded search from each residence; on all cores.
struct CoverageSets {
  std::vector<uint32_t> offsets;  // candidate count + 1
  std::vector<uint32_t> members;
  uint32_t residence_count = 0;
  bool operator==(const CoverageSets&) const = default;
};
CoverageSets build_coverage_sets(const WalkGraph& graph, const std::vector<Residence>& residences,
                                 const std::vector<Candidate>& candidates, uint32_t limit_mm,
                                 unsigned threads = 0, const Progress& progress = {});

struct SiteChoice {
  uint32_t candidate;
  uint32_t gained;  // residences newly within reach
  bool operator==(const SiteChoice&) const = default;
};

// At most k choices; stops early once no candidate adds anyone. `evaluations`, when given,
// receives how many marginal gains were computed.
std::vector<SiteChoice> greedy_naive(const CoverageSets& sets, uint32_t k,
                                     uint64_t* evaluations = nullptr);
std::vector<SiteChoice> greedy_lazy(const CoverageSets& sets, uint32_t k,
                                    uint64_t* evaluations = nullptr, const Progress& progress = {});

struct GapCluster {
  int32_t lat_e7;  // centroid
  int32_t lon_e7;
  uint32_t residences;
  uint32_t people;                // living in the members that are located households
  uint32_t radius_mm;             // farthest member from the centroid, straight line
  std::vector<uint32_t> members;  // indices into the residences given
  bool operator==(const GapCluster&) const = default;
};

// Groups residences into compact clusters, each a place where one new facility could serve many:
// taking the homes with the most others within `radius_mm` first, each unassigned home gathers
// every unassigned home within that radius (straight line). So no cluster spans more than twice
// the radius, however densely a city is built. Largest clusters first; ties by position.
std::vector<GapCluster> cluster_residences(const std::vector<Residence>& residences,
                                           uint32_t radius_mm);

}  // namespace shequ::access
