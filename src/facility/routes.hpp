// The facility registry's HTTP routes: the catalogue, the list (and its Excel download), one
// facility with its standards, registration, change and history. Handlers are thin: read the
// input, call one FacilityService method, shape the answer.
#pragma once

#include "facility/facility_service.hpp"
#include "http/router.hpp"
#include "org/org_service.hpp"

namespace shequ::facility {

// `service` and `org` (which names the facilities' units) must outlive the router.
void add_routes(http::Router& router, const FacilityService& service, const org::OrgService& org);

}  // namespace shequ::facility
