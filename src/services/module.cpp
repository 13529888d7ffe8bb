#include "services/module.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/app.hpp"
#include "privacy/validators.hpp"
#include "services/contract_service.hpp"
#include "services/declaration.hpp"
#include "services/routes.hpp"
#include "surveys/survey_service.hpp"
#include "volunteer/organisation_service.hpp"

namespace shequ::services {

namespace {

constexpr const char* kDemoCounty = "620102000000";     // 城关区
constexpr const char* kDemoStreet = "620102001000";     // 酒泉路街道
constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kDemoNeighbour = "620102001002";  // 雁园社区

// A unified social credit code registered in 城关区 (620102) with its right check character.
std::string credit_code(std::string_view first17) {
  return std::string(first17) + privacy::credit_code_check_character(first17);
}

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.service<surveys::SurveyService>(),
                 services.service<volunteer::OrganisationService>()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    services::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(ContractService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoDue) return service_.count_due(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }
  // 酒泉路街道 buys three services from two social organisations of 城关区: home care for the
  // elderly, over and evaluated with the county's yearly survey; counselling, over and waiting
  // for its evaluation; meals delivered, running now.
  Result<Text> add_demo_data(uint64_t) override {
    const auto& tree = services_.org().tree();
    for (const char* code : {kDemoCounty, kDemoStreet, kDemoCommunity, kDemoNeighbour}) {
      if (!tree.find(code)) return Text{};
    }
    auto county = services_.demo_actor("chengguan", "county_admin", kDemoCounty);
    auto street = services_.demo_actor("jiuquanlu", "township_admin", kDemoStreet);
    auto community = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    if (!county || !street || !community) return Text{};
    const auto& organisations = services_.service<volunteer::OrganisationService>();
    SHEQU_ASSIGN_OR_RETURN(const volunteer::Organisation home_care,
                           organisations.register_organisation(
                               *county, {"兰州市城关区幸福家园社会工作服务中心",
                                         volunteer::OrganisationKind::private_non_enterprise,
                                         credit_code("52620102MJY202601"), kDemoCounty, "李静",
                                         "13993190021", "居家养老、助餐配送、社区社会工作"}));
    SHEQU_ASSIGN_OR_RETURN(
        const volunteer::Organisation association,
        organisations.register_organisation(
            *county, {"城关区颐养社区服务协会", volunteer::OrganisationKind::social_group,
                      credit_code("51620102MJY202602"), kDemoCounty, "赵文华", "13993190022",
                      "心理疏导、老年人关爱"}));

    const auto now = services_.clock().now();
    const auto day = [&](int days_from_today) {
      return china_date(now + std::chrono::days(days_from_today));
    };
    // The county's yearly satisfaction survey reaches the street: its overall rating measures the
    // home care.
    const auto& surveys = services_.service<surveys::SurveyService>();
    SHEQU_ASSIGN_OR_RETURN(const auto closed, surveys.list(*street, "closed", {1, 20}));
    std::optional<int64_t> yearly;
    for (const surveys::SurveyView& v : closed.items) {
      if (v.survey.unit_code == kDemoCounty) yearly = v.survey.id;
    }

    const ContractInput home{kDemoStreet,
                             home_care.id,
                             "居家养老上门服务",
                             "elderly_care",
                             "为辖区独居、空巢和失能老年人提供上门探访、助洁、助浴和健康监测",
                             "服务辖区 120 名老年人，全年上门服务不少于 480 人次",
                             480,
                             36'000'000,
                             "福利彩票公益金",
                             day(-330),
                             day(-20),
                             yearly,
                             yearly ? "overall" : ""};
    SHEQU_ASSIGN_OR_RETURN(const ContractView home_contract, service_.create(*street, home));
    const ContractInput counselling{kDemoStreet,
                                    association.id,
                                    "社区心理疏导服务",
                                    "counselling",
                                    "为困难家庭、独居老人和留守儿童提供心理疏导和危机干预",
                                    "开展个案辅导和小组活动不少于 60 人次",
                                    60,
                                    8'000'000,
                                    "街道财政",
                                    day(-190),
                                    day(-10),
                                    std::nullopt,
                                    ""};
    SHEQU_ASSIGN_OR_RETURN(const ContractView counselling_contract,
                           service_.create(*street, counselling));
    const ContractInput meals{kDemoStreet,
                              home_care.id,
                              "社区助餐配送服务",
                              "meals",
                              "为行动不便的老年人配送午餐，老年食堂就餐登记",
                              "每月配送不少于 300 人次",
                              1800,
                              24'000'000,
                              "市级养老服务补助资金",
                              day(-60),
                              day(120),
                              std::nullopt,
                              ""};
    SHEQU_ASSIGN_OR_RETURN(const ContractView meals_contract, service_.create(*street, meals));

    // Home visits every three weeks across the period, in both communities.
    for (int i = 0; i < 14; ++i) {
      const bool here = i % 2 == 0;
      SHEQU_TRY(service_.record(
          here ? *community : *street, home_contract.contract.id,
          {day(-325 + i * 22), here ? kDemoCommunity : kDemoNeighbour,
           here ? "畅家巷社区" : "雁园社区", "上门探访、助洁和血压测量", 28 + (i * 7) % 11}));
    }
    for (int i = 0; i < 5; ++i) {
      SHEQU_TRY(service_.record(*street, counselling_contract.contract.id,
                                {day(-180 + i * 35), kDemoStreet, "酒泉路街道社会工作站",
                                 i % 2 == 0 ? "个案心理辅导" : "独居老人小组活动", 8 + i}));
    }
    for (int i = 0; i < 8; ++i) {
      SHEQU_TRY(service_.record(*community, meals_contract.contract.id,
                                {day(-56 + i * 7), kDemoCommunity, "畅家巷社区老年食堂",
                                 "午餐配送上门", 70 + (i * 5) % 13}));
    }
    SHEQU_ASSIGN_OR_RETURN(
        const RecordView mistaken,
        service_.record(*community, meals_contract.contract.id,
                        {day(-3), kDemoCommunity, "畅家巷社区老年食堂", "午餐配送上门", 700}));
    SHEQU_TRY(service_.void_record(*community, mistaken.record.id, "人次多录了一个 0"));

    SHEQU_ASSIGN_OR_RETURN(
        const ContractDetail evaluated,
        service_.evaluate(*street, home_contract.contract.id, home_contract.contract.version, 88,
                          "服务规范、记录完整，部分月份上门人次不足"));
    return Text{
        fmt::format(
            "购买服务：酒泉路街道 3 个合同（居家养老已评估 {} 分，心理疏导待评估，助餐服务中）",
            evaluated.evaluation ? evaluated.evaluation->score : 0),
        fmt::format("Bought services: 3 contracts of 酒泉路街道 (home care evaluated at {}, "
                    "counselling to evaluate, meals running)",
                    evaluated.evaluation ? evaluated.evaluation->score : 0)};
  }

 private:
  app::Services& services_;
  ContractService service_;
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

}  // namespace shequ::services
