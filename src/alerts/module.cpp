#include "alerts/module.hpp"

#include <fmt/format.h>

#include <chrono>

#include "alerts/alert_service.hpp"
#include "alerts/commands.hpp"
#include "alerts/declaration.hpp"
#include "alerts/http_outbound.hpp"
#include "alerts/routes.hpp"
#include "app/app.hpp"
#include "jobs/job_runner.hpp"

namespace shequ::alerts {

namespace {

constexpr const char* kDemoCommunity = "620102001001";  // 畅家巷社区
constexpr const char* kDemoGrid = "620102001001001";

// The outbound channel `url_setting` configures (null when it is not set), authenticated by
// the token of `token_setting`. The command line checked both (commands.cpp); what is wrong
// here came from a program, not a person.
std::unique_ptr<OutboundChannel> channel_of(const std::map<std::string, std::string>& settings,
                                            std::string_view name, std::string_view url_setting,
                                            std::string_view token_setting) {
  const auto setting = [&](std::string_view key) {
    const auto found = settings.find(std::string(key));
    return found == settings.end() ? std::string() : found->second;
  };
  const std::string url = setting(url_setting);
  if (url.empty()) return nullptr;
  auto parsed = http::parse_url(url, std::string(url_setting));
  if (!parsed) throw std::invalid_argument(std::string(url_setting));
  HttpOutboundOptions options{
      .name = std::string(name), .url = std::move(*parsed), .token = setting(token_setting)};
  options.client.ca_file = setting(kOutboundCaSetting);
  return std::make_unique<HttpOutboundChannel>(std::move(options));
}

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, const std::map<std::string, std::string>& settings)
      : services_(services),
        sms_(channel_of(settings, kSmsChannel, kSmsGatewaySetting, kSmsTokenSetting)),
        broadcast_(channel_of(settings, kBroadcastChannel, kBroadcastGatewaySetting,
                              kBroadcastTokenSetting)),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), services.service<jobs::JobRunner>(),
                 {sms_.get(), broadcast_.get()}) {
    auto& runner = services.service<jobs::JobRunner>();
    runner.handle(kDeliverKind, [this](const jobs::JobContext& context) -> Result<Json> {
      return service_.deliver(context);
    });
    runner.handle(kEscalateKind, [this](const jobs::JobContext&) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const EscalationRun run, service_.escalate());
      return Json{{"alerts", run.alerts}, {"tasks", run.tasks}};
    });
    runner.handle(kOutboundKind, [this](const jobs::JobContext& context) -> Result<Json> {
      SHEQU_ASSIGN_OR_RETURN(const OutboundRun run, service_.send_outbound(context));
      return Json{{"alerts", run.alerts},         {"smsSent", run.sent},
                  {"smsFailed", run.failed},      {"smsLeft", run.retry},
                  {"broadcasts", run.broadcasts}, {"smsWithdrawals", run.withdrawals}};
    });
  }
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    alerts::add_routes(router, service_, services_.org(), services_.clock());
  }
  void* service(const std::type_info& type) override {
    return type == typeid(AlertService) ? &service_ : nullptr;
  }
  // In 畅家巷社区: a heat warning out to the older people living alone (those nothing reaches
  // but a visit are the grid worker's calls, one of them made), a gas-safety notice to the first
  // grid that reaches the demo resident 刘芳's account, and a flood warning awaiting the street's
  // approval.
  Result<Text> add_demo_data(uint64_t) override {
    if (!services_.org().tree().find(kDemoCommunity) || !services_.org().tree().find(kDemoGrid)) {
      return Text{};
    }
    auto community = services_.demo_actor("changjiaxiang", "community_worker", kDemoCommunity);
    auto worker = services_.demo_actor("wangge1", "grid_worker", kDemoGrid);
    if (!community || !worker) return Text{};
    const auto now = services_.clock().now();
    const auto warning = [&](const char* category, const char* level, const char* title,
                             const char* content, const char* guidance, Target target) {
      AlertInput in;
      in.unit = kDemoCommunity;
      in.category = category;
      in.level = level;
      in.title = title;
      in.content = content;
      in.guidance = guidance;
      in.valid_from = format_timestamp(now);
      in.valid_until = format_timestamp(now + std::chrono::hours(72));
      in.target = std::move(target);
      return in;
    };
    const auto issue = [&](const AlertInput& in) -> Result<Alert> {
      SHEQU_ASSIGN_OR_RETURN(const AlertView draft, service_.create(*community, in));
      SHEQU_ASSIGN_OR_RETURN(const AlertView issued,
                             service_.issue(*community, draft.alert.id, draft.alert.version));
      if (issued.alert.status != kSending) return issued.alert;
      // Delivered now, as the queued job will find when a server starts (it then does nothing).
      jobs::Job job;
      job.id = issued.alert.job_id.value_or(0);
      job.params = {{"alert", issued.alert.id}};
      std::atomic<double> progress{0};
      std::atomic<bool> stop{false};
      SHEQU_TRY(service_.deliver(jobs::JobContext(job, progress, stop)));
      SHEQU_ASSIGN_OR_RETURN(const AlertView sent, service_.find(*community, issued.alert.id));
      return sent.alert;
    };
    SHEQU_ASSIGN_OR_RETURN(
        const Alert heat,
        issue(warning("heat", "yellow", "高温黄色预警",
                      "预计未来三天城关区最高气温将达 37℃ 以上，午后紫外线强。",
                      "减少午后外出，多饮水，注意防暑；身体不适请拨打网格员电话。",
                      {{kDemoCommunity}, {}, {"living_alone"}})));
    SHEQU_ASSIGN_OR_RETURN(auto calls,
                           service_.tasks(*worker, std::string(kOpen), heat.id, {1, 20}));
    if (!calls.items.empty()) {
      const Task& first = calls.items.front().task;
      SHEQU_TRY(service_.finish_task(*worker, first.id, first.version, "reached",
                                     "已上门告知防暑注意事项，老人身体无恙"));
    }
    SHEQU_ASSIGN_OR_RETURN(
        const Alert gas,
        issue(warning("gas", "blue", "冬季燃气安全提示",
                      "近期气温下降，家庭用气量增加，请注意燃气使用安全。",
                      "使用燃气时保持通风，离家关闭阀门；闻到异味请勿开关电器，立即开窗并报修。",
                      {{}, {kDemoGrid}, {}})));
    SHEQU_ASSIGN_OR_RETURN(
        const Alert flood,
        issue(warning(
            "flood", "orange", "暴雨橙色预警", "预计今夜至明日城关区有大到暴雨，局地伴有雷电。",
            "低洼院落和地下室住户请提前转移贵重物品，注意防范积水。", {{kDemoCommunity}, {}, {}})));
    const bool waiting = flood.status == kPending;
    return Text{fmt::format("3 条预警信息（送达 {} 人、{} 人{}）", heat.recipients, gas.recipients,
                            waiting ? "，1 条待街道审批" : ""),
                fmt::format("3 warnings (to {} and {} people{})", heat.recipients, gas.recipients,
                            waiting ? ", one awaiting the street's approval" : "")};
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoApprovals) return service_.count_pending_approvals(actor);
    if (code == kTodoTasks) return service_.count_open_tasks(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  app::Services& services_;
  std::unique_ptr<OutboundChannel> sms_;
  std::unique_ptr<OutboundChannel> broadcast_;
  AlertService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        return std::make_unique<Runtime>(services, settings);
      },
      add_commands};
  return entry;
}

}  // namespace shequ::alerts
