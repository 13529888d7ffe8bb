#include "volunteer/declaration.hpp"

namespace shequ::volunteer {

const kit::ModuleDeclaration& declaration() {
  // Villages, communities and townships keep their volunteers and run activities; the region
  // administrators hold what the roles below them hold (docs/security.md); residents join.
  // Those who grant the resident and volunteer roles (region administrators, the security
  // administrator) hold their permission too: nobody grants a permission they do not hold.
  static const std::vector<std::string_view> kKeeper{kRosterManage, kActivityManage, kHoursRead};
  static const std::vector<std::string_view> kRegion{kRosterManage, kActivityManage, kHoursRead,
                                                     kSelfJoin};
  static const std::vector<std::string_view> kResident{kSelfJoin};
  static const kit::ModuleDeclaration module{
      .name = "volunteer",
      .label = {"志愿服务", "Volunteers"},
      .permissions = {{kSelfJoin,
                       {"报名志愿者、参加活动、签到签退", "Volunteer, join activities, check in"}},
                      {kRosterManage, {"审核和登记志愿者", "Approve and register volunteers"}},
                      {kActivityManage,
                       {"发布志愿活动、组织签到、确认时长",
                        "Publish activities, run check-in, confirm hours"}},
                      {kHoursRead,
                       {"查看志愿者和志愿服务记录", "Read volunteers and their hour record"}}},
      .grants = {{"province_admin", kRegion},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", kKeeper},
                 {"volunteer", kResident},
                 {"resident", kResident},
                 {"security_admin", kResident}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here); the services write them
      // through the constants of the header, and the audit log refuses any it does not know.
      .audit_actions =
          {{"volunteer.hours.record", {"记录志愿服务时长", "Record volunteer hours"}},
           {"volunteer.volunteer.apply", {"申请成为志愿者", "Apply to volunteer"}},
           {"volunteer.volunteer.register", {"登记志愿者", "Register a volunteer"}},
           {"volunteer.volunteer.decide", {"审核志愿者申请", "Decide a volunteer's application"}},
           {"volunteer.activity.publish", {"发布志愿活动", "Publish a volunteer activity"}},
           {"volunteer.activity.signup",
            {"志愿活动报名或取消", "Sign up for an activity or cancel"}},
           {"volunteer.activity.check", {"志愿活动签到签退", "Check in or out of an activity"}},
           {"volunteer.activity.confirm", {"确认志愿活动时长", "Confirm an activity's hours"}},
           {"volunteer.certificate.issue",
            {"开具志愿服务记录证明", "Issue a certificate of volunteer hours"}},
           {"volunteer.organisation.register",
            {"登记社会组织或志愿服务队", "Register an organisation or volunteer team"}},
           {"volunteer.organisation.member",
            {"社会组织成员加入或退出", "A member joins or leaves an organisation"}}},
      .sealed_fields = {{kNameContext,
                         "volunteer",
                         "id",
                         "name_sealed",
                         kit::Masking::name,
                         {"志愿者姓名", "Name of a volunteer"}},
                        {kPhoneContext,
                         "volunteer",
                         "id",
                         "phone_sealed",
                         kit::Masking::mobile,
                         {"志愿者电话", "Phone of a volunteer"}},
                        {kOrganisationContactNameContext,
                         "volunteer_organisation",
                         "id",
                         "contact_name_sealed",
                         kit::Masking::name,
                         {"社会组织联系人姓名", "Contact person of an organisation"}},
                        {kOrganisationContactPhoneContext,
                         "volunteer_organisation",
                         "id",
                         "contact_phone_sealed",
                         kit::Masking::mobile,
                         {"社会组织联系电话", "Contact phone of an organisation"}}},
  };
  return module;
}

}  // namespace shequ::volunteer
