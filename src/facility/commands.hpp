// `shequ facility …`: the facility registry at the console (import from a filled-in template,
// and the template itself).
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::facility {

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::facility
