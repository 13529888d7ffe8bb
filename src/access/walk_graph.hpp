// The walking network of the fifteen-minute service circle (一刻钟便民生活圈), read from
// OpenStreetMap: every way a pedestrian may use, as a graph in compressed sparse row form.
//
// Every way vertex is a graph node (so ways are split at every junction, and homes and
// facilities can later be snapped to the nearest vertex); each way segment is an edge in both
// directions, its length the geodesic distance in millimetres.
//
// Thread-safe: a built WalkGraph is immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shequ::access {

struct WalkGraph {
  // Node i's edges are targets[offsets[i]] .. targets[offsets[i + 1] - 1].
  std::vector<uint32_t> offsets;     // node count + 1 entries
  std::vector<uint32_t> targets;     // one per directed edge
  std::vector<uint32_t> lengths_mm;  // one per directed edge, geodesic millimetres
  std::vector<int32_t> lat_e7;       // per node, degrees × 10^7
  std::vector<int32_t> lon_e7;

  std::size_t node_count() const { return lat_e7.size(); }
  std::size_t edge_count() const { return targets.size(); }
  bool operator==(const WalkGraph&) const = default;
};

// Whether a way with these tags may be walked: highway types people walk on (footway, path,
// pedestrian, steps, living_street, residential, service, track, the ordinary road classes…),
// not motorways or trunk roads unless foot=yes, not when foot or access is no/private (foot=yes
// wins over access), not ways under construction or only proposed.
bool is_walkable(std::span<const std::pair<std::string_view, std::string_view>> tags);

}  // namespace shequ::access
