// The audit module's HTTP route: reading the audit log within the caller's scope.
#pragma once

#include "http/router.hpp"
#include "org/org_tree.hpp"
#include "storage/database.hpp"

namespace shequ::audit {

// `db` and `tree` must outlive the router.
void add_routes(http::Router& router, storage::Database& db, const org::OrgTree& tree);

}  // namespace shequ::audit
