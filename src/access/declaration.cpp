#include "access/declaration.hpp"

namespace shequ::access {

const kit::ModuleDeclaration& declaration() {
  // Officials of a region see the circle of their region and run siting studies; community
  // workers see their community's.
  static const std::vector<std::string_view> kRegion{kCoverageRead, kSitingRun};
  static const kit::ModuleDeclaration module{
      .name = "access",
      .label = {"一刻钟便民生活圈", "Fifteen-minute service circle"},
      .permissions = {{kCoverageRead, {"查看便民生活圈覆盖", "View the service circle"}},
                      {kSitingRun, {"新增点位选址", "Run facility siting"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", {kCoverageRead}}},
      .audit_actions = {{"access.export", {"导出生活圈数据", "Export circle data"}},
                        {"access.siting.start", {"新增点位选址", "Start a siting run"}}},
      // A pure computation: run again from the start when its server stopped.
      .jobs = {{kSitingKind, {"新增点位选址", "Facility siting"}, std::chrono::seconds(0), 3}},
      .todos = {{kTodoShortCommunities,
                 {"存在服务短板的村（社区）", "Communities short of a common service"},
                 kCoverageRead}},
  };
  return module;
}

}  // namespace shequ::access
