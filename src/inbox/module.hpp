// The inbox as the program plugs it in (app/module.hpp): its service, routes and to-do.
#pragma once

#include "app/module.hpp"

namespace shequ::inbox {

const app::ModuleEntry& module();

}  // namespace shequ::inbox
