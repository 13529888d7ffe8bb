// The accounts module as the program plugs it in (app/module.hpp).
#pragma once

#include "app/module.hpp"

namespace shequ::auth {

const app::ModuleEntry& module();

}  // namespace shequ::auth
