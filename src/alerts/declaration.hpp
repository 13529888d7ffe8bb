// The alerts module's declaration (kit/module.hpp): warnings (预警信息) to the residents of a
// target, their delivery and acknowledgement, and the calls and knocks asked of grid workers
// when a vulnerable recipient stays silent or asks for help.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::alerts {

// Reading the warnings of units in scope, their delivery board and tasks.
inline constexpr std::string_view kAlertRead = "alerts:alert:read";
// Composing and issuing warnings for a unit (county, township, village or community).
inline constexpr std::string_view kAlertWrite = "alerts:alert:write";
// Approving the warnings of the units one level below, and setting from which level they need it.
inline constexpr std::string_view kAlertApprove = "alerts:alert:approve";
// Doing the calls and knocks of one's grids, and recording how they went.
inline constexpr std::string_view kTaskHandle = "alerts:task:handle";
// A resident reading the warnings that reached them and answering (我已知晓 / 需要帮助).
inline constexpr std::string_view kAlertAnswer = "alerts:alert:answer";

// A gateway (its API key) reporting what became of the SMS it took (delivery receipts).
inline constexpr std::string_view kReceiptWrite = "alerts:receipt:write";

// To-dos: warnings awaiting the caller's approval; calls and knocks not yet done.
inline constexpr std::string_view kTodoApprovals = "alerts.approvals";
inline constexpr std::string_view kTodoTasks = "alerts.tasks.open";

// The job that writes a warning's recipients (one per warning, queued when it goes out).
inline constexpr std::string_view kDeliverKind = "alerts.deliver";
// The job that turns silence past a warning's deadline into tasks, every five minutes.
inline constexpr std::string_view kEscalateKind = "alerts.escalate";
// The job that hands over the SMS and broadcasts left over, every five minutes.
inline constexpr std::string_view kOutboundKind = "alerts.outbound";
// Inbox messages (inbox/inbox.hpp) to grid workers: a warning that reached their grids, and the
// calls and knocks it asks of them.
inline constexpr std::string_view kAlertMessage = "alerts.alert";
inline constexpr std::string_view kTaskMessage = "alerts.tasks";

// Audit actions.
inline constexpr std::string_view kAuditCreate = "alerts.alert.create";
inline constexpr std::string_view kAuditUpdate = "alerts.alert.update";
inline constexpr std::string_view kAuditIssue = "alerts.alert.issue";
inline constexpr std::string_view kAuditDecide = "alerts.alert.decide";
inline constexpr std::string_view kAuditCancel = "alerts.alert.cancel";
inline constexpr std::string_view kAuditDeliver = "alerts.alert.deliver";
inline constexpr std::string_view kAuditEscalate = "alerts.alert.escalate";
inline constexpr std::string_view kAuditAnswer = "alerts.alert.answer";
inline constexpr std::string_view kAuditTaskDone = "alerts.task.done";
inline constexpr std::string_view kAuditSetting = "alerts.setting.update";
inline constexpr std::string_view kAuditOutbound = "alerts.alert.outbound";
inline constexpr std::string_view kAuditReceipts = "alerts.sms.receipt";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::alerts
