// The fifteen-minute circle's declaration (kit/module.hpp): coverage, exports and siting runs.
#pragma once

#include <string_view>

#include "kit/module.hpp"

namespace shequ::access {

inline constexpr std::string_view kCoverageRead = "access:coverage:read";
inline constexpr std::string_view kSitingRun = "access:siting:run";
// A siting run, as a job of the job runner.
inline constexpr std::string_view kSitingKind = "access.siting";
// The to-do of communities short of a service most of their neighbours reach
// (CircleService::count_short_communities).
inline constexpr std::string_view kTodoShortCommunities = "access.communities.short";

const kit::ModuleDeclaration& declaration();

}  // namespace shequ::access
