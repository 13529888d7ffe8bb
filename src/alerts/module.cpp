#include "alerts/module.hpp"

#include "alerts/alert_service.hpp"
#include "alerts/declaration.hpp"
#include "alerts/routes.hpp"
#include "app/app.hpp"
#include "jobs/job_runner.hpp"

namespace shequ::alerts {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services)
      : services_(services),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), services.service<jobs::JobRunner>()) {
    auto& runner = services.service<jobs::JobRunner>();
    runner.handle(kDeliverKind, [this](const jobs::JobContext& context) -> Result<Json> {
      return service_.deliver(context);
    });
    runner.handle(kEscalateKind, [this](const jobs::JobContext&) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const EscalationRun run, service_.escalate());
      return Json{{"alerts", run.alerts}, {"tasks", run.tasks}};
    });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    alerts::add_routes(router, service_, services_.org(), services_.clock());
  }
  void* service(const std::type_info& type) override {
    return type == typeid(AlertService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoApprovals) return service_.count_pending_approvals(actor);
    if (code == kTodoTasks) return service_.count_open_tasks(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  app::Services& services_;
  AlertService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration, [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      }};
  return entry;
}

}  // namespace shequ::alerts
