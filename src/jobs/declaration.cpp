#include "jobs/declaration.hpp"

namespace shequ::jobs {

const kit::ModuleDeclaration& declaration() {
  static const kit::ModuleDeclaration module{
      .name = "jobs",
      .label = {"后台任务", "Background jobs"},
      .permissions = {{kJobRead, {"查看后台任务", "See background jobs"}},
                      {kJobCancel, {"取消后台任务", "Cancel background jobs"}}},
      // Administrators watch the jobs of their units; the system administrator those of all.
      .grants = {{"province_admin", {kJobRead, kJobCancel}},
                 {"city_admin", {kJobRead, kJobCancel}},
                 {"county_admin", {kJobRead, kJobCancel}},
                 {"system_admin", {kJobRead, kJobCancel}}},
      .migrations = migrations(),
      .audit_actions = {{"jobs.job.cancel", {"取消后台任务", "Cancel a background job"}}},
      .jobs = {{kPurgeKind,
                {"清理已结束的后台任务", "Forget finished jobs"},
                std::chrono::hours(24)}},
  };
  return module;
}

}  // namespace shequ::jobs
