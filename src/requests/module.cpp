#include "requests/module.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "app/app.hpp"
#include "jobs/job_runner.hpp"
#include "requests/declaration.hpp"
#include "requests/open311.hpp"
#include "requests/request_service.hpp"
#include "requests/routes.hpp"

namespace shequ::requests {

namespace {

std::string photos_folder(const std::map<std::string, std::string>& settings) {
  const auto set = settings.find(std::string(kPhotosSetting));
  return set != settings.end() && !set->second.empty() ? set->second
                                                       : std::string(kDefaultPhotosFolder);
}

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, const std::map<std::string, std::string>& settings)
      : org_(services.org()),
        clock_(services.clock()),
        photos_(photos_folder(settings)),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), photos_) {
    services.service<jobs::JobRunner>().handle(
        kEscalateKind, [this](const jobs::JobContext&) -> Result<Json> {
          SHEQU_ASSIGN_OR_RETURN(const int64_t escalated, service_.escalate_overdue());
          return Json{{"escalated", escalated}};
        });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    requests::add_routes(router, service_, org_);
    open311::add_routes(router, service_, org_, clock_);
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
  const Clock& clock_;
  storage::FileStore photos_;
  RequestService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        return std::make_unique<Runtime>(services, settings);
      },
      // serve --photos, after the environment's SHEQU_PHOTOS.
      [](CLI::App&, CLI::App& serve, app::CommandContext& context) {
        std::string& folder = context.settings[std::string(kPhotosSetting)];
        folder = std::string(kDefaultPhotosFolder);
        if (const char* value = std::getenv("SHEQU_PHOTOS"); value != nullptr && *value != '\0') {
          folder = value;
        }
        serve
            .add_option("--photos", folder,
                        "Folder of the requests' photos, shared by every server of a "
                        "deployment (env SHEQU_PHOTOS)")
            ->capture_default_str();
      }};
  return entry;
}

}  // namespace shequ::requests
