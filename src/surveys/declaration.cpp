#include "surveys/declaration.hpp"

namespace shequ::surveys {

const kit::ModuleDeclaration& declaration() {
  // Counties, townships, villages and communities run surveys; grid workers fill them in with
  // residents during visits; residents answer on their phones. Those who grant the roles below
  // them (the region administrators, and the security administrator the resident role) hold
  // their permissions too: nobody grants a permission they do not hold.
  static const std::vector<std::string_view> kRegion{kSurveyRead, kSurveyWrite, kResponseCollect,
                                                     kSurveyAnswer};
  static const std::vector<std::string_view> kCommunity{kSurveyRead, kSurveyWrite,
                                                        kResponseCollect};
  static const std::vector<std::string_view> kGridWorker{kSurveyRead, kResponseCollect};
  static const std::vector<std::string_view> kResident{kSurveyAnswer};
  static const kit::ModuleDeclaration module{
      .name = "surveys",
      .label = {"满意度调查", "Satisfaction surveys"},
      .permissions = {{kSurveyRead, {"查看满意度调查及其结果", "View surveys and their results"}},
                      {kSurveyWrite,
                       {"编写、发布和结束满意度调查", "Compose, publish and close surveys"}},
                      {kResponseCollect,
                       {"走访时代居民填写问卷", "Fill surveys in with residents during visits"}},
                      {kSurveyAnswer,
                       {"填写收到的满意度调查", "Answer the surveys that reach one"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", kCommunity},
                 {"grid_worker", kGridWorker},
                 {"resident", kResident},
                 {"security_admin", kResident}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here); the service writes them
      // through the constants of the header, and the audit log refuses any it does not know.
      .audit_actions = {{"surveys.survey.create", {"编写满意度调查", "Compose a survey"}},
                        {"surveys.survey.update", {"修改满意度调查", "Change a survey"}},
                        {"surveys.survey.publish", {"发布满意度调查", "Publish a survey"}},
                        {"surveys.survey.close", {"结束满意度调查", "Close a survey"}},
                        {"surveys.response.submit", {"提交问卷", "Submit a response"}}},
      .indicators = {kSurveyIndicator},
  };
  return module;
}

}  // namespace shequ::surveys
