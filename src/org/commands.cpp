#include <fstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "common/clock.hpp"
#include "org/commands.hpp"

namespace shequ::org {

using cli::begin;
using cli::checkpoint_audit;
using cli::Context;
using cli::fail;
using cli::open_services;

void add_commands(CLI::App& app, CLI::App&, app::CommandContext& context) {
  auto* org = app.add_subcommand("org", "The administrative hierarchy");
  org->require_subcommand(1);
  auto* import_command = org->add_subcommand(
      "import",
      "Import a division CSV (code,name,level,level_name,parent_code,unit_type,urban_rural_code,"
      "urban_rural_name). All rows are checked first; nothing is stored unless every row is "
      "valid.");
  cli::add_database_option(*import_command, context);
  auto file = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  import_command->add_option("FILE", *file, "UTF-8 CSV file")->required()->check(CLI::ExistingFile);
  import_command->add_option("--as-of", *as_of,
                             "Date the changes take effect (YYYY-MM-DD, default today in China)");
  import_command->callback([&context, file, as_of] {
    begin(context);
    auto services = open_services(context);
    std::ifstream in(*file, std::ios::binary);
    if (!in) fail(context, Error::invalid("FILE", {"无法读取文件", "cannot read the file"}));
    const std::string date = as_of->empty() ? china_date(SystemClock().now()) : *as_of;
    auto report = services->org().import_divisions(in, date, audit::operator_who());
    if (!report) fail(context, report.error());
    checkpoint_audit(context, *services);
    fmt::print(fmt::runtime(context.locale == Locale::en
                                ? "{} rows: {} added, {} changed, {} moved, {} unchanged\n"
                                : "共 {} 行：新增 {}，修改 {}，调整上级 {}，未变 {}\n"),
               report->rows, report->inserted, report->updated, report->moved, report->unchanged);
  });
}

}  // namespace shequ::org
