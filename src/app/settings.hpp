// Reading the modules' settings (app::CommandContext::settings, ServiceOptions::settings): text
// by name, set from command-line options and environment variables, checked where a module turns
// them into its options. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ::app {

using Settings = std::map<std::string, std::string>;

// The number set under `name`, `fallback` when none is; invalid_argument naming the setting when
// the text is not a number from `min` to `max`.
Result<double> number_setting(const Settings& settings, std::string_view name, double fallback,
                              double min, double max);
// The same for a whole number.
Result<int64_t> whole_number_setting(const Settings& settings, std::string_view name,
                                     int64_t fallback, int64_t min, int64_t max);

}  // namespace shequ::app
