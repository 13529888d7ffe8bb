#include "org/module.hpp"

#include "app/app.hpp"
#include "app/maintenance.hpp"
#include "jobs/job_runner.hpp"
#include "org/commands.hpp"
#include "org/declaration.hpp"
#include "org/routes.hpp"

namespace shequ::org {

namespace {

// The org service belongs to the platform (every module reads the tree); the module adds its
// routes and commands, keeps the tree in step with other servers, and trims the change log
// nightly.
class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(OrgService& service, jobs::JobRunner& runner) : service_(service) {
    runner.handle(kTrimChangesKind, [this](const jobs::JobContext&) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const int64_t deleted, service_.trim_changes());
      return Json{{"deleted", deleted}};
    });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    org::add_routes(router, service_);
  }
  // Every second, the tree takes up other servers' changes, so that the scope checks of every
  // module follow them within a second (the org routes do not wait for it: they sync first);
  // every five minutes it compares the whole change log (OrgService::sync_all).
  void start() override { syncing_.start(); }
  void stop() override { syncing_.stop(); }
  void* service(const std::type_info&) override { return nullptr; }

 private:
  OrgService& service_;
  app::Maintenance syncing_{
      {{"org tree sync", std::chrono::seconds(1), [this] { return service_.sync(); }},
       {"org tree full check", std::chrono::minutes(5), [this] { return service_.sync_all(); }}}};
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services.org(), services.service<jobs::JobRunner>());
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::org
