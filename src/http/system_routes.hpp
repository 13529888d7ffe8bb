// The platform's own routes: liveness, readiness, metrics and the API description.
#pragma once

#include <functional>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace shequ::http {

struct SystemRoutesContext {
  storage::Database& db;
  const Router& router;                     // for the API description
  std::function<const Metrics&()> metrics;  // created after all routes are registered
  std::string version;
};

// `system:metrics:read` must be declared (app::system_declaration does).
void register_system_routes(Router& router, SystemRoutesContext context);

}  // namespace shequ::http
