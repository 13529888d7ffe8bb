// Route registration per module. Handlers are thin: parse and validate input (collecting every
// problem), call one service, shape the JSON answer.
#pragma once

#include <functional>
#include <string>

#include "access/circle_service.hpp"
#include "auth/auth_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::http {

struct SystemRoutesContext {
  storage::Database& db;
  const Router& router;                     // for the API description
  std::function<const Metrics&()> metrics;  // created after all routes are registered
  std::string version;
};

void register_system_routes(Router& router, SystemRoutesContext context);
void register_org_routes(Router& router, org::OrgService& service);
void register_access_routes(Router& router, access::CircleService& service);
void register_auth_routes(Router& router, auth::AuthService& auth, const org::OrgTree& tree,
                          storage::Database& db, bool secure_cookies);

}  // namespace shequ::http
