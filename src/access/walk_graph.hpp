// The walking network of the fifteen-minute service circle (一刻钟便民生活圈), read from
// OpenStreetMap: every way a pedestrian may use, as a graph in compressed sparse row form.
//
// Every way vertex is a graph node (so ways are split at every junction, and homes and
// facilities can later be snapped to the nearest vertex); each way segment is an edge in both
// directions, its length the geodesic distance in millimetres.
//
// The graph is written to a versioned binary file beside the database and loaded from it in
// one read. Thread-safe: a loaded WalkGraph is immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

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

struct ImportStats {
  int64_t ways_read = 0;
  int64_t walkable_ways = 0;
  int64_t missing_locations = 0;  // way vertices whose node is not in the extract
};

// Whether a way with these tags may be walked: highway types people walk on (footway, path,
// pedestrian, steps, living_street, residential, service, track, the ordinary road classes…),
// not motorways or trunk roads unless foot=yes, not when foot or access is no/private (foot=yes
// wins over access), not ways under construction or only proposed.
bool is_walkable(std::span<const std::pair<std::string_view, std::string_view>> tags);

// Reads an .osm.pbf. Errors (field "file"): unreadable, truncated or corrupt file; no walkable
// way in it.
Result<WalkGraph> import_walk_graph(const std::string& pbf_path, ImportStats* stats = nullptr);

// Writes the graph to `path` atomically (a temporary file renamed into place): a failure
// leaves no partial graph behind.
Status save_walk_graph(const WalkGraph& graph, const std::string& path);
// Reads a graph file, refusing one of another format version or with inconsistent arrays.
Result<WalkGraph> load_walk_graph(const std::string& path);

}  // namespace shequ::access
