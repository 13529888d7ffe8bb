#include "indicator/module.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "access/circle_service.hpp"
#include "access/coverage.hpp"
#include "app/app.hpp"
#include "indicator/declaration.hpp"
#include "indicator/demo_province.hpp"
#include "indicator/engine.hpp"
#include "indicator/indicator_service.hpp"
#include "indicator/period.hpp"
#include "indicator/routes.hpp"
#include "jobs/job_runner.hpp"
#include "requests/request_service.hpp"

namespace shequ::indicator {

namespace {

// Indicator 29 reads the fifteen-minute circle: the residences under a unit reaching every
// basic service type, and a fitness ground, within fifteen minutes' walk.
CircleSource circle_of(app::Services& services) {
  access::CircleService& circle = services.service<access::CircleService>();
  return [&circle](const std::string& unit) -> Result<CircleFigures> {
    SHEQU_ASSIGN_OR_RETURN(access::CircleShare share, circle.circle_share(unit, 15));
    return CircleFigures{static_cast<double>(share.residents),
                         static_cast<double>(share.reached_all_basic),
                         static_cast<double>(share.reached_fitness)};
  };
}

// The rows other modules count from their records (ADR 0030: the residents module's home visits
// for row 12, the workforce module's roster and training for rows 7, 14, 15, 20, 24, 25, 27 and
// 28), asked of the module that declares each.
ModuleSource modules_of(app::Services& services) {
  return [&services](
             std::string_view indicator, const std::string& first_day,
             const std::string& last_day) -> Result<std::optional<std::vector<kit::UnitCounts>>> {
    const auto module = services.registry().module_counting(indicator);
    const app::ModuleRuntime* runtime = module ? services.runtime_of(*module) : nullptr;
    if (!runtime) return std::optional<std::vector<kit::UnitCounts>>();
    SHEQU_ASSIGN_OR_RETURN(auto counts, runtime->count_indicator(indicator, first_day, last_day));
    return std::optional(std::move(counts));
  };
}

// Rows R1 to R3 read requests handled on receipt. The requests module is made after this one,
// so its service is looked up when the rows are first asked for.
RequestSource requests_of(app::Services& services) {
  return [&services](const std::string& first_day,
                     const std::string& last_day) -> Result<std::vector<RequestCounts>> {
    const auto* requests = services.find_service<requests::RequestService>();
    if (!requests) return std::vector<RequestCounts>{};
    SHEQU_ASSIGN_OR_RETURN(auto rates, requests->rates_by_lead_unit(first_day, last_day));
    std::vector<RequestCounts> counts;
    counts.reserve(rates.size());
    for (requests::RateCounts& r : rates) {
      counts.push_back({std::move(r.key), r.received, r.accepted_in_time, r.resolution_due,
                        r.resolved_in_time, r.rated, r.satisfied});
    }
    return counts;
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
                 circle_of(services), requests_of(services), modules_of(services)) {
    services.service<jobs::JobRunner>().handle(
        kRecountKind, [this](const jobs::JobContext&) { return recount(); });
  }
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
  // The nightly check of this year and the last (the years officials read and report on).
  Result<Json> recount() {
    const int year = china_year(clock_.now());
    const std::vector<PeriodId> periods{*parse_period(std::to_string(year - 1)),
                                        *parse_period(std::to_string(year))};
    SHEQU_ASSIGN_OR_RETURN(const Engine::Verification checked, engine_.verify(periods));
    if (checked.differing > 0) {
      spdlog::warn(
          "indicator recount: {} of {} unit totals differed from the database; the "
          "engine counts everything again",
          checked.differing, checked.units);
    }
    return Json{{"periods", {to_string(periods[0]), to_string(periods[1])}},
                {"units", checked.units},
                {"differing", checked.differing}};
  }

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
