#include "facility/declaration.hpp"

namespace shequ::facility {

const kit::ModuleDeclaration& declaration() {
  // Officials of a region keep the registry of their region; a community's workers keep their
  // community's facilities. (Grid workers' scope is their grid, where no facility stands.)
  static const std::vector<std::string_view> kKeep{kRegistryRead, kRegistryWrite};
  static const kit::ModuleDeclaration module{
      .name = "facility",
      .label = {"服务设施", "Service facilities"},
      .permissions = {{kRegistryRead, {"查看服务设施", "View service facilities"}},
                      {kRegistryWrite, {"登记和修改服务设施", "Register and change facilities"}}},
      .grants = {{"province_admin", kKeep},
                 {"city_admin", kKeep},
                 {"county_admin", kKeep},
                 {"township_admin", kKeep},
                 {"community_worker", kKeep}},
      .migrations = migrations(),
      .audit_actions = {{"facility.create", {"登记服务设施", "Register a facility"}},
                        {"facility.update", {"修改服务设施", "Change a facility"}},
                        {"facility.import", {"导入服务设施", "Import facilities"}},
                        {"facility.figures.update",
                         {"修改村（社区）基础数据", "Change a community's base figures"}}},
  };
  return module;
}

}  // namespace shequ::facility
