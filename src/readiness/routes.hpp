// The readiness module's HTTP routes: incident reports (灾情报送), their corrections, list,
// Excel download and totals; emergency supplies (应急物资), their expiry list and Excel download;
// emergency drills (应急演练) and this year's counts.
#pragma once

#include "http/router.hpp"
#include "readiness/drill_service.hpp"
#include "readiness/incident_service.hpp"
#include "readiness/supply_service.hpp"

namespace shequ::readiness {

// The services must outlive the router.
void add_routes(http::Router& router, const IncidentService& service);
void add_supply_routes(http::Router& router, const SupplyService& service);
void add_drill_routes(http::Router& router, const DrillService& service);

}  // namespace shequ::readiness
