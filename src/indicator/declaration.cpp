#include "indicator/declaration.hpp"

namespace shequ::indicator {

const kit::ModuleDeclaration& declaration() {
  // Every level reads the indicators of its region and enters what it is responsible for; the
  // levels above a village approve (a community's workers enter but do not approve).
  static const std::vector<std::string_view> kOfficials{kValueRead, kValueEnter, kValueApprove};
  static const std::vector<std::string_view> kCommunity{kValueRead, kValueEnter};
  static const kit::ModuleDeclaration module{
      .name = "indicator",
      .label = {"规划指标", "Plan indicators"},
      .permissions = {{kValueRead, {"查看规划指标", "View the plan's indicators"}},
                      {kValueEnter, {"填报指标数值", "Enter indicator values"}},
                      {kValueApprove, {"审核指标数值", "Approve indicator values"}}},
      .grants = {{"province_admin", kOfficials},
                 {"city_admin", kOfficials},
                 {"county_admin", kOfficials},
                 {"township_admin", kOfficials},
                 {"community_worker", kCommunity}},
      .migrations = migrations(),
      .audit_actions = {{"indicator.value.enter", {"填报指标数值", "Enter an indicator value"}},
                        {"indicator.value.approve", {"审核指标数值", "Approve an indicator value"}},
                        {"indicator.value.unapprove",
                         {"撤销指标数值审核", "Unapprove an indicator value"}}},
      .jobs = {{kRecountKind,
                {"重新计算规划指标并核对", "Recount the plan's indicators and check them"},
                std::chrono::hours(24)}},
  };
  return module;
}

}  // namespace shequ::indicator
