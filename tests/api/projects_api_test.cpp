// Livelihood projects (民生项目, the third of the three lists) through the API on both databases:
// a project is seen by residents only once published, from its own community, the units above
// and those within; progress reports never go back and a done project is at 100 %; a resident's
// comment shows only after staff publish it, and never says who wrote it; a comment carrying a
// phone or an ID number is refused, as is one on another area's project or one too many waiting;
// bad input is refused with every reason at once and nothing is written.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/small_stack.hpp"

namespace shequ::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kProjects = "/api/v1/lists/projects";

std::set<std::string> fields_of(const HttpResult& refused) {
  std::set<std::string> fields;
  const Json body = refused.json();  // kept: a range-for over a part of a temporary dangles
  for (const Json& d : body["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

Json project(const std::string& unit, const std::string& title) {
  return {{"unit", unit},
          {"title", title},
          {"category", "renovation"},
          {"summary", "为 1 号楼加装电梯"},
          {"budgetFen", 60'000'000},
          {"fundingSource", "fiscal"},
          {"startOn", "2026-10-01"},
          {"endOn", "2027-03-31"},
          {"beneficiaries", 60}};
}

class ProjectsApiTest : public SmallStackTest {
 protected:
  void SetUp() override {
    SmallStackTest::SetUp();
    if (HasFatalFailure()) return;
    community_ = as("changjiaxiang");
    resident_ = as("jumin1");
  }
  Json create(HttpClient& client, const Json& body) {
    const auto made = client.send_json("POST", kProjects, body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json() : Json::object();
  }
  Json publish(HttpClient& client, const Json& p, bool published = true) {
    const auto reply =
        client.send_json("POST", fmt::format("{}/{}/publish", kProjects, p["id"].get<int64_t>()),
                         Json{{"version", p["version"]}, {"published", published}}.dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? reply.json() : Json::object();
  }
  HttpResult report(const Json& p, int progress, const std::string& status,
                    const std::string& on = "2026-11-20") {
    return community_->send_json("POST",
                                 fmt::format("{}/{}/updates", kProjects, p["id"].get<int64_t>()),
                                 Json{{"version", p["version"]},
                                      {"on", on},
                                      {"progress", progress},
                                      {"status", status},
                                      {"text", "1 号楼井道施工完成"}}
                                     .dump());
  }
  HttpResult comment(HttpClient& client, int64_t id, const std::string& body) {
    return client.send_json("POST", fmt::format("{}/{}/comments", kProjects, id),
                            Json{{"body", body}}.dump());
  }
  // The titles of the published projects a resident of `unit` is shown.
  std::vector<std::string> public_titles(const std::string& unit) {
    const auto reply = as("")->get("/api/v1/public/projects?unit=" + unit);
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::string> out;
    const Json body = reply.json();
    for (const Json& p : body["items"]) out.push_back(p["title"]);
    return out;
  }
  int64_t todo(HttpClient& client, const std::string& code) {
    const auto reply = client.get("/api/v1/workbench/todos");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const Json body = reply.json();
    for (const Json& item : body["items"]) {
      if (item["code"] == code) return item["count"].get<int64_t>();
    }
    return -1;
  }

  std::unique_ptr<HttpClient> community_;
  std::unique_ptr<HttpClient> resident_;
};

TEST_P(ProjectsApiTest, ResidentsSeeAPublishedProjectOfTheirAreaWithItsProgress) {
  Json lifts = create(*community_, project(kCommunity, "加装电梯"));
  EXPECT_EQ(lifts["published"], false);
  auto county = as("chengguan");
  Json county_wide = create(*county, project("620102000000", "城关区背街小巷整治"));
  Json elsewhere = create(*county, project("620102001002", "雁园社区健身广场"));
  EXPECT_TRUE(public_titles("620102001001001").empty()) << "nothing is published yet";
  const int64_t id = lifts["id"];
  EXPECT_EQ(as("")->get(fmt::format("/api/v1/public/projects/{}", id)).status, 404);

  lifts = publish(*community_, lifts);
  EXPECT_FALSE(lifts["publishedAt"].get<std::string>().empty());
  publish(*county, county_wide);
  publish(*county, elsewhere);
  EXPECT_EQ(public_titles("620102001001001"),
            (std::vector<std::string>{"城关区背街小巷整治", "加装电梯"}))
      << "a grid's residents see their community's and the county's, not another community's";
  EXPECT_EQ(public_titles("620102001000").size(), 3u) << "the street sees those within it too";
  EXPECT_TRUE(public_titles("620201001001").empty()) << "嘉峪关 sees none of 城关区's";

  const auto on = report(lifts, 40, "in_progress");
  ASSERT_EQ(on.status, 200) << on.body;
  lifts = on.json();
  EXPECT_EQ(lifts["progress"], 40);
  const auto back = report(lifts, 30, "in_progress");
  EXPECT_EQ(back.status, 400) << "progress never goes back";
  EXPECT_EQ(fields_of(back), std::set<std::string>{"progress"});
  EXPECT_EQ(report(lifts, 80, "done").status, 400) << "done is at 100 %";
  EXPECT_EQ(report(lifts, 50, "in_progress", "2026-12-01").status, 400) << "a report of tomorrow";
  const auto page = as("")->get(fmt::format("/api/v1/public/projects/{}", id));
  ASSERT_EQ(page.status, 200) << page.body;
  const Json shown = page.json();
  ASSERT_EQ(shown["updates"].size(), 1u);
  EXPECT_EQ(shown["updates"][0]["progress"], 40);
  EXPECT_EQ(shown["project"]["statusLabel"], "实施中");
  EXPECT_EQ(page.body.find("changjiaxiang"), std::string::npos) << "no staff names";

  lifts = publish(*community_, lifts, false);
  EXPECT_EQ(as("")->get(fmt::format("/api/v1/public/projects/{}", id)).status, 404) << "withdrawn";
  EXPECT_EQ(public_titles("620102001001"), std::vector<std::string>{"城关区背街小巷整治"});
}

TEST_P(ProjectsApiTest, ACommentShowsOnlyOnceStaffPublishItAndNeverSaysWhoWroteIt) {
  Json lifts = publish(*community_, create(*community_, project(kCommunity, "加装电梯")));
  const int64_t id = lifts["id"];
  const auto asked = comment(*resident_, id, "4 号楼什么时候加装？");
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json()["state"], "pending");
  const std::string page = fmt::format("/api/v1/public/projects/{}", id);
  EXPECT_TRUE(as("")->get(page).json()["comments"].empty()) << "not before review";
  EXPECT_EQ(todo(*community_, "lists.comments.pending"), 1);
  const auto queue = community_->get("/api/v1/lists/comments?state=pending");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.json()["total"], 1);
  EXPECT_EQ(queue.json()["items"][0]["projectTitle"], "加装电梯");

  const auto decided = community_->send_json(
      "POST", fmt::format("/api/v1/lists/comments/{}/decision", asked.json()["id"].get<int64_t>()),
      R"({"decision":"publish","reply":"已列入明年计划"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  const auto shown = as("")->get(page);
  ASSERT_EQ(shown.json()["comments"].size(), 1u);
  EXPECT_EQ(shown.json()["comments"][0]["body"], "4 号楼什么时候加装？");
  EXPECT_EQ(shown.json()["comments"][0]["reply"], "已列入明年计划");
  EXPECT_EQ(shown.body.find("jumin1"), std::string::npos);
  EXPECT_EQ(shown.body.find("刘芳"), std::string::npos);
  EXPECT_EQ(todo(*community_, "lists.comments.pending"), 0);
  const auto mine = resident_->get("/api/v1/lists/my-comments");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["items"][0]["state"], "published");

  // Hidden later, it leaves the page.
  ASSERT_EQ(community_
                ->send_json("POST",
                            fmt::format("/api/v1/lists/comments/{}/decision",
                                        asked.json()["id"].get<int64_t>()),
                            R"({"decision":"hide"})")
                .status,
            200);
  EXPECT_TRUE(as("")->get(page).json()["comments"].empty());
}

TEST_P(ProjectsApiTest, CommentsThatCannotBeTakenAreRefusedWithTheReason) {
  Json lifts = publish(*community_, create(*community_, project(kCommunity, "加装电梯")));
  const int64_t id = lifts["id"];
  const auto phone = comment(*resident_, id, "有问题请打 139 9317 0004");
  EXPECT_EQ(phone.status, 400) << phone.body;
  EXPECT_EQ(fields_of(phone), std::set<std::string>{"body"});
  EXPECT_EQ(comment(*resident_, id, "我的身份证 11010519491231002X").status, 400);
  auto county = as("chengguan");
  const Json elsewhere = publish(*county, create(*county, project("620102001002", "雁园社区广场")));
  EXPECT_EQ(comment(*resident_, elsewhere["id"], "支持").status, 403) << "another community's";
  const Json hidden = create(*community_, project(kCommunity, "未公开的项目"));
  EXPECT_EQ(comment(*resident_, hidden["id"], "支持").status, 404) << "not published";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(comment(*resident_, id, fmt::format("意见 {}", i)).status, 201);
  EXPECT_EQ(comment(*resident_, id, "第六条").status, 409) << "five wait for review already";
  EXPECT_EQ(community_
                ->send_json("POST", fmt::format("{}/{}/comments", kProjects, id),
                            R"({"body":"工作人员不评论"})")
                .status,
            403);
  EXPECT_EQ(resident_->get(kProjects).status, 403) << "a resident reads the public pages only";
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_project_comment"), 5);
}

TEST_P(ProjectsApiTest, BadInputIsRefusedWithEveryReasonAndNothingIsWritten) {
  Json bad = project(kCommunity, "联系人 13993170005");
  bad["endOn"] = "2026-09-30";
  bad["unit"] = "620102001001001";  // a grid
  const auto every = community_->send_json("POST", kProjects, bad.dump());
  EXPECT_EQ(every.status, 400) << every.body;
  EXPECT_EQ(fields_of(every), (std::set<std::string>{"unit", "title", "endOn"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM lists_project"), 0);
  Json lifts = create(*community_, project(kCommunity, "加装电梯"));
  Json moved = project("620102001002", "加装电梯");
  moved["version"] = lifts["version"];
  auto county = as("chengguan");
  const auto changed = county->send_json(
      "PUT", fmt::format("{}/{}", kProjects, lifts["id"].get<int64_t>()), moved.dump());
  EXPECT_EQ(changed.status, 400) << "a project keeps its unit: " << changed.body;
  Json stale = project(kCommunity, "加装电梯（改）");
  stale["version"] = 7;
  EXPECT_EQ(community_
                ->send_json("PUT", fmt::format("{}/{}", kProjects, lifts["id"].get<int64_t>()),
                            stale.dump())
                .status,
            409);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsApiTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
