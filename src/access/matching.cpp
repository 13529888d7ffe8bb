#include "access/matching.hpp"

#include <algorithm>

#include "access/reach.hpp"

namespace shequ::access {

WeekHours WeekHours::always() {
  WeekHours w;
  for (int h = 0; h < 168; ++h) w.set(h);
  return w;
}

WeekHours WeekHours::daily(int from_hour, int to_hour) {
  WeekHours w;
  for (int day = 0; day < 7; ++day) {
    for (int h = std::max(from_hour, 0); h < std::min(to_hour, 24); ++h) w.set(day * 24 + h);
  }
  return w;
}

void WeekHours::set(int hour_of_week) {
  bits[static_cast<std::size_t>(hour_of_week / 64)] |= uint64_t{1} << (hour_of_week % 64);
}

bool WeekHours::overlaps(const WeekHours& other) const {
  for (std::size_t i = 0; i < bits.size(); ++i) {
    if ((bits[i] & other.bits[i]) != 0) return true;
  }
  return false;
}

bool WeekHours::empty() const {
  return std::all_of(bits.begin(), bits.end(), [](uint64_t b) { return b == 0; });
}

bool ranks_before(const Proposal& a, const Proposal& b, std::span<const MatchResource> resources) {
  if (a.walk_mm != b.walk_mm) return a.walk_mm < b.walk_mm;
  const int64_t room_a = resources[a.resource].room;
  const int64_t room_b = resources[b.resource].room;
  if (room_a != room_b) return room_a > room_b;
  return a.resource < b.resource;
}

std::vector<std::vector<Proposal>> match_needs(const WalkGraph& graph,
                                               std::span<const MatchNeed> needs,
                                               std::span<const MatchResource> resources,
                                               uint32_t limit_mm, std::size_t per_need) {
  // The nodes where needs stand, numbered densely: only there are distances kept.
  constexpr uint32_t kNoSlot = kNotSnapped;
  std::vector<uint32_t> slot(graph.node_count(), kNoSlot);
  uint32_t slots = 0;
  for (const MatchNeed& need : needs) {
    if (need.node != kNotSnapped && need.snap_mm <= limit_mm && slot[need.node] == kNoSlot) {
      slot[need.node] = slots++;
    }
  }
  struct Reached {
    uint32_t resource;
    uint32_t walk_mm;  // the resource's snap and the network walk
  };
  std::vector<std::vector<Reached>> reached(slots);
  BoundedSearch search(graph);
  for (uint32_t r = 0; r < resources.size(); ++r) {
    const MatchResource& resource = resources[r];
    if (resource.node == kNotSnapped || resource.room <= 0 || resource.snap_mm > limit_mm) {
      continue;
    }
    search.run(resource.node, limit_mm - resource.snap_mm, [&](uint32_t node, uint32_t d) {
      if (slot[node] != kNoSlot) reached[slot[node]].push_back({r, d + resource.snap_mm});
    });
  }
  std::vector<std::vector<Proposal>> out(needs.size());
  for (std::size_t n = 0; n < needs.size(); ++n) {
    const MatchNeed& need = needs[n];
    if (need.node == kNotSnapped || need.snap_mm > limit_mm) continue;
    std::vector<Proposal>& list = out[n];
    for (const Reached& at : reached[slot[need.node]]) {
      const MatchResource& resource = resources[at.resource];
      const uint64_t walk = uint64_t{at.walk_mm} + need.snap_mm;
      if (resource.category != need.category || walk > limit_mm ||
          !resource.hours.overlaps(need.hours)) {
        continue;
      }
      list.push_back({at.resource, static_cast<uint32_t>(walk)});
    }
    const auto before = [&](const Proposal& a, const Proposal& b) {
      return ranks_before(a, b, resources);
    };
    const std::size_t keep = std::min(per_need, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(),
                      before);
    list.resize(keep);
  }
  return out;
}

}  // namespace shequ::access
