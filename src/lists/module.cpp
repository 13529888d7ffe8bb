#include "lists/module.hpp"

#include "app/app.hpp"
#include "lists/declaration.hpp"
#include "lists/lists_service.hpp"
#include "lists/routes.hpp"

namespace shequ::lists {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.service<access::CircleService>()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    lists::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(ListsService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoUrgent) return service_.count_urgent(actor);
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
         "畅家巷“邻里帮”志愿服务队",
         "housekeeping",
         5,
         {8, 20},
         36.0617,
         103.8350,
         "",
         "保洁、代购、陪同就医"},
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
    return Text{"三项清单：畅家巷社区 5 项服务资源、4 条居民需求（1 条紧急需求已对接老年食堂）",
                "Needs and resources: 5 resources and 4 needs of 畅家巷社区 (the urgent one "
                "matched with the elderly canteen)"};
  }

 private:
  app::Services& services_;
  ListsService service_;
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
