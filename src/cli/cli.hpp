// Shared pieces of the `shequ` command line: the common --database option, the language of
// messages, and printing errors for people.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "common/error.hpp"

namespace shequ::app {
class Services;
}  // namespace shequ::app

namespace shequ::cli {

struct Context {
  std::string database_url;
  std::string keys_file;
  std::string audit_checkpoints;
  std::string network_file = "var/walk-network.graph";
  double walk_speed_kmh = 4.0;
  std::string log_level = "info";
  Locale locale = Locale::zh_CN;
};

// Adds --database (env SHEQU_DATABASE), --keys (env SHEQU_KEYS) and --audit-checkpoints (env
// SHEQU_AUDIT_CHECKPOINTS) to a subcommand.
void add_database_option(CLI::App& command, Context& context);

// Adds --network (env SHEQU_NETWORK): the walking-network file of the fifteen-minute circle.
void add_network_option(CLI::App& command, Context& context);

// Adds --walk-speed (env SHEQU_WALK_SPEED): km/h on foot, which sets the tiers' distances.
void add_walk_speed_option(CLI::App& command, Context& context);
uint32_t walk_speed_metres_per_hour(const Context& context);

// Starts logging at the chosen level; every command calls it first.
void begin(const Context& context);
// Prints an error with all its details to stderr in the context's language.
void print_error(const Context& context, const Error& error);
// Prints the error and ends the command with exit status 1.
[[noreturn]] int fail(const Context& context, const Error& error);

// The services over the context's database and key file (the walking network not loaded), or the
// command ends with the error. Thread-safe to call once per command.
std::unique_ptr<app::Services> open_services(const Context& context);

// Seals the audit rows the command wrote and signs a checkpoint of the chain into the checkpoint
// file, or the command ends with the error. Every command that wrote something calls it last.
void checkpoint_audit(const Context& context, app::Services& services);

// Each subcommand registers itself; its callback runs when it is chosen.
void add_init_command(CLI::App& app, Context& context);
void add_serve_command(CLI::App& app, Context& context);
void add_migrate_command(CLI::App& app, Context& context);
void add_org_command(CLI::App& app, Context& context);
void add_user_command(CLI::App& app, Context& context);
void add_audit_command(CLI::App& app, Context& context);
void add_keys_command(CLI::App& app, Context& context);
void add_access_command(CLI::App& app, Context& context);
void add_openapi_command(CLI::App& app, Context& context);

}  // namespace shequ::cli
