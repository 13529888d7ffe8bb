// Every module of the program, in the order they are set up. The one list that names them all:
// adding a module adds its line in modules.cpp.
#pragma once

#include <span>

#include "app/module.hpp"

namespace shequ::modules {

std::span<const app::ModuleEntry> all();

}  // namespace shequ::modules
