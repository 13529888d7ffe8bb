#include "residents/commands.hpp"

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "residents/visit_service.hpp"

namespace shequ::residents {

namespace {

struct RemindOptions {
  std::string date;  // YYYY-MM-DD; empty: today in China
  std::string root = "620000000000";
};

// The monthly visit reminder run now, as the daily job runs it: for a missed day, or to see what
// it would have left on another date.
void add_remind(CLI::App& residents, app::CommandContext& context) {
  auto* command = residents.add_subcommand(
      "remind-visits",
      "Leave each grid worker with care targets not yet visited this period a reminder "
      "(from the 20th of the month, once a month)");
  cli::add_database_option(*command, context);
  auto options = std::make_shared<RemindOptions>();
  command->add_option("--date", options->date,
                      "The day to run as, YYYY-MM-DD (default: today in China)");
  command->add_option("--unit", options->root, "The unit whose targets (default: the province)");
  command->callback([&context, options] {
    cli::begin(context);
    if (!options->date.empty() && !is_valid_date(options->date)) {
      cli::fail(context, Error::invalid("--date", {"日期应为 YYYY-MM-DD 格式的有效日期",
                                                   "a valid date, YYYY-MM-DD"}));
    }
    auto services = cli::open_services(context);
    const std::string date =
        options->date.empty() ? china_date(services->clock().now()) : options->date;
    auto run = services->service<VisitService>().remind_overdue(options->root, date);
    if (!run) cli::fail(context, run.error());
    fmt::print(
        fmt::runtime(context.locale == Locale::en ? "reminded {} accounts of {} targets ({})\n"
                                                  : "已提醒 {} 个账号，共 {} 位关爱对象（{}）\n"),
        run->reminded, run->targets, run->month);
  });
}

}  // namespace

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* residents = app.add_subcommand("residents", "Residents and home visits (实有人口)");
  residents->require_subcommand(1);
  add_remind(*residents, context);
}

}  // namespace shequ::residents
