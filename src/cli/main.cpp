// shequ: one binary for the server and every set-up, import and analysis task. The platform's
// commands are here; each module adds its own (app::ModuleEntry::commands).
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "modules/modules.hpp"

namespace {

// Messages are Chinese unless the environment asks for English.
shequ::Locale locale_from_environment() {
  for (const char* name : {"SHEQU_LANG", "LC_ALL", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return std::strncmp(value, "en", 2) == 0 ? shequ::Locale::en : shequ::Locale::zh_CN;
  }
  return shequ::Locale::zh_CN;
}

}  // namespace

int main(int argc, char** argv) {
  shequ::cli::Context context;
  context.database_url = "sqlite:var/shequ.db";
  context.keys_file = std::string(shequ::app::kDefaultKeysFile);
  context.audit_checkpoints = std::string(shequ::app::kDefaultCheckpointsFile);
  context.modules = shequ::modules::all();
  // These options are shared by many subcommands and bound to one Context field. Their
  // environment variables are read here, before parsing, rather than through CLI11's envname:
  // CLI11 applies an unused subcommand's envname to the shared field after the flag the user
  // typed, so `--database X` lost to SHEQU_DATABASE. Modules read theirs the same way.
  for (auto [name, field] : {std::pair{"SHEQU_DATABASE", &context.database_url},
                             std::pair{"SHEQU_KEYS", &context.keys_file},
                             std::pair{"SHEQU_AUDIT_CHECKPOINTS", &context.audit_checkpoints}}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') *field = value;
  }
  context.locale = locale_from_environment();
  CLI::App app{
      "shequ — 甘肃省城乡社区服务信息平台 (Gansu urban and rural community services platform)\n"
      "\n"
      "First steps:\n"
      "  shequ init --demo        create var/shequ.db with the Gansu divisions and demo data\n"
      "  shequ serve              serve the console and API on http://127.0.0.1:8080\n",
      "shequ"};
  app.require_subcommand(1);
  // Options of the whole program (--log-level) may also be given after the subcommand.
  app.fallthrough();
  app.add_option("--log-level", context.log_level, "debug, info, warn or error")
      ->envname("SHEQU_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  app.set_version_flag("--version", "shequ 0.1.0");
  shequ::cli::add_init_command(app, context);
  CLI::App& serve = shequ::cli::add_serve_command(app, context);
  shequ::cli::add_migrate_command(app, context);
  shequ::cli::add_keys_command(app, context);
  shequ::cli::add_openapi_command(app, context);
  try {
    // A module reads its environment variables here and refuses a bad one before parsing.
    for (const shequ::app::ModuleEntry& module : context.modules) {
      if (module.commands) module.commands(app, serve, context);
    }
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: {}\n", context.locale == shequ::Locale::en ? "error" : "错误",
               e.what());
    return 1;
  }
  return 0;
}
