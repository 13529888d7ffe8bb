#include "jobs/module.hpp"

#include "app/app.hpp"
#include "app/settings.hpp"
#include "jobs/declaration.hpp"
#include "jobs/job_service.hpp"
#include "jobs/routes.hpp"

namespace shequ::jobs {

namespace {

constexpr std::string_view kWorkersSetting = "jobs.workers";
constexpr std::string_view kSilenceSetting = "jobs.silence";

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, RunnerOptions options)
      : registry_(services.registry()),
        runner_(services.database(), services.clock(), services.registry(), std::move(options)),
        service_(runner_, services.org(), services.database(), services.audit()) {
    runner_.handle(kPurgeKind, [this](const JobContext&) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const int64_t purged, runner_.purge_finished());
      return Json{{"purged", purged}};
    });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    jobs::add_routes(router, service_, registry_);
  }
  void start() override { runner_.start(); }
  void stop() override { runner_.stop(); }
  void* service(const std::type_info& type) override {
    if (type == typeid(JobRunner)) return &runner_;
    if (type == typeid(JobService)) return &service_;
    return nullptr;
  }

 private:
  const kit::Registry& registry_;
  JobRunner runner_;
  JobService service_;
};

Result<RunnerOptions> runner_options(const std::map<std::string, std::string>& settings,
                                     const std::string& root) {
  RunnerOptions options;
  SHEQU_ASSIGN_OR_RETURN(const int64_t workers,
                         app::whole_number_setting(settings, kWorkersSetting, 1, 1, 64));
  SHEQU_ASSIGN_OR_RETURN(const int64_t silence,
                         app::whole_number_setting(settings, kSilenceSetting, 30, 3, 3600));
  options.workers = static_cast<std::size_t>(workers);
  options.silence = std::chrono::seconds(silence);
  // A server started on a database not yet initialised has no tree: its scheduled jobs are the
  // province's all the same (an empty unit would be no unit anyone's scope holds).
  if (!root.empty()) options.schedule_unit = root;
  return options;
}

void add_commands(CLI::App&, CLI::App& serve, app::CommandContext& context) {
  serve
      .add_option_function<int64_t>(
          "--job-workers",
          [&context](int64_t n) {
            context.settings[std::string(kWorkersSetting)] = std::to_string(n);
          },
          "Background jobs this server runs at once (default 1)")
      ->check(CLI::Range(1, 64));
  serve
      .add_option_function<int64_t>(
          "--job-silence",
          [&context](int64_t s) {
            context.settings[std::string(kSilenceSetting)] = std::to_string(s);
          },
          "Seconds without a heartbeat after which another server takes a running job back "
          "(default 30)")
      ->check(CLI::Range(3, 3600));
}

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        const auto roots = services.org().tree().roots();
        auto options =
            runner_options(settings, roots.empty() ? std::string() : roots.front().unit.code);
        // The settings were checked when the command line was read; what is left invalid here
        // came from a program, not a person.
        if (!options) throw std::invalid_argument(options.error().details.front().field);
        return std::make_unique<Runtime>(services, std::move(*options));
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::jobs
