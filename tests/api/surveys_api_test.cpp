// Satisfaction surveys (满意度调查) through the API, on both databases: a community surveys its
// residents anonymously; residents answer on /h5/ and the grid worker fills it in with one
// during a visit; each resident answers once, a household survey once per household; the results
// show the response rate, shares and the rating's mean with an interval worked out by hand, and
// keep no link from an anonymous answer to a person, not even in the audit log. Questions
// changed after publishing are a new version. Bad surveys and answers are refused with every
// reason at once and nothing stored. Indicator 22 for the hand-made county equals the hand count.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/hand_made_province.hpp"
#include "api/resident_ids.hpp"
#include "auth/accounts.hpp"
#include "support/scratch.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kStreet = "620102001000";     // 酒泉路街道
constexpr const char* kGrid = "620102001001001";    // wangge1's grid
constexpr const char* kSecondGrid = "620102001001002";
constexpr const char* kNeighbour = "620102001002";
constexpr const char* kResidentPassword = "Matrix#Shequ2026x";
constexpr const char* kSurveys = "/api/v1/surveys";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

Json answer(const std::string& question, Json choices = Json::array(), Json rating = nullptr,
            Json text = nullptr) {
  return {{"question", question}, {"choices", choices}, {"rating", rating}, {"text", text}};
}

// A rating, whether they took part in activities, why not (asked only of those who did not), and
// what they would like more of.
Json questions() {
  return Json::array(
      {{{"id", "overall"}, {"kind", "rating"}, {"title", "您对社区服务的总体满意度"}},
       {{"id", "joined"},
        {"kind", "single"},
        {"title", "过去一年您是否参加过社区活动"},
        {"options", {{{"id", "yes"}, {"label", "参加过"}}, {{"id", "no"}, {"label", "没有"}}}}},
       {{"id", "why_not"},
        {"kind", "text"},
        {"title", "没有参加的原因"},
        {"required", false},
        {"showIf", {{"question", "joined"}, {"options", {"no"}}}}},
       {{"id", "wanted"},
        {"kind", "multiple"},
        {"title", "希望增加的服务"},
        {"required", false},
        {"options",
         {{{"id", "meal"}, {"label", "助餐"}},
          {{"id", "care"}, {"label", "上门照料"}},
          {{"id", "culture"}, {"label", "文体活动"}}}}}});
}

class SurveysApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
    // 畅家巷社区's register: 马秀英 and her son 张志强 in one household, 陈国华 and 王桂兰 in
    // two more of the first grid, 李建国 in the second grid. All but 王桂兰 and 李建国 have a
    // resident account on the phone the register holds.
    const int64_t first = household(kGrid, "畅家巷3号楼1单元201室");
    ma_ = person(first, "马秀英", id_number("19410312", 602), "13993100201");
    zhang_ = person(first, "张志强", id_number("19820923", 671), "13993100206", "child");
    chen_ = person(household(kGrid, "畅家巷5号楼2单元402室"), "陈国华", id_number("19480705", 611),
                   "13993100202");
    wang_ = person(household(kGrid, "畅家巷8号楼1单元101室"), "王桂兰", id_number("19450118", 622),
                   "13993100203");
    li_ = person(household(kSecondGrid, "畅家巷23号楼1单元301室"), "李建国",
                 id_number("19520101", 651), "13993100205");
    for (const auto& [name, phone] :
         {std::pair{"laoma", "13993100201"}, std::pair{"xiaozhang", "13993100206"},
          std::pair{"laochen", "13993100202"}}) {
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

  int64_t household(const std::string& grid, const std::string& address) {
    const auto made = community_->send_json(
        "POST", "/api/v1/residents/households",
        Json{{"gridCode", grid}, {"address", address}, {"lat", 36.0612}, {"lon", 103.8343}}.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  int64_t person(int64_t household, const std::string& name, const std::string& id,
                 const std::string& phone, const std::string& relation = "head") {
    const auto made = community_->send_json("POST", "/api/v1/residents/persons",
                                            Json{{"householdId", household},
                                                 {"relation", relation},
                                                 {"name", name},
                                                 {"idNumber", id},
                                                 {"phone", phone},
                                                 {"ethnicity", "汉族"},
                                                 {"movedIn", "2018-05-01"},
                                                 {"tags", Json::array()}}
                                                .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["person"]["id"].get<int64_t>() : 0;
  }

  std::string at(std::chrono::hours from_now) const {
    return format_timestamp(clock_.now() + from_now);
  }
  Json survey(bool anonymous, const std::string& per) const {
    return {{"unit", kCommunity},
            {"title", "畅家巷社区服务满意度调查"},
            {"description", "匿名填写，约两分钟。"},
            {"anonymous", anonymous},
            {"per", per},
            {"target", {kCommunity}},
            {"opensAt", at(std::chrono::hours(-1))},
            {"closesAt", at(std::chrono::hours(24 * 14))},
            {"questions", questions()}};
  }
  // A published survey's id.
  int64_t published(const Json& body) {
    const auto made = community_->send_json("POST", kSurveys, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    if (made.status != 201) return 0;
    const int64_t id = made.json()["id"].get<int64_t>();
    const auto out =
        community_->send_json("POST", path(id, "/publish"), Json{{"version", 1}}.dump());
    EXPECT_EQ(out.status, 200) << out.body;
    return id;
  }
  static std::string path(int64_t id, const std::string& rest = "") {
    return fmt::format("{}/{}{}", kSurveys, id, rest);
  }
  static std::string mine(int64_t id) { return fmt::format("{}/mine/{}/answer", kSurveys, id); }
  static std::string answers(Json list) { return Json{{"answers", std::move(list)}}.dump(); }

  std::unique_ptr<HttpClient> community_;
  int64_t ma_ = 0, zhang_ = 0, chen_ = 0, wang_ = 0, li_ = 0;
};

TEST_P(SurveysApiTest, ResidentsAnswerOnceAndTheResultsSayHowSureTheyAre) {
  const int64_t id = published(survey(true, "resident"));
  ASSERT_GT(id, 0);
  auto ma = as("laoma", kResidentPassword);
  const Json listed = ma->get(std::string(kSurveys) + "/mine").json();
  ASSERT_EQ(listed["total"], 1) << listed.dump();
  EXPECT_EQ(listed["linked"], true);
  EXPECT_EQ(listed["items"][0]["answered"], false);
  EXPECT_EQ(listed["items"][0]["status"], "open");
  ASSERT_EQ(ma->get(fmt::format("{}/mine/{}", kSurveys, id)).json()["questions"].size(), 4u);

  const auto sent =
      ma->send_json("POST", mine(id),
                    answers({answer("overall", Json::array(), 5), answer("joined", {"yes"}),
                             answer("wanted", {"meal", "care"})}));
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(ma->get(std::string(kSurveys) + "/mine").json()["items"][0]["answered"], true);
  // Once per resident: again, or filled in by staff for her, is refused.
  const auto again = ma->send_json(
      "POST", mine(id), answers({answer("overall", Json::array(), 1), answer("joined", {"yes"})}));
  EXPECT_EQ(again.status, 409) << again.body;
  auto zhang = as("xiaozhang", kResidentPassword);
  ASSERT_EQ(zhang
                ->send_json("POST", mine(id),
                            answers({answer("overall", Json::array(), 4), answer("joined", {"no"}),
                                     answer("why_not", Json::array(), nullptr, "上班没时间")}))
                .status,
            201)
      << "one per resident: her son answers for himself";
  auto chen = as("laochen", kResidentPassword);
  ASSERT_EQ(chen->send_json("POST", mine(id),
                            answers({answer("overall", Json::array(), 4), answer("joined", {"yes"}),
                                     answer("wanted", {"meal"})}))
                .status,
            201);
  // The grid worker fills it in with 王桂兰 during a visit; 李建国 lives in a grid not theirs.
  auto worker = as("wangge1");
  const Json for_wang{{"person", wang_},
                      {"answers", {answer("overall", Json::array(), 2), answer("joined", {"no"})}}};
  const auto collected = worker->send_json("POST", path(id, "/responses"), for_wang.dump());
  ASSERT_EQ(collected.status, 201) << collected.body;
  EXPECT_EQ(worker->send_json("POST", path(id, "/responses"), for_wang.dump()).status, 409);
  Json for_li = for_wang;
  for_li["person"] = li_;
  EXPECT_EQ(worker->send_json("POST", path(id, "/responses"), for_li.dump()).status, 404);
  Json for_ma = for_wang;
  for_ma["person"] = ma_;
  EXPECT_EQ(worker->send_json("POST", path(id, "/responses"), for_ma.dump()).status, 409)
      << "she answered on her phone";

  // Ratings 5, 4, 4, 2: mean 3.75, sd 1.258, t(3) = 3.182: 1.748 to 5.752, cut at 5.
  const auto results = community_->get(path(id, "/results"));
  ASSERT_EQ(results.status, 200) << results.body;
  const Json r = results.json();
  EXPECT_EQ(r["unit"], kCommunity);
  EXPECT_EQ(r["responses"], 4);
  EXPECT_EQ(r["eligible"], 5) << "everyone living in the community";
  EXPECT_DOUBLE_EQ(r["responseRate"].get<double>(), 0.8);
  const Json& overall = r["questions"][0]["rating"];
  EXPECT_EQ(overall["n"], 4);
  EXPECT_DOUBLE_EQ(overall["mean"].get<double>(), 3.75);
  EXPECT_DOUBLE_EQ(overall["sd"].get<double>(), 1.258);
  EXPECT_DOUBLE_EQ(overall["low"].get<double>(), 1.748);
  EXPECT_DOUBLE_EQ(overall["high"].get<double>(), 5.0);
  EXPECT_EQ(overall["counts"], Json::array({0, 1, 0, 2, 1}));
  // Two of four took part: half, Wilson 95% 0.15 to 0.85.
  const Json& yes = r["questions"][1]["options"][0];
  EXPECT_EQ(yes["count"], 2);
  EXPECT_DOUBLE_EQ(yes["share"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(yes["low"].get<double>(), 0.15);
  EXPECT_DOUBLE_EQ(yes["high"].get<double>(), 0.85);
  EXPECT_EQ(r["questions"][2]["texts"], Json::array({"上班没时间"}));
  EXPECT_EQ(r["questions"][3]["answered"], 2);
  EXPECT_EQ(r["questions"][3]["options"][0]["count"], 2) << "助餐 twice";
  // From the street: one line for the community the survey is for.
  auto city = as("lanzhou");
  const Json street = city->get(path(id, std::string("/results?unit=") + kStreet)).json();
  ASSERT_EQ(street["units"].size(), 1u) << street.dump();
  EXPECT_EQ(street["units"][0]["unit"], kCommunity);
  EXPECT_EQ(street["units"][0]["responses"], 4);
  EXPECT_DOUBLE_EQ(street["units"][0]["ratings"][0]["mean"].get<double>(), 3.75);
  // The Excel download has the same figures and is audited.
  const auto rows = community_->get(path(id, "/results/rows?pageSize=200")).json();
  EXPECT_EQ(rows["items"][0]["answer"], "平均分");
  EXPECT_DOUBLE_EQ(rows["items"][0]["mean"].get<double>(), 3.75);
  const auto xlsx = community_->get(path(id, "/results/rows.xlsx"));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.list.export'"), 1);

  // Anonymous: no response names a person, and the log names the survey, never a response.
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_response WHERE person_id IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'surveys.response.submit' AND "
                  "object_id = $1",
                  {std::to_string(id)}),
            4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log a JOIN survey_response r ON a.object_id = "
                  "CAST(r.id AS TEXT) OR a.detail LIKE '%' || CAST(r.id AS TEXT) || '%'"),
            0);

  // Outside the scope it is not there; residents do not reach the console's routes.
  auto other = as("neighbour", kResidentPassword);
  EXPECT_EQ(other->get(path(id)).status, 404);
  EXPECT_EQ(other->get(path(id, "/results")).status, 404);
  EXPECT_EQ(other->get(kSurveys).json()["total"], 0);
  EXPECT_EQ(ma->get(path(id)).status, 403);
  EXPECT_EQ(city->get(kSurveys).json()["total"], 1) << "the city sees its communities' surveys";
}

TEST_P(SurveysApiTest, AHouseholdAnswersOnceAndChangedQuestionsAreANewVersion) {
  const int64_t id = published(survey(false, "household"));
  ASSERT_GT(id, 0);
  auto ma = as("laoma", kResidentPassword);
  ASSERT_EQ(ma->send_json("POST", mine(id),
                          answers({answer("overall", Json::array(), 3), answer("joined", {"yes"})}))
                .status,
            201);
  auto zhang = as("xiaozhang", kResidentPassword);
  const auto same_home = zhang->send_json(
      "POST", mine(id), answers({answer("overall", Json::array(), 5), answer("joined", {"yes"})}));
  EXPECT_EQ(same_home.status, 409) << same_home.body;
  EXPECT_EQ(same_home.json()["message"], "这一户已经提交过问卷");
  EXPECT_EQ(zhang->get(std::string(kSurveys) + "/mine").json()["items"][0]["answered"], true);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_response WHERE person_id = $1", {ma_}), 1)
      << "an identified survey keeps who answered";

  // A question reworded after publishing: version 2; the answer given stays with version 1.
  Json body = survey(false, "household");
  body["questions"][0]["title"] = "您对本社区服务的总体满意度";
  body["version"] = 2;
  const auto changed = community_->send_json("PUT", path(id), body.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["questionsVersion"], 2);
  EXPECT_EQ(changed.json()["versions"].size(), 2u);
  EXPECT_EQ(community_->get(path(id, "/results?questionsVersion=1")).json()["responses"], 1);
  EXPECT_EQ(community_->get(path(id, "/results")).json()["responses"], 0);
  auto chen = as("laochen", kResidentPassword);
  ASSERT_EQ(
      chen->send_json("POST", mine(id),
                      answers({answer("overall", Json::array(), 4), answer("joined", {"no"})}))
          .status,
      201);
  EXPECT_EQ(community_->get(path(id, "/results")).json()["responses"], 1);
  // What residents were told stays: anonymity, one per household, the target, the opening.
  body["version"] = 3;
  body["anonymous"] = true;
  body["per"] = "resident";
  const auto fixed = community_->send_json("PUT", path(id), body.dump());
  EXPECT_EQ(fixed.status, 400);
  EXPECT_EQ(fields_of(fixed), (std::set<std::string>{"anonymous", "per"}));

  // Closed: no more answers, from anyone.
  ASSERT_EQ(community_->send_json("POST", path(id, "/close"), Json{{"version", 3}}.dump()).status,
            200);
  auto worker = as("wangge1");
  const Json for_wang{{"person", wang_},
                      {"answers", {answer("overall", Json::array(), 2), answer("joined", {"no"})}}};
  const auto late = worker->send_json("POST", path(id, "/responses"), for_wang.dump());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.json()["message"], "调查已结束");
  EXPECT_EQ(community_->get(path(id)).json()["status"], "closed");
  EXPECT_EQ(ma->get(std::string(kSurveys) + "/mine").json()["total"], 0);
}

TEST_P(SurveysApiTest, BadSurveysAndAnswersAreRefusedWithEveryReasonAtOnce) {
  Json bad = survey(true, "resident");
  bad["target"] = Json::array();
  bad["closesAt"] = at(std::chrono::hours(-2));
  bad["questions"] = Json::array(
      {{{"id", "a"},
        {"kind", "single"},
        {"title", "只有一个选项"},
        {"options", {{{"id", "x"}, {"label", "唯一"}}}}},
       {{"id", "b"},
        {"kind", "text"},
        {"title", "条件指向后面的题"},
        {"showIf", {{"question", "d"}, {"options", {"x"}}}}},
       {{"id", "c"},
        {"kind", "rating"},
        {"title", "评分题带选项"},
        {"options", {{{"id", "x"}, {"label", "1"}}, {{"id", "y"}, {"label", "2"}}}}},
       {{"id", "a"}, {"kind", "text"}, {"title", "编号重复"}},
       {{"id", "d"},
        {"kind", "single"},
        {"title", "正常"},
        {"options", {{{"id", "x"}, {"label", "是"}}, {{"id", "y"}, {"label", "否"}}}}}});
  const auto refused = community_->send_json("POST", kSurveys, bad.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused), (std::set<std::string>{"target", "closesAt", "questions[0].options",
                                                       "questions[1].showIf.question",
                                                       "questions[2].options", "questions[3].id"}))
      << refused.body;
  Json other_unit = survey(true, "resident");
  other_unit["target"] = {kNeighbour};
  EXPECT_EQ(fields_of(community_->send_json("POST", kSurveys, other_unit.dump())),
            (std::set<std::string>{"target[0]"}));

  const int64_t id = published(survey(true, "resident"));
  ASSERT_GT(id, 0);
  auto ma = as("laoma", kResidentPassword);
  struct Case {
    const char* what;
    Json answers;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases{
      {"a rating of 6",
       {answer("overall", Json::array(), 6), answer("joined", {"yes"})},
       {"answers[0].rating"}},
      {"a required question skipped", {answer("joined", {"yes"})}, {"answers"}},
      {"a question hidden by the answer before it",
       {answer("overall", Json::array(), 4), answer("joined", {"yes"}),
        answer("why_not", Json::array(), nullptr, "没时间")},
       {"answers[2]"}},
      {"an unknown option",
       {answer("overall", Json::array(), 4), answer("joined", {"maybe"})},
       {"answers[1].choices"}},
      {"two options of a single choice",
       {answer("overall", Json::array(), 4), answer("joined", {"yes", "no"})},
       {"answers[1].choices"}},
      {"an unknown question",
       {answer("nope", Json::array(), 4), answer("overall", Json::array(), 4),
        answer("joined", {"yes"})},
       {"answers[0].question"}},
      {"a rating for a choice",
       {answer("overall", Json::array(), 4), answer("joined", Json::array(), 3)},
       {"answers[1].rating", "answers[1]"}},
  };
  for (const Case& c : cases) {
    const auto out = ma->send_json("POST", mine(id), answers(c.answers));
    EXPECT_EQ(out.status, 400) << c.what << ": " << out.body;
    EXPECT_EQ(fields_of(out), c.fields) << c.what << ": " << out.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_response"), 0) << "nothing stored";
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_participant"), 0);

  // Not open yet.
  Json later = survey(true, "resident");
  later["opensAt"] = at(std::chrono::hours(48));
  const int64_t scheduled = published(later);
  EXPECT_EQ(community_->get(path(scheduled)).json()["status"], "scheduled");
  const auto early =
      ma->send_json("POST", mine(scheduled),
                    answers({answer("overall", Json::array(), 4), answer("joined", {"yes"})}));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["message"], "调查尚未开始");
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveysApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// Indicator 22 on the hand-made province: 永登县 surveys 城关镇's villages and communities.
class SurveysIndicatorTest : public HandMadeProvinceTest {};

TEST_P(SurveysIndicatorTest, IndicatorTwentyTwoForACountyEqualsTheHandCount) {
  // Grids and homes in C4 and V1 (V2 keeps no register); two residents of C4, one of V1.
  std::map<std::string, std::vector<int64_t>> people;
  int serial = 0;
  for (const char* unit : {kC4, kC4, kV1}) {
    const auto grids = official_->get(fmt::format("/api/v1/org/units/{}/grids", unit));
    std::string grid;
    if (grids.status == 200 && !grids.json()["items"].empty()) {
      grid = grids.json()["items"][0]["code"].get<std::string>();
    } else {
      const auto made =
          official_->send_json("POST", fmt::format("/api/v1/org/units/{}/grids", unit),
                               Json{{"name", "第一网格"}}.dump());
      ASSERT_EQ(made.status, 201) << made.body;
      grid = made.json()["code"].get<std::string>();
    }
    const auto home = official_->send_json("POST", "/api/v1/residents/households",
                                           Json{{"gridCode", grid},
                                                {"address", fmt::format("{}号", ++serial)},
                                                {"lat", 36.7},
                                                {"lon", 103.3}}
                                               .dump());
    ASSERT_EQ(home.status, 201) << home.body;
    const auto one = official_->send_json("POST", "/api/v1/residents/persons",
                                          Json{{"householdId", home.json()["id"]},
                                               {"relation", "head"},
                                               {"name", fmt::format("居民{}", serial)},
                                               {"idNumber", id_number("19600101", 300 + serial)},
                                               {"phone", fmt::format("1399320{:04}", serial)},
                                               {"ethnicity", "汉族"},
                                               {"movedIn", "2018-05-01"},
                                               {"tags", Json::array()}}
                                              .dump());
    ASSERT_EQ(one.status, 201) << one.body;
    people[unit].push_back(one.json()["person"]["id"].get<int64_t>());
  }
  const Json body{{"unit", kYongdeng},
                  {"title", "永登县 2026 年居民满意度调查"},
                  {"anonymous", true},
                  {"per", "resident"},
                  {"target", {kTown}},
                  {"opensAt", format_timestamp(clock_.now() - std::chrono::hours(1))},
                  {"closesAt", format_timestamp(clock_.now() + std::chrono::hours(240))},
                  {"questions", questions()}};
  const auto made = official_->send_json("POST", kSurveys, body.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = made.json()["id"].get<int64_t>();
  ASSERT_EQ(official_
                ->send_json("POST", fmt::format("{}/{}/publish", kSurveys, id),
                            Json{{"version", 1}}.dump())
                .status,
            200);
  // One answer from C4 (its second resident does not answer) and one from V1.
  for (const int64_t person : {people[kC4][0], people[kV1][0]}) {
    const Json filled{
        {"person", person},
        {"answers", {answer("overall", Json::array(), 4), answer("joined", {"yes"})}}};
    const auto out =
        official_->send_json("POST", fmt::format("{}/{}/responses", kSurveys, id), filled.dump());
    ASSERT_EQ(out.status, 201) << out.body;
  }
  // Entered values: V2's gives way to the records (the survey reached it, nobody answered); V3's,
  // which no survey reached, stands.
  for (const char* unit : {kV2, kV3}) {
    const auto saved =
        official_->send_json("PUT", fmt::format("/api/v1/indicators/22/values/{}/2026", unit),
                             Json{{"numerator", 1}, {"version", 0}}.dump());
    ASSERT_EQ(saved.status, 200) << unit << ": " << saved.body;
  }
  const auto rows =
      analytics(*official_, fmt::format("indicators=22&units={},{},{},{},{},{}&periods=2026",
                                        kYongdeng, kTown, kLiushu, kC4, kV1, kV2));
  struct Expected {
    const char* unit;
    double numerator, denominator;
  };
  // 城关镇: C4 and V1 answered, V2 did not; 柳树乡: V3 entered (X1 is virtual, not counted).
  for (const Expected& e : std::vector<Expected>{{kYongdeng, 3, 4},
                                                 {kTown, 2, 3},
                                                 {kLiushu, 1, 1},
                                                 {kC4, 1, 1},
                                                 {kV1, 1, 1},
                                                 {kV2, 0, 1}}) {
    const std::string key = fmt::format("22@{}@2026", e.unit);
    ASSERT_TRUE(rows.contains(key)) << key;
    EXPECT_DOUBLE_EQ(rows.at(key)["numerator"].get<double>(), e.numerator) << key << rows.at(key);
    EXPECT_DOUBLE_EQ(rows.at(key)["denominator"].get<double>(), e.denominator)
        << key << rows.at(key);
  }
  EXPECT_EQ(rows.at(fmt::format("22@{}@2026", kV2))["source"], "records");

  // The county's evaluation report carries the survey: two of three answered, both rated 4.
  const auto report =
      official_->get(fmt::format("/api/v1/reports/evaluation.xlsx?year=2026&unit={}", kYongdeng));
  ASSERT_EQ(report.status, 200) << report.body;
  const ScratchFolder scratch;
  int status = 0;
  const std::string read =
      output_of("/usr/bin/python3 " SHEQU_TEST_SUPPORT_DIR "/xlsx_to_json.py " +
                    scratch.write("report.xlsx", report.body),
                status);
  ASSERT_EQ(status, 0) << read;
  const Json sheets = Json::parse(read)["sheets"];
  const Json& satisfaction = sheets.back();
  EXPECT_EQ(satisfaction["name"], "满意度调查");
  const Json* line = nullptr;
  for (const Json& row : satisfaction["rows"]) {
    if (!row.empty() && row[0] == "永登县 2026 年居民满意度调查") line = &row;
  }
  ASSERT_NE(line, nullptr) << satisfaction.dump();
  EXPECT_EQ((*line)[2], 2) << "responses";
  EXPECT_EQ((*line)[3], 3) << "eligible";
  EXPECT_EQ((*line)[5], "您对社区服务的总体满意度");
  EXPECT_EQ((*line)[7], 4) << "mean";
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveysIndicatorTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
