// The requests module's declaration (kit/module.hpp): requests handled on receipt (接诉即办),
// their catalogue and the working-day calendar their deadlines follow.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::requests {

// A resident's own requests: submit, follow, withdraw.
inline constexpr std::string_view kCaseSubmit = "requests:case:submit";
// Staff: the cases of the units in scope.
inline constexpr std::string_view kCaseRead = "requests:case:read";
// Staff taking a request on someone's behalf (a hotline desk) or from their own patrol.
inline constexpr std::string_view kCaseIntake = "requests:case:intake";
// Staff of the lead unit (or of the case's grid, or a co-handling unit): accept, handle, resolve.
inline constexpr std::string_view kCaseHandle = "requests:case:handle";
// Staff of a unit above: supervise (督办), transfer, close, reopen.
inline constexpr std::string_view kCaseSupervise = "requests:case:supervise";
// The catalogue as everyone who submits or handles requests reads it.
inline constexpr std::string_view kCatalogueRead = "requests:catalogue:read";
// The working-day calendar (and, to come, the categories) for the whole province.
inline constexpr std::string_view kCatalogueManage = "requests:catalogue:manage";

// To-dos (kit::TodoKind): cases waiting for the caller's unit (or grid) to accept them, and open
// cases past a deadline in the caller's scope.
inline constexpr std::string_view kTodoToAccept = "requests.cases.to_accept";
inline constexpr std::string_view kTodoOverdue = "requests.cases.overdue";

// The scheduled job that escalates overdue cases.
inline constexpr std::string_view kEscalateKind = "requests.escalate";

// Audit actions.
inline constexpr std::string_view kAuditSubmit = "requests.case.submit";
inline constexpr std::string_view kAuditStep = "requests.case.step";
inline constexpr std::string_view kAuditPhoto = "requests.case.photo";
inline constexpr std::string_view kAuditCatalogue = "requests.catalogue.update";
inline constexpr std::string_view kAuditCalendar = "requests.calendar.update";
inline constexpr std::string_view kAuditAppeal = "requests.rating.appeal";
// A machine client (Open311) read many cases, or their steps, at once.
inline constexpr std::string_view kAuditBulkRead = "requests.case.bulk_read";

// Keyring contexts of the sealed contact fields.
inline constexpr std::string_view kContactNameContext = "request_case.contact_name";
inline constexpr std::string_view kContactPhoneContext = "request_case.contact_phone";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::requests
