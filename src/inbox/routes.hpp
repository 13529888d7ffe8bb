// The inbox's HTTP routes: the caller's messages, and marking them read.
#pragma once

#include "http/router.hpp"
#include "inbox/inbox.hpp"

namespace shequ::inbox {

// `service` must outlive the router.
void add_routes(http::Router& router, const InboxService& service);

}  // namespace shequ::inbox
