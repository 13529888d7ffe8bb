// The fifteen-minute circle's fast paths against the straightforward references the issue asks
// for (tests/support/access_reference.hpp), on Monaco's real streets, shops and homes and on
// generated cities: every distance equal to the millimetre, the same coverage sets, and the
// lazy greedy choosing exactly the naive greedy's sites.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "access/areas.hpp"
#include "access/coverage.hpp"
#include "access/network.hpp"
#include "access/siting.hpp"
#include "access/snap.hpp"
#include "support/access_reference.hpp"

namespace shequ::access {
namespace {

const Network& monaco() {
  static const Network network = [] {
    auto imported = import_network(std::string(SHEQU_TEST_DATA_DIR) + "/monaco.osm.pbf", {});
    if (!imported) throw std::runtime_error("cannot import Monaco");
    return std::move(*imported);
  }();
  return network;
}

ServiceTypeId type_id(std::string_view key) {
  return service_type_id(*find_service_type(key));
}

TEST(ServiceTypes, OsmTagsMapOntoTheGuidesTypes) {
  using Tags = std::vector<std::pair<std::string_view, std::string_view>>;
  struct Case {
    Tags tags;
    std::vector<std::string_view> types;
  };
  const Case cases[] = {
      {{{"amenity", "pharmacy"}}, {"pharmacy"}},
      {{{"shop", "convenience"}, {"name", "Spar"}}, {"convenience_store"}},
      {{{"shop", "supermarket"}, {"amenity", "pharmacy"}}, {"supermarket", "pharmacy"}},
      {{{"amenity", "post_office"}}, {"parcel_post"}},
      {{{"leisure", "fitness_station"}}, {"fitness"}},
      {{{"amenity", "social_facility"}, {"social_facility:for", "senior"}}, {"elderly_care"}},
      {{{"shop", "car"}}, {}},
      {{{"building", "apartments"}}, {}},
  };
  for (const Case& c : cases) {
    std::vector<ServiceTypeId> expected;
    for (std::string_view key : c.types) expected.push_back(type_id(key));
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(classify_osm_facility(c.tags), expected)
        << c.tags.front().first << "=" << c.tags.front().second;
  }
  EXPECT_TRUE(is_osm_residence(Tags{{"building", "apartments"}}));
  EXPECT_TRUE(is_osm_residence(Tags{{"building", "house"}}));
  EXPECT_TRUE(is_osm_residence(Tags{{"building", "yes"}}));
  EXPECT_FALSE(is_osm_residence(Tags{{"building", "yes"}, {"shop", "bakery"}}));
  EXPECT_FALSE(is_osm_residence(Tags{{"building", "yes"}, {"amenity", "school"}}));
  EXPECT_FALSE(is_osm_residence(Tags{{"building", "commercial"}}));
  EXPECT_EQ(basic_service_types().size(), 11u);
  EXPECT_EQ(find_service_type("bakery"), nullptr);
}

// A facility's name is shown on the map and in exports: mappers' text meets the same rule as
// text typed into the console, and a name it refuses is passed over rather than shown.
TEST(ServiceTypes, FacilityNamesFollowTheTextRule) {
  using Tags = std::vector<std::pair<std::string_view, std::string_view>>;
  struct Case {
    Tags tags;
    std::string name;
  };
  const Case cases[] = {
      {{{"amenity", "pharmacy"}, {"name", "Pharmacie"}, {"name:zh", "药店"}}, "药店"},
      {{{"amenity", "pharmacy"}, {"name", "Pharmacie"}}, "Pharmacie"},
      {{{"amenity", "pharmacy"}, {"name", "Pharmacie"}, {"name:zh", "药\u202e店"}}, "Pharmacie"},
      {{{"amenity", "pharmacy"}, {"name", "Cafe\u0301"}}, "Café"},
      {{{"amenity", "pharmacy"}, {"name", "Phar\u200bmacie"}}, ""},
      {{{"amenity", "pharmacy"}}, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(osm_facility_name(c.tags), c.name) << c.tags.back().second;
}

TEST(Tiers, FifteenMinutesAtFourKilometresAnHourAreOneKilometre) {
  EXPECT_EQ(tier_limit_mm(15, 4000), 1'000'000u);
  EXPECT_EQ(tier_limit_mm(10, 4000), 666'667u);
  EXPECT_EQ(tier_limit_mm(5, 4000), 333'333u);
  EXPECT_EQ(tier_limit_mm(15, 4800), 1'200'000u);
  EXPECT_TRUE(is_tier(10));
  EXPECT_FALSE(is_tier(20));
}

TEST(Snapping, TheGridIndexFindsWhatAFullScanFinds) {
  const WalkGraph& g = monaco().graph;
  const SnapIndex index(g);
  std::mt19937 random(29);
  // Around Monaco and well beyond it, with limits from a few metres to two kilometres.
  std::uniform_int_distribution<int32_t> lat(437100000, 437700000);
  std::uniform_int_distribution<int32_t> lon(73800000, 74600000);
  std::uniform_int_distribution<uint32_t> limit(5'000, 2'000'000);
  int found = 0;
  for (int i = 0; i < 3000; ++i) {
    const int32_t y = lat(random);
    const int32_t x = lon(random);
    const uint32_t max = limit(random);
    const auto fast = index.nearest(y, x, max);
    const auto slow = reference::nearest_by_scan(g, y, x, max);
    ASSERT_EQ(fast.has_value(), slow.has_value()) << y << "," << x << " within " << max;
    if (fast) {
      ASSERT_EQ(fast->node, slow->node);
      ASSERT_EQ(fast->distance_mm, slow->distance_mm);
      ++found;
    }
  }
  EXPECT_GT(found, 500);
  EXPECT_LT(found, 3000);  // some points were too far from every road
}

TEST(Reach, EqualsOneSearchPerResidenceOnMonaco) {
  ASSERT_GT(monaco().residences.size(), 20'000u);
  ASSERT_GT(monaco().facilities.size(), 100u);
  // Every 8th home: a residence's distances do not depend on the other homes, and the
  // reference (a full search per home) is slow in a debug build.
  Network network = monaco();
  std::vector<Residence> sample;
  for (std::size_t r = 0; r < network.residences.size(); r += 8)
    sample.push_back(network.residences[r]);
  network.residences = std::move(sample);
  const ReachTable fast = compute_reach(network, 1'000'000, 2);
  const ReachTable slow = reference::reach_per_residence(network, 1'000'000);
  ASSERT_EQ(fast.distance_mm.size(), slow.distance_mm.size());
  EXPECT_TRUE(fast == slow);
  // Not a vacuous equality: many homes reach a pharmacy, and some do not.
  std::size_t reached = 0;
  for (std::size_t r = 0; r < network.residences.size(); ++r)
    reached += fast.at(r, type_id("pharmacy")) != kUnreached;
  EXPECT_GT(reached, network.residences.size() / 3);
  EXPECT_LT(reached, network.residences.size());
}

TEST(Reach, EqualsOneSearchPerResidenceOnGeneratedCities) {
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    const Network city = reference::generated_city(40, 300, 12, seed, seed);
    for (uint32_t limit : {333'333u, 1'000'000u}) {
      const ReachTable fast = compute_reach(city, limit, seed % 3);
      ASSERT_TRUE(fast == reference::reach_per_residence(city, limit)) << seed << " " << limit;
    }
  }
}

// The circle's homes change when people move (located households): the reach table is brought up
// to date without searching again from the homes that stayed.
TEST(Reach, ExtendedForChangedHomesEqualsOneSearchPerResidence) {
  const uint32_t limit = 1'000'000;
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    // 10,000 nodes: a few new homes are searched from one by one, many make it compute again.
    const Network before = reference::generated_city(100, 300, 12, 8, seed);
    const ReachTable before_reach = compute_reach(before, limit, 1);
    for (const std::size_t added : {std::size_t{2}, std::size_t{60}}) {
      // Every other home stays (in another order); some new ones, a few off the network.
      Network after = before;
      after.residences.clear();
      for (std::size_t r = before.residences.size(); r-- > 0;) {
        if (r % 2 == 0) after.residences.push_back(before.residences[r]);
      }
      for (std::size_t i = 0; i < added; ++i) {
        const auto node = static_cast<uint32_t>((i * 211 + seed * 17) % after.graph.node_count());
        Residence home{after.graph.lat_e7[node] + 900,
                       after.graph.lon_e7[node],
                       node,
                       static_cast<uint32_t>(9'000 + i * 1'000),
                       0,
                       "",
                       OsmType::household};
        home.people = 2;
        if (i % 7 == 6) home.node = kNotSnapped;
        after.residences.push_back(home);
      }
      const ReachTable extended = extend_reach(after, before, before_reach, 1);
      ASSERT_TRUE(extended == reference::reach_per_residence(after, limit))
          << "seed " << seed << ", " << added << " added";
    }
  }
  // With few new homes, the rows of the homes that stayed are those of the table before.
  const Network before = reference::generated_city(100, 300, 12, 8, 9);
  ReachTable marked = compute_reach(before, limit, 1);
  marked.distance_mm[0] = 4'242;
  const ReachTable extended = extend_reach(before, before, marked, 1);
  EXPECT_EQ(extended.distance_mm[0], 4'242u);
}

TEST(Reach, ReportsProgressToTheEnd) {
  const Network city = reference::generated_city(20, 50, 12, 2, 5);
  std::vector<double> seen;
  compute_reach(city, 1'000'000, 2, [&](double share) {
    seen.push_back(share);
    return true;
  });
  ASSERT_EQ(seen.size(), service_types().size());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

// The homes a type leaves uncovered, as a siting run starts from.
std::vector<Residence> uncovered(const Network& network, ServiceTypeId type, uint32_t limit) {
  const ReachTable reach = compute_reach(network, limit, 2);
  std::vector<Residence> out;
  for (std::size_t r = 0; r < network.residences.size(); ++r)
    if (reach.at(r, type) > limit) out.push_back(network.residences[r]);
  return out;
}

TEST(Siting, CoverageSetsEqualOneSearchPerCandidate) {
  const Network& network = monaco();
  const std::vector<Residence> homes = uncovered(network, type_id("pharmacy"), 333'333);
  ASSERT_GT(homes.size(), 20u);
  std::vector<Candidate> candidates;
  for (uint32_t n = 0; n < network.graph.node_count(); n += 25)
    candidates.push_back({n, n % 7 * 5'000, network.graph.lat_e7[n], network.graph.lon_e7[n]});
  const CoverageSets fast = build_coverage_sets(network.graph, homes, candidates, 333'333, 2);
  EXPECT_TRUE(fast ==
              reference::coverage_sets_per_candidate(network.graph, homes, candidates, 333'333));
  EXPECT_GT(fast.members.size(), homes.size());
}

// A cancelled siting job stops within a percent of the work: once progress says stop, the
// workers take no more homes and the greedy part no more sites.
TEST(Siting, StopsEarlyWhenProgressSaysSo) {
  const Network& network = monaco();
  const std::vector<Residence> homes = uncovered(network, type_id("pharmacy"), 666'667);
  ASSERT_GT(homes.size(), 500u);
  std::vector<double> whole_shares;
  const CoverageSets whole = build_coverage_sets(
      network.graph, homes, node_candidates(network.graph), 666'667, 2, [&](double share) {
        whole_shares.push_back(share);
        return true;
      });
  int stopped_calls = 0;
  const CoverageSets stopped = build_coverage_sets(
      network.graph, homes, node_candidates(network.graph), 666'667, 2, [&](double) {
        ++stopped_calls;
        return false;
      });
  EXPECT_GE(whole_shares.size(), 100u) << "one call per percent at least";
  EXPECT_TRUE(std::is_sorted(whole_shares.begin(), whole_shares.end()));
  EXPECT_DOUBLE_EQ(whole_shares.back(), 1.0);
  EXPECT_LE(stopped_calls, 3) << "each of the 2 workers finishes at most the home it has";
  EXPECT_LT(stopped.members.size() * 10, whole.members.size());

  int greedy_calls = 0;
  const auto choices = greedy_lazy(whole, 10, nullptr, [&](double) {
    ++greedy_calls;
    return false;
  });
  EXPECT_EQ(choices.size(), 1u);
  EXPECT_EQ(greedy_calls, 1);
}

TEST(Siting, LazyGreedyChoosesTheNaiveGreedysSitesWithFewerEvaluations) {
  const Network& network = monaco();
  for (std::string_view type : {"pharmacy", "laundry", "fitness"}) {
    const std::vector<Residence> homes = uncovered(network, type_id(type), 666'667);
    const CoverageSets sets =
        build_coverage_sets(network.graph, homes, node_candidates(network.graph), 666'667, 2);
    uint64_t naive_evaluations = 0;
    uint64_t lazy_evaluations = 0;
    const auto naive = greedy_naive(sets, 10, &naive_evaluations);
    const auto lazy = greedy_lazy(sets, 10, &lazy_evaluations);
    EXPECT_EQ(lazy, naive) << type;
    EXPECT_LT(lazy_evaluations * 5, naive_evaluations) << type;
    uint32_t gained = 0;
    for (std::size_t i = 0; i < lazy.size(); ++i) {
      if (i > 0) {
        EXPECT_LE(lazy[i].gained, lazy[i - 1].gained);  // submodular: gains shrink
      }
      gained += lazy[i].gained;
    }
    EXPECT_LE(gained, homes.size());
  }
}

TEST(Siting, LazyEqualsNaiveOnRandomSetsWithManyTies) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    CoverageSets sets;
    sets.residence_count = 1 + random() % 40;
    const uint32_t candidates = 1 + random() % 30;
    sets.offsets.push_back(0);
    for (uint32_t c = 0; c < candidates; ++c) {
      std::vector<uint32_t> members;
      for (uint32_t r = 0; r < sets.residence_count; ++r)
        if (random() % 5 == 0) members.push_back(r);
      sets.members.insert(sets.members.end(), members.begin(), members.end());
      sets.offsets.push_back(static_cast<uint32_t>(sets.members.size()));
    }
    const uint32_t k = 1 + random() % 12;
    ASSERT_EQ(greedy_lazy(sets, k), greedy_naive(sets, k)) << "round " << round;
  }
}

TEST(Siting, StopsWhenNoCandidateAddsAnyone) {
  CoverageSets sets{{0, 2, 3, 3}, {0, 1, 1}, 2};
  const std::vector<SiteChoice> expected{{0, 2}};
  EXPECT_EQ(greedy_lazy(sets, 3), expected);
  EXPECT_EQ(greedy_naive(sets, 3), expected);
}

TEST(Gaps, NearbyHomesFormOneCluster) {
  // The middle home has the most neighbours within 100 m and gathers both others.
  auto home = [](int32_t lat, int32_t lon) { return Residence{lat, lon, 0, 0, 0, {}}; };
  // 0.0005° of latitude is about 56 m; 0.01° is about 1.1 km.
  const std::vector<Residence> homes{home(360000000, 1037000000), home(360005000, 1037000000),
                                     home(360010000, 1037000000), home(360100000, 1037000000)};
  const auto clusters = cluster_residences(homes, 100'000);
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].residences, 3u);
  EXPECT_EQ(clusters[0].lat_e7, 360005000);
  EXPECT_NEAR(clusters[0].radius_mm / 1000.0, 55.6, 0.5);
  EXPECT_EQ(clusters[1].residences, 1u);
  EXPECT_EQ(clusters[1].radius_mm, 0u);
  EXPECT_EQ(cluster_residences(homes, 50'000).size(), 4u);
}

TEST(Gaps, AStreetOfHomesIsCutIntoCompactClusters) {
  // Forty homes 50 m apart along a street two kilometres long: linked pairwise all the way, but
  // a planner needs places for a facility each, not one cluster as long as the street.
  std::vector<Residence> homes;
  for (int32_t i = 0; i < 40; ++i)
    homes.push_back({360000000 + i * 4'497, 1037000000, 0, 0, i, {}});
  const auto clusters = cluster_residences(homes, 250'000);
  ASSERT_GT(clusters.size(), 3u);
  uint32_t total = 0;
  for (const GapCluster& c : clusters) {
    EXPECT_LE(c.radius_mm, 500'000u);
    total += c.residences;
  }
  EXPECT_EQ(total, 40u);
  EXPECT_EQ(clusters, cluster_residences(homes, 250'000));  // deterministic
}

TEST(Gaps, ClustersAreThoseOfMeasuringEveryPair) {
  // Homes scattered around a few centres, in Lanzhou, near the equator and the dateline's west,
  // south of the equator, and far north (where a degree of longitude is short): the indexed
  // clustering must find exactly the neighbours that measuring every pair finds.
  struct Place {
    const char* name;
    double lat;
    double lon;
  };
  const Place places[] = {{"Lanzhou", 36.06, 103.83},
                          {"equator", 0.0005, 10.0},
                          {"south", -33.9, 18.4},
                          {"far north", 78.2, 15.6},
                          {"west", 40.7, -74.0}};
  std::mt19937 random(20261202);
  for (const Place& place : places) {
    for (const uint32_t radius_mm : {0u, 40'000u, 250'000u, 1'000'000u}) {
      std::vector<Residence> homes;
      std::normal_distribution<double> spread(0.0, 0.004);  // about 450 m
      for (int centre = 0; centre < 4; ++centre) {
        const double lat = place.lat + centre * 0.01;
        const double lon = place.lon - centre * 0.007;
        for (int i = 0; i < 150; ++i) {
          homes.push_back({static_cast<int32_t>(std::lround((lat + spread(random)) * 1e7)),
                           static_cast<int32_t>(std::lround((lon + spread(random)) * 1e7)),
                           0,
                           0,
                           0,
                           {}});
        }
      }
      homes.push_back(homes.front());  // two homes at one address
      EXPECT_EQ(cluster_residences(homes, radius_mm),
                reference::clusters_by_all_pairs(homes, radius_mm))
          << place.name << ", radius " << radius_mm << " mm";
    }
  }
  EXPECT_TRUE(cluster_residences({}, 250'000).empty());
}

TEST(Gaps, HomesNearTheRadiusAreJudgedAsTheirDistanceIsRounded) {
  // Pairs whose distance is a quarter, a hair under or over a half, or three quarters of a
  // millimetre past a whole one: the rounded distance decides, at the radius just below, at and
  // just above it.
  const Residence home{360000000, 1037000000, 0, 0, 0, {}};
  const double cos_lat = cos_latitude(home.lat_e7);
  for (const double fraction : {0.25, 0.4995, 0.5005, 0.75}) {
    int found = 0;
    for (int32_t step = 1; step < 400'000 && found < 3; ++step) {
      // On one parallel, so that the distance is the same measured from either home.
      const Residence other{home.lat_e7, home.lon_e7 + step, 0, 0, 1, {}};
      const double mm = (other.lon_e7 - home.lon_e7) * 1e-7 * kMetresPerDegree * cos_lat * 1000.0;
      if (std::abs(mm - std::floor(mm) - fraction) > 2e-4) continue;
      ++found;
      const uint32_t rounded =
          straight_distance_mm(home.lat_e7, home.lon_e7, other.lat_e7, other.lon_e7);
      EXPECT_EQ(rounded, static_cast<uint32_t>(std::floor(mm)) + (fraction > 0.5 ? 1 : 0));
      const std::vector<Residence> pair{home, other};
      for (const uint32_t radius : {rounded - 1, rounded, rounded + 1}) {
        EXPECT_EQ(cluster_residences(pair, radius).size(), radius >= rounded ? 1u : 2u)
            << mm << " mm, radius " << radius;
      }
    }
    EXPECT_EQ(found, 3) << fraction;
  }
}

TEST(Areas, HomesTakeTheCodeOfTheAreaTheyStandIn) {
  const auto areas = parse_areas(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"code":"620102001001"},"geometry":{"type":"Polygon",
     "coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
    {"type":"Feature","properties":{"code":"620102001002"},"geometry":{"type":"MultiPolygon",
     "coordinates":[[[[4,4],[6,4],[6,6],[4,6],[4,4]]],[[[20,0],[30,0],[30,10],[20,0]]]]}}]})");
  ASSERT_TRUE(areas) << areas.error().message.en;
  auto home = [](double lon, double lat) {
    return Residence{static_cast<int32_t>(lat * 1e7), static_cast<int32_t>(lon * 1e7), 0, 0, 0, {}};
  };
  std::vector<Residence> homes{home(1, 1), home(5, 5), home(25, 2), home(50, 50)};
  EXPECT_EQ(assign_units(homes, *areas, "620102001000"), 1u);
  EXPECT_EQ(homes[0].unit_code, "620102001001");
  EXPECT_EQ(homes[1].unit_code, "620102001002");  // in the hole of the first, inside the second
  EXPECT_EQ(homes[2].unit_code, "620102001002");
  EXPECT_EQ(homes[3].unit_code, "620102001000");
}

TEST(Areas, EveryProblemIsReportedAtOnce) {
  const auto bad = parse_areas(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
    {"type":"Feature","properties":{"code":"620102001001"},"geometry":null}]})");
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const FieldError& e : bad.error().details) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"areas[0].properties.code", "areas[0].geometry",
                                              "areas[1].geometry"}));
  EXPECT_FALSE(parse_areas("[1,2"));
  EXPECT_EQ(parse_areas(R"({"type":"Feature"})").error().details.at(0).field, "areas");
}

TEST(Areas, WhereADemonstrationIsLaidIsReadAndChecked) {
  struct Case {
    const char* laid_on;  // the member's JSON, or nullptr for none
    const char* refused_at;
  };
  const std::vector<Case> cases{
      {nullptr, nullptr},
      {R"({"from":[7.4,43.73],"to":[103.835,36.0608]})", nullptr},
      {R"({"from":[7.4,43.73]})", "areas.laidOn"},
      {R"({"from":[7.4],"to":[103.835,36.0608]})", "areas.laidOn"},
      {R"({"from":["7.4","43.73"],"to":[103.835,36.0608]})", "areas.laidOn"},
      {R"({"from":[7.4,93.73],"to":[103.835,36.0608]})", "areas.laidOn"},
      {R"([7.4,43.73,103.835,36.0608])", "areas.laidOn"},
      {R"({"from":[7.4,43.73],"to":[116.39,39.91]})", "areas.laidOn.to"},
  };
  for (const Case& c : cases) {
    const std::string member = c.laid_on ? fmt::format(R"("laidOn":{},)", c.laid_on) : "";
    const auto laid =
        parse_laid_on(fmt::format(R"({{"type":"FeatureCollection",{}"features":[]}})", member));
    SCOPED_TRACE(c.laid_on ? c.laid_on : "none");
    if (c.refused_at) {
      ASSERT_FALSE(laid);
      EXPECT_EQ(laid.error().details.at(0).field, c.refused_at);
    } else {
      ASSERT_TRUE(laid) << laid.error().message.en;
      EXPECT_EQ(laid->has_value(), c.laid_on != nullptr);
    }
  }
  const auto read = parse_laid_on(
      R"({"type":"FeatureCollection","laidOn":{"from":[7.4,43.73],"to":[103.835,36.0608]}})");
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->from_lon, 7.4);
  EXPECT_EQ((*read)->from_lat, 43.73);
  EXPECT_EQ((*read)->to_lon, 103.835);
  EXPECT_EQ((*read)->to_lat, 36.0608);
}

}  // namespace
}  // namespace shequ::access
