// The surveys module as the program plugs it in (app/module.hpp): its service, routes, demo data
// and indicator 22.
#pragma once

#include "app/module.hpp"

namespace shequ::surveys {

const app::ModuleEntry& module();

}  // namespace shequ::surveys
