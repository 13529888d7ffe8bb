#include "report/declaration.hpp"

namespace shequ::report {

const kit::ModuleDeclaration& declaration() {
  // Whoever reads the indicators of a region may hand in its evaluation report.
  static const std::vector<std::string_view> kEvaluation{kEvaluationExport};
  static const kit::ModuleDeclaration module{
      .name = "report",
      .label = {"报告", "Reports"},
      .permissions = {{kEvaluationExport,
                       {"导出规划指标评估报告", "Export the plan's evaluation report"}}},
      .grants = {{"province_admin", kEvaluation},
                 {"city_admin", kEvaluation},
                 {"county_admin", kEvaluation},
                 {"township_admin", kEvaluation},
                 {"community_worker", kEvaluation}},
      .audit_actions = {{"report.evaluation.export",
                         {"导出评估报告", "Evaluation report exported"}}},
  };
  return module;
}

}  // namespace shequ::report
