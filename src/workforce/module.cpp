#include "workforce/module.hpp"

#include "app/app.hpp"
#include "workforce/declaration.hpp"
#include "workforce/demo.hpp"
#include "workforce/routes.hpp"
#include "workforce/training_service.hpp"
#include "workforce/workforce_service.hpp"

namespace shequ::workforce {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        roster_(services.org(), services.database(), services.audit(), services.clock(),
                services.keyring()),
        training_(services.org(), services.database(), services.audit(), services.clock(),
                  services.keyring(), roster_) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    workforce::add_routes(router, roster_, training_, services_.org());
  }
  Result<Text> add_demo_data(uint64_t) override {
    return add_demo_workforce(services_.operator_actor(), services_.clock(), roster_, training_);
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(TrainingService)) return &training_;
    return type == typeid(RosterService) ? &roster_ : nullptr;
  }
  Result<std::vector<kit::UnitCounts>> count_indicator(std::string_view indicator,
                                                       const std::string& first_day,
                                                       const std::string& last_day) const override {
    return roster_.indicator_counts(indicator, first_day, last_day);
  }

 private:
  app::Services& services_;
  RosterService roster_;
  TrainingService training_;
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

}  // namespace shequ::workforce
