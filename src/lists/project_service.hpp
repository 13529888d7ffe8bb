// Livelihood projects (民生项目), the third of the three lists: staff of a county, township,
// village or community register a project with its budget, funding, schedule and beneficiaries,
// report its progress, and publish it to residents (as Decidim's accountability pages do).
// Residents comment on the published projects of their own area; a comment shows only after
// staff publish it, and staff may answer it. No public text may hold an ID or mobile number,
// and the public never sees who wrote a comment or who entered a report.
//
// Every staff call checks the caller's scope on the server: a project or comment outside it is
// not_found. Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "lists/projects.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::lists {

inline constexpr std::size_t kMaxTitle = 100;
inline constexpr std::size_t kMaxSummary = 1000;
inline constexpr std::size_t kMaxReport = 500;
inline constexpr std::size_t kMaxComment = 500;
inline constexpr int64_t kMaxBudgetFen = 100'000'000'000;  // a billion yuan
inline constexpr int64_t kMaxBeneficiaries = 10'000'000;
// Comments one resident may have waiting for review at once.
inline constexpr int64_t kMaxPendingComments = 5;

struct ProjectInput {
  std::string unit;
  std::string title;
  std::string category;
  std::string summary;
  int64_t budget_fen = 0;
  std::string funding_source;
  std::string start_on;
  std::string end_on;
  int64_t beneficiaries = 0;
};

struct ProgressInput {
  std::string on;  // YYYY-MM-DD, not after today
  int progress = 0;
  std::string status;
  std::string body;
};

struct ProjectView {
  Project project;
  std::string unit_name;
};

struct ProjectDetail {
  ProjectView project;
  std::vector<ProjectUpdate> updates;    // newest first
  std::vector<ProjectComment> comments;  // newest first; the public sees the published only
};

class ProjectService {
 public:
  ProjectService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                 const Clock& clock);

  // Every field is checked at once: the end not before the start, no ID or mobile number.
  Result<ProjectView> create(const Actor& actor, const ProjectInput& input) const;
  // At `version`; the unit does not change.
  Result<ProjectView> update(const Actor& actor, int64_t id, int64_t version,
                             const ProjectInput& input) const;
  Result<ProjectDetail> find(const Actor& actor, int64_t id) const;
  // Newest first; `unit` "" for the caller's scope.
  Result<org::Page<ProjectView>> list(const Actor& actor, const std::string& unit,
                                      const std::string& status,
                                      const org::PageRequest& page) const;
  // A progress report at `version`: never below the progress reported before; done at 100 %.
  Result<ProjectView> report(const Actor& actor, int64_t id, int64_t version,
                             const ProgressInput& input) const;
  Result<ProjectView> publish(const Actor& actor, int64_t id, int64_t version,
                              bool published) const;

  // A resident's comment on a published project of their area (its unit holds theirs); waits
  // for review. At most kMaxPendingComments wait from one resident.
  Result<ProjectComment> comment(const Actor& actor, int64_t project_id,
                                 const std::string& body) const;
  Result<std::vector<ProjectComment>> my_comments(const Actor& actor) const;
  // Comments on projects in scope, oldest first; `unit` "" for the scope, `state` "" any.
  Result<org::Page<ProjectComment>> comments(const Actor& actor, const std::string& unit,
                                             const std::string& state,
                                             const org::PageRequest& page) const;
  // Publishes or hides a comment, with an optional public reply.
  Result<ProjectComment> decide(const Actor& actor, int64_t comment_id, bool publish,
                                const std::string& reply) const;
  Result<int64_t> count_pending_comments(const Actor& actor) const;

  // For anyone: the published projects of `unit`, the units above it and those within it; one
  // published project with its reports and published comments (no_found when unpublished).
  Result<org::Page<ProjectView>> public_list(const std::string& unit,
                                             const org::PageRequest& page) const;
  Result<ProjectDetail> public_find(int64_t id) const;

 private:
  Result<ProjectInput> validated(const Actor& actor, const ProjectInput& input) const;
  Result<Project> visible(storage::Session& s, const Actor& actor, int64_t id,
                          std::string_view permission) const;
  // Writes `project` at `version` with its audit entry.
  Result<ProjectView> save(storage::Session& s, const Actor& actor, Project project,
                           int64_t version, std::string_view action,
                           const std::string& detail) const;
  ProjectView view(Project project) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
};

}  // namespace shequ::lists
