// Requests handled on receipt as the program plugs them in (app/module.hpp): the service, its
// routes and the escalation job.
#pragma once

#include "app/module.hpp"

namespace shequ::requests {

const app::ModuleEntry& module();

}  // namespace shequ::requests
