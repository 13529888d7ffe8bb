// Residents and households (实有人口) through the API, as a community, its grid worker, the
// street above it and a neighbouring community use them: registration with every bad field at
// once, ID numbers found exactly and never twice, masked lists, audited reads, reveals and
// exports, the sensitive tags kept from those without their permission, moves with their history,
// and nothing in clear in the database file.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "auth/accounts.hpp"
#include "jobs/job_runner.hpp"
#include "privacy/validators.hpp"
#include "residents/resident_service.hpp"
#include "residents/visit_service.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kGrid = "620102001001001";         // 畅家巷社区's first grid (wangge1)
constexpr const char* kSecondGrid = "620102001001002";   // its second grid
constexpr const char* kSiblingGrid = "620102001002001";  // a grid of the neighbouring community

std::set<std::string> fields_of(const HttpResult& refused) {
  const Json body = refused.json();
  std::set<std::string> fields;
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

class ResidentsApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    // A grid beside the demo ones, in the neighbouring community.
    ASSERT_TRUE(services_->org().create_grid(services_->operator_actor(), "620102001002",
                                             {std::string("邻居网格"), std::nullopt}));
    // A worker of the neighbouring community.
    auth::NewUser neighbour{"neighbour",
                            "邻居社区 工作者",
                            "620102001002",
                            kNeighbourPassword,
                            {{"community_worker", "620102001002"}},
                            false};
    auto created = services_->auth().accounts().create_user_as_operator(neighbour);
    ASSERT_TRUE(created) << created.error().message.en;
  }
  static constexpr const char* kNeighbourPassword = "Matrix#Shequ2026x";
  int64_t household(HttpClient& client, const std::string& grid,
                    const std::string& address = "畅家巷12号楼3单元502室") {
    const auto made = client.send_json(
        "POST", "/api/v1/residents/households",
        Json{{"gridCode", grid}, {"address", address}, {"lat", 36.0612}, {"lon", 103.8343}}.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  HttpResult add_person(HttpClient& client, int64_t household, const std::string& name,
                        const std::string& id, const std::string& relation = "head",
                        const Json& tags = Json::array(), const std::string& phone = "") {
    return client.send_json("POST", "/api/v1/residents/persons",
                            Json{{"householdId", household},
                                 {"relation", relation},
                                 {"name", name},
                                 {"idNumber", id},
                                 {"phone", phone},
                                 {"ethnicity", "回族"},
                                 {"movedIn", "2018-05-01"},
                                 {"tags", tags}}
                                .dump());
  }
  int64_t audited(const std::string& action) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }
};

TEST_P(ResidentsApiTest, APersonIsRegisteredMaskedAndFoundExactlyByIdNumberOrPhone) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const std::string id = id_number("19410312", 124);  // a woman (even sequence)
  const auto made = add_person(*community, home, "马秀英", id, "head",
                               Json::array({{{"key", "special_hardship_elderly"}},
                                            {{"key", "disability"}, {"detail", "physical:2"}}}),
                               "13993100101");
  ASSERT_EQ(made.status, 201) << made.body;
  const Json person = made.json()["person"];
  EXPECT_EQ(person["name"], "马*英");
  EXPECT_EQ(person["idNumber"], "620***********" + id.substr(14));
  EXPECT_EQ(person["phone"], "139****0101");
  EXPECT_EQ(person["sex"], "female");
  EXPECT_EQ(person["birthDate"], "1941-03-12");
  EXPECT_EQ(person["relation"], "head");
  EXPECT_EQ(person["grid"]["code"], kGrid);
  EXPECT_EQ(person["unit"]["name"], "畅家巷社区居委会");
  EXPECT_EQ(person["tags"].size(), 2u);
  EXPECT_EQ(made.json()["household"]["address"], "畅家巷****");
  const std::string person_id = std::to_string(person["id"].get<int64_t>());

  // Found by ID number and by phone, exactly; the search is audited, the answer masked.
  const auto by_id = community->send_json("POST", "/api/v1/residents/persons/search",
                                          Json{{"idNumber", id}}.dump());
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  ASSERT_EQ(by_id.json()["items"].size(), 1u);
  EXPECT_EQ(by_id.json()["items"][0]["name"], "马*英");
  const auto by_phone = community->send_json("POST", "/api/v1/residents/persons/search",
                                             Json{{"phone", "13993100101"}}.dump());
  ASSERT_EQ(by_phone.json()["items"].size(), 1u);
  EXPECT_EQ(audited("residents.person.search"), 2);
  // The neighbouring community does not find a person outside its scope.
  auto neighbour = as("neighbour", kNeighbourPassword);
  const auto not_theirs = neighbour->send_json("POST", "/api/v1/residents/persons/search",
                                               Json{{"idNumber", id}}.dump());
  ASSERT_EQ(not_theirs.status, 200) << not_theirs.body;
  EXPECT_EQ(not_theirs.json()["items"].size(), 0u);
  EXPECT_EQ(neighbour->get("/api/v1/residents/persons/" + person_id).status, 404);

  // The list, by tag: masked, within scope.
  const auto listed = community->get("/api/v1/residents/persons?tag=special_hardship_elderly");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["total"], 1);
  EXPECT_EQ(listed.json()["items"][0]["idNumber"], person["idNumber"]);

  // Opening the record is audited; so is a reveal, with its reason, which returns the clear value.
  ASSERT_EQ(community->get("/api/v1/residents/persons/" + person_id).status, 200);
  EXPECT_EQ(audited("residents.person.read"), 1);
  const auto no_reason =
      community->send_json("POST", "/api/v1/residents/persons/" + person_id + "/reveal",
                           Json{{"field", "idNumber"}, {"reason", ""}}.dump());
  EXPECT_EQ(no_reason.status, 400);
  const auto revealed =
      community->send_json("POST", "/api/v1/residents/persons/" + person_id + "/reveal",
                           Json{{"field", "idNumber"}, {"reason", "办理高龄津贴"}}.dump());
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.json()["value"], id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.person.reveal' AND "
                  "detail = 'idNumber: 办理高龄津贴'"),
            1);

  // Nothing in clear in the database: not the name, the ID number, the phone or the address.
  for (const char* clear : {"马秀英", "13993100101", "畅家巷12号楼"}) {
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM resident_person WHERE name_sealed LIKE '%") +
                    clear + "%' OR phone_sealed LIKE '%" + clear + "%'"),
              0);
  }
  for (const std::string& found : files_holding({"马秀英", id, "13993100101", "畅家巷12号楼"}))
    ADD_FAILURE() << found;
}

TEST_P(ResidentsApiTest, BadInputIsRefusedWithEveryFieldAtOnceAndNothingIsWritten) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  ASSERT_EQ(add_person(*community, home, "王建国", id_number("19480705", 131)).status, 201);
  const int64_t people = count("SELECT COUNT(*) FROM resident_person");

  std::string wrong_check = id_number("19800101", 201);
  wrong_check.back() = wrong_check.back() == '0' ? '1' : '0';
  struct Case {
    const char* what;
    Json body;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases{
      {"a wrong check character", {{"idNumber", wrong_check}}, {"idNumber"}},
      {"a birth date in the future", {{"idNumber", id_number("20301201", 202)}}, {"idNumber"}},
      {"a birth date before 1900", {{"idNumber", id_number("18991231", 203)}}, {"idNumber"}},
      {"a region code of no province",
       {{"idNumber",
         [] {
           const std::string first17 = "99010219800101204";
           return first17 + privacy::resident_id_check_character(first17);
         }()}},
       {"idNumber"}},
      {"a mobile number of 10 digits", {{"phone", "1399310010"}}, {"phone"}},
      {"a second head", {{"relation", "head"}}, {"relation"}},
      {"moved in before being born", {{"movedIn", "1949-01-01"}}, {"movedIn"}},
      {"moved in tomorrow", {{"movedIn", "2026-12-01"}}, {"movedIn"}},
      {"an unknown tag and a disability without a grade",
       {{"tags", Json::array({{{"key", "vip"}}, {{"key", "disability"}, {"detail", "physical"}}})}},
       {"tags[0]", "tags[1].detail"}},
      {"everything at once",
       {{"name", ""}, {"phone", "12"}, {"relation", "boss"}, {"registration", "alien"}},
       {"name", "phone", "relation", "registration"}},
  };
  for (const Case& c : cases) {
    Json body{{"householdId", home},     {"relation", "spouse"},
              {"name", "李桂兰"},        {"idNumber", id_number("19500118", 206)},
              {"movedIn", "2018-05-01"}, {"tags", Json::array()}};
    for (const auto& [key, value] : c.body.items()) body[key] = value;
    const auto refused = community->send_json("POST", "/api/v1/residents/persons", body.dump());
    EXPECT_EQ(refused.status, 400) << c.what << ": " << refused.body;
    EXPECT_EQ(fields_of(refused), c.fields) << c.what << ": " << refused.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_person"), people) << "nothing half-written";

  // The same ID number in a second household is named, not merged.
  const int64_t second = household(*community, kSecondGrid, "畅家巷23号楼1单元301室");
  const auto twice = add_person(*community, second, "王建国", id_number("19480705", 131));
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(fields_of(twice), std::set<std::string>{"idNumber"});
  EXPECT_NE(twice.json()["message"].get<std::string>().find("畅家巷社区"), std::string::npos)
      << twice.body;

  // A household in a grid out of scope, or at a point outside Gansu.
  const auto outside =
      community->send_json("POST", "/api/v1/residents/households",
                           Json{{"gridCode", kSiblingGrid}, {"address", "雁南路 1 号"}}.dump());
  EXPECT_EQ(outside.status, 404) << outside.body;
  const auto abroad = community->send_json(
      "POST", "/api/v1/residents/households",
      Json{{"gridCode", kGrid}, {"address", "x"}, {"lat", 43.73}, {"lon", 7.42}}.dump());
  EXPECT_EQ(abroad.status, 400);
  EXPECT_EQ(fields_of(abroad), (std::set<std::string>{"address", "lat"}));
}

TEST_P(ResidentsApiTest, SensitiveTagsAreSeenAndKeptOnlyByThoseWhoNeedThem) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const auto made =
      add_person(*community, home, "孙立新", id_number("19790130", 311), "head",
                 Json::array({{{"key", "mental_disorder"}}, {{"key", "living_alone"}}}));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(made.json()["person"]["id"].get<int64_t>());
  EXPECT_EQ(made.json()["person"]["tags"].size(), 2u);

  // The grid worker keeps the grid's records but does not see the sensitive tag…
  auto grid_worker = as("wangge1");
  const Json seen = grid_worker->get("/api/v1/residents/persons/" + id).json()["person"];
  ASSERT_EQ(seen["tags"].size(), 1u);
  EXPECT_EQ(seen["tags"][0]["key"], "living_alone");
  // …cannot filter by it, nor set it…
  EXPECT_EQ(grid_worker->get("/api/v1/residents/persons?tag=mental_disorder").status, 400);
  const auto set = grid_worker->send_json(
      "PATCH", "/api/v1/residents/persons/" + id,
      Json{{"version", seen["version"]}, {"tags", Json::array({{{"key", "community_correction"}}})}}
          .dump());
  EXPECT_EQ(set.status, 400) << set.body;
  // …and correcting the tags it sees leaves the sensitive one in place.
  const auto corrected = grid_worker->send_json(
      "PATCH", "/api/v1/residents/persons/" + id,
      Json{{"version", seen["version"]}, {"tags", Json::array({{{"key", "empty_nest"}}})}}.dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_tag WHERE tag = 'mental_disorder'"), 1);
  const Json again = community->get("/api/v1/residents/persons/" + id).json()["person"];
  std::set<std::string> keys;
  for (const Json& t : again["tags"]) keys.insert(t["key"].get<std::string>());
  EXPECT_EQ(keys, (std::set<std::string>{"empty_nest", "mental_disorder"}));

  // A resident holds nothing of it.
  EXPECT_EQ(as("jumin1")->get("/api/v1/residents/persons").status, 403);
}

TEST_P(ResidentsApiTest, AMoveKeepsTheHistoryAndAStaleVersionChangesNothing) {
  auto community = as("changjiaxiang");
  const int64_t first = household(*community, kGrid);
  const int64_t second = household(*community, kSecondGrid, "畅家巷23号楼1单元301室");
  const auto made = add_person(*community, first, "张志强", id_number("19820923", 411));
  ASSERT_EQ(made.status, 201);
  const std::string id = std::to_string(made.json()["person"]["id"].get<int64_t>());
  const std::string move = "/api/v1/residents/persons/" + id + "/move";

  const auto backwards = community->send_json(
      "POST", move, Json{{"version", 1}, {"householdId", second}, {"date", "2017-01-01"}}.dump());
  EXPECT_EQ(backwards.status, 400) << "moved out before moving in: " << backwards.body;
  EXPECT_EQ(fields_of(backwards), std::set<std::string>{"date"});
  const auto moved = community->send_json(
      "POST", move,
      Json{{"version", 1}, {"householdId", second}, {"relation", "head"}, {"date", "2024-03-01"}}
          .dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  const Json history = moved.json()["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["movedOut"], "2024-03-01");
  EXPECT_EQ(history[1]["movedIn"], "2024-03-01");
  EXPECT_TRUE(history[1]["movedOut"].is_null());
  EXPECT_EQ(moved.json()["person"]["grid"]["code"], kSecondGrid);
  const auto stale =
      community->send_json("POST", move, Json{{"version", 1}, {"date", "2025-01-01"}}.dump());
  EXPECT_EQ(stale.status, 409);
  const auto away =
      community->send_json("POST", move, Json{{"version", 2}, {"date", "2025-01-01"}}.dump());
  ASSERT_EQ(away.status, 200) << away.body;
  EXPECT_EQ(away.json()["person"]["movedOut"], "2025-01-01");
  EXPECT_TRUE(away.json()["household"].is_null());
  // Moved away: out of the default list, still found with includeMovedOut.
  EXPECT_EQ(community->get("/api/v1/residents/persons").json()["total"], 0);
  EXPECT_EQ(community->get("/api/v1/residents/persons?includeMovedOut=true").json()["total"], 1);

  // The subject-access export: everything in clear, audited with the reason.
  const auto exported = community->send_json("POST", "/api/v1/residents/persons/" + id + "/export",
                                             Json{{"reason", "本人申请查阅个人信息"}}.dump());
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.json()["person"]["name"], "张志强");
  EXPECT_EQ(exported.json()["history"][0]["household"]["address"], "畅家巷12号楼3单元502室");
  EXPECT_EQ(audited("residents.person.export"), 1);
  // Outside the community's scope, the record does not exist.
  auto neighbour_worker = as("wangge1");
  const auto elsewhere = neighbour_worker->get("/api/v1/residents/persons/" + id);
  EXPECT_EQ(elsewhere.status, 404) << "moved away from the grid worker's grid";
}

// A visit as a grid worker's phone sends it.
Json visit(const std::string& key, const std::string& on) {
  return {{"key", key},         {"visitedOn", on},
          {"met", "person"},    {"health", "fair"},
          {"living", "good"},   {"safety", "none"},
          {"needs", {"meals"}}, {"note", "老人腿脚不便，需要助餐"}};
}

TEST_P(ResidentsApiTest, TheOverdueListOnThe25thShowsExactlyTheUnvisitedTargets) {
  clock_.set(parse_date("2026-11-25") + std::chrono::hours(2));  // 10:00 in China
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const auto person = [&](const std::string& name, const std::string& birth, int sequence,
                          const char* tag, const std::string& relation) {
    const auto made = add_person(*community, home, name, id_number(birth, sequence), relation,
                                 Json::array({{{"key", tag}}}));
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json()["person"]["id"].get<int64_t>();
  };
  const int64_t visited = person("马秀英", "19410312", 502, "special_hardship_elderly", "head");
  const int64_t last_month = person("陈国华", "19560811", 511, "living_alone", "sibling");
  const int64_t never = person("赵小军", "20150909", 521, "left_behind_child", "grandchild");
  const int64_t not_a_target = person("王建国", "19480705", 531, "empty_nest", "parent");
  // The neighbouring community's person: outside the grid worker's scope.
  auto neighbour = as("neighbour", kNeighbourPassword);
  const auto far =
      neighbour->send_json("POST", "/api/v1/residents/households",
                           Json{{"gridCode", kSiblingGrid}, {"address", "雁南路 1 号"}}.dump());
  ASSERT_EQ(far.status, 201) << far.body;
  const int64_t elsewhere =
      add_person(*neighbour, far.json()["id"].get<int64_t>(), "何秀兰", id_number("19430919", 542),
                 "head", Json::array({{{"key", "special_hardship_elderly"}}}))
          .json()["person"]["id"]
          .get<int64_t>();

  auto worker = as("wangge1");
  const auto visits_of = [](int64_t id) {
    return "/api/v1/residents/persons/" + std::to_string(id) + "/visits";
  };
  const auto recorded =
      worker->send_json("POST", visits_of(visited), visit("phone-1-0001", "2026-11-10").dump());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.json()["visitor"]["username"], "wangge1");
  EXPECT_EQ(recorded.json()["note"], "老人腿脚不便，需要助餐");
  ASSERT_EQ(
      worker->send_json("POST", visits_of(last_month), visit("phone-1-0002", "2026-10-20").dump())
          .status,
      201);
  // Sent again after the signal came back: kept once.
  const auto again =
      worker->send_json("POST", visits_of(visited), visit("phone-1-0001", "2026-11-10").dump());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["replayed"].get<bool>());
  EXPECT_EQ(again.json()["id"], recorded.json()["id"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit"), 2);
  // The same key for another visit, a visit in the future, one out of scope.
  const auto reused =
      worker->send_json("POST", visits_of(visited), visit("phone-1-0001", "2026-11-11").dump());
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(fields_of(reused), std::set<std::string>{"key"});
  const auto future =
      worker->send_json("POST", visits_of(never), visit("phone-1-0003", "2026-11-26").dump());
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(fields_of(future), std::set<std::string>{"visitedOn"});
  EXPECT_EQ(
      worker->send_json("POST", visits_of(elsewhere), visit("phone-1-0004", "2026-11-20").dump())
          .status,
      404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit"), 2) << "nothing half-written";
  // Sealed: the note is not in the database in clear.
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit WHERE note_sealed LIKE '%助餐%'"), 0);

  // On the 25th: the child never visited, then the man last seen in October; not the woman seen
  // this month, not the empty-nest man (not a target by default), not the neighbour's.
  const auto overdue = worker->get("/api/v1/residents/visits/overdue");
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  const Json items = overdue.json()["items"];
  ASSERT_EQ(overdue.json()["total"], 2) << overdue.body;
  EXPECT_EQ(items[0]["person"]["id"], never);
  EXPECT_TRUE(items[0]["lastVisit"].is_null());
  EXPECT_EQ(items[0]["daysSince"], 24) << "since the month began";
  EXPECT_EQ(items[1]["person"]["id"], last_month);
  EXPECT_EQ(items[1]["lastVisit"], "2026-10-20");
  EXPECT_EQ(items[1]["daysSince"], 36);
  EXPECT_EQ(items[1]["periodStart"], "2026-11-01");
  const Json todos = worker->get("/api/v1/workbench/todos").json()["items"];
  const auto todo = std::find_if(todos.begin(), todos.end(), [](const Json& t) {
    return t["code"] == "residents.visits.overdue";
  });
  ASSERT_NE(todo, todos.end());
  EXPECT_EQ((*todo)["count"], 2);

  // The province makes empty-nest elderly quarterly targets; the city takes it back.
  auto province = as("admin");
  const auto set =
      province->send_json("PUT", "/api/v1/residents/care-rules/620000000000",
                          Json{{"rules", {{{"tag", "empty_nest"}, {"everyMonths", 3}}}}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(worker->get("/api/v1/residents/visits/overdue").json()["total"], 3);
  const auto listed = worker->get("/api/v1/residents/visits/overdue").json()["items"];
  EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [&](const Json& t) {
    return t["person"]["id"] == not_a_target && t["periodStart"] == "2026-10-01";
  }));
  ASSERT_EQ(as("lanzhou")
                ->send_json("PUT", "/api/v1/residents/care-rules/620100000000",
                            Json{{"rules", {{{"tag", "empty_nest"}, {"everyMonths", 0}}}}}.dump())
                .status,
            200);
  EXPECT_EQ(worker->get("/api/v1/residents/visits/overdue").json()["total"], 2);
  const auto county =
      province->send_json("PUT", "/api/v1/residents/care-rules/620102000000",
                          Json{{"rules", {{{"tag", "vip"}, {"everyMonths", 2}}}}}.dump());
  EXPECT_EQ(county.status, 400);
  EXPECT_EQ(fields_of(county),
            (std::set<std::string>{"code", "rules[0].tag", "rules[0].everyMonths"}));
}

TEST_P(ResidentsApiTest, AReferralReachesTheTownshipAndItsDecisionComesBack) {
  // 酒泉路街道's demo account (township_admin) decides the referral.
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const auto made = add_person(*community, home, "马海军", id_number("19750610", 611));
  ASSERT_EQ(made.status, 201);
  const int64_t id = made.json()["person"]["id"].get<int64_t>();
  Json body = visit("phone-2-0001", "2026-11-28");
  body["needs"] = {"assistance"};
  body["refer"] = "subsistence";
  body["referReason"] = "户主失业，家庭收入骤降";
  auto worker = as("wangge1");
  const auto recorded = worker->send_json(
      "POST", "/api/v1/residents/persons/" + std::to_string(id) + "/visits", body.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const Json referral = recorded.json()["referral"];
  EXPECT_EQ(referral["status"], "referred");
  EXPECT_EQ(referral["township"]["code"], "620102001000");
  const std::string decision =
      "/api/v1/residents/referrals/" + std::to_string(referral["id"].get<int64_t>()) + "/decision";

  auto township = as("jiuquanlu");
  const auto listed = township->get("/api/v1/residents/referrals?status=referred");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["total"], 1);
  EXPECT_EQ(listed.json()["items"][0]["person"]["name"], "马*军");
  // The community sees it but does not decide it; the township takes it up, then decides.
  EXPECT_EQ(community
                ->send_json("POST", decision,
                            Json{{"version", 1}, {"status", "granted"}, {"reason", "符合"}}.dump())
                .status,
            403);
  const auto taken = township->send_json(
      "POST", decision, Json{{"version", 1}, {"status", "under_assessment"}}.dump());
  ASSERT_EQ(taken.status, 200) << taken.body;
  const auto no_grounds =
      township->send_json("POST", decision, Json{{"version", 2}, {"status", "granted"}}.dump());
  EXPECT_EQ(no_grounds.status, 400);
  EXPECT_EQ(fields_of(no_grounds), std::set<std::string>{"reason"});
  const auto granted = township->send_json(
      "POST", decision,
      Json{{"version", 2}, {"status", "granted"}, {"reason", "经入户核查，符合低保条件"}}.dump());
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(township
                ->send_json("POST", decision,
                            Json{{"version", 3}, {"status", "refused"}, {"reason", "重复"}}.dump())
                .status,
            409)
      << "decided once";
  const Json back = community->get("/api/v1/residents/referrals").json()["items"][0];
  EXPECT_EQ(back["status"], "granted");
  EXPECT_EQ(back["reason"], "经入户核查，符合低保条件");
  EXPECT_FALSE(back["decidedAt"].is_null());
  EXPECT_EQ(audited("residents.referral.decide"), 2);
}

// A finding that needs action opens a request (诉求) with the visit, in the person's grid: once
// however often the phone sends it, and not at all when the visit or the request is refused.
TEST_P(ResidentsApiTest, AFindingThatNeedsActionOpensARequestWithTheVisit) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const auto made = add_person(*community, home, "马海军", id_number("19750610", 611));
  ASSERT_EQ(made.status, 201);
  const std::string visits = "/api/v1/residents/persons/" +
                             std::to_string(made.json()["person"]["id"].get<int64_t>()) + "/visits";
  auto worker = as("wangge1");
  const int64_t cases = count("SELECT COUNT(*) FROM request_case");

  // Refused with the visit's own problems, all at once; nothing is written.
  Json bad = visit("phone-3-0001", "2026-11-28");
  bad["health"] = "splendid";
  bad["request"] = {{"categoryCode", "no.such"}, {"description", "楼道堆放杂物"}};
  const auto refused = worker->send_json("POST", visits, bad.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused), (std::set<std::string>{"health", "request.categoryCode"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case"), cases);

  Json body = visit("phone-3-0002", "2026-11-28");
  body["lat"] = 36.0612;
  body["lon"] = 103.8343;
  body["request"] = {{"categoryCode", "municipal.streetlight"},
                     {"description", "单元门口路灯不亮，老人夜间出入不便"}};
  const auto recorded = worker->send_json("POST", visits, body.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  ASSERT_TRUE(recorded.json()["requestId"].is_number()) << recorded.body;
  const int64_t request = recorded.json()["requestId"].get<int64_t>();
  const auto again = worker->send_json("POST", visits, body.dump());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["requestId"], request);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case"), cases + 1) << "opened once";
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_case WHERE id = $1 AND channel = 'patrol' AND "
                  "external_id = 'phone-3-0002' AND grid_code = $2",
                  {request, std::string(kGrid)}),
            1);

  // The community leads it, as any request of its grid; it does not name the person.
  const auto led = community->get("/api/v1/requests/" + std::to_string(request));
  ASSERT_EQ(led.status, 200) << led.body;
  EXPECT_EQ(led.json()["case"]["unit"]["code"], "620102001001");
  EXPECT_EQ(led.json()["case"]["description"], "单元门口路灯不亮，老人夜间出入不便");
  EXPECT_EQ(led.json()["case"]["contactName"], "");
  // The person's visits show it.
  EXPECT_EQ(community->get(visits).json()["items"][0]["requestId"], request);
}

// Indicator 12 (特殊困难老人月探访率) of a community made by hand, counted by hand: in November
// three special-hardship elderly live there (one moved in on the 15th) and one of them was
// visited (twice); in October two lived there and one was visited. A person living alone who was
// visited is no part of it.
TEST_P(ResidentsApiTest, Indicator12IsTheShareOfSpecialHardshipElderlyVisitedThatMonth) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const int64_t later = household(*community, kSecondGrid, "畅家巷23号楼1单元301室");
  const Json hardship = Json::array({{{"key", "special_hardship_elderly"}}});
  const auto add = [&](int64_t where, const std::string& name, const std::string& birth,
                       int sequence, const std::string& relation, const Json& tags,
                       const std::string& moved_in) {
    const auto made = community->send_json("POST", "/api/v1/residents/persons",
                                           Json{{"householdId", where},
                                                {"relation", relation},
                                                {"name", name},
                                                {"idNumber", id_number(birth, sequence)},
                                                {"movedIn", moved_in},
                                                {"tags", tags}}
                                               .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json()["person"]["id"].get<int64_t>();
  };
  const int64_t a = add(home, "马秀英", "19410312", 702, "head", hardship, "2018-05-01");
  const int64_t b = add(home, "吴玉兰", "19450222", 712, "parent", hardship, "2018-05-01");
  add(later, "赵淑珍", "19380527", 722, "head", hardship, "2026-11-15");
  const int64_t alone = add(home, "陈国华", "19560811", 731, "sibling",
                            Json::array({{{"key", "living_alone"}}}), "2018-05-01");
  auto worker = as("wangge1");
  int n = 0;
  for (const auto& [who, on] : std::vector<std::pair<int64_t, std::string>>{
           {a, "2026-11-05"}, {a, "2026-11-20"}, {b, "2026-10-28"}, {alone, "2026-11-06"}}) {
    const auto recorded =
        worker->send_json("POST", "/api/v1/residents/persons/" + std::to_string(who) + "/visits",
                          visit("hand-count-" + std::to_string(++n), on).dump());
    ASSERT_EQ(recorded.status, 201) << recorded.body;
  }
  const std::string community_code = "620102001001", street = "620102001000";
  const auto answer =
      as("chengguan")
          ->get("/api/v1/analytics?indicators=12&periods=202610,202611&units=" + community_code +
                "," + street);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const Json body = answer.json();
  std::map<std::string, Json> rows;
  for (const Json& row : body["rows"]) {
    rows[row["unit"].get<std::string>() + "@" + row["period"].get<std::string>()] = row;
  }
  for (const std::string& unit : {community_code, street}) {
    const Json november = rows.at(unit + "@202611");
    EXPECT_EQ(november["numerator"], 1) << unit;
    EXPECT_EQ(november["denominator"], 3) << unit;
    EXPECT_NEAR(november["value"].get<double>(), 100.0 / 3, 1e-9) << unit;
    const Json october = rows.at(unit + "@202610");
    EXPECT_EQ(october["numerator"], 1) << unit;
    EXPECT_EQ(october["denominator"], 2) << unit;
  }
}

// PIPL: three years after moving away a person's identity goes; their record still counts.
// The monthly reminder: from the 20th, each grid worker whose grids keep care targets not yet
// visited this period finds one message saying how many, once a month, in their own inbox only.
TEST_P(ResidentsApiTest, GridWorkersAreRemindedOnceAMonthOfTargetsNotYetVisited) {
  clock_.set(parse_date("2026-11-19") + std::chrono::hours(2));  // 10:00 in China
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const auto target = [&](int64_t in, const std::string& name, const std::string& birth,
                          int sequence, const char* tag, const std::string& relation) {
    const auto made = add_person(*community, in, name, id_number(birth, sequence), relation,
                                 Json::array({{{"key", tag}}}));
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json()["person"]["id"].get<int64_t>();
  };
  const int64_t visited =
      target(home, "马秀英", "19410312", 602, "special_hardship_elderly", "head");
  target(home, "赵小军", "20150909", 621, "left_behind_child", "grandchild");
  // The second grid has a target too, and no grid worker: nobody is reminded of it.
  target(household(*community, kSecondGrid, "畅家巷23号楼1单元301室"), "陈国华", "19560811", 611,
         "living_alone", "head");
  auto worker = as("wangge1");
  ASSERT_EQ(
      worker
          ->send_json("POST", "/api/v1/residents/persons/" + std::to_string(visited) + "/visits",
                      visit("remind-0001", "2026-11-10").dump())
          .status,
      201);

  // The day's run of the scheduled job (once a day, whichever thread or server takes it), at
  // 09:00 in China: what it reported.
  auto& runner = services_->service<jobs::JobRunner>();
  const auto remind_on = [&](const std::string& date) -> Json {
    clock_.set(parse_date(date) + std::chrono::hours(1));
    const int64_t slot = std::chrono::floor<std::chrono::days>(clock_.now().time_since_epoch() +
                                                               std::chrono::hours(8))
                             .count();
    for (int attempt = 0; attempt < 500; ++attempt) {
      std::optional<std::string> result;
      EXPECT_TRUE(services_->database().read([&](storage::Session& s) -> Status {
        const storage::Value params[] = {slot};
        SHEQU_ASSIGN_OR_RETURN(
            auto row, s.query_one("SELECT result FROM job WHERE kind = 'residents.visits.remind' "
                                  "AND schedule_slot = $1 AND state = 'done'",
                                  params));
        if (row) result = row->text(0);
        return {};
      }));
      if (result) return Json::parse(*result);
      EXPECT_TRUE(runner.run_once());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the reminder of " << date << " did not run";
    return Json{{"month", ""}, {"reminded", -1}, {"targets", -1}};
  };
  // Each day's clients sign in afresh (a session of the day before has expired).
  const auto inbox = [&](const std::string& user) {
    const auto listed = as(user)->get("/api/v1/inbox");
    EXPECT_EQ(listed.status, 200) << listed.body;
    return listed.json();
  };
  const auto unread_todo = [&](const std::string& user) {
    const Json todos = as(user)->get("/api/v1/workbench/todos").json()["items"];
    for (const Json& t : todos) {
      if (t["code"] == "inbox.unread") return t["count"].get<int64_t>();
    }
    ADD_FAILURE() << "no inbox.unread to-do";
    return int64_t{-1};
  };

  // Before the 20th: nothing.
  EXPECT_EQ(remind_on("2026-11-19")["reminded"], 0);
  EXPECT_EQ(inbox("wangge1")["total"], 0);

  // On the 20th: the grid worker, of the one target of their grid not yet seen this month.
  const Json first = remind_on("2026-11-20");
  EXPECT_EQ(first["month"], "2026-11");
  EXPECT_EQ(first["reminded"], 1);
  EXPECT_EQ(first["targets"], 1);
  Json mine = inbox("wangge1");
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  EXPECT_EQ(mine["unread"], 1);
  const Json message = mine["items"][0];
  EXPECT_EQ(message["kind"], "residents.visits.reminder");
  EXPECT_EQ(message["title"], "走访提醒：本期还有 1 位关爱对象未走访");
  EXPECT_NE(message["body"].get<std::string>().find("1 位关爱对象"), std::string::npos);
  EXPECT_EQ(message["link"], "/residents/visits/overdue");
  EXPECT_TRUE(message["readAt"].is_null());
  EXPECT_EQ(unread_todo("wangge1"), 1);
  // The next day's run, and the command an operator runs by hand: left once.
  EXPECT_EQ(remind_on("2026-11-21")["reminded"], 0);
  const auto by_hand =
      services_->service<residents::VisitService>().remind_overdue("620000000000", "2026-11-21");
  ASSERT_TRUE(by_hand);
  EXPECT_EQ(by_hand->reminded, 0);
  EXPECT_EQ(inbox("wangge1")["total"], 1);
  // Only the grid worker's: the community's worker has none, and cannot read or mark theirs.
  EXPECT_EQ(inbox("changjiaxiang")["total"], 0);
  const std::string read_path =
      "/api/v1/inbox/" + std::to_string(message["id"].get<int64_t>()) + "/read";
  EXPECT_EQ(as("changjiaxiang")->send_json("POST", read_path, "").status, 404);
  EXPECT_EQ(inbox("wangge1")["unread"], 1) << "still unread";
  // A resident has no inbox here.
  EXPECT_EQ(as("jumin1")->get("/api/v1/inbox").status, 403);

  worker = as("wangge1");
  const auto read = worker->send_json("POST", read_path, "");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(read.json()["readAt"].is_null());
  EXPECT_EQ(inbox("wangge1")["unread"], 0);
  EXPECT_EQ(unread_todo("wangge1"), 0);
  EXPECT_EQ(worker->get("/api/v1/inbox?unread=true").json()["total"], 0);

  // Next month both targets of the grid are due again: a new reminder, read with the rest.
  const Json next = remind_on("2026-12-20");
  EXPECT_EQ(next["reminded"], 1);
  EXPECT_EQ(next["targets"], 2);
  mine = inbox("wangge1");
  ASSERT_EQ(mine["total"], 2);
  EXPECT_EQ(mine["items"][0]["title"], "走访提醒：本期还有 2 位关爱对象未走访") << "newest first";
  const auto all = as("wangge1")->send_json("POST", "/api/v1/inbox/read", "");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["read"], 1);
  EXPECT_EQ(inbox("wangge1")["unread"], 0);
}

TEST_P(ResidentsApiTest, SomeoneWhoMovedAwayLongAgoIsAnonymisedAndStillCounted) {
  auto community = as("changjiaxiang");
  const int64_t home = household(*community, kGrid);
  const std::string id = id_number("19900716", 811);
  const auto long_ago = add_person(*community, home, "周明", id, "head",
                                   Json::array({{{"key", "living_alone"}}}), "13993100108");
  const auto recently =
      add_person(*community, home, "孙立新", id_number("19790130", 821), "spouse");
  ASSERT_EQ(long_ago.status, 201);
  ASSERT_EQ(recently.status, 201);
  const std::string gone = std::to_string(long_ago.json()["person"]["id"].get<int64_t>());
  const std::string still = std::to_string(recently.json()["person"]["id"].get<int64_t>());
  ASSERT_EQ(as("wangge1")
                ->send_json("POST", "/api/v1/residents/persons/" + gone + "/visits",
                            visit("anonymise-0001", "2026-11-10").dump())
                .status,
            201);
  for (const auto& [who, on] : {std::pair{gone, "2023-06-30"}, std::pair{still, "2024-12-01"}}) {
    ASSERT_EQ(community
                  ->send_json("POST", "/api/v1/residents/persons/" + who + "/move",
                              Json{{"version", 1}, {"date", on}}.dump())
                  .status,
              200);
  }
  auto& residents = services_->service<residents::ResidentService>();
  const auto anonymised = residents.anonymise_moved_away();
  ASSERT_TRUE(anonymised) << anonymised.error().message.en << anonymised.error().internal_detail;
  EXPECT_EQ(*anonymised, 1) << "only the one gone more than three years";
  EXPECT_EQ(*residents.anonymise_moved_away(), 0) << "once";

  const Json person = community->get("/api/v1/residents/persons/" + gone).json()["person"];
  EXPECT_TRUE(person["anonymised"].get<bool>());
  EXPECT_EQ(person["name"], "");
  EXPECT_EQ(person["idNumber"], "");
  EXPECT_EQ(person["phone"], "");
  EXPECT_EQ(person["birthDate"], "1990-01-01") << "the year only";
  EXPECT_EQ(person["tags"].size(), 1u) << "counts and tags stay";
  EXPECT_EQ(
      community
          ->send_json("POST", "/api/v1/residents/persons/search", Json{{"idNumber", id}}.dump())
          .json()["items"]
          .size(),
      0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_person WHERE id = " + gone +
                  " AND (name_sealed IS NOT NULL OR id_number_sealed IS NOT NULL OR "
                  "id_number_index IS NOT NULL OR phone_sealed IS NOT NULL OR phone_index IS NOT "
                  "NULL)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_visit WHERE note_sealed IS NOT NULL"), 0);
  EXPECT_EQ(community->get("/api/v1/residents/persons?includeMovedOut=true").json()["total"], 2);
  EXPECT_EQ(audited("residents.person.anonymise"), 1);
  // The one who left recently keeps their name.
  EXPECT_EQ(community->get("/api/v1/residents/persons/" + still).json()["person"]["name"], "孙*新");
}

INSTANTIATE_TEST_SUITE_P(Backends, ResidentsApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
