// The fifteen-minute circle's HTTP routes: coverage, map layers, gaps, exports and siting runs.
#pragma once

#include "access/circle_service.hpp"
#include "http/router.hpp"

namespace shequ::access {

// `service` must outlive the router.
void add_routes(http::Router& router, CircleService& service);

}  // namespace shequ::access
