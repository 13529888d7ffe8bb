// `shequ residents …`: what the residents module does at the console, for operators and scripts.
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::residents {

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::residents
