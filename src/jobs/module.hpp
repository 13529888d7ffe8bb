// The jobs module as the program plugs it in (app/module.hpp). It owns the job runner, which
// other modules take with Services::service<jobs::JobRunner>() to register their handlers;
// it must therefore come before them in the module list.
#pragma once

#include "app/module.hpp"

namespace shequ::jobs {

const app::ModuleEntry& module();

}  // namespace shequ::jobs
