// Shared pieces of the `shequ` command line, for the platform's commands and every module's:
// the common --database/--keys/--audit-checkpoints options, the language of messages, printing
// errors for people, and opening the services.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>

#include "app/app.hpp"
#include "app/module.hpp"
#include "common/error.hpp"

namespace shequ::cli {

using Context = app::CommandContext;

// Adds --database (env SHEQU_DATABASE), --keys (env SHEQU_KEYS) and --audit-checkpoints (env
// SHEQU_AUDIT_CHECKPOINTS) to a subcommand.
void add_database_option(CLI::App& command, Context& context);

// Starts logging at the chosen level; every command calls it first.
void begin(const Context& context);
// Prints an error with all its details to stderr in the context's language.
void print_error(const Context& context, const Error& error);
// Prints the error and ends the command with exit status 1.
[[noreturn]] int fail(const Context& context, const Error& error);

// The services over the context's database and key file with every module, built with
// `options` (the database, keys and checkpoint file are the context's), or the command ends with
// the error.
std::unique_ptr<app::Services> open_services(const Context& context,
                                             app::ServiceOptions options = {});

// Seals the audit rows the command wrote and signs a checkpoint of the chain into the checkpoint
// file, or the command ends with the error. Every command that wrote something calls it last.
void checkpoint_audit(const Context& context, app::Services& services);

// The platform's commands; each registers itself and its callback runs when it is chosen.
void add_init_command(CLI::App& app, Context& context);
// Returns the serve command, so that modules can add their options to it.
CLI::App& add_serve_command(CLI::App& app, Context& context);
void add_migrate_command(CLI::App& app, Context& context);
void add_keys_command(CLI::App& app, Context& context);
void add_openapi_command(CLI::App& app, Context& context);

}  // namespace shequ::cli
