// The data of the fifteen-minute service circle: the walking network, the facilities that serve
// and the residences that are served, each place snapped to its nearest network node.
//
// Read from OpenStreetMap once (`shequ access import-osm`) into a versioned binary file beside
// the database, which the server loads in one read. A place farther from every walkable way than
// the snapping limit keeps kNotSnapped as its node: it is reported, and left out of every search.
//
// Thread-safe: a loaded Network is immutable.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "access/service_types.hpp"
#include "access/walk_graph.hpp"
#include "common/result.hpp"

namespace shequ::access {

inline constexpr uint32_t kNotSnapped = std::numeric_limits<uint32_t>::max();
inline constexpr uint32_t kNoStreet = std::numeric_limits<uint32_t>::max();

// What kind of OpenStreetMap object a place was read from (ids of different kinds overlap), or
// `registry` for a facility of shequ's own registry (its id is the registry's), or `household`
// for a located household of the residents module (id 0: a home is never traced to its
// household), which the circle adds to the network it loaded and which no network file holds.
enum class OsmType : uint8_t { node, way, relation, registry, household };
// "node", "way", "relation", "registry", "household"
std::string_view osm_type_name(OsmType type);

struct Facility {
  ServiceTypeId type = 0;
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;
  uint32_t node = kNotSnapped;
  uint32_t snap_mm = 0;  // straight-line walk from the facility to its node
  int64_t osm_id = 0;
  std::string name;
  OsmType osm_type = OsmType::node;
  bool operator==(const Facility&) const = default;
};

struct Residence {
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;
  uint32_t node = kNotSnapped;
  uint32_t snap_mm = 0;
  int64_t osm_id = 0;
  std::string unit_code;  // the village or community it belongs to; empty until assigned
  OsmType osm_type = OsmType::node;
  // How many people live there: a household's members (OsmType::household); 0 for a building of
  // the map, whose residents nobody counted (it weighs as one wherever people are counted).
  uint32_t people = 0;
  bool operator==(const Residence&) const = default;
};

struct Network {
  WalkGraph graph;
  std::vector<Facility> facilities;
  std::vector<Residence> residences;
  // The names of the walkable ways (name:zh, else name), and for each graph node the first named
  // way through it (an index into street_names, or kNoStreet): what places are named by. Empty
  // for a file written before names were kept.
  std::vector<std::string> street_names;
  std::vector<uint32_t> node_street;
  // Imported as demonstration data (another place's streets laid on these units): every map and
  // list drawn from it says so.
  bool demo = false;
  bool operator==(const Network&) const = default;
};

// Demonstration data laid on other ground: the point `from` of the extract is moved to `to`
// (degrees). Every place keeps its offset from `from` on the ground: north-south as it was,
// east-west scaled by the ratio of the two parallels' lengths, so that distances stay what they
// were to within half a metre per kilometre (the ways keep their measured lengths exactly).
struct Relocation {
  double from_lat = 0, from_lon = 0;
  double to_lat = 0, to_lon = 0;
};

struct ImportOptions {
  uint32_t snap_max_mm = 250'000;  // a place farther than this from every walkable way is reported
  bool demo = false;               // the extract is demonstration data (Network::demo)
};

struct ImportStats {
  int64_t ways_read = 0;
  int64_t walkable_ways = 0;
  int64_t missing_locations = 0;      // way vertices whose node is not in the extract
  int64_t area_crossings = 0;         // straight walks added across pedestrian squares
  int64_t places_from_relations = 0;  // facilities and homes mapped as multipolygons
  int64_t facilities = 0;
  int64_t residences = 0;
  int64_t facilities_not_snapped = 0;
  int64_t residences_not_snapped = 0;
};

// Reads an .osm.pbf: the walkable ways (see is_walkable; a closed one tagged area=yes, a square,
// is also crossed between every two corners that see each other), facilities
// (classify_osm_facility) and residences (is_osm_residence) from nodes, closed ways and
// multipolygon relations (the place of a way or multipolygon is the mean of its outer vertices).
// Errors (field "file"): unreadable, truncated or corrupt file;
// no walkable way in it.
Result<Network> import_network(const std::string& pbf_path, const ImportOptions& options,
                               ImportStats* stats = nullptr);

// Moves every node and place of `network`; the ways' lengths and the places' snap distances,
// measured where they lay, are kept as they are.
void relocate(Network& network, const Relocation& relocation);

// Snaps every place to the nearest node within `snap_max_mm` (kNotSnapped beyond it).
void snap_places(Network& network, uint32_t snap_max_mm);

// Writes the network to `path` atomically (a temporary file renamed into place): a failure
// leaves no partial file behind.
Status save_network(const Network& network, const std::string& path);
// Reads a network file, refusing one of an unknown format version or with inconsistent contents.
// A file of the version before street names (3) is read with none.
Result<Network> load_network(const std::string& path);

}  // namespace shequ::access
