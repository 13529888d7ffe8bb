// The readiness module's declaration (kit/module.hpp): emergency readiness: disaster incident
// reports (灾情报送) and their roll-up by unit and period, the emergency supplies (应急物资) kept
// in store with their expiry dates, and the emergency drills (应急演练).
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

// Reading the supplies kept in scope and their expiry list.
inline constexpr std::string_view kSupplyRead = "readiness:supply:read";
// Registering, changing and removing the supplies of a unit in scope.
inline constexpr std::string_view kSupplyWrite = "readiness:supply:write";
// Reading the drills planned and held in scope.
inline constexpr std::string_view kDrillRead = "readiness:drill:read";
// Planning and recording the drills of a unit in scope.
inline constexpr std::string_view kDrillWrite = "readiness:drill:write";

inline constexpr std::string_view kAuditReport = "readiness.incident.report";
inline constexpr std::string_view kAuditCorrect = "readiness.incident.correct";
inline constexpr std::string_view kAuditSupplyCreate = "readiness.supply.create";
inline constexpr std::string_view kAuditSupplyUpdate = "readiness.supply.update";
inline constexpr std::string_view kAuditSupplyRemove = "readiness.supply.remove";
inline constexpr std::string_view kAuditDrillCreate = "readiness.drill.create";
inline constexpr std::string_view kAuditDrillUpdate = "readiness.drill.update";

// To-do: supplies in stock in scope that expired or expire within kExpirySoonDays.
inline constexpr std::string_view kTodoSuppliesExpiring = "readiness.supplies.expiring";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::readiness
