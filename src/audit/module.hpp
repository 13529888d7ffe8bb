// The audit module as the program plugs it in (app/module.hpp).
#pragma once

#include "app/module.hpp"

namespace shequ::audit {

const app::ModuleEntry& module();

}  // namespace shequ::audit
