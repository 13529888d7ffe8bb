#include "requests/declaration.hpp"

#include <chrono>

namespace shequ::requests {

const kit::ModuleDeclaration& declaration() {
  // Officials of a region take calls for it, supervise its units and handle what is raised to
  // them; community workers and grid workers take and handle their own; residents submit. Those
  // who grant the resident role (officials, the security administrator) hold its permission too:
  // nobody grants a permission they do not hold.
  static const std::vector<std::string_view> kRegion{kCaseRead,      kCaseIntake,    kCaseHandle,
                                                     kCaseSupervise, kCatalogueRead, kCaseSubmit};
  static const std::vector<std::string_view> kProvince{kCaseRead,       kCaseIntake,    kCaseHandle,
                                                       kCaseSupervise,  kCatalogueRead, kCaseSubmit,
                                                       kCatalogueManage};
  static const std::vector<std::string_view> kWorker{kCaseRead, kCaseIntake, kCaseHandle,
                                                     kCatalogueRead};
  static const std::vector<std::string_view> kResident{kCaseSubmit, kCatalogueRead};
  static const kit::ModuleDeclaration module{
      .name = "requests",
      .label = {"接诉即办", "Requests"},
      .permissions =
          {{kCaseSubmit, {"提交和查看本人的诉求", "Submit and follow one's own requests"}},
           {kCaseRead, {"查看诉求", "View requests"}},
           {kCaseIntake, {"代居民登记诉求", "Take requests on a resident's behalf"}},
           {kCaseHandle, {"签收和办理诉求", "Accept and handle requests"}},
           {kCaseSupervise, {"督办、转办和结案", "Supervise, transfer and close requests"}},
           {kCatalogueRead, {"查看诉求分类", "View request categories"}},
           {kCatalogueManage,
            {"维护诉求分类和工作日历", "Keep the request categories and working calendar"}}},
      .grants = {{"province_admin", kProvince},
                 {"city_admin", kRegion},
                 {"county_admin", kRegion},
                 {"township_admin", kRegion},
                 {"community_worker", kWorker},
                 {"grid_worker", kWorker},
                 {"resident", kResident},
                 {"security_admin", kResident}},
      .migrations = migrations(),
      // Literal codes (the console's label test reads them here); the service writes them
      // through the constants of the header, and the audit log refuses any it does not know.
      .audit_actions = {{"requests.case.submit", {"登记诉求", "Register a request"}},
                        {"requests.case.step", {"办理诉求", "Act on a request"}},
                        {"requests.case.photo", {"上传诉求照片", "Add a photo to a request"}},
                        {"requests.calendar.update", {"修改工作日历", "Change the calendar"}},
                        {"requests.catalogue.update", {"维护诉求分类", "Change the catalogue"}},
                        {"requests.rating.appeal", {"差评申诉", "Appeal a rating"}},
                        {"requests.case.bulk_read",
                         {"批量读取诉求（Open311）", "Read requests in bulk (Open311)"}}},
      .sealed_fields = {{kContactNameContext,
                         "request_case",
                         "id",
                         "contact_name_sealed",
                         kit::Masking::name,
                         {"诉求联系人姓名", "Name of a request's contact"}},
                        {kContactPhoneContext,
                         "request_case",
                         "id",
                         "contact_phone_sealed",
                         kit::Masking::mobile,
                         {"诉求联系人电话", "Phone of a request's contact"}}},
      // Every five minutes: an emergency's half hour to acceptance is not missed by much.
      .jobs = {{kEscalateKind,
                {"超时诉求升级", "Escalate overdue requests"},
                std::chrono::minutes(5),
                2}},
      .todos = {{kTodoToAccept, {"待签收的诉求", "Requests to accept"}, kCaseHandle},
                {kTodoOverdue, {"超时的诉求", "Overdue requests"}, kCaseRead}},
      // An Open311 client (open311.hpp): submits, follows, reads the catalogue.
      .client_key_permissions = {kCaseIntake, kCaseRead, kCatalogueRead},
  };
  return module;
}

}  // namespace shequ::requests
