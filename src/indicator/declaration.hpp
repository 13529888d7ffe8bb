// The indicators' declaration (kit/module.hpp): the plan's 30 indicators, their values for every
// unit and period, and the entry and approval of the values the system cannot compute yet.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::indicator {

inline constexpr std::string_view kValueRead = "indicator:value:read";
inline constexpr std::string_view kValueEnter = "indicator:value:enter";
inline constexpr std::string_view kValueApprove = "indicator:value:approve";
// The nightly recount that checks the in-memory counts against the database (Engine::verify).
inline constexpr std::string_view kRecountKind = "indicator.recount";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::indicator
