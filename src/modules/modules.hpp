// Every module of the program, in the order they are set up. The one list that names them all is
// SHEQU_MODULES in src/CMakeLists.txt, from which CMake generates the definition
// (modules.cpp.in): adding a module adds its name there.
#pragma once

#include <span>

#include "app/module.hpp"

namespace shequ::modules {

std::span<const app::ModuleEntry> all();

}  // namespace shequ::modules
