#include "report/module.hpp"

#include "app/app.hpp"
#include "report/commands.hpp"
#include "report/declaration.hpp"
#include "report/evaluation.hpp"
#include "report/routes.hpp"

namespace shequ::report {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : service_(services.org(), services.service<indicator::IndicatorService>(),
                 services.database(), services.audit(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    report::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(EvaluationService) ? &service_ : nullptr;
  }

 private:
  EvaluationService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      add_commands};
  return entry;
}

}  // namespace shequ::report
