// The services module as the program plugs it in (app/module.hpp): its service, routes, to-do and
// demo data.
#pragma once

#include "app/module.hpp"

namespace shequ::services {

const app::ModuleEntry& module();

}  // namespace shequ::services
