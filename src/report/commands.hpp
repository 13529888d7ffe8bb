// `shequ report …`: the reports at the console, for scripts and for officials without a browser.
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::report {

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::report
