#include "requests/module.hpp"

#include "app/app.hpp"
#include "jobs/job_runner.hpp"
#include "requests/declaration.hpp"
#include "requests/request_service.hpp"
#include "requests/routes.hpp"

namespace shequ::requests {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : org_(services.org()),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring()) {
    services.service<jobs::JobRunner>().handle(
        kEscalateKind, [this](const jobs::JobContext&) -> Result<Json> {
          SHEQU_ASSIGN_OR_RETURN(const int64_t escalated, service_.escalate_overdue());
          return Json{{"escalated", escalated}};
        });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    requests::add_routes(router, service_, org_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(RequestService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoToAccept) return service_.count_to_accept(actor);
    if (code == kTodoOverdue) return service_.count_overdue(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  const org::OrgService& org_;
  RequestService service_;
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

}  // namespace shequ::requests
