// The audit module's declaration (kit/module.hpp): reading the audit log and keeping its chain.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::audit {

inline constexpr std::string_view kLogRead = "audit:log:read";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::audit
