#include "lists/declaration.hpp"

namespace shequ::lists {

const kit::ModuleDeclaration& declaration() {
  static const std::vector<std::string_view> kAll{kNeedRead,      kNeedWrite,   kResourceRead,
                                                  kResourceWrite, kProjectRead, kProjectWrite};
  // Grid workers meet needs on their rounds and find what can meet them; the resources are
  // registered by the community and the levels above.
  static const std::vector<std::string_view> kGrid{kNeedRead, kNeedWrite, kResourceRead,
                                                   kProjectRead};
  static const std::vector<std::string_view> kResident{kProjectComment, kNeedRaise};
  // Those who grant the roles below them (the region administrators, and the security
  // administrator the resident role) hold their permissions too.
  static const std::vector<std::string_view> kRegion{kNeedRead,       kNeedWrite,   kResourceRead,
                                                     kResourceWrite,  kProjectRead, kProjectWrite,
                                                     kProjectComment, kNeedRaise};
  static const kit::ModuleDeclaration module{
      .name = "lists",
      .label = {"三项清单", "Three lists"},
      .permissions = {{kNeedRead, {"查看需求清单和对接", "View needs and their matches"}},
                      {kNeedWrite,
                       {"登记需求、确认对接和记录结果", "Register needs, confirm and follow up"}},
                      {kResourceRead, {"查看资源清单", "View resources"}},
                      {kResourceWrite, {"登记和修改资源", "Register and change resources"}},
                      {kProjectRead, {"查看项目清单", "View livelihood projects"}},
                      {kProjectWrite,
                       {"登记、公开项目和审核评论",
                        "Register and publish projects, review comments"}},
                      {kProjectComment, {"评论公开的项目", "Comment on published projects"}},
                      {kNeedRaise, {"提出自己的需求", "Raise a need of one's own"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", kAll},
                 {"grid_worker", kGrid},
                 {"resident", kResident},
                 {"security_admin", kResident}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"lists.need.create", {"登记需求", "Register a need"}},
                        {"lists.need.raise", {"居民提出需求", "A resident raises a need"}},
                        {"lists.need.close", {"办结需求", "Close a need"}},
                        {"lists.resource.create", {"登记资源", "Register a resource"}},
                        {"lists.resource.update", {"修改资源", "Change a resource"}},
                        {"lists.match.confirm", {"确认需求对接", "Confirm a match"}},
                        {"lists.match.outcome", {"记录对接结果", "Record a match's outcome"}},
                        {"lists.project.create", {"登记民生项目", "Register a project"}},
                        {"lists.project.update", {"修改民生项目", "Change a project"}},
                        {"lists.project.progress", {"报告项目进展", "Report a project's progress"}},
                        {"lists.project.publish",
                         {"公开或撤回项目", "Publish or withdraw a project"}},
                        {"lists.comment.create", {"评论民生项目", "Comment on a project"}},
                        {"lists.comment.decide", {"审核项目评论", "Review a comment"}}},
      .todos = {{kTodoUrgent, {"紧急需求待对接", "Urgent needs to match"}, kNeedWrite},
                {kTodoRaised, {"居民提出的需求待对接", "Residents' needs to match"}, kNeedWrite},
                {kTodoComments, {"项目评论待审核", "Comments to review"}, kProjectWrite}},
  };
  return module;
}

}  // namespace shequ::lists
