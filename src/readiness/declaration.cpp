#include "readiness/declaration.hpp"

namespace shequ::readiness {

const kit::ModuleDeclaration& declaration() {
  // Villages' and communities' disaster information officers report, and so do the staff of
  // every level; grid workers (often the officers themselves) report from the field.
  // Their stores of supplies and their drills are kept by the same people.
  static const std::vector<std::string_view> kBoth{kIncidentRead, kIncidentReport, kSupplyRead,
                                                   kSupplyWrite,  kDrillRead,      kDrillWrite};
  static const kit::ModuleDeclaration module{
      .name = "readiness",
      .label = {"应急准备", "Emergency readiness"},
      .permissions = {{kIncidentRead, {"查看灾情报送和汇总", "View incident reports and totals"}},
                      {kIncidentReport, {"报送和续报灾情", "Report incidents and correct them"}},
                      {kSupplyRead,
                       {"查看应急物资和过期清单", "View emergency supplies and expiry"}},
                      {kSupplyWrite,
                       {"登记、修改和注销应急物资", "Register, change and remove supplies"}},
                      {kDrillRead, {"查看应急演练", "View emergency drills"}},
                      {kDrillWrite, {"计划和记录应急演练", "Plan and record emergency drills"}}},
      .grants = {{"province_admin", kBoth},
                 {"city_admin", kBoth},
                 {"county_admin", kBoth},
                 {"township_admin", kBoth},
                 {"community_worker", kBoth},
                 {"grid_worker", kBoth}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"readiness.incident.report", {"报送灾情", "Report an incident"}},
                        {"readiness.incident.correct", {"续报灾情", "Correct an incident report"}},
                        {"readiness.supply.create", {"登记应急物资", "Register a supply"}},
                        {"readiness.supply.update", {"修改应急物资", "Change a supply"}},
                        {"readiness.supply.remove", {"注销应急物资", "Remove a supply"}},
                        {"readiness.drill.create", {"登记应急演练", "Record a drill"}},
                        {"readiness.drill.update", {"修改应急演练", "Change a drill"}}},
      .todos = {{kTodoSuppliesExpiring,
                 {"物资即将过期", "Supplies expired or expiring soon"},
                 kSupplyWrite}},
  };
  return module;
}

}  // namespace shequ::readiness
