// The lists module's HTTP routes: needs (list, register, detail, close), resources (list,
// register, change), the proposals for a need, confirmed matches and their outcomes.
#pragma once

#include "http/router.hpp"
#include "lists/lists_service.hpp"

namespace shequ::lists {

// The service must outlive the router.
void add_routes(http::Router& router, const ListsService& service);

}  // namespace shequ::lists
