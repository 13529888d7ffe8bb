// The indicators' HTTP routes: the catalogue, the analytics, and entry and approval of values.
#pragma once

#include "http/router.hpp"
#include "indicator/indicator_service.hpp"
#include "org/org_service.hpp"

namespace shequ::indicator {

// `service` and `org` (which names the rows' units) must outlive the router.
void add_routes(http::Router& router, const IndicatorService& service, const org::OrgService& org);

}  // namespace shequ::indicator
