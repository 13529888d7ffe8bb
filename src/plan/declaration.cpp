#include "plan/declaration.hpp"

namespace shequ::plan {

const kit::ModuleDeclaration& declaration() {
  // Every level of government issues, breaks down, reports and approves; villages and
  // communities carry the tasks out and report on them.
  static const std::vector<std::string_view> kLevels{kTaskRead, kTaskIssue, kReportSubmit,
                                                     kReportDecide};
  static const std::vector<std::string_view> kCommunity{kTaskRead, kReportSubmit};
  static const kit::ModuleDeclaration module{
      .name = "plan",
      .label = {"任务台账", "Plan tasks"},
      .permissions = {{kTaskRead, {"查看任务、进展和台账", "View tasks, progress and ledgers"}},
                      {kTaskIssue, {"下达、分解和修改任务", "Issue, break down and change tasks"}},
                      {kReportSubmit,
                       {"报告本单位任务的进展", "Report progress on one's unit's tasks"}},
                      {kReportDecide,
                       {"审核下达任务的进展报告", "Approve progress on issued tasks"}}},
      .grants = {{"province_admin", kLevels},
                 {"city_admin", kLevels},
                 {"county_admin", kLevels},
                 {"township_admin", kLevels},
                 {"community_worker", kCommunity}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"plan.task.issue", {"下达任务", "Issue a task"}},
                        {"plan.task.update", {"修改任务", "Change a task"}},
                        {"plan.report.submit", {"报告任务进展", "Report progress"}},
                        {"plan.report.evidence", {"上传佐证材料", "Add evidence"}},
                        {"plan.report.decide", {"审核任务进展", "Decide on a progress report"}}},
      .todos = {{kTodoLate, {"任务已逾期", "Tasks past their deadline"}, kTaskRead},
                {kTodoAtRisk, {"任务临近期限", "Tasks at risk"}, kTaskRead},
                {kTodoPending, {"进展待审核", "Progress reports to decide"}, kReportDecide}},
  };
  return module;
}

}  // namespace shequ::plan
