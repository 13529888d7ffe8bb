#include "lists/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/app.hpp"
#include "lists/declaration.hpp"
#include "lists/lists_service.hpp"
#include "lists/project_service.hpp"
#include "lists/routes.hpp"
#include "volunteer/organisation_service.hpp"

namespace shequ::lists {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.service<access::CircleService>(), services.keyring(),
                 services.service<volunteer::OrganisationService>()),
        projects_(services.org(), services.database(), services.audit(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    lists::add_routes(router, service_, projects_);
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(ProjectService)) return &projects_;
    return type == typeid(ListsService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoUrgent) return service_.count_urgent(actor);
    if (code == kTodoRaised) return service_.count_raised(actor);
    if (code == kTodoComments) return projects_.count_pending_comments(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }
  // 畅家巷社区's resources (its elderly canteen and health station, a volunteer team, a hospital
  // stationed nearby, a social workers' centre) and four needs met on visits: the urgent one
  // matched with the canteen, one whose hours no resource keeps.
  Result<Text> add_demo_data(uint64_t) override {
    if (!services_.org().tree().find(kDemoCommunity)) return Text{};
    auto worker = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    auto street = services_.demo_actor("jiuquanlu", "township_admin", "620102001000");
    if (!worker || !street) return Text{};
    // The community's volunteer team, registered with the volunteers module: its resource is
    // taken from there.
    SHEQU_ASSIGN_OR_RETURN(
        const volunteer::Organisation team,
        services_.service<volunteer::OrganisationService>().register_organisation(
            *worker, {"畅家巷“邻里帮”志愿服务队", volunteer::OrganisationKind::volunteer_team, "",
                      kDemoCommunity, "马兰", "13993190051", "保洁、代购、陪同就医"}));
    const std::vector<ResourceInput> resources{
        {kDemoCommunity,
         "facility",
         "畅家巷社区老年食堂",
         "meals",
         40,
         {11, 13},
         36.0620,
         103.8340,
         "0931-8451201",
         "午餐 11:00—13:00，可送餐上门"},
        {kDemoCommunity,
         "facility",
         "畅家巷社区卫生服务站",
         "health",
         20,
         {8, 17},
         36.0632,
         103.8331,
         "0931-8451202",
         ""},
        {kDemoCommunity,
         "volunteer",
         "",
         "housekeeping",
         5,
         {8, 20},
         36.0617,
         103.8350,
         "",
         "保洁、代购、陪同就医",
         std::nullopt,
         team.id},
        {kDemoCommunity,
         "stationed_unit",
         "兰州市第二人民医院（驻区单位）",
         "health",
         10,
         {8, 12},
         36.0650,
         103.8300,
         "0931-8451203",
         "每月义诊一次"},
        {"620102001000",
         "organisation",
         "甘肃阳光社会工作服务中心",
         "counselling",
         8,
         {9, 17},
         36.0640,
         103.8360,
         "0931-8451204",
         ""},
    };
    std::vector<int64_t> ids;
    for (const ResourceInput& r : resources) {
      // The street registers what serves all its communities.
      const Actor& registrar = r.unit == kDemoCommunity ? *worker : *street;
      SHEQU_ASSIGN_OR_RETURN(const ResourceView made, service_.create_resource(registrar, r));
      ids.push_back(made.resource.id);
    }
    // The community's childcare point, taken from the facility registry (where the demo has it):
    // its name is the registry's, and so will its point be once the registry has one.
    SHEQU_ASSIGN_OR_RETURN(const auto nursery,
                           service_.origins(*worker, kDemoCommunity, "facility", "托育", {1, 1}));
    std::size_t nurseries = 0;
    if (!nursery.items.empty()) {
      ResourceInput childcare;
      childcare.unit = kDemoCommunity;
      childcare.source = "facility";
      childcare.category = "childcare";
      childcare.capacity = 15;
      childcare.hours = {8, 18};
      childcare.lat = 36.0626;  // the registry has no point for it yet
      childcare.lon = 103.8352;
      childcare.note = "3 岁以下婴幼儿日间托育";
      childcare.facility_id = nursery.items.front().id;
      SHEQU_TRY(service_.create_resource(*worker, childcare));
      ++nurseries;
    }
    const std::vector<NeedInput> needs{
        {kDemoCommunity,
         "visit",
         "",
         "meals",
         "urgent",
         "独居老人（85 岁）行动不便，需要每日午餐送餐上门",
         36.0622,
         103.8345,
         {11, 13}},
        {kDemoCommunity,
         "visit",
         "",
         "health",
         "normal",
         "慢性病老人需要每月上门测量血压",
         36.0628,
         103.8338,
         {9, 11}},
        {kDemoCommunity,
         "staff",
         "",
         "housekeeping",
         "normal",
         "重度残疾人家庭需要每周一次上门保洁",
         36.0615,
         103.8355,
         {14, 17}},
        {kDemoCommunity,
         "request",
         "",
         "counselling",
         "normal",
         "留守儿童家长希望晚间得到亲子沟通辅导",
         36.0630,
         103.8342,
         {19, 21}},
    };
    std::vector<NeedView> made;
    for (const NeedInput& n : needs) {
      SHEQU_ASSIGN_OR_RETURN(NeedView need, service_.create_need(*worker, n));
      made.push_back(std::move(need));
    }
    SHEQU_TRY(service_.confirm(*worker, made[0].need.id, made[0].need.version, ids[0]));
    // The demo resident asks on her phone for help with a leaking pipe.
    if (auto resident = services_.demo_actor("jumin1", "resident", "620102001001001")) {
      SHEQU_TRY(service_.raise(*resident,
                               {"repair", "normal", "厨房水管漏水，希望有人上门维修", {9, 18}}));
    }
    SHEQU_TRY(add_demo_projects(*worker));
    const auto of_street = static_cast<std::size_t>(
        std::ranges::count_if(resources, [](const auto& r) { return r.unit != kDemoCommunity; }));
    const std::size_t community = resources.size() - of_street + nurseries;
    const std::size_t taken = 1 + nurseries;  // the team, the nursery
    return Text{
        fmt::format(
            "三项清单：畅家巷社区 {} 项服务资源（{} 项取自设施和组织登记）、酒泉路街道 {} 项，"
            "5 条居民需求（1 条紧急需求已对接老年食堂，1 条由居民刘芳在居民端提出），3 个"
            "民生项目（2 个已公开，居民评论 2 条，1 条待审核）",
            community, taken, of_street),
        fmt::format("Needs, resources and projects: {} resources of 畅家巷社区 ({} taken from the "
                    "facility and organisation registers) and {} of 酒泉路街道, 5 needs (the "
                    "urgent one matched with the elderly canteen, one raised by the resident 刘芳 "
                    "on her phone), 3 projects (2 published, 2 residents' comments, 1 waiting for "
                    "review)",
                    community, taken, of_street)};
  }

 private:
  // 畅家巷社区's projects: lifts fitted to old blocks under way and published, with a report and
  // residents' comments (one answered, one waiting); the canteen's extension done; street
  // lights planned and not yet published.
  Status add_demo_projects(const Actor& worker) {
    const auto day = [&](int offset) {
      return china_date(services_.clock().now() + std::chrono::hours(24 * offset));
    };
    SHEQU_ASSIGN_OR_RETURN(
        ProjectView lifts,
        projects_.create(worker,
                         {kDemoCommunity, "畅家巷小区老旧楼院加装电梯（3 栋）", "renovation",
                          "为 1—3 号楼加装电梯 3 部，解决 180 位居民（其中 60 岁以上 72 "
                          "人）上下楼难。",
                          180'000'000, "fiscal", day(-60), day(120), 180}));
    SHEQU_ASSIGN_OR_RETURN(lifts, projects_.report(worker, lifts.project.id, lifts.project.version,
                                                   {day(-30), 15, "in_progress",
                                                    "完成设计和居民意见征询，1 号楼开工。"}));
    SHEQU_ASSIGN_OR_RETURN(lifts, projects_.report(worker, lifts.project.id, lifts.project.version,
                                                   {day(-5), 35, "in_progress",
                                                    "1 号楼井道施工完成，2 号楼基础施工中。"}));
    SHEQU_ASSIGN_OR_RETURN(
        lifts, projects_.publish(worker, lifts.project.id, lifts.project.version, true));
    SHEQU_ASSIGN_OR_RETURN(
        ProjectView canteen,
        projects_.create(worker, {kDemoCommunity, "社区老年食堂助餐点扩建", "elderly",
                                  "扩建就餐区 80 平方米，增加送餐服务。", 30'000'000, "lottery",
                                  day(-150), day(-20), 260}));
    SHEQU_ASSIGN_OR_RETURN(canteen,
                           projects_.report(worker, canteen.project.id, canteen.project.version,
                                            {day(-20), 100, std::string(kProjectDone),
                                             "扩建完成并投入使用，日均就餐 120 人次。"}));
    SHEQU_TRY(projects_.publish(worker, canteen.project.id, canteen.project.version, true));
    SHEQU_TRY(projects_.create(
        worker, {kDemoCommunity, "背街小巷路灯更换", "environment", "更换老旧路灯 46 盏。",
                 4'600'000, "collective", day(10), day(70), 1200}));
    auto resident = services_.demo_actor("jumin1", "resident", "620102001001001");
    if (!resident) return {};
    SHEQU_ASSIGN_OR_RETURN(
        const ProjectComment asked,
        projects_.comment(*resident, lifts.project.id, "4 号楼什么时候能加装电梯？"));
    SHEQU_TRY(projects_.decide(worker, asked.id, true, "4 号楼已列入明年计划，正在征求居民意见。"));
    SHEQU_TRY(projects_.comment(*resident, lifts.project.id, "施工期间请注意夜间噪音。"));
    return {};
  }

  app::Services& services_;
  ListsService service_;
  ProjectService projects_;
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

}  // namespace shequ::lists
