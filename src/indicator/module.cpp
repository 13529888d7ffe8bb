#include "indicator/module.hpp"

#include <fmt/format.h>

#include "access/circle_service.hpp"
#include "access/coverage.hpp"
#include "app/app.hpp"
#include "indicator/declaration.hpp"
#include "indicator/demo_province.hpp"
#include "indicator/engine.hpp"
#include "indicator/indicator_service.hpp"
#include "indicator/routes.hpp"

namespace shequ::indicator {

namespace {

// Indicator 29 reads the fifteen-minute circle: the residences under a unit reaching every
// basic service type, and a fitness ground, within fifteen minutes' walk.
CircleSource circle_of(app::Services& services) {
  access::CircleService& circle = services.service<access::CircleService>();
  return [&circle](const std::string& unit) -> Result<CircleFigures> {
    SHEQU_ASSIGN_OR_RETURN(access::CircleShare share, circle.circle_share(unit, 15));
    return CircleFigures{static_cast<double>(share.residences),
                         static_cast<double>(share.reached_all_basic),
                         static_cast<double>(share.reached_fitness)};
  };
}

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : org_(services.org()),
        database_(services.database()),
        audit_(services.audit()),
        clock_(services.clock()),
        engine_(services.database()),
        service_(services.org(), services.database(), services.audit(), services.clock(), engine_,
                 circle_of(services)) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    indicator::add_routes(router, service_, org_);
  }
  Result<Text> add_demo_data(uint64_t seed) override {
    SHEQU_ASSIGN_OR_RETURN(
        DemoProvinceReport added,
        build_demo_province(database_, org_.tree(), audit_, clock_, shipped_census_csv(), seed));
    if (added.facilities == 0) return Text{};
    return Text{
        fmt::format(
            "演示省份：{} 个村（社区）的 2020—2025 年基础数据，{} 处服务设施，{} 个指标填报值",
            added.units_with_figures, added.facilities, added.entered_values),
        fmt::format("Demo province: base figures 2020-2025 of {} villages and communities, "
                    "{} facilities, {} entered indicator values",
                    added.units_with_figures, added.facilities, added.entered_values)};
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(IndicatorService)) return &service_;
    return type == typeid(Engine) ? &engine_ : nullptr;
  }

 private:
  const org::OrgService& org_;
  storage::Database& database_;
  const audit::Log& audit_;
  const Clock& clock_;
  Engine engine_;
  IndicatorService service_;
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

}  // namespace shequ::indicator
