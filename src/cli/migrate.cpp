#include <fmt/format.h>

#include "cli/cli.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace shequ::cli {

void add_migrate_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("migrate", "Apply pending schema migrations");
  add_database_option(*command, context);
  command->callback([&context] {
    begin(context);
    auto db = storage::open_database(context.database_url);
    if (!db) fail(context, db.error());
    auto report = storage::migrate(**db, app::make_registry(context.modules)->migrations());
    if (!report) fail(context, report.error());
    const bool en = context.locale == Locale::en;
    if (report->applied.empty()) {
      fmt::print(fmt::runtime(en ? "Schema is up to date (version {})\n"
                                 : "数据库结构已是最新（版本 {}）\n"),
                 report->current_version);
    } else {
      fmt::print(fmt::runtime(en ? "Applied migrations {}; schema is at version {}\n"
                                 : "已应用迁移 {}；当前版本 {}\n"),
                 fmt::join(report->applied, ", "), report->current_version);
    }
  });
}

}  // namespace shequ::cli
