// The lists module's declaration (kit/module.hpp): the three lists of a community (三项清单) —
// residents' needs (需求清单) and the service resources (资源清单) that can meet them, matched over
// the walking network and followed up to an outcome.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::lists {

// Reading the needs registered in scope, their matches and proposals.
inline constexpr std::string_view kNeedRead = "lists:need:read";
// Registering needs, confirming matches, recording outcomes, closing needs.
inline constexpr std::string_view kNeedWrite = "lists:need:write";
// Reading the resources registered in scope.
inline constexpr std::string_view kResourceRead = "lists:resource:read";
// Registering and changing the resources of a unit in scope.
inline constexpr std::string_view kResourceWrite = "lists:resource:write";

inline constexpr std::string_view kAuditNeed = "lists.need.create";
inline constexpr std::string_view kAuditClose = "lists.need.close";
inline constexpr std::string_view kAuditResource = "lists.resource.create";
inline constexpr std::string_view kAuditResourceUpdate = "lists.resource.update";
inline constexpr std::string_view kAuditMatch = "lists.match.confirm";
inline constexpr std::string_view kAuditOutcome = "lists.match.outcome";

// To-do: urgent needs in scope nobody has matched.
inline constexpr std::string_view kTodoUrgent = "lists.needs.urgent";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::lists
