// The charity module as the program plugs it in (app/module.hpp): its service, routes and
// demo data.
#pragma once

#include "app/module.hpp"

namespace shequ::charity {

const app::ModuleEntry& module();

}  // namespace shequ::charity
