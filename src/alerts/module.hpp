// The alerts module as the program plugs it in (app/module.hpp): its service, routes, jobs and
// to-dos.
#pragma once

#include "app/module.hpp"

namespace shequ::alerts {

const app::ModuleEntry& module();

}  // namespace shequ::alerts
