// The walking network read from OpenStreetMap: walkability rules, graph shape on a small
// extract written here, the real Monaco extract (ODbL, © OpenStreetMap contributors), the graph
// file, and every kind of bad input.
#include <gtest/gtest.h>

#include <osmium/builder/attr.hpp>
#include <osmium/geom/haversine.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/memory/buffer.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "access/areas.hpp"
#include "access/network.hpp"
#include "common/geo.hpp"

namespace shequ::access {
namespace {

using Tags = std::vector<std::pair<std::string_view, std::string_view>>;

const std::string kMonaco = std::string(SHEQU_TEST_DATA_DIR) + "/monaco.osm.pbf";

class Scratch : public ::testing::Test {
 protected:
  void SetUp() override {
    folder =
        std::filesystem::temp_directory_path() / ("shequ-access-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
  }
  void TearDown() override { std::filesystem::remove_all(folder); }
  std::string file(const std::string& name) const { return (folder / name).string(); }
  std::filesystem::path folder;
};

TEST(Walkability, WhoMayWalkWhere) {
  struct Case {
    Tags tags;
    bool walkable;
  };
  const Case cases[] = {
      {{{"highway", "footway"}}, true},
      {{{"highway", "steps"}}, true},
      {{{"highway", "pedestrian"}, {"area", "yes"}}, true},
      {{{"highway", "residential"}}, true},
      {{{"highway", "service"}, {"access", "private"}}, false},
      {{{"highway", "service"}, {"access", "private"}, {"foot", "yes"}}, true},
      {{{"highway", "footway"}, {"foot", "no"}}, false},
      {{{"highway", "path"}, {"access", "no"}}, false},
      {{{"highway", "motorway"}}, false},
      {{{"highway", "trunk"}}, false},
      {{{"highway", "trunk"}, {"foot", "yes"}}, true},
      {{{"highway", "construction"}}, false},
      {{{"highway", "proposed"}}, false},
      {{{"building", "yes"}}, false},
      {{}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(is_walkable(c.tags), c.walkable)
        << (c.tags.empty() ? "(no tags)" : std::string(c.tags[0].second));
  }
}

// Writes nodes 1..9 and a few ways to a PBF: a footway 1-2-3 (庆阳路) and a street 4-2-5 (酒泉路)
// crossing at 2,
// a motorway 6-7, a footway 8-9 closed to walkers, a building far from any walkable way, a
// pharmacy beside the crossing, a shop 8 km away, and an apartment block mapped as a multipolygon
// relation (its outline way 15 carries no tags).
void write_small_extract(const std::string& path) {
  using namespace osmium::builder::attr;  // NOLINT: the builder's attribute vocabulary
  osmium::memory::Buffer buffer{4096, osmium::memory::Buffer::auto_grow::yes};
  const double lon[] = {0, 7.4200, 7.4210, 7.4220, 7.4210, 7.4210, 7.4300, 7.4310, 7.4400, 7.4410};
  const double lat[] = {0,       43.7300, 43.7300, 43.7300, 43.7290,
                        43.7310, 43.7400, 43.7400, 43.7500, 43.7500};
  for (int id = 1; id <= 9; ++id) {
    osmium::builder::add_node(buffer, _id(id), _version(1), _location(lon[id], lat[id]));
  }
  osmium::builder::add_node(buffer, _id(20), _version(1), _location(7.4211, 43.7301),
                            _tag("amenity", "pharmacy"), _tag("name", "Pharmacie"));
  osmium::builder::add_node(buffer, _id(21), _version(1), _location(7.5000, 43.7800),
                            _tag("shop", "convenience"));
  // The outline of an apartment block mapped as a multipolygon, beside node 1.
  const double ring[][2] = {
      {7.4200, 43.7302}, {7.4202, 43.7302}, {7.4202, 43.7304}, {7.4200, 43.7304}};
  for (int i = 0; i < 4; ++i) {
    osmium::builder::add_node(buffer, _id(30 + i), _version(1), _location(ring[i][0], ring[i][1]));
  }
  osmium::builder::add_way(buffer, _id(10), _version(1), _nodes({1, 2, 3}),
                           _tag("highway", "footway"), _tag("name", "Qingyang Lu"),
                           _tag("name:zh", "庆阳路"));
  osmium::builder::add_way(buffer, _id(11), _version(1), _nodes({4, 2, 5}),
                           _tag("highway", "residential"), _tag("name", "酒泉路"));
  osmium::builder::add_way(buffer, _id(12), _version(1), _nodes({6, 7}),
                           _tag("highway", "motorway"), _tag("name", "Autoroute"));
  osmium::builder::add_way(buffer, _id(13), _version(1), _nodes({8, 9}), _tag("highway", "footway"),
                           _tag("foot", "no"));
  osmium::builder::add_way(buffer, _id(14), _version(1), _nodes({6, 8, 9, 6}),
                           _tag("building", "yes"));
  osmium::builder::add_way(buffer, _id(15), _version(1), _nodes({30, 31, 32, 33, 30}));
  osmium::builder::add_relation(buffer, _id(40), _version(1),
                                _member(osmium::item_type::way, 15, "outer"),
                                _tag("type", "multipolygon"), _tag("building", "apartments"));
  osmium::io::Writer writer{path, osmium::io::Header{}, osmium::io::overwrite::allow};
  writer(std::move(buffer));
  writer.close();
}

class WalkGraphTest : public Scratch {};

TEST_F(WalkGraphTest, WaysAreSplitWhereTheyMeetAndOnlyWalkableOnesCount) {
  write_small_extract(file("small.osm.pbf"));
  ImportStats stats;
  auto graph = import_network(file("small.osm.pbf"), {}, &stats);
  ASSERT_TRUE(graph) << graph.error().internal_detail;
  EXPECT_EQ(stats.ways_read, 6);
  EXPECT_EQ(stats.walkable_ways, 2);
  EXPECT_EQ(graph->graph.node_count(),
            5u);  // 1..5; the motorway, closed path and building add none
  EXPECT_EQ(graph->graph.edge_count(), 8u);  // four segments, both ways
  std::map<uint32_t, uint32_t> degree;
  for (uint32_t n = 0; n < graph->graph.node_count(); ++n)
    degree[graph->graph.offsets[n + 1] - graph->graph.offsets[n]]++;
  EXPECT_EQ(degree[4], 1u);  // the crossing
  EXPECT_EQ(degree[1], 4u);  // the four ends
  // Lengths are geodesic: 0.001° of longitude at 43.73°N is about 80.4 m.
  const double expected = osmium::geom::haversine::distance(osmium::Location(7.4200, 43.7300),
                                                            osmium::Location(7.4210, 43.7300));
  EXPECT_NEAR(expected, 80.4, 0.2);
  EXPECT_EQ(graph->graph.lengths_mm[0], static_cast<uint32_t>(std::llround(expected * 1000)));
  // Streets: the Chinese name first; the crossing is named by the first way read through it; the
  // motorway is not walked, so it names nothing.
  EXPECT_EQ(graph->street_names, (std::vector<std::string>{"庆阳路", "酒泉路"}));
  EXPECT_EQ(graph->node_street, (std::vector<uint32_t>{0, 0, 0, 1, 1}));  // nodes 1, 2, 3, 4, 5
  EXPECT_FALSE(graph->demo);

  // Places: the pharmacy snaps to the crossing (node 2, the second vertex seen); the far shop
  // and the building, over 250 m from any walkable way, are reported and kept off the network.
  EXPECT_EQ(stats.facilities, 2);
  EXPECT_EQ(stats.facilities_not_snapped, 1);
  EXPECT_EQ(stats.residences, 2);
  EXPECT_EQ(stats.residences_not_snapped, 1);
  EXPECT_EQ(stats.places_from_relations, 1);
  ASSERT_EQ(graph->facilities.size(), 2u);
  const Facility& pharmacy = graph->facilities[0];
  EXPECT_EQ(pharmacy.name, "Pharmacie");
  EXPECT_EQ(pharmacy.osm_id, 20);
  EXPECT_EQ(pharmacy.node, 1u);
  EXPECT_NEAR(pharmacy.snap_mm / 1000.0, 13.5, 0.5);  // 11.1 m north, 8.0 m east
  EXPECT_EQ(graph->facilities[1].node, kNotSnapped);
  EXPECT_EQ(graph->residences.at(0).osm_id, 14);
  EXPECT_EQ(graph->residences.at(0).osm_type, OsmType::way);
  EXPECT_EQ(graph->residences.at(0).node, kNotSnapped);
  const Residence& block = graph->residences.at(1);
  EXPECT_EQ(block.osm_type, OsmType::relation);
  EXPECT_EQ(block.osm_id, 40);
  EXPECT_EQ(block.lat_e7, 437303000);  // the mean of its corners
  EXPECT_EQ(block.lon_e7, 74201000);
  EXPECT_EQ(block.node, 0u);  // node 1, the footway's end
}

TEST_F(WalkGraphTest, PedestrianSquaresAreWalkedAcrossWhereTheOutlineAllows) {
  // An L-shaped square (area=yes), corners A B C D E F; D is the inner corner. A to D and A to C
  // cross the square; C to E would cut across the missing quarter and must not be added.
  //   F---E
  //   |   |
  //   |   D---C
  //   |       |
  //   A-------B
  using namespace osmium::builder::attr;  // NOLINT
  osmium::memory::Buffer buffer{4096, osmium::memory::Buffer::auto_grow::yes};
  const double unit = 0.0005;
  const std::pair<double, double> corners[] = {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
  for (int id = 1; id <= 6; ++id) {
    osmium::builder::add_node(
        buffer, _id(id), _version(1),
        _location(7.43 + corners[id - 1].first * unit, 43.74 + corners[id - 1].second * unit));
  }
  osmium::builder::add_way(buffer, _id(10), _version(1), _nodes({1, 2, 3, 4, 5, 6, 1}),
                           _tag("highway", "pedestrian"), _tag("area", "yes"));
  osmium::io::Writer writer{file("square.osm.pbf"), osmium::io::Header{},
                            osmium::io::overwrite::allow};
  writer(std::move(buffer));
  writer.close();

  ImportStats stats;
  auto network = import_network(file("square.osm.pbf"), {}, &stats);
  ASSERT_TRUE(network) << network.error().internal_detail;
  const WalkGraph& g = network->graph;
  auto joined = [&](uint32_t a, uint32_t b) {  // node indices follow the corners' order
    for (uint32_t e = g.offsets[a]; e < g.offsets[a + 1]; ++e)
      if (g.targets[e] == b) return true;
    return false;
  };
  const uint32_t A = 0, B = 1, C = 2, D = 3, E = 4, F = 5;
  EXPECT_TRUE(joined(A, D) && joined(D, A));
  EXPECT_TRUE(joined(A, C));
  EXPECT_TRUE(joined(B, D));
  EXPECT_TRUE(joined(D, F));
  EXPECT_FALSE(joined(C, E));                 // outside the square
  EXPECT_FALSE(joined(B, E));                 // touches the inner corner D on the way
  EXPECT_TRUE(joined(A, B) && joined(F, A));  // the outline itself
  EXPECT_EQ(stats.area_crossings, static_cast<int64_t>((g.edge_count() - 12) / 2));
}

TEST_F(WalkGraphTest, MonacoImportsSymmetricallyAndTheSameEveryTime) {
  ImportStats stats;
  auto graph = import_network(kMonaco, {}, &stats);
  ASSERT_TRUE(graph) << graph.error().internal_detail;
  // The extract is fixed, so its figures are too (27,377 ways as its provenance states).
  EXPECT_EQ(stats.ways_read, 27377);
  EXPECT_EQ(stats.walkable_ways, 2771);
  EXPECT_EQ(graph->graph.node_count(), 24588u);
  EXPECT_EQ(graph->graph.edge_count(), 53656u);  // 51,486 along ways, 2,170 across squares
  EXPECT_EQ(stats.area_crossings, 1086);         // one of them runs along a mapped footway
  EXPECT_EQ(stats.facilities, 114);
  EXPECT_EQ(stats.facilities_not_snapped, 0);
  EXPECT_EQ(stats.residences, 23229);
  EXPECT_EQ(stats.places_from_relations, 1);  // one apartment block is a multipolygon
  EXPECT_EQ(stats.residences_not_snapped, 58);
  EXPECT_EQ(graph->street_names.size(), 549u);
  EXPECT_NE(
      std::find(graph->street_names.begin(), graph->street_names.end(), "Boulevard des Moulins"),
      graph->street_names.end());
  EXPECT_EQ(graph->node_street.size(), graph->graph.node_count());
  // Unnamed footways, steps and service roads: about half the nodes lie on no named way.
  EXPECT_EQ(std::count(graph->node_street.begin(), graph->node_street.end(), kNoStreet), 12796);
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> length;
  uint64_t total_mm = 0;
  for (uint32_t from = 0; from < graph->graph.node_count(); ++from) {
    for (uint32_t e = graph->graph.offsets[from]; e < graph->graph.offsets[from + 1]; ++e) {
      length[{from, graph->graph.targets[e]}] = graph->graph.lengths_mm[e];
      total_mm += graph->graph.lengths_mm[e];
    }
  }
  for (const auto& [edge, mm] : length) {
    ASSERT_EQ(length.at({edge.second, edge.first}), mm);  // walking goes both ways
  }
  for (std::size_t n = 0; n < graph->graph.node_count(); ++n) {
    ASSERT_TRUE(graph->graph.lat_e7[n] > 437000000 && graph->graph.lat_e7[n] < 437800000 &&
                graph->graph.lon_e7[n] > 73400000 &&
                graph->graph.lon_e7[n] < 75000000);  // the extract's box
  }
  EXPECT_NEAR(static_cast<double>(total_mm) / 2, 502'189'919.0,
              1000.0);  // 467.3 km of ways and 34.9 km across squares, within a metre
  auto again = import_network(kMonaco, {});
  ASSERT_TRUE(again);
  EXPECT_TRUE(*again == *graph);
}

// `make run` lays the Monaco extract on 酒泉路街道 (data/demo/monaco-areas.geojson, laidOn): every
// place lands in Gansu, the ways keep their lengths and every two nodes their distance on the
// ground, to within half a metre per kilometre across the extract (15 km wide).
TEST(Relocation, TheDemoExtractLiesOnJiuquanluWithItsDistancesKept) {
  std::ifstream in(std::string(SHEQU_DEMO_DATA_DIR) + "/monaco-areas.geojson");
  std::stringstream text;
  text << in.rdbuf();
  const auto laid = parse_laid_on(text.str());
  ASSERT_TRUE(laid && *laid);
  auto monaco = import_network(kMonaco, {.demo = true});
  ASSERT_TRUE(monaco);
  Network moved = *monaco;
  relocate(moved, **laid);
  EXPECT_EQ(moved.graph.lengths_mm, monaco->graph.lengths_mm);
  EXPECT_EQ(moved.graph.targets, monaco->graph.targets);
  for (std::size_t i = 0; i < moved.residences.size(); ++i) {
    const Residence& home = moved.residences[i];
    ASSERT_TRUE(geo::in_gansu(home.lon_e7 * 1e-7, home.lat_e7 * 1e-7)) << i;
    ASSERT_EQ(home.snap_mm, monaco->residences[i].snap_mm);
  }
  const auto& was = monaco->graph;
  const auto& now = moved.graph;
  const auto metres = [](const WalkGraph& g, std::size_t a, std::size_t b) {
    return osmium::geom::haversine::distance(
        osmium::Location(g.lon_e7[a] * 1e-7, g.lat_e7[a] * 1e-7),
        osmium::Location(g.lon_e7[b] * 1e-7, g.lat_e7[b] * 1e-7));
  };
  double worst = 0;
  for (std::size_t a = 0; a < was.node_count(); a += 997) {
    for (std::size_t b = a + 1; b < was.node_count(); b += 1009) {
      const double before = metres(was, a, b);
      worst = std::max(worst, std::abs(metres(now, a, b) - before) / std::max(before, 1.0));
    }
  }
  EXPECT_LT(worst, 5e-4);  // half a metre per kilometre
  // The point named lands where it is told to.
  Network one;
  one.graph.lat_e7 = {437300000};
  one.graph.lon_e7 = {74000000};
  relocate(one, **laid);
  EXPECT_EQ(one.graph.lat_e7[0], 360608000);
  EXPECT_EQ(one.graph.lon_e7[0], 1038350000);
}

TEST_F(WalkGraphTest, TheGraphFileRoundTripsAndRefusesDamage) {
  write_small_extract(file("small.osm.pbf"));
  auto graph = import_network(file("small.osm.pbf"), {});
  ASSERT_TRUE(graph);
  const std::string path = file("graphs/walk.graph");
  ASSERT_TRUE(save_network(*graph, path));
  EXPECT_FALSE(std::filesystem::exists(path + ".new"));
  auto loaded = load_network(path);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(*loaded == *graph);
  graph->demo = true;
  ASSERT_TRUE(save_network(*graph, path));
  loaded = load_network(path);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->demo);
  EXPECT_TRUE(*loaded == *graph);

  const auto size = std::filesystem::file_size(path);
  std::filesystem::copy_file(path, file("cut.graph"));
  std::filesystem::resize_file(file("cut.graph"), size - 7);
  std::ofstream(file("other.graph")) << "not a graph at all";
  std::string bytes(size, '\0');
  std::ifstream(path, std::ios::binary).read(bytes.data(), static_cast<std::streamsize>(size));
  bytes[8] = 9;  // format version 9
  std::ofstream(file("future.graph"), std::ios::binary) << bytes;
  for (const char* name : {"cut.graph", "other.graph", "future.graph", "missing.graph"}) {
    const auto bad = load_network(file(name));
    ASSERT_FALSE(bad) << name;
    EXPECT_EQ(bad.error().details.at(0).field, "file") << name;
  }
}

TEST_F(WalkGraphTest, AFileFromBeforeStreetNamesStillLoads) {
  write_small_extract(file("small.osm.pbf"));
  auto graph = import_network(file("small.osm.pbf"), {});
  ASSERT_TRUE(graph);
  graph->street_names.clear();
  graph->node_street.clear();
  const std::string path = file("unnamed.graph");
  ASSERT_TRUE(save_network(*graph, path));
  // Version 3 ended where version 4 adds the (here empty) street columns and the demo flag: two
  // counts of no street, two of no name bytes, and one byte.
  const auto size = std::filesystem::file_size(path);
  std::string bytes(size - (8 + 8 + 8 + 1), '\0');
  std::ifstream(path, std::ios::binary)
      .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes[8] = 3;
  std::ofstream(file("v3.graph"), std::ios::binary) << bytes;
  auto loaded = load_network(file("v3.graph"));
  ASSERT_TRUE(loaded) << loaded.error().message.en;
  EXPECT_TRUE(*loaded == *graph);
  EXPECT_TRUE(loaded->street_names.empty());
}

TEST_F(WalkGraphTest, BadExtractsAreRefusedClearly) {
  const auto monaco_size = std::filesystem::file_size(kMonaco);
  std::filesystem::copy_file(kMonaco, file("truncated.osm.pbf"));
  std::filesystem::resize_file(file("truncated.osm.pbf"), monaco_size / 3);
  std::ofstream(file("garbage.osm.pbf")) << "this is not protobuf";
  {
    using namespace osmium::builder::attr;  // NOLINT
    osmium::memory::Buffer buffer{1024, osmium::memory::Buffer::auto_grow::yes};
    osmium::builder::add_node(buffer, _id(1), _version(1), _location(7.42, 43.73));
    osmium::builder::add_node(buffer, _id(2), _version(1), _location(7.43, 43.73));
    osmium::builder::add_way(buffer, _id(3), _version(1), _nodes({1, 2}), _tag("building", "yes"));
    osmium::io::Writer writer{file("no-roads.osm.pbf"), osmium::io::Header{},
                              osmium::io::overwrite::allow};
    writer(std::move(buffer));
    writer.close();
  }
  struct Case {
    std::string name;
    std::string reason_part;
  };
  const Case cases[] = {{"truncated.osm.pbf", "not a valid OpenStreetMap PBF"},
                        {"garbage.osm.pbf", "not a valid OpenStreetMap PBF"},
                        {"no-roads.osm.pbf", "no walkable way"},
                        {"missing.osm.pbf", "no such file"}};
  for (const Case& c : cases) {
    const auto result = import_network(file(c.name), {});
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument) << c.name;
    EXPECT_NE(result.error().details.at(0).reason.en.find(c.reason_part), std::string::npos)
        << c.name << ": " << result.error().details.at(0).reason.en;
  }
}

}  // namespace
}  // namespace shequ::access
