// The three lists (三项清单), needs and resources, through the API on both databases: on a
// hand-made street of 畅家巷社区 the proposals for a need are the ones worked out by hand (nearest
// with room, open at its hours, of its county, within fifteen minutes' walk); confirming takes a
// place, a full resource and a need already matched are refused, an outcome gives the place back;
// without a network the proposals go by straight-line distance and say so; bad input is refused
// with every reason and nothing is written. Residents raise their own needs on the resident
// pages: at their home when the register holds their phone, for them (masked), at most five at
// a time, and they see what came of them. Resources taken from the facility registry or the
// volunteers module follow what they were taken from.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "access/circle_service.hpp"
#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "lists/model.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kOtherCity = "620201001001";  // 雄关社区, 嘉峪关市
constexpr const char* kGrid = "620102001001001";    // 畅家巷社区's first grid
constexpr const char* kNeighbour = "620102001002";  // 雁园社区
constexpr const char* kMyNeeds = "/api/v1/lists/my-needs";
constexpr const char* kNeeds = "/api/v1/lists/needs";
constexpr const char* kResources = "/api/v1/lists/resources";
constexpr double kLat = 36.06;
constexpr double kLon = 103.83;
// 100 m east along the parallel at kLat, in degrees.
const double kStep = 100.0 / (111'195.0 * std::cos(kLat * M_PI / 180.0));

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

// A street of 16 junctions due east, 100 m apart: junction n at kLon + n × kStep.
access::Network street() {
  access::Network network;
  access::WalkGraph& g = network.graph;
  const uint32_t nodes = 16;
  g.offsets.push_back(0);
  for (uint32_t n = 0; n < nodes; ++n) {
    if (n > 0) {
      g.targets.push_back(n - 1);
      g.lengths_mm.push_back(100'000);
    }
    if (n + 1 < nodes) {
      g.targets.push_back(n + 1);
      g.lengths_mm.push_back(100'000);
    }
    g.offsets.push_back(static_cast<uint32_t>(g.targets.size()));
    g.lat_e7.push_back(static_cast<int32_t>(std::lround(kLat * 1e7)));
    g.lon_e7.push_back(static_cast<int32_t>(std::lround((kLon + n * kStep) * 1e7)));
  }
  return network;
}

class ListsApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
  }
  static Json need(int junction, int from_hour, int to_hour,
                   const std::string& category = "meals") {
    return {{"unit", kCommunity},    {"category", category},
            {"urgency", "urgent"},   {"description", "独居老人需要午餐送餐"},
            {"lat", kLat},           {"lon", kLon + junction * kStep},
            {"fromHour", from_hour}, {"toHour", to_hour},
            {"source", "visit"}};
  }
  static Json resource(const std::string& unit, const std::string& name, int junction, int capacity,
                       int from_hour, int to_hour, const std::string& category = "meals") {
    return {{"unit", unit},
            {"source", "facility"},
            {"name", name},
            {"category", category},
            {"capacity", capacity},
            {"lat", kLat},
            {"lon", kLon + junction * kStep},
            {"fromHour", from_hour},
            {"toHour", to_hour}};
  }
  static Json created(HttpClient& client, const std::string& path, const Json& body) {
    const auto made = client.send_json("POST", path, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  }
  // The names and walks proposed for a need, in order.
  static std::vector<std::pair<std::string, int64_t>> proposed(HttpClient& client, int64_t need,
                                                               bool by_network = true) {
    const auto reply = client.get(fmt::format("{}/{}/proposals", kNeeds, need));
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::pair<std::string, int64_t>> out;
    if (reply.status != 200) return out;
    const Json body = reply.json();
    EXPECT_EQ(body["byNetwork"], by_network);
    for (const Json& item : body["items"]) {
      out.push_back({item["resource"]["name"], item["walkMetres"].get<int64_t>()});
    }
    return out;
  }
  HttpResult confirm(int64_t need, int64_t version, int64_t resource) {
    return community_->send_json("POST", fmt::format("{}/{}/matches", kNeeds, need),
                                 Json{{"version", version}, {"resource", resource}}.dump());
  }

  std::unique_ptr<HttpClient> community_;
};

TEST_P(ListsApiTest, NeedsMeetTheNearestResourceWithRoomAndTheMatchHoldsAPlace) {
  services_->service<access::CircleService>().use(street());
  const int64_t a =
      created(*community_, kResources, resource(kCommunity, "A 老年食堂", 2, 1, 11, 13))["id"];
  created(*community_, kResources, resource(kCommunity, "B 助餐点", 5, 3, 10, 14));
  created(*community_, kResources, resource(kCommunity, "C 早餐店", 2, 2, 6, 10));
  created(*community_, kResources, resource(kCommunity, "D 卫生站", 1, 5, 0, 24, "health"));
  created(*community_, kResources, resource(kCommunity, "E 远处食堂", 14, 9, 0, 24));
  created(*community_, kResources, resource(kCommunity, "F 中央厨房", 5, 6, 0, 24));
  auto province = as("admin");
  created(*province, kResources, resource(kOtherCity, "G 他市食堂", 3, 9, 0, 24));
  // A need at the street's west end, at lunchtime. By hand: A at 200 m; F and B at 500 m (F has
  // more room); C is closed at lunch, D offers health, E is 1,400 m away, G serves another city.
  const Json first = created(*community_, kNeeds, need(0, 11, 13));
  using Proposed = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(proposed(*community_, first["id"]),
            (Proposed{{"A 老年食堂", 200}, {"F 中央厨房", 500}, {"B 助餐点", 500}}));

  // Confirming A takes its only place: a second need nearby is proposed F and B only, and A
  // itself is refused as full; the first need is matched and takes no second match.
  const auto matched = confirm(first["id"], first["version"], a);
  ASSERT_EQ(matched.status, 201) << matched.body;
  EXPECT_EQ(matched.json()["walkMetres"], 200);
  EXPECT_EQ(matched.json()["byNetwork"], true);
  const Json second = created(*community_, kNeeds, need(1, 12, 13));
  EXPECT_EQ(proposed(*community_, second["id"]),
            (Proposed{{"F 中央厨房", 400}, {"B 助餐点", 400}}));
  const auto full = confirm(second["id"], second["version"], a);
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(full.body.find("已满"), std::string::npos) << full.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_match"), 1) << "nothing half-written";
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_need WHERE id = $1 AND status = 'open'",
                  {second["id"].get<int64_t>()}),
            1);
  EXPECT_EQ(confirm(first["id"], first["version"].get<int64_t>() + 1, a).status, 409)
      << "a matched need takes no second match";
  EXPECT_EQ(
      community_->get(fmt::format("{}/{}/proposals", kNeeds, first["id"].get<int64_t>())).status,
      409);

  // The follow-up did not work out: the first need is open again and A has its place back.
  const int64_t match = matched.json()["id"];
  const std::string outcome = fmt::format("/api/v1/lists/matches/{}/outcome", match);
  const auto no_reason =
      community_->send_json("POST", outcome, Json{{"version", 1}, {"outcome", "failed"}}.dump());
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(fields_of(no_reason), std::set<std::string>{"note"});
  const auto failed = community_->send_json(
      "POST", outcome, Json{{"version", 1}, {"outcome", "failed"}, {"note", "老人住院"}}.dump());
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json()["outcome"], "failed");
  const Json detail =
      community_->get(fmt::format("{}/{}", kNeeds, first["id"].get<int64_t>())).json();
  EXPECT_EQ(detail["need"]["status"], "open");
  ASSERT_EQ(detail["matches"].size(), 1u);
  EXPECT_EQ(detail["matches"][0]["resourceName"], "A 老年食堂");
  EXPECT_EQ(community_->get(fmt::format("{}/{}", kResources, a)).json()["booked"], 0);
  // Now the second need takes A, and its outcome done closes it.
  const auto taken = confirm(second["id"], second["version"], a);
  ASSERT_EQ(taken.status, 201) << taken.body;
  const auto done = community_->send_json(
      "POST", fmt::format("/api/v1/lists/matches/{}/outcome", taken.json()["id"].get<int64_t>()),
      Json{{"version", 1}, {"outcome", "done"}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(community_->get(fmt::format("{}/{}", kNeeds, second["id"].get<int64_t>()))
                .json()["need"]["status"],
            "closed");
  EXPECT_EQ(community_
                ->send_json("POST",
                            fmt::format("/api/v1/lists/matches/{}/outcome",
                                        taken.json()["id"].get<int64_t>()),
                            Json{{"version", 2}, {"outcome", "done"}}.dump())
                .status,
            409)
      << "recorded once";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'lists.%'"), 13);
}

TEST_P(ListsApiTest, WithoutANetworkProposalsGoByStraightLineAndSaySo) {
  created(*community_, kResources, resource(kCommunity, "近处食堂", 3, 2, 0, 24));
  created(*community_, kResources, resource(kCommunity, "远处食堂", 20, 2, 0, 24));
  Json unlocated = resource(kCommunity, "没有位置的食堂", 0, 2, 0, 24);
  unlocated["lat"] = nullptr;
  unlocated["lon"] = nullptr;
  created(*community_, kResources, unlocated);
  const Json need_here = created(*community_, kNeeds, need(0, 0, 24));
  using Proposed = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(proposed(*community_, need_here["id"], false), (Proposed{{"近处食堂", 300}}))
      << "2,000 m is beyond the walk; a resource without a point is never proposed";
  Json nowhere = need(0, 0, 24);
  nowhere.erase("lat");
  nowhere.erase("lon");
  const Json unplaced = created(*community_, kNeeds, nowhere);
  const auto reply =
      community_->get(fmt::format("{}/{}/proposals", kNeeds, unplaced["id"].get<int64_t>()));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["located"], false);
  EXPECT_TRUE(reply.json()["items"].empty());
}

TEST_P(ListsApiTest, BadInputIsRefusedWithEveryReasonAndNothingIsWritten) {
  Json bad = need(0, 13, 11);
  bad["unit"] = "620102000000";
  bad.erase("lon");
  const auto refused = community_->send_json("POST", kNeeds, bad.dump());
  EXPECT_EQ(refused.status, 404) << "城关区 is above the community's scope: " << refused.body;
  auto county = as("chengguan");
  const auto every = county->send_json("POST", kNeeds, bad.dump());
  EXPECT_EQ(every.status, 400) << every.body;
  EXPECT_EQ(fields_of(every), (std::set<std::string>{"unit", "lon", "toHour"}));
  Json bad_resource = resource(kCommunity, "坏资源", 0, 1, 0, 24);
  bad_resource["contact"] = "call me";
  bad_resource["lat"] = nullptr;
  const auto wrong = community_->send_json("POST", kResources, bad_resource.dump());
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(fields_of(wrong), (std::set<std::string>{"contact", "lat"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_need"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_resource"), 0);
  // A resource of the wrong category, a closed need.
  const int64_t health =
      created(*community_, kResources, resource(kCommunity, "卫生站", 1, 5, 0, 24, "health"))["id"];
  const Json open = created(*community_, kNeeds, need(0, 0, 24));
  const auto other = confirm(open["id"], open["version"], health);
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(fields_of(other), std::set<std::string>{"resource"});
  const auto closed =
      community_->send_json("POST", fmt::format("{}/{}/close", kNeeds, open["id"].get<int64_t>()),
                            Json{{"version", 1}, {"note", "家属已安排"}}.dump());
  ASSERT_EQ(closed.status, 200) << closed.body;
  const int64_t meals =
      created(*community_, kResources, resource(kCommunity, "食堂", 1, 5, 0, 24))["id"];
  EXPECT_EQ(confirm(open["id"], 2, meals).status, 409) << "a closed need takes no match";
}

TEST_P(ListsApiTest, ResidentsRaiseTheirOwnNeedsAtHomeAndSeeWhatCameOfThem) {
  // 王建华 of the register, with a resident account on the phone the register holds.
  const auto home = community_->send_json("POST", "/api/v1/residents/households",
                                          Json{{"gridCode", kGrid},
                                               {"address", "畅家巷3号楼1单元201室"},
                                               {"lat", kLat},
                                               {"lon", kLon + 2 * kStep}}
                                              .dump());
  ASSERT_EQ(home.status, 201) << home.body;
  const auto person = community_->send_json("POST", "/api/v1/residents/persons",
                                            Json{{"householdId", home.json()["id"]},
                                                 {"relation", "head"},
                                                 {"name", "王建华"},
                                                 {"idNumber", id_number("19460702", 611)},
                                                 {"phone", "13993100301"},
                                                 {"ethnicity", "汉族"},
                                                 {"movedIn", "2015-03-01"},
                                                 {"tags", Json::array()}}
                                                .dump());
  ASSERT_EQ(person.status, 201) << person.body;
  const int64_t person_id = person.json()["person"]["id"].get<int64_t>();
  auth::NewUser account{"laowang", "老王",       kGrid, "Matrix#Shequ2026x", {{"resident", kGrid}},
                        false,     "13993100301"};
  ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(account));
  auto resident = as("laowang", "Matrix#Shequ2026x");

  const Json asked{{"category", "meals"},
                   {"urgency", "urgent"},
                   {"description", "腿脚不便，希望中午有人送餐上门"},
                   {"fromHour", 11},
                   {"toHour", 13}};
  const auto raised = resident->send_json("POST", kMyNeeds, asked.dump());
  ASSERT_EQ(raised.status, 201) << raised.body;
  EXPECT_EQ(raised.json()["located"], true) << "at the household's point";
  EXPECT_EQ(raised.json()["status"], "open");
  const int64_t id = raised.json()["id"].get<int64_t>();

  // The community sees it, for 王建华 (masked), raised by a resident, with no account name.
  const auto listed = community_->get(fmt::format("{}/{}", kNeeds, id));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const Json shown = listed.json()["need"];
  EXPECT_EQ(shown["source"], "h5");
  EXPECT_EQ(shown["unit"], kGrid);
  EXPECT_EQ(shown["personId"], person_id);
  EXPECT_EQ(shown["personMasked"], "王*华");
  EXPECT_EQ(shown["createdByName"], "");
  EXPECT_NEAR(shown["lon"].get<double>(), kLon + 2 * kStep, 1e-6);
  EXPECT_EQ(listed.body.find("laowang"), std::string::npos);
  const auto todos = community_->get("/api/v1/workbench/todos");
  int64_t waiting = -1;
  const Json todo_list = todos.json();
  for (const Json& t : todo_list["items"]) {
    if (t["code"] == "lists.needs.raised") waiting = t["count"].get<int64_t>();
  }
  EXPECT_EQ(waiting, 1);

  // Matched with the canteen next door: the resident sees which, not who confirmed it.
  const int64_t canteen =
      created(*community_, kResources, resource(kCommunity, "老年食堂", 3, 5, 10, 14))["id"];
  ASSERT_EQ(confirm(id, shown["version"], canteen).status, 201);
  const auto mine = resident->get(kMyNeeds);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const Json items = mine.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["status"], "matched");
  ASSERT_EQ(items[0]["matches"].size(), 1u);
  EXPECT_EQ(items[0]["matches"][0]["resourceName"], "老年食堂");
  EXPECT_EQ(mine.body.find("changjiaxiang"), std::string::npos);

  // At most five waiting; the matched one counts until its outcome.
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(resident->send_json("POST", kMyNeeds, asked.dump()).status, 201);
  }
  EXPECT_EQ(resident->send_json("POST", kMyNeeds, asked.dump()).status, 409);

  // A resident the register does not know raises one too: at their grid, placed nowhere.
  const auto unknown = as("jumin1")->send_json("POST", kMyNeeds, asked.dump());
  ASSERT_EQ(unknown.status, 201) << unknown.body;
  EXPECT_EQ(unknown.json()["located"], false);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_need WHERE person_id IS NULL AND source = 'h5'"), 1);

  // Every reason at once; staff neither raise for residents nor use the residents' source.
  Json bad = asked;
  bad["category"] = "rockets";
  bad["description"] = "";
  bad["toHour"] = 9;
  const auto refused = resident->send_json("POST", kMyNeeds, bad.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused), (std::set<std::string>{"category", "description", "toHour"}));
  EXPECT_EQ(community_->send_json("POST", kMyNeeds, asked.dump()).status, 403);
  EXPECT_EQ(as("jiuquanlu")->send_json("POST", kMyNeeds, asked.dump()).status, 409)
      << "the street holds the permission to grant it, and lives nowhere";
  Json unchosen = asked;
  unchosen["category"] = "";
  const auto choose = resident->send_json("POST", kMyNeeds, unchosen.dump());
  EXPECT_NE(choose.body.find("请选择"), std::string::npos) << choose.body;
  const auto theirs = community_->get(std::string(kNeeds) + "?source=h5");
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.json()["total"], 6) << "the residents' needs only";
  Json staff = need(0, 0, 24);
  staff["source"] = "h5";
  const auto as_resident = community_->send_json("POST", kNeeds, staff.dump());
  EXPECT_EQ(fields_of(as_resident), std::set<std::string>{"source"}) << as_resident.body;

  // Staff name whom a need is for: someone of the register living within its unit.
  Json for_him = need(0, 0, 24);
  for_him["personId"] = person_id;
  const Json named = created(*community_, kNeeds, for_him);
  EXPECT_EQ(named["personMasked"], "王*华");
  for_him["unit"] = kNeighbour;
  auto street = as("jiuquanlu");
  const auto elsewhere = street->send_json("POST", kNeeds, for_him.dump());
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
  EXPECT_EQ(fields_of(elsewhere), std::set<std::string>{"personId"});
}

// A resource taken from the facility registry or the volunteers module shows its origin's name
// (and the facility's point) as they are now, and a closed facility's resource is not proposed.
TEST_P(ListsApiTest, ResourcesTakenFromTheRegistryFollowTheirFacilityOrOrganisation) {
  auto admin = as("admin");
  const auto facility_body = [](const std::string& unit, const std::string& name, int junction,
                                const std::string& status) {
    Json hours = Json::object();
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      hours[day] = {"08:00-18:00"};
    }
    return Json{{"unitCode", unit},
                {"type", "elderly_canteen"},
                {"name", name},
                {"floorArea", 120},
                {"activityArea", 80},
                {"officeArea", 10},
                {"serviceArea", 10},
                {"landArea", nullptr},
                {"hours", hours},
                {"services", Json::array()},
                {"lat", kLat},
                {"lon", kLon + junction * kStep},
                {"status", status},
                {"openedOn", status == "building" ? Json(nullptr) : Json("2024-01-01")},
                {"closedOn", status == "closed" ? Json("2026-11-29") : Json(nullptr)}};
  };
  const auto facility = [&](const std::string& unit, const std::string& name, int junction,
                            const std::string& status) {
    const auto made = admin->send_json("POST", "/api/v1/facilities",
                                       facility_body(unit, name, junction, status).dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  };
  const Json canteen = facility(kCommunity, "畅家巷社区老年食堂", 1, "open");
  const Json building = facility(kCommunity, "畅家巷社区新建助餐点", 2, "building");
  const Json next_door = facility(kNeighbour, "雁园社区老年食堂", 3, "open");
  auto county = as("chengguan");
  const auto organisation = [&](const std::string& name, const std::string& kind,
                                const std::string& area) {
    const auto made = county->send_json("POST", "/api/v1/volunteer/organisations",
                                        Json{{"name", name},
                                             {"kind", kind},
                                             {"area", area},
                                             {"contactName", "李静"},
                                             {"contactPhone", "13993190021"}}
                                            .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  };
  const int64_t team = organisation("畅家巷“邻里帮”志愿服务队", "volunteer_team", kCommunity);
  const int64_t county_group =
      organisation("城关区社区服务促进会", "community_organisation", "620102000000");

  // What the community may take: its open facilities; the teams serving it.
  const auto names = [&](const std::string& source) {
    const auto reply = community_->get(
        fmt::format("{}/origins?unit={}&source={}", kResources, kCommunity, source));
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::pair<std::string, bool>> out;
    if (reply.status != 200) return out;
    const Json body = reply.json();
    for (const Json& item : body["items"]) out.push_back({item["name"], item["taken"]});
    return out;
  };
  using Offered = std::vector<std::pair<std::string, bool>>;
  EXPECT_EQ(names("facility"), (Offered{{"畅家巷社区老年食堂", false}}));
  EXPECT_EQ(names("volunteer"), (Offered{{"畅家巷“邻里帮”志愿服务队", false}}));
  EXPECT_EQ(names("organisation"), (Offered{{"城关区社区服务促进会", false}}));

  Json taken = resource(kCommunity, "", 0, 2, 0, 24);
  taken["facilityId"] = canteen["id"];
  taken.erase("lat");
  taken.erase("lon");
  const Json made = created(*community_, kResources, taken);
  EXPECT_EQ(made["name"], "畅家巷社区老年食堂");
  EXPECT_EQ(made["facilityId"], canteen["id"]);
  EXPECT_NEAR(made["lon"].get<double>(), kLon + kStep, 1e-7) << "the facility's point";
  EXPECT_EQ(made["available"], true);
  EXPECT_EQ(names("facility"), (Offered{{"畅家巷社区老年食堂", true}}));
  Json helpers = resource(kCommunity, "", 0, 5, 8, 20, "housekeeping");
  helpers["source"] = "volunteer";
  helpers["organisationId"] = team;
  EXPECT_EQ(created(*community_, kResources, helpers)["name"], "畅家巷“邻里帮”志愿服务队");
  const Json waiting = [&] {
    Json body = resource(kCommunity, "", 0, 2, 0, 24);
    body["facilityId"] = building["id"];
    return created(*community_, kResources, body);
  }();
  EXPECT_EQ(waiting["available"], false) << "a facility still being built serves nobody yet";

  // Each wrong origin is refused with its reason, all at once; nothing is written.
  const auto refused_fields = [&](const Json& body) {
    const auto refused = community_->send_json("POST", kResources, body.dump());
    EXPECT_EQ(refused.status, 400) << refused.body;
    return fields_of(refused);
  };
  Json elsewhere = resource(kCommunity, "", 0, 2, 0, 24);
  elsewhere["facilityId"] = next_door["id"];
  elsewhere["contact"] = "call me";
  EXPECT_EQ(refused_fields(elsewhere), (std::set<std::string>{"facilityId", "contact"}));
  Json wrong_source = resource(kCommunity, "", 0, 2, 0, 24);
  wrong_source["source"] = "charity";
  wrong_source["organisationId"] = county_group;
  EXPECT_EQ(refused_fields(wrong_source), std::set<std::string>{"organisationId"});
  Json team_as_organisation = resource(kCommunity, "", 0, 2, 0, 24);
  team_as_organisation["source"] = "organisation";
  team_as_organisation["organisationId"] = team;
  EXPECT_EQ(refused_fields(team_as_organisation), std::set<std::string>{"organisationId"});
  Json nameless = resource(kCommunity, "", 0, 2, 0, 24);
  EXPECT_EQ(refused_fields(nameless), std::set<std::string>{"name"})
      << "a resource entered by hand needs its name";
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_resource"), 3);
  const auto outside =
      community_->get(fmt::format("{}/origins?unit={}&source=facility", kResources, kNeighbour));
  EXPECT_EQ(outside.status, 404) << "雁园社区 is outside the community's scope";

  // The facility renamed and moved: the resource follows. A need nearby is proposed it while it
  // is open, and not once it closes.
  Json renamed = facility_body(kCommunity, "畅家巷社区幸福食堂", 2, "open");
  renamed["version"] = 1;
  const auto put = admin->send_json(
      "PUT", fmt::format("/api/v1/facilities/{}", canteen["id"].get<int64_t>()), renamed.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  const auto now =
      community_->get(fmt::format("{}/{}", kResources, made["id"].get<int64_t>())).json();
  EXPECT_EQ(now["name"], "畅家巷社区幸福食堂");
  EXPECT_NEAR(now["lon"].get<double>(), kLon + 2 * kStep, 1e-7);
  const Json lunch = created(*community_, kNeeds, need(0, 11, 13));
  using Proposed = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(proposed(*community_, lunch["id"], false), (Proposed{{"畅家巷社区幸福食堂", 200}}));
  Json closed = facility_body(kCommunity, "畅家巷社区幸福食堂", 2, "closed");
  closed["version"] = 2;
  const auto close = admin->send_json(
      "PUT", fmt::format("/api/v1/facilities/{}", canteen["id"].get<int64_t>()), closed.dump());
  ASSERT_EQ(close.status, 200) << close.body;
  EXPECT_TRUE(proposed(*community_, lunch["id"], false).empty());
  EXPECT_EQ(confirm(lunch["id"], lunch["version"], made["id"]).status, 409)
      << "a closed facility's resource takes no need";
}

// A need registered from a home visit takes the visited person, where the visit was recorded and
// the visit's date; from a request, its place and tracking code. A finding is registered once.
TEST_P(ListsApiTest, NeedsFoundOnAVisitOrARequestTakeTheirPersonPlaceAndReference) {
  const auto home =
      community_->send_json("POST", "/api/v1/residents/households",
                            Json{{"gridCode", kGrid}, {"address", "畅家巷5号楼2单元302室"}}.dump());
  ASSERT_EQ(home.status, 201) << home.body;
  const auto person = community_->send_json("POST", "/api/v1/residents/persons",
                                            Json{{"householdId", home.json()["id"]},
                                                 {"relation", "head"},
                                                 {"name", "赵秀兰"},
                                                 {"idNumber", id_number("19410305", 622)},
                                                 {"ethnicity", "汉族"},
                                                 {"movedIn", "2010-05-01"},
                                                 {"tags", Json::array()}}
                                                .dump());
  ASSERT_EQ(person.status, 201) << person.body;
  const int64_t person_id = person.json()["person"]["id"].get<int64_t>();
  const auto visited =
      community_->send_json("POST", fmt::format("/api/v1/residents/persons/{}/visits", person_id),
                            Json{{"key", "lists-visit-0001"},
                                 {"visitedOn", "2026-11-20"},
                                 {"met", "person"},
                                 {"health", "fair"},
                                 {"living", "fair"},
                                 {"safety", "none"},
                                 {"needs", {"meals", "repair"}},
                                 {"note", ""},
                                 {"lat", kLat},
                                 {"lon", kLon + 3 * kStep}}
                                .dump());
  ASSERT_EQ(visited.status, 201) << visited.body;
  const int64_t visit = visited.json()["id"].get<int64_t>();

  Json from_visit{{"unit", kCommunity},
                  {"source", "visit"},
                  {"visitId", visit},
                  {"category", "meals"},
                  {"description", "走访发现：独居，做饭困难"},
                  {"fromHour", 11},
                  {"toHour", 13}};
  const Json made = created(*community_, kNeeds, from_visit);
  EXPECT_EQ(made["visitId"], visit);
  EXPECT_EQ(made["personId"], person_id);
  EXPECT_EQ(made["personMasked"], "赵*兰");
  EXPECT_EQ(made["sourceRef"], "走访 2026-11-20");
  EXPECT_NEAR(made["lon"].get<double>(), kLon + 3 * kStep, 1e-6) << "where the visit was";

  const auto again = community_->send_json("POST", kNeeds, from_visit.dump());
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_EQ(fields_of(again), std::set<std::string>{"visitId"}) << "registered once";
  // Two servers checking at the same moment both find none open: the database takes one only.
  lists::Need twin;
  twin.unit_code = kCommunity;
  twin.source = "visit";
  twin.category = "meals";
  twin.urgency = "normal";
  twin.description = "另一台服务器同时登记";
  twin.hours = {11, 13};
  twin.created_at = twin.updated_at = "2026-11-30T01:00:00.000Z";
  twin.visit_id = visit;
  const Status raced = services_->database().write([&](storage::Session& s) -> Status {
    SHEQU_TRY(lists::repository::insert_need(s, twin));
    return {};
  });
  ASSERT_FALSE(raced);
  EXPECT_EQ(raced.error().code, ErrorCode::conflict);
  Json repair = from_visit;
  repair["category"] = "repair";
  repair["description"] = "走访发现：水龙头漏水";
  created(*community_, kNeeds, repair);
  Json mislabelled = from_visit;
  mislabelled["source"] = "staff";
  mislabelled["category"] = "health";
  EXPECT_EQ(fields_of(community_->send_json("POST", kNeeds, mislabelled.dump())),
            std::set<std::string>{"visitId"});
  Json next_door = from_visit;
  next_door["unit"] = kNeighbour;
  next_door["category"] = "health";
  auto street = as("jiuquanlu");
  EXPECT_EQ(fields_of(street->send_json("POST", kNeeds, next_door.dump())),
            std::set<std::string>{"visitId"})
      << "the visit was in 畅家巷社区, not 雁园社区";

  auto desk = as("chengguan");
  const auto call = desk->send_json("POST", "/api/v1/requests",
                                    Json{{"categoryCode", "municipal.streetlight"},
                                         {"unitCode", kCommunity},
                                         {"description", "楼道灯坏了，老人夜里不敢出门"},
                                         {"address", "畅家巷12号"},
                                         {"lat", kLat},
                                         {"lon", kLon + 4 * kStep},
                                         {"channel", "hotline"},
                                         {"contactName", "张三丰"},
                                         {"contactPhone", "13912345678"},
                                         {"attributes", Json::array()}}
                                        .dump());
  ASSERT_EQ(call.status, 201) << call.body;
  const Json request = call.json()["case"];
  const Json from_request = created(*community_, kNeeds,
                                    Json{{"unit", kCommunity},
                                         {"source", "request"},
                                         {"requestId", request["id"]},
                                         {"category", "repair"},
                                         {"description", "诉求转需求：楼道灯维修"},
                                         {"fromHour", 8},
                                         {"toHour", 18}});
  EXPECT_EQ(from_request["requestId"], request["id"]);
  EXPECT_EQ(from_request["sourceRef"], "诉求 " + request["trackingCode"].get<std::string>());
  EXPECT_NEAR(from_request["lon"].get<double>(), kLon + 4 * kStep, 1e-6);
  EXPECT_EQ(from_request["personId"], nullptr) << "a request names nobody of the register";
}

INSTANTIATE_TEST_SUITE_P(Backends, ListsApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
