// The organisation module as the program plugs it in (app/module.hpp).
#pragma once

#include "app/module.hpp"

namespace shequ::org {

const app::ModuleEntry& module();

}  // namespace shequ::org
