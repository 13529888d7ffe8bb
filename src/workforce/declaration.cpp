#include "workforce/declaration.hpp"

#include "workforce/compliance.hpp"

namespace shequ::workforce {

const kit::ModuleDeclaration& declaration() {
  // The organisation departments of counties and townships keep the roster and run courses; the
  // region administrators hold what the roles below them hold (docs/security.md); a community
  // reads its own roster.
  static const std::vector<std::string_view> kRegion{kRosterRead, kRosterManage, kTrainingManage};
  static const std::vector<std::string_view> kCommunity{kRosterRead};
  static const kit::ModuleDeclaration module{
      .name = "workforce",
      .label = {"社区工作者", "Community workers"},
      .permissions = {{kRosterRead,
                       {"查看社区工作者名册和培训", "Read the workers' roster and training"}},
                      {kRosterManage,
                       {"维护社区工作者名册和岗位", "Keep the roster of workers and their posts"}},
                      {kTrainingManage,
                       {"举办培训、登记和导入参训记录",
                        "Run courses, record and import attendance"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", kCommunity}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here).
      .audit_actions = {{"workforce.worker.register",
                         {"登记社区工作者", "Register a community worker"}},
                        {"workforce.worker.change",
                         {"修改社区工作者信息", "Change a community worker's details"}},
                        {"workforce.post.start", {"社区工作者任职", "A worker takes up a post"}},
                        {"workforce.post.end", {"社区工作者离任", "A worker leaves a post"}},
                        {"workforce.course.create", {"举办培训班", "Create a training course"}},
                        {"workforce.attendance.enrol", {"培训报名", "Enrol a worker on a course"}},
                        {"workforce.attendance.record",
                         {"登记参训记录", "Record a worker's attendance"}},
                        {"workforce.attendance.import", {"导入参训记录", "Import attendance"}},
                        {"workforce.worker.search",
                         {"按身份证号查找社区工作者", "Find a community worker by ID number"}}},
      .sealed_fields = {{kNameContext,
                         "workforce_worker",
                         "id",
                         "name_sealed",
                         kit::Masking::name,
                         {"社区工作者姓名", "Name of a community worker"}},
                        {kPhoneContext,
                         "workforce_worker",
                         "id",
                         "phone_sealed",
                         kit::Masking::mobile,
                         {"社区工作者电话", "Phone of a community worker"}},
                        {kIdNumberContext,
                         "workforce_worker",
                         "id",
                         "id_number_sealed",
                         kit::Masking::resident_id,
                         {"社区工作者身份证号", "ID number of a community worker"}}},
      .indicators = {kIndicators.begin(), kIndicators.end()},
  };
  return module;
}

}  // namespace shequ::workforce
