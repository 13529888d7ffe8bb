// The requests module's HTTP routes: the catalogue and the working calendar; staff intake, the
// case lists, one case with its timeline and the steps taken on it; a resident's own requests.
// Handlers are thin: read the validated input, call one RequestService method, shape the answer.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"
#include "requests/request_service.hpp"

namespace shequ::requests {

// `service` and `org` (which names the cases' units) must outlive the router.
void add_routes(http::Router& router, const RequestService& service, const org::OrgService& org);

}  // namespace shequ::requests
