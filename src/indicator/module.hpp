// The indicators as the program plugs them in (app/module.hpp): the engine, the service and the
// routes.
#pragma once

#include "app/module.hpp"

namespace shequ::indicator {

const app::ModuleEntry& module();

}  // namespace shequ::indicator
