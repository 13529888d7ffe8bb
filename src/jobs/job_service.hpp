// The jobs as people see them: within the scope of jobs:job:read, cancelled within the scope of
// jobs:job:cancel (audited). Thread-safe; the runner, org service and audit log must outlive it.
#pragma once

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "jobs/job_runner.hpp"
#include "org/org_service.hpp"

namespace shequ::jobs {

class JobService {
 public:
  JobService(JobRunner& runner, const org::OrgService& org, storage::Database& db,
             const audit::Log& audit)
      : runner_(runner), org_(org), db_(db), audit_(audit) {}

  // The jobs whose unit lies in the actor's scope, newest first; filter.roots is set here.
  Result<JobPage> list(const Actor& actor, JobFilter filter) const;
  // A job in the actor's scope; not_found otherwise.
  Result<Job> show(const Actor& actor, int64_t id) const;
  // Cancels a queued job or asks its server to stop a running one; conflict when it has ended.
  Result<Job> cancel(const Actor& actor, int64_t id) const;

  JobRunner& runner() const { return runner_; }

 private:
  Result<Job> in_scope(const Actor& actor, std::string_view permission, int64_t id) const;

  JobRunner& runner_;
  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
};

}  // namespace shequ::jobs
