// Community workers as the program plugs them in (app/module.hpp): the roster, training and the
// indicator rows counted from them.
#pragma once

#include "app/module.hpp"

namespace shequ::workforce {

const app::ModuleEntry& module();

}  // namespace shequ::workforce
