// Volunteers as the program plugs them in (app/module.hpp): the hour record and its commands.
#pragma once

#include <string_view>

#include "app/module.hpp"

namespace shequ::volunteer {

// The module's setting of `serve --public-url` (env SHEQU_PUBLIC_URL): the origin that links
// printed on certificates begin with.
inline constexpr std::string_view kPublicUrlSetting = "volunteer.public_url";

const app::ModuleEntry& module();

}  // namespace shequ::volunteer
