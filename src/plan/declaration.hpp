// The plan module's declaration (kit/module.hpp): the plan's tasks as every level issues them to
// the levels below and breaks them down (年度任务清单), progress reports with evidence approved one
// level up, and the ledgers (工作台账) and roll-ups officials hand in.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::plan {

// Reading the tasks owned in scope, their reports and evidence, ledgers and roll-ups.
inline constexpr std::string_view kTaskRead = "plan:task:read";
// Issuing tasks to units below one's own, breaking one's own unit's tasks down, changing them.
inline constexpr std::string_view kTaskIssue = "plan:task:issue";
// Reporting progress on one's own unit's tasks, with evidence.
inline constexpr std::string_view kReportSubmit = "plan:report:submit";
// Approving or returning the reports on tasks one's unit (or a unit in scope) issued.
inline constexpr std::string_view kReportDecide = "plan:report:decide";

inline constexpr std::string_view kAuditIssue = "plan.task.issue";
inline constexpr std::string_view kAuditUpdate = "plan.task.update";
inline constexpr std::string_view kAuditReport = "plan.report.submit";
inline constexpr std::string_view kAuditEvidence = "plan.report.evidence";
inline constexpr std::string_view kAuditDecide = "plan.report.decide";

// To-dos: tasks in scope past their deadline and not done; tasks at risk; reports to decide.
inline constexpr std::string_view kTodoLate = "plan.tasks.late";
inline constexpr std::string_view kTodoAtRisk = "plan.tasks.at_risk";
inline constexpr std::string_view kTodoPending = "plan.reports.pending";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::plan
