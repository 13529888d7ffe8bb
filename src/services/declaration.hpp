// The services module's declaration (kit/module.hpp): community services that government buys
// from social organisations (政府购买社区服务) — contracts, the services delivered against them
// and their evaluation.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::services {

// Reading contracts, their records and evaluations, and providers' records in scope.
inline constexpr std::string_view kContractRead = "services:contract:read";
// Making and changing contracts, and evaluating them: the buyer's part.
inline constexpr std::string_view kContractWrite = "services:contract:write";
// Recording the services delivered and voiding a mistaken record.
inline constexpr std::string_view kRecordWrite = "services:record:write";

inline constexpr std::string_view kAuditCreate = "services.contract.create";
inline constexpr std::string_view kAuditUpdate = "services.contract.update";
inline constexpr std::string_view kAuditEvaluate = "services.contract.evaluate";
inline constexpr std::string_view kAuditRecord = "services.record.create";
inline constexpr std::string_view kAuditVoid = "services.record.void";

// Contracts whose period is over and that wait for their evaluation.
inline constexpr std::string_view kTodoDue = "services.evaluation.due";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::services
