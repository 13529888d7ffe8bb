// How far every residence walks to the nearest facility of every service type.
//
// One multi-source search per type (all its facilities start at once, each with its own walk to
// the road) answers it for every home together; the types are spread over the machine's cores.
// A residence's own walk to the road is added at the end, so the distance is the same whichever
// end one starts from: home → road → network → road → facility.
//
// Thread-safe: pure functions; a ReachTable is immutable once computed.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "access/network.hpp"
#include "access/reach.hpp"

namespace shequ::access {

// Walking speed and tiers: GB 50180-2018's 5-, 10- and 15-minute circles. At the default speed
// of 4 km/h, fifteen minutes are the guide's 1,000 metres.
inline constexpr uint32_t kDefaultSpeedMetresPerHour = 4'000;
inline constexpr int kTiers[] = {5, 10, 15};
bool is_tier(int minutes);
// The distance walked in `minutes` at `metres_per_hour`, in millimetres.
uint32_t tier_limit_mm(int minutes, uint32_t metres_per_hour);

struct ReachTable {
  uint32_t type_count = 0;
  uint32_t limit_mm = 0;
  // distance_mm[residence * type_count + type]: kUnreached beyond limit_mm, or for a residence or
  // type with no node on the network.
  std::vector<uint32_t> distance_mm;

  uint32_t at(std::size_t residence, ServiceTypeId type) const {
    return distance_mm[residence * type_count + type];
  }
  bool operator==(const ReachTable&) const = default;
};

// Called with the share done (0..1), from any worker thread, one call at a time, with shares that
// never decrease. Returns false to ask the work to stop early: build_coverage_sets and greedy_lazy
// then return what they have, which the caller discards; compute_reach always runs to the end.
using Progress = std::function<bool(double)>;

// `threads` 0 means one per core.
ReachTable compute_reach(const Network& network, uint32_t limit_mm, unsigned threads = 0,
                         const Progress& progress = {});

// The reach table of `network` when only its residences differ from `before_network`'s (the same
// graph and facilities; `before` is that network's table): a residence at the same node with the
// same walk to it takes its row from `before`, and each of the others is searched from on its own.
// When those are many, one search per type is quicker, and compute_reach runs instead. Equal to
// compute_reach(network, before.limit_mm) either way.
ReachTable extend_reach(const Network& network, const Network& before_network,
                        const ReachTable& before, unsigned threads = 0);

// The sources of one type's search: its facilities on the network, with their walk to the road.
std::vector<Source> facility_sources(const Network& network, ServiceTypeId type);

}  // namespace shequ::access
