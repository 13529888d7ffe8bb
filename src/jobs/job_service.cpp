#include "jobs/job_service.hpp"

#include "jobs/declaration.hpp"

namespace shequ::jobs {

Result<JobPage> JobService::list(const Actor& actor, JobFilter filter) const {
  filter.roots = actor.roots_for(kJobRead);
  // Whoever holds the permission at the root sees every job, the scheduled ones too.
  filter.everywhere = org_.tree().includes_root(filter.roots);
  return runner_.list(filter);
}

Result<Job> JobService::in_scope(const Actor& actor, std::string_view permission,
                                 int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto job, runner_.find(id));
  if (!job || !org_.covers(actor, permission, job->unit_code))
    return Error::not_found({"后台任务", "job"});
  return std::move(*job);
}

Result<Job> JobService::show(const Actor& actor, int64_t id) const {
  return in_scope(actor, kJobRead, id);
}

Result<Job> JobService::cancel(const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(const Job job, in_scope(actor, kJobCancel, id));
  if (finished(job.state)) {
    return Error::conflict({"任务已结束，无法取消", "the job has already ended"});
  }
  SHEQU_ASSIGN_OR_RETURN(auto after, runner_.cancel(id));
  SHEQU_TRY(audit_.record(
      db_, audit::who(actor, kJobCancel),
      {"jobs.job.cancel", "job", std::to_string(id), "success", job.kind, job.unit_code}));
  if (!after) return Error::not_found({"后台任务", "job"});
  return std::move(*after);
}

}  // namespace shequ::jobs
