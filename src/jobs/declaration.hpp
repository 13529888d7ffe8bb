// The jobs module: the queue every module's background work runs through, and its API.
#pragma once

#include <string_view>

#include "kit/module.hpp"

namespace shequ::jobs {

inline constexpr std::string_view kJobRead = "jobs:job:read";
inline constexpr std::string_view kJobCancel = "jobs:job:cancel";
// Forgets finished jobs past their retention, every night.
inline constexpr std::string_view kPurgeKind = "jobs.purge";

const kit::ModuleDeclaration& declaration();
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::jobs
