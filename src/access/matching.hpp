// Matching residents' needs to service resources over the walking network (三项清单: 需求清单对接
// 资源清单). A resource is a candidate for a need when it offers the need's category, has room
// left, is open at some hour the need can be met, and lies within the walk limit (the need's
// walk to the network, the network walk, the resource's walk from it). Candidates are ranked by
// walking distance, then by the room left (more first), then by resource index, and each need
// gets its first `per_need` of them, a list for staff to confirm.
//
// One bounded Dijkstra per resource (resources are fewer than needs), each writing its distance
// only at the nodes where needs stand; a need then reads the entries of its own node. Exact:
// walks are symmetric (every way is walked both ways at one length), so what a resource's search
// reaches a node at is what a search from the node would find for the resource
// (tests/support/access_reference.hpp has that search per need, bench/matching.cpp both).
//
// Thread-safe: pure functions over an immutable graph.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "access/network.hpp"
#include "access/walk_graph.hpp"

namespace shequ::access {

// Hours of the week, Monday 00:00–01:00 as bit 0 to Sunday 23:00–24:00 as bit 167.
struct WeekHours {
  std::array<uint64_t, 3> bits{};
  static WeekHours always();
  // Every day from `from_hour` (included) to `to_hour` (excluded), 0–24.
  static WeekHours daily(int from_hour, int to_hour);
  void set(int hour_of_week);
  bool overlaps(const WeekHours& other) const;
  bool empty() const;
  bool operator==(const WeekHours&) const = default;
};

struct MatchNeed {
  uint32_t node = kNotSnapped;  // kNotSnapped: too far from every way, no candidate
  uint32_t snap_mm = 0;
  uint32_t category = 0;
  WeekHours hours = WeekHours::always();  // when it can be met
};

struct MatchResource {
  uint32_t node = kNotSnapped;
  uint32_t snap_mm = 0;
  uint32_t category = 0;
  int64_t room = 0;                       // capacity less what is booked; 0 or less: no candidate
  WeekHours hours = WeekHours::always();  // when it is open
};

struct Proposal {
  uint32_t resource = 0;
  uint32_t walk_mm = 0;  // both snaps included
  bool operator==(const Proposal&) const = default;
};

// Per need, in the needs' order: its first `per_need` candidates, best first.
std::vector<std::vector<Proposal>> match_needs(const WalkGraph& graph,
                                               std::span<const MatchNeed> needs,
                                               std::span<const MatchResource> resources,
                                               uint32_t limit_mm, std::size_t per_need);

// Whether `a` ranks before `b` for one need (walk, then room, then index).
bool ranks_before(const Proposal& a, const Proposal& b, std::span<const MatchResource> resources);

}  // namespace shequ::access
