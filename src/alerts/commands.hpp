// `shequ alerts …`: what the alerts module does at the console, for operators and scripts.
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::alerts {

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::alerts
