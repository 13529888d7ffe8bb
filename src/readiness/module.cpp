#include "readiness/module.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/app.hpp"
#include "readiness/declaration.hpp"
#include "readiness/incident_service.hpp"
#include "readiness/routes.hpp"

namespace shequ::readiness {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    readiness::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(IncidentService) ? &service_ : nullptr;
  }
  // 畅家巷社区's officer reported a summer storm's flooding, and a later report corrected it.
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
    return Text{"灾情报送：畅家巷社区 2 起（含 1 次续报）",
                "Incident reports: 2 in 畅家巷社区 (one corrected once)"};
  }

 private:
  app::Services& services_;
  IncidentService service_;
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
