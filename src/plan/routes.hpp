// The plan module's HTTP routes: the task tree (issue, break down, change, list, detail), progress
// reports with evidence and their decisions, the ledger (with its Excel twin) and the roll-up.
#pragma once

#include "http/router.hpp"
#include "plan/plan_service.hpp"

namespace shequ::plan {

// The service must outlive the router.
void add_routes(http::Router& router, const PlanService& service);

}  // namespace shequ::plan
