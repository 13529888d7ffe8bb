// The reports' HTTP routes: the evaluation report as Excel and as PDF.
#pragma once

#include "http/router.hpp"
#include "report/evaluation.hpp"

namespace shequ::report {

// `service` must outlive the router.
void add_routes(http::Router& router, const EvaluationService& service);

}  // namespace shequ::report
