// `shequ alerts …`: what the alerts module does at the console, for operators and scripts; and
// the options `serve` takes for the warnings' outbound channels (alerts/outbound.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include "app/module.hpp"

namespace shequ::alerts {

// The module's settings (app::ServiceOptions::settings) for its outbound channels: each
// gateway's URL (none: not used), the bearer tokens from the credentials file, and a file of
// authorities for https to a gateway with a private certificate.
inline constexpr std::string_view kSmsGatewaySetting = "alerts.sms_gateway";
inline constexpr std::string_view kBroadcastGatewaySetting = "alerts.broadcast_gateway";
inline constexpr std::string_view kSmsTokenSetting = "alerts.sms_token";
inline constexpr std::string_view kBroadcastTokenSetting = "alerts.broadcast_token";
inline constexpr std::string_view kOutboundCaSetting = "alerts.outbound_ca";

void add_commands(CLI::App& app, CLI::App& serve, app::CommandContext& context);

}  // namespace shequ::alerts
