#include "access/module.hpp"

#include <cmath>

#include "access/commands.hpp"
#include "access/declaration.hpp"
#include "access/routes.hpp"
#include "app/app.hpp"
#include "app/maintenance.hpp"
#include "app/settings.hpp"
#include "common/strings.hpp"
#include "jobs/job_runner.hpp"

namespace shequ::access {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, CircleOptions options)
      : service_(services.org(), services.database(), services.audit(),
                 services.service<jobs::JobRunner>(), std::move(options)) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    access::add_routes(router, service_);
  }
  // The server reads the network file and computes the reach table in the background, so that
  // the first request does not wait for it (commands read it where they use it).
  Status prepare_to_serve() override {
    SHEQU_TRY(service_.load());
    service_.warm_up();
    return {};
  }
  // Every server watches the network file (a shared path in a province deployment): an import
  // is taken up by all of them within seconds, without a restart.
  void start() override { watching_.start(); }
  void stop() override { watching_.stop(); }
  void* service(const std::type_info& type) override {
    return type == typeid(CircleService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoShortCommunities) return service_.count_short_communities(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  CircleService service_;
  app::Maintenance watching_{
      {{"walking network reload", std::chrono::seconds(5), [this]() -> Status {
          SHEQU_TRY(service_.reload_if_changed());
          return {};
        }}}};
};

}  // namespace

Result<CircleOptions> circle_options(const std::map<std::string, std::string>& settings) {
  CircleOptions options;
  if (auto network = settings.find(std::string(kNetworkSetting)); network != settings.end())
    options.network_file = network->second;
  SHEQU_ASSIGN_OR_RETURN(const double kmh,
                         app::number_setting(settings, kWalkSpeedSetting, 4, 2, 7));
  options.speed_metres_per_hour = static_cast<uint32_t>(std::lround(kmh * 1000));
  SHEQU_ASSIGN_OR_RETURN(
      const double per_account,
      app::number_setting(settings, kJobsPerAccountSetting,
                          static_cast<double>(options.jobs_per_account), 0, 1000));
  SHEQU_ASSIGN_OR_RETURN(const double active,
                         app::number_setting(settings, kJobsActiveSetting,
                                             static_cast<double>(options.jobs_active), 0, 10000));
  options.jobs_per_account = static_cast<std::size_t>(per_account);
  options.jobs_active = static_cast<std::size_t>(active);
  return options;
}

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        // The settings were checked when the command line was read (commands.cpp); what is
        // left invalid here came from a program, not a person.
        auto options = circle_options(settings);
        if (!options) throw std::invalid_argument(options.error().details.front().field);
        return std::make_unique<Runtime>(services, std::move(*options));
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::access
