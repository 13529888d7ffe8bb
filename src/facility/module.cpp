#include "facility/module.hpp"

#include "app/app.hpp"
#include "facility/commands.hpp"
#include "facility/declaration.hpp"
#include "facility/facility_service.hpp"
#include "facility/routes.hpp"

namespace shequ::facility {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : org_(services.org()),
        service_(services.org(), services.database(), services.audit(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    facility::add_routes(router, service_, org_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(FacilityService) ? &service_ : nullptr;
  }

 private:
  const org::OrgService& org_;
  FacilityService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::facility
