// The charity module's HTTP routes: funds and their ledgers in scope, recording and reversing
// entries, a donor revealed for a reason; and, for anyone, the public funds and ledgers.
#pragma once

#include "charity/charity_service.hpp"
#include "http/router.hpp"

namespace shequ::charity {

// The service must outlive the router.
void add_routes(http::Router& router, const CharityService& service);

}  // namespace shequ::charity
