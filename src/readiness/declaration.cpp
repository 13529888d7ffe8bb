#include "readiness/declaration.hpp"

namespace shequ::readiness {

const kit::ModuleDeclaration& declaration() {
  // Villages' and communities' disaster information officers report, and so do the staff of
  // every level; grid workers (often the officers themselves) report from the field.
  static const std::vector<std::string_view> kBoth{kIncidentRead, kIncidentReport};
  static const kit::ModuleDeclaration module{
      .name = "readiness",
      .label = {"应急准备", "Emergency readiness"},
      .permissions = {{kIncidentRead, {"查看灾情报送和汇总", "View incident reports and totals"}},
                      {kIncidentReport, {"报送和续报灾情", "Report incidents and correct them"}}},
      .grants = {{"province_admin", kBoth},
                 {"city_admin", kBoth},
                 {"county_admin", kBoth},
                 {"township_admin", kBoth},
                 {"community_worker", kBoth},
                 {"grid_worker", kBoth}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"readiness.incident.report", {"报送灾情", "Report an incident"}},
                        {"readiness.incident.correct", {"续报灾情", "Correct an incident report"}}},
  };
  return module;
}

}  // namespace shequ::readiness
