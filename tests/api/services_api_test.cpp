// Bought services (政府购买社区服务) through the API on both databases: a street contracts a social
// organisation of its county, its communities record the services delivered (a mistaken record
// voided, out of the counts), and after the period the street evaluates it once with the figures
// and the residents' rating from the linked survey, equal to a hand count; nothing changes after
// that. Contracts are read from the buyer's scope and from the units it serves, nowhere else;
// bad contracts are refused with every reason at once; the list downloads as it is handed in.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/resident_ids.hpp"
#include "api/small_stack.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCounty = "620102000000";       // 城关区
constexpr const char* kStreet = "620102001000";       // 酒泉路街道
constexpr const char* kOtherStreet = "620102002000";  // 张掖路街道
constexpr const char* kCommunity = "620102001001";    // 畅家巷社区
constexpr const char* kNeighbour = "620102001002";    // 雁园社区
constexpr const char* kGrid = "620102001001001";
constexpr const char* kContracts = "/api/v1/services/contracts";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();  // kept: a range-for over a part of a temporary dangles
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

std::string contract_path(int64_t id, const std::string& rest = "") {
  return fmt::format("{}/{}{}", kContracts, id, rest);
}

class ServicesApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    county_ = as("chengguan");
    street_ = as("jiuquanlu");
    community_ = as("changjiaxiang");
    provider_ = organisation("城关区幸福家园社会工作服务中心", "private_non_enterprise",
                             "52620102MJY300001", kCounty);
  }

  int64_t organisation(const std::string& name, const std::string& kind, const std::string& first17,
                       const std::string& area) {
    Json body{{"name", name},
              {"kind", kind},
              {"area", area},
              {"contactName", "李静"},
              {"contactPhone", "13993190021"}};
    if (!first17.empty())
      body["creditCode"] = first17 + privacy::credit_code_check_character(first17);
    const auto made = county_->send_json("POST", "/api/v1/volunteer/organisations", body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }

  Json contract_body(const std::string& unit = kStreet) const {
    return {{"unit", unit},
            {"organisationId", provider_},
            {"title", "居家养老上门服务"},
            {"category", "elderly_care"},
            {"content", "为独居、空巢老年人上门探访和助洁"},
            {"targetText", "全年上门服务不少于 100 人次"},
            {"targetPeople", 100},
            {"amountFen", 12'000'000},
            {"fundingSource", "福利彩票公益金"},
            {"startsOn", "2026-03-01"},
            {"endsOn", "2026-12-10"}};
  }

  Json contract(const Json& body, HttpClient* as_who = nullptr) {
    const auto made = (as_who ? as_who : street_.get())->send_json("POST", kContracts, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  }

  HttpResult record(HttpClient& who, int64_t contract, const std::string& on, int64_t people,
                    const std::string& unit = kCommunity) {
    return who.send_json("POST", contract_path(contract, "/records"),
                         Json{{"servedOn", on},
                              {"unit", unit},
                              {"place", "畅家巷社区"},
                              {"content", "上门探访"},
                              {"peopleServed", people}}
                             .dump());
  }

  HttpResult evaluate(int64_t contract, int64_t version, int64_t score,
                      HttpClient* as_who = nullptr) {
    return (as_who ? as_who : street_.get())
        ->send_json("POST", contract_path(contract, "/evaluation"),
                    Json{{"version", version}, {"score", score}, {"comment", "服务规范"}}.dump());
  }

  Json detail(int64_t contract) {
    const auto got = street_->get(contract_path(contract));
    EXPECT_EQ(got.status, 200) << got.body;
    return got.status == 200 ? got.json() : Json::object();
  }

  // A satisfaction survey of 畅家巷社区 filled in with three residents of its register, who
  // rate the service 5, 4 and 2.
  int64_t rated_survey() {
    const auto made = community_->send_json(
        "POST", "/api/v1/surveys",
        Json{{"unit", kCommunity},
             {"title", "居家养老服务满意度调查"},
             {"description", "请为上门服务打分"},
             {"anonymous", false},
             {"per", "resident"},
             {"target", {kCommunity}},
             {"opensAt", format_timestamp(clock_.now() - std::chrono::hours(1))},
             {"closesAt", format_timestamp(clock_.now() + std::chrono::hours(24 * 5))},
             {"questions",
              Json::array({{{"id", "visits"},
                            {"kind", "single"},
                            {"title", "是否接受过上门服务"},
                            {"options",
                             {{{"id", "yes"}, {"label", "是"}}, {{"id", "no"}, {"label", "否"}}}}},
                           {{"id", "rating"}, {"kind", "rating"}, {"title", "上门服务满意度"}}})}}
            .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    if (made.status != 201) return 0;
    const int64_t id = made.json()["id"].get<int64_t>();
    const auto household = community_->send_json("POST", "/api/v1/residents/households",
                                                 Json{{"gridCode", kGrid},
                                                      {"address", "畅家巷3号楼1单元201室"},
                                                      {"lat", 36.0612},
                                                      {"lon", 103.8343}}
                                                     .dump());
    EXPECT_EQ(household.status, 201) << household.body;
    std::vector<int64_t> people;
    for (int i = 0; i < 3; ++i) {
      const auto person =
          community_->send_json("POST", "/api/v1/residents/persons",
                                Json{{"householdId", household.json()["id"]},
                                     {"relation", i == 0 ? "head" : "spouse"},
                                     {"name", fmt::format("测试居民{}", i + 1)},
                                     {"idNumber", id_number("19450312", 600 + 2 * i)},
                                     {"phone", fmt::format("139931002{:02}", i)},
                                     {"ethnicity", "汉族"},
                                     {"movedIn", "2018-05-01"},
                                     {"tags", Json::array()}}
                                    .dump());
      EXPECT_EQ(person.status, 201) << person.body;
      if (person.status == 201) people.push_back(person.json()["person"]["id"].get<int64_t>());
    }
    // Published once the register holds its residents.
    const auto published = community_->send_json(
        "POST", fmt::format("/api/v1/surveys/{}/publish", id), Json{{"version", 1}}.dump());
    EXPECT_EQ(published.status, 200) << published.body;
    const int ratings[] = {5, 4, 2};
    for (std::size_t i = 0; i < people.size(); ++i) {
      const int rating = ratings[i];
      const auto answered =
          community_->send_json("POST", fmt::format("/api/v1/surveys/{}/responses", id),
                                Json{{"person", people[i]},
                                     {"answers",
                                      {{{"question", "visits"},
                                        {"choices", {"yes"}},
                                        {"rating", nullptr},
                                        {"text", nullptr}},
                                       {{"question", "rating"},
                                        {"choices", Json::array()},
                                        {"rating", rating},
                                        {"text", nullptr}}}}}
                                    .dump());
      EXPECT_EQ(answered.status, 201) << answered.body;
    }
    return id;
  }

  std::unique_ptr<HttpClient> county_, street_, community_;
  int64_t provider_ = 0;
};

TEST_P(ServicesApiTest, AServiceIsRecordedThenEvaluatedOnceWithTheResidentsRating) {
  const int64_t survey = rated_survey();
  ASSERT_GT(survey, 0);
  Json body = contract_body();
  body["surveyId"] = survey;
  const Json made = contract(body);
  ASSERT_FALSE(made.empty());
  const int64_t id = made["id"].get<int64_t>();
  EXPECT_EQ(made["surveyQuestion"], "rating") << "the survey's first rating question";
  EXPECT_EQ(made["phase"], "running");
  EXPECT_EQ(made["organisationName"], "城关区幸福家园社会工作服务中心");

  // The community records what was delivered there; a mistake is voided and leaves the counts.
  ASSERT_EQ(record(*community_, id, "2026-06-15", 30).status, 201);
  ASSERT_EQ(record(*community_, id, "2026-09-20", 25).status, 201);
  const auto wrong = record(*community_, id, "2026-11-28", 250);
  ASSERT_EQ(wrong.status, 201) << wrong.body;
  const auto voided = community_->send_json(
      "POST", fmt::format("/api/v1/services/records/{}/void", wrong.json()["id"].get<int64_t>()),
      Json{{"reason", "人次多录了一个 0"}}.dump());
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(voided.json()["voided"], true);
  EXPECT_EQ(community_
                ->send_json("POST",
                            fmt::format("/api/v1/services/records/{}/void",
                                        wrong.json()["id"].get<int64_t>()),
                            Json{{"reason", "再次作废"}}.dump())
                .status,
            409);
  EXPECT_EQ(record(*street_, id, "2026-10-02", 15, kNeighbour).status, 201)
      << "the street records in its other community";
  EXPECT_EQ(record(*community_, id, "2026-10-02", 5, kNeighbour).status, 404)
      << "a community records only in its own";
  EXPECT_EQ(record(*community_, id, "2026-12-01", 5).status, 400) << "not after today";
  EXPECT_EQ(record(*community_, id, "2026-02-27", 5).status, 400) << "not before the period";

  Json c = detail(id)["contract"];
  EXPECT_EQ(c["records"], 3);
  EXPECT_EQ(c["peopleServed"], 70);
  EXPECT_EQ(c["completion"], 70);
  const auto records = street_->get(contract_path(id, "/records"));
  ASSERT_EQ(records.status, 200);
  EXPECT_EQ(records.json()["total"], 4) << "the voided record stays on record";
  EXPECT_EQ(records.json()["items"][0]["servedOn"], "2026-11-28");
  EXPECT_EQ(records.json()["items"][0]["voidReason"], "人次多录了一个 0");

  // Evaluated by the buyer, after the period, once.
  const auto early = evaluate(id, c["version"], 85);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_NE(early.body.find("2026-12-10"), std::string::npos) << early.body;
  clock_.advance(std::chrono::days(11));
  street_ = as("jiuquanlu");  // the sessions ended meanwhile
  community_ = as("changjiaxiang");
  EXPECT_EQ(evaluate(id, c["version"], 85, community_.get()).status, 403)
      << "a community worker does not evaluate";
  EXPECT_EQ(evaluate(id, c["version"], 101).status, 400);
  const auto done = evaluate(id, c["version"], 85);
  ASSERT_EQ(done.status, 200) << done.body;
  const Json evaluation = done.json()["evaluation"];
  EXPECT_EQ(evaluation["grade"], "good");
  EXPECT_EQ(evaluation["records"], 3);
  EXPECT_EQ(evaluation["peopleServed"], 70);
  EXPECT_EQ(evaluation["completion"], 70);
  EXPECT_EQ(evaluation["satisfaction"]["responses"], 3);
  EXPECT_DOUBLE_EQ(evaluation["satisfaction"]["mean"].get<double>(), 3.67) << "(5 + 4 + 2) / 3";
  EXPECT_FALSE(evaluation["satisfaction"]["low"].is_null());
  EXPECT_EQ(done.json()["contract"]["phase"], "evaluated");

  const int64_t version = done.json()["contract"]["version"].get<int64_t>();
  EXPECT_EQ(evaluate(id, version, 90).status, 409) << "once";
  EXPECT_EQ(record(*community_, id, "2026-12-05", 5).status, 409) << "no record after it";
  EXPECT_EQ(street_
                ->send_json("PUT", contract_path(id),
                            [&] {
                              Json again = contract_body();
                              again["version"] = version;
                              return again.dump();
                            }())
                .status,
            409);
  c = detail(id)["contract"];
  EXPECT_EQ(c["records"], 3) << "the counts stay as evaluated";
  EXPECT_EQ(c["score"], 85);

  // The provider's record across its contracts.
  const auto providers = street_->get("/api/v1/services/providers");
  ASSERT_EQ(providers.status, 200) << providers.body;
  const Json provider = providers.json()["items"][0];
  EXPECT_EQ(provider["organisationId"], provider_);
  EXPECT_EQ(provider["contracts"], 1);
  EXPECT_EQ(provider["evaluated"], 1);
  EXPECT_EQ(provider["lastGrade"], "good");
  const auto record_of = street_->get(fmt::format("/api/v1/services/providers/{}", provider_));
  ASSERT_EQ(record_of.status, 200) << record_of.body;
  EXPECT_EQ(record_of.json()["evaluations"][0]["score"], 85);
  EXPECT_DOUBLE_EQ(record_of.json()["evaluations"][0]["satisfactionMean"].get<double>(), 3.67);

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'services.record.create'"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'services.record.void'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'services.contract.evaluate'"), 1);
}

TEST_P(ServicesApiTest, BadContractsAreRefusedWithEveryReasonAtOnce) {
  const int64_t team = organisation("畅家巷志愿服务队", "volunteer_team", "", kCommunity);
  auto admin = as("admin");
  const auto elsewhere = admin->send_json(
      "POST", "/api/v1/volunteer/organisations",
      Json{{"name", "嘉峪关市社工中心"},
           {"kind", "private_non_enterprise"},
           {"creditCode", std::string("52620201MJY300002") +
                              privacy::credit_code_check_character("52620201MJY300002")},
           {"area", "620201000000"},
           {"contactName", "王芳"},
           {"contactPhone", "13993190031"}}
          .dump());
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;

  Json all_wrong = contract_body();
  all_wrong["organisationId"] = team;
  all_wrong["title"] = "";
  all_wrong["category"] = "rockets";
  all_wrong["targetPeople"] = 0;
  all_wrong["amountFen"] = 0;
  all_wrong["startsOn"] = "2026-06-01";
  all_wrong["endsOn"] = "2026-05-31";
  all_wrong["surveyId"] = 999999;
  const auto refused = street_->send_json("POST", kContracts, all_wrong.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(fields_of(refused),
            (std::set<std::string>{"organisationId", "title", "category", "targetPeople",
                                   "amountFen", "endsOn", "surveyId"}));
  EXPECT_NE(refused.body.find("结束日期不能早于开始日期"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("志愿服务队"), std::string::npos) << refused.body;

  const struct {
    const char* field;
    Json value;
    const char* what;
  } cases[] = {
      {"organisationId", elsewhere.json()["id"], "a provider of another county"},
      {"endsOn", "2030-03-01", "a period over three years"},
      {"startsOn", "2026-02-30", "a date that is none"},
      {"unit", kGrid, "a grid buys nothing"},
      {"surveyQuestion", "rating", "a question with no survey"},
  };
  for (const auto& c : cases) {
    Json body = contract_body();
    body[c.field] = c.value;
    const auto reply = street_->send_json("POST", kContracts, body.dump());
    EXPECT_EQ(reply.status, 400) << c.what << ": " << reply.body;
    EXPECT_EQ(fields_of(reply), std::set<std::string>{c.field}) << c.what << ": " << reply.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM services_contract"), 0) << "nothing half-written";

  // Once services are recorded, the period holds them and the provider stays.
  const Json made = contract(contract_body());
  const int64_t id = made["id"].get<int64_t>();
  ASSERT_EQ(record(*community_, id, "2026-04-10", 10).status, 201);
  Json moved = contract_body();
  moved["version"] = made["version"];
  moved["startsOn"] = "2026-05-01";
  moved["organisationId"] =
      organisation("城关区颐养社区服务协会", "social_group", "51620102MJY300003", kCounty);
  const auto refused_move = street_->send_json("PUT", contract_path(id), moved.dump());
  ASSERT_EQ(refused_move.status, 400) << refused_move.body;
  EXPECT_EQ(fields_of(refused_move), (std::set<std::string>{"organisationId", "startsOn"}));
  Json renamed = contract_body();
  renamed["version"] = made["version"];
  renamed["title"] = "居家养老上门服务（续）";
  const auto changed = street_->send_json("PUT", contract_path(id), renamed.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(street_->send_json("PUT", contract_path(id), renamed.dump()).status, 409)
      << "a stale version";
}

TEST_P(ServicesApiTest, ContractsAreReadByTheBuyerAndTheUnitsItServesOnly) {
  const int64_t street_contract = contract(contract_body())["id"].get<int64_t>();
  const int64_t other_street = contract(contract_body(kOtherStreet), county_.get())["id"];
  Json ended = contract_body();
  ended["endsOn"] = "2026-11-20";
  ended["title"] = "社区心理疏导服务";
  contract(ended);

  const auto titles = [](const HttpResult& reply) {
    std::multiset<std::string> out;
    const Json body = reply.json();
    for (const Json& c : body["items"]) out.insert(c["title"].get<std::string>());
    return out;
  };
  const auto seen_by_community = community_->get(kContracts);
  ASSERT_EQ(seen_by_community.status, 200) << seen_by_community.body;
  EXPECT_EQ(seen_by_community.json()["total"], 2) << "its street's two, not 张掖路街道's";
  EXPECT_EQ(community_->get(contract_path(other_street)).status, 404);
  EXPECT_EQ(community_->get(contract_path(street_contract)).status, 200);
  EXPECT_EQ(county_->get(kContracts).json()["total"], 3);
  EXPECT_EQ(as("")->get(kContracts).status, 401);

  const auto to_evaluate = street_->get(std::string(kContracts) + "?phase=ended");
  EXPECT_EQ(titles(to_evaluate), (std::multiset<std::string>{"社区心理疏导服务"}));
  const auto todos = street_->get("/api/v1/workbench/todos");
  ASSERT_EQ(todos.status, 200) << todos.body;
  int64_t due = -1;
  const Json todo_list = todos.json();
  for (const Json& t : todo_list["items"]) {
    if (t["code"] == "services.evaluation.due") due = t["count"].get<int64_t>();
  }
  EXPECT_EQ(due, 1);

  const auto download = street_->get(std::string(kContracts) + ".xlsx?year=2026");
  ASSERT_EQ(download.status, 200) << download.body;
  const auto sheet = read_first_sheet(download.body);
  ASSERT_TRUE(sheet);
  std::size_t header = 0;
  while (header < sheet->size() && (*sheet)[header].size() < 2) ++header;
  ASSERT_EQ(sheet->size(), header + 3) << "the header and the street's two contracts";
  const auto& names = (*sheet)[header];
  const auto amount = std::ranges::find(names, "合同金额（元）");
  const auto title = std::ranges::find(names, "服务项目");
  ASSERT_NE(amount, names.end());
  ASSERT_NE(title, names.end());
  std::multiset<std::string> listed;
  for (std::size_t row = header + 1; row < sheet->size(); ++row) {
    EXPECT_EQ((*sheet)[row][amount - names.begin()], "120000") << "yuan";
    listed.insert((*sheet)[row][title - names.begin()]);
  }
  EXPECT_EQ(listed, (std::multiset<std::string>{"居家养老上门服务", "社区心理疏导服务"}));
}

// A street cannot read its county's organisations, yet contracts them: the candidates for a unit
// are the social organisations registered within its county (a neighbour street's too), volunteer
// teams and other counties' organisations left out, and each is one the contract accepts.
TEST_P(ServicesApiTest, ProviderCandidatesAreTheSocialOrganisationsOfTheBuyersCounty) {
  organisation("畅家巷志愿服务队", "volunteer_team", "", kCommunity);
  organisation("酒泉路街道社区社会组织联合会", "community_organisation", "", kStreet);
  const int64_t neighbour =
      organisation("张掖路街道老年协会", "community_organisation", "", kOtherStreet);
  auto admin = as("admin");
  const std::string first17 = "52620201MJY300002";
  const auto elsewhere =
      admin->send_json("POST", "/api/v1/volunteer/organisations",
                       Json{{"name", "嘉峪关市社工中心"},
                            {"kind", "private_non_enterprise"},
                            {"creditCode", first17 + privacy::credit_code_check_character(first17)},
                            {"area", "620201000000"},
                            {"contactName", "王芳"},
                            {"contactPhone", "13993190031"}}
                           .dump());
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;

  const std::string candidates =
      std::string("/api/v1/services/providers/candidates?unit=") + kStreet;
  const auto names = [](const HttpResult& reply) {
    std::vector<std::string> out;
    const Json body = reply.json();
    for (const Json& c : body["items"]) out.push_back(c["name"].get<std::string>());
    return out;
  };
  EXPECT_EQ(street_->get(std::string("/api/v1/volunteer/organisations?unit=") + kCounty).status,
            404)
      << "the county's register is not the street's to read";
  const auto offered = street_->get(candidates);
  ASSERT_EQ(offered.status, 200) << offered.body;
  std::vector<std::string> expected{"城关区幸福家园社会工作服务中心", "张掖路街道老年协会",
                                    "酒泉路街道社区社会组织联合会"};
  std::ranges::sort(expected);
  EXPECT_EQ(names(offered), expected) << "by name";
  EXPECT_EQ(offered.json()["total"], 3);
  EXPECT_EQ(names(street_->get(candidates + "&q=%E5%BC%A0%E6%8E%96")),  // 张掖
            std::vector<std::string>{"张掖路街道老年协会"});
  const auto first_page = street_->get(candidates + "&pageSize=1");
  EXPECT_EQ(first_page.json()["items"].size(), 1u);
  EXPECT_EQ(first_page.json()["total"], 3);

  EXPECT_EQ(street_->get(std::string("/api/v1/services/providers/candidates?unit=") + kOtherStreet)
                .status,
            404)
      << "张掖路街道 is not the street's to buy for";
  EXPECT_EQ(community_->get(candidates).status, 403) << "a community worker does not contract";

  Json body = contract_body();
  body["organisationId"] = neighbour;
  EXPECT_EQ(street_->send_json("POST", kContracts, body.dump()).status, 201)
      << "a candidate is a provider the contract accepts";
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
