#include "alerts/commands.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>

#include "alerts/alert_service.hpp"
#include "cli/cli.hpp"
#include "common/strings.hpp"
#include "http/client.hpp"

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

// Reads "sms=TOKEN" and "broadcast=TOKEN" lines ('#' starts a comment) into the settings. The
// file holds secrets: one that others may read is refused, as ssh refuses such a key.
std::string read_credentials(const std::string& path, app::CommandContext& context) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return fmt::format("{}: no such file", path);
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return fmt::format("{}: others may read it; chmod 600 {}", path, path);
  }
  std::ifstream in(path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    number += 1;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const std::size_t equals = text.find('=');
    const std::string_view name =
        equals == std::string_view::npos ? text : trim(text.substr(0, equals));
    const std::string_view token =
        equals == std::string_view::npos ? "" : trim(text.substr(equals + 1));
    if ((name != kSmsChannel && name != kBroadcastChannel) || token.empty()) {
      return fmt::format("{} line {}: expected sms=TOKEN or broadcast=TOKEN", path, number);
    }
    context.settings[std::string(name == kSmsChannel ? kSmsTokenSetting : kBroadcastTokenSetting)] =
        std::string(token);
  }
  return {};
}

void add_outbound_options(CLI::App& serve, app::CommandContext& context) {
  const auto url_check = [](const std::string& url) -> std::string {
    const auto parsed = http::parse_url(url, "url");
    return parsed ? std::string() : "must be a full http:// or https:// URL";
  };
  serve
      .add_option_function<std::string>(
          "--sms-gateway",
          [&context](const std::string& url) {
            context.settings[std::string(kSmsGatewaySetting)] = url;
          },
          "URL of the SMS gateway warnings go out through to residents with a phone but no "
          "account (docs/integration/outbound.md); default: none")
      ->envname("SHEQU_SMS_GATEWAY")
      ->check(url_check);
  serve
      .add_option_function<std::string>(
          "--broadcast-gateway",
          [&context](const std::string& url) {
            context.settings[std::string(kBroadcastGatewaySetting)] = url;
          },
          "URL of the emergency broadcast system (应急广播) warnings may also go out on; "
          "default: none")
      ->envname("SHEQU_BROADCAST_GATEWAY")
      ->check(url_check);
  serve
      .add_option_function<std::string>(
          "--outbound-credentials",
          [&context](const std::string& path) {
            if (std::string problem = read_credentials(path, context); !problem.empty()) {
              throw CLI::ValidationError("--outbound-credentials", problem);
            }
          },
          "File of the gateways' bearer tokens, one per line: sms=TOKEN, broadcast=TOKEN "
          "(mode 600)")
      ->envname("SHEQU_OUTBOUND_CREDENTIALS");
  serve
      .add_option_function<std::string>(
          "--outbound-ca",
          [&context](const std::string& path) {
            context.settings[std::string(kOutboundCaSetting)] = path;
          },
          "PEM file of the authorities that sign the gateways' https certificates (default: "
          "the system's)")
      ->envname("SHEQU_OUTBOUND_CA")
      ->check(CLI::ExistingFile);
}

}  // namespace

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context) {
  add_outbound_options(serve, context);
  auto* alerts = app.add_subcommand("alerts", "Warnings (预警信息)");
  alerts->require_subcommand(1);
  add_escalate(*alerts, context);
}

}  // namespace shequ::alerts
