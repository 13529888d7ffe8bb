// The surveys module's HTTP routes: composing, publishing and closing surveys, their results
// and Excel download, staff filling them in (console), and a resident's own surveys (/h5/).
#pragma once

#include "http/router.hpp"
#include "surveys/survey_service.hpp"

namespace shequ::surveys {

// `service` must outlive the router.
void add_routes(http::Router& router, const SurveyService& service);

}  // namespace shequ::surveys
