// The readiness module's declaration (kit/module.hpp): emergency readiness, beginning with
// disaster incident reports (灾情报送) and their roll-up by unit and period.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::readiness {

// Reading the incidents reported in scope and their roll-up.
inline constexpr std::string_view kIncidentRead = "readiness:incident:read";
// Reporting an incident of a unit in scope, and correcting it (续报).
inline constexpr std::string_view kIncidentReport = "readiness:incident:report";

inline constexpr std::string_view kAuditReport = "readiness.incident.report";
inline constexpr std::string_view kAuditCorrect = "readiness.incident.correct";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::readiness
