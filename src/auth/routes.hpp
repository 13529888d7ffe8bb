// The accounts module's HTTP routes: login and sessions, one's own account and second factor,
// accounts and their roles within scope, reveals of phone numbers, API keys, grid workers.
#pragma once

#include "auth/auth.hpp"
#include "http/router.hpp"
#include "org/org_tree.hpp"

namespace shequ::auth {

// `auth` and `tree` must outlive the router. `secure_cookies` marks the session cookie Secure.
void add_routes(http::Router& router, Auth& auth, const org::OrgTree& tree, bool secure_cookies);
// Grid workers on grids and the caller's own community (grid_worker_routes.cpp).
void add_grid_worker_routes(http::Router& router, Auth& auth, const org::OrgTree& tree);

}  // namespace shequ::auth
