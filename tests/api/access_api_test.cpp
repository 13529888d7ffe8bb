// The fifteen-minute circle through the HTTP API, on Monaco's streets, shops and homes (mapped
// onto the demo street's five communities by data/demo/monaco-areas.geojson): coverage equal to
// the per-home reference at every tier, scope, exports, gaps, and siting jobs whose proposed
// sites, once built, really bring the promised homes within reach.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "access/areas.hpp"
#include "access/module.hpp"
#include "access/shelters.hpp"
#include "api/hand_made_province.hpp"
#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "jobs/job_runner.hpp"
#include "support/access_reference.hpp"

namespace shequ::testing {
namespace {

using access::kUnreached;

const std::string kStreet = "620102001000";
const std::string kCommunity = "620102001001";

// Monaco with every 6th home (the per-home reference stays fast in a debug build), assigned to
// communities by the demo areas.
const access::Network& monaco() {
  static const access::Network network = [] {
    auto imported =
        access::import_network(std::string(SHEQU_TEST_DATA_DIR) + "/monaco.osm.pbf", {});
    if (!imported) throw std::runtime_error("cannot import Monaco");
    std::ifstream in(std::string(SHEQU_DEMO_DATA_DIR) + "/monaco-areas.geojson");
    std::stringstream text;
    text << in.rdbuf();
    auto areas = access::parse_areas(text.str());
    if (!areas) throw std::runtime_error("bad demo areas");
    access::Network sampled = std::move(*imported);
    std::vector<access::Residence> homes;
    for (std::size_t r = 0; r < sampled.residences.size(); r += 6)
      homes.push_back(sampled.residences[r]);
    sampled.residences = std::move(homes);
    access::assign_units(sampled.residences, *areas, kStreet);
    // The small hierarchy has two of the street's five communities: the other bands' homes
    // belong to the street itself.
    for (access::Residence& home : sampled.residences) {
      if (home.unit_code != "620102001001" && home.unit_code != "620102001002")
        home.unit_code = kStreet;
    }
    return sampled;
  }();
  return network;
}

// The street that names a point, by scanning every named node (the answer the server's index
// must give): "" when none is within 300 m.
std::string street_by_scan(const access::Network& network, double lat, double lon) {
  const auto lat_e7 = static_cast<int32_t>(std::llround(lat * 1e7));
  const auto lon_e7 = static_cast<int32_t>(std::llround(lon * 1e7));
  std::optional<std::pair<uint32_t, uint32_t>> best;  // distance, node
  for (uint32_t n = 0; n < network.graph.node_count(); ++n) {
    if (network.node_street[n] == access::kNoStreet) continue;
    const uint32_t d = access::straight_distance_mm(lat_e7, lon_e7, network.graph.lat_e7[n],
                                                    network.graph.lon_e7[n]);
    if (d <= 300'000 && (!best || std::pair(d, n) < *best)) best = std::pair(d, n);
  }
  return best ? network.street_names[network.node_street[best->second]] : "";
}

// What the answers say for a place: "<street> 附近", or null.
Json place_of(const access::Network& network, double lat, double lon) {
  const std::string street = street_by_scan(network, lat, lon);
  return street.empty() ? Json(nullptr) : Json(street + " 附近");
}

class AccessApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    services_->service<access::CircleService>().use(monaco());
  }

  // Waits for a siting job to finish (the worker is real; the wait is bounded).
  Json finished_job(HttpClient& client, const std::string& id) {
    for (int i = 0; i < 600; ++i) {
      const auto r = client.get("/api/v1/access/sitings/" + id);
      EXPECT_EQ(r.status, 200) << r.body;
      const Json job = r.json();
      if (job["state"] == "done" || job["state"] == "failed") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "siting job " << id << " did not finish";
    return {};
  }
};

TEST_P(AccessApiTest, CoverageEqualsThePerHomeReferenceAtEveryTier) {
  const access::Network& network = monaco();
  const access::ReachTable reference = access::reference::reach_per_residence(network, 1'000'000);
  const auto basic = access::basic_service_types();
  auto admin = as("admin");
  for (int tier : {5, 10, 15}) {
    const uint32_t limit = access::tier_limit_mm(tier, 4000);
    // Expected figures per community from the reference table.
    std::map<std::string, std::pair<uint32_t, std::vector<uint32_t>>> expected;
    std::map<std::string, uint32_t> all_basic;
    uint32_t on_network = 0;
    for (std::size_t r = 0; r < network.residences.size(); ++r) {
      // A home the import could not put on the walking network counts nowhere.
      if (network.residences[r].node == access::kNotSnapped) continue;
      ++on_network;
      auto& [homes, reached] = expected[network.residences[r].unit_code];
      reached.resize(access::service_types().size());
      ++homes;
      bool all = true;
      for (std::size_t t = 0; t < reached.size(); ++t) {
        const bool in = reference.at(r, static_cast<access::ServiceTypeId>(t)) <= limit;
        reached[t] += in;
        if (!in && std::find(basic.begin(), basic.end(), t) != basic.end()) all = false;
      }
      all_basic[network.residences[r].unit_code] += all;
    }
    const auto r =
        admin->get("/api/v1/access/coverage?unit=" + kStreet + "&tier=" + std::to_string(tier));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json body = r.json();
    EXPECT_EQ(body["limitMeters"].get<double>(), limit / 1000.0);
    ASSERT_EQ(body["rows"].size(), expected.size());
    uint32_t total = 0;
    for (const Json& row : body["rows"]) {
      const std::string code = row["code"];
      ASSERT_TRUE(expected.count(code)) << code;
      EXPECT_EQ(row["residences"], expected[code].first) << code;
      EXPECT_EQ(row["reachedAllBasic"], all_basic[code]) << code;
      for (std::size_t t = 0; t < access::service_types().size(); ++t) {
        EXPECT_EQ(row["reached"][std::string(access::service_types()[t].key)],
                  expected[code].second[t])
            << code << " " << access::service_types()[t].key << " tier " << tier;
      }
      total += row["residences"].get<uint32_t>();
    }
    EXPECT_EQ(body["total"]["residences"], total);
    EXPECT_EQ(total, on_network);
    // Not vacuous: the sample holds homes off the network, which the figures leave out.
    EXPECT_LT(on_network, network.residences.size());
    // The indicator engine's call gives the same totals.
    const auto share = services_->service<access::CircleService>().circle_share(kStreet, tier);
    ASSERT_TRUE(share);
    EXPECT_EQ(share->residents, total);
    EXPECT_EQ(share->reached_all_basic, body["total"]["reachedAllBasic"]);
    EXPECT_EQ(share->reached_fitness, body["total"]["reached"]["fitness"]);
  }
  // Not vacuous: Monaco's pharmacies reach some homes and not others.
  const Json body = admin->get("/api/v1/access/coverage?unit=" + kStreet).json();
  EXPECT_GT(body["total"]["reached"]["pharmacy"], 0);
  EXPECT_LT(body["total"]["reached"]["pharmacy"], body["total"]["residences"]);
  EXPECT_EQ(body["types"].size(), access::service_types().size());
  EXPECT_EQ(body["types"][0]["name"], "便利店");
}

TEST_P(AccessApiTest, ACommunityWorkerSeesOnlyTheirCommunity) {
  auto worker = as("changjiaxiang");
  const auto own = worker->get("/api/v1/access/coverage?unit=" + kCommunity);
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json()["rows"].size(), 1u);
  EXPECT_EQ(own.json()["rows"][0]["code"], kCommunity);
  EXPECT_EQ(worker->get("/api/v1/access/coverage?unit=" + kStreet).status, 404);
  EXPECT_EQ(worker->get("/api/v1/access/map?unit=620102001002").status, 404);
  // Reading coverage does not let a worker run siting studies.
  EXPECT_EQ(worker
                ->send_json("POST", "/api/v1/access/sitings",
                            R"({"unit":")" + kCommunity + R"(","type":"pharmacy","k":1})")
                .status,
            403);
}

TEST_P(AccessApiTest, PlacesAreNamedByTheirNearestStreet) {
  auto admin = as("admin");
  const Json map = admin->get("/api/v1/access/map?unit=" + kCommunity).json();
  std::size_t named = 0;
  for (const Json& f : map["facilities"]) {
    // Coordinates travel as doubles of the stored e7 integers: rounding gives them back.
    EXPECT_EQ(f["place"], place_of(monaco(), f["lat"], f["lon"])) << f.dump();
    named += f["place"].is_string();
  }
  EXPECT_GT(named, map["facilities"].size() * 9 / 10) << "Monaco's streets are named";
  const Json gaps =
      admin->get("/api/v1/access/gaps?unit=" + kCommunity + "&tier=5&type=pharmacy").json();
  ASSERT_FALSE(gaps["clusters"].empty());
  for (const Json& c : gaps["clusters"]) {
    EXPECT_EQ(c["place"], place_of(monaco(), c["lat"], c["lon"])) << c.dump();
  }
  const Json in_english =
      admin->get("/api/v1/access/map?unit=" + kCommunity, {{"accept-language", "en"}}).json();
  std::size_t named_in_english = 0;
  for (const Json& f : in_english["facilities"]) {
    if (!f["place"].is_string()) continue;
    EXPECT_TRUE(f["place"].get<std::string>().starts_with("near ")) << f.dump();
    ++named_in_english;
  }
  EXPECT_EQ(named_in_english, named);
}

TEST_P(AccessApiTest, AnswersFromADemonstrationNetworkSaySo) {
  auto admin = as("admin");
  const std::string query = "?unit=" + kCommunity;
  EXPECT_EQ(admin->get("/api/v1/access/map" + query).json()["demo"], false);
  EXPECT_EQ(admin->get("/api/v1/access/coverage" + query).json()["demo"], false);
  access::Network demo = monaco();
  demo.demo = true;
  services_->service<access::CircleService>().use(std::move(demo));
  EXPECT_EQ(admin->get("/api/v1/access/map" + query).json()["demo"], true);
  EXPECT_EQ(admin->get("/api/v1/access/coverage" + query).json()["demo"], true);
  EXPECT_EQ(as("jumin1")->get("/api/v1/me/nearby").json()["demo"], true);
}

// 我的社区: what a resident can walk to from its community's homes, checked against a plain
// Dijkstra from each facility.
TEST_P(AccessApiTest, AResidentSeesTheServicesWithinAWalkOfItsCommunity) {
  auto resident = as("jumin1");
  const auto reply = resident->get("/api/v1/me/nearby");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const Json nearby = reply.json();
  EXPECT_EQ(nearby["community"]["code"], kCommunity);
  EXPECT_EQ(nearby["community"]["path"].back()["code"], kStreet);
  EXPECT_EQ(nearby["tierMinutes"], 15);
  ASSERT_EQ(nearby["located"], true);
  ASSERT_EQ(nearby["types"].size(), access::service_types().size());

  const access::Network& network = monaco();
  const uint64_t limit_mm = 1'000'000;  // 15 minutes at 4 km/h
  // The walk from the community's nearest home to a facility, by one plain Dijkstra from the
  // facility (walking is symmetric); UINT64_MAX beyond the limit.
  const auto walk_to = [&](const access::Facility& f) {
    const auto walk = access::reference::distances_from(network.graph, f.node, limit_mm);
    uint64_t best = UINT64_MAX;
    for (const access::Residence& r : network.residences) {
      if (r.unit_code != kCommunity || r.node == access::kNotSnapped) continue;
      if (walk[r.node] != UINT64_MAX) best = std::min(best, walk[r.node] + r.snap_mm + f.snap_mm);
    }
    return best;
  };
  std::size_t listed = 0;
  for (std::size_t t = 0; t < nearby["types"].size(); ++t) {
    const Json& type = nearby["types"][t];
    EXPECT_EQ(type["type"], access::service_types()[t].key);
    // The reference: every facility of the type within the walk, nearest first.
    std::vector<std::pair<uint64_t, std::string>> expected;
    for (const access::Facility& f : network.facilities) {
      if (f.type != t || f.node == access::kNotSnapped) continue;
      const uint64_t mm = walk_to(f);
      if (mm <= limit_mm) expected.emplace_back(mm, f.name);
    }
    std::sort(expected.begin(), expected.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const Json& facilities = type["facilities"];
    ASSERT_EQ(facilities.size(), std::min<std::size_t>(expected.size(), 3)) << type.dump();
    for (std::size_t i = 0; i < facilities.size(); ++i) {
      EXPECT_EQ(facilities[i]["distanceMetres"], (expected[i].first + 500) / 1000) << type.dump();
      EXPECT_LE(facilities[i]["minutes"].get<int>(), 16);
      EXPECT_GE(facilities[i]["minutes"].get<int>() * 66, facilities[i]["distanceMetres"]);
      ++listed;
    }
  }
  EXPECT_GT(listed, 5u);

  // Someone whose account is above a community has no community to be near.
  EXPECT_EQ(as("chengguan")->get("/api/v1/me/nearby").status, 404);
  EXPECT_EQ(as("")->get("/api/v1/me/nearby").status, 401);
}

// The circle's to-do on the workbench: communities short of a service most homes reach, counted
// from the coverage tables the same people read.
TEST_P(AccessApiTest, TheWorkbenchCountsCommunitiesShortOfACommonService) {
  auto admin = as("admin");
  const Json province = admin->get("/api/v1/access/coverage?unit=620000000000&tier=15").json();
  const Json& all = province["total"];
  std::vector<std::string> common;
  for (const Json& type : province["types"]) {
    const std::string key = type["key"];
    if (type["basic"] && 2 * all["reached"][key].get<int64_t>() >= all["residences"].get<int64_t>())
      common.push_back(key);
  }
  ASSERT_FALSE(common.empty());
  std::map<std::string, bool> short_of;
  for (const std::string community : {"620102001001", "620102001002"}) {
    const Json total =
        admin->get("/api/v1/access/coverage?unit=" + community + "&tier=15").json()["total"];
    for (const std::string& key : common) {
      if (2 * total["reached"][key].get<int64_t>() < total["residences"].get<int64_t>())
        short_of[community] = true;
    }
  }
  const auto todo = [](HttpClient& client) -> int64_t {
    const Json items = client.get("/api/v1/workbench/todos").json()["items"];
    for (const Json& item : items) {
      if (item["code"] == "access.communities.short") return item["count"];
    }
    return -1;
  };
  EXPECT_EQ(todo(*as("chengguan")), static_cast<int64_t>(short_of.size()));
  EXPECT_EQ(todo(*as("changjiaxiang")), short_of.count(kCommunity) ? 1 : 0);
  EXPECT_EQ(todo(*as("wangge1")), -1) << "a grid worker does not read coverage";
  EXPECT_GE(short_of.size(), 1u) << "the demo data must exercise the count";
}

TEST_P(AccessApiTest, MapGapsAndExportsDescribeTheSameHomes) {
  auto admin = as("admin");
  const Json map = admin->get("/api/v1/access/map?unit=" + kCommunity + "&tier=10").json();
  const Json coverage =
      admin->get("/api/v1/access/coverage?unit=" + kCommunity + "&tier=10").json();
  const uint32_t homes = coverage["total"]["residences"];
  ASSERT_EQ(map["residences"].size(), homes);
  uint32_t all_basic = 0;
  for (const Json& home : map["residences"]) all_basic += home[2] == map["basicTypes"];
  EXPECT_EQ(all_basic, coverage["total"]["reachedAllBasic"]);
  EXPECT_GT(map["facilities"].size(), 10u);
  // The facility counts are those around the unit's homes, as drawn on the map.
  std::map<std::string, uint32_t> drawn;
  for (const Json& f : map["facilities"]) drawn[f["type"]] += f["onNetwork"].get<bool>();
  uint32_t counted = 0;
  for (const Json& type : coverage["types"]) {
    EXPECT_EQ(type["facilities"], drawn[type["key"]]) << type["key"];
    counted += type["facilities"].get<uint32_t>();
  }
  EXPECT_LT(counted, monaco().facilities.size());

  const Json gaps =
      admin->get("/api/v1/access/gaps?unit=" + kCommunity + "&tier=10&type=pharmacy").json();
  EXPECT_EQ(gaps["uncovered"], homes - coverage["total"]["reached"]["pharmacy"].get<uint32_t>());
  uint32_t clustered = 0;
  for (const Json& c : gaps["clusters"]) clustered += c["residences"].get<uint32_t>();
  EXPECT_EQ(clustered, gaps["uncovered"]);
  ASSERT_GT(gaps["clusters"].size(), 1u);
  EXPECT_GE(gaps["clusters"][0]["residences"], gaps["clusters"][1]["residences"]);

  const auto csv = admin->get("/api/v1/access/coverage.csv?unit=" + kStreet);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  // The header, the street's total, then the street's own homes and its two communities.
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 1 + 1 + 3);
  EXPECT_NE(csv.body.find("\r\n620102001002,"), std::string::npos);

  const auto geojson = admin->get("/api/v1/access/residences.geojson?unit=" + kCommunity);
  ASSERT_EQ(geojson.status, 200);
  const Json features = Json::parse(geojson.body)["features"];
  std::size_t residences = 0;
  for (const Json& f : features) residences += f["properties"]["kind"] == "residence";
  EXPECT_EQ(residences, homes);
}

// A home farther than the snapping limit from every walkable way was never put on the walking
// network (the import reports it): whether it is served is unknown, so, as the user guide says,
// it is left out of every figure instead of counting as a home that reaches nothing.
TEST_P(AccessApiTest, AHomeOffTheWalkingNetworkChangesNoFigure) {
  auto admin = as("admin");
  const std::string query = "?unit=" + kCommunity + "&tier=10";
  struct Figures {
    Json total, rows, bounds, gaps;
    std::size_t map_homes = 0, exported_homes = 0;
    std::string csv;
    access::CircleShare share;
    access::SitingResult siting;
  };
  const auto figures = [&] {
    Figures f;
    const Json coverage = admin->get("/api/v1/access/coverage" + query).json();
    f.total = coverage["total"];
    f.rows = coverage["rows"];
    const Json map = admin->get("/api/v1/access/map" + query).json();
    f.bounds = map["bounds"];
    f.map_homes = map["residences"].size();
    const Json gaps = admin->get("/api/v1/access/gaps" + query + "&type=pharmacy").json();
    f.gaps = {gaps["uncovered"], gaps["clusters"].size()};
    f.csv = admin->get("/api/v1/access/coverage.csv" + query).body;
    const Json exported = Json::parse(admin->get("/api/v1/access/residences.geojson" + query).body);
    for (const Json& feature : exported["features"])
      f.exported_homes += feature["properties"]["kind"] == "residence";
    const auto share = services_->service<access::CircleService>().circle_share(kCommunity, 10);
    EXPECT_TRUE(share);
    if (share) f.share = *share;
    const auto siting = services_->service<access::CircleService>().site(
        services_->operator_actor(),
        {.unit_code = kCommunity, .type = "pharmacy", .k = 1, .tier_minutes = 10});
    EXPECT_TRUE(siting) << siting.error().message.en;
    if (siting) f.siting = *siting;
    return f;
  };
  const Figures before = figures();
  ASSERT_GT(before.total["residences"], 0);
  ASSERT_GT(before.gaps[0], 0);  // some homes of the community lack a pharmacy

  // A house in the sea south of Monaco, kilometres from every way, in the community.
  access::Network network = monaco();
  const int32_t lat = 436'000'000, lon = 74'200'000;
  network.residences.push_back(
      {lat, lon, access::kNotSnapped, 0, 1, kCommunity, access::OsmType::way});
  access::snap_places(network, 250'000);  // as the import does: it stays off the network
  ASSERT_EQ(network.residences.back().node, access::kNotSnapped);
  services_->service<access::CircleService>().use(std::move(network));

  const Figures after = figures();
  EXPECT_EQ(after.total, before.total);
  EXPECT_EQ(after.rows, before.rows);
  EXPECT_EQ(after.map_homes, before.map_homes);
  EXPECT_EQ(after.bounds, before.bounds);
  EXPECT_EQ(after.gaps, before.gaps);
  EXPECT_EQ(after.csv, before.csv);
  EXPECT_EQ(after.exported_homes, before.exported_homes);
  EXPECT_EQ(after.share.residents, before.share.residents);
  EXPECT_EQ(after.share.reached_all_basic, before.share.reached_all_basic);
  EXPECT_EQ(after.share.reached_fitness, before.share.reached_fitness);
  EXPECT_EQ(after.siting.uncovered_before, before.siting.uncovered_before);
  EXPECT_EQ(after.siting.candidates, before.siting.candidates);
  ASSERT_EQ(after.siting.sites.size(), 1u);
  EXPECT_EQ(after.siting.sites[0].gained, before.siting.sites.at(0).gained);
}

TEST_P(AccessApiTest, TheCoverageCsvStartsWithOneByteOrderMarkThenTheHeader) {
  auto admin = as("admin");
  const std::string bom = "\xEF\xBB\xBF";
  // A second mark would show as a stray character in the first column's name.
  const auto zh = admin->get("/api/v1/access/coverage.csv?unit=" + kStreet);
  ASSERT_EQ(zh.status, 200) << zh.body;
  EXPECT_TRUE(zh.body.starts_with(bom + "代码,名称,住宅数,")) << zh.body.substr(0, 12);
  const auto en =
      admin->get("/api/v1/access/coverage.csv?unit=" + kStreet, {{"accept-language", "en"}});
  ASSERT_EQ(en.status, 200) << en.body;
  EXPECT_TRUE(en.body.starts_with(bom + "code,name,residences,")) << en.body.substr(0, 12);
}

TEST_P(AccessApiTest, ASitingJobsSitesReallyBringTheHomesItPromises) {
  auto admin = as("admin");
  const auto started =
      admin->send_json("POST", "/api/v1/access/sitings",
                       R"({"unit":")" + kStreet + R"(","type":"laundry","k":3,"tierMinutes":10})");
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.header("location"),
            "/api/v1/access/sitings/" + started.json()["id"].get<std::string>());
  const Json job = finished_job(*admin, started.json()["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["progress"], 1.0);
  const Json& result = job["result"];
  ASSERT_EQ(result["sites"].size(), 3u);
  for (const Json& site : result["sites"]) {
    EXPECT_EQ(site["place"], place_of(monaco(), site["lat"], site["lon"])) << site.dump();
  }
  uint32_t gained = 0;
  for (const Json& site : result["sites"]) gained += site["gained"].get<uint32_t>();
  EXPECT_EQ(result["uncoveredBefore"].get<uint32_t>() - gained, result["uncoveredAfter"]);
  EXPECT_GT(gained, 0u);

  // Build the proposed laundries and measure again from scratch.
  access::Network with_sites = monaco();
  const access::SnapIndex snap(with_sites.graph);
  for (const Json& site : result["sites"]) {
    const auto lat = static_cast<int32_t>(std::llround(site["lat"].get<double>() * 1e7));
    const auto lon = static_cast<int32_t>(std::llround(site["lon"].get<double>() * 1e7));
    const auto node = snap.nearest(lat, lon, 1000);
    ASSERT_TRUE(node);
    with_sites.facilities.push_back({access::service_type_id(*access::find_service_type("laundry")),
                                     lat, lon, node->node, 0, 0, "new"});
  }
  const access::ReachTable after =
      access::compute_reach(with_sites, access::tier_limit_mm(10, 4000));
  uint32_t uncovered = 0;
  const auto laundry = access::service_type_id(*access::find_service_type("laundry"));
  for (std::size_t r = 0; r < with_sites.residences.size(); ++r) {
    // Homes off the walking network are in no figure, served or not.
    uncovered += with_sites.residences[r].node != access::kNotSnapped &&
                 after.at(r, laundry) > access::tier_limit_mm(10, 4000);
  }
  EXPECT_EQ(uncovered, result["uncoveredAfter"]);

  // It is listed for the street and the units above it, not for a community below.
  const Json listed = admin->get("/api/v1/access/sitings?unit=" + kStreet).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["id"], job["id"]);
  EXPECT_EQ(listed["items"][0]["result"]["sites"].size(), 3u);
  EXPECT_EQ(admin->get("/api/v1/access/sitings?unit=620102000000").json()["items"].size(), 1u);
  EXPECT_EQ(admin->get("/api/v1/access/sitings?unit=" + kCommunity).json()["items"].size(), 0u);
  EXPECT_EQ(admin->get("/api/v1/access/sitings?unit=620201001001").json()["items"].size(), 0u);

  // The job belongs to the region: the district's administrator reads it too; a community
  // worker, without the siting permission, does not.
  const std::string path = "/api/v1/access/sitings/" + job["id"].get<std::string>();
  EXPECT_EQ(as("chengguan")->get(path).status, 200);
  EXPECT_EQ(as("changjiaxiang")->get(path).status, 403);
}

TEST_P(AccessApiTest, ExportsAndSitingRunsAreAudited) {
  auto admin = as("admin");
  ASSERT_EQ(admin->get("/api/v1/access/coverage.csv?unit=" + kStreet + "&tier=10").status, 200);
  ASSERT_EQ(admin->get("/api/v1/access/residences.geojson?unit=" + kCommunity).status, 200);
  ASSERT_EQ(admin->get("/api/v1/access/coverage?unit=" + kStreet).status, 200);  // a view
  const auto started = admin->send_json("POST", "/api/v1/access/sitings",
                                        R"({"unit":")" + kStreet + R"(","type":"laundry","k":2})");
  ASSERT_EQ(started.status, 202);
  const std::string rows = "SELECT COUNT(*) FROM audit_log WHERE username = 'admin' AND action = ";
  EXPECT_EQ(count(rows + "'access.export' AND object_type = 'coverage.csv' AND object_unit = '" +
                  kStreet + "' AND detail = '10 minutes'"),
            1);
  EXPECT_EQ(count(rows +
                  "'access.export' AND object_type = 'residences.geojson' AND "
                  "object_unit = '" +
                  kCommunity + "'"),
            1);
  EXPECT_EQ(
      count(rows + "'access.siting.start' AND object_id = '" +
            started.json()["id"].get<std::string>() + "' AND object_unit = '" + kStreet + "'"),
      1);
  EXPECT_EQ(count(rows + "'access.export'"), 2);
  finished_job(*admin, started.json()["id"]);
}

// 150 heavy runs were once accepted in a second. Each account may have three queued or running,
// the server six here (twenty by default); past that, 429 with Retry-After.
class SitingCapTest : public AccessApiTest {
 public:
  SitingCapTest() { settings_.emplace(access::kJobsActiveSetting, "6"); }
};

TEST_P(SitingCapTest, RunsAreCappedPerAccountAndOverall) {
  // The first run is heavy (fifty sites among every junction near a home without a laundry), so
  // that it still runs while the others are asked for, a few milliseconds later.
  const std::string heavy = R"({"unit":")" + kStreet + R"(","type":"laundry","k":50})";
  const std::string light = R"({"unit":")" + kStreet + R"(","type":"pharmacy","k":1})";
  auto admin = as("admin");
  std::vector<std::string> started;
  const auto start = [&](HttpClient& client, const std::string& body) {
    const auto r = client.send_json("POST", "/api/v1/access/sitings", body);
    if (r.status == 202) started.push_back(r.json()["id"]);
    return r;
  };
  ASSERT_EQ(start(*admin, heavy).status, 202);
  ASSERT_EQ(start(*admin, light).status, 202);
  ASSERT_EQ(start(*admin, light).status, 202);
  const auto fourth = start(*admin, light);
  EXPECT_EQ(fourth.status, 429);
  EXPECT_EQ(fourth.json()["code"], "rate_limited");
  EXPECT_EQ(fourth.header("retry-after"), "30");
  // Another account still may, until the server holds six.
  auto city = as("lanzhou");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(start(*city, light).status, 202) << i;
  auto county = as("chengguan");
  const auto seventh = start(*county, light);
  EXPECT_EQ(seventh.status, 429);
  EXPECT_EQ(seventh.header("retry-after"), "60");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.siting.start'"), 6);
  // Once they are done there is room again.
  for (const std::string& id : started) finished_job(*admin, id);
  EXPECT_EQ(start(*county, light).status, 202);
  finished_job(*admin, started.back());
}

INSTANTIATE_TEST_SUITE_P(Backends, SitingCapTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

TEST_P(AccessApiTest, WhereEveryHomeIsServedASitingRunProposesNothing) {
  // A pharmacy at every junction of a small generated town: nobody is out of reach.
  access::Network town = access::reference::generated_city(10, 40, 0, 0, 3);
  const auto pharmacy = access::service_type_id(*access::find_service_type("pharmacy"));
  for (uint32_t n = 0; n < town.graph.node_count(); ++n)
    town.facilities.push_back({pharmacy, town.graph.lat_e7[n], town.graph.lon_e7[n], n, 0, 0, ""});
  for (access::Residence& home : town.residences) home.unit_code = kCommunity;
  services_->service<access::CircleService>().use(std::move(town));
  auto admin = as("admin");
  const auto started =
      admin->send_json("POST", "/api/v1/access/sitings",
                       R"({"unit":")" + kCommunity + R"(","type":"pharmacy","k":2})");
  ASSERT_EQ(started.status, 202) << started.body;
  const Json job = finished_job(*admin, started.json()["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["result"]["uncoveredBefore"], 0);
  EXPECT_EQ(job["result"]["sites"].size(), 0u);
}

// The registry's facilities are places of the circle beside the network file's: a childcare
// centre registered at a junction of a town with none reaches the homes around it at once, and
// closing it takes them out again. A legal house is no type of the circle and changes nothing.
TEST_P(AccessApiTest, RegistryFacilitiesJoinTheCircleAsTheyOpenAndClose) {
  // Streets 80 m apart over 2.4 km: from a corner, fifteen minutes' walk reaches part of it.
  access::Network town = access::reference::generated_city(30, 200, 0, 0, 3);
  for (access::Residence& home : town.residences) home.unit_code = kCommunity;
  const double lat = town.graph.lat_e7[0] * 1e-7, lon = town.graph.lon_e7[0] * 1e-7;
  services_->service<access::CircleService>().use(std::move(town));
  auto admin = as("chengguan");
  const auto reached = [&](const std::string& type) {
    const auto coverage = admin->get("/api/v1/access/coverage?tier=15&unit=" + kCommunity);
    EXPECT_EQ(coverage.status, 200) << coverage.body;
    return coverage.json()["total"]["reached"][type].get<int>();
  };
  ASSERT_EQ(reached("childcare"), 0);
  ASSERT_EQ(reached("elderly_care"), 0);
  const auto centre = [&](const std::string& type, const Json& services, const char* status) {
    return Json{{"unitCode", kCommunity},
                {"type", type},
                {"name", "登记的" + type},
                {"floorArea", 300},
                {"activityArea", 200},
                {"officeArea", 20},
                {"serviceArea", 20},
                {"landArea", nullptr},
                {"hours", week("08:00-18:00", true)},
                {"services", services},
                {"lat", lat},
                {"lon", lon},
                {"status", status},
                {"openedOn", "2024-01-01"},
                {"closedOn", std::string(status) == "closed" ? Json("2026-11-01") : Json(nullptr)}};
  };
  const auto legal = admin->send_json("POST", "/api/v1/facilities",
                                      centre("legal_house", Json::array(), "open").dump());
  ASSERT_EQ(legal.status, 201) << legal.body;
  EXPECT_EQ(reached("childcare"), 0);

  // A childcare centre offering meal aid: two of the circle's types at one place.
  const auto made = admin->send_json("POST", "/api/v1/facilities",
                                     centre("childcare", Json::array({"meal_aid"}), "open").dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const int children = reached("childcare");
  EXPECT_GT(children, 0) << "homes within fifteen minutes of the centre";
  EXPECT_LT(children, 200) << "not the whole town";
  EXPECT_EQ(reached("elderly_care"), children);
  const Json map = admin->get("/api/v1/access/map?tier=15&unit=" + kCommunity).json()["facilities"];
  EXPECT_NE(map.dump().find("登记的childcare"), std::string::npos) << map.dump();

  const Json closing = centre("childcare", Json::array({"meal_aid"}), "closed");
  Json update = closing;
  update["version"] = made.json()["version"];
  const auto closed = admin->send_json(
      "PUT", "/api/v1/facilities/" + std::to_string(made.json()["id"].get<int64_t>()),
      update.dump());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(reached("childcare"), 0);
  EXPECT_EQ(reached("elderly_care"), 0);
}

// The registry's emergency shelters take the homes of every unit up to their capacities: each
// unit's answer is its part of one assignment, equal to the exact assignment worked out apart on
// the same town, and follows a change of capacity at once. A shelter without a capacity, or with
// one below zero, is refused.
TEST_P(AccessApiTest, SheltersTakeTheHomesOfEveryUnitUpToTheirCapacities) {
  const std::string neighbour = "620102001002";
  access::Network town = access::reference::generated_city(30, 300, 0, 0, 7);
  for (std::size_t h = 0; h < town.residences.size(); ++h) {
    town.residences[h].unit_code = h % 2 == 0 ? kCommunity : neighbour;
    town.residences[h].people = static_cast<uint32_t>(h % 4);  // 0: a building, weighs one
  }
  const access::Network copy = town;
  services_->service<access::CircleService>().use(std::move(town));
  auto admin = as("chengguan");

  const auto shelter = [&](uint32_t node, Json capacity, const std::string& unit) {
    return Json{{"unitCode", unit},
                {"type", "emergency_shelter"},
                {"name", "避难场所" + std::to_string(node)},
                {"floorArea", 800},
                {"activityArea", 600},
                {"officeArea", 20},
                {"serviceArea", 0},
                {"landArea", nullptr},
                {"capacity", std::move(capacity)},
                {"hours", week("00:00-24:00", true)},
                {"services", Json::array()},
                {"lat", copy.graph.lat_e7[node] * 1e-7},
                {"lon", copy.graph.lon_e7[node] * 1e-7},
                {"status", "open"},
                {"openedOn", "2024-01-01"},
                {"closedOn", nullptr}};
  };
  const auto unnamed =
      admin->send_json("POST", "/api/v1/facilities", shelter(0, nullptr, kCommunity).dump());
  ASSERT_EQ(unnamed.status, 400) << unnamed.body;
  EXPECT_EQ(unnamed.json()["details"][0]["field"], "capacity") << unnamed.body;
  const auto negative =
      admin->send_json("POST", "/api/v1/facilities", shelter(0, -5, kCommunity).dump());
  ASSERT_EQ(negative.status, 400) << negative.body;
  EXPECT_EQ(negative.json()["details"][0]["field"], "capacity") << negative.body;

  // Three shelters, room for fewer people than live in the town.
  const std::vector<std::tuple<uint32_t, int64_t, std::string>> registered{
      {0, 40, kCommunity}, {465, 90, neighbour}, {899, 30, kCommunity}};
  std::vector<int64_t> ids;
  std::vector<access::ShelterSite> sites;
  for (const auto& [node, capacity, unit] : registered) {
    const auto made =
        admin->send_json("POST", "/api/v1/facilities", shelter(node, capacity, unit).dump());
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.json()["capacity"], capacity);
    ids.push_back(made.json()["id"].get<int64_t>());
    const auto snap = access::reference::nearest_by_scan(copy.graph, copy.graph.lat_e7[node],
                                                         copy.graph.lon_e7[node], 250'000);
    ASSERT_TRUE(snap);
    sites.push_back({snap->node, snap->distance_mm, capacity});
  }
  const access::ShelterPlan plan =
      access::assign_shelters(copy.graph, copy.residences, sites, 1'000'000);
  ASSERT_GT(plan.placed_people, 0u);
  ASSERT_LT(plan.placed_people, plan.people) << "the town is meant to have too little room";

  const auto shelters_of = [&](HttpClient& client, const std::string& unit) {
    const auto r = client.get("/api/v1/access/shelters?unit=" + unit);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  // Placed people per registered shelter, by the answer's own list.
  const auto placed = [&](const Json& answer, const char* key) {
    std::vector<int64_t> out(ids.size(), 0);
    for (const Json& s : answer["shelters"]) {
      const auto at = std::find(ids.begin(), ids.end(), s["id"].get<int64_t>()) - ids.begin();
      out[at] = s[key].get<int64_t>();
    }
    return out;
  };
  const Json street = shelters_of(*admin, kStreet);
  EXPECT_EQ(street["total"]["homes"], 300);
  EXPECT_EQ(street["total"]["people"], plan.people);
  EXPECT_EQ(street["total"]["placedPeople"], plan.placed_people);
  EXPECT_EQ(placed(street, "placed"), plan.placed_per_shelter);
  EXPECT_EQ(placed(street, "placedHere"), plan.placed_per_shelter);
  EXPECT_EQ(street["total"]["meanWalkMeters"].get<double>(),
            std::round(static_cast<double>(plan.person_walk_mm) / plan.placed_people) / 1000.0);
  EXPECT_EQ(street["total"]["beyondPeople"].get<uint64_t>() +
                street["total"]["fullPeople"].get<uint64_t>(),
            plan.people - plan.placed_people);

  // Each community sees its part; together, the street's.
  const Json own = shelters_of(*admin, kCommunity);
  const Json next = shelters_of(*admin, neighbour);
  EXPECT_EQ(
      own["total"]["placedPeople"].get<uint64_t>() + next["total"]["placedPeople"].get<uint64_t>(),
      plan.placed_people);
  std::vector<int64_t> both = placed(own, "placedHere");
  const std::vector<int64_t> theirs = placed(next, "placedHere");
  for (std::size_t s = 0; s < both.size(); ++s) both[s] += theirs[s];
  EXPECT_EQ(both, plan.placed_per_shelter);
  uint64_t homes_placed = 0;
  std::size_t left_out = 0;
  for (const Json& home : own["homes"]) {
    homes_placed += home[6].get<uint64_t>();
    left_out += home[6] != home[2];
  }
  EXPECT_EQ(homes_placed, own["total"]["placedPeople"]);
  EXPECT_EQ(own["leftOut"].size(), left_out);

  // A community worker sees their own community, not the neighbour's.
  auto worker = as("changjiaxiang");
  EXPECT_EQ(shelters_of(*worker, kCommunity)["total"], own["total"]);
  EXPECT_EQ(worker->get("/api/v1/access/shelters?unit=" + neighbour).status, 404);

  // More room in the first shelter: taken up at once, and more people placed.
  Json larger = shelter(0, 400, kCommunity);
  larger["version"] = 1;
  ASSERT_EQ(
      admin->send_json("PUT", "/api/v1/facilities/" + std::to_string(ids[0]), larger.dump()).status,
      200);
  sites[0].capacity = 400;
  const access::ShelterPlan roomier =
      access::assign_shelters(copy.graph, copy.residences, sites, 1'000'000);
  EXPECT_GT(roomier.placed_people, plan.placed_people);
  EXPECT_EQ(shelters_of(*admin, kStreet)["total"]["placedPeople"], roomier.placed_people);
}

// The households of the residents register with a location and people living in them are the
// homes of their community: its figures count those people, a household one point; the
// neighbouring community keeps the buildings of the map. Checked against the per-home reference on
// a network made by hand from the same points, after each change of who lives where.
TEST_P(AccessApiTest, LocatedHouseholdsAreTheHomesOfTheirCommunityCountedByPeople) {
  // A town near Lanzhou (the register takes points in Gansu only), two facilities of every type.
  const std::string neighbour = "620102001002";
  access::Network town =
      access::reference::generated_city(30, 200, access::service_types().size(), 6, 5);
  for (std::size_t r = 0; r < town.residences.size(); ++r)
    town.residences[r].unit_code = r % 2 == 0 ? kCommunity : neighbour;
  auto& circle = services_->service<access::CircleService>();
  circle.use(town);
  auto community = as("changjiaxiang");
  auto admin = as("admin");

  struct Home {
    int64_t id = 0;
    int32_t lat_e7 = 0, lon_e7 = 0;
    std::vector<std::pair<int64_t, int64_t>> people;  // id, version
  };
  std::vector<Home> homes;
  int sequence = 1;
  auto add_household = [&](std::optional<uint32_t> at_node, int people) {
    Home home;
    Json body{{"gridCode", "620102001001001"},
              {"address", fmt::format("圈测试路{}号", homes.size() + 1)},
              {"type", "family"}};
    if (at_node) {
      // Beside a junction, a few metres off the street.
      home.lat_e7 = town.graph.lat_e7[*at_node] + 300;
      home.lon_e7 = town.graph.lon_e7[*at_node] + 400;
      body["lat"] = home.lat_e7 * 1e-7;
      body["lon"] = home.lon_e7 * 1e-7;
    }
    const auto made = community->send_json("POST", "/api/v1/residents/households", body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    home.id = made.json()["id"].get<int64_t>();
    for (int p = 0; p < people; ++p) {
      const auto person = community->send_json("POST", "/api/v1/residents/persons",
                                               Json{{"householdId", home.id},
                                                    {"relation", p == 0 ? "head" : "child"},
                                                    {"name", "圈测试"},
                                                    {"idNumber", id_number("19800101", sequence++)},
                                                    {"movedIn", "2020-01-01"}}
                                                   .dump());
      EXPECT_EQ(person.status, 201) << person.body;
      const Json detail = person.json()["person"];
      home.people.emplace_back(detail["id"].get<int64_t>(), detail["version"].get<int64_t>());
    }
    homes.push_back(std::move(home));
  };
  for (uint32_t h = 0; h < 8; ++h)
    add_household((h * 97 + 13) % town.graph.node_count(), 1 + h % 3);
  add_household(std::nullopt, 2);  // without a location: no home
  add_household(450, 0);           // nobody lives there: no home
  ASSERT_FALSE(HasFailure());
  const auto move = [&](Home& from, std::optional<int64_t> into) {
    const auto [id, version] = from.people.back();
    Json body{{"version", version}, {"date", "2026-11-02"}};
    if (into) body["householdId"] = *into;
    const auto moved = community->send_json(
        "POST", "/api/v1/residents/persons/" + std::to_string(id) + "/move", body.dump());
    ASSERT_EQ(moved.status, 200) << moved.body;
    from.people.pop_back();
    if (into) {
      for (Home& h : homes) {
        if (h.id == *into) h.people.emplace_back(id, moved.json()["person"]["version"]);
      }
    }
  };

  const uint32_t limit = access::tier_limit_mm(15, 4000);
  const auto basic = access::basic_service_types();
  const auto check = [&](const std::string& when) {
    SCOPED_TRACE(when);
    // The network as it should be: the community's buildings replaced by its households.
    access::Network expected = town;
    std::erase_if(expected.residences,
                  [&](const access::Residence& r) { return r.unit_code == kCommunity; });
    for (const Home& h : homes) {
      if (h.lat_e7 == 0 || h.people.empty()) continue;
      const auto snap =
          access::reference::nearest_by_scan(expected.graph, h.lat_e7, h.lon_e7, 250'000);
      ASSERT_TRUE(snap);
      access::Residence home{h.lat_e7,
                             h.lon_e7,
                             snap->node,
                             snap->distance_mm,
                             0,
                             kCommunity,
                             access::OsmType::household};
      home.people = static_cast<uint32_t>(h.people.size());
      expected.residences.push_back(home);
    }
    const access::ReachTable reach = access::reference::reach_per_residence(expected, limit);
    uint32_t households = 0, people = 0, people_all_basic = 0, people_fitness = 0;
    uint32_t buildings = 0, buildings_all_basic = 0;
    std::map<std::string, uint32_t> people_reached;
    for (std::size_t r = 0; r < expected.residences.size(); ++r) {
      const access::Residence& home = expected.residences[r];
      if (home.node == access::kNotSnapped) continue;
      bool all = true;
      for (access::ServiceTypeId t : basic) all = all && reach.at(r, t) <= limit;
      if (home.unit_code == neighbour) {
        ++buildings;
        buildings_all_basic += all;
        continue;
      }
      ++households;
      people += home.people;
      people_all_basic += all ? home.people : 0;
      for (std::size_t t = 0; t < access::service_types().size(); ++t) {
        if (reach.at(r, static_cast<access::ServiceTypeId>(t)) <= limit)
          people_reached[std::string(access::service_types()[t].key)] += home.people;
      }
      const auto fitness = access::service_type_id(*access::find_service_type("fitness"));
      people_fitness += reach.at(r, fitness) <= limit ? home.people : 0;
    }
    ASSERT_GT(people_all_basic, 0u);  // not vacuous: some are served, some are not
    ASSERT_LT(people_all_basic, people);

    const auto coverage = admin->get("/api/v1/access/coverage?tier=15&unit=" + kStreet);
    ASSERT_EQ(coverage.status, 200) << coverage.body;
    const Json report = coverage.json();
    std::map<std::string, Json> rows;
    for (const Json& row : report["rows"]) rows[row["code"].get<std::string>()] = row;
    ASSERT_EQ(rows.size(), 2u) << coverage.body;
    const Json& ours = rows[kCommunity];
    EXPECT_EQ(ours["residences"], households);
    EXPECT_EQ(ours["households"], households);
    EXPECT_EQ(ours["people"], people);
    EXPECT_EQ(ours["peopleReachedAllBasic"], people_all_basic);
    for (const auto& type : access::service_types()) {
      EXPECT_EQ(ours["peopleReached"][std::string(type.key)], people_reached[std::string(type.key)])
          << type.key;
    }
    const Json& theirs = rows[neighbour];
    EXPECT_EQ(theirs["residences"], buildings);
    EXPECT_EQ(theirs["reachedAllBasic"], buildings_all_basic);
    EXPECT_EQ(theirs["households"], 0);
    EXPECT_EQ(theirs["people"], 0);

    // Indicator 29 counts the people where they are known, a building as one elsewhere.
    const auto share = circle.circle_share(kCommunity, 15);
    ASSERT_TRUE(share);
    EXPECT_EQ(share->residents, people);
    EXPECT_EQ(share->reached_all_basic, people_all_basic);
    EXPECT_EQ(share->reached_fitness, people_fitness);
    const auto street = circle.circle_share(kStreet, 15);
    ASSERT_TRUE(street);
    EXPECT_EQ(street->residents, people + buildings);
    EXPECT_EQ(street->reached_all_basic, people_all_basic + buildings_all_basic);

    // The map carries each household as a point with its count.
    const Json map = community->get("/api/v1/access/map?tier=15&unit=" + kCommunity).json();
    uint32_t mapped = 0, counted = 0;
    for (const Json& point : map["residences"]) {
      mapped += point[3].get<uint32_t>() > 0;
      counted += point[3].get<uint32_t>();
    }
    EXPECT_EQ(mapped, households);
    EXPECT_EQ(counted, people);
  };
  check("registered");
  move(homes[2], homes[0].id);   // three people there: one joins another household
  move(homes[4], std::nullopt);  // one of two moves away from the area
  check("moved");
  move(homes[3], std::nullopt);  // the only one there: the household is no home any more
  check("emptied");
  // Taken up change by change, the homes are those a fresh read finds, in the same order.
  const std::string map_path = "/api/v1/access/map?tier=15&unit=" + kStreet;
  const std::string updated = admin->get(map_path).body;
  circle.use(town);
  EXPECT_EQ(admin->get(map_path).body, updated);
  // The same when a change in one community leaves the households of another as they were.
  const auto neighbour_grid = services_->org().create_grid(services_->operator_actor(), neighbour,
                                                           {std::string("邻居网格"), std::nullopt});
  ASSERT_TRUE(neighbour_grid);
  const auto beside = admin->send_json("POST", "/api/v1/residents/households",
                                       Json{{"gridCode", neighbour_grid->unit.code},
                                            {"address", "圈测试路邻居号"},
                                            {"type", "family"},
                                            {"lat", town.graph.lat_e7[77] * 1e-7},
                                            {"lon", town.graph.lon_e7[77] * 1e-7}}
                                           .dump());
  ASSERT_EQ(beside.status, 201) << beside.body;
  const auto neighbour_person =
      admin->send_json("POST", "/api/v1/residents/persons",
                       Json{{"householdId", beside.json()["id"]},
                            {"relation", "head"},
                            {"name", "圈测试"},
                            {"idNumber", id_number("19800101", sequence++)},
                            {"movedIn", "2020-01-01"}}
                           .dump());
  ASSERT_EQ(neighbour_person.status, 201) << neighbour_person.body;
  // A busy log: once taken up, the neighbour's entry lies below the window that the next change
  // reads again, so its household is kept as taken up, not read again.
  ASSERT_TRUE(services_->database().write([&](storage::Session& s) -> Status {
    for (int i = 0; i < 10'001; ++i) {
      SHEQU_TRY(s.execute("INSERT INTO resident_home_change (unit_code) VALUES ($1)",
                          std::vector<storage::Value>{kCommunity}));
    }
    return {};
  }));
  admin->get(map_path);  // taken up: the neighbour is counted by its household now
  move(homes[0], std::nullopt);
  const std::string after_move = admin->get(map_path).body;
  EXPECT_NE(after_move.find(",1]"), std::string::npos);  // the neighbour's household of one
  circle.use(town);
  EXPECT_EQ(admin->get(map_path).body, after_move);

  // A household is a point and a count in every answer: no address, no id.
  const auto exported =
      community->get("/api/v1/access/residences.geojson?tier=15&unit=" + kCommunity);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.body.find("圈测试"), std::string::npos);
  uint32_t exported_households = 0;
  const Json features = exported.json()["features"];
  for (const Json& feature : features) {
    if (feature["properties"]["kind"] != "household") continue;
    ++exported_households;
    EXPECT_TRUE(feature["properties"]["osm"].is_null());
    EXPECT_GT(feature["properties"]["people"], 0);
  }
  EXPECT_EQ(exported_households, 7u);
}

TEST_P(AccessApiTest, BadInputIsRefusedWithEveryProblemAtOnce) {
  auto admin = as("admin");
  struct Case {
    std::string body;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {R"({"unit":")" + kStreet + R"(","type":"bakery","k":0,"tierMinutes":20})",
       {"k", "type", "tierMinutes"}},
      {R"({"unit":")" + kStreet +
           R"(","type":"pharmacy","k":3,"candidates":[{"lat":43.7384,"lon":7.4246},{"lat":43.739,"lon":7.425}]})",
       {"k"}},
      {R"({"unit":")" + kStreet +
           R"(","type":"pharmacy","k":1,"candidates":[{"lat":43.0,"lon":7.0},{"lat":"x"}]})",
       {"candidates[1].lat", "candidates[1].lon"}},
      {R"({"unit":")" + kStreet +
           R"(","type":"pharmacy","k":1,"candidates":[{"lat":43.0,"lon":7.0}]})",
       {"candidates[0]"}},
      {R"({"type":"pharmacy","k":1,"extra":1})", {"extra", "unit"}},
  };
  for (const Case& c : cases) {
    const auto r = admin->send_json("POST", "/api/v1/access/sitings", c.body);
    ASSERT_EQ(r.status, 400) << c.body << " -> " << r.body;
    std::vector<std::string> fields;
    const Json body = r.json();
    for (const Json& f : body["details"]) fields.push_back(f["field"]);
    std::sort(fields.begin(), fields.end());
    auto expected = c.fields;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(fields, expected) << c.body << " -> " << r.body;
  }
  const auto far =
      admin->send_json("POST", "/api/v1/access/sitings",
                       R"({"unit":")" + kStreet +
                           R"(","type":"pharmacy","k":1,"candidates":[{"lat":43.0,"lon":7.0}]})");
  EXPECT_NE(far.json()["details"][0]["reason"].get<std::string>().find("米"), std::string::npos);
  const auto tier = admin->get("/api/v1/access/coverage?unit=" + kStreet + "&tier=20");
  EXPECT_EQ(tier.status, 400);
  EXPECT_EQ(tier.json()["details"][0]["field"], "tier");
  const auto all = admin->get("/api/v1/access/gaps?tier=7");
  ASSERT_EQ(all.status, 400);
  std::vector<std::string> fields;
  const Json refused = all.json();
  for (const Json& f : refused["details"]) fields.push_back(f["field"]);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"tier", "type", "unit"}));  // two missing, one wrong
}

TEST_P(AccessApiTest, WithoutANetworkTheAnswerSaysWhatToDo) {
  auto admin = as("admin");
  jobs::JobRunner runner(services_->database(), services_->clock(), services_->registry());
  access::CircleService empty(services_->org(), services_->database(), services_->audit(), runner,
                              {.network_file = "/nonexistent/walk.graph"});
  ASSERT_TRUE(empty.load());
  const auto report = empty.coverage(services_->operator_actor(), kStreet, 15);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::conflict);
  EXPECT_NE(report.error().message.zh.find("shequ access import-osm"), std::string::npos);
}

// An import writes the file that every server watches: the next check takes it up, while the
// network in use (none here) answers until the new one is ready. A damaged replacement is
// refused once and the network in use stays.
TEST_P(AccessApiTest, AnImportedNetworkIsTakenUpWithoutARestart) {
  const std::string path = (private_temp_folder("shequ-network-") / "walk.graph").string();
  jobs::JobRunner runner(services_->database(), services_->clock(), services_->registry());
  access::CircleService watching(services_->org(), services_->database(), services_->audit(),
                                 runner, {.network_file = path});
  ASSERT_TRUE(watching.load());
  const Actor& operator_actor = services_->operator_actor();
  EXPECT_EQ(watching.coverage(operator_actor, kStreet, 15).error().code, ErrorCode::conflict);
  EXPECT_FALSE(watching.reload_if_changed().value());

  ASSERT_TRUE(access::save_network(monaco(), path));
  EXPECT_TRUE(watching.reload_if_changed().value());
  EXPECT_FALSE(watching.reload_if_changed().value()) << "the same file is read once";
  const auto taken_up = watching.coverage(operator_actor, kStreet, 15);
  ASSERT_TRUE(taken_up);
  EXPECT_GT(taken_up->total.residences, 0u);

  const std::string damaged = path + ".new";
  std::ofstream(damaged) << "not a graph";
  std::filesystem::rename(damaged, path);
  EXPECT_FALSE(watching.reload_if_changed()) << "a damaged file is reported";
  EXPECT_FALSE(watching.reload_if_changed().value()) << "once";
  const auto still = watching.coverage(operator_actor, kStreet, 15);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->total.residences, taken_up->total.residences);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
