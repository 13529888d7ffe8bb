// Plan tasks and ledgers (年度任务清单和工作台账) through the API, on both databases: the province
// issues a task to 城关区, the county breaks it down for two streets; one street reports progress
// with a photo and a PDF and the county approves it, the other goes late and shows on the county's
// workbench; the roll-up counts each street's tasks and the ledger downloads as a workbook. Bad
// input, someone else's task, a decision by the reporter and evidence that is not a photo or a
// clean PDF are refused with their reasons, and nothing is half-written.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/small_stack.hpp"
#include "auth/accounts.hpp"
#include "support/test_images.hpp"
#include "support/test_pdf.hpp"
#include "support/xlsx_reader.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCity = "620100000000";
constexpr const char* kCounty = "620102000000";     // 城关区
constexpr const char* kStreet = "620102001000";     // 酒泉路街道 (jiuquanlu)
constexpr const char* kOther = "620102002000";      // 张掖路街道
constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kTasks = "/api/v1/plan/tasks";
constexpr const char* kPassword = "Matrix#Shequ2026x";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

class PlanApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    auth::NewUser other{
        "zhangyelu", "张掖路街道 干部", kOther, kPassword, {{"township_admin", kOther}}, false};
    ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(other));
    province_ = as("admin");
    county_ = as("chengguan");
    street_ = as("jiuquanlu");
    other_ = as("zhangyelu", kPassword);
  }
  static Json task(const std::string& unit, const std::string& deadline,
                   std::optional<int64_t> parent = std::nullopt) {
    Json body{{"unit", unit},
              {"year", 2026},
              {"section", "column4"},
              {"title", "新建改造社区综合服务设施"},
              {"targetText", "新建改造社区综合服务设施 8 个"},
              {"targetValue", 8},
              {"targetUnit", "个"},
              {"deadline", deadline},
              {"responsibleName", "王强"}};
    if (parent) body["parentId"] = *parent;
    return body;
  }
  static int64_t created(HttpClient& client, const std::string& path, const Json& body) {
    const auto made = client.send_json("POST", path, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<int64_t>() : 0;
  }
  static std::string reports_of(int64_t task) { return fmt::format("{}/{}/reports", kTasks, task); }
  static std::string evidence_of(int64_t report) {
    return fmt::format("/api/v1/plan/reports/{}/evidence", report);
  }
  static std::string decision_of(int64_t report) {
    return fmt::format("/api/v1/plan/reports/{}/decision", report);
  }
  static HttpResult upload(HttpClient& client, int64_t report, const std::string& bytes,
                           const std::string& type) {
    return client.request("POST", evidence_of(report), bytes, {{"content-type", type}});
  }
  static Json detail(HttpClient& client, int64_t task) {
    const auto reply = client.get(fmt::format("{}/{}", kTasks, task));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
  // The count of a kind of to-do for `client`; -1 when it is not shown.
  static int64_t todo(HttpClient& client, const std::string& code) {
    const auto reply = client.get("/api/v1/workbench/todos");
    EXPECT_EQ(reply.status, 200) << reply.body;
    if (reply.status != 200) return -2;
    const Json body = reply.json();
    for (const Json& item : body["items"]) {
      if (item["code"] == code) return item["count"].get<int64_t>();
    }
    return -1;
  }
  // The province's task to 城关区 and the county's breakdown for the two streets.
  struct Tree {
    int64_t county = 0;
    int64_t street = 0;
    int64_t other = 0;
  };
  Tree issued_tree() {
    Tree t;
    t.county = created(*province_, kTasks, task(kCounty, "2026-12-31"));
    t.street = created(*county_, kTasks, task(kStreet, "2026-12-10", t.county));
    t.other = created(*county_, kTasks, task(kOther, "2026-11-20", t.county));
    return t;
  }

  std::unique_ptr<HttpClient> province_;
  std::unique_ptr<HttpClient> county_;
  std::unique_ptr<HttpClient> street_;
  std::unique_ptr<HttpClient> other_;
};

TEST_P(PlanApiTest, ATaskIsBrokenDownReportedApprovedAndRolledUp) {
  const Tree tree = issued_tree();
  ASSERT_TRUE(tree.county && tree.street && tree.other);
  const Json county_task = detail(*county_, tree.county);
  EXPECT_EQ(county_task["task"]["issuerUnit"], "620000000000");
  EXPECT_EQ(county_task["task"]["children"], 2);
  ASSERT_EQ(county_task["children"].size(), 2u);
  EXPECT_EQ(county_task["children"][0]["unitName"], "酒泉路街道");
  // 2026-11-30 is the tests' today: 张掖路街道's deadline passed with nothing reported.
  EXPECT_EQ(county_task["children"][1]["state"], "late");
  EXPECT_EQ(county_task["children"][1]["stateLabel"], "已逾期");
  EXPECT_EQ(todo(*county_, "plan.tasks.late"), 1);
  EXPECT_EQ(todo(*other_, "plan.tasks.late"), 1);
  EXPECT_EQ(todo(*street_, "plan.tasks.late"), 0);
  // The street's task is due within the fortnight with nothing approved: at risk.
  EXPECT_EQ(todo(*street_, "plan.tasks.at_risk"), 1);
  EXPECT_EQ(todo(*county_, "plan.tasks.at_risk"), 1);
  EXPECT_EQ(todo(*province_, "plan.tasks.at_risk"), 1) << "the county's own is a month away";

  // The street reports 60 % with a photo and a PDF; the county approves.
  const auto reported =
      street_->send_json("POST", reports_of(tree.street),
                         Json{{"text", "两个社区服务站主体完工"}, {"progress", 60}}.dump());
  ASSERT_EQ(reported.status, 201) << reported.body;
  const Json report = reported.json();
  EXPECT_EQ(report["state"], "submitted");
  const auto photo = upload(*street_, report["id"], jpeg_with_metadata({32, 16}, 1), "image/jpeg");
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_EQ(photo.json()["kind"], "photo");
  const auto pdf = upload(*street_, report["id"], pdf_with(), "application/pdf");
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(detail(*street_, tree.street)["task"]["state"], "in_progress");
  EXPECT_EQ(todo(*county_, "plan.reports.pending"), 1);
  EXPECT_EQ(todo(*province_, "plan.reports.pending"), 1) << "the province is above the issuer";
  const auto waiting = county_->get("/api/v1/plan/reports?state=submitted");
  ASSERT_EQ(waiting.status, 200);
  ASSERT_EQ(waiting.json()["total"], 1);
  EXPECT_EQ(waiting.json()["items"][0]["taskTitle"], "新建改造社区综合服务设施");
  // The county reads the evidence: the photo without its metadata, the PDF to save.
  const std::string photo_path =
      fmt::format("{}/{}", evidence_of(report["id"]), photo.json()["id"].get<int64_t>());
  const auto served = county_->get(photo_path);
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.header("content-type"), "image/jpeg");
  EXPECT_EQ(served.body.find("ZHANG SAN"), std::string::npos);
  const auto served_pdf = county_->get(
      fmt::format("{}/{}", evidence_of(report["id"]), pdf.json()["id"].get<int64_t>()));
  ASSERT_EQ(served_pdf.status, 200);
  EXPECT_EQ(served_pdf.body, pdf_with());
  EXPECT_NE(served_pdf.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(other_->get(photo_path).status, 404) << "another street sees nothing of it";

  const auto approved = county_->send_json(
      "POST", decision_of(report["id"]),
      Json{{"version", report["version"]}, {"decision", "approve"}, {"note", "属实"}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "approved");
  EXPECT_EQ(approved.json()["decidedByName"], "chengguan");
  const Json street_task = detail(*street_, tree.street);
  EXPECT_EQ(street_task["task"]["progress"], 60);
  EXPECT_EQ(street_task["task"]["state"], "in_progress");
  EXPECT_EQ(street_task["reports"][0]["evidence"].size(), 2u);
  EXPECT_EQ(todo(*county_, "plan.reports.pending"), 0);

  // The roll-up of 城关区: each street's task by state, the county's own beside them.
  const auto rolled = county_->get("/api/v1/plan/rollup?year=2026");
  ASSERT_EQ(rolled.status, 200) << rolled.body;
  const Json rollup = rolled.json();
  EXPECT_EQ(rollup["total"]["tasks"], 3);
  EXPECT_EQ(rollup["own"]["notStarted"], 1);
  std::map<std::string, Json> by_unit;
  for (const Json& child : rollup["children"]) by_unit[child["unit"]] = child;
  ASSERT_EQ(by_unit.size(), 2u);
  EXPECT_EQ(by_unit[kStreet]["inProgress"], 1);
  EXPECT_EQ(by_unit[kStreet]["late"], 0);
  EXPECT_EQ(by_unit[kOther]["late"], 1);
  EXPECT_EQ(by_unit[kOther]["notStarted"], 0) << "late, not counted twice";
  // The city above sees the same street in its tree.
  const Json city = as("lanzhou")->get(fmt::format("/api/v1/plan/rollup?unit={}", kCounty)).json();
  EXPECT_EQ(city["total"], rollup["total"]);

  // 100 % approved: done, and the street's ledger says so; it downloads, audited.
  const auto last =
      street_->send_json("POST", reports_of(tree.street),
                         Json{{"text", "三个社区服务站全部完工"}, {"progress", 100}}.dump());
  ASSERT_EQ(last.status, 201) << last.body;
  ASSERT_EQ(county_
                ->send_json("POST", decision_of(last.json()["id"]),
                            Json{{"version", 1}, {"decision", "approve"}}.dump())
                .status,
            200);
  EXPECT_EQ(detail(*street_, tree.street)["task"]["state"], "done");
  const auto ledger = county_->get(fmt::format("/api/v1/plan/ledger?unit={}&year=2026", kStreet));
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  ASSERT_EQ(ledger.json()["total"], 1);
  const Json line = ledger.json()["items"][0];
  EXPECT_EQ(line["index"], 1);
  EXPECT_EQ(line["progressText"], "100%：三个社区服务站全部完工");
  EXPECT_EQ(line["stateLabel"], "已完成");
  EXPECT_EQ(line["evidenceCount"], 2);
  const auto workbook =
      county_->get(fmt::format("/api/v1/plan/ledger.xlsx?unit={}&year=2026", kStreet));
  ASSERT_EQ(workbook.status, 200);
  const auto sheet = read_first_sheet(workbook.body);
  ASSERT_TRUE(sheet);
  bool found = false;
  for (const auto& row : *sheet) {
    for (const std::string& cell : row) found = found || cell == "新建改造社区综合服务设施";
  }
  EXPECT_TRUE(found) << "the task's title is in the workbook";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.list.export'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'plan.report.decide'"), 2);
}

TEST_P(PlanApiTest, ATaskLinkedToAnIndicatorShowsItsValueAtTheTasksUnitAndYear) {
  Json linked = task(kCounty, "2026-12-31");
  linked["indicator"] = "12";  // monthly visits of elderly people in special hardship
  const int64_t id = created(*province_, kTasks, linked);
  const Json shown = detail(*county_, id);
  ASSERT_TRUE(shown["indicatorValue"].is_object()) << shown.dump();
  EXPECT_EQ(shown["indicatorValue"]["period"], "2026");
  EXPECT_EQ(shown["indicatorValue"]["hasData"], false) << "nobody was visited in 城关区";
  EXPECT_EQ(shown["indicatorValue"]["status"], "no_data");
  EXPECT_TRUE(
      detail(*county_, created(*province_, kTasks, task(kCounty, "2026-12-31")))["indicatorValue"]
          .is_null())
      << "a task linked to no indicator";
}

TEST_P(PlanApiTest, BadTasksAreRefusedWithEveryReasonAndNothingIsWritten) {
  const int64_t county_task = created(*province_, kTasks, task(kCounty, "2026-12-15"));
  ASSERT_GT(county_task, 0);
  struct Case {
    const char* name;
    HttpClient* client;
    Json body;
    int status;
    std::set<std::string> fields;
  };
  Json everything_wrong = task(kCommunity, "2027-01-05", county_task);
  everything_wrong["year"] = 2025;
  Json not_in_year = task(kCounty, "2027-03-01");
  Json bad_indicator = task(kCounty, "2026-12-01");
  bad_indicator["indicator"] = "99";
  const std::vector<Case> cases{
      {"deadline after the parent's",
       county_.get(),
       task(kStreet, "2026-12-20", county_task),
       400,
       {"deadline"}},
      {"every reason at once", county_.get(), everything_wrong, 400, {"unit", "year", "deadline"}},
      {"issued to one's own unit", county_.get(), task(kCounty, "2026-12-01"), 400, {"unit"}},
      {"deadline outside the year", province_.get(), not_in_year, 400, {"deadline"}},
      {"not an indicator", province_.get(), bad_indicator, 400, {"indicator"}},
      {"breaking down another unit's task",
       street_.get(),
       task(kCommunity, "2026-12-01", county_task),
       404,
       {}},
      {"breaking down a task one only sees",
       province_.get(),
       task(kCity, "2026-12-01", county_task),
       403,
       {}},
      {"a unit outside one's scope", street_.get(), task(kOther, "2026-12-01"), 404, {}},
  };
  for (const Case& c : cases) {
    const auto refused = c.client->send_json("POST", kTasks, c.body.dump());
    EXPECT_EQ(refused.status, c.status) << c.name << ": " << refused.body;
    if (c.status == 400) {
      EXPECT_EQ(fields_of(refused), c.fields) << c.name;
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM plan_task"), 1);
  // A change by the issuer keeps the deadline between the children's and the parent's.
  const int64_t street_task = created(*county_, kTasks, task(kStreet, "2026-12-12", county_task));
  Json change = task(kCounty, "2026-12-10");
  change.erase("unit");
  change.erase("year");
  change["version"] = 1;
  const auto early =
      province_->send_json("PUT", fmt::format("{}/{}", kTasks, county_task), change.dump());
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(fields_of(early), std::set<std::string>{"deadline"});
  change["deadline"] = "2026-12-25";
  const auto moved =
      province_->send_json("PUT", fmt::format("{}/{}", kTasks, county_task), change.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["version"], 2);
  EXPECT_EQ(
      county_->send_json("PUT", fmt::format("{}/{}", kTasks, county_task), change.dump()).status,
      403)
      << "the owner does not change what it was issued";
  Json child_change = task(kStreet, "2026-12-26");
  child_change["version"] = 1;
  const auto beyond =
      county_->send_json("PUT", fmt::format("{}/{}", kTasks, street_task), child_change.dump());
  EXPECT_EQ(beyond.status, 400) << "after the parent's new deadline: " << beyond.body;
}

TEST_P(PlanApiTest, ReportsAndDecisionsAreRefusedWhenTheyAreNotOnesOwn) {
  const Tree tree = issued_tree();
  const auto progress = [](const std::string& text, int percent) {
    return Json{{"text", text}, {"progress", percent}}.dump();
  };
  // Someone else's task: the county above does not report for the street, another street does
  // not even see it.
  EXPECT_EQ(county_->send_json("POST", reports_of(tree.street), progress("代报", 10)).status, 403);
  EXPECT_EQ(other_->send_json("POST", reports_of(tree.street), progress("代报", 10)).status, 404);
  const auto bad = street_->send_json("POST", reports_of(tree.street), progress(" ", 101));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(fields_of(bad), (std::set<std::string>{"text", "progress"}));
  const auto first = street_->send_json("POST", reports_of(tree.street), progress("开工", 30));
  ASSERT_EQ(first.status, 201);
  const int64_t report = first.json()["id"];
  EXPECT_EQ(street_->send_json("POST", reports_of(tree.street), progress("再报", 40)).status, 409)
      << "one report waits at a time";
  // Evidence that is not a photo or a clean PDF, and the street's own decision.
  const auto script =
      upload(*street_, report, pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
             "application/pdf");
  EXPECT_EQ(script.status, 400);
  EXPECT_EQ(fields_of(script), std::set<std::string>{"file"});
  EXPECT_EQ(upload(*street_, report, "plain text", "application/pdf").status, 400);
  EXPECT_EQ(upload(*county_, report, pdf_with(), "application/pdf").status, 403);
  for (int i = 0; i < 9; ++i) {
    ASSERT_EQ(upload(*street_, report, png_with_metadata({8, 8 + i}), "image/png").status, 201);
  }
  EXPECT_EQ(upload(*street_, report, pdf_with(), "application/pdf").status, 409) << "the tenth";
  EXPECT_EQ(street_
                ->send_json("POST", decision_of(report),
                            Json{{"version", 1}, {"decision", "approve"}}.dump())
                .status,
            403)
      << "the street holds no decision on what it was issued";
  const auto no_note = county_->send_json("POST", decision_of(report),
                                          Json{{"version", 1}, {"decision", "return"}}.dump());
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(fields_of(no_note), std::set<std::string>{"note"});
  const auto returned = county_->send_json(
      "POST", decision_of(report),
      Json{{"version", 1}, {"decision", "return"}, {"note", "请补充照片说明"}}.dump());
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(county_
                ->send_json("POST", decision_of(report),
                            Json{{"version", 2}, {"decision", "approve"}}.dump())
                .status,
            409)
      << "decided once";
  EXPECT_EQ(upload(*street_, report, pdf_with(), "application/pdf").status, 409)
      << "no evidence after the decision";
  EXPECT_EQ(detail(*street_, tree.street)["task"]["progress"], 0) << "a returned report";

  // Someone who both works for the street and administers the county reports for the street;
  // that report is never theirs to approve.
  auth::NewUser both{"both",
                     "兼职干部",
                     kStreet,
                     kPassword,
                     {{"township_admin", kStreet}, {"county_admin", kCounty}},
                     false};
  ASSERT_TRUE(services_->auth().accounts().create_user_as_operator(both));
  auto dual = as("both", kPassword);
  const auto own = dual->send_json("POST", reports_of(tree.street), progress("自报", 50));
  ASSERT_EQ(own.status, 201) << own.body;
  const auto self = dual->send_json("POST", decision_of(own.json()["id"]),
                                    Json{{"version", 1}, {"decision", "approve"}}.dump());
  EXPECT_EQ(self.status, 403);
  EXPECT_NE(self.body.find("不能审核自己报告的进展"), std::string::npos) << self.body;
  EXPECT_EQ(todo(*dual, "plan.reports.pending"), 0) << "not a to-do of its reporter";
  const auto lower = street_->send_json("POST", decision_of(own.json()["id"]), "{}");
  EXPECT_EQ(lower.status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM plan_report WHERE state = 'approved'"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
