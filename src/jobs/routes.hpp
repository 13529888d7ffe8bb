// The jobs API: list, show and cancel within the caller's scope.
#pragma once

#include "http/router.hpp"
#include "jobs/job_service.hpp"
#include "kit/registry.hpp"

namespace shequ::jobs {

// The job as the API shows it; its result only when `with_result`.
Json job_json(const Job& job, const kit::Registry& registry, Locale locale, bool with_result);

void add_routes(http::Router& router, const JobService& service, const kit::Registry& registry);

}  // namespace shequ::jobs
