#include "readiness/module.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cmath>

#include "app/app.hpp"
#include "facility/facility.hpp"
#include "facility/facility_service.hpp"
#include "readiness/declaration.hpp"
#include "readiness/drill_service.hpp"
#include "readiness/incident_service.hpp"
#include "readiness/routes.hpp"
#include "readiness/supply_service.hpp"

namespace shequ::readiness {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock()),
        supplies_(services.org(), services.database(), services.audit(), services.clock()),
        drills_(services.org(), services.database(), services.audit(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    readiness::add_routes(router, service_);
    add_supply_routes(router, supplies_);
    add_drill_routes(router, drills_);
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(SupplyService)) return &supplies_;
    if (type == typeid(DrillService)) return &drills_;
    return type == typeid(IncidentService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoSuppliesExpiring) return supplies_.count_expiring(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }
  // 畅家巷社区's officer reported a summer storm's flooding, and a later report corrected it; the
  // community keeps a store of supplies (one item expired, one expiring within the month) and
  // held a fire drill, with an evacuation drill planned.
  Result<Text> add_demo_data(uint64_t) override {
    if (!services_.org().tree().find(kDemoCommunity)) return Text{};
    auto community = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    if (!community) return Text{};
    const auto now = services_.clock().now();
    IncidentInput flood{kDemoCommunity,
                        "flood",
                        format_timestamp(now - std::chrono::days(120)),
                        "畅家巷 12 号楼至 23 号楼之间低洼院落",
                        {0, 36, 0, 0, 0, 4},
                        "抽水泵 2 台，沙袋 200 个；3 户老人需临时安置"};
    SHEQU_ASSIGN_OR_RETURN(const IncidentView first, service_.report(*community, flood));
    flood.toll.affected = 48;
    flood.toll.injured = 1;
    flood.toll.houses_damaged = 6;
    flood.needs = "抽水泵 2 台，沙袋 200 个；5 户需临时安置，1 名轻伤老人已送医";
    SHEQU_TRY(service_.correct(*community, first.incident.id, first.incident.version, flood));
    IncidentInput hail{kDemoCommunity,
                       "hail",
                       format_timestamp(now - std::chrono::days(95)),
                       "畅家巷社区停车场及临街商铺",
                       {0, 12, 0, 0, 0, 0},
                       "临街商铺雨棚损坏，需要清理"};
    SHEQU_TRY(service_.report(*community, hail));
    SHEQU_TRY(add_demo_supplies(*community));
    SHEQU_TRY(add_demo_drills(*community));
    SHEQU_ASSIGN_OR_RETURN(const DemoShelters shelters, add_demo_shelters());
    return Text{
        fmt::format("灾情报送：畅家巷社区 2 起（含 1 次续报）；应急物资 5 种（1 种已过期、1 种即将"
                    "过期）；应急演练 2 次；应急避难场所：酒泉路街道 {} 处（可容纳 {} 人），附避难"
                    "安置分配",
                    shelters.count, shelters.capacity),
        fmt::format("Incident reports: 2 in 畅家巷社区 (one corrected once); 5 kinds of emergency "
                    "supplies (one expired, one expiring soon); 2 drills; emergency shelters: {} "
                    "in 酒泉路街道 (for {} people), with the assignment",
                    shelters.count, shelters.capacity)};
  }

 private:
  std::string demo_date(int64_t days_from_today) const {
    return china_date(services_.clock().now() + std::chrono::days(days_from_today));
  }
  Status add_demo_supplies(const Actor& community) {
    const std::vector<SupplyInput> items{
        {kDemoCommunity, "矿泉水（550ml×24）", "water", 40, "箱", "社区服务站一楼储藏室",
         demo_date(-5), "已过期，待更换"},
        {kDemoCommunity, "方便面", "food", 30, "箱", "社区服务站一楼储藏室", demo_date(12), ""},
        {kDemoCommunity, "救灾帐篷", "shelter", 6, "顶", "畅家巷 8 号楼地下室", "", ""},
        {kDemoCommunity, "应急照明灯", "lighting", 20, "个", "社区服务站值班室", "", ""},
        {kDemoCommunity, "医用急救包", "medicine", 15, "个", "社区服务站值班室", demo_date(300),
         ""}};
    for (const SupplyInput& item : items) SHEQU_TRY(supplies_.create(community, item));
    return {};
  }
  // Emergency shelters of 酒泉路街道's five communities, registered by the county where the demo
  // walking network is laid (data/demo/monaco-areas.geojson, laidOn): the shelter assignment
  // places homes in them, fills some, and names the homes none can take. Registered here, after
  // the demo province (which adds its facilities only to an empty registry).
  struct DemoShelters {
    int count = 0;
    int64_t capacity = 0;
  };
  Result<DemoShelters> add_demo_shelters() {
    struct DemoShelter {
      const char* unit;
      const char* name;
      int64_t capacity;
      double floor_area;
      double lat, lon;
    };
    static constexpr std::array<DemoShelter, 5> kShelters{{
        {"620102001001", "畅家巷小学操场应急避难场所", 900, 4200, 36.06260, 103.83366},
        {"620102001002", "张家园广场应急避难场所", 1500, 6800, 36.07080, 103.84903},
        {"620102001003", "中街子社区公园应急避难场所", 700, 3100, 36.07440, 103.85645},
        {"620102001004", "南稍门中学应急避难场所", 1200, 5200, 36.08060, 103.86208},
        {"620102001005", "杨家园体育场应急避难场所", 2500, 11000, 36.09280, 103.89668},
    }};
    SHEQU_ASSIGN_OR_RETURN(Actor county,
                           services_.demo_actor("chengguan", "county_admin", "620102000000"));
    const auto& registry = services_.service<facility::FacilityService>();
    DemoShelters added;
    for (const DemoShelter& shelter : kShelters) {
      if (!services_.org().tree().find(shelter.unit)) continue;
      facility::FacilityFields fields{
          .unit_code = shelter.unit,
          .type = std::string(facility::kEmergencyShelter),
          .name = shelter.name,
          .floor_area = shelter.floor_area,
          .capacity = shelter.capacity,
          .lat_e7 = static_cast<int32_t>(std::lround(shelter.lat * 1e7)),
          .lon_e7 = static_cast<int32_t>(std::lround(shelter.lon * 1e7)),
          .status = "open",
          .opened_on = "2021-06-01"};
      for (auto& day : fields.hours) day.push_back({0, 24 * 60});
      SHEQU_TRY(registry.create(county, std::move(fields)));
      ++added.count;
      added.capacity += shelter.capacity;
    }
    return added;
  }
  Status add_demo_drills(const Actor& community) {
    SHEQU_TRY(
        drills_.create(community, {kDemoCommunity, demo_date(-40), "done", "fire",
                                   "高层住宅火灾疏散与灭火器使用", 120, "畅家巷 12 号楼及广场",
                                   "居民 110 人、物业 10 人参加，"
                                   "用时 8 分钟完成疏散"}));
    SHEQU_TRY(drills_.create(community, {kDemoCommunity, demo_date(20), "planned", "earthquake",
                                         "地震避险与应急避难场所集合", 0, "畅家巷社区广场", ""}));
    return {};
  }

  app::Services& services_;
  IncidentService service_;
  SupplyService supplies_;
  DrillService drills_;
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

}  // namespace shequ::readiness
