// Warnings (预警信息) through the API, on both databases: a community issues a heat warning to the
// older people living alone; it reaches those with a resident account on their phones, the
// grid worker is told, residents answer, help and silence become calls and visits on the grid
// worker's list, and the board counts each recipient once. Red warnings wait for the unit above,
// never for their author; bad input is refused with every reason at once.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "alerts/alert_service.hpp"
#include "alerts/commands.hpp"
#include "alerts/declaration.hpp"
#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "auth/accounts.hpp"
#include "jobs/job_runner.hpp"
#include "support/test_database.hpp"
#include "support/test_gateway.hpp"
#include "support/test_tls.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kStreet = "620102001000";     // 酒泉路街道, the community's township
constexpr const char* kGrid = "620102001001001";    // its first grid (wangge1)
constexpr const char* kSecondGrid = "620102001001002";
constexpr const char* kNeighbour = "620102001002";  // the neighbouring community
constexpr const char* kResidentPassword = "Matrix#Shequ2026x";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

class AlertsApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
    // The older people living alone of the community: three with a resident account on the
    // phone the register holds, one without a phone, one in the second grid with a phone but no
    // account; and a younger neighbour the warning is not for.
    const int64_t first = household(kGrid, "畅家巷3号楼1单元201室");
    ma_ = person(first, "马秀英", id_number("19410312", 602), "13993100201", true);
    chen_ = person(household(kGrid, "畅家巷5号楼2单元402室"), "陈国华", id_number("19480705", 611),
                   "13993100202", true);
    wang_ = person(household(kGrid, "畅家巷8号楼1单元101室"), "王桂兰", id_number("19450118", 622),
                   "13993100203", true);
    zhao_ = person(household(kGrid, "畅家巷12号楼3单元502室"), "赵淑珍", id_number("19380527", 642),
                   "", true);
    person(household(kSecondGrid, "畅家巷23号楼1单元301室"), "李建国", id_number("19520101", 651),
           "13993100205", true);
    person(first, "张志强", id_number("19820923", 671), "13993100206", false, "spouse");
    for (const auto& [name, phone] :
         {std::pair{"laoma", "13993100201"}, std::pair{"laochen", "13993100202"},
          std::pair{"laowang", "13993100203"}, std::pair{"xiaozhang", "13993100206"}}) {
      auth::NewUser resident{name,  name, kGrid, kResidentPassword, {{"resident", kGrid}},
                             false, phone};
      auto created = services_->auth().accounts().create_user_as_operator(resident);
      ASSERT_TRUE(created) << created.error().message.en;
    }
    auth::NewUser neighbour{"neighbour",
                            "邻居社区 工作者",
                            kNeighbour,
                            kResidentPassword,
                            {{"community_worker", kNeighbour}},
                            false};
    ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(neighbour));
  }

  int64_t household(const std::string& grid, const std::string& address, double lat = 36.0612,
                    double lon = 103.8343) {
    const auto made = community_->send_json(
        "POST", "/api/v1/residents/households",
        Json{{"gridCode", grid}, {"address", address}, {"lat", lat}, {"lon", lon}}.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  int64_t person(int64_t household, const std::string& name, const std::string& id,
                 const std::string& phone, bool alone, const std::string& relation = "head") {
    const auto made = community_->send_json(
        "POST", "/api/v1/residents/persons",
        Json{{"householdId", household},
             {"relation", relation},
             {"name", name},
             {"idNumber", id},
             {"phone", phone},
             {"ethnicity", "汉族"},
             {"movedIn", "2018-05-01"},
             {"tags", alone ? Json::array({{{"key", "living_alone"}}}) : Json::array()}}
            .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["person"]["id"].get<int64_t>() : 0;
  }

  std::string at(std::chrono::minutes from_now) const {
    return format_timestamp(clock_.now() + from_now);
  }
  Json heat_warning(const std::string& level = "yellow") const {
    return {{"unit", kCommunity},
            {"category", "heat"},
            {"level", level},
            {"title", "高温黄色预警"},
            {"content", "预计未来三天最高气温将达 37℃ 以上。"},
            {"guidance", "减少午后外出，多饮水；身体不适请联系网格员。"},
            {"validFrom", at(std::chrono::minutes(0))},
            {"validUntil", at(std::chrono::hours(72))},
            {"target", {{"units", {kCommunity}}, {"tags", {"living_alone"}}}},
            {"ackMinutes", 60}};
  }
  static std::string path(int64_t id, const std::string& rest = "") {
    return "/api/v1/alerts/" + std::to_string(id) + rest;
  }
  // Runs the runner's queue in this thread until the warning is no longer being sent.
  Json delivered(HttpClient& client, int64_t id) {
    auto& runner = services_->service<jobs::JobRunner>();
    for (int attempt = 0; attempt < 500; ++attempt) {
      const auto found = client.get(path(id));
      EXPECT_EQ(found.status, 200) << found.body;
      if (found.json()["status"] != "sending") return found.json();
      EXPECT_TRUE(runner.run_once());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "warning " << id << " was not delivered";
    return Json::object();
  }
  int64_t todo(HttpClient& client, const std::string& code) {
    const Json todos = client.get("/api/v1/workbench/todos").json();
    for (const Json& t : todos["items"]) {
      if (t["code"] == code) return t["count"].get<int64_t>();
    }
    return -1;
  }

  std::unique_ptr<HttpClient> community_;
  int64_t ma_ = 0, chen_ = 0, wang_ = 0, zhao_ = 0;
};

TEST_P(AlertsApiTest, AHeatWarningReachesTheOlderPeopleLivingAloneAndSilenceBecomesACall) {
  const auto made = community_->send_json("POST", "/api/v1/alerts", heat_warning().dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const Json draft = made.json();
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["needsApproval"], false) << "yellow goes out without approval by default";
  EXPECT_EQ(draft["unitName"], "畅家巷社区居委会");
  const int64_t id = draft["id"].get<int64_t>();
  const auto counted = community_->send_json("POST", "/api/v1/alerts/count", heat_warning().dump());
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json()["people"], 5) << "the five living alone, not the younger neighbour";

  const auto issued =
      community_->send_json("POST", path(id, "/issue"), Json{{"version", 1}}.dump());
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.json()["status"], "sending");
  EXPECT_FALSE(issued.json()["jobId"].is_null());
  // Another community's worker finds no such warning, whatever they try.
  auto other = as("neighbour", kResidentPassword);
  EXPECT_EQ(other->get(path(id)).status, 404);
  EXPECT_EQ(other->get(path(id, "/board")).status, 404);
  EXPECT_EQ(other->send_json("POST", path(id, "/cancel"), Json{{"version", 2}}.dump()).status, 404);
  EXPECT_EQ(other->get("/api/v1/alerts").json()["total"], 0);
  const Json sent = delivered(*community_, id);
  EXPECT_EQ(sent["status"], "sent");
  EXPECT_EQ(sent["recipients"], 5);
  // Issued again: it is no longer a draft.
  EXPECT_EQ(community_->send_json("POST", path(id, "/issue"), Json{{"version", 3}}.dump()).status,
            409);

  // The delivery run again (a restart after its commit, another server): nobody twice.
  auto& service = services_->service<alerts::AlertService>();
  jobs::Job job;
  job.id = sent["jobId"].get<int64_t>();
  job.params = {{"alert", id}};
  std::atomic<double> progress{0};
  std::atomic<bool> stop{false};
  ASSERT_TRUE(service.deliver(jobs::JobContext(job, progress, stop)));
  EXPECT_EQ(count("SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $1", {id}), 5);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $1 AND channel = 'h5'", {id}), 3)
      << "the three whose phone is a resident account's";

  // The grid worker is told, once; the one without a phone is a visit from the start.
  auto worker = as("wangge1");
  const Json inbox = worker->get("/api/v1/inbox?pageSize=200").json();
  std::vector<Json> told;
  for (const Json& m : inbox["items"]) {
    if (m["kind"] == "alerts.alert") told.push_back(m);
  }
  ASSERT_EQ(told.size(), 1u) << inbox.dump();
  EXPECT_EQ(told[0]["link"], "/alerts/" + std::to_string(id));
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox_message WHERE kind = 'alerts.alert'"), 1)
      << "nobody else serves the grids it reached";
  Json tasks = worker->get("/api/v1/alerts/tasks?state=open").json();
  ASSERT_EQ(tasks["total"], 1) << tasks.dump();
  EXPECT_EQ(tasks["items"][0]["reason"], "no_channel");
  EXPECT_EQ(tasks["items"][0]["personId"], zhao_);
  EXPECT_EQ(tasks["items"][0]["personName"], "赵*珍") << "masked";

  // Residents read and answer at /h5/: one acknowledges, one asks for help, one stays silent.
  auto ma = as("laoma", kResidentPassword);
  Json mine = ma->get("/api/v1/alerts/mine").json();
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  EXPECT_EQ(mine["unanswered"], 1);
  EXPECT_EQ(mine["items"][0]["state"], "delivered");
  EXPECT_EQ(mine["items"][0]["inForce"], true);
  EXPECT_EQ(ma->get("/api/v1/alerts/mine/" + std::to_string(id)).json()["state"], "read");
  const auto acknowledged =
      ma->send_json("POST", "/api/v1/alerts/mine/" + std::to_string(id) + "/answer",
                    Json{{"answer", "acknowledged"}}.dump());
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_EQ(acknowledged.json()["state"], "acknowledged");
  EXPECT_EQ(ma->get("/api/v1/alerts/mine").json()["unanswered"], 0);
  auto chen = as("laochen", kResidentPassword);
  ASSERT_EQ(chen->send_json("POST", "/api/v1/alerts/mine/" + std::to_string(id) + "/answer",
                            Json{{"answer", "help"}}.dump())
                .status,
            200);
  // A later 我已知晓 does not take the call for help back.
  EXPECT_EQ(chen->send_json("POST", "/api/v1/alerts/mine/" + std::to_string(id) + "/answer",
                            Json{{"answer", "acknowledged"}}.dump())
                .json()["state"],
            "help");
  // Someone the warning did not reach cannot read or answer it.
  auto young = as("xiaozhang", kResidentPassword);
  EXPECT_EQ(young->get("/api/v1/alerts/mine").json()["total"], 0);
  EXPECT_EQ(young->get("/api/v1/alerts/mine/" + std::to_string(id)).status, 404);
  EXPECT_EQ(young
                ->send_json("POST", "/api/v1/alerts/mine/" + std::to_string(id) + "/answer",
                            Json{{"answer", "acknowledged"}}.dump())
                .status,
            404);
  // A resident does not reach the console's routes.
  EXPECT_EQ(ma->get(path(id)).status, 403);

  // Help is a call at once, first on the list.
  tasks = worker->get("/api/v1/alerts/tasks?state=open").json();
  ASSERT_EQ(tasks["total"], 2) << tasks.dump();
  EXPECT_EQ(tasks["items"][0]["reason"], "help");
  EXPECT_EQ(tasks["items"][0]["personId"], chen_);
  EXPECT_EQ(todo(*worker, "alerts.tasks.open"), 2);

  // Silence: nothing before the deadline, a call after it, once.
  // (The runner escalates every five minutes in the background too: what counts is the list.)
  ASSERT_TRUE(service.escalate());
  EXPECT_EQ(worker->get("/api/v1/alerts/tasks?state=open").json()["total"], 2);
  clock_.advance(std::chrono::minutes(61));
  worker = as("wangge1");
  community_ = as("changjiaxiang");
  ASSERT_TRUE(service.escalate());
  EXPECT_EQ(service.escalate()->tasks, 0) << "once";
  EXPECT_EQ(count("SELECT COUNT(*) FROM alert_task WHERE reason = 'no_answer'"), 1)
      << "王桂兰 only: 马秀英 answered, 陈国华 asked for help, the others have a visit already";
  tasks = worker->get("/api/v1/alerts/tasks?state=open").json();
  ASSERT_EQ(tasks["total"], 3) << tasks.dump();
  std::set<int64_t> people;
  for (const Json& t : tasks["items"]) people.insert(t["personId"].get<int64_t>());
  EXPECT_EQ(people, (std::set<int64_t>{chen_, wang_, zhao_}));

  // The board: each recipient in one column; the grid worker sees their grid only.
  Json board = community_->get(path(id, "/board")).json();
  ASSERT_EQ(board["grids"].size(), 2u) << board.dump();
  EXPECT_EQ(board["grids"][0]["grid"], kGrid);
  EXPECT_EQ(board["grids"][0]["recipients"], 4);
  EXPECT_EQ(board["grids"][0]["acknowledged"], 1);
  EXPECT_EQ(board["grids"][0]["helped"], 1);
  EXPECT_EQ(board["grids"][0]["pending"], 2);
  EXPECT_EQ(board["grids"][1]["pending"], 1);
  EXPECT_EQ(board["total"]["recipients"], 5);
  EXPECT_EQ(worker->get(path(id, "/board")).json()["grids"].size(), 1u);
  // The grid worker's list holds the community's warning that reached his grid.
  const Json listed = worker->get("/api/v1/alerts").json();
  ASSERT_EQ(listed["total"], 1) << listed.dump();
  EXPECT_EQ(listed["items"][0]["id"], id);

  // The grid worker records the calls: 王桂兰 reached, 赵淑珍 not at home.
  for (const Json& t : tasks["items"]) {
    const std::string outcome = t["personId"] == wang_   ? "reached"
                                : t["personId"] == zhao_ ? "unreachable"
                                                         : "helped";
    const auto done = worker->send_json(
        "POST", "/api/v1/alerts/tasks/" + std::to_string(t["id"].get<int64_t>()) + "/done",
        Json{{"version", t["version"]}, {"outcome", outcome}, {"note", "已电话联系"}}.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["state"], "done");
  }
  board = community_->get(path(id, "/board")).json();
  EXPECT_EQ(board["grids"][0]["acknowledged"], 2);
  EXPECT_EQ(board["grids"][0]["helped"], 1);
  EXPECT_EQ(board["grids"][0]["unreachable"], 1);
  EXPECT_EQ(board["grids"][0]["pending"], 0);
  EXPECT_EQ(todo(*worker, "alerts.tasks.open"), 0);
  // A task done is done; another community's worker does not see it.
  const int64_t first_task = tasks["items"][0]["id"].get<int64_t>();
  EXPECT_EQ(worker
                ->send_json("POST", "/api/v1/alerts/tasks/" + std::to_string(first_task) + "/done",
                            Json{{"version", 2}, {"outcome", "reached"}}.dump())
                .status,
            409);
  auto neighbour = as("lanzhou");
  EXPECT_EQ(neighbour->get(path(id)).status, 200) << "the city reads what its units issue";

  // Every step is in the audit log.
  for (const char* action : {"alerts.alert.create", "alerts.alert.issue", "alerts.alert.deliver",
                             "alerts.alert.answer", "alerts.alert.escalate", "alerts.task.done"}) {
    EXPECT_GT(count("SELECT COUNT(*) FROM audit_log WHERE action = $1", {std::string(action)}), 0)
        << action;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'alerts.alert.deliver'"), 1);
}

TEST_P(AlertsApiTest, RedWarningsWaitForTheUnitAboveAndNeverForTheirAuthor) {
  Json red = heat_warning("red");
  red["title"] = "高温红色预警";
  const auto made = community_->send_json("POST", "/api/v1/alerts", red.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["needsApproval"], true);
  const int64_t id = made.json()["id"].get<int64_t>();
  const auto issued =
      community_->send_json("POST", path(id, "/issue"), Json{{"version", 1}}.dump());
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.json()["status"], "pending");
  EXPECT_EQ(issued.json()["approverUnit"], kStreet);
  EXPECT_TRUE(issued.json()["jobId"].is_null()) << "nothing goes out before approval";
  EXPECT_EQ(count("SELECT COUNT(*) FROM alert_recipient"), 0);
  // The community cannot approve; the district above the street can, and sees it waiting.
  EXPECT_EQ(
      community_
          ->send_json("POST", path(id, "/decision"), Json{{"version", 2}, {"approve", true}}.dump())
          .status,
      403);
  auto district = as("chengguan");
  EXPECT_EQ(todo(*district, "alerts.approvals"), 1);
  EXPECT_EQ(district
                ->send_json("POST", path(id, "/decision"),
                            Json{{"version", 2}, {"approve", false}}.dump())
                .status,
            400)
      << "a rejection says why";
  const auto approved = district->send_json("POST", path(id, "/decision"),
                                            Json{{"version", 2}, {"approve", true}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "sending");
  EXPECT_EQ(approved.json()["decidedByName"], "chengguan");
  EXPECT_EQ(delivered(*district, id)["recipients"], 5);
  EXPECT_EQ(todo(*district, "alerts.approvals"), 0);

  // A county's red warning waits for the city, and the city's author cannot approve their own.
  auto city = as("lanzhou");
  Json county = heat_warning("red");
  county["unit"] = "620102000000";
  const auto by_city = city->send_json("POST", "/api/v1/alerts", county.dump());
  ASSERT_EQ(by_city.status, 201) << by_city.body;
  const int64_t county_id = by_city.json()["id"].get<int64_t>();
  ASSERT_EQ(city->send_json("POST", path(county_id, "/issue"), Json{{"version", 1}}.dump())
                .json()["approverUnit"],
            "620100000000");
  EXPECT_EQ(city->send_json("POST", path(county_id, "/decision"),
                            Json{{"version", 2}, {"approve", true}}.dump())
                .status,
            403);
  EXPECT_EQ(district
                ->send_json("POST", path(county_id, "/decision"),
                            Json{{"version", 2}, {"approve", true}}.dump())
                .status,
            404)
      << "the district is below the city: not its approval";

  // The street sets its communities' threshold to yellow: a yellow warning then waits too.
  EXPECT_EQ(community_
                ->send_json("PUT", std::string("/api/v1/alerts/settings/") + kCommunity,
                            Json{{"approvalFrom", "yellow"}}.dump())
                .status,
            403);
  const auto set = district->send_json("PUT", std::string("/api/v1/alerts/settings/") + kCommunity,
                                       Json{{"approvalFrom", "yellow"}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  const auto yellow = community_->send_json("POST", "/api/v1/alerts", heat_warning().dump());
  EXPECT_EQ(yellow.json()["needsApproval"], true);

  // A warning whose time is over does not go out.
  Json brief = heat_warning("blue");
  brief["validUntil"] = at(std::chrono::minutes(30));
  const auto short_lived = community_->send_json("POST", "/api/v1/alerts", brief.dump());
  ASSERT_EQ(short_lived.status, 201) << short_lived.body;
  clock_.advance(std::chrono::minutes(31));
  community_ = as("changjiaxiang");
  const auto late = community_->send_json(
      "POST", path(short_lived.json()["id"].get<int64_t>(), "/issue"), Json{{"version", 1}}.dump());
  EXPECT_EQ(late.status, 400) << late.body;
  EXPECT_EQ(fields_of(late), std::set<std::string>{"validUntil"});
}

TEST_P(AlertsApiTest, BadWarningsAreRefusedWithEveryReasonAtOnce) {
  struct Case {
    const char* name;
    std::function<void(Json&)> change;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases{
      {"no target",
       [](Json& w) {
         w["target"] = Json{{"units", Json::array()}};
       },
       {"target"}},
      {"a target that holds nobody",
       [](Json& w) {
         w["target"] = {{"units", {kCommunity}}, {"tags", {"left_behind_child"}}};
       },
       {"target"}},
      {"a unit outside the issuer's",
       [](Json& w) {
         w["target"] = {{"units", {kNeighbour}}};
       },
       {"target.units"}},
      {"a unit given as a grid",
       [](Json& w) {
         w["target"] = {{"grids", {kCommunity}}};
       },
       {"target.grids"}},
      {"a sensitive tag",
       [](Json& w) { w["target"]["tags"] = {"community_correction"}; },
       {"target.tags"}},
      {"an end before the start",
       [](Json& w) { w["validUntil"] = w["validFrom"]; },
       {"validUntil"}},
      {"several at once",
       [](Json& w) {
         w["validFrom"] = "tomorrow";
         w["target"]["units"] = {kNeighbour};
         w["target"]["tags"] = {"community_correction"};
       },
       {"validFrom", "target.units", "target.tags"}},
      {"a unit that issues no warnings", [](Json& w) { w["unit"] = kGrid; }, {"unit"}},
      {"a title too long", [](Json& w) { w["title"] = std::string(61, 'a'); }, {"title"}},
      {"a level that is not a colour", [](Json& w) { w["level"] = "purple"; }, {"level"}},
      {"an answer time of two minutes", [](Json& w) { w["ackMinutes"] = 2; }, {"ackMinutes"}},
      {"loudspeakers on a server without a broadcast system",
       [](Json& w) { w["broadcast"] = true; },
       {"broadcast"}},
  };
  for (const Case& c : cases) {
    Json warning = heat_warning();
    c.change(warning);
    const auto refused = community_->send_json("POST", "/api/v1/alerts", warning.dump());
    EXPECT_EQ(refused.status, 400) << c.name << ": " << refused.body;
    EXPECT_EQ(fields_of(refused), c.fields) << c.name << ": " << refused.body;
    EXPECT_FALSE(refused.json()["message"].get<std::string>().empty()) << c.name;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM alert"), 0);
  // Another community's unit is not there for this one.
  Json elsewhere = heat_warning();
  elsewhere["unit"] = kNeighbour;
  EXPECT_EQ(community_->send_json("POST", "/api/v1/alerts", elsewhere.dump()).status, 404);
  // A grid worker reads but does not write warnings; a resident does neither.
  EXPECT_EQ(as("wangge1")->send_json("POST", "/api/v1/alerts", heat_warning().dump()).status, 403);
  EXPECT_EQ(as("jumin1")->get("/api/v1/alerts").status, 403);
}

TEST_P(AlertsApiTest, ADrawnAreaReachesThePeopleWhoseHomeLiesInsideIt) {
  // A home by the river, north-east of the others, and one just outside the drawn area but inside
  // its bounding box (the corner the triangle leaves out).
  person(household(kGrid, "畅家巷河滩1号", 36.0700, 103.8500), "周桂芳", id_number("19440302", 682),
         "", true);
  person(household(kGrid, "畅家巷河滩9号", 36.0745, 103.8455), "吴德明", id_number("19460711", 693),
         "", true);
  const Json triangle = Json::array(
      {Json::array({{103.845, 36.065}, {103.855, 36.065}, {103.855, 36.075}, {103.845, 36.065}})});
  Json warning = heat_warning();
  warning["target"] = {{"area", triangle}};
  const auto counted = [&](const Json& w) {
    const auto answer = community_->send_json("POST", "/api/v1/alerts/count", w.dump());
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json().value("people", int64_t{-1});
  };
  EXPECT_EQ(counted(warning), 1);
  // With a grid too: its people and the area's.
  Json both = warning;
  both["target"]["grids"] = {kSecondGrid};
  EXPECT_EQ(counted(both), 2);
  // With a group: the area's people of that group only; none of another group lives there.
  Json alone = warning;
  alone["target"]["tags"] = {"living_alone"};
  EXPECT_EQ(counted(alone), 1);
  alone["target"]["tags"] = {"left_behind_child"};
  EXPECT_EQ(counted(alone), 0);

  const auto made = community_->send_json("POST", "/api/v1/alerts", warning.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["target"]["area"], triangle);
  const int64_t id = made.json()["id"].get<int64_t>();
  ASSERT_EQ(community_->send_json("POST", path(id, "/issue"), R"({"version":1})").status, 200);
  EXPECT_EQ(delivered(*community_, id)["recipients"], 1);
  // Nothing reaches 周桂芳 but a visit: her grid worker's task.
  EXPECT_EQ(count("SELECT COUNT(*) FROM alert_task WHERE alert_id = " + std::to_string(id) +
                  " AND reason = 'no_channel'"),
            1);

  // Areas that are no area: outside Gansu, not closed, a line.
  for (const Json& bad :
       {Json::array({Json::array({{116.3, 39.9}, {116.4, 39.9}, {116.4, 40.0}, {116.3, 39.9}})}),
        Json::array({Json::array({{103.845, 36.065}, {103.855, 36.065}, {103.855, 36.075}})}),
        Json::array({Json::array({{103.845, 36.065}, {103.855, 36.075}, {103.845, 36.065}})})}) {
    Json w = heat_warning();
    w["target"] = {{"area", bad}};
    const auto refused = community_->send_json("POST", "/api/v1/alerts", w.dump());
    EXPECT_EQ(refused.status, 400) << bad.dump() << ": " << refused.body;
    EXPECT_TRUE(std::ranges::all_of(fields_of(refused), [](const std::string& f) {
      return f.starts_with("target.area");
    })) << refused.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertsApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// The same community on a server with an SMS gateway and a broadcast system, each a real HTTP
// server on a loopback port (support/test_gateway.hpp).
class AlertsOutboundTest : public AlertsApiTest {
 protected:
  AlertsOutboundTest() : AlertsOutboundTest(nullptr) {}
  // Given an authority, both systems are reached over https with certificates it signed, and
  // the server trusts it (its file of authorities in the settings, as a province configures it).
  explicit AlertsOutboundTest(const TestAuthority* authority)
      : sms_(identity_from(authority)), broadcast_(identity_from(authority)) {
    settings_[std::string(alerts::kSmsGatewaySetting)] = sms_.url();
    settings_[std::string(alerts::kSmsTokenSetting)] = "sms-secret";
    settings_[std::string(alerts::kBroadcastGatewaySetting)] = broadcast_.url();
    settings_[std::string(alerts::kBroadcastTokenSetting)] = "broadcast-secret";
    if (authority != nullptr) {
      const auto file = private_temp_folder("shequ-outbound-ca-") / "authorities.pem";
      std::ofstream(file) << authority->certificate_pem();
      settings_[std::string(alerts::kOutboundCaSetting)] = file.string();
    }
  }
  static std::optional<TlsServerIdentity> identity_from(const TestAuthority* authority) {
    if (authority == nullptr) return std::nullopt;
    return authority->issue({"127.0.0.1"});
  }
  // One run of the outbound job, as the runner runs it every five minutes.
  Json outbound() {
    jobs::Job job;
    std::atomic<double> progress{0};
    std::atomic<bool> stop{false};
    const auto run = services_->service<alerts::AlertService>().send_outbound(
        jobs::JobContext(job, progress, stop));
    EXPECT_TRUE(run) << run.error().internal_detail;
    return run ? Json{{"sent", run->sent}, {"failed", run->failed}, {"retry", run->retry}}
               : Json::object();
  }
  Json channels(int64_t id) { return community_->get(path(id, "/board")).json()["channels"]; }
  int64_t issue(const Json& warning) {
    const auto made = community_->send_json("POST", "/api/v1/alerts", warning.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    const int64_t id = made.json().value("id", int64_t{0});
    const auto out = community_->send_json("POST", path(id, "/issue"), R"({"version":1})");
    EXPECT_EQ(out.status, 200) << out.body;
    return id;
  }

  TestGateway sms_;
  TestGateway broadcast_;
};

TEST_P(AlertsOutboundTest, ResidentsWithAPhoneButNoAccountGetOneSmsAndItsReceipt) {
  EXPECT_EQ(community_->get("/api/v1/alerts/channels").json(),
            (Json{{"sms", true}, {"broadcast", true}}));
  // The gateway is busy when the warning goes out: the SMS waits in the queue.
  sms_.answer_unavailable(1);
  const int64_t id = issue(heat_warning());
  delivered(*community_, id);
  // The three with an account read it in the resident pages; 李建国 has a phone but no account;
  // 赵淑珍 has neither, and her grid worker is asked to visit.
  EXPECT_EQ(channels(id), (Json{{"h5", 3},
                                {"sms", 1},
                                {"none", 1},
                                {"smsQueued", 1},
                                {"smsSent", 0},
                                {"smsDelivered", 0},
                                {"smsFailed", 0},
                                {"smsWithdrawals", 0},
                                {"smsWithdrawn", 0},
                                {"smsWithdrawFailed", 0}}));
  EXPECT_EQ(sms_.requests(), 1);
  EXPECT_TRUE(sms_.taken().empty());

  // The outbound job tries again: the gateway takes it, with the token, once.
  EXPECT_EQ(outbound()["sent"], 1);
  const auto taken = sms_.taken();
  ASSERT_EQ(taken.size(), 1u);
  const int64_t li = scalar(services_->database(),
                            "SELECT person_id FROM alert_recipient WHERE alert_id = $1 AND "
                            "channel = 'sms'",
                            {id});
  EXPECT_EQ(taken[0].key, fmt::format("alert-{}-person-{}", id, li));
  EXPECT_EQ(taken[0].phone, "13993100205");
  EXPECT_EQ(taken[0].channel, "sms");
  EXPECT_NE(taken[0].text.find("【畅家巷社区居委会】高温黄色预警："), std::string::npos)
      << taken[0].text;
  EXPECT_EQ(sms_.authorizations().back(), "Bearer sms-secret");
  EXPECT_EQ(channels(id)["smsSent"], 1);
  // Nothing is left to send: a further run sends nothing.
  EXPECT_EQ(outbound()["sent"], 0);
  EXPECT_EQ(sms_.requests(), 2);

  // An SMS cannot be answered: past the deadline 李建国, who lives alone, is a call for his grid
  // worker like any silent recipient, whether or not a receipt came.
  clock_.advance(std::chrono::minutes(61));
  ASSERT_TRUE(services_->service<alerts::AlertService>().escalate());
  EXPECT_EQ(scalar(services_->database(),
                   "SELECT COUNT(*) FROM alert_task t JOIN alert_recipient r ON r.id = "
                   "t.recipient_id WHERE r.alert_id = $1 AND r.channel = 'sms' AND t.reason = "
                   "'no_answer'",
                   {id}),
            1);
  community_ = as("changjiaxiang");  // the hour idle ended the session
  // The gateway reports it delivered, with its API key (the province's); a key it never sent
  // and a message out of nobody's scope are named back, not taken.
  const auto receipt = [&](const std::string& key, const std::string& state) {
    return Json{{"receipts", {{{"key", key}, {"state", state}}}}}.dump();
  };
  const std::string ours = taken[0].key;
  const auto admin = as("admin");
  auto answered =
      admin->send_json("POST", "/api/v1/alerts/receipts",
                       Json{{"receipts",
                             {{{"key", ours}, {"state", "delivered"}},
                              {{"key", "alert-999999-person-1"}, {"state", "delivered"}},
                              {{"key", "not-ours"}, {"state", "failed"}, {"error", "空号"}}}}}
                           .dump());
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["updated"], 1);
  EXPECT_EQ(answered.json()["unknown"], (Json{"alert-999999-person-1", "not-ours"}));
  EXPECT_EQ(channels(id)["smsDelivered"], 1);
  // Told again, it changes nothing.
  answered = admin->send_json("POST", "/api/v1/alerts/receipts", receipt(ours, "failed"));
  EXPECT_EQ(answered.json()["unchanged"], 1);
  EXPECT_EQ(channels(id)["smsDelivered"], 1);
  // Staff do not report receipts; a receipt must say delivered or failed.
  EXPECT_EQ(
      community_->send_json("POST", "/api/v1/alerts/receipts", receipt(ours, "delivered")).status,
      403);
  const auto bad = admin->send_json("POST", "/api/v1/alerts/receipts", receipt(ours, "read"));
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_P(AlertsOutboundTest, ARefusedNumberBecomesAVisitAndALostAnswerIsNotASecondSms) {
  // Two older people living alone in the second grid with a phone and no account.
  person(household(kSecondGrid, "畅家巷25号楼2单元101室"), "孙玉梅", id_number("19430816", 662),
         "13993100207", true);
  sms_.refuse_phone("13993100205");
  // The gateway takes the messages, but its answer never comes back.
  sms_.drop_answers(1);
  const int64_t id = issue(heat_warning());
  delivered(*community_, id);
  EXPECT_EQ(sms_.messages_received(), 2);
  EXPECT_EQ(channels(id)["smsQueued"], 2);
  // Sent again under the same keys: the gateway takes each once, and the refused number fails
  // for good.
  const Json run = outbound();
  EXPECT_EQ(run["sent"], 1);
  EXPECT_EQ(run["failed"], 1);
  EXPECT_EQ(sms_.messages_received(), 4);
  ASSERT_EQ(sms_.taken().size(), 1u);
  EXPECT_EQ(sms_.taken()[0].phone, "13993100207");
  EXPECT_EQ(scalar(services_->database(),
                   "SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $1 AND outbound_ref = "
                   "'gw-1'",
                   {id}),
            1);
  EXPECT_EQ(channels(id)["smsFailed"], 1);
  // Nothing reaches 李建国 now but a visit: his grid's task, like 赵淑珍's.
  EXPECT_EQ(
      scalar(services_->database(),
             "SELECT COUNT(*) FROM alert_task WHERE alert_id = $1 AND reason = 'no_channel'", {id}),
      2);
  EXPECT_EQ(outbound()["sent"], 0);
  EXPECT_EQ(sms_.messages_received(), 4);
}

TEST_P(AlertsOutboundTest, AnAreaWideWarningAlsoGoesOnTheLoudspeakers) {
  Json warning = heat_warning();
  warning["broadcast"] = true;
  // Loudspeakers reach everyone: not for a warning to some groups.
  const auto refused = community_->send_json("POST", "/api/v1/alerts", warning.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused), std::set<std::string>{"broadcast"});

  warning["target"] = {{"grids", {kGrid}}};
  warning["title"] = "暴雨蓝色预警";
  warning["level"] = "blue";
  const int64_t id = issue(warning);
  const Json sent = delivered(*community_, id);
  EXPECT_EQ(sent["broadcast"], true);
  EXPECT_EQ(sent["broadcastState"], "sent") << sent.dump();
  const auto taken = broadcast_.taken();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].key, fmt::format("alert-{}-broadcast", id));
  EXPECT_EQ(taken[0].channel, "broadcast");
  // A grid's loudspeakers are its community's.
  EXPECT_EQ(taken[0].areas, std::vector<std::string>{kCommunity});
  EXPECT_EQ(taken[0].action, "issue");
  EXPECT_EQ(taken[0].level, "blue");
  EXPECT_EQ(broadcast_.authorizations().back(), "Bearer broadcast-secret");
  EXPECT_EQ(outbound()["sent"], 0);
  EXPECT_EQ(broadcast_.requests(), 1);

  // Withdrawn (解除): the loudspeakers play the cancellation, once.
  const auto cancelled =
      community_->send_json("POST", path(id, "/cancel"), Json{{"version", sent["version"]}}.dump());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["broadcastState"], "withdraw_queued");
  outbound();
  outbound();
  ASSERT_EQ(broadcast_.taken().size(), 2u);
  const auto withdrawal = broadcast_.taken()[1];
  EXPECT_EQ(withdrawal.key, fmt::format("alert-{}-broadcast-cancel", id));
  EXPECT_EQ(withdrawal.action, "cancel");
  EXPECT_EQ(withdrawal.areas, std::vector<std::string>{kCommunity});
  EXPECT_NE(withdrawal.text.find("已解除暴雨蓝色预警"), std::string::npos) << withdrawal.text;
  EXPECT_EQ(broadcast_.requests(), 2);
  EXPECT_EQ(community_->get(path(id)).json()["broadcastState"], "withdrawn");
}

TEST_P(AlertsOutboundTest, AWithdrawnWarningIsTextedOnceToThoseItWasTextedTo) {
  // Two more older people living alone in the second grid with a phone and no account; one
  // number is refused by the gateway.
  const int64_t second = household(kSecondGrid, "畅家巷25号楼2单元101室");
  person(second, "孙玉梅", id_number("19430816", 662), "13993100207", true);
  person(household(kSecondGrid, "畅家巷26号楼1单元102室"), "周桂芳", id_number("19400302", 682),
         "13993100208", true);
  sms_.refuse_phone("13993100208");
  const int64_t id = issue(heat_warning());
  const Json sent = delivered(*community_, id);
  EXPECT_EQ(channels(id)["smsSent"], 2);
  EXPECT_EQ(channels(id)["smsFailed"], 1);

  // Withdrawn (解除): the two texted are to be told; the refused number is not tried again.
  const auto cancelled =
      community_->send_json("POST", path(id, "/cancel"), Json{{"version", sent["version"]}}.dump());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(channels(id)["smsWithdrawals"], 2);
  // The gateway is busy: they wait; then each is taken once, under its own key.
  sms_.answer_unavailable(1);
  EXPECT_EQ(outbound()["sent"], 0);
  EXPECT_EQ(channels(id)["smsWithdrawn"], 0);
  EXPECT_EQ(outbound()["sent"], 0);
  const auto taken = sms_.taken();
  ASSERT_EQ(taken.size(), 4u);
  std::set<std::string> told;
  for (std::size_t i = 2; i < taken.size(); ++i) {
    told.insert(taken[i].phone);
    EXPECT_EQ(taken[i].action, "cancel");
    EXPECT_TRUE(taken[i].key.ends_with("-cancel")) << taken[i].key;
    EXPECT_EQ(taken[i].text, "【畅家巷社区居委会】已解除高温黄色预警。");
  }
  EXPECT_EQ(told, (std::set<std::string>{"13993100205", "13993100207"}));
  EXPECT_EQ(channels(id)["smsWithdrawn"], 2);
  EXPECT_EQ(channels(id)["smsWithdrawFailed"], 0);
  // Nothing is left: a further run sends nothing, and cancelling again is refused.
  const int requests = sms_.requests();
  outbound();
  EXPECT_EQ(sms_.requests(), requests);
  EXPECT_EQ(community_
                ->send_json("POST", path(id, "/cancel"),
                            Json{{"version", cancelled.json()["version"]}}.dump())
                .status,
            409);
}

TEST_P(AlertsOutboundTest, AWarningWhoseAnswerWasLostIsWithdrawnFromEveryoneItMayHaveReached) {
  person(household(kSecondGrid, "畅家巷25号楼2单元101室"), "孙玉梅", id_number("19430816", 662),
         "13993100207", true);
  // The gateway takes both messages, but its answer never comes back; the warning is withdrawn
  // before the outbound job tries again.
  sms_.drop_answers(1);
  const int64_t id = issue(heat_warning());
  const Json sent = delivered(*community_, id);
  EXPECT_EQ(channels(id)["smsQueued"], 2);
  const auto cancelled =
      community_->send_json("POST", path(id, "/cancel"), Json{{"version", sent["version"]}}.dump());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  // The warning is not sent again (it ended), but both may have it: both are told.
  sms_.drop_answers(1);  // and the first withdrawal's answer is lost too
  outbound();
  outbound();
  std::vector<std::string> keys;
  for (const auto& t : sms_.taken()) keys.push_back(t.key);
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 4u);
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(),
                          [](const std::string& k) { return k.ends_with("-cancel"); }),
            2);
  const Json after = channels(id);
  EXPECT_EQ(after["smsFailed"], 2) << after.dump();  // the warning itself: ended before it went
  EXPECT_EQ(after["smsWithdrawn"], 2) << after.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertsOutboundTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// The same over https, as a province's gateways are reached: with a throwaway authority in the
// server's file of authorities.
class AlertsHttpsOutboundTest : public AlertsOutboundTest {
 protected:
  AlertsHttpsOutboundTest() : AlertsOutboundTest(&authority()) {}
  static const TestAuthority& authority() {
    static const TestAuthority made("甘肃省应急管理厅 测试根证书");
    return made;
  }
};

TEST_P(AlertsHttpsOutboundTest, TheSmsAndTheLoudspeakersGoOverHttps) {
  EXPECT_TRUE(sms_.url().starts_with("https://")) << sms_.url();
  const int64_t heat = issue(heat_warning());
  delivered(*community_, heat);
  EXPECT_EQ(channels(heat)["smsSent"], 1);
  ASSERT_EQ(sms_.taken().size(), 1u);
  EXPECT_EQ(sms_.taken()[0].phone, "13993100205");
  EXPECT_EQ(sms_.authorizations(), std::vector<std::string>{"Bearer sms-secret"});

  Json rain = heat_warning();
  rain["title"] = "暴雨蓝色预警";
  rain["level"] = "blue";
  rain["target"] = {{"grids", {kGrid}}};
  rain["broadcast"] = true;
  const int64_t id = issue(rain);
  EXPECT_EQ(delivered(*community_, id)["broadcastState"], "sent");
  ASSERT_EQ(broadcast_.taken().size(), 1u);
  EXPECT_EQ(broadcast_.taken()[0].key, fmt::format("alert-{}-broadcast", id));
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertsHttpsOutboundTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
