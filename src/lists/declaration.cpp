#include "lists/declaration.hpp"

namespace shequ::lists {

const kit::ModuleDeclaration& declaration() {
  static const std::vector<std::string_view> kAll{kNeedRead, kNeedWrite, kResourceRead,
                                                  kResourceWrite};
  // Grid workers meet needs on their rounds and find what can meet them; the resources are
  // registered by the community and the levels above.
  static const std::vector<std::string_view> kGrid{kNeedRead, kNeedWrite, kResourceRead};
  static const kit::ModuleDeclaration module{
      .name = "lists",
      .label = {"三项清单", "Needs and resources"},
      .permissions = {{kNeedRead, {"查看需求清单和对接", "View needs and their matches"}},
                      {kNeedWrite,
                       {"登记需求、确认对接和记录结果", "Register needs, confirm and follow up"}},
                      {kResourceRead, {"查看资源清单", "View resources"}},
                      {kResourceWrite, {"登记和修改资源", "Register and change resources"}}},
      .grants = {{"province_admin", kAll},
                 {"city_admin", kAll},
                 {"county_admin", kAll},
                 {"township_admin", kAll},
                 {"community_worker", kAll},
                 {"grid_worker", kGrid}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"lists.need.create", {"登记需求", "Register a need"}},
                        {"lists.need.close", {"办结需求", "Close a need"}},
                        {"lists.resource.create", {"登记资源", "Register a resource"}},
                        {"lists.resource.update", {"修改资源", "Change a resource"}},
                        {"lists.match.confirm", {"确认需求对接", "Confirm a match"}},
                        {"lists.match.outcome", {"记录对接结果", "Record a match's outcome"}}},
      .todos = {{kTodoUrgent, {"紧急需求待对接", "Urgent needs to match"}, kNeedWrite}},
  };
  return module;
}

}  // namespace shequ::lists
