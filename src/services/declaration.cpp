#include "services/declaration.hpp"

namespace shequ::services {

const kit::ModuleDeclaration& declaration() {
  // Every level buys services; villages and communities also see them delivered and record
  // them. Nobody grants a permission they do not hold, so the levels above hold all three.
  static const std::vector<std::string_view> kBuyer{kContractRead, kContractWrite, kRecordWrite};
  static const std::vector<std::string_view> kCommunity{kContractRead, kRecordWrite};
  static const kit::ModuleDeclaration module{
      .name = "services",
      .label = {"购买服务", "Bought services"},
      .permissions = {{kContractRead, {"查看购买服务合同、服务记录和评估", "View bought services"}},
                      {kContractWrite,
                       {"签订、修改和评估购买服务合同", "Contract and evaluate bought services"}},
                      {kRecordWrite, {"登记和作废服务记录", "Record services delivered"}}},
      .grants = {{"province_admin", kBuyer},
                 {"city_admin", kBuyer},
                 {"county_admin", kBuyer},
                 {"township_admin", kBuyer},
                 {"community_worker", kCommunity}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"services.contract.create", {"签订购买服务合同", "Make a contract"}},
                        {"services.contract.update", {"修改购买服务合同", "Change a contract"}},
                        {"services.contract.evaluate", {"评估购买服务", "Evaluate a contract"}},
                        {"services.record.create", {"登记服务记录", "Record a service"}},
                        {"services.record.void", {"作废服务记录", "Void a service record"}}},
      .todos = {{kTodoDue, {"购买服务待评估", "Bought services to evaluate"}, kContractWrite}},
  };
  return module;
}

}  // namespace shequ::services
