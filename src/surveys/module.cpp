#include "surveys/module.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/app.hpp"
#include "residents/resident_repository.hpp"
#include "surveys/declaration.hpp"
#include "surveys/routes.hpp"
#include "surveys/survey_service.hpp"

namespace shequ::surveys {

namespace {

constexpr const char* kDemoCounty = "620102000000";     // 城关区
constexpr const char* kDemoStreet = "620102001000";     // 酒泉路街道
constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

Question choice(const char* id, std::string_view kind, const char* title,
                std::vector<Option> options, bool required = true) {
  return {id, std::string(kind), title, required, std::move(options), std::nullopt};
}

Question rating(const char* id, const char* title) {
  return {id, std::string(kRating), title, true, {}, std::nullopt};
}

Question text(const char* id, const char* title, std::optional<ShowIf> show_if = std::nullopt) {
  return {id, std::string(kText), title, false, {}, std::move(show_if)};
}

// The county's yearly survey (closed, with answers) and a community's call for views on its
// canteen (open; the demo resident may answer it).
std::vector<Question> yearly_questions() {
  return {rating("overall", "您对社区服务的总体满意度"),
          choice("most_used", kSingle, "您最常使用的社区服务",
                 {{"canteen", "老年食堂"},
                  {"clinic", "社区卫生服务站"},
                  {"shop", "便民超市"},
                  {"culture", "文体活动"},
                  {"other", "其他"}}),
          rating("environment", "您对社区环境卫生的满意度"),
          choice("joined", kSingle, "过去一年您是否参加过社区组织的活动",
                 {{"yes", "参加过"}, {"no", "没有参加"}}),
          text("why_not", "没有参加的主要原因", ShowIf{"joined", {"no"}}),
          text("advice", "您对社区服务还有什么建议")};
}

std::vector<Question> canteen_questions() {
  return {
      rating("taste", "您对老年食堂饭菜口味的满意度"),
      choice("how_often", kSingle, "您家里多久在老年食堂就餐一次",
             {{"daily", "几乎每天"}, {"weekly", "每周几次"}, {"rarely", "很少"}}),
      choice("wanted", kMultiple, "您希望食堂增加哪些服务",
             {{"delivery", "送餐上门"}, {"soft", "软食、低盐餐"}, {"breakfast", "早餐"}}, false),
      text("advice", "其他意见和建议")};
}

// A deterministic stream of small numbers for the demo's answers.
class DemoDraws {
 public:
  explicit DemoDraws(uint64_t seed)
      : state_(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  int below(int n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<uint64_t>(n));
  }

 private:
  uint64_t state_;
};

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    surveys::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(SurveyService) ? &service_ : nullptr;
  }
  Result<std::vector<kit::UnitCounts>> count_indicator(std::string_view,
                                                       const std::string& first_day,
                                                       const std::string& last_day) const override {
    return service_.indicator_counts(first_day, last_day);
  }
  Result<Text> add_demo_data(uint64_t seed) override {
    const auto& tree = services_.org().tree();
    if (!tree.find(kDemoCounty) || !tree.find(kDemoStreet) || !tree.find(kDemoCommunity)) {
      return Text{};
    }
    auto county = services_.demo_actor("chengguan", "county_admin", kDemoCounty);
    auto community = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    if (!county || !community) return Text{};
    const auto now = services_.clock().now();
    const auto days = [&](int n) { return format_timestamp(now + std::chrono::days(n)); };

    SurveyInput yearly{kDemoCounty,
                       "2026 年度城关区社区服务满意度调查",
                       "了解居民对社区服务的评价，结果用于年度考核和改进工作。匿名填写。",
                       true,
                       std::string(kPerResident),
                       {kDemoStreet},
                       days(-30),
                       days(1),
                       yearly_questions()};
    SHEQU_ASSIGN_OR_RETURN(SurveyView survey, service_.create(*county, yearly));
    SHEQU_ASSIGN_OR_RETURN(survey,
                           service_.publish(*county, survey.survey.id, survey.survey.version));
    // Filled in with the residents of the street's register during visits, most of them.
    SHEQU_ASSIGN_OR_RETURN(
        const auto people,
        services_.database().read_value<org::Page<residents::Person>>([&](storage::Session& s) {
          residents::repository::Filter filter;
          filter.roots = {kDemoStreet};
          return residents::repository::list_people(s, filter, {1, 200});
        }));
    DemoDraws draw(seed);
    const Actor op = services_.operator_actor();
    int answered = 0;
    for (const residents::Person& person : people.items) {
      if (draw.below(10) < 2) continue;
      const bool joined = draw.below(3) > 0;
      std::vector<Answer> answers{
          {"overall", {}, 3 + draw.below(3) - (draw.below(6) == 0 ? 2 : 0), std::nullopt},
          {"most_used",
           {std::vector<std::string>{"canteen", "clinic", "shop", "culture",
                                     "other"}[static_cast<std::size_t>(draw.below(5))]},
           std::nullopt,
           std::nullopt},
          {"environment", {}, 2 + draw.below(4), std::nullopt},
          {"joined", {joined ? "yes" : "no"}, std::nullopt, std::nullopt}};
      static const std::vector<std::string> kReasons{"白天要上班，活动时间不合适", "不知道有活动",
                                                     "腿脚不方便，出门困难"};
      static const std::vector<std::string> kAdvice{
          "希望楼道照明和电梯维修再及时一些", "老年食堂能不能增加送餐上门",
          "小区里健身器材有几件坏了，请安排维修", "希望周末也能办理业务"};
      const auto pick = [&](const std::vector<std::string>& from) {
        return from[static_cast<std::size_t>(draw.below(static_cast<int>(from.size())))];
      };
      if (!joined && draw.below(3) > 0)
        answers.push_back({"why_not", {}, std::nullopt, pick(kReasons)});
      if (draw.below(3) == 0) answers.push_back({"advice", {}, std::nullopt, pick(kAdvice)});
      SHEQU_TRY(service_.collect(op, survey.survey.id, person.id, answers));
      ++answered;
    }
    SHEQU_ASSIGN_OR_RETURN(survey, service_.find(*county, survey.survey.id));
    SHEQU_TRY(service_.close(*county, survey.survey.id, survey.survey.version));

    SurveyInput canteen{kDemoCommunity,
                        "畅家巷社区老年食堂服务意见征集",
                        "请每户一位家庭成员填写，帮助我们改进老年食堂。",
                        false,
                        std::string(kPerHousehold),
                        {kDemoCommunity},
                        days(-1),
                        days(14),
                        canteen_questions()};
    SHEQU_ASSIGN_OR_RETURN(const SurveyView open, service_.create(*community, canteen));
    SHEQU_TRY(service_.publish(*community, open.survey.id, open.survey.version));
    return Text{
        fmt::format(
            "满意度调查：城关区年度调查（已结束，{} 人作答），畅家巷社区老年食堂意见征集（进行中）",
            answered),
        fmt::format("Surveys: 城关区's yearly survey (closed, {} responses) and 畅家巷社区's "
                    "canteen survey (open)",
                    answered)};
  }

 private:
  app::Services& services_;
  SurveyService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      nullptr};
  return entry;
}

}  // namespace shequ::surveys
