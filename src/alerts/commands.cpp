#include "alerts/commands.hpp"

#include <fmt/format.h>

#include "alerts/alert_service.hpp"
#include "cli/cli.hpp"

namespace shequ::alerts {

namespace {

// The escalation run now, as the job runs it every five minutes: after a server was down, or to
// have the calls asked for at once.
void add_escalate(CLI::App& alerts, app::CommandContext& context) {
  auto* command = alerts.add_subcommand(
      "escalate",
      "Turn the silence of vulnerable recipients past a warning's deadline into calls and visits "
      "for their grid workers (as the job does every five minutes)");
  cli::add_database_option(*command, context);
  command->callback([&context] {
    cli::begin(context);
    auto services = cli::open_services(context);
    auto run = services->service<AlertService>().escalate();
    if (!run) cli::fail(context, run.error());
    fmt::print(
        fmt::runtime(context.locale == Locale::en ? "{} new calls or visits for {} warnings\n"
                                                  : "新增 {} 项联系任务，涉及 {} 条预警\n"),
        run->tasks, run->alerts);
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* alerts = app.add_subcommand("alerts", "Warnings (预警信息)");
  alerts->require_subcommand(1);
  add_escalate(*alerts, context);
}

}  // namespace shequ::alerts
