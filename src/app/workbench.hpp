// The workbench's (工作台) server side: the to-dos (待办) that modules declare (kit::TodoKind)
// and count (ModuleRuntime::count_todo), gathered for the signed-in account.
#pragma once

#include "app/app.hpp"
#include "http/router.hpp"

namespace shequ::app {

// GET /api/v1/workbench/todos. `services` must outlive the router.
void add_workbench_routes(http::Router& router, Services& services);

}  // namespace shequ::app
