// The organisation module's HTTP routes: units, their children, ancestors, summaries and search,
// and grids. Handlers are thin: read the input, call one OrgService method, shape the answer.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"

namespace shequ::org {

// `service` must outlive the router.
void add_routes(http::Router& router, OrgService& service);

}  // namespace shequ::org
