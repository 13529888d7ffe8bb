// The lists module as the program plugs it in (app/module.hpp): its service, routes, to-do and
// demo data.
#pragma once

#include "app/module.hpp"

namespace shequ::lists {

const app::ModuleEntry& module();

}  // namespace shequ::lists
