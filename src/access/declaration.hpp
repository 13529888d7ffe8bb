// The fifteen-minute circle's declaration (kit/module.hpp): coverage, exports and siting runs.
#pragma once

#include <string_view>

#include "kit/module.hpp"

namespace shequ::access {

inline constexpr std::string_view kCoverageRead = "access:coverage:read";
inline constexpr std::string_view kSitingRun = "access:siting:run";

const kit::ModuleDeclaration& declaration();

}  // namespace shequ::access
