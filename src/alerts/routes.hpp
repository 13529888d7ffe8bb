// The alerts module's HTTP routes: composing, issuing and approving warnings, their board and
// tasks (console), and a resident's own warnings and answers (/h5/).
#pragma once

#include "alerts/alert_service.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "org/org_service.hpp"

namespace shequ::alerts {

// `service`, `org` and `clock` must outlive the router.
void add_routes(http::Router& router, const AlertService& service, const org::OrgService& org,
                const Clock& clock);

}  // namespace shequ::alerts
