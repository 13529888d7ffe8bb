#include "org/declaration.hpp"

namespace shequ::org {

const kit::ModuleDeclaration& declaration() {
  static const std::vector<std::string_view> kManage{kUnitRead,   kGridRead,   kGridCreate,
                                                     kGridUpdate, kGridDelete, kOfficeUpdate};
  static const std::vector<std::string_view> kRead{kUnitRead, kGridRead};
  static const kit::ModuleDeclaration module{
      .name = "org",
      .label = {"组织机构与网格", "Organisation and grids"},
      .permissions = {{kUnitRead, {"查看组织机构", "View organisation"}},
                      {kGridRead, {"查看网格", "View grids"}},
                      {kGridCreate, {"新建网格", "Create grids"}},
                      {kGridUpdate, {"修改网格", "Edit grids"}},
                      {kGridDelete, {"撤销网格", "Retire grids"}},
                      {kOfficeUpdate, {"维护办公地点信息", "Edit office details"}}},
      // Officials of a region and community workers manage grids; grid workers, residents and
      // volunteers see their community and its grids (the resident pages list them); of the
      // separated administrators, the system administrator sees units (to place accounts) and
      // the security administrator units and grids (to grant grid roles).
      .grants = {{"province_admin", kManage},
                 {"city_admin", kManage},
                 {"county_admin", kManage},
                 {"township_admin", kManage},
                 {"community_worker", kManage},
                 {"grid_worker", kRead},
                 {"volunteer", kRead},
                 {"resident", kRead},
                 {"system_admin", {kUnitRead}},
                 {"security_admin", kRead}},
      .migrations = migrations(),
      .audit_actions = {{"org.divisions.import", {"导入区划", "Import divisions"}},
                        {"org.grid.create", {"新建网格", "Create a grid"}},
                        {"org.grid.update", {"修改网格", "Edit a grid"}},
                        {"org.grid.retire", {"撤销网格", "Retire a grid"}},
                        {"org.office.update", {"修改办公地点信息", "Edit office details"}}},
      .jobs = {{kTrimChangesKind,
                {"清理组织机构变更记录", "Trim the log of organisation changes"},
                std::chrono::hours(24)}},
  };
  return module;
}

}  // namespace shequ::org
