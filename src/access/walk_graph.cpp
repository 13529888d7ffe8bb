#include "access/walk_graph.hpp"

#include <osmium/geom/haversine.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>

namespace shequ::access {

namespace {

constexpr std::array<std::string_view, 20> kWalkableHighways{
    "footway",      "path",          "pedestrian", "steps",          "living_street",
    "residential",  "service",       "track",      "unclassified",   "road",
    "tertiary",     "tertiary_link", "secondary",  "secondary_link", "primary",
    "primary_link", "cycleway",      "corridor",   "bridleway",      "platform"};
constexpr std::array<std::string_view, 4> kOnlyWithFoot{"motorway", "motorway_link", "trunk",
                                                        "trunk_link"};

bool one_of(std::string_view value, std::span<const std::string_view> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

std::string_view tag(std::span<const std::pair<std::string_view, std::string_view>> tags,
                     std::string_view key) {
  for (const auto& [k, v] : tags) {
    if (k == key) return v;
  }
  return {};
}

// The binary format: magic, version, counts, then the arrays in order, little-endian as stored
// by this machine (x86-64 and arm64 alike).
constexpr std::array<char, 8> kMagic{'S', 'H', 'Q', 'W', 'A', 'L', 'K', '\0'};
constexpr uint32_t kFormatVersion = 1;

Error file_error(const std::string& path, std::string_view why_zh, std::string_view why_en) {
  return Error::invalid("file",
                        {fmt::format("{}：{}", path, why_zh), fmt::format("{}: {}", path, why_en)});
}

class WayCollector : public osmium::handler::Handler {
 public:
  explicit WayCollector(ImportStats& stats) : stats_(stats) {}

  void way(const osmium::Way& way) {
    ++stats_.ways_read;
    std::array<std::pair<std::string_view, std::string_view>, 8> wanted{};
    std::size_t n = 0;
    for (const osmium::Tag& t : way.tags()) {
      const std::string_view key = t.key();
      if (n < wanted.size() &&
          (key == "highway" || key == "foot" || key == "access" || key == "area")) {
        wanted[n++] = {key, t.value()};
      }
    }
    if (!is_walkable(std::span(wanted.data(), n))) return;
    ++stats_.walkable_ways;
    uint32_t previous = UINT32_MAX;
    osmium::Location previous_location;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) {
        ++stats_.missing_locations;
        previous = UINT32_MAX;  // the way leaves the extract here
        continue;
      }
      const uint32_t node = index_of(ref);
      if (previous != UINT32_MAX && previous != node) {
        const double metres = osmium::geom::haversine::distance(previous_location, ref.location());
        const auto mm = static_cast<uint32_t>(std::llround(metres * 1000.0));
        edges_.push_back({previous, node, mm});
        edges_.push_back({node, previous, mm});
      }
      previous = node;
      previous_location = ref.location();
    }
  }

  WalkGraph build() {
    WalkGraph graph;
    // Sorting by (from, to) makes the CSR arrays, and so the file, the same on every run.
    std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) {
      return a.from != b.from ? a.from < b.from : a.to != b.to ? a.to < b.to : a.mm < b.mm;
    });
    edges_.erase(
        std::unique(edges_.begin(), edges_.end(),
                    [](const Edge& a, const Edge& b) { return a.from == b.from && a.to == b.to; }),
        edges_.end());
    graph.offsets.assign(lat_.size() + 1, 0);
    for (const Edge& e : edges_) ++graph.offsets[e.from + 1];
    for (std::size_t i = 1; i < graph.offsets.size(); ++i) graph.offsets[i] += graph.offsets[i - 1];
    graph.targets.reserve(edges_.size());
    graph.lengths_mm.reserve(edges_.size());
    for (const Edge& e : edges_) {
      graph.targets.push_back(e.to);
      graph.lengths_mm.push_back(e.mm);
    }
    graph.lat_e7 = std::move(lat_);
    graph.lon_e7 = std::move(lon_);
    return graph;
  }

 private:
  struct Edge {
    uint32_t from, to, mm;
  };

  uint32_t index_of(const osmium::NodeRef& ref) {
    const auto [it, added] = index_.emplace(ref.ref(), static_cast<uint32_t>(lat_.size()));
    if (added) {
      lat_.push_back(ref.location().y());
      lon_.push_back(ref.location().x());
    }
    return it->second;
  }

  ImportStats& stats_;
  std::unordered_map<osmium::object_id_type, uint32_t> index_;
  std::vector<int32_t> lat_;
  std::vector<int32_t> lon_;
  std::vector<Edge> edges_;
};

template <class T>
void write_array(std::ofstream& out, const std::vector<T>& values) {
  const uint64_t count = values.size();
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(T)));
}

template <class T>
bool read_array(std::ifstream& in, std::vector<T>& values, uint64_t max_count) {
  uint64_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof count) || count > max_count) return false;
  values.resize(count);
  return static_cast<bool>(in.read(reinterpret_cast<char*>(values.data()),
                                   static_cast<std::streamsize>(count * sizeof(T))));
}

}  // namespace

bool is_walkable(std::span<const std::pair<std::string_view, std::string_view>> tags) {
  const std::string_view highway = tag(tags, "highway");
  const std::string_view foot = tag(tags, "foot");
  const std::string_view access = tag(tags, "access");
  if (highway.empty()) return false;
  if (foot == "no" || foot == "private" || foot == "use_sidepath") return false;
  const bool foot_allowed = foot == "yes" || foot == "designated" || foot == "permissive";
  if ((access == "no" || access == "private") && !foot_allowed) return false;
  if (one_of(highway, kOnlyWithFoot)) return foot_allowed;
  return one_of(highway, kWalkableHighways);
}

Result<WalkGraph> import_walk_graph(const std::string& pbf_path, ImportStats* stats_out) {
  if (!std::filesystem::is_regular_file(pbf_path)) {
    return file_error(pbf_path, "文件不存在", "no such file");
  }
  ImportStats stats;
  WayCollector collector(stats);
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();  // ways crossing the extract's edge have vertices without nodes
    osmium::io::Reader reader(osmium::io::File(pbf_path, "pbf"),
                              osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, collector);
    reader.close();
  } catch (const std::exception& e) {
    Error error = file_error(pbf_path, "不是有效的 OpenStreetMap PBF 文件（可能已截断或损坏）",
                             "not a valid OpenStreetMap PBF file (truncated or corrupt?)");
    error.internal_detail = e.what();
    return error;
  }
  if (stats.walkable_ways == 0) {
    return file_error(pbf_path, "没有可步行的道路", "holds no walkable way");
  }
  if (stats_out != nullptr) *stats_out = stats;
  return collector.build();
}

Status save_walk_graph(const WalkGraph& graph, const std::string& path) {
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  const std::string temporary = path + ".new";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(kMagic.data(), kMagic.size());
    out.write(reinterpret_cast<const char*>(&kFormatVersion), sizeof kFormatVersion);
    write_array(out, graph.offsets);
    write_array(out, graph.targets);
    write_array(out, graph.lengths_mm);
    write_array(out, graph.lat_e7);
    write_array(out, graph.lon_e7);
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary, ec);
      return Error::unavailable(fmt::format("cannot write {}", temporary));
    }
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec)
    return Error::unavailable(
        fmt::format("cannot move {} into place: {}", temporary, ec.message()));
  return {};
}

Result<WalkGraph> load_walk_graph(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error(path, "文件不存在", "no such file");
  std::array<char, 8> magic{};
  uint32_t version = 0;
  if (!in.read(magic.data(), magic.size()) || magic != kMagic) {
    return file_error(path, "不是步行路网文件", "not a walking-network file");
  }
  if (!in.read(reinterpret_cast<char*>(&version), sizeof version) || version != kFormatVersion) {
    return file_error(path, "路网文件版本不受支持，请重新导入",
                      "unsupported format version; import the network again");
  }
  const uint64_t limit =
      std::filesystem::file_size(path);  // no array holds more entries than bytes
  WalkGraph graph;
  const bool read = read_array(in, graph.offsets, limit) && read_array(in, graph.targets, limit) &&
                    read_array(in, graph.lengths_mm, limit) &&
                    read_array(in, graph.lat_e7, limit) && read_array(in, graph.lon_e7, limit);
  const std::size_t nodes = graph.lat_e7.size();
  const bool consistent = read && graph.lon_e7.size() == nodes &&
                          graph.offsets.size() == nodes + 1 && graph.offsets.front() == 0 &&
                          graph.offsets.back() == graph.targets.size() &&
                          graph.lengths_mm.size() == graph.targets.size() &&
                          std::is_sorted(graph.offsets.begin(), graph.offsets.end()) &&
                          std::all_of(graph.targets.begin(), graph.targets.end(),
                                      [&](uint32_t t) { return t < nodes; });
  if (!consistent)
    return file_error(path, "路网文件不完整或已损坏", "the file is truncated or corrupt");
  return graph;
}

}  // namespace shequ::access
