// The organisation module's declaration (kit/module.hpp): the hierarchy and its grids.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::org {

inline constexpr std::string_view kUnitRead = "org:unit:read";
inline constexpr std::string_view kGridRead = "org:grid:read";
inline constexpr std::string_view kGridCreate = "org:grid:create";
inline constexpr std::string_view kGridUpdate = "org:grid:update";
inline constexpr std::string_view kGridDelete = "org:grid:delete";
inline constexpr std::string_view kOfficeUpdate = "org:office:update";

// The nightly job that trims the log of tree changes (OrgService::trim_changes).
inline constexpr std::string_view kTrimChangesKind = "org.changes.trim";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::org
