#include "lists/project_service.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"
#include "lists/declaration.hpp"
#include "privacy/validators.hpp"

namespace shequ::lists {

namespace {

Error project_not_found() {
  return Error::not_found({"项目", "project"});
}

Error comment_not_found() {
  return Error::not_found({"评论", "comment"});
}

void check_choice(const std::vector<Choice>& choices, const std::string& value, const char* field,
                  std::vector<FieldError>& errors) {
  if (!find_choice(choices, value)) errors.push_back({field, {"不是可选的值", "not a choice"}});
}

bool valid_day(const std::string& date) {
  return is_valid_date(date) && date >= "2000-01-01" && date <= "2099-12-31";
}

}  // namespace

ProjectService::ProjectService(const org::OrgService& org, storage::Database& db,
                               const audit::Log& audit, const Clock& clock)
    : org_(org), db_(db), audit_(audit), clock_(clock) {}

Result<ProjectInput> ProjectService::validated(const Actor& actor,
                                               const ProjectInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kProjectWrite, input.unit));
  std::vector<FieldError> errors;
  ProjectInput out = input;
  if (unit.unit.level < org::Level::county || unit.unit.level > org::Level::village) {
    errors.push_back({"unit",
                      {"项目属于区县、乡镇（街道）或村（社区）",
                       "a project is a county's, township's, village's or community's"}});
  }
  out.title = privacy::checked_public_text(input.title, "title", kMaxTitle, true, errors);
  out.summary = privacy::checked_public_text(input.summary, "summary", kMaxSummary, false, errors);
  check_choice(project_categories(), input.category, "category", errors);
  check_choice(funding_sources(), input.funding_source, "fundingSource", errors);
  if (input.budget_fen < 0 || input.budget_fen > kMaxBudgetFen) {
    errors.push_back({"budgetFen", {"预算应在 0 至 10 亿元之间", "from 0 to a billion yuan"}});
  }
  if (input.beneficiaries < 0 || input.beneficiaries > kMaxBeneficiaries) {
    errors.push_back({"beneficiaries", {"受益人数应为 0 至 1000 万", "from 0 to ten million"}});
  }
  const bool start_ok = valid_day(input.start_on);
  if (!start_ok) errors.push_back({"startOn", {"不是有效的日期", "not a real date"}});
  if (!valid_day(input.end_on)) {
    errors.push_back({"endOn", {"不是有效的日期", "not a real date"}});
  } else if (start_ok && input.end_on < input.start_on) {
    errors.push_back({"endOn", {"结束日期不能早于开始日期", "the end is before the start"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

ProjectView ProjectService::view(Project project) const {
  const auto unit = org_.unit(project.unit_code);
  std::string name = unit ? unit->unit.name : project.unit_code;
  return {std::move(project), std::move(name)};
}

Result<Project> ProjectService::visible(storage::Session& s, const Actor& actor, int64_t id,
                                        std::string_view permission) const {
  SHEQU_ASSIGN_OR_RETURN(auto project, repository::find_project(s, id));
  if (!project || !org_.covers(actor, kProjectRead, project->unit_code)) {
    return project_not_found();
  }
  SHEQU_TRY(org_.in_scope(actor, permission, project->unit_code));
  return std::move(*project);
}

Result<ProjectView> ProjectService::save(storage::Session& s, const Actor& actor, Project p,
                                         int64_t version, std::string_view action,
                                         const std::string& detail) const {
  p.updated_at = format_timestamp(clock_.now());
  SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_project(s, p, version));
  if (!changed) {
    return Error::conflict(
        {"项目已被他人修改，请刷新后重试", "the project was changed meanwhile; reload"});
  }
  p.version = version + 1;
  SHEQU_TRY(audit_.append(s, audit::who(actor, kProjectWrite),
                          {std::string(action), "lists_project", std::to_string(p.id), "success",
                           detail, p.unit_code}));
  return view(std::move(p));
}

Result<ProjectView> ProjectService::create(const Actor& actor, const ProjectInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const ProjectInput in, validated(actor, input));
  const std::string now = format_timestamp(clock_.now());
  Project p;
  p.unit_code = in.unit;
  p.title = in.title;
  p.category = in.category;
  p.summary = in.summary;
  p.budget_fen = in.budget_fen;
  p.funding_source = in.funding_source;
  p.start_on = in.start_on;
  p.end_on = in.end_on;
  p.beneficiaries = in.beneficiaries;
  if (actor.user_id > 0) p.created_by = actor.user_id;
  p.created_by_name = actor.username;
  p.created_at = now;
  p.updated_at = now;
  return db_.write_value<ProjectView>([&](storage::Session& s) -> Result<ProjectView> {
    SHEQU_ASSIGN_OR_RETURN(p.id, repository::insert_project(s, p));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kProjectWrite),
                            {std::string(kAuditProject), "lists_project", std::to_string(p.id),
                             "success", p.title, p.unit_code}));
    return view(p);
  });
}

Result<ProjectView> ProjectService::update(const Actor& actor, int64_t id, int64_t version,
                                           const ProjectInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(const ProjectInput in, validated(actor, input));
  return db_.write_value<ProjectView>([&](storage::Session& s) -> Result<ProjectView> {
    SHEQU_ASSIGN_OR_RETURN(Project p, visible(s, actor, id, kProjectWrite));
    if (in.unit != p.unit_code) {
      return Error::invalid("unit", {"项目的所属单位不能修改", "a project keeps its unit"});
    }
    p.title = in.title;
    p.category = in.category;
    p.summary = in.summary;
    p.budget_fen = in.budget_fen;
    p.funding_source = in.funding_source;
    p.start_on = in.start_on;
    p.end_on = in.end_on;
    p.beneficiaries = in.beneficiaries;
    return save(s, actor, std::move(p), version, kAuditProjectUpdate,
                fmt::format("version {}", version + 1));
  });
}

Result<ProjectDetail> ProjectService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<ProjectDetail>([&](storage::Session& s) -> Result<ProjectDetail> {
    SHEQU_ASSIGN_OR_RETURN(Project p, visible(s, actor, id, kProjectRead));
    ProjectDetail out;
    SHEQU_ASSIGN_OR_RETURN(out.updates, repository::updates_of(s, id));
    SHEQU_ASSIGN_OR_RETURN(out.comments, repository::comments_of(s, id, ""));
    out.project = view(std::move(p));
    return out;
  });
}

Result<org::Page<ProjectView>> ProjectService::list(const Actor& actor, const std::string& unit,
                                                    const std::string& status,
                                                    const org::PageRequest& page) const {
  ProjectFilter filter;
  filter.status = status;
  SHEQU_ASSIGN_OR_RETURN(
      filter.roots,
      org_.list_roots(actor, kProjectRead,
                      unit.empty() ? std::nullopt : std::optional<std::string>(unit)));
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Project>>([&](storage::Session& s) {
    return repository::list_projects(s, filter, page);
  }));
  org::Page<ProjectView> out;
  out.total = found.total;
  for (Project& p : found.items) out.items.push_back(view(std::move(p)));
  return out;
}

Result<ProjectView> ProjectService::report(const Actor& actor, int64_t id, int64_t version,
                                           const ProgressInput& input) const {
  std::vector<FieldError> errors;
  ProjectUpdate u;
  u.body = privacy::checked_public_text(input.body, "text", kMaxReport, true, errors);
  check_choice(project_states(), input.status, "status", errors);
  if (input.progress < 0 || input.progress > 100) {
    errors.push_back({"progress", {"进度应在 0 至 100 之间", "from 0 to 100"}});
  } else if (input.status == kProjectDone && input.progress != 100) {
    errors.push_back({"progress", {"项目完成时进度应为 100%", "a done project is at 100 %"}});
  }
  if (!valid_day(input.on) || input.on > china_date(clock_.now())) {
    errors.push_back({"on", {"日期应为不晚于今天的有效日期", "a real date, not after today"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<ProjectView>([&](storage::Session& s) -> Result<ProjectView> {
    SHEQU_ASSIGN_OR_RETURN(Project p, visible(s, actor, id, kProjectWrite));
    if (input.progress < p.progress) {
      return Error::invalid("progress",
                            {fmt::format("进度不能低于已报告的 {}%", p.progress),
                             fmt::format("cannot fall below the {} % reported", p.progress)});
    }
    u.project_id = id;
    u.on = input.on;
    u.progress = input.progress;
    u.status = input.status;
    u.created_by_name = actor.username;
    u.created_at = format_timestamp(clock_.now());
    SHEQU_TRY(repository::insert_update(s, u));
    p.progress = input.progress;
    p.status = input.status;
    return save(s, actor, std::move(p), version, kAuditProjectProgress,
                fmt::format("{} %, {}", input.progress, input.status));
  });
}

Result<ProjectView> ProjectService::publish(const Actor& actor, int64_t id, int64_t version,
                                            bool published) const {
  return db_.write_value<ProjectView>([&](storage::Session& s) -> Result<ProjectView> {
    SHEQU_ASSIGN_OR_RETURN(Project p, visible(s, actor, id, kProjectWrite));
    if (published && !p.published) p.published_at = format_timestamp(clock_.now());
    p.published = published;
    return save(s, actor, std::move(p), version, kAuditProjectPublish,
                published ? "published" : "withdrawn");
  });
}

Result<ProjectComment> ProjectService::comment(const Actor& actor, int64_t project_id,
                                               const std::string& body) const {
  std::vector<FieldError> errors;
  ProjectComment c;
  c.body = privacy::checked_public_text(body, "body", kMaxComment, true, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<ProjectComment>([&](storage::Session& s) -> Result<ProjectComment> {
    SHEQU_ASSIGN_OR_RETURN(auto project, repository::find_project(s, project_id));
    if (!project || !project->published) return project_not_found();
    // A resident speaks on the projects of their own area: their unit lies within the project's.
    const bool theirs = std::any_of(actor.grants.begin(), actor.grants.end(), [&](const Grant& g) {
      return g.allows(kProjectComment) && org_.tree().contains(project->unit_code, g.unit_code);
    });
    if (!theirs) {
      return Error::forbidden(
          {"只能评论本社区及所属街道、区县的项目", "comment on the projects of your own area"});
    }
    SHEQU_ASSIGN_OR_RETURN(const int64_t waiting, repository::count_pending_by(s, actor.user_id));
    if (waiting >= kMaxPendingComments) {
      return Error::conflict(
          {fmt::format("您有 {} 条评论正在等待审核，请审核后再发表", waiting),
           fmt::format("{} of your comments wait for review; comment again after", waiting)});
    }
    c.project_id = project_id;
    c.author_id = actor.user_id;
    c.created_at = format_timestamp(clock_.now());
    c.project_title = project->title;
    SHEQU_ASSIGN_OR_RETURN(c.id, repository::insert_comment(s, c));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kProjectComment),
                      {std::string(kAuditComment), "lists_project_comment", std::to_string(c.id),
                       "success", fmt::format("project {}", project_id), project->unit_code}));
    return c;
  });
}

Result<std::vector<ProjectComment>> ProjectService::my_comments(const Actor& actor) const {
  return db_.read_value<std::vector<ProjectComment>>(
      [&](storage::Session& s) { return repository::comments_by(s, actor.user_id, 100); });
}

Result<org::Page<ProjectComment>> ProjectService::comments(const Actor& actor,
                                                           const std::string& unit,
                                                           const std::string& state,
                                                           const org::PageRequest& page) const {
  CommentFilter filter;
  filter.state = state;
  SHEQU_ASSIGN_OR_RETURN(
      filter.roots,
      org_.list_roots(actor, kProjectWrite,
                      unit.empty() ? std::nullopt : std::optional<std::string>(unit)));
  return db_.read_value<org::Page<ProjectComment>>(
      [&](storage::Session& s) { return repository::list_comments(s, filter, page); });
}

Result<ProjectComment> ProjectService::decide(const Actor& actor, int64_t comment_id, bool publish,
                                              const std::string& reply) const {
  std::vector<FieldError> errors;
  const std::string answer =
      privacy::checked_public_text(reply, "reply", kMaxComment, false, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<ProjectComment>([&](storage::Session& s) -> Result<ProjectComment> {
    SHEQU_ASSIGN_OR_RETURN(auto c, repository::find_comment(s, comment_id));
    if (!c) return comment_not_found();
    SHEQU_ASSIGN_OR_RETURN(const Project p, visible(s, actor, c->project_id, kProjectWrite));
    c->state = std::string(publish ? kCommentPublished : kCommentHidden);
    c->reply = answer;
    c->decided_by_name = actor.username;
    c->decided_at = format_timestamp(clock_.now());
    SHEQU_TRY(repository::decide_comment(s, *c));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kProjectWrite),
                            {std::string(kAuditCommentDecide), "lists_project_comment",
                             std::to_string(comment_id), "success", c->state, p.unit_code}));
    return std::move(*c);
  });
}

Result<int64_t> ProjectService::count_pending_comments(const Actor& actor) const {
  const CommentFilter filter{actor.roots_for(kProjectWrite), std::string(kCommentPending)};
  if (filter.roots.empty()) return int64_t{0};
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_comments(s, filter); });
}

Result<org::Page<ProjectView>> ProjectService::public_list(const std::string& unit,
                                                           const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView found, org_.unit(unit));
  // The units above: a street's or a county's projects are the community's too.
  std::vector<std::string> above;
  for (std::string code = found.unit.parent_code; !code.empty();) {
    above.push_back(code);
    const auto parent = org_.unit(code);
    code = parent ? parent->unit.parent_code : std::string();
  }
  const std::vector<std::string> roots{unit};
  SHEQU_ASSIGN_OR_RETURN(auto projects,
                         db_.read_value<org::Page<Project>>([&](storage::Session& s) {
                           return repository::list_published(s, above, roots, page);
                         }));
  org::Page<ProjectView> out;
  out.total = projects.total;
  for (Project& p : projects.items) out.items.push_back(view(std::move(p)));
  return out;
}

Result<ProjectDetail> ProjectService::public_find(int64_t id) const {
  return db_.read_value<ProjectDetail>([&](storage::Session& s) -> Result<ProjectDetail> {
    SHEQU_ASSIGN_OR_RETURN(auto project, repository::find_project(s, id));
    if (!project || !project->published) return project_not_found();
    ProjectDetail out;
    SHEQU_ASSIGN_OR_RETURN(out.updates, repository::updates_of(s, id));
    SHEQU_ASSIGN_OR_RETURN(out.comments, repository::comments_of(s, id, kCommentPublished));
    out.project = view(std::move(*project));
    return out;
  });
}

}  // namespace shequ::lists
