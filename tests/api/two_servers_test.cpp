// Two `shequ serve` on one database, as a province runs them behind a proxy: what one changes,
// the other sees (at once for the tree through the org routes and for the indicators' facts and
// values, within the session-trust window for accounts), and a job is run by exactly one of them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <map>
#include <thread>

#include "api/hand_made_province.hpp"
#include "api/small_stack.hpp"
#include "jobs/job_runner.hpp"
#include "org/org_repository.hpp"
#include "org/org_service.hpp"
#include "privacy/validators.hpp"
#include "support/test_images.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

class TwoServersTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    // The second server shares the first one's key file, as servers of one province do.
    const auto keys = std::filesystem::path(services_->audit_checkpoints()).parent_path();
    const auto own = private_temp_folder("shequ-second-");
    auth::AuthOptions auth = auth_options_;
    auth.password_cost = auth::minimal_password_cost();
    app::ServiceOptions options{
        .auth = auth,
        .keys_file = (keys / "personal-data.keys").string(),
        .audit_checkpoints = (own / "checkpoints.log").string(),
        .settings = {{std::string(access::kNetworkSetting), (own / "no-network.graph").string()},
                     // The photo folder is shared, as a deployment's mount is.
                     {std::string(requests::kPhotosSetting), (keys / "photos").string()}}};
    auto second = app::Services::open(database_->url(), clock_, options, modules::all());
    ASSERT_TRUE(second) << second.error().internal_detail;
    second_services_ = std::move(second).value();
    auto web = app::WebApp::create(*second_services_, web_options_);
    ASSERT_TRUE(web);
    second_web_ = std::move(web).value();
    ASSERT_TRUE(second_web_->start());
  }
  void TearDown() override {
    if (second_web_) second_web_->stop();
    SmallStackTest::TearDown();
  }

  std::unique_ptr<HttpClient> on_second(const std::string& username) {
    auto client = std::make_unique<HttpClient>(second_web_->port());
    const auto login = client->login(username, std::string(app::kDemoPassword));
    EXPECT_EQ(login.status, 200) << username << ": " << login.body;
    return client;
  }

  std::unique_ptr<app::Services> second_services_;
  std::unique_ptr<app::WebApp> second_web_;
};

TEST_P(TwoServersTest, AGridMadeOnOneIsFoundOnTheOtherAtOnce) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const auto created = first->send_json("POST", "/api/v1/org/units/620102001001/grids",
                                        R"({"name":"跨服务器网格","description":"一号楼"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string code = created.json()["code"];
  const auto seen = second->get("/api/v1/org/grids/" + code);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["name"], "跨服务器网格");
  // Renamed on the second, read on the first.
  const auto renamed =
      second->send_json("PATCH", "/api/v1/org/grids/" + code,
                        Json{{"version", seen.json()["version"]}, {"name", "改名网格"}}.dump());
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(first->get("/api/v1/org/units/" + code).json()["name"], "改名网格");
  // Retired on the first, gone on the second.
  const auto retired = first->request("DELETE",
                                      "/api/v1/org/grids/" + code + "?version=" +
                                          std::to_string(renamed.json()["version"].get<int>()),
                                      "");
  ASSERT_EQ(retired.status, 204) << retired.body;
  EXPECT_EQ(second->get("/api/v1/org/grids/" + code).status, 404);
  EXPECT_EQ(second->get("/api/v1/org/units/" + code).status, 404);
}

// A server takes up another's change by reading the changed unit, not the whole tree; its own
// changes, even many at once, never make it read anything back (before, each race between a
// commit and another request's check cost a full read: 57 of them in 3 s of 16 writers).
TEST_P(TwoServersTest, ChangesAreTakenUpUnitByUnitAndOwnOnesNotAtAll) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const auto own_before = services_->org().sync_stats();
  const auto other_before = second_services_->org().sync_stats();
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      auto client = as("chengguan");
      for (int i = 0; i < 5; ++i) {
        const auto made = client->send_json(
            "POST", "/api/v1/org/units/620102001001/grids",
            Json{{"name", "并发网格" + std::to_string(w) + "-" + std::to_string(i)}}.dump());
        if (made.status == 201) ++created;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  ASSERT_EQ(created, 20);
  ASSERT_TRUE(services_->org().sync());
  const auto own_after = services_->org().sync_stats();
  EXPECT_EQ(own_after.loads, own_before.loads) << "no full read for its own changes";
  EXPECT_EQ(own_after.units_caught_up, own_before.units_caught_up) << "nor any unit read back";

  ASSERT_EQ(second->get("/api/v1/org/units/620102001001/children").status, 200);
  const auto other_after = second_services_->org().sync_stats();
  EXPECT_EQ(other_after.loads, other_before.loads) << "no full read for 20 new grids";
  EXPECT_EQ(other_after.units_caught_up, other_before.units_caught_up + 20);
  EXPECT_TRUE(second_services_->org().tree().find("620102001001020"));
  // With every entry taken up, each check reads only what comes after the last one.
  const int64_t last = count("SELECT MAX(id) FROM org_change");
  EXPECT_EQ(own_after.settled_line, last);
  EXPECT_EQ(other_after.settled_line, last);
}

// A tree change whose write is still running when later ones commit leaves a gap in the log. The
// other server's settled line waits below it, so the change is taken up when it commits; after
// kGapPatience the line passes the gap, and the five-minute full check still takes up a change
// that commits even later. Only PostgreSQL commits writers side by side: SQLite's one writer
// commits the log's ids in order and cannot leave such a gap.
TEST_P(TwoServersTest, AChangeCommittedLateUnderALowerIdIsTakenUp) {
  if (GetParam() == Backend::sqlite) GTEST_SKIP() << "one writer at a time: ids commit in order";
  auto first = as("chengguan");
  const std::string grids = "/api/v1/org/units/620102001001/grids";
  org::OrgService& second = second_services_->org();
  // A write that appends unit `code` to the log and stays open until `release` is set.
  struct HeldWrite {
    std::promise<void> appended, release;
    std::thread thread;
  };
  const auto hold = [&](const std::string& code, HeldWrite& held) {
    held.thread = std::thread([&held, code, this] {
      const org::Unit unit{.code = code,
                           .name = "迟到的网格",
                           .level = org::Level::grid,
                           .type = org::UnitType::grid,
                           .parent_code = "620102001001"};
      std::future<void> release = held.release.get_future();
      const Status written = database_->db().write([&](storage::Session& s) -> Status {
        SHEQU_TRY(org::OrgRepository::insert(s, unit, "2026-11-30", "2026-11-30T01:00:00.000Z"));
        held.appended.set_value();
        release.wait();
        return {};
      });
      EXPECT_TRUE(written) << written.error().internal_detail;
    });
    held.appended.get_future().wait();
  };
  const auto commit = [](HeldWrite& held) {
    held.release.set_value();
    held.thread.join();
  };

  HeldWrite late;
  hold("620102001001901", late);
  ASSERT_EQ(first->send_json("POST", grids, R"({"name":"后来先到"})").status, 201);
  ASSERT_TRUE(second.sync());
  const int64_t after_gap = count("SELECT MAX(id) FROM org_change");
  EXPECT_EQ(second.sync_stats().settled_line, after_gap - 2) << "waits below the open write";
  commit(late);
  ASSERT_TRUE(second.sync());
  EXPECT_TRUE(second.tree().find("620102001001901"));
  EXPECT_EQ(second.sync_stats().settled_line, after_gap);

  HeldWrite later;
  hold("620102001001902", later);
  ASSERT_EQ(first->send_json("POST", grids, R"({"name":"越过空缺"})").status, 201);
  ASSERT_TRUE(second.sync());
  clock_.advance(org::OrgService::kGapPatience + std::chrono::seconds(1));
  ASSERT_EQ(first->send_json("POST", grids, R"({"name":"不再等待"})").status, 201);
  ASSERT_TRUE(second.sync());
  EXPECT_EQ(second.sync_stats().settled_line, count("SELECT MAX(id) FROM org_change"))
      << "passed the gap";
  commit(later);
  ASSERT_TRUE(second.sync_all());
  EXPECT_TRUE(second.tree().find("620102001001902"));
}

// The nightly trim of the change log (org.changes.trim) keeps the log short without losing a
// change: after it, a grid made on one server is still seen on the other at once.
TEST_P(TwoServersTest, TheTrimmedChangeLogStillCarriesEveryChange) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const std::string grids = "/api/v1/org/units/620102001001/grids";
  ASSERT_EQ(first->send_json("POST", grids, R"({"name":"修剪前网格"})").status, 201);
  ASSERT_GT(count("SELECT COUNT(*) FROM org_change"), 2);
  EXPECT_GT(second_services_->org().trim_changes(2).value(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_change"), 2);
  const auto created = first->send_json("POST", grids, R"({"name":"修剪后网格"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto seen = second->get("/api/v1/org/grids/" + created.json()["code"].get<std::string>());
  EXPECT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(second_services_->org().trim_changes(2).value(), 1);
}

// Each server counts the indicators in its own memory: a facility registered, a figure
// changed or a value entered or approved on one is in the other's next answer, which counts
// again only the units changed.
TEST_P(TwoServersTest, AFactOrValueChangedOnOneIsInTheOthersIndicatorsAtOnce) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const auto urban = [](HttpClient& client) {
    const auto answer =
        client.get("/api/v1/analytics?indicators=2,4&units=620102001000&periods=2026");
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::map<std::string, Json> rows;
    const Json body = answer.json();
    for (const Json& row : body["rows"]) rows[row["indicator"].get<std::string>()] = row;
    EXPECT_EQ(rows.size(), 2u) << answer.body;
    return rows;
  };
  const auto before = urban(*second);  // the second's engine counts everything once
  const auto counted_before = second_services_->service<indicator::Engine>().counters();
  ASSERT_EQ(first
                ->send_json("POST", "/api/v1/facilities",
                            facility(kC1, "comprehensive", 600, 400, 60, week("08:00-18:00", true),
                                     Json::array())
                                .dump())
                .status,
            201);
  ASSERT_EQ(first
                ->send_json("PUT", std::string("/api/v1/facilities/figures/") + kC1 + "/2026",
                            R"({"households":2000,"residents":5000,"urbanResidents":5000,)"
                            R"("buildingArea":100000,"childcarePlaces":0,)"
                            R"("childcareAffordable":0,"version":0})")
                .status,
            200);
  const auto after = urban(*second);
  EXPECT_EQ(after.at("2")["numerator"], before.at("2")["numerator"].get<double>() + 1);
  EXPECT_EQ(after.at("4")["numerator"], 600) << "m² of comprehensive facilities";
  EXPECT_EQ(after.at("4")["denominator"], 2000) << "households of the year's figures";
  EXPECT_EQ(after.at("4")["value"], 30.0);
  const auto counted = second_services_->service<indicator::Engine>().counters();
  EXPECT_EQ(counted.full_counts, counted_before.full_counts) << "no full count for two changes";
  EXPECT_GE(counted.units_recounted, counted_before.units_recounted + 1);

  // A community worker enters on the second; the county approves on the first; each sees it.
  auto worker = on_second("changjiaxiang");
  const std::string value = std::string("/api/v1/indicators/12/values/") + kC1 + "/202610";
  const auto entered =
      worker->send_json("PUT", value, R"({"numerator":9,"denominator":10,"version":0})");
  ASSERT_EQ(entered.status, 200) << entered.body;
  const auto visits =
      first->get(std::string("/api/v1/analytics?indicators=12&units=") + kC1 + "&periods=202610");
  ASSERT_EQ(visits.status, 200) << visits.body;
  EXPECT_EQ(visits.json()["rows"][0]["value"], 90.0) << visits.body;
  const auto approved = first->send_json("POST", value + "/approve",
                                         Json{{"version", entered.json()["version"]}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto locked = worker->send_json(
      "PUT", value,
      Json{{"numerator", 10}, {"denominator", 10}, {"version", approved.json()["version"]}}.dump());
  EXPECT_EQ(locked.status, 409) << "approved on the first, locked on the second: " << locked.body;
}

TEST_P(TwoServersTest, AnAccountDisabledOnOneIsRefusedOnTheOtherWithinTheTrustWindow) {
  auto worker = on_second("changjiaxiang");
  ASSERT_EQ(worker->get("/api/v1/auth/me").status, 200);
  auto county = as("chengguan");
  const int64_t id = count("SELECT id FROM app_user WHERE username = 'changjiaxiang'");
  const auto account = county->get("/api/v1/users/" + std::to_string(id)).json();
  const auto disabled =
      county->send_json("PATCH", "/api/v1/users/" + std::to_string(id),
                        Json{{"version", account["version"]}, {"status", "disabled"}}.dump());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  clock_.advance(std::chrono::seconds(6));  // past the 5 s a server trusts a checked session
  EXPECT_EQ(worker->get("/api/v1/auth/me").status, 401);
}

// Both servers' runners pull from the one queue: the job is run once, by one of them, and both
// show it.
TEST_P(TwoServersTest, AJobIsRunOnceAndShownByBoth) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const auto job = services_->service<jobs::JobRunner>().submit(
      {.kind = "jobs.purge", .unit_code = "620102000000", .created_by_name = "chengguan"});
  ASSERT_TRUE(job);
  const std::string path = "/api/v1/jobs/" + std::to_string(job->id);
  Json shown;
  for (int i = 0; i < 500; ++i) {
    shown = second->get(path).json();
    if (shown["state"] == "done") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(shown["state"], "done");
  EXPECT_EQ(shown["attempts"], 1);
  const std::string ran_on = shown["server"];
  EXPECT_TRUE(ran_on == services_->service<jobs::JobRunner>().server() ||
              ran_on == second_services_->service<jobs::JobRunner>().server())
      << ran_on;
  EXPECT_EQ(first->get(path).json(), shown);
}

// Two servers asked at once to give one community worker a main post each: one post is taken,
// the others refused as a second main post (the worker's row is locked while posts are added),
// and either server then shows the one, in the roster and in indicator 7.
TEST_P(TwoServersTest, OneWorkerGetsOneMainPostWhenTwoServersAreAskedAtOnce) {
  auto first = as("chengguan");
  auto second = on_second("chengguan");
  const auto made = first->send_json("POST", "/api/v1/workforce/workers",
                                     Json{{"unit", "620102001001"},
                                          {"name", "两台服务器"},
                                          {"phone", "13993100777"},
                                          {"idNumber", "620102198001010017"},
                                          {"position", "children_director"},
                                          {"startedOn", "2026-01-01"}}
                                         .dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string posts =
      fmt::format("/api/v1/workforce/workers/{}/posts", made.json()["id"].get<int64_t>());
  // Signed in first, then let go together, so that the requests overlap.
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 8; ++i)
    clients.push_back(i % 2 == 0 ? as("chengguan") : on_second("chengguan"));
  std::latch go(8);
  std::vector<std::future<int>> asked;
  for (int i = 0; i < 8; ++i) {
    asked.push_back(std::async(std::launch::async, [&, i] {
      go.arrive_and_wait();
      return clients[i]
          ->send_json("POST", posts,
                      Json{{"unit", i % 3 == 0 ? "620102001001" : "620102001002"},
                           {"position", "full_time_worker"},
                           {"startedOn", "2026-02-01"}}
                          .dump())
          .status;
    }));
  }
  std::map<int, int> statuses;
  for (auto& status : asked) ++statuses[status.get()];
  EXPECT_EQ(statuses, (std::map<int, int>{{201, 1}, {409, 7}}));
  const auto shown =
      second->get(fmt::format("/api/v1/workforce/workers/{}", made.json()["id"].get<int64_t>()));
  ASSERT_EQ(shown.status, 200) << shown.body;
  int main_posts = 0;
  const Json body = shown.json();
  for (const Json& p : body["posts"]) main_posts += p["main"].get<bool>() ? 1 : 0;
  EXPECT_EQ(main_posts, 1) << shown.body;
}

// Two servers asked at once to confirm the hours of one ended activity, four activities over: one
// confirmation of each writes the volunteer's entry, the others are refused as confirmed already
// (every writer of hours holds the record's head, then the activity), and the hour record holds
// one entry per activity. (Without the locks on PostgreSQL, a round writes hours twice about
// every other time: four rounds catch it nearly always.)
TEST_P(TwoServersTest, AnActivityIsConfirmedOnceWhenTwoServersAreAskedAtOnce) {
  auto community = as("changjiaxiang");
  const auto registered =
      community->send_json("POST", "/api/v1/volunteer/volunteers",
                           Json{{"unit", "620102001001"}, {"name", "两台服务器"}}.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  const int64_t volunteer = registered.json()["id"];
  const auto at = [&](std::chrono::minutes from_now) {
    return format_timestamp(clock_.now() + from_now);
  };
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    community = as("changjiaxiang");  // signed in again: the idle session has expired
    const auto published = community->send_json("POST", "/api/v1/volunteer/activities",
                                                Json{{"unit", "620102001001"},
                                                     {"title", "两台服务器同时确认"},
                                                     {"place", "畅家巷社区"},
                                                     {"startsAt", at(std::chrono::minutes(10))},
                                                     {"endsAt", at(std::chrono::minutes(70))},
                                                     {"capacity", 5}}
                                                    .dump());
    ASSERT_EQ(published.status, 201) << published.body;
    const std::string activity =
        fmt::format("/api/v1/volunteer/activities/{}", published.json()["id"].get<int64_t>());
    clock_.advance(std::chrono::minutes(20));
    const auto in = community->send_json(
        "POST", activity + "/check-by-hand",
        Json{{"volunteer", volunteer}, {"direction", "in"}, {"at", at(std::chrono::minutes(-5))}}
            .dump());
    ASSERT_EQ(in.status, 200) << in.body;
    clock_.advance(std::chrono::minutes(60));
    community = as("changjiaxiang");
    const auto out = community->send_json(
        "POST", activity + "/check-by-hand",
        Json{{"volunteer", volunteer}, {"direction", "out"}, {"at", at(std::chrono::minutes(-15))}}
            .dump());
    ASSERT_EQ(out.status, 200) << out.body;

    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 8; ++i)
      clients.push_back(i % 2 == 0 ? as("changjiaxiang") : on_second("changjiaxiang"));
    std::latch go(8);
    std::vector<std::future<int>> asked;
    for (int i = 0; i < 8; ++i) {
      asked.push_back(std::async(std::launch::async, [&, i] {
        go.arrive_and_wait();
        return clients[i]->request("POST", activity + "/confirm").status;
      }));
    }
    std::map<int, int> statuses;
    for (auto& status : asked) ++statuses[status.get()];
    EXPECT_EQ(statuses, (std::map<int, int>{{200, 1}, {409, 7}})) << "round " << round;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteer_hour WHERE volunteer_id = $1", {volunteer}),
            kRounds);
  const auto hours = on_second("changjiaxiang")
                         ->get(fmt::format("/api/v1/volunteer/volunteers/{}/hours", volunteer));
  ASSERT_EQ(hours.status, 200) << hours.body;
  // Kept whole: a range-for over a part of the temporary json() would read freed memory.
  const Json entries = hours.json()["items"];
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kRounds)) << hours.body;
  for (const Json& entry : entries) EXPECT_EQ(entry["minutes"], 50) << entry;
}

// A household register uploaded to one server is imported once, by whichever server claims its
// job, and its people are found through the other; a visit sent to one and sent again to the
// other (its first answer lost) is kept once.
TEST_P(TwoServersTest, ARegisterUploadedToOneIsImportedOnceAndItsPeopleVisitedThroughEither) {
  auto first = as("changjiaxiang");
  auto second = on_second("changjiaxiang");
  const std::string first17 = "62010219410312513";
  const std::string id = first17 + privacy::resident_id_check_character(first17);
  const std::string csv =
      "户编号,网格编码,住址,户类型,经度,纬度,姓名,公民身份号码,与户主关系,联系电话,民族,户籍类型,"
      "迁入日期,人群标签,残疾类别,残疾等级\r\n1,620102001001001,畅家巷3号楼1单元201室,家庭户,,,"
      "马秀英," +
      id + ",户主,,回族,户籍人口,1990-05-01,独居老人,,\r\n";
  const auto accepted = first->request("POST", "/api/v1/residents/imports?unit=620102001001", csv,
                                       {{"content-type", "text/csv"}});
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const std::string path =
      "/api/v1/residents/imports/" + std::to_string(accepted.json()["id"].get<int64_t>());
  Json shown;
  for (int i = 0; i < 1000; ++i) {
    shown = second->get(path).json();
    if (shown["state"] != "queued" && shown["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(shown["state"], "imported") << shown.dump();
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_person WHERE birth_date = '1941-03-12'"), 1);
  const auto found =
      second->send_json("POST", "/api/v1/residents/persons/search", Json{{"idNumber", id}}.dump());
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  const std::string visits = "/api/v1/residents/persons/" +
                             std::to_string(found.json()["items"][0]["id"].get<int64_t>()) +
                             "/visits";
  const std::string visit = Json{{"key", "two-servers-0001"}, {"visitedOn", "2026-11-29"},
                                 {"met", "person"},           {"health", "fair"},
                                 {"living", "good"},          {"safety", "none"},
                                 {"needs", Json::array()},    {"note", ""}}
                                .dump();
  EXPECT_EQ(first->send_json("POST", visits, visit).status, 201);
  EXPECT_EQ(second->send_json("POST", visits, visit).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit WHERE client_key = 'two-servers-0001'"), 1);
}

// A request registered on one server is handled on the other; a photo taken in through one is
// served by the other from the shared photo folder, as a deployment's servers share a mount.
TEST_P(TwoServersTest, ARequestAndItsPhotoTakenOnOneAreHandledAndServedOnTheOther) {
  auto desk = as("chengguan");
  auto community = on_second("changjiaxiang");
  const auto taken = desk->send_json(
      "POST", "/api/v1/requests",
      R"({"categoryCode":"municipal.streetlight","unitCode":"620102001001","channel":"hotline",)"
      R"("description":"路灯不亮","attributes":[{"key":"pole","text":"LD-1"}]})");
  ASSERT_EQ(taken.status, 201) << taken.body;
  const std::string path =
      "/api/v1/requests/" + std::to_string(taken.json()["case"]["id"].get<int64_t>());
  const auto photo = desk->request("POST", path + "/photos", jpeg_with_metadata({32, 16}, 1),
                                   {{"content-type", "image/jpeg"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  const auto accepted =
      community->send_json("POST", path + "/steps", R"({"action":"accept","version":1})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  ASSERT_EQ(accepted.json()["photos"].size(), 1u);
  const auto served =
      community->get(path + "/photos/" + std::to_string(photo.json()["id"].get<int64_t>()));
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(read_image(served.body).width, 32);
  // The first server sees the second's step at once.
  EXPECT_EQ(desk->get(path).json()["case"]["status"], "accepted");
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoServersTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
