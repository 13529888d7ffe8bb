// shequ: one binary for the server and every set-up, import and analysis task.
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"

#include <fmt/format.h>

namespace shequ::cli {

// These options are shared by many subcommands and bound to one Context field. Their environment
// variables are read once in main(), before parsing, rather than through CLI11's envname: CLI11
// applies an unused subcommand's envname to the shared field after the flag the user typed, so
// `--database X` lost to SHEQU_DATABASE.
void add_network_option(CLI::App& command, Context& context) {
  command
      .add_option("--network", context.network_file,
                  "Walking-network file written by `shequ access import-osm` (env SHEQU_NETWORK)")
      ->capture_default_str();
}

void add_walk_speed_option(CLI::App& command, Context& context) {
  command
      .add_option("--walk-speed", context.walk_speed_kmh,
                  "Walking speed in km/h for the 5/10/15-minute tiers; at 4, fifteen minutes are "
                  "1,000 m (env SHEQU_WALK_SPEED)")
      ->check(CLI::Range(2.0, 7.0))
      ->capture_default_str();
}

uint32_t walk_speed_metres_per_hour(const Context& context) {
  return static_cast<uint32_t>(std::lround(context.walk_speed_kmh * 1000));
}

std::unique_ptr<app::Services> open_services(const Context& context) {
  static SystemClock clock;
  app::ServiceOptions options{.keys_file = context.keys_file,
                              .audit_checkpoints = context.audit_checkpoints};
  options.circle.network_file = context.network_file;
  options.circle.speed_metres_per_hour = walk_speed_metres_per_hour(context);
  auto services = app::Services::open(context.database_url, clock, options);
  if (!services) fail(context, services.error());
  return std::move(*services);
}

void add_database_option(CLI::App& command, Context& context) {
  command
      .add_option(
          "--database", context.database_url,
          "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB (env SHEQU_DATABASE)")
      ->capture_default_str();
  command
      .add_option("--keys", context.keys_file,
                  "Personal-data key file (keep it outside the database; created by init) (env "
                  "SHEQU_KEYS)")
      ->capture_default_str();
  command
      .add_option("--audit-checkpoints", context.audit_checkpoints,
                  "File the signed heads of the audit chain are appended to, outside the "
                  "database (env SHEQU_AUDIT_CHECKPOINTS)")
      ->capture_default_str();
}

void checkpoint_audit(const Context& context, app::Services& services) {
  auto checkpoint = services.checkpoint_audit();
  if (!checkpoint) fail(context, checkpoint.error());
}

void begin(const Context& context) {
  init_logging(context.log_level);
}

int fail(const Context& context, const Error& error) {
  print_error(context, error);
  throw CLI::RuntimeError(1);
}

void print_error(const Context& context, const Error& error) {
  fmt::print(stderr, "{}: {}\n", context.locale == Locale::en ? "error" : "错误",
             error.message.in(context.locale));
  for (const FieldError& d : error.details) {
    if (d.line > 0) {
      fmt::print(stderr, "  {} {}: {}: {}\n", context.locale == Locale::en ? "line" : "行", d.line,
                 d.field, d.reason.in(context.locale));
    } else {
      fmt::print(stderr, "  {}: {}\n", d.field, d.reason.in(context.locale));
    }
  }
  if (!error.internal_detail.empty()) fmt::print(stderr, "  ({})\n", error.internal_detail);
}

}  // namespace shequ::cli

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
  for (auto [name, field] : {std::pair{"SHEQU_DATABASE", &context.database_url},
                             std::pair{"SHEQU_KEYS", &context.keys_file},
                             std::pair{"SHEQU_AUDIT_CHECKPOINTS", &context.audit_checkpoints},
                             std::pair{"SHEQU_NETWORK", &context.network_file}}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') *field = value;
  }
  if (const char* speed = std::getenv("SHEQU_WALK_SPEED"); speed != nullptr && *speed != '\0') {
    char* end = nullptr;
    const double kmh = std::strtod(speed, &end);
    if (*end != '\0' || !(kmh >= 2.0 && kmh <= 7.0)) {
      fmt::print(stderr, "SHEQU_WALK_SPEED: {} (2-7 km/h)\n", speed);
      return 2;
    }
    context.walk_speed_kmh = kmh;
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
  shequ::cli::add_serve_command(app, context);
  shequ::cli::add_migrate_command(app, context);
  shequ::cli::add_org_command(app, context);
  shequ::cli::add_user_command(app, context);
  shequ::cli::add_audit_command(app, context);
  shequ::cli::add_keys_command(app, context);
  shequ::cli::add_access_command(app, context);
  shequ::cli::add_openapi_command(app, context);
  try {
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
