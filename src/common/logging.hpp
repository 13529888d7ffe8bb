// Process-wide logging set-up. Everything logs through spdlog's default logger.
#pragma once

#include <string_view>

namespace shequ {

// Installs the default logger on stderr at `level` ("debug", "info", "warn", "error").
// Call once, from main, before any thread starts. Returns false for an unknown level.
bool init_logging(std::string_view level);

}  // namespace shequ
