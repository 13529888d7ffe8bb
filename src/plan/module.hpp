// The plan module as the program plugs it in (app/module.hpp): its service, routes, to-dos and
// demo data.
#pragma once

#include "app/module.hpp"

namespace shequ::plan {

const app::ModuleEntry& module();

}  // namespace shequ::plan
