#include "alerts/declaration.hpp"

#include <chrono>

namespace shequ::alerts {

const kit::ModuleDeclaration& declaration() {
  // Counties, townships, villages and communities write warnings; a unit one level up approves
  // those above its threshold (the township a community's, the county a township's, the city a
  // county's). Grid workers call and knock; residents read and answer what reached them. Those who
  // grant the roles below them (the region administrators, and the security administrator the
  // resident role) hold their permissions too: nobody grants a permission they do not hold.
  static const std::vector<std::string_view> kRegion{kAlertRead, kAlertWrite, kAlertApprove,
                                                     kTaskHandle, kAlertAnswer};
  // The province administrator makes the gateway's API key, which holds only kReceiptWrite.
  static const std::vector<std::string_view> kProvince{kAlertRead,  kAlertWrite,  kAlertApprove,
                                                       kTaskHandle, kAlertAnswer, kReceiptWrite};
  static const std::vector<std::string_view> kCommunity{kAlertRead, kAlertWrite, kTaskHandle};
  static const std::vector<std::string_view> kGridWorker{kAlertRead, kTaskHandle};
  static const std::vector<std::string_view> kResident{kAlertAnswer};
  static const kit::ModuleDeclaration module{
      .name = "alerts",
      .label = {"预警信息", "Warnings"},
      .permissions =
          {{kAlertRead, {"查看预警信息和送达情况", "View warnings and their delivery"}},
           {kAlertWrite, {"编写和发布预警信息", "Compose and issue warnings"}},
           {kAlertApprove, {"审批下级单位的预警信息", "Approve the warnings of the units below"}},
           {kTaskHandle,
            {"电话或上门联系未确认的居民", "Call or visit residents who did not answer"}},
           {kAlertAnswer, {"查看和确认收到的预警信息", "Read and answer the warnings received"}},
           {kReceiptWrite,
            {"报送短信送达回执（短信网关）", "Report SMS delivery receipts (an SMS gateway)"}}},
      .grants = {{"province_admin", kProvince},
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
      .audit_actions = {{"alerts.alert.create", {"编写预警信息", "Compose a warning"}},
                        {"alerts.alert.update", {"修改预警信息", "Change a warning"}},
                        {"alerts.alert.issue", {"发布预警信息", "Issue a warning"}},
                        {"alerts.alert.decide", {"审批预警信息", "Decide a warning's approval"}},
                        {"alerts.alert.cancel", {"撤销预警信息", "Cancel a warning"}},
                        {"alerts.alert.deliver", {"送达预警信息", "Deliver a warning"}},
                        {"alerts.alert.escalate",
                         {"未确认的预警转为网格员任务", "Turn silence into grid workers' tasks"}},
                        {"alerts.alert.answer", {"居民确认预警信息", "A resident's answer"}},
                        {"alerts.task.done", {"完成预警联系任务", "Record a call or visit"}},
                        {"alerts.setting.update",
                         {"设置预警审批级别", "Set from which level warnings need approval"}},
                        {"alerts.alert.outbound",
                         {"预警交短信网关或应急广播发送", "Hand a warning to SMS or broadcast"}},
                        {"alerts.sms.receipt", {"短信送达回执", "SMS delivery receipts"}}},
      .jobs = {{kDeliverKind, {"送达预警信息", "Deliver a warning"}, std::chrono::seconds(0), 5},
               {kEscalateKind,
                {"未确认的预警转为网格员任务", "Turn unanswered warnings into grid workers' tasks"},
                std::chrono::minutes(5),
                2},
               {kOutboundKind,
                {"补发预警短信和应急广播", "Hand over the warnings' SMS and broadcasts left over"},
                std::chrono::minutes(5),
                2}},
      .todos = {{kTodoApprovals, {"待审批的预警信息", "Warnings awaiting approval"}, kAlertApprove},
                {kTodoTasks, {"待联系的预警对象", "Residents to call or visit"}, kTaskHandle}},
  };
  return module;
}

}  // namespace shequ::alerts
