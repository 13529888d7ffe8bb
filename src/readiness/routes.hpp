// The readiness module's HTTP routes: incident reports (灾情报送), their corrections, list,
// Excel download and totals.
#pragma once

#include "http/router.hpp"
#include "readiness/incident_service.hpp"

namespace shequ::readiness {

// `service` must outlive the router.
void add_routes(http::Router& router, const IncidentService& service);

}  // namespace shequ::readiness
