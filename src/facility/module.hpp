// The facility registry as the program plugs it in (app/module.hpp): its service and routes.
#pragma once

#include "app/module.hpp"

namespace shequ::facility {

const app::ModuleEntry& module();

}  // namespace shequ::facility
