// The audit module's commands on the `shequ` command line (app::ModuleEntry::commands).
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::audit {

// Adds this module's subcommands to `program` (and its options to `serve`), bound to `context`.
void add_commands(CLI::App& program, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::audit
