#include "plan/plan_service.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"
#include "indicator/catalogue.hpp"
#include "plan/declaration.hpp"
#include "plan/evidence.hpp"

namespace shequ::plan {

namespace {

using ReportOfTask = std::pair<Report, Task>;
using UnitCounts = std::vector<std::pair<std::string, StateCounts>>;

Error task_not_found() {
  return Error::not_found({"任务", "task"});
}
Error report_not_found() {
  return Error::not_found({"进展报告", "progress report"});
}

}  // namespace

PlanService::PlanService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                         const Clock& clock, const storage::FileStore& files,
                         const indicator::IndicatorService* indicators)
    : org_(org), db_(db), audit_(audit), clock_(clock), files_(files), indicators_(indicators) {}

std::string PlanService::today() const {
  return china_date(clock_.now());
}

Result<TaskInput> PlanService::validated(const Actor& actor, const TaskInput& input,
                                         const std::optional<Task>& parent) const {
  // Outside the caller's scope the unit is not there (404), whatever else is wrong.
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, input.unit));
  SHEQU_TRY(org_.in_scope(actor, kTaskIssue, input.unit));
  std::vector<FieldError> errors;
  TaskInput out = input;
  if (parent) {
    if (unit.unit.parent_code != parent->unit_code || unit.unit.level == org::Level::grid) {
      errors.push_back({"unit",
                        {"分解任务只能下达给本单位的直接下级单位",
                         "a task is broken down for the units directly below its own"}});
    }
    if (input.year != parent->year) {
      errors.push_back({"year",
                        {fmt::format("分解任务的年度应与上级任务相同（{}）", parent->year),
                         fmt::format("the year of the task broken down ({})", parent->year)}});
    }
  } else if (unit.unit.code == actor.unit_code ||
             !org_.tree().contains(actor.unit_code, unit.unit.code) ||
             unit.unit.level == org::Level::grid) {
    errors.push_back({"unit",
                      {"任务只能下达给本单位以下的单位（网格除外）",
                       "a task is issued to a unit below one's own (not a grid)"}});
  }
  if (input.year < kFirstYear || input.year > kLastYear) {
    errors.push_back({"year",
                      {fmt::format("年度应在 {} 至 {} 年之间", kFirstYear, kLastYear),
                       fmt::format("a year from {} to {}", kFirstYear, kLastYear)}});
  }
  if (!find_choice(sections(), input.section)) {
    errors.push_back({"section", {"不是规划的任务章节", "not a section of the plan"}});
  }
  out.title = checked_text(input.title, "title", kMaxTitle, true, errors);
  out.target_text = checked_text(input.target_text, "targetText", kMaxTargetText, true, errors);
  out.target_unit = checked_text(input.target_unit, "targetUnit", kMaxTargetUnit, false, errors);
  out.responsible_name =
      checked_text(input.responsible_name, "responsibleName", kMaxResponsible, true, errors);
  if (input.target_value && *input.target_value < 0) {
    errors.push_back({"targetValue", {"目标值不能为负数", "must not be negative"}});
  }
  if (input.indicator && !indicator::find_indicator(*input.indicator)) {
    errors.push_back({"indicator", {"不是规划的指标", "not an indicator of the plan"}});
  }
  if (!is_valid_date(input.deadline)) {
    errors.push_back({"deadline", {"不是有效的日期", "not a date"}});
  } else if (input.deadline.substr(0, 4) != std::to_string(input.year)) {
    errors.push_back({"deadline",
                      {fmt::format("完成时限应在 {} 年内", input.year),
                       fmt::format("must fall in {}", input.year)}});
  } else if (parent && input.deadline > parent->deadline) {
    errors.push_back(
        {"deadline",
         {fmt::format("完成时限不能晚于上级任务的时限（{}）", parent->deadline),
          fmt::format("must not be after the parent task's deadline ({})", parent->deadline)}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

TaskView PlanService::view_of(Task task) const {
  const auto name_of = [&](const std::string& code) {
    const auto unit = org_.unit(code);
    return unit ? unit->unit.name : code;
  };
  TaskView v;
  v.unit_name = name_of(task.unit_code);
  v.issuer_name = name_of(task.issuer_unit);
  const std::string now = today();
  if (task.status == kDone) {
    v.state = std::string(kDone);
  } else if (task.deadline < now) {
    v.state = std::string(kLate);
  } else {
    v.state = task.status;
    v.at_risk = task.deadline <= at_risk_until(now) && task.progress < kAtRiskProgress;
  }
  v.task = std::move(task);
  return v;
}

Result<Task> PlanService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto task, repository::find_task(s, id));
  if (!task || !org_.covers(actor, kTaskRead, task->unit_code)) return task_not_found();
  return std::move(*task);
}

Result<std::pair<Report, Task>> PlanService::visible_report(storage::Session& s, const Actor& actor,
                                                            int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto report, repository::find_report(s, id));
  if (!report) return report_not_found();
  auto task = visible(s, actor, report->task_id);
  if (!task) return report_not_found();
  return std::pair<Report, Task>{std::move(*report), std::move(*task)};
}

ReportView PlanService::report_view(Report report, const Task& task) const {
  const auto unit = org_.unit(task.unit_code);
  return {std::move(report), task.title, task.unit_code, unit ? unit->unit.name : task.unit_code};
}

Result<TaskView> PlanService::issue(const Actor& actor, const TaskInput& input) const {
  std::optional<Task> parent;
  if (input.parent_id) {
    SHEQU_ASSIGN_OR_RETURN(parent, db_.read_value<Task>([&](storage::Session& s) {
      return visible(s, actor, *input.parent_id);
    }));
    if (parent->unit_code != actor.unit_code) {
      return Error::forbidden({"只能分解本单位的任务", "only the task's own unit breaks it down"});
    }
    if (parent->status == kDone) {
      return Error::conflict({"任务已完成，不能再分解", "the task is done: it is not broken down"});
    }
  }
  SHEQU_ASSIGN_OR_RETURN(const TaskInput in, validated(actor, input, parent));
  const std::string now = format_timestamp(clock_.now());
  Task t;
  t.parent_id = in.parent_id;
  t.unit_code = in.unit;
  t.issuer_unit = parent ? parent->unit_code : actor.unit_code;
  t.year = in.year;
  t.section = in.section;
  t.title = in.title;
  t.target_text = in.target_text;
  t.target_value = in.target_value;
  t.target_unit = in.target_unit;
  t.indicator = in.indicator;
  t.deadline = in.deadline;
  t.responsible_name = in.responsible_name;
  if (actor.user_id > 0) t.created_by = actor.user_id;
  t.created_at = now;
  t.updated_at = now;
  return db_.write_value<TaskView>([&](storage::Session& s) -> Result<TaskView> {
    if (parent) {
      // The parent as it is now: its deadline may have moved since it was read.
      SHEQU_TRY(repository::lock_task(s, parent->id));
      SHEQU_ASSIGN_OR_RETURN(const Task current, visible(s, actor, parent->id));
      if (t.deadline > current.deadline) {
        return Error::invalid("deadline", {"完成时限不能晚于上级任务的时限",
                                           "must not be after the parent task's deadline"});
      }
    }
    SHEQU_ASSIGN_OR_RETURN(t.id, repository::insert_task(s, t));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kTaskIssue),
                            {std::string(kAuditIssue), "plan_task", std::to_string(t.id), "success",
                             t.title, t.unit_code}));
    return view_of(t);
  });
}

Result<TaskView> PlanService::update(const Actor& actor, int64_t id, int64_t version,
                                     const TaskInput& input) const {
  return db_.write_value<TaskView>([&](storage::Session& s) -> Result<TaskView> {
    SHEQU_ASSIGN_OR_RETURN(Task t, visible(s, actor, id));
    if (!org_.covers(actor, kTaskIssue, t.issuer_unit)) {
      return Error::forbidden({"只有下达任务的单位可以修改任务", "only the issuer changes a task"});
    }
    if (t.status == kDone) {
      return Error::conflict({"任务已完成，不能修改", "the task is done: it does not change"});
    }
    std::optional<Task> parent;
    if (t.parent_id) {
      SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_task(s, *t.parent_id));
      parent = std::move(found);
    }
    // What does not change is the task's own; the issuer's scope is checked above, so the
    // unit is validated as when it was issued by the issuer.
    TaskInput in = input;
    in.unit = t.unit_code;
    in.year = t.year;
    Actor issuer = actor;
    issuer.unit_code = t.issuer_unit;
    SHEQU_ASSIGN_OR_RETURN(in, validated(issuer, in, parent));
    SHEQU_ASSIGN_OR_RETURN(const std::string latest_child,
                           repository::latest_child_deadline(s, t.id));
    if (!latest_child.empty() && in.deadline < latest_child) {
      return Error::invalid("deadline",
                            {fmt::format("完成时限不能早于分解任务的时限（{}）", latest_child),
                             fmt::format("must not be before the deadline of a task it was "
                                         "broken into ({})",
                                         latest_child)});
    }
    t.section = in.section;
    t.title = in.title;
    t.target_text = in.target_text;
    t.target_value = in.target_value;
    t.target_unit = in.target_unit;
    t.indicator = in.indicator;
    t.deadline = in.deadline;
    t.responsible_name = in.responsible_name;
    t.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_task(s, t, version));
    if (!changed) {
      return Error::conflict({"任务已被他人修改，请刷新后重试",
                              "the task was changed meanwhile; reload and try again"});
    }
    t.version = version + 1;
    SHEQU_TRY(audit_.append(s, audit::who(actor, kTaskIssue),
                            {std::string(kAuditUpdate), "plan_task", std::to_string(t.id),
                             "success", fmt::format("version {}", t.version), t.unit_code}));
    return view_of(t);
  });
}

Result<TaskDetail> PlanService::find(const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(TaskDetail detail, read_detail(actor, id));
  const Task& t = detail.task.task;
  if (!t.indicator || !indicators_) return detail;
  const std::string period = std::to_string(t.year);
  // Read as the caller: one who may not read the indicator at the task's unit sees no value.
  const auto figures = indicators_->analytics(actor, {{*t.indicator}, {t.unit_code}, {period}});
  if (!figures) return detail;
  for (const indicator::AnalyticsRow& row : figures->rows) {
    if (row.unit != t.unit_code || row.period != period) continue;
    detail.indicator_value =
        IndicatorFigure{period, row.figure.has_data, row.figure.value, row.status, row.progress};
    break;
  }
  return detail;
}

Result<TaskDetail> PlanService::read_detail(const Actor& actor, int64_t id) const {
  return db_.read_value<TaskDetail>([&](storage::Session& s) -> Result<TaskDetail> {
    SHEQU_ASSIGN_OR_RETURN(Task t, visible(s, actor, id));
    TaskDetail out;
    if (t.parent_id) {
      // The parent is shown to those who see it (its unit is above the task's).
      auto parent = visible(s, actor, *t.parent_id);
      if (parent) out.parent = view_of(std::move(*parent));
    }
    SHEQU_ASSIGN_OR_RETURN(std::vector<Task> children, repository::children(s, t.id));
    for (Task& child : children) out.children.push_back(view_of(std::move(child)));
    SHEQU_ASSIGN_OR_RETURN(std::vector<Report> reports, repository::reports_of(s, t.id));
    for (Report& r : reports) out.reports.push_back(report_view(std::move(r), t));
    out.task = view_of(std::move(t));
    return out;
  });
}

Result<org::Page<TaskView>> PlanService::list(const Actor& actor, const TaskQuery& query,
                                              const org::PageRequest& page) const {
  TaskFilter filter;
  if (query.unit.empty()) {
    filter.roots = actor.roots_for(kTaskRead);
  } else {
    SHEQU_TRY(org_.unit(actor, query.unit));
    SHEQU_TRY(org_.in_scope(actor, kTaskRead, query.unit));
    filter.roots = {query.unit};
  }
  filter.year = query.year;
  filter.state = query.state;
  filter.section = query.section;
  filter.today = today();
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Task>>([&](storage::Session& s) {
    return repository::list_tasks(s, filter, page);
  }));
  org::Page<TaskView> out;
  out.total = found.total;
  for (Task& t : found.items) out.items.push_back(view_of(std::move(t)));
  return out;
}

Result<ReportView> PlanService::report(const Actor& actor, int64_t task_id, const std::string& text,
                                       int progress) const {
  std::vector<FieldError> errors;
  const std::string checked = checked_text(text, "text", kMaxReportText, true, errors);
  if (progress < 0 || progress > 100) {
    errors.push_back({"progress", {"完成进度应在 0 至 100 之间", "from 0 to 100"}});
  }
  return db_.write_value<ReportView>([&](storage::Session& s) -> Result<ReportView> {
    SHEQU_TRY(repository::lock_task(s, task_id));
    SHEQU_ASSIGN_OR_RETURN(Task t, visible(s, actor, task_id));
    if (t.unit_code != actor.unit_code || !org_.covers(actor, kReportSubmit, t.unit_code)) {
      return Error::forbidden(
          {"只能报告本单位任务的进展", "only the task's own unit reports its progress"});
    }
    if (t.status == kDone) {
      return Error::conflict({"任务已完成", "the task is done"});
    }
    if (t.pending_reports > 0) {
      return Error::conflict({"上一次进展报告尚待审核", "the last report awaits its decision"});
    }
    if (progress >= 0 && progress < t.progress) {
      errors.push_back(
          {"progress",
           {fmt::format("完成进度不能低于已审核的进度（{}%）", t.progress),
            fmt::format("must not be below the progress approved ({} %)", t.progress)}});
    }
    if (!errors.empty()) return Error::invalid(errors);
    Report r;
    r.task_id = t.id;
    r.text = checked;
    r.progress = progress;
    if (actor.user_id > 0) r.reported_by = actor.user_id;
    r.reported_by_name = actor.username;
    r.reported_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(r.id, repository::insert_report(s, r));
    if (t.status == kNotStarted) {
      SHEQU_TRY(repository::set_task_progress(s, t.id, kInProgress, t.progress, r.reported_at));
    }
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kReportSubmit),
                      {std::string(kAuditReport), "plan_task", std::to_string(t.id), "success",
                       fmt::format("report {}: {}%", r.id, r.progress), t.unit_code}));
    return report_view(std::move(r), t);
  });
}

Result<Evidence> PlanService::add_evidence(const Actor& actor, int64_t report_id,
                                           std::string_view upload) const {
  const auto open_to_evidence = [&](storage::Session& s) -> Result<std::pair<Report, Task>> {
    SHEQU_ASSIGN_OR_RETURN(auto found, visible_report(s, actor, report_id));
    const Task& t = found.second;
    if (t.unit_code != actor.unit_code || !org_.covers(actor, kReportSubmit, t.unit_code)) {
      return Error::forbidden(
          {"只能为本单位的进展报告上传佐证材料", "only the task's own unit adds evidence"});
    }
    if (found.first.state != kSubmitted) {
      return Error::conflict(
          {"进展报告已审核，不能再上传佐证材料", "the report was decided: no more evidence"});
    }
    if (static_cast<int64_t>(found.first.evidence.size()) >= kMaxEvidencePerReport) {
      return Error::conflict({fmt::format("每次进展报告最多 {} 份佐证材料", kMaxEvidencePerReport),
                              fmt::format("at most {} files per report", kMaxEvidencePerReport)});
    }
    return found;
  };
  // What is not evidence is refused first: that says nothing of any report.
  SHEQU_ASSIGN_OR_RETURN(CleanEvidence clean, clean_evidence(upload));
  SHEQU_TRY(db_.read_value<ReportOfTask>(open_to_evidence));
  // On disk before the row that names it commits: a row never names a missing file.
  SHEQU_ASSIGN_OR_RETURN(const std::string sha256, files_.put(clean.bytes));
  Evidence e;
  e.report_id = report_id;
  e.kind = clean.kind;
  e.sha256 = sha256;
  e.media_type = clean.media_type;
  e.size_bytes = static_cast<int64_t>(clean.bytes.size());
  if (actor.user_id > 0) e.uploaded_by = actor.user_id;
  e.uploaded_at = format_timestamp(clock_.now());
  return db_.write_value<Evidence>([&](storage::Session& s) -> Result<Evidence> {
    SHEQU_ASSIGN_OR_RETURN(auto report, repository::find_report(s, report_id));
    if (!report) return report_not_found();
    // Counted under the task's lock: two uploads at once cannot both be the tenth.
    SHEQU_TRY(repository::lock_task(s, report->task_id));
    SHEQU_ASSIGN_OR_RETURN(const auto found, open_to_evidence(s));
    SHEQU_ASSIGN_OR_RETURN(e.id, repository::insert_evidence(s, e));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kReportSubmit),
        {std::string(kAuditEvidence), "plan_task", std::to_string(found.second.id), "success",
         fmt::format("report {}: {} {}", report_id, e.kind, e.id), found.second.unit_code}));
    return e;
  });
}

Result<EvidenceFile> PlanService::evidence(const Actor& actor, int64_t report_id,
                                           int64_t evidence_id) const {
  SHEQU_ASSIGN_OR_RETURN(
      const Evidence e, db_.read_value<Evidence>([&](storage::Session& s) -> Result<Evidence> {
        SHEQU_ASSIGN_OR_RETURN(const auto found, visible_report(s, actor, report_id));
        for (const Evidence& e : found.first.evidence) {
          if (e.id == evidence_id) return e;
        }
        return Error::not_found({"佐证材料", "evidence"});
      }));
  SHEQU_ASSIGN_OR_RETURN(std::string bytes, files_.get(e.sha256));
  return EvidenceFile{std::move(bytes), e.media_type, e.kind};
}

Result<ReportView> PlanService::decide(const Actor& actor, int64_t report_id, int64_t version,
                                       bool approve, const std::string& note) const {
  std::vector<FieldError> errors;
  const std::string checked = checked_text(note, "note", kMaxNote, !approve, errors);
  return db_.write_value<ReportView>([&](storage::Session& s) -> Result<ReportView> {
    SHEQU_ASSIGN_OR_RETURN(auto found, visible_report(s, actor, report_id));
    auto& [r, t] = found;
    if (!org_.covers(actor, kReportDecide, t.issuer_unit)) {
      return Error::forbidden(
          {"只有下达任务的单位可以审核进展", "only the unit that issued the task decides"});
    }
    if (r.reported_by && *r.reported_by == actor.user_id) {
      return Error::forbidden(
          {"不能审核自己报告的进展", "a report is never decided by its reporter"});
    }
    if (r.state != kSubmitted) {
      return Error::conflict({"进展报告已审核", "the report was decided already"});
    }
    if (!errors.empty()) return Error::invalid(errors);
    r.state = std::string(approve ? kApproved : kReturned);
    if (actor.user_id > 0) r.decided_by = actor.user_id;
    r.decided_by_name = actor.username;
    r.decided_at = format_timestamp(clock_.now());
    r.note = checked;
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::decide_report(s, r, version));
    if (!changed) {
      return Error::conflict({"进展报告已被他人处理，请刷新后重试",
                              "the report was changed meanwhile; reload and try again"});
    }
    r.version = version + 1;
    if (approve) {
      SHEQU_TRY(repository::set_task_progress(s, t.id, r.progress == 100 ? kDone : kInProgress,
                                              r.progress, r.decided_at));
    }
    SHEQU_TRY(audit_.append(s, audit::who(actor, kReportDecide),
                            {std::string(kAuditDecide), "plan_task", std::to_string(t.id),
                             "success", fmt::format("report {}: {}", r.id, r.state), t.unit_code}));
    return report_view(std::move(r), t);
  });
}

Result<org::Page<ReportView>> PlanService::reports(const Actor& actor, std::string_view state,
                                                   const org::PageRequest& page) const {
  const std::vector<std::string> roots = actor.roots_for(kReportDecide);
  const std::optional<int64_t> not_by =
      state == kSubmitted ? std::optional<int64_t>(actor.user_id) : std::nullopt;
  return db_.read_value<org::Page<ReportView>>(
      [&](storage::Session& s) -> Result<org::Page<ReportView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               repository::reports_issued(s, roots, state, not_by, page));
        org::Page<ReportView> out;
        out.total = found.total;
        for (Report& r : found.items) {
          SHEQU_ASSIGN_OR_RETURN(auto task, repository::find_task(s, r.task_id));
          if (task) out.items.push_back(report_view(std::move(r), *task));
        }
        return out;
      });
}

Result<org::Page<LedgerLine>> PlanService::ledger(const Actor& actor, const std::string& unit,
                                                  std::optional<int> year,
                                                  const org::PageRequest& page) const {
  const std::string code = unit.empty() ? actor.unit_code : unit;
  SHEQU_TRY(org_.unit(actor, code));
  SHEQU_TRY(org_.in_scope(actor, kTaskRead, code));
  TaskFilter filter;
  filter.roots = {code};
  filter.unit = code;
  filter.year = year.value_or(china_year(clock_.now()));
  filter.today = today();
  return db_.read_value<org::Page<LedgerLine>>(
      [&](storage::Session& s) -> Result<org::Page<LedgerLine>> {
        SHEQU_ASSIGN_OR_RETURN(auto found, repository::list_tasks(s, filter, page));
        org::Page<LedgerLine> out;
        out.total = found.total;
        int64_t index = page.offset();
        for (Task& t : found.items) {
          LedgerLine line;
          line.index = ++index;
          SHEQU_ASSIGN_OR_RETURN(line.last_approved, repository::last_approved(s, t.id));
          SHEQU_ASSIGN_OR_RETURN(line.evidence, repository::count_evidence(s, t.id));
          line.task = view_of(std::move(t));
          out.items.push_back(std::move(line));
        }
        return out;
      });
}

Result<Rollup> PlanService::rollup(const Actor& actor, const std::string& unit,
                                   std::optional<int> year) const {
  const std::string code = unit.empty() ? actor.unit_code : unit;
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView view, org_.unit(actor, code));
  SHEQU_TRY(org_.in_scope(actor, kTaskRead, code));
  TaskFilter filter;
  filter.roots = {code};
  filter.year = year.value_or(china_year(clock_.now()));
  filter.today = today();
  SHEQU_ASSIGN_OR_RETURN(const auto rows, db_.read_value<UnitCounts>([&](storage::Session& s) {
    return repository::counts_by_unit(s, filter);
  }));
  Rollup out;
  out.unit = code;
  out.unit_name = view.unit.name;
  out.year = *filter.year;
  const auto children = org_.tree().children(code, {1, 100000});
  if (children) {
    for (const org::UnitView& child : children->items) {
      if (child.unit.level == org::Level::grid) continue;
      out.children.push_back({child.unit.code, child.unit.name, {}});
    }
  }
  for (const auto& [owner, counts] : rows) {
    out.total.add(counts);
    if (owner == code) out.own.add(counts);
    for (UnitStateCounts& child : out.children) {
      if (org_.tree().contains(child.unit, owner)) child.counts.add(counts);
    }
  }
  return out;
}

Result<int64_t> PlanService::count_state(const Actor& actor, std::string_view state) const {
  TaskFilter filter;
  filter.roots = actor.roots_for(kTaskRead);
  filter.state = std::string(state);
  filter.today = today();
  return db_.read_value<int64_t>(
      [&](storage::Session& s) { return repository::count_tasks(s, filter); });
}

Result<int64_t> PlanService::count_late(const Actor& actor) const {
  return count_state(actor, kLate);
}

Result<int64_t> PlanService::count_at_risk(const Actor& actor) const {
  return count_state(actor, kAtRisk);
}

Result<int64_t> PlanService::count_pending(const Actor& actor) const {
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_reports_issued(s, actor.roots_for(kReportDecide), kSubmitted,
                                            actor.user_id);
  });
}

}  // namespace shequ::plan
