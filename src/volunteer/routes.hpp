// The volunteer module's HTTP routes (/api/v1/volunteer/...): thin handlers over
// VolunteerService.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"
#include "volunteer/volunteer_service.hpp"

namespace shequ::volunteer {

// `service` and `org` must outlive the router.
void add_routes(http::Router& router, const VolunteerService& service, const org::OrgService& org);

}  // namespace shequ::volunteer
