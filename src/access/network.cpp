#include "access/network.hpp"

#include <osmium/geom/haversine.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/relations/relations_manager.hpp>
#include <osmium/visitor.hpp>

#include "access/snap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <unordered_map>
#include <unordered_set>

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
// Version 4 added the street names and the demo flag at the end; version 3 files are still read.
constexpr uint32_t kFormatVersion = 4;
constexpr uint32_t kUnnamedFormatVersion = 3;

Error file_error(const std::string& path, std::string_view why_zh, std::string_view why_en) {
  return Error::invalid("file",
                        {fmt::format("{}：{}", path, why_zh), fmt::format("{}: {}", path, why_en)});
}

using TagList = std::vector<std::pair<std::string_view, std::string_view>>;

TagList tags_of(const osmium::OSMObject& object) {
  TagList tags;
  for (const osmium::Tag& t : object.tags()) tags.emplace_back(t.key(), t.value());
  return tags;
}

class NetworkCollector : public osmium::handler::Handler {
 public:
  explicit NetworkCollector(ImportStats& stats) : stats_(stats) {}

  void node(const osmium::Node& node) {
    if (node.tags().empty() || !node.location().valid()) return;
    add_places(node, node.location().y(), node.location().x(), node.id(), OsmType::node);
  }

  void way(const osmium::Way& way) {
    ++stats_.ways_read;
    const TagList tags = tags_of(way);
    if (way.nodes().size() >= 4 && way.is_closed()) add_way_places(way);
    if (!is_walkable(tags)) return;
    ++stats_.walkable_ways;
    if (way.is_closed() && tag(tags, "area") == "yes") add_crossings(way);
    const uint32_t street = street_of(tags);
    uint32_t previous = UINT32_MAX;
    osmium::Location previous_location;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) {
        ++stats_.missing_locations;
        previous = UINT32_MAX;  // the way leaves the extract here
        continue;
      }
      const uint32_t node = index_of(ref);
      if (street != kNoStreet) node_streets_.emplace_back(node, street);
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

  Network build() {
    Network network;
    WalkGraph& graph = network.graph;
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
    network.facilities = std::move(facilities_);
    network.residences = std::move(residences_);
    // The first named way read through a node names it: the same on every run.
    network.node_street.assign(graph.node_count(), kNoStreet);
    for (const auto& [node, street] : node_streets_) {
      if (network.node_street[node] == kNoStreet) network.node_street[node] = street;
    }
    network.street_names = std::move(street_names_);
    return network;
  }

 private:
  struct Edge {
    uint32_t from, to, mm;
  };

  // A pedestrian square (area=yes) is walked across, not only around its edge: every two corners
  // that see each other inside the outline are joined by a straight edge. Outlines with very many
  // corners keep only their edge (the visibility test costs the cube of the corners).
  void add_crossings(const osmium::Way& way) {
    constexpr std::size_t kMaxCorners = 64;
    std::vector<std::pair<uint32_t, osmium::Location>> corners;
    for (std::size_t i = 0; i + 1 < way.nodes().size(); ++i) {
      const osmium::NodeRef& ref = way.nodes()[i];
      if (!ref.location().valid()) return;
      corners.emplace_back(index_of(ref), ref.location());
    }
    const std::size_t n = corners.size();
    if (n < 4 || n > kMaxCorners) return;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 2; j < n; ++j) {
        if ((i == 0 && j == n - 1) || !sees(corners, i, j)) continue;
        const double metres =
            osmium::geom::haversine::distance(corners[i].second, corners[j].second);
        const auto mm = static_cast<uint32_t>(std::llround(metres * 1000.0));
        edges_.push_back({corners[i].first, corners[j].first, mm});
        edges_.push_back({corners[j].first, corners[i].first, mm});
        ++stats_.area_crossings;
      }
    }
  }

  // Whether the straight line between corners i and j stays inside the outline: its midpoint is
  // inside, and it crosses no side that does not end at i or j. Plane geometry on degrees is
  // exact enough across a square.
  static bool sees(const std::vector<std::pair<uint32_t, osmium::Location>>& corners, std::size_t i,
                   std::size_t j) {
    auto x = [&](std::size_t k) { return corners[k].second.lon(); };
    auto y = [&](std::size_t k) { return corners[k].second.lat(); };
    auto side = [](double ax, double ay, double bx, double by, double px, double py) {
      const double cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
      return (cross > 0) - (cross < 0);
    };
    const std::size_t n = corners.size();
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t l = (k + 1) % n;
      if (k == i || k == j || l == i || l == j) continue;
      if (side(x(i), y(i), x(j), y(j), x(k), y(k)) * side(x(i), y(i), x(j), y(j), x(l), y(l)) < 0 &&
          side(x(k), y(k), x(l), y(l), x(i), y(i)) * side(x(k), y(k), x(l), y(l), x(j), y(j)) < 0) {
        return false;
      }
    }
    const double mx = (x(i) + x(j)) / 2;
    const double my = (y(i) + y(j)) / 2;
    bool inside = false;
    for (std::size_t k = 0, l = n - 1; k < n; l = k++) {
      if ((y(k) > my) != (y(l) > my) && mx < (x(l) - x(k)) * (my - y(k)) / (y(l) - y(k)) + x(k)) {
        inside = !inside;
      }
    }
    return inside;
  }

  void add_way_places(const osmium::Way& way) {
    int64_t lat_sum = 0;
    int64_t lon_sum = 0;
    int64_t count = 0;
    // The first vertex repeats as the last of a closed way: count it once.
    for (std::size_t i = 0; i + 1 < way.nodes().size(); ++i) {
      const osmium::Location location = way.nodes()[i].location();
      if (!location.valid()) return;  // partly outside the extract: its place is unknown
      lat_sum += location.y();
      lon_sum += location.x();
      ++count;
    }
    add_places(way, static_cast<int32_t>(lat_sum / count), static_cast<int32_t>(lon_sum / count),
               way.id(), OsmType::way);
  }

 public:
  // Called by PlaceRelations once every member way of a multipolygon has been read.
  void add_places(const osmium::OSMObject& object, int32_t lat_e7, int32_t lon_e7, int64_t id,
                  OsmType type) {
    const TagList tags = tags_of(object);
    std::size_t added = 0;
    for (ServiceTypeId service : classify_osm_facility(tags)) {
      facilities_.push_back(
          {service, lat_e7, lon_e7, kNotSnapped, 0, id, osm_facility_name(tags), type});
      ++stats_.facilities;
      ++added;
    }
    if (is_osm_residence(tags)) {
      residences_.push_back({lat_e7, lon_e7, kNotSnapped, 0, id, {}, type});
      ++stats_.residences;
      ++added;
    }
    if (type == OsmType::relation) stats_.places_from_relations += static_cast<int64_t>(added);
  }

 private:
  // The index of a walkable way's name in street_names_, or kNoStreet for a way without one.
  uint32_t street_of(const TagList& tags) {
    std::string name = osm_facility_name(tags);
    if (name.empty()) return kNoStreet;
    const auto [it, added] =
        street_index_.emplace(std::move(name), static_cast<uint32_t>(street_names_.size()));
    if (added) street_names_.push_back(it->first);
    return it->second;
  }

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
  std::vector<Facility> facilities_;
  std::vector<Residence> residences_;
  std::unordered_map<std::string, uint32_t> street_index_;
  std::vector<std::string> street_names_;
  std::vector<std::pair<uint32_t, uint32_t>> node_streets_;  // (node, street) in reading order
};

// Buildings and facilities mapped as multipolygon relations: their outer member ways are kept
// until all have been read, then the place is the mean of their vertices.
class PlaceRelations
    : public osmium::relations::RelationsManager<PlaceRelations, false, true, false> {
 public:
  explicit PlaceRelations(NetworkCollector& collector) : collector_(collector) {}

  bool new_relation(const osmium::Relation& relation) const {
    const char* type = relation.tags().get_value_by_key("type");
    if (type == nullptr || std::strcmp(type, "multipolygon") != 0) return false;
    const TagList tags = tags_of(relation);
    return is_osm_residence(tags) || !classify_osm_facility(tags).empty();
  }

  bool new_member(const osmium::Relation& /*relation*/, const osmium::RelationMember& member,
                  std::size_t /*n*/) const {
    return member.type() == osmium::item_type::way &&
           (std::strcmp(member.role(), "outer") == 0 || member.role()[0] == '\0');
  }

  void complete_relation(const osmium::Relation& relation) {
    std::unordered_set<osmium::object_id_type> seen;
    int64_t lat_sum = 0;
    int64_t lon_sum = 0;
    int64_t count = 0;
    for (const osmium::RelationMember& member : relation.members()) {
      if (member.ref() == 0) continue;  // not kept: an inner ring or not a way
      const osmium::Way* way = get_member_way(member.ref());
      if (way == nullptr) continue;
      for (const osmium::NodeRef& ref : way->nodes()) {
        if (!ref.location().valid()) return;  // partly outside the extract
        // Rings close on their first vertex, and ways of one ring share their ends: once each.
        if (!seen.insert(ref.ref()).second) continue;
        lat_sum += ref.location().y();
        lon_sum += ref.location().x();
        ++count;
      }
    }
    if (count == 0) return;
    collector_.add_places(relation, static_cast<int32_t>(lat_sum / count),
                          static_cast<int32_t>(lon_sum / count), relation.id(), OsmType::relation);
  }

 private:
  NetworkCollector& collector_;
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

// Strings as one array of end offsets and one array of their bytes.
void write_strings(std::ofstream& out, const std::vector<const std::string*>& values) {
  std::vector<uint64_t> ends;
  std::vector<char> bytes;
  for (const std::string* value : values) {
    bytes.insert(bytes.end(), value->begin(), value->end());
    ends.push_back(bytes.size());
  }
  write_array(out, ends);
  write_array(out, bytes);
}

bool read_strings(std::ifstream& in, std::vector<std::string>& values, uint64_t max_count) {
  std::vector<uint64_t> ends;
  std::vector<char> bytes;
  if (!read_array(in, ends, max_count) || !read_array(in, bytes, max_count)) return false;
  if (!std::is_sorted(ends.begin(), ends.end()) || (!ends.empty() && ends.back() != bytes.size()))
    return false;
  values.clear();
  uint64_t begin = 0;
  for (uint64_t end : ends) {
    values.emplace_back(bytes.data() + begin, bytes.data() + end);
    begin = end;
  }
  return true;
}

// A column of one field over a list of places.
template <class Place, class Field>
auto column(const std::vector<Place>& places, Field Place::*field) {
  std::vector<Field> values;
  values.reserve(places.size());
  for (const Place& place : places) values.push_back(place.*field);
  return values;
}

template <class Place, class Field>
bool read_column(std::ifstream& in, std::vector<Place>& places, Field Place::*field,
                 uint64_t max_count) {
  std::vector<Field> values;
  if (!read_array(in, values, max_count)) return false;
  if (places.empty()) places.resize(values.size());
  if (values.size() != places.size()) return false;
  for (std::size_t i = 0; i < values.size(); ++i) places[i].*field = values[i];
  return true;
}

template <class Place>
void write_place_columns(std::ofstream& out, const std::vector<Place>& places) {
  const uint64_t count = places.size();
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  write_array(out, column(places, &Place::lat_e7));
  write_array(out, column(places, &Place::lon_e7));
  write_array(out, column(places, &Place::node));
  write_array(out, column(places, &Place::snap_mm));
  write_array(out, column(places, &Place::osm_id));
  write_array(out, column(places, &Place::osm_type));
}

template <class Place>
bool read_place_columns(std::ifstream& in, std::vector<Place>& places, uint64_t max_count) {
  uint64_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof count) || count > max_count) return false;
  places.resize(count);
  return read_column(in, places, &Place::lat_e7, max_count) &&
         read_column(in, places, &Place::lon_e7, max_count) &&
         read_column(in, places, &Place::node, max_count) &&
         read_column(in, places, &Place::snap_mm, max_count) &&
         read_column(in, places, &Place::osm_id, max_count) &&
         read_column(in, places, &Place::osm_type, max_count) &&
         std::all_of(places.begin(), places.end(),
                     [](const Place& p) { return p.osm_type <= OsmType::relation; });
}

bool read_streets(std::ifstream& in, Network& network, uint64_t max_count) {
  uint8_t demo = 0;
  if (!read_array(in, network.node_street, max_count) ||
      !read_strings(in, network.street_names, max_count) ||
      !in.read(reinterpret_cast<char*>(&demo), sizeof demo) || demo > 1) {
    return false;
  }
  network.demo = demo == 1;
  return true;
}

template <class Place>
bool nodes_valid(const std::vector<Place>& places, std::size_t node_count) {
  return std::all_of(places.begin(), places.end(),
                     [&](const Place& p) { return p.node == kNotSnapped || p.node < node_count; });
}

}  // namespace

std::string_view osm_type_name(OsmType type) {
  switch (type) {
    case OsmType::node:
      return "node";
    case OsmType::way:
      return "way";
    case OsmType::relation:
      return "relation";
    case OsmType::registry:
      return "registry";
    case OsmType::household:
      return "household";
  }
  return "node";
}

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

Result<Network> import_network(const std::string& pbf_path, const ImportOptions& options,
                               ImportStats* stats_out) {
  if (!std::filesystem::is_regular_file(pbf_path)) {
    return file_error(pbf_path, "文件不存在", "no such file");
  }
  ImportStats stats;
  NetworkCollector collector(stats);
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();  // ways crossing the extract's edge have vertices without nodes
    PlaceRelations relations(collector);
    const osmium::io::File file(pbf_path, "pbf");
    osmium::relations::read_relations(file, relations);  // first pass: which ways to keep
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    // Locations first, so the ways the relations keep carry them.
    osmium::apply(reader, locations, collector, relations.handler());
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
  Network network = collector.build();
  network.demo = options.demo;
  snap_places(network, options.snap_max_mm);
  for (const Facility& f : network.facilities)
    stats.facilities_not_snapped += f.node == kNotSnapped;
  for (const Residence& r : network.residences)
    stats.residences_not_snapped += r.node == kNotSnapped;
  if (stats_out != nullptr) *stats_out = stats;
  return network;
}

void relocate(Network& network, const Relocation& to) {
  constexpr double kRadiansPerDegree = std::numbers::pi / 180;
  const double east_scale =
      std::cos(to.from_lat * kRadiansPerDegree) / std::cos(to.to_lat * kRadiansPerDegree);
  auto move = [&](int32_t& lat_e7, int32_t& lon_e7) {
    const double lat = lat_e7 * 1e-7 - to.from_lat + to.to_lat;
    const double lon = (lon_e7 * 1e-7 - to.from_lon) * east_scale + to.to_lon;
    lat_e7 = static_cast<int32_t>(std::lround(lat * 1e7));
    lon_e7 = static_cast<int32_t>(std::lround(lon * 1e7));
  };
  WalkGraph& graph = network.graph;
  for (std::size_t i = 0; i < graph.lat_e7.size(); ++i) move(graph.lat_e7[i], graph.lon_e7[i]);
  for (Facility& f : network.facilities) move(f.lat_e7, f.lon_e7);
  for (Residence& r : network.residences) move(r.lat_e7, r.lon_e7);
}

void snap_places(Network& network, uint32_t snap_max_mm) {
  const SnapIndex index(network.graph);
  auto snap = [&](auto& place) {
    const auto found = index.nearest(place.lat_e7, place.lon_e7, snap_max_mm);
    place.node = found ? found->node : kNotSnapped;
    place.snap_mm = found ? found->distance_mm : 0;
  };
  for (Facility& f : network.facilities) snap(f);
  for (Residence& r : network.residences) snap(r);
}

Status save_network(const Network& network, const std::string& path) {
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  const std::string temporary = path + ".new";
  {
    const WalkGraph& graph = network.graph;
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(kMagic.data(), kMagic.size());
    out.write(reinterpret_cast<const char*>(&kFormatVersion), sizeof kFormatVersion);
    write_array(out, graph.offsets);
    write_array(out, graph.targets);
    write_array(out, graph.lengths_mm);
    write_array(out, graph.lat_e7);
    write_array(out, graph.lon_e7);
    write_place_columns(out, network.facilities);
    write_array(out, column(network.facilities, &Facility::type));
    std::vector<const std::string*> names;
    for (const Facility& f : network.facilities) names.push_back(&f.name);
    write_strings(out, names);
    write_place_columns(out, network.residences);
    std::vector<const std::string*> units;
    for (const Residence& r : network.residences) units.push_back(&r.unit_code);
    write_strings(out, units);
    write_array(out, network.node_street);
    std::vector<const std::string*> streets;
    for (const std::string& street : network.street_names) streets.push_back(&street);
    write_strings(out, streets);
    const uint8_t demo = network.demo ? 1 : 0;
    out.write(reinterpret_cast<const char*>(&demo), sizeof demo);
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

Result<Network> load_network(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error(path, "文件不存在", "no such file");
  std::array<char, 8> magic{};
  uint32_t version = 0;
  if (!in.read(magic.data(), magic.size()) || magic != kMagic) {
    return file_error(path, "不是步行路网文件", "not a walking-network file");
  }
  if (!in.read(reinterpret_cast<char*>(&version), sizeof version) ||
      (version != kFormatVersion && version != kUnnamedFormatVersion)) {
    return file_error(path, "路网文件版本不受支持，请重新导入",
                      "unsupported format version; import the network again");
  }
  const uint64_t limit =
      std::filesystem::file_size(path);  // no array holds more entries than bytes
  Network network;
  WalkGraph& graph = network.graph;
  std::vector<ServiceTypeId> types;
  std::vector<std::string> names;
  std::vector<std::string> units;
  const bool read =
      read_array(in, graph.offsets, limit) && read_array(in, graph.targets, limit) &&
      read_array(in, graph.lengths_mm, limit) && read_array(in, graph.lat_e7, limit) &&
      read_array(in, graph.lon_e7, limit) && read_place_columns(in, network.facilities, limit) &&
      read_array(in, types, limit) && read_strings(in, names, limit) &&
      read_place_columns(in, network.residences, limit) && read_strings(in, units, limit) &&
      (version == kUnnamedFormatVersion || read_streets(in, network, limit)) &&
      in.peek() == std::ifstream::traits_type::eof();
  const std::size_t nodes = graph.lat_e7.size();
  const bool consistent =
      read && graph.lon_e7.size() == nodes && graph.offsets.size() == nodes + 1 &&
      graph.offsets.front() == 0 && graph.offsets.back() == graph.targets.size() &&
      graph.lengths_mm.size() == graph.targets.size() &&
      std::is_sorted(graph.offsets.begin(), graph.offsets.end()) &&
      std::all_of(graph.targets.begin(), graph.targets.end(),
                  [&](uint32_t t) { return t < nodes; }) &&
      types.size() == network.facilities.size() && names.size() == network.facilities.size() &&
      units.size() == network.residences.size() &&
      std::all_of(types.begin(), types.end(),
                  [](ServiceTypeId t) { return t < service_types().size(); }) &&
      nodes_valid(network.facilities, nodes) && nodes_valid(network.residences, nodes) &&
      (network.node_street.empty() || network.node_street.size() == nodes) &&
      std::all_of(network.node_street.begin(), network.node_street.end(), [&](uint32_t street) {
        return street == kNoStreet || street < network.street_names.size();
      });
  if (!consistent)
    return file_error(path, "路网文件不完整或已损坏", "the file is truncated or corrupt");
  for (std::size_t i = 0; i < types.size(); ++i) {
    network.facilities[i].type = types[i];
    network.facilities[i].name = std::move(names[i]);
  }
  for (std::size_t i = 0; i < units.size(); ++i)
    network.residences[i].unit_code = std::move(units[i]);
  return network;
}

}  // namespace shequ::access
