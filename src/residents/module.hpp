// Residents and households as the program plugs them in (app/module.hpp): the service, its
// routes and the demonstration households.
#pragma once

#include "app/module.hpp"

namespace shequ::residents {

const app::ModuleEntry& module();

}  // namespace shequ::residents
