// Requests handled on receipt as the program plugs them in (app/module.hpp): the service, its
// routes, the escalation job and the photo folder.
#pragma once

#include <string_view>

#include "app/module.hpp"

namespace shequ::requests {

// Setting (app::ServiceOptions::settings, set by `serve --photos` or SHEQU_PHOTOS): the folder
// of the requests' photos, shared by every server of a deployment (docs/operations.md).
inline constexpr std::string_view kPhotosSetting = "requests.photos";
inline constexpr std::string_view kDefaultPhotosFolder = "var/photos";

const app::ModuleEntry& module();

}  // namespace shequ::requests
