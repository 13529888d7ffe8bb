// The workbench's server side, as each kind of user meets it: grid workers on grids, a
// community's office, a resident's own community, and the to-dos counted over each one's scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/small_stack.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区, grids 001-003 in the demo
constexpr const char* kFirstGrid = "620102001001001";
constexpr const char* kSecondGrid = "620102001001002";

class WorkbenchApiTest : public SmallStackTest {
 protected:
  // The count of one kind of to-do for `client`, or -1 when it is not shown.
  static int64_t todo(HttpClient& client, const std::string& code) {
    const auto reply = client.get("/api/v1/workbench/todos");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const Json items = reply.json()["items"];
    for (const Json& item : items) {
      if (item["code"] == code) return item["count"].get<int64_t>();
    }
    return -1;
  }
  int64_t user_id(const std::string& username) {
    return count("SELECT id FROM app_user WHERE username = $1", {username});
  }
};

TEST_P(WorkbenchApiTest, TheCommunityAssignsItsGridWorkersAndTheyAppearOnItsGrids) {
  auto worker = as("changjiaxiang");
  const std::string list = std::string("/api/v1/org/units/") + kCommunity + "/grid-workers";
  const auto demo = worker->get(list);
  ASSERT_EQ(demo.status, 200) << demo.body;
  const Json assigned = demo.json()["items"];
  ASSERT_EQ(assigned.size(), 1u) << assigned;
  EXPECT_EQ(assigned[0]["gridCode"], kFirstGrid);
  EXPECT_EQ(assigned[0]["displayName"], "第一网格网格员 赵军");
  EXPECT_EQ(assigned[0]["workPhone"], "0931-8451235");
  EXPECT_EQ(todo(*worker, "auth.grids.unstaffed"), 2) << "grids 002 and 003";

  const std::string second = std::string("/api/v1/org/grids/") + kSecondGrid;
  const auto candidates = worker->get(second + "/worker-candidates");
  ASSERT_EQ(candidates.status, 200) << candidates.body;
  ASSERT_EQ(candidates.json()["items"].size(), 1u) << candidates.body;
  const int64_t wangge1 = user_id("wangge1");
  EXPECT_EQ(candidates.json()["items"][0]["userId"], wangge1);

  const std::string slot = second + "/workers/" + std::to_string(wangge1);
  const auto made = worker->send_json("PUT", slot, R"({"workPhone":"0931 845 1236"})");
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(made.json()["gridCode"], kSecondGrid);
  EXPECT_EQ(made.json()["workPhone"], "0931 845 1236");
  EXPECT_EQ(worker->get(list).json()["items"].size(), 2u);
  EXPECT_EQ(todo(*worker, "auth.grids.unstaffed"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.gridworker.assign' AND "
                  "object_id = $1",
                  {std::string(kSecondGrid)}),
            1);

  ASSERT_EQ(worker->request("DELETE", slot, "").status, 204);
  EXPECT_EQ(worker->request("DELETE", slot, "").status, 204) << "removed already";
  EXPECT_EQ(todo(*worker, "auth.grids.unstaffed"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.gridworker.unassign'"), 1);
}

TEST_P(WorkbenchApiTest, OnlyTheCommunitysGridWorkersMayBeAssignedAndOnlyByItsStaff) {
  auto worker = as("changjiaxiang");
  const std::string slot = std::string("/api/v1/org/grids/") + kSecondGrid + "/workers/";
  // An account that does not hold the grid-worker role there.
  const auto refused = worker->send_json("PUT", slot + std::to_string(user_id("chengguan")), "{}");
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["details"][0]["field"], "userId");
  const auto bad_phone = worker->send_json("PUT", slot + std::to_string(user_id("wangge1")),
                                           R"({"workPhone":"call the office"})");
  ASSERT_EQ(bad_phone.status, 400) << bad_phone.body;
  EXPECT_EQ(bad_phone.json()["details"][0]["field"], "workPhone");
  // A grid worker and a resident hold their grid, not the community (their own grid's workers
  // come with GET /me/community), and assign nobody.
  for (const char* reader : {"wangge1", "jumin1"}) {
    auto client = as(reader);
    EXPECT_EQ(client->get(std::string("/api/v1/org/units/") + kCommunity + "/grid-workers").status,
              404)
        << reader;
    EXPECT_EQ(client->send_json("PUT", slot + std::to_string(user_id("wangge1")), "{}").status, 403)
        << reader;
    EXPECT_EQ(todo(*client, "auth.grids.unstaffed"), -1) << reader;
  }
  // Another branch's official does not find the grid at all.
  EXPECT_EQ(as("lanzhou")
                ->get(std::string("/api/v1/org/grids/") + kSecondGrid + "/worker-candidates")
                .status,
            200)
      << "the city holds the community";
  EXPECT_EQ(count("SELECT COUNT(*) FROM grid_worker"), 1) << "nothing changed";
}

TEST_P(WorkbenchApiTest, AResidentFindsItsCommunityOfficeAndItsGridWorker) {
  auto resident = as("jumin1");
  const auto mine = resident->get("/api/v1/me/community");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const Json c = mine.json();
  EXPECT_EQ(c["community"]["code"], kCommunity);
  EXPECT_EQ(c["community"]["path"].back()["name"], "酒泉路街道");
  EXPECT_EQ(c["office"]["phone"], "0931-8451234");
  EXPECT_EQ(c["grid"]["code"], kFirstGrid);
  EXPECT_EQ(c["grid"]["description"], "畅家巷 1-20 号楼");
  ASSERT_EQ(c["gridWorkers"].size(), 1u);
  EXPECT_EQ(c["gridWorkers"][0]["workPhone"], "0931-8451235");
  EXPECT_FALSE(c["gridWorkers"][0].contains("phone")) << "never the worker's own phone";
  // The community's own worker has a community but no grid; a county official has neither.
  const auto staff = as("changjiaxiang")->get("/api/v1/me/community");
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_TRUE(staff.json()["grid"].is_null());
  EXPECT_EQ(as("chengguan")->get("/api/v1/me/community").status, 404);
}

TEST_P(WorkbenchApiTest, TheOfficeIsKeptByTheCommunityAndCheckedField) {
  auto worker = as("changjiaxiang");
  const std::string office = std::string("/api/v1/org/units/") + kCommunity + "/office";
  const auto bad = worker->send_json("PUT", office, R"({"address":"","phone":"x","hours":" "})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::set<std::string> fields;
  const Json details = bad.json()["details"];
  for (const Json& d : details) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"address", "phone", "hours"})) << bad.body;
  const auto set = worker->send_json(
      "PUT", office,
      R"({"address":"畅家巷 12 号 一楼","phone":"0931-8451299","hours":"每天 9:00-17:00"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(as("jumin1")->get("/api/v1/me/community").json()["office"]["phone"], "0931-8451299");
  EXPECT_EQ(as("chengguan")->get(office).json()["hours"], "每天 9:00-17:00");
  EXPECT_EQ(as("wangge1")->send_json("PUT", office, set.body).status, 403);
  EXPECT_EQ(
      worker->send_json("PUT", std::string("/api/v1/org/units/") + kFirstGrid + "/office", set.body)
          .status,
      400)
      << "grids keep no office";
}

TEST_P(WorkbenchApiTest, EachRoleSeesItsOwnToDos) {
  // The security administrator assigns roles: an account made without one waits for it.
  EXPECT_EQ(todo(*as("security"), "auth.accounts.roleless"), 0);
  const auto made = as("admin")->send_json(
      "POST", "/api/v1/users",
      R"({"username":"norole","displayName":"畅家巷社区 新同事","password":"Shequ@Fresh-2025!",)"
      R"("unitCode":"620102001001"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(todo(*as("security"), "auth.accounts.roleless"), 1);
  EXPECT_EQ(todo(*as("chengguan"), "auth.accounts.roleless"), 1) << "in the county";
  EXPECT_EQ(todo(*as("chengguan"), "auth.grids.unstaffed"), 2) << "畅家巷社区 002 and 003";
  EXPECT_EQ(todo(*as("wangge1"), "auth.accounts.roleless"), -1);
  const auto none = as("audit")->get("/api/v1/workbench/todos");
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.json()["total"], 0);
  EXPECT_EQ(as("")->get("/api/v1/workbench/todos").status, 401);
}

TEST_P(WorkbenchApiTest, MapsDrawOfflineBoundariesUnlessATileServerIsConfigured) {
  EXPECT_EQ(as("")->get("/api/v1/map/settings").status, 401);
  const auto settings = as("jumin1")->get("/api/v1/map/settings");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_TRUE(settings.json()["tiles"].is_null()) << settings.body;
}

class ConfiguredTilesTest : public SmallStackTest {
 protected:
  ConfiguredTilesTest() {
    web_options_.map_tiles = "https://{s}.tiles.example.org/vec/{z}/{x}/{y}.png";
    web_options_.map_tile_attribution = "© 示例测绘";
    web_options_.map_tile_datum = "gcj02";
    web_options_.map_tile_max_zoom = 17;
  }
};

TEST_P(ConfiguredTilesTest, TheConsoleIsToldTheTileServerAndPagesMayLoadItsImages) {
  const auto settings = as("changjiaxiang")->get("/api/v1/map/settings");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.json()["tiles"],
            Json({{"url", "https://{s}.tiles.example.org/vec/{z}/{x}/{y}.png"},
                  {"attribution", "© 示例测绘"},
                  {"datum", "gcj02"},
                  {"maxZoom", 17}}));
  const auto& headers = settings.headers;
  const auto policy = std::find_if(headers.begin(), headers.end(), [](const auto& header) {
    return header.first == "content-security-policy";
  });
  ASSERT_NE(policy, headers.end());
  EXPECT_NE(policy->second.find("img-src 'self' data: blob: https://*.tiles.example.org"),
            std::string::npos)
      << policy->second;
}

INSTANTIATE_TEST_SUITE_P(Backends, ConfiguredTilesTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

INSTANTIATE_TEST_SUITE_P(Backends, WorkbenchApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
