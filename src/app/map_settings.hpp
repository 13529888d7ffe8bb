// What the console's maps draw on: the tile server configured for this deployment (or none, when
// the maps draw offline boundaries only). A setting of the server, not of the console's build, so
// that one build serves every deployment.
#pragma once

#include "app/app.hpp"
#include "http/router.hpp"

namespace shequ::app {

// GET /api/v1/map/settings, answering what `options` (checked by check_web_options) set.
void add_map_settings_route(http::Router& router, const WebOptions& options);

}  // namespace shequ::app
