// The facility registry's declaration (kit/module.hpp): comprehensive service facilities
// (社区综合服务设施) and the special facilities of villages, communities and townships.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::facility {

inline constexpr std::string_view kRegistryRead = "facility:registry:read";
inline constexpr std::string_view kRegistryWrite = "facility:registry:write";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::facility
