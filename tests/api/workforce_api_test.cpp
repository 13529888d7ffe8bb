// The roster and training through the API (issue 15, ADR 0030), on the hand-made province: a
// county's roster and courses are kept by 兰州市's official, and indicators 7, 14, 15, 20, 24,
// 25, 27 and 28 for 永登县 and its units equal the counts worked out by hand below, on both
// databases; a unit without a roster keeps its entered value, one with a roster has its entered
// value replaced. Then the bad input of the issue, each refused with its reason and nothing
// written: a second full-time post at once, an attendance after the course ended, an unknown
// qualification, a class list with bad rows.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/hand_made_province.hpp"
#include "api/resident_ids.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kWorkers = "/api/v1/workforce/workers";
constexpr const char* kCourses = "/api/v1/workforce/courses";

class WorkforceApiTest : public HandMadeProvinceTest {
 protected:
  // Registers a worker with a first post: the worker's id.
  int64_t worker(const std::string& unit, const std::string& position, bool social_service,
                 const std::string& started_on = "2020-01-01") {
    ++serial_;
    const Json body{{"unit", unit},
                    {"name", fmt::format("工作者{}", serial_)},
                    {"phone", fmt::format("1399310{:04}", serial_)},
                    {"idNumber", id_number("19800101", 100 + serial_)},
                    {"socialService", social_service},
                    {"position", position},
                    {"startedOn", started_on}};
    const auto made = official_->send_json("POST", kWorkers, body.dump());
    EXPECT_EQ(made.status, 201) << body << ": " << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  int64_t post(int64_t worker, const std::string& unit, const std::string& position,
               const std::string& started_on = "2020-01-01") {
    const auto made = official_->send_json(
        "POST", fmt::format("{}/{}/posts", kWorkers, worker),
        Json{{"unit", unit}, {"position", position}, {"startedOn", started_on}}.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  int64_t course(const std::string& organiser, const std::string& level, int hours,
                 const std::string& starts, const std::string& ends) {
    const Json body{{"organiser", organiser}, {"title", "培训班 " + starts},
                    {"level", level},         {"form", "on_site"},
                    {"hours", hours},         {"startsOn", starts},
                    {"endsOn", ends}};
    const auto made = official_->send_json("POST", kCourses, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  HttpResult attend(int64_t course, int64_t worker, const std::string& on,
                    std::optional<int> hours = std::nullopt) {
    Json body{{"worker", worker}, {"completedOn", on}};
    if (hours) body["hours"] = *hours;
    return official_->send_json("POST", fmt::format("{}/{}/attendance", kCourses, course),
                                body.dump());
  }
  void enter(const std::string& indicator, const std::string& unit, int numerator,
             int denominator) {
    const auto saved = official_->send_json(
        "PUT", fmt::format("/api/v1/indicators/{}/values/{}/2026", indicator, unit),
        Json{{"numerator", numerator}, {"denominator", denominator}, {"version", 0}}.dump());
    ASSERT_EQ(saved.status, 200) << indicator << " " << unit << ": " << saved.body;
  }

  int serial_ = 0;
};

// The roster of 永登县 on 2026-11-30 (the tests' today), worked out below.
struct Roster {
  int64_t a, b, c, d, e, f, g, h, i, j, k;
};

TEST_P(WorkforceApiTest, TheWorkforceRowsOfACountyEqualTheCountsWorkedOutByHand) {
  Roster r{};
  // C4 (城关镇社区, 1,800 urban residents): a 一肩挑 in social services, b a committee member
  // and children's director, c a full-time worker and disaster officer in social services, d a
  // grid worker and reserve candidate, e a full-time worker whose reserve candidacy ended.
  r.a = worker(kC4, "secretary_director", true);
  r.b = worker(kC4, "committee_member", false);
  post(r.b, kC4, "children_director");
  r.c = worker(kC4, "full_time_worker", true);
  post(r.c, kC4, "disaster_officer");
  r.d = worker(kC4, "grid_worker", false);
  post(r.d, kC4, "reserve_secretary");
  r.e = worker(kC4, "full_time_worker", false);
  const int64_t reserve = post(r.e, kC4, "reserve_secretary");
  const auto ended =
      official_->send_json("POST", fmt::format("{}/{}/posts/{}/end", kWorkers, r.e, reserve),
                           Json{{"endedOn", "2026-06-30"}}.dump());
  ASSERT_EQ(ended.status, 200) << ended.body;
  // V1 (东村): f the secretary, g the director, h a committee member and reserve candidate, i a
  // children's director only.
  r.f = worker(kV1, "secretary", false);
  r.g = worker(kV1, "director", false);
  r.h = worker(kV1, "committee_member", false);
  post(r.h, kV1, "reserve_secretary");
  r.i = worker(kV1, "children_director", false);
  // 城关镇 has its minors-protection officer; 柳树乡's V3 has a roster of one, and no officer.
  r.j = worker(kTown, "minors_officer", false);
  r.k = worker(kV3, "secretary_director", false);
  // V2 keeps no roster: its entered values stand. V1's entered value of row 24 gives way to
  // its roster.
  enter("24", kV2, 1, 2);
  enter("24", kV1, 2, 2);

  const int64_t county = course(kYongdeng, "county", 24, "2026-03-01", "2026-03-03");
  const int64_t township_2025 = course(kTown, "township", 8, "2025-01-10", "2025-01-10");
  const int64_t township_2024 = course(kTown, "township", 8, "2024-06-01", "2024-06-01");
  const int64_t children = course(kTown, "township", 4, "2026-05-10", "2026-05-10");
  const int64_t online = course(kLanzhou, "city", 120, "2025-01-01", "2026-10-31");
  for (const auto& [c, w, on, hours] : std::vector<std::tuple<int64_t, int64_t, const char*, int>>{
           {county, r.a, "2026-03-03", 0},
           {county, r.f, "2026-03-03", 0},
           {township_2025, r.b, "2025-01-10", 0},
           {township_2025, r.c, "2025-01-10", 0},
           {township_2024, r.d, "2024-06-01", 0},
           {children, r.b, "2026-05-10", 0},
           {online, r.a, "2026-10-31", 0},
           {online, r.c, "2026-10-31", 100}}) {
    const auto done = attend(c, w, on, hours > 0 ? std::optional(hours) : std::nullopt);
    ASSERT_EQ(done.status, 200) << done.body;
  }

  struct Expected {
    const char* indicator;
    const char* unit;
    double numerator;
    double denominator;
  };
  const std::vector<Expected> cases{
      // 7: people in a main post at a village or community (i holds none), per 10,000 urban
      // residents: C4 5, V1 3, V3 1 over C4's 1,800.
      {"7", kYongdeng, 9, 1800},
      {"7", kC4, 5, 1800},
      // 14: 城关镇 has its officer, 柳树乡 (whose V3 keeps a roster) none.
      {"14", kYongdeng, 1, 2},
      {"14", kTown, 1, 1},
      {"14", kLiushu, 0, 1},
      // 15: b trained this year, i not.
      {"15", kYongdeng, 1, 2},
      {"15", kC4, 1, 1},
      {"15", kV1, 0, 1},
      // 20: C4 has its officer; V1 and V3 keep rosters without; V2 none and nothing entered:
      // over the county's four villages and communities (X1 is virtual).
      {"20", kYongdeng, 1, 4},
      // 24: a and f trained at county level or above this year; g and k not; V2's entered 1 of 2
      // (V1's entered 2 of 2 gives way to its roster).
      {"24", kYongdeng, 3, 6},
      {"24", kV1, 1, 2},
      {"24", kV2, 1, 2},
      {"24", kTown, 3, 5},
      // 25: b and c trained within two years, d's was in 2024-06, e never; h never.
      {"25", kYongdeng, 2, 5},
      {"25", kC4, 2, 4},
      // 27: a has 24 + 120 hours, c 8 + 100.
      {"27", kYongdeng, 1, 2},
      {"27", kC4, 1, 2},
      // 28: reserves d (e's ended on 2026-06-30) and h; secretaries a, f and k.
      {"28", kYongdeng, 2, 3},
      {"28", kC4, 1, 1},
      {"28", kV3, 0, 1},
  };
  const auto rows =
      analytics(*official_, fmt::format("indicators=7,14,15,20,24,25,27,28&units={},{},{},{},{},"
                                        "{},{}&periods=2026",
                                        kYongdeng, kC4, kV1, kV2, kV3, kTown, kLiushu));
  for (const Expected& e : cases) {
    const std::string key = fmt::format("{}@{}@2026", e.indicator, e.unit);
    ASSERT_TRUE(rows.contains(key)) << key;
    const Json& row = rows.at(key);
    EXPECT_DOUBLE_EQ(row["numerator"].get<double>(), e.numerator) << key << " " << row;
    EXPECT_DOUBLE_EQ(row["denominator"].get<double>(), e.denominator) << key << " " << row;
  }
  EXPECT_EQ(rows.at(fmt::format("24@{}@2026", kV1))["source"], "records");
  EXPECT_EQ(rows.at(fmt::format("24@{}@2026", kV2))["source"], "entered");
  EXPECT_DOUBLE_EQ(rows.at(fmt::format("7@{}@2026", kYongdeng))["value"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(rows.at(fmt::format("28@{}@2026", kYongdeng))["value"].get<double>(), 2.0 / 3.0);

  // The entry page says which units' values come from the roster: V1's entry stays on record
  // beside the count that replaces it; V2, without a roster, has its entry only.
  const auto entries =
      official_->get(fmt::format("/api/v1/indicators/24/entries?unit={}&period=2026", kYongdeng));
  ASSERT_EQ(entries.status, 200) << entries.body;
  std::map<std::string, Json> entry_of;
  const Json entry_page = entries.json();
  for (const Json& item : entry_page["items"]) {
    entry_of[item["unit"]["code"].get<std::string>()] = item;
  }
  const std::map<std::string, std::optional<std::pair<int, int>>> counted{
      {kC4, std::pair{1, 1}}, {kV1, std::pair{1, 2}}, {kV2, std::nullopt}, {kV3, std::pair{0, 1}}};
  ASSERT_EQ(entry_of.size(), counted.size()) << entries.body;
  for (const auto& [unit, expected] : counted) {
    const Json& got = entry_of.at(unit)["counted"];
    if (!expected) {
      EXPECT_TRUE(got.is_null()) << unit << " " << got;
      continue;
    }
    ASSERT_TRUE(got.is_object()) << unit << " " << entries.body;
    EXPECT_EQ(got["numerator"], expected->first) << unit;
    EXPECT_EQ(got["denominator"], expected->second) << unit;
  }
  EXPECT_EQ(entry_of.at(kV1)["value"]["numerator"], 2);
  EXPECT_EQ(entry_of.at(kV2)["value"]["numerator"], 1);

  // Who still needs training in 永登县, and why.
  const auto needs =
      official_->get(fmt::format("/api/v1/workforce/training-needs?unit={}&year=2026", kYongdeng));
  ASSERT_EQ(needs.status, 200) << needs.body;
  std::map<int64_t, std::set<std::string>> why;
  const Json listed = needs.json();
  for (const Json& item : listed["items"]) {
    for (const Json& need : item["needs"]) {
      why[item["worker"]["id"].get<int64_t>()].insert(need.get<std::string>());
    }
  }
  const std::map<int64_t, std::set<std::string>> expected{
      {r.c, {"hours_120"}},       {r.d, {"biennial_training"}}, {r.e, {"biennial_training"}},
      {r.g, {"county_training"}}, {r.h, {"biennial_training"}}, {r.i, {"children_director"}},
      {r.k, {"county_training"}}};
  EXPECT_EQ(why, expected) << needs.body;
  EXPECT_EQ(listed["total"], 7);

  // A worker's record: every post, newest first, and the courses completed.
  const auto a = official_->get(fmt::format("{}/{}", kWorkers, r.a));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json()["worker"]["hours"], 144);
  EXPECT_EQ(a.json()["training"].size(), 2u);
  EXPECT_EQ(a.json()["worker"]["name"], "工**1");
}

TEST_P(WorkforceApiTest, BadRostersAndAttendanceAreRefusedWithTheirReasonsAndNothingWritten) {
  const int64_t w = worker(kC4, "full_time_worker", false, "2025-03-01");
  // A second main post while the first runs, here or elsewhere.
  const auto second = official_->send_json(
      "POST", fmt::format("{}/{}/posts", kWorkers, w),
      Json{{"unit", kV1}, {"position", "grid_worker"}, {"startedOn", "2026-01-01"}}.dump());
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_NE(second.body.find("同一时间只能有一个专职岗位"), std::string::npos) << second.body;
  // It names where the other post is (kC4), so that the reader knows where to end it.
  EXPECT_NE(second.json()["message"].get<std::string>().find("在城关镇社区居委会担任"),
            std::string::npos)
      << second.body;
  // Once ended, the next main post may begin after it.
  const auto posts = official_->get(fmt::format("{}/{}", kWorkers, w));
  const int64_t first = posts.json()["posts"][0]["id"];
  ASSERT_EQ(official_
                ->send_json("POST", fmt::format("{}/{}/posts/{}/end", kWorkers, w, first),
                            Json{{"endedOn", "2026-01-31"}}.dump())
                .status,
            200);
  EXPECT_EQ(
      official_
          ->send_json(
              "POST", fmt::format("{}/{}/posts", kWorkers, w),
              Json{{"unit", kV1}, {"position", "grid_worker"}, {"startedOn", "2026-01-20"}}.dump())
          .status,
      409);
  EXPECT_EQ(
      official_
          ->send_json(
              "POST", fmt::format("{}/{}/posts", kWorkers, w),
              Json{{"unit", kV1}, {"position", "grid_worker"}, {"startedOn", "2026-02-01"}}.dump())
          .status,
      201);

  // Every field's reason at once: a bad ID number, a certificate without a qualification, a
  // minors-protection officer at a community, a start after today.
  const auto bad = official_->send_json("POST", kWorkers,
                                        Json{{"unit", kC4},
                                             {"name", "李四"},
                                             {"phone", "12345"},
                                             {"idNumber", "620102198001011230"},
                                             {"certificateNumber", "ZG1"},
                                             {"position", "minors_officer"},
                                             {"startedOn", "2026-12-31"}}
                                            .dump());
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::set<std::string> fields;
  const Json refused = bad.json();
  for (const Json& d : refused["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"phone", "idNumber", "certificateNumber", "position",
                                           "startedOn"}))
      << bad.body;
  // An unknown qualification is the contract's refusal.
  const auto unknown = official_->send_json("POST", kWorkers,
                                            Json{{"unit", kC4},
                                                 {"name", "李四"},
                                                 {"phone", "13993100001"},
                                                 {"idNumber", id_number("19800101", 500)},
                                                 {"qualification", "master"},
                                                 {"position", "grid_worker"},
                                                 {"startedOn", "2026-01-01"}}
                                                .dump());
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_NE(unknown.body.find("qualification"), std::string::npos);
  // The same person twice.
  const Json twice{{"unit", kV1},
                   {"name", "工作者1"},
                   {"phone", "13993100001"},
                   {"idNumber", id_number("19800101", 101)},
                   {"position", "secretary"},
                   {"startedOn", "2026-01-01"}};
  EXPECT_EQ(official_->send_json("POST", kWorkers, twice.dump()).status, 409);

  // Attendance after the course ended, or before it began; hours above the course's.
  const int64_t c = course(kYongdeng, "county", 16, "2026-05-01", "2026-05-02");
  const auto late = attend(c, w, "2026-05-03", 20);
  ASSERT_EQ(late.status, 400) << late.body;
  EXPECT_NE(late.body.find("结业日期晚于培训班结束日期 2026-05-02"), std::string::npos);
  EXPECT_NE(late.body.find("\"hours\""), std::string::npos) << late.body;
  EXPECT_EQ(attend(c, w, "2026-04-30").status, 400);
  // A township cannot run a county course; a course cannot end before it starts.
  const auto wrong = official_->send_json("POST", kCourses,
                                          Json{{"organiser", kTown},
                                               {"title", "培训"},
                                               {"level", "county"},
                                               {"form", "online"},
                                               {"hours", 0},
                                               {"startsOn", "2026-05-02"},
                                               {"endsOn", "2026-05-01"}}
                                              .dump());
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  fields.clear();
  const Json wrong_body = wrong.json();
  for (const Json& d : wrong_body["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"level", "hours", "endsOn"})) << wrong.body;

  // A class list with bad rows records nothing; every bad row is named with its line.
  const std::string csv_bad = fmt::format(
      "身份证号,姓名,结业日期,学时\n{},工作者1,2026-05-02,16\n{},错名字,2026-05-02,\n"
      "620102199901011111,某人,2026-05-02,8\n{},工作者1,2026-05-09,8\n",
      id_number("19800101", 101), id_number("19800101", 101), id_number("19800101", 101));
  const std::vector<std::pair<std::string, std::string>> csv{{"content-type", "text/csv"}};
  const auto refused_import =
      official_->request("POST", fmt::format("{}/{}/attendance/import", kCourses, c), csv_bad, csv);
  ASSERT_EQ(refused_import.status, 400) << refused_import.body;
  std::set<int64_t> lines;
  const Json import_body = refused_import.json();
  for (const Json& d : import_body["details"]) lines.insert(d["line"].get<int64_t>());
  EXPECT_EQ(lines, (std::set<int64_t>{3, 4, 5})) << refused_import.body;
  const auto detail = official_->get(fmt::format("{}/{}", kCourses, c));
  EXPECT_EQ(detail.json()["course"]["completed"], 0) << detail.body;
  // The good rows alone are recorded.
  const auto good =
      official_->request("POST", fmt::format("{}/{}/attendance/import", kCourses, c),
                         fmt::format("身份证号,姓名,结业日期,学时\n{},工作者1,2026-05-02,\n",
                                     id_number("19800101", 101)),
                         csv);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json()["recorded"], 1);
  const auto recorded = official_->get(fmt::format("{}/{}", kWorkers, w));
  EXPECT_EQ(recorded.json()["worker"]["hours"], 16) << recorded.body;
  // Recorded twice: refused.
  EXPECT_EQ(attend(c, w, "2026-05-02").status, 409);
}

TEST_P(WorkforceApiTest, ACommunityReadsItsOwnRosterOnlyAndKeepsNone) {
  const int64_t here = worker(kC1, "full_time_worker", false);
  const int64_t there = worker(kC2, "full_time_worker", false);
  auto community = as("changjiaxiang");  // 畅家巷社区 (kC1)
  const auto listed = community->get(kWorkers);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["total"], 1);
  EXPECT_EQ(community->get(fmt::format("{}/{}", kWorkers, here)).status, 200);
  EXPECT_EQ(community->get(fmt::format("{}/{}", kWorkers, there)).status, 404);
  const Json body{{"unit", kC1},
                  {"name", "张三"},
                  {"phone", "13993100009"},
                  {"idNumber", id_number("19800101", 900)},
                  {"position", "grid_worker"},
                  {"startedOn", "2026-01-01"}};
  EXPECT_EQ(community->send_json("POST", kWorkers, body.dump()).status, 403);
}

TEST_P(WorkforceApiTest, AWorkerIsFoundExactlyByIdNumberWithinScopeAndEverySearchIsAudited) {
  const int64_t here = worker(kC1, "full_time_worker", false);
  const std::string here_id = id_number("19800101", 100 + serial_);
  worker(kC2, "full_time_worker", false);
  const std::string there_id = id_number("19800101", 100 + serial_);
  const auto audited = [this] {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = 'workforce.worker.search'");
  };
  const std::string search = std::string(kWorkers) + "/search";
  auto community = as("changjiaxiang");  // 畅家巷社区 (kC1)
  const auto found = community->send_json("POST", search, Json{{"idNumber", here_id}}.dump());
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json()["items"][0]["id"], here);
  EXPECT_EQ(found.json()["items"][0]["idNumber"].get<std::string>().find("***"), 3u);
  // Another community's worker is not found from here; the official over both finds them.
  const auto elsewhere = community->send_json("POST", search, Json{{"idNumber", there_id}}.dump());
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.body;
  EXPECT_EQ(elsewhere.json()["total"], 0);
  EXPECT_EQ(
      official_->send_json("POST", search, Json{{"idNumber", there_id}}.dump()).json()["total"], 1);
  EXPECT_EQ(audited(), 3);
  // Not an ID number: refused, and nothing looked up.
  const auto bad = community->send_json("POST", search, R"({"idNumber":"620102198001011230"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("idNumber"), std::string::npos);
  EXPECT_EQ(audited(), 3);
  // The list takes no ID number in its query, where an access log would keep it.
  EXPECT_EQ(official_->get(std::string(kWorkers) + "?idNumber=" + here_id).status, 400);
}

TEST_P(WorkforceApiTest, AChangeWithoutAPhoneKeepsTheOneHeld) {
  const int64_t w = worker(kC1, "full_time_worker", false);
  const std::string path = fmt::format("{}/{}", kWorkers, w);
  const auto before = official_->get(path);
  ASSERT_EQ(before.status, 200) << before.body;
  const Json held = before.json()["worker"];
  const auto changed = official_->send_json("PUT", path,
                                            Json{{"qualification", "assistant"},
                                                 {"certificateNumber", "ZG2026001"},
                                                 {"socialService", true},
                                                 {"version", held["version"]}}
                                                .dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["phone"], held["phone"]);
  EXPECT_EQ(changed.json()["qualification"], "assistant");
  const auto phoned = official_->send_json("PUT", path,
                                           Json{{"phone", "13800138000"},
                                                {"qualification", "assistant"},
                                                {"certificateNumber", "ZG2026001"},
                                                {"socialService", true},
                                                {"version", changed.json()["version"]}}
                                               .dump());
  ASSERT_EQ(phoned.status, 200) << phoned.body;
  EXPECT_NE(phoned.json()["phone"], held["phone"]);
  EXPECT_EQ(phoned.json()["phone"].get<std::string>().substr(7), "8000");
}

TEST_P(WorkforceApiTest, TheRosterDownloadsAsTheListShowsItMaskedInWordsAndAudited) {
  const int64_t w = worker(kC4, "secretary_director", true);
  post(w, kC4, "disaster_officer");
  worker(kV1, "grid_worker", false);
  const auto list = official_->get(fmt::format("{}?unit={}&pageSize=200", kWorkers, kYongdeng));
  ASSERT_EQ(list.status, 200) << list.body;
  const Json items = list.json()["items"];
  const auto reply = official_->get(fmt::format("{}.xlsx?unit={}", kWorkers, kYongdeng));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto sheet = read_first_sheet(reply.body);
  ASSERT_TRUE(sheet) << "not a workbook";
  ASSERT_EQ(sheet->size(), items.size() + 1);
  EXPECT_EQ((*sheet)[0][0], "姓名（已脱敏）");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& row = (*sheet)[i + 1];
    ASSERT_GE(row.size(), 5u) << i;
    EXPECT_EQ(row[0], items[i]["name"]) << i;
    EXPECT_EQ(row[2], items[i]["idNumber"]) << i;
    EXPECT_NE(row[2].find("***"), std::string::npos) << row[2];
    EXPECT_NE(row[3].find(" › "), std::string::npos) << row[3];
  }
  const auto& first = (*sheet)[1];
  EXPECT_EQ(first[4], "书记、主任一肩挑、灾害信息员");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.list.export' AND "
                  "object_id = '/api/v1/workforce/workers.xlsx'"),
            1);
  // A community reads its own roster only; its download holds no other.
  auto community = as("changjiaxiang");
  const auto theirs = community->get(std::string(kWorkers) + ".xlsx");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(read_first_sheet(theirs.body)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkforceApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
