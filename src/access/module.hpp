// The fifteen-minute circle as the program plugs it in (app/module.hpp): its settings, its
// runtime (the CircleService and its routes) and its commands.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "access/circle_service.hpp"
#include "app/module.hpp"

namespace shequ::access {

// Settings (app::ServiceOptions::settings, set by --network and --walk-speed or their
// environment variables SHEQU_NETWORK and SHEQU_WALK_SPEED):
inline constexpr std::string_view kNetworkSetting = "access.network";       // the network file
inline constexpr std::string_view kWalkSpeedSetting = "access.walk_speed";  // km/h, 2 to 7
// Caps on siting runs (tests lower them): queued or running per account, and in all.
inline constexpr std::string_view kJobsPerAccountSetting = "access.jobs_per_account";
inline constexpr std::string_view kJobsActiveSetting = "access.jobs_active";

// The circle's options from the settings; invalid_argument naming the setting when one is not a
// number in its range.
Result<CircleOptions> circle_options(const std::map<std::string, std::string>& settings);

const app::ModuleEntry& module();

}  // namespace shequ::access
