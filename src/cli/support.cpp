#include <fmt/format.h>

#include "cli/cli.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"

namespace shequ::cli {

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

std::unique_ptr<app::Services> open_services(const Context& context, app::ServiceOptions options) {
  static SystemClock clock;
  options.keys_file = context.keys_file;
  options.audit_checkpoints = context.audit_checkpoints;
  for (const auto& [name, value] : context.settings) options.settings.emplace(name, value);
  auto services = app::Services::open(context.database_url, clock, options, context.modules);
  if (!services) fail(context, services.error());
  return std::move(*services);
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
