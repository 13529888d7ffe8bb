// Requests handled on receipt (接诉即办) through the API, as a hotline desk, a community, the
// street above it and a resident use them: intake with every bad field at once, the steps of a
// case and who may take them, stale writes, scope, deadlines on the working-day calendar, and the
// escalation job's idempotence under an injected clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "api/small_stack.hpp"
#include "requests/request_service.hpp"
#include "support/test_images.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区 (changjiaxiang)
constexpr const char* kGrid = "620102001001001";    // its first grid (wangge1, jumin1)
constexpr const char* kSiblingCommunity = "620102001002";
constexpr const char* kStreet = "620102001000";  // 酒泉路街道 (the street above)

Json hotline_call(const std::string& unit, const std::string& category = "municipal.streetlight") {
  return {{"categoryCode", category},
          {"unitCode", unit},
          {"description", "  3号楼前的路灯不亮，晚上看不清路 "},
          {"address", "畅家巷12号"},
          {"lat", 36.0630},  // north of the demo's drawn grids: the community's alone
          {"lon", 103.8343},
          {"channel", "hotline"},
          {"contactName", "张三丰"},
          {"contactPhone", "13912345678"},
          {"attributes", {{{"key", "pole"}, {"text", "LD-0321"}}}}};
}

// The fields an error answer names.
std::set<std::string> fields_of(const HttpResult& refused) {
  const Json body = refused.json();
  std::set<std::string> fields;
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

class RequestsApiTest : public SmallStackTest {
 protected:
  // Takes a step; the answer.
  HttpResult step(HttpClient& client, int64_t id, const std::string& action, int64_t version,
                  const std::string& note = "", const std::string& target = "") {
    Json body{{"action", action}, {"version", version}, {"note", note}};
    if (!target.empty()) body["targetUnit"] = target;
    return client.send_json("POST", "/api/v1/requests/" + std::to_string(id) + "/steps",
                            body.dump());
  }
  requests::RequestService& service() { return services_->service<requests::RequestService>(); }
  // The count of a to-do kind on the caller's workbench; -1 when it is not shown to them.
  int64_t todo(HttpClient& client, const std::string& code) {
    const Json items = client.get("/api/v1/workbench/todos").json()["items"];
    for (const Json& item : items) {
      if (item["code"] == code) return item["count"].get<int64_t>();
    }
    return -1;
  }
};

TEST_P(RequestsApiTest, AHotlineCallIsTakenAcceptedResolvedAndClosedWithEveryStepOnTheTimeline) {
  auto desk = as("chengguan");  // the county's hotline desk
  const auto taken = desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump());
  ASSERT_EQ(taken.status, 201) << taken.body;
  const Json c = taken.json()["case"];
  EXPECT_EQ(c["status"], "submitted");
  EXPECT_EQ(c["unit"]["name"], "畅家巷社区居委会");
  EXPECT_EQ(c["description"], "3号楼前的路灯不亮，晚上看不清路") << "trimmed";
  EXPECT_EQ(c["contactName"], "张*丰");
  EXPECT_EQ(c["contactPhone"], "139****5678");
  EXPECT_EQ(c["attributes"], Json({{"pole", "LD-0321"}}));
  EXPECT_TRUE(c["trackingCode"].get<std::string>().starts_with("SQ"));
  EXPECT_EQ(c["trackingCode"].get<std::string>().size(), 12u);
  // Monday 09:00 in China: acceptance within a working day (by Tuesday's end), feedback within
  // 7 working days (by the next Tuesday's end), 24:00 China time being 16:00 UTC.
  EXPECT_EQ(c["acceptDue"], "2026-12-01T16:00:00.000Z");
  EXPECT_EQ(c["resolveDue"], "2026-12-09T16:00:00.000Z");
  EXPECT_EQ(c["role"], "supervisor") << "the county is above the community";
  const int64_t id = c["id"].get<int64_t>();
  // Sealed in the database, not in clear.
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case WHERE contact_phone_sealed LIKE 's1.%'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case WHERE contact_phone_sealed LIKE "
                  "'%13912345678%' OR contact_name_sealed LIKE '%张三丰%'"),
            0);

  auto community = as("changjiaxiang");
  const Json seen = community->get("/api/v1/requests/" + std::to_string(id)).json()["case"];
  EXPECT_EQ(seen["role"], "handler");
  EXPECT_EQ(seen["allowedActions"], Json({"accept", "transfer", "return", "merge"}));
  // The county cannot accept for the community; the community cannot supervise itself.
  EXPECT_EQ(step(*desk, id, "accept", 1).status, 403);
  EXPECT_EQ(step(*community, id, "supervise", 1, "抓紧办理").status, 403);
  // Resolving before accepting is out of order.
  EXPECT_EQ(step(*community, id, "resolve", 1, "已修好").status, 409);

  const auto accepted = step(*community, id, "accept", 1);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["case"]["status"], "accepted");
  EXPECT_EQ(accepted.json()["case"]["version"], 2);
  // Two people at once: the one with the old version is told to reload, and nothing changes.
  const auto stale = step(*community, id, "start", 1);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["code"], "conflict");
  const auto supervised = step(*desk, id, "supervise", 2, "请两日内修复");
  ASSERT_EQ(supervised.status, 200) << supervised.body;
  EXPECT_EQ(supervised.json()["case"]["status"], "accepted") << "supervision keeps the state";
  ASSERT_EQ(step(*community, id, "start", 3).status, 200);
  const auto missing_result = step(*community, id, "resolve", 4);
  EXPECT_EQ(missing_result.status, 400);
  EXPECT_EQ(missing_result.json()["details"][0]["field"], "note");
  ASSERT_EQ(step(*community, id, "resolve", 4, "已更换灯泡，恢复照明").status, 200);
  const auto closed = step(*desk, id, "close", 5);
  ASSERT_EQ(closed.status, 200) << closed.body;
  const Json done = closed.json();
  EXPECT_EQ(done["case"]["status"], "closed");
  std::vector<std::string> actions;
  for (const Json& e : done["timeline"]) actions.push_back(e["action"].get<std::string>());
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "accept", "supervise", "start", "resolve",
                                               "close"}));
  EXPECT_EQ(done["timeline"][4]["note"], "已更换灯泡，恢复照明");
  EXPECT_EQ(done["timeline"][4]["actor"]["username"], "changjiaxiang");
  EXPECT_EQ(done["timeline"][2]["actor"]["username"], "chengguan");
  // A follow-up call is noted on the timeline and leaves the case closed; it needs its outcome.
  EXPECT_EQ(step(*desk, id, "follow_up", 6).status, 400);
  const auto called = step(*desk, id, "follow_up", 6, "电话回访，居民表示晚上仍偶尔不亮");
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(called.json()["case"]["status"], "closed");
  EXPECT_EQ(called.json()["timeline"].back()["action"], "follow_up");
  // Reopened from above, it is in progress again.
  const auto reopened = step(*desk, id, "reopen", 7, "居民反映仍不亮");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json()["case"]["status"], "in_progress");
  EXPECT_TRUE(reopened.json()["case"]["closedAt"].is_null());
  // Every step is in the audit log.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.case.step' AND "
                  "object_id = $1",
                  {std::to_string(id)}),
            7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.case.submit'"), 1);
}

TEST_P(RequestsApiTest, EveryBadFieldOfAnIntakeIsNamedAtOnceAndNothingIsWritten) {
  auto desk = as("chengguan");
  Json bad = hotline_call(kCommunity, "property.elevator");
  bad["description"] = std::string(5000, 'x');
  bad["lat"] = 48.85;  // Paris
  bad["lon"] = 2.35;
  bad["contactPhone"] = "12";
  bad["attributes"] =
      Json::array({{{"key", "trapped"}, {"text", "yes"}}, {{"key", "floor"}, {"number", 5}}});
  const auto refused = desk->send_json("POST", "/api/v1/requests", bad.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::set<std::string> fields = fields_of(refused);
  // The contract refuses the description and the phone before the service sees the body.
  EXPECT_TRUE(fields.contains("description")) << refused.body;
  EXPECT_TRUE(fields.contains("contactPhone")) << refused.body;

  bad["description"] = "电梯停在5楼";
  bad.erase("contactPhone");
  const auto judged = desk->send_json("POST", "/api/v1/requests", bad.dump());
  ASSERT_EQ(judged.status, 400) << judged.body;
  EXPECT_EQ(fields_of(judged),
            (std::set<std::string>{"lat", "attributes.trapped", "attributes.floor"}))
      << judged.body;

  Json unknown = hotline_call(kCommunity, "no.such");
  unknown["unitCode"] = kStreet;  // a street is not where something happens
  const auto wrong = desk->send_json("POST", "/api/v1/requests", unknown.dump());
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(fields_of(wrong), (std::set<std::string>{"categoryCode", "unitCode"}));
  // A group is not a category to file under.
  EXPECT_EQ(
      desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity, "municipal").dump())
          .status,
      400);
  // Outside the desk's county: refused on its field.
  const auto outside =
      as("changjiaxiang")
          ->send_json("POST", "/api/v1/requests", hotline_call(kSiblingCommunity).dump());
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.json()["details"][0]["field"], "unitCode");
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_event"), 0);
}

TEST_P(RequestsApiTest, TheHotlinesOwnCaseNumberIsKeptAndNotRegisteredTwice) {
  auto desk = as("chengguan");
  Json call = hotline_call(kCommunity);
  call["externalId"] = "BJ12345-20261130-0001";
  const auto first = desk->send_json("POST", "/api/v1/requests", call.dump());
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["case"]["externalId"], "BJ12345-20261130-0001");
  const auto again = desk->send_json("POST", "/api/v1/requests", call.dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(fields_of(again), std::set<std::string>{"externalId"}) << "a form shows it there";
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case"), 1);
}

TEST_P(RequestsApiTest, ACaseIsSeenByItsUnitsAndThoseAboveAndNotFoundElsewhere) {
  auto desk = as("chengguan");
  const int64_t id = desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                         .json()["case"]["id"]
                         .get<int64_t>();
  const std::string path = "/api/v1/requests/" + std::to_string(id);
  EXPECT_EQ(as("changjiaxiang")->get(path).status, 200);
  EXPECT_EQ(as("lanzhou")->get(path).status, 200);
  EXPECT_EQ(as("wangge1")->get(path).status, 404) << "no grid named: not the grid's";
  EXPECT_EQ(as("jumin1")->get(path).status, 403) << "residents read their own elsewhere";
  // The street's own list holds it; a list of the other street does not exist for the community.
  const Json listed = as("lanzhou")->get("/api/v1/requests?unit=" + std::string(kStreet)).json();
  EXPECT_EQ(listed["total"], 1);
  EXPECT_EQ(
      as("changjiaxiang")->get("/api/v1/requests?unit=" + std::string(kSiblingCommunity)).status,
      404);
  // Transferred to the sibling community by the street above: the first community no longer
  // sees it, the sibling does.
  auto street_chief = as("chengguan");
  const auto moved = step(*street_chief, id, "transfer", 1, "属于隔壁社区", kSiblingCommunity);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["case"]["unit"]["code"], kSiblingCommunity);
  EXPECT_EQ(moved.json()["timeline"][1]["targetUnit"]["code"], kSiblingCommunity);
  EXPECT_EQ(as("changjiaxiang")->get(path).status, 404);
}

TEST_P(RequestsApiTest, AGridWorkersPatrolReportIsTheirsAndACommunityCanReturnOrPassIt) {
  auto patrol = as("wangge1");
  Json report = hotline_call(kGrid);
  report["channel"] = "patrol";
  const auto taken = patrol->send_json("POST", "/api/v1/requests", report.dump());
  ASSERT_EQ(taken.status, 201) << taken.body;
  const Json c = taken.json()["case"];
  EXPECT_EQ(c["unit"]["code"], kCommunity) << "the grid's community leads";
  EXPECT_EQ(c["grid"]["code"], kGrid);
  EXPECT_EQ(c["role"], "handler") << "the grid worker handles what falls in the grid";
  const int64_t id = c["id"].get<int64_t>();
  auto community = as("changjiaxiang");
  // Passing it to a community of another street is beyond a community's reach.
  const auto far = step(*community, id, "transfer", 1, "不归我们", "620201001001");
  EXPECT_EQ(far.status, 403) << far.body;
  // Returned up to the street with a reason: the street leads it, awaiting acceptance.
  EXPECT_EQ(step(*community, id, "return", 1).status, 400) << "a return needs a reason";
  const auto returned = step(*community, id, "return", 1, "不属于社区职责");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["case"]["unit"]["code"], kStreet);
  EXPECT_EQ(returned.json()["case"]["status"], "submitted");
  EXPECT_TRUE(returned.json()["case"]["grid"].is_object()) << "the grid is under the street";
}

TEST_P(RequestsApiTest, APlaceInsideADrawnGridReachesThatGridsWorker) {
  auto desk = as("changjiaxiang");
  // The demo draws the community's three grids as blocks side by side.
  struct Case {
    double lat, lon;
    const char* grid;  // "" when the place lies in no drawn grid
  };
  const Case cases[] = {
      {36.0612, 103.8343, "620102001001001"},
      {36.0612, 103.8360, "620102001001002"},
      {36.0600, 103.8340, "620102001001003"},
      {36.0700, 103.8400, ""},
  };
  for (const Case& c : cases) {
    Json call = hotline_call(kCommunity);
    call["lat"] = c.lat;
    call["lon"] = c.lon;
    const auto taken = desk->send_json("POST", "/api/v1/requests", call.dump());
    ASSERT_EQ(taken.status, 201) << taken.body;
    const Json grid = taken.json()["case"]["grid"];
    if (*c.grid == '\0') {
      EXPECT_TRUE(grid.is_null()) << c.lat << "," << c.lon << ": " << grid;
    } else {
      EXPECT_EQ(grid["code"], c.grid) << c.lat << "," << c.lon;
    }
  }
  // The grid worker of the first grid handles what was made there, not the others' cases.
  const auto mine = as("wangge1")->get("/api/v1/requests?pageSize=50");
  ASSERT_EQ(mine.status, 200) << mine.body;
  int64_t in_first_grid = 0;
  const Json items = mine.json()["items"];
  for (const Json& item : items) {
    ASSERT_TRUE(item["grid"].is_object()) << item;
    in_first_grid += item["grid"]["code"] == kGrid;
  }
  EXPECT_EQ(in_first_grid, 1) << mine.body;
  EXPECT_EQ(mine.json()["total"], 1);

  // A grid chosen by the desk is kept, wherever the point lies.
  Json chosen = hotline_call("620102001001002");
  const auto kept = desk->send_json("POST", "/api/v1/requests", chosen.dump());
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(kept.json()["case"]["grid"]["code"], "620102001001002");
  // A category the street handles (damaged roads) is not the grid worker's to handle.
  Json road = hotline_call(kCommunity, "municipal.road");
  road["attributes"] = Json::array();
  const auto above = desk->send_json("POST", "/api/v1/requests", road.dump());
  ASSERT_EQ(above.status, 201) << above.body;
  EXPECT_EQ(above.json()["case"]["unit"]["code"], kStreet);
  EXPECT_TRUE(above.json()["case"]["grid"].is_null()) << above.body;
}

TEST_P(RequestsApiTest, AResidentSubmitsFollowsAndWithdrawsOnlyTheirOwn) {
  auto resident = as("jumin1");
  Json own = hotline_call("");
  own.erase("unitCode");
  own.erase("channel");
  const auto sent = resident->send_json("POST", "/api/v1/requests/mine", own.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const Json c = sent.json()["case"];
  EXPECT_EQ(c["channel"], "resident");
  EXPECT_EQ(c["grid"]["code"], kGrid) << "the resident's grid by default";
  EXPECT_EQ(c["role"], "resident");
  const int64_t id = c["id"].get<int64_t>();
  EXPECT_EQ(resident->get("/api/v1/requests/mine").json()["total"], 1);
  // Another resident's request is not there for them.
  own["unitCode"] = kSiblingCommunity;
  EXPECT_EQ(resident->send_json("POST", "/api/v1/requests/mine", own.dump()).status, 403);
  const std::string mine = "/api/v1/requests/mine/" + std::to_string(id);
  EXPECT_EQ(resident->get(mine).status, 200);
  EXPECT_EQ(as("changjiaxiang")->get(mine).status, 403);
  const auto withdrawn =
      resident->send_json("POST", mine + "/withdraw", R"({"version":1,"note":"灯已经亮了"})");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["case"]["status"], "closed");
  EXPECT_EQ(
      resident->send_json("POST", mine + "/withdraw", R"({"version":2,"note":"再次"})").status,
      409);
  // Withdrawn, it has no result: nothing to rate, and no rating offered.
  EXPECT_EQ(withdrawn.json()["case"]["allowedActions"], Json::array());
  EXPECT_EQ(
      resident->send_json("POST", mine + "/rating", R"({"version":2,"score":"satisfied"})").status,
      409);
}

TEST_P(RequestsApiTest, OverdueCasesAreEscalatedOnceWithWorkingDaysAndHolidaysCounted) {
  auto desk = as("chengguan");
  // An emergency: accepted within 30 minutes, fed back within 2 hours, weekends or not.
  const auto hazard =
      desk->send_json("POST", "/api/v1/requests",
                      [] {
                        Json call = hotline_call(kCommunity, "safety.hazard");
                        call["attributes"] = Json::array({{{"key", "kind"}, {"text", "用气"}}});
                        return call;
                      }()
                          .dump());
  ASSERT_EQ(hazard.status, 201) << hazard.body;
  EXPECT_EQ(hazard.json()["case"]["acceptDue"], "2026-11-30T01:30:00.000Z");
  EXPECT_EQ(hazard.json()["case"]["resolveDue"], "2026-11-30T03:00:00.000Z");
  const int64_t emergency = hazard.json()["case"]["id"].get<int64_t>();
  const int64_t general =
      desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
          .json()["case"]["id"]
          .get<int64_t>();
  EXPECT_EQ(service().escalate_overdue().value(), 0) << "nothing overdue yet";

  clock_.advance(std::chrono::minutes(31));
  ASSERT_EQ(service().escalate_overdue().value(), 1);
  EXPECT_EQ(service().escalate_overdue().value(), 0) << "once per deadline";
  desk = as("chengguan");  // the clock moved past the session's idle limit
  const Json late = desk->get("/api/v1/requests/" + std::to_string(emergency)).json();
  EXPECT_TRUE(late["case"]["overdue"].get<bool>());
  EXPECT_TRUE(late["case"]["escalated"]["accept"].get<bool>());
  EXPECT_FALSE(late["case"]["escalated"]["resolve"].get<bool>());
  const Json raised = late["timeline"].back();
  EXPECT_EQ(raised["action"], "escalate");
  EXPECT_TRUE(raised["actor"].is_null());
  EXPECT_EQ(raised["targetUnit"]["code"], kStreet) << "raised to the unit above";
  EXPECT_EQ(raised["note"], "accept_due");
  // The overdue list of the county holds it.
  const Json overdue = desk->get("/api/v1/requests?overdue=true").json();
  ASSERT_EQ(overdue["total"], 1);
  EXPECT_EQ(overdue["items"][0]["id"], emergency);

  // Accepted late, then the 2 hours pass: escalated again for the feedback deadline.
  auto community = as("changjiaxiang");
  ASSERT_EQ(step(*community, emergency, "accept", 2).status, 200);
  clock_.advance(std::chrono::hours(2));
  ASSERT_EQ(service().escalate_overdue().value(), 1);
  EXPECT_EQ(service().escalate_overdue().value(), 0);

  // The general case: due at the end of Tuesday 1 December for acceptance. On Wednesday it is
  // escalated for that, and for feedback only after Wednesday 9 December.
  clock_.set(parse_date("2026-12-02") + std::chrono::hours(1));
  ASSERT_EQ(service().escalate_overdue().value(), 1);
  clock_.set(parse_date("2026-12-09") + std::chrono::hours(15));
  EXPECT_EQ(service().escalate_overdue().value(), 0);
  clock_.set(parse_date("2026-12-09") + std::chrono::hours(16) + std::chrono::seconds(1));
  ASSERT_EQ(service().escalate_overdue().value(), 1);
  desk = as("chengguan");
  const Json general_case = desk->get("/api/v1/requests/" + std::to_string(general)).json();
  EXPECT_TRUE(general_case["case"]["escalated"]["resolve"].get<bool>());
}

TEST_P(RequestsApiTest, TheProvinceKeepsTheWorkingCalendarAndDeadlinesFollowIt) {
  auto province = as("admin");
  const Json known = province->get("/api/v1/requests/calendar/2026").json();
  EXPECT_EQ(known["total"], 39) << "33 days off and 6 weekend days worked, as published";
  // 2027 is not published yet: a county cannot set it; the province can, every bad day named.
  const Json days{{"days",
                   {{{"date", "2027-01-01"}, {"working", false}, {"name", "元旦"}},
                    {{"date", "2027-01-04"}, {"working", true}, {"name", "元旦"}},
                    {{"date", "2026-12-31"}, {"working", false}, {"name", "元旦"}}}}};
  EXPECT_EQ(as("chengguan")->send_json("PUT", "/api/v1/requests/calendar/2027", days.dump()).status,
            403);
  const auto refused = province->send_json("PUT", "/api/v1/requests/calendar/2027", days.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused), (std::set<std::string>{"days[1].working", "days[2].date"}));
  // With New Year 2027 off on Friday 1 and Monday 4 January, a general request taken on Monday
  // 28 December 2026...
  const Json holiday{{"days",
                      {{{"date", "2027-01-01"}, {"working", false}, {"name", "元旦"}},
                       {{"date", "2027-01-04"}, {"working", false}, {"name", "元旦"}}}}};
  ASSERT_EQ(province->send_json("PUT", "/api/v1/requests/calendar/2027", holiday.dump()).status,
            200);
  clock_.set(parse_date("2026-12-28") + std::chrono::hours(1));
  const Json c = as("chengguan")
                     ->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                     .json()["case"];
  // ...counts Tue 29, Wed 30, Thu 31 December, then Tue 5 (Fri 1 and Mon 4 off), Wed 6,
  // Thu 7, Fri 8 January: due at the end of Friday 8 January.
  EXPECT_EQ(c["resolveDue"], "2027-01-08T16:00:00.000Z");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.calendar.update'"), 1);
}

TEST_P(RequestsApiTest, AResidentRatesOnceAndABadRatingReopensItForRectificationThatCanBeAppealed) {
  auto resident = as("jumin1");
  Json own = hotline_call("");
  own.erase("unitCode");
  own.erase("channel");
  const int64_t id = resident->send_json("POST", "/api/v1/requests/mine", own.dump())
                         .json()["case"]["id"]
                         .get<int64_t>();
  const std::string mine = "/api/v1/requests/mine/" + std::to_string(id);
  const auto rate = [&](int64_t version, const std::string& score) {
    return resident->send_json(
        "POST", mine + "/rating",
        Json{{"version", version}, {"score", score}, {"comment", "灯还是不亮"}}.dump());
  };
  EXPECT_EQ(rate(1, "satisfied").status, 409) << "nothing fed back yet";
  auto community = as("changjiaxiang");
  ASSERT_EQ(step(*community, id, "accept", 1).status, 200);
  ASSERT_EQ(step(*community, id, "start", 2).status, 200);
  ASSERT_EQ(step(*community, id, "resolve", 3, "已更换灯泡").status, 200);
  // Someone else's request is not there to rate.
  const int64_t others =
      as("chengguan")
          ->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
          .json()["case"]["id"]
          .get<int64_t>();
  EXPECT_EQ(resident
                ->send_json("POST", "/api/v1/requests/mine/" + std::to_string(others) + "/rating",
                            R"({"version":1,"score":"satisfied"})")
                .status,
            404);
  // Nor is a request staff registered on someone's behalf theirs to rate as a resident.
  auto registrar = as("chengguan");
  const std::string desk_case = "/api/v1/requests/mine/" + std::to_string(others);
  EXPECT_EQ(registrar->get(desk_case).status, 404);
  EXPECT_EQ(
      registrar->send_json("POST", desk_case + "/rating", R"({"version":1,"score":"satisfied"})")
          .status,
      404);
  EXPECT_EQ(registrar->get("/api/v1/requests/mine").json()["total"], 0);
  EXPECT_EQ(
      resident->send_json("POST", mine + "/rating", R"({"version":4,"score":"great"})").status,
      400);

  const auto rated = rate(4, "dissatisfied");
  ASSERT_EQ(rated.status, 200) << rated.body;
  const Json after = rated.json();
  EXPECT_EQ(after["case"]["status"], "in_progress") << "reopened for rectification";
  EXPECT_EQ(after["rating"]["score"], "dissatisfied");
  EXPECT_EQ(after["rating"]["appeal"], "none");
  // Monday 30 November: 15 working days end on Monday 21 December.
  EXPECT_EQ(after["rectification"]["due"], "2026-12-21T16:00:00.000Z");
  EXPECT_TRUE(after["rectification"]["doneAt"].is_null());
  const Json& timeline = after["timeline"];
  EXPECT_EQ(timeline[timeline.size() - 2]["action"], "rate");
  EXPECT_EQ(timeline.back()["action"], "reopen");
  EXPECT_TRUE(timeline.back()["actor"].is_null());
  EXPECT_EQ(rate(5, "satisfied").status, 409) << "rated once";

  // Put right and fed back again: the rectification is done.
  const auto again = step(*community, id, "resolve", 5, "已更换整套灯具");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json()["rectification"]["doneAt"].is_null());

  // The community appeals; the county above decides. Only they may.
  const std::string appeal = "/api/v1/requests/" + std::to_string(id) + "/rating/appeal";
  const std::string decision = "/api/v1/requests/" + std::to_string(id) + "/rating/decision";
  EXPECT_EQ(as("chengguan")->send_json("POST", appeal, R"({"reason":"评价与事实不符"})").status,
            403);
  const auto appealed =
      community->send_json("POST", appeal, R"({"reason":"居民误将其他路灯当作本处"})");
  ASSERT_EQ(appealed.status, 200) << appealed.body;
  EXPECT_EQ(appealed.json()["rating"]["appeal"], "pending");
  EXPECT_EQ(community->send_json("POST", appeal, R"({"reason":"再次申诉"})").status, 409);
  EXPECT_EQ(community->send_json("POST", decision, R"({"upheld":true,"note":"自己裁定"})").status,
            403);
  const auto decided =
      as("chengguan")->send_json("POST", decision, R"({"upheld":true,"note":"经回访核实为误评"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["rating"]["appeal"], "upheld");
  EXPECT_EQ(decided.json()["timeline"].back()["action"], "appeal_upheld");
  // An upheld appeal takes the rating out of the satisfaction rate.
  const Json rates = as("chengguan")
                         ->get("/api/v1/requests/rates?unit=" + std::string(kCommunity) +
                               "&from=2026-11-30&to=2026-11-30")
                         .json();
  EXPECT_EQ(rates["total"]["received"], 2);
  EXPECT_EQ(rates["total"]["rated"], 0);
  EXPECT_TRUE(rates["total"]["satisfactionRate"].is_null());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.rating.appeal'"), 2);
}

TEST_P(RequestsApiTest, TheThreeRatesCountTimelyAcceptanceResolutionAndSatisfaction) {
  // A: the resident's, accepted and resolved at once, rated satisfied.
  auto resident = as("jumin1");
  Json own = hotline_call("");
  own.erase("unitCode");
  own.erase("channel");
  const int64_t a = resident->send_json("POST", "/api/v1/requests/mine", own.dump())
                        .json()["case"]["id"]
                        .get<int64_t>();
  auto community = as("changjiaxiang");
  ASSERT_EQ(step(*community, a, "accept", 1).status, 200);
  ASSERT_EQ(step(*community, a, "resolve", 2, "已修好").status, 200);
  ASSERT_EQ(resident
                ->send_json("POST", "/api/v1/requests/mine/" + std::to_string(a) + "/rating",
                            R"({"version":3,"score":"satisfied"})")
                .status,
            200);
  // B: taken the same day for the same community, accepted only on Wednesday (late).
  const int64_t b = as("chengguan")
                        ->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                        .json()["case"]["id"]
                        .get<int64_t>();
  // C: withdrawn by the resident: not counted.
  const int64_t c = resident->send_json("POST", "/api/v1/requests/mine", own.dump())
                        .json()["case"]["id"]
                        .get<int64_t>();
  ASSERT_EQ(resident
                ->send_json("POST", "/api/v1/requests/mine/" + std::to_string(c) + "/withdraw",
                            R"({"version":1,"note":"已自行解决"})")
                .status,
            200);
  clock_.set(parse_date("2026-12-02") + std::chrono::hours(2));
  ASSERT_EQ(step(*as("changjiaxiang"), b, "accept", 1).status, 200);
  auto county = as("chengguan");
  const Json street = county
                          ->get("/api/v1/requests/rates?unit=" + std::string(kStreet) +
                                "&from=2026-11-30&to=2026-11-30")
                          .json();
  const Json& total = street["total"];
  EXPECT_EQ(total["name"], "酒泉路街道");
  EXPECT_EQ(total["received"], 2);
  EXPECT_EQ(total["acceptedInTime"], 1);
  EXPECT_DOUBLE_EQ(total["responseRate"].get<double>(), 0.5);
  EXPECT_EQ(total["resolutionDue"], 1) << "B's feedback is not due until 9 December";
  EXPECT_DOUBLE_EQ(total["resolutionRate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(total["satisfactionRate"].get<double>(), 1.0);
  ASSERT_EQ(street["rows"].size(), 2u) << "the street's two communities";
  EXPECT_EQ(street["rows"][0]["code"], kCommunity);
  EXPECT_EQ(street["rows"][0]["received"], 2);
  EXPECT_EQ(street["rows"][1]["code"], kSiblingCommunity);
  EXPECT_EQ(street["rows"][1]["received"], 0);
  EXPECT_TRUE(street["rows"][1]["responseRate"].is_null());
  // By category: both are street lights.
  const Json by_category =
      county
          ->get("/api/v1/requests/rates?by=category&unit=" + std::string(kStreet) +
                "&from=2026-11-01&to=2026-12-31")
          .json();
  ASSERT_EQ(by_category["rows"].size(), 1u);
  EXPECT_EQ(by_category["rows"][0]["name"], "路灯");
  EXPECT_EQ(by_category["rows"][0]["received"], 2);
  // A period before anything: no rates, not zeros.
  const Json empty = county
                         ->get("/api/v1/requests/rates?unit=" + std::string(kStreet) +
                               "&from=2026-01-01&to=2026-01-31")
                         .json();
  EXPECT_EQ(empty["total"]["received"], 0);
  EXPECT_TRUE(empty["total"]["responseRate"].is_null());
  EXPECT_EQ(
      county->get("/api/v1/requests/rates?unit=620201000000&from=2026-01-01&to=2026-01-31").status,
      404)
      << "another city";
  EXPECT_EQ(county
                ->get("/api/v1/requests/rates?unit=" + std::string(kStreet) +
                      "&from=2026-12-31&to=2026-01-01")
                .status,
            400);

  // The indicator engine reads the same rates (rows R1 to R3), rolled up the tree and ranked.
  const Json analytics =
      county
          ->get("/api/v1/analytics?indicators=R1,R2,R3&periods=202611,202610&units=620102000000," +
                std::string(kStreet) + ",CHILDREN")
          .json();
  std::map<std::string, Json> cell;
  for (const Json& row : analytics["rows"]) {
    cell[row["indicator"].get<std::string>() + "@" + row["unit"].get<std::string>() + "@" +
         row["period"].get<std::string>()] = row;
  }
  // The district's streets and the street's communities (CHILDREN of each unit named).
  for (const std::string& unit : {std::string(kStreet), std::string(kCommunity)}) {
    const Json& response = cell.at("R1@" + unit + "@202611");
    EXPECT_DOUBLE_EQ(response["value"].get<double>(), 50) << unit;
    EXPECT_EQ(response["numerator"], 1) << unit;
    EXPECT_EQ(response["denominator"], 2) << unit;
    EXPECT_EQ(response["status"], "at_risk") << unit << ": every case is to be accepted in time";
    EXPECT_DOUBLE_EQ(cell.at("R2@" + unit + "@202611")["value"].get<double>(), 100) << unit;
    EXPECT_EQ(cell.at("R3@" + unit + "@202611")["status"], "met") << unit;
    EXPECT_EQ(cell.at("R1@" + unit + "@202610")["status"], "no_data") << unit << ": October";
  }
  EXPECT_EQ(cell.at("R1@" + std::string(kCommunity) + "@202611")["rank"], 1);
  EXPECT_EQ(cell.at("R1@" + std::string(kCommunity) + "@202611")["ranked"], 1)
      << "its sibling received nothing";
  EXPECT_TRUE(cell.at("R1@" + std::string(kSiblingCommunity) + "@202611")["value"].is_null());
}

TEST_P(RequestsApiTest, PhotosAreKeptWithoutMetadataAndShownOnlyToThoseWhoSeeTheCase) {
  auto desk = as("chengguan");
  const int64_t id = desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                         .json()["case"]["id"]
                         .get<int64_t>();
  const std::string path = "/api/v1/requests/" + std::to_string(id) + "/photos";
  const std::vector<std::pair<std::string, std::string>> as_jpeg{{"content-type", "image/jpeg"}};
  auto community = as("changjiaxiang");
  const std::string upload = testing::jpeg_with_metadata({32, 16}, 6, "<script>x</script>");
  const auto added = community->request("POST", path, upload, as_jpeg);
  ASSERT_EQ(added.status, 201) << added.body;
  const Json photo = added.json();
  EXPECT_EQ(photo["mediaType"], "image/jpeg");
  EXPECT_EQ(photo["width"], 16) << "turned upright as its EXIF says";
  EXPECT_EQ(photo["height"], 32);
  const std::string one = path + "/" + std::to_string(photo["id"].get<int64_t>());
  const auto served = community->get(one);
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.header("content-type"), "image/jpeg");
  EXPECT_EQ(served.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(served.body.find("ZHANG SAN"), std::string::npos) << "the EXIF artist is gone";
  EXPECT_EQ(served.body.find("<script>"), std::string::npos);
  EXPECT_EQ(testing::read_image(served.body).width, 16);
  // The case's detail lists it; the county above sees it too; the audit log has the upload.
  const Json detail = desk->get("/api/v1/requests/" + std::to_string(id)).json();
  ASSERT_EQ(detail["photos"].size(), 1u);
  EXPECT_EQ(detail["photos"][0]["id"], photo["id"]);
  EXPECT_EQ(desk->get(one).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.case.photo' AND "
                  "object_id = $1",
                  {std::to_string(id)}),
            1);

  // What is not a photo is refused by its content, whatever it is called; nothing is kept.
  const auto svg = community->request(
      "POST", path, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
      as_jpeg);
  EXPECT_EQ(svg.status, 400);
  EXPECT_EQ(fields_of(svg), std::set<std::string>{"photo"});
  EXPECT_EQ(community
                ->request("POST", path, testing::png_declaring(20000, 20000),
                          {{"content-type", "image/png"}})
                .status,
            400);
  EXPECT_EQ(community->request("POST", path, upload, {{"content-type", "text/plain"}}).status, 415);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_photo WHERE case_id = $1", {id}), 1);

  // A case in the neighbouring community: not found for this community, its photos neither.
  const int64_t other =
      desk->send_json("POST", "/api/v1/requests", hotline_call(kSiblingCommunity).dump())
          .json()["case"]["id"]
          .get<int64_t>();
  const std::string other_path = "/api/v1/requests/" + std::to_string(other) + "/photos";
  const auto theirs = desk->request("POST", other_path, upload, as_jpeg);
  ASSERT_EQ(theirs.status, 201) << "the county supervises it";
  EXPECT_EQ(community->request("POST", other_path, upload, as_jpeg).status, 404);
  EXPECT_EQ(
      community->get(other_path + "/" + std::to_string(theirs.json()["id"].get<int64_t>())).status,
      404);
  EXPECT_EQ(community->get(path + "/" + std::to_string(theirs.json()["id"].get<int64_t>())).status,
            404)
      << "a photo of another case under this case's path";

  // A resident adds photos to their own request and sees only those.
  auto resident = as("jumin1");
  Json own = hotline_call("");
  own.erase("unitCode");
  own.erase("channel");
  const int64_t mine = resident->send_json("POST", "/api/v1/requests/mine", own.dump())
                           .json()["case"]["id"]
                           .get<int64_t>();
  const std::string my_path = "/api/v1/requests/mine/" + std::to_string(mine) + "/photos";
  const auto png = resident->request("POST", my_path, testing::png_with_metadata({32, 16}),
                                     {{"content-type", "image/png"}});
  ASSERT_EQ(png.status, 201) << png.body;
  const auto my_photo =
      resident->get(my_path + "/" + std::to_string(png.json()["id"].get<int64_t>()));
  EXPECT_EQ(my_photo.status, 200);
  EXPECT_EQ(my_photo.header("content-type"), "image/png");
  EXPECT_EQ(my_photo.body.find("ZHANG SAN"), std::string::npos);
  EXPECT_EQ(resident
                ->request("POST", "/api/v1/requests/mine/" + std::to_string(id) + "/photos", upload,
                          as_jpeg)
                .status,
            404)
      << "not the resident's own";
  EXPECT_EQ(resident
                ->get("/api/v1/requests/mine/" + std::to_string(id) + "/photos/" +
                      std::to_string(photo["id"].get<int64_t>()))
                .status,
            404);
  EXPECT_EQ(resident->request("POST", path, upload, as_jpeg).status, 403) << "staff only";

  // At most nine to a case.
  for (int64_t n = 2; n <= requests::kMaxPhotosPerCase; ++n) {
    ASSERT_EQ(community->request("POST", path, upload, as_jpeg).status, 201) << n;
  }
  EXPECT_EQ(community->request("POST", path, upload, as_jpeg).status, 409);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT sha256) FROM request_photo WHERE case_id = $1", {id}), 1)
      << "the same photo is kept once";
}

TEST_P(RequestsApiTest, PhotosSentAtOnceStillStopAtNine) {
  auto desk = as("chengguan");
  const int64_t id = desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                         .json()["case"]["id"]
                         .get<int64_t>();
  const std::string path = "/api/v1/requests/" + std::to_string(id) + "/photos";
  const std::string upload = testing::jpeg_with_metadata({32, 16}, 1, "");
  auto community = as("changjiaxiang");
  constexpr int kSenders = 14;
  std::vector<int> statuses(kSenders);
  {
    std::vector<std::jthread> senders;
    for (int i = 0; i < kSenders; ++i) {
      senders.emplace_back([&, i] {
        HttpClient own(web_->port());
        own.share_session_of(*community);
        statuses[i] = own.request("POST", path, upload, {{"content-type", "image/jpeg"}}).status;
      });
    }
  }
  EXPECT_EQ(std::ranges::count(statuses, 201), requests::kMaxPhotosPerCase);
  EXPECT_EQ(std::ranges::count(statuses, 409), kSenders - requests::kMaxPhotosPerCase);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_photo WHERE case_id = $1", {id}),
            requests::kMaxPhotosPerCase);
}

TEST_P(RequestsApiTest, AnOpenRequestOfTheSameKindNearbyIsHintedAndADuplicateMergedIntoIt) {
  auto desk = as("chengguan");
  const auto at = [&](double lat, const std::string& category = "municipal.streetlight") {
    Json call = hotline_call(kCommunity, category);
    call["lat"] = lat;
    if (category != "municipal.streetlight") call["attributes"] = Json::array();
    const auto taken = desk->send_json("POST", "/api/v1/requests", call.dump());
    EXPECT_EQ(taken.status, 201) << taken.body;
    return taken.json()["case"]["id"].get<int64_t>();
  };
  const int64_t a = at(36.0612);
  const int64_t b = at(36.0612 + 0.00027);  // 30 m north
  at(36.0612 + 0.00072);                    // 80 m north: not a duplicate
  at(36.0612, "living.repair");             // another kind of problem
  auto community = as("changjiaxiang");
  const Json seen = community->get("/api/v1/requests/" + std::to_string(b)).json();
  ASSERT_EQ(seen["duplicates"].size(), 1u) << seen["duplicates"].dump();
  EXPECT_EQ(seen["duplicates"][0]["id"], a);
  EXPECT_NEAR(seen["duplicates"][0]["distanceMetres"].get<double>(), 30, 1);
  EXPECT_EQ(seen["duplicates"][0]["unit"]["code"], kCommunity);

  // The resident is told the same problem is being handled nearby, not whose it is.
  auto resident = as("jumin1");
  Json own = hotline_call("");
  own.erase("unitCode");
  own.erase("channel");
  own["lat"] = 36.0612;  // where a is
  const auto submitted = resident->send_json("POST", "/api/v1/requests/mine", own.dump());
  ASSERT_EQ(submitted.status, 201);
  const Json hint = submitted.json()["duplicates"];
  ASSERT_EQ(hint.size(), 2u) << "a at 0 m, b at 30 m: " << hint.dump();
  EXPECT_TRUE(hint[0]["id"].is_null() && hint[0]["trackingCode"].is_null() &&
              hint[0]["unit"].is_null());
  const int64_t e = submitted.json()["case"]["id"].get<int64_t>();

  // Merged: closed into the one that carries on, which says so in its timeline.
  const std::string steps = "/api/v1/requests/" + std::to_string(b) + "/steps";
  const auto merged = community->send_json(
      "POST", steps, Json{{"action", "merge"}, {"version", 1}, {"targetCase", a}}.dump());
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json()["case"]["status"], "closed");
  EXPECT_EQ(merged.json()["case"]["mergedInto"], a);
  EXPECT_EQ(merged.json()["case"]["allowedActions"], Json::array());
  const Json kept = community->get("/api/v1/requests/" + std::to_string(a)).json();
  EXPECT_EQ(kept["case"]["status"], "submitted");
  EXPECT_EQ(kept["timeline"].back()["action"], "merge");
  EXPECT_NE(kept["timeline"].back()["note"].get<std::string>().find(
                merged.json()["case"]["trackingCode"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(
      community->send_json("POST", steps, R"({"action":"reopen","version":2,"note":"x"})").status,
      409)
      << "nothing more is done to a merged case";
  // Bad merges: no target, itself, a closed one.
  const std::string a_steps = "/api/v1/requests/" + std::to_string(a) + "/steps";
  const auto untargeted =
      community->send_json("POST", a_steps, R"({"action":"merge","version":1})");
  EXPECT_EQ(untargeted.status, 400);
  EXPECT_EQ(fields_of(untargeted), std::set<std::string>{"targetCase"});
  EXPECT_EQ(community
                ->send_json("POST", a_steps,
                            Json{{"action", "merge"}, {"version", 1}, {"targetCase", a}}.dump())
                .status,
            400);
  EXPECT_EQ(community
                ->send_json("POST", a_steps,
                            Json{{"action", "merge"}, {"version", 1}, {"targetCase", b}}.dump())
                .status,
            409)
      << "b is closed";
  // The resident's merged request is not rated and not counted in the rates.
  ASSERT_EQ(community
                ->send_json("POST", "/api/v1/requests/" + std::to_string(e) + "/steps",
                            Json{{"action", "merge"}, {"version", 1}, {"targetCase", a}}.dump())
                .status,
            200);
  EXPECT_EQ(resident
                ->send_json("POST", "/api/v1/requests/mine/" + std::to_string(e) + "/rating",
                            R"({"version":2,"score":"satisfied"})")
                .status,
            409);
  EXPECT_EQ(desk->get("/api/v1/requests/rates?unit=" + std::string(kCommunity) +
                      "&from=2026-11-30&to=2026-11-30")
                .json()["total"]["received"],
            3)
      << "five received, two merged";

  // A week and a day later the open one is no longer a duplicate's hint.
  clock_.set(parse_date("2026-12-08") + std::chrono::hours(2));
  auto later = as("changjiaxiang");
  const int64_t fresh = as("chengguan")
                            ->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                            .json()["case"]["id"]
                            .get<int64_t>();
  EXPECT_TRUE(later->get("/api/v1/requests/" + std::to_string(fresh)).json()["duplicates"].empty());
}

TEST_P(RequestsApiTest, TheProvinceKeepsTheCatalogueAndNewRequestsFollowIt) {
  auto province = as("admin");
  const std::string lamp = "/api/v1/requests/categories/municipal.streetlight";
  Json change{
      {"names", {{"zh", " 路灯照明 "}, {"en", "Street lighting"}}},
      {"timeLimit", "utility"},
      {"level", 5},
      {"active", true},
      {"version", 1},
      {"attributes",
       {{{"key", "pole"}, {"labels", {{"zh", "灯杆编号"}, {"en", "Pole"}}}, {"type", "text"}},
        {{"key", "how_many"},
         {"labels", {{"zh", "不亮几盏"}, {"en", "How many are out"}}},
         {"type", "choice"},
         {"required", true},
         {"choices", {"一盏", "多盏"}}}}}};
  const auto changed = province->send_json("PUT", lamp, change.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["names"]["zh"], "路灯照明") << "trimmed";
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(province->send_json("PUT", lamp, change.dump()).status, 409) << "stale";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.catalogue.update'"), 1);

  // A new request follows it: the 24-hour limit of utilities, the new required question.
  auto desk = as("chengguan");
  const auto unanswered =
      desk->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump());
  EXPECT_EQ(unanswered.status, 400);
  EXPECT_EQ(fields_of(unanswered), std::set<std::string>{"attributes.how_many"});
  Json call = hotline_call(kCommunity);
  call["attributes"] = {{{"key", "how_many"}, {"text", "多盏"}}};
  const auto taken = desk->send_json("POST", "/api/v1/requests", call.dump());
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_EQ(taken.json()["case"]["resolveDue"], "2026-12-01T01:00:00.000Z");

  // Every bad field at once; a county is not the province.
  Json bad = change;
  bad["version"] = 2;
  bad["names"]["zh"] = "";
  bad["timeLimit"] = "someday";
  bad["attributes"][0]["type"] = "photo";
  bad["attributes"][1]["key"] = "pole";
  bad["attributes"][1]["choices"] = {"一盏"};
  const auto refused = province->send_json("PUT", lamp, bad.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(fields_of(refused),
            (std::set<std::string>{"names.zh", "timeLimit", "attributes[0].type",
                                   "attributes[1].key", "attributes[1].choices"}));
  Json fine = change;
  fine["version"] = 2;
  EXPECT_EQ(desk->send_json("PUT", lamp, fine.dump()).status, 403);

  // Withdrawn from intake: not offered, not taken; listed when asked for.
  fine["active"] = false;
  ASSERT_EQ(province->send_json("PUT", lamp, fine.dump()).status, 200);
  const auto offered = [&](const std::string& query) {
    std::set<std::string> codes;
    const Json listed = desk->get("/api/v1/requests/categories" + query).json();
    for (const Json& c : listed["items"]) codes.insert(c["code"].get<std::string>());
    return codes.contains("municipal.streetlight");
  };
  EXPECT_FALSE(offered(""));
  EXPECT_TRUE(offered("?includeInactive=true"));
  EXPECT_EQ(desk->send_json("POST", "/api/v1/requests", call.dump()).status, 400);
  // A withdrawn group withdraws its categories.
  const Json group = province->get("/api/v1/requests/categories?includeInactive=true").json();
  Json property;
  for (const Json& c : group["items"]) {
    if (c["code"] == "property") property = c;
  }
  ASSERT_FALSE(property.is_null());
  const auto group_off = province->send_json("PUT", "/api/v1/requests/categories/property",
                                             Json{{"names", property["names"]},
                                                  {"timeLimit", property["timeLimit"]},
                                                  {"level", property["level"]},
                                                  {"attributes", Json::array()},
                                                  {"active", false},
                                                  {"version", property["version"]}}
                                                 .dump());
  ASSERT_EQ(group_off.status, 200) << group_off.body;
  const Json listed = desk->get("/api/v1/requests/categories").json();
  for (const Json& c : listed["items"]) {
    EXPECT_FALSE(c["code"].get<std::string>().starts_with("property")) << c["code"];
  }
  const auto elevator = desk->send_json("POST", "/api/v1/requests",
                                        hotline_call(kCommunity, "property.elevator").dump());
  EXPECT_EQ(fields_of(elevator), std::set<std::string>{"categoryCode"}) << elevator.body;

  // A new category under a group, offered at once; a code that does not fit is refused.
  const Json added{{"code", "municipal.bench"},
                   {"parent", "municipal"},
                   {"names", {{"zh", "公共座椅"}, {"en", "Public benches"}}},
                   {"timeLimit", "general"},
                   {"level", 5},
                   {"attributes", Json::array()}};
  const auto made = province->send_json("POST", "/api/v1/requests/categories", added.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["parent"], "municipal");
  const auto code_taken = province->send_json("POST", "/api/v1/requests/categories", added.dump());
  EXPECT_EQ(code_taken.status, 409) << code_taken.body;
  EXPECT_EQ(fields_of(code_taken), std::set<std::string>{"code"}) << "a form shows it there";
  Json stray = added;
  stray["code"] = "property.bench";
  EXPECT_EQ(fields_of(province->send_json("POST", "/api/v1/requests/categories", stray.dump())),
            std::set<std::string>{"code"});
  Json bench = hotline_call(kCommunity, "municipal.bench");
  bench["attributes"] = Json::array();
  EXPECT_EQ(desk->send_json("POST", "/api/v1/requests", bench.dump()).status, 201);
}

TEST_P(RequestsApiTest, TheWorkbenchCountsRequestsToAcceptAndOverdue) {
  ASSERT_EQ(as("chengguan")
                ->send_json("POST", "/api/v1/requests", hotline_call(kCommunity).dump())
                .status,
            201);
  EXPECT_EQ(todo(*as("changjiaxiang"), "requests.cases.to_accept"), 1);
  EXPECT_EQ(todo(*as("chengguan"), "requests.cases.to_accept"), 0) << "the community accepts";
  EXPECT_EQ(todo(*as("wangge1"), "requests.cases.to_accept"), 0) << "not in the grid";
  EXPECT_EQ(todo(*as("jumin1"), "requests.cases.to_accept"), -1);
  EXPECT_EQ(todo(*as("chengguan"), "requests.cases.overdue"), 0);
  // Wednesday: the acceptance deadline (the end of Tuesday) has passed.
  clock_.set(parse_date("2026-12-02") + std::chrono::hours(1));
  EXPECT_EQ(todo(*as("chengguan"), "requests.cases.overdue"), 1);
  EXPECT_EQ(todo(*as("changjiaxiang"), "requests.cases.overdue"), 1);
  EXPECT_EQ(todo(*as("lanzhou"), "requests.cases.overdue"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestsApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
