// Volunteers as the program plugs them in (app/module.hpp): the hour record and its commands.
#pragma once

#include "app/module.hpp"

namespace shequ::volunteer {

const app::ModuleEntry& module();

}  // namespace shequ::volunteer
