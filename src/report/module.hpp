// The reports as the program plugs them in (app/module.hpp): the evaluation service, its routes
// and the `shequ report` commands.
#pragma once

#include "app/module.hpp"

namespace shequ::report {

const app::ModuleEntry& module();

}  // namespace shequ::report
