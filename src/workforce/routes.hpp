// The workforce module's HTTP routes (/api/v1/workforce/...): thin handlers over RosterService
// and TrainingService.
#pragma once

#include "http/router.hpp"
#include "org/org_service.hpp"
#include "workforce/training_service.hpp"
#include "workforce/workforce_service.hpp"

namespace shequ::workforce {

// The services must outlive the router.
void add_routes(http::Router& router, const RosterService& roster, const TrainingService& training,
                const org::OrgService& org);

}  // namespace shequ::workforce
