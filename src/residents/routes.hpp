// The residents module's HTTP routes: households and the people in them, a person's record, the
// exact search, reveals and the subject-access export; home visits, the care targets not visited,
// the rules of who is visited how often, and the referrals visits raise. Handlers are thin: read
// the validated input, call one ResidentService method, shape the answer.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"
#include "residents/import_service.hpp"
#include "residents/resident_service.hpp"
#include "residents/visit_service.hpp"

namespace shequ::residents {

// `service`, `visits` and `org` (which names the units) must outlive the router.
void add_routes(http::Router& router, const ResidentService& service, const VisitService& visits,
                const ImportService& imports, const org::OrgService& org);

}  // namespace shequ::residents
