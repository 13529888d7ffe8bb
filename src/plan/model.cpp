#include "plan/model.hpp"

#include <fmt/format.h>

#include <chrono>

#include "common/clock.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::plan {

const std::vector<Choice>& sections() {
  static const std::vector<Choice> sections{
      {"pattern",
       {"三（一）积极构建城乡社区服务新格局", "3.1 A new pattern of community services"}},
      {"supply", {"三（二）不断扩大城乡社区服务供给", "3.2 More community services"}},
      {"efficiency", {"三（三）努力增进城乡社区服务效能", "3.3 Better community services"}},
      {"digital", {"三（四）加快城乡社区服务数字化建设", "3.4 Digital community services"}},
      {"workforce", {"三（五）不断壮大城乡社区服务人才队伍", "3.5 The community workforce"}},
      {"column2",
       {"专栏 2 社会力量参与社区服务工程", "Column 2: social forces in community services"}},
      {"column3",
       {"专栏 3 新时代新社区新生活服务质量提升行动", "Column 3: better service quality"}},
      {"column4",
       {"专栏 4 城乡社区综合服务设施补短板工程", "Column 4: community service facilities"}},
      {"column5", {"专栏 5 社区服务数字化建设试点行动", "Column 5: digital pilots"}},
      {"column6", {"专栏 6 社区人才队伍建设行动", "Column 6: workforce actions"}},
  };
  return sections;
}

const std::vector<Choice>& task_states() {
  static const std::vector<Choice> states{
      {kNotStarted, {"未开始", "Not started"}},
      {kInProgress, {"进行中", "In progress"}},
      {kDone, {"已完成", "Done"}},
      {kLate, {"已逾期", "Late"}},
  };
  return states;
}

const std::vector<Choice>& report_states() {
  static const std::vector<Choice> states{
      {kSubmitted, {"待审核", "Awaiting approval"}},
      {kApproved, {"已通过", "Approved"}},
      {kReturned, {"已退回", "Returned"}},
  };
  return states;
}

void StateCounts::add(const StateCounts& other) {
  tasks += other.tasks;
  done += other.done;
  late += other.late;
  in_progress += other.in_progress;
  not_started += other.not_started;
  at_risk += other.at_risk;
}

std::string at_risk_until(const std::string& today) {
  return format_date(parse_date(today) + std::chrono::days(kAtRiskDays));
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kTaskColumns =
    "t.id, t.parent_id, t.unit_code, t.issuer_unit, t.year, t.section, t.title, t.target_text, "
    "t.target_value, t.target_unit, t.indicator_code, t.deadline, t.responsible_name, t.status, "
    "t.progress, t.created_by, t.created_at, t.updated_at, t.version, "
    "(SELECT COUNT(*) FROM plan_task c WHERE c.parent_id = t.id), "
    "(SELECT COUNT(*) FROM plan_report r WHERE r.task_id = t.id AND r.state = 'submitted')";

Task task_from(const Row& row) {
  Task t;
  t.id = row.integer(0);
  t.parent_id = row.optional_integer(1);
  t.unit_code = row.text(2);
  t.issuer_unit = row.text(3);
  t.year = static_cast<int>(row.integer(4));
  t.section = row.text(5);
  t.title = row.text(6);
  t.target_text = row.text(7);
  if (!row.is_null(8)) t.target_value = row.real(8);
  t.target_unit = row.text(9);
  t.indicator = row.optional_text(10);
  t.deadline = row.text(11);
  t.responsible_name = row.text(12);
  t.status = row.text(13);
  t.progress = static_cast<int>(row.integer(14));
  t.created_by = row.optional_integer(15);
  t.created_at = row.text(16);
  t.updated_at = row.text(17);
  t.version = row.integer(18);
  t.children = row.integer(19);
  t.pending_reports = row.integer(20);
  return t;
}

// The condition of a state on plan_task t, its parameters appended (bound in the order the
// placeholders are numbered, so each before the text that follows it).
std::string state_condition(std::string_view state, const std::string& today,
                            std::vector<Value>& params) {
  if (state == kDone) return "t.status = 'done'";
  const std::string from = storage::bind_all(params, {today});
  if (state == kLate) return "t.status <> 'done' AND t.deadline < " + from;
  if (state == kAtRisk) {
    const std::string until = storage::bind_all(params, {at_risk_until(today)});
    return fmt::format(
        "t.status <> 'done' AND t.deadline >= {} AND t.deadline <= {} AND "
        "t.progress < {}",
        from, until, kAtRiskProgress);
  }
  const std::string status = storage::bind_all(params, {std::string(state)});
  return "t.deadline >= " + from + " AND t.status = " + status;
}

std::string condition(storage::Session& s, const TaskFilter& f, std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"t.unit_code"}, f.roots, params);
  if (f.unit) where += " AND t.unit_code = " + storage::bind_all(params, {*f.unit});
  if (f.year) where += " AND t.year = " + storage::bind_all(params, {int64_t{*f.year}});
  if (!f.section.empty()) where += " AND t.section = " + storage::bind_all(params, {f.section});
  if (!f.state.empty()) where += " AND " + state_condition(f.state, f.today, params);
  return where;
}

const std::string kReportColumns =
    "id, task_id, text, progress, state, reported_by, reported_by_name, reported_at, decided_by, "
    "decided_by_name, decided_at, note, version";

Report report_from(const Row& row) {
  Report r;
  r.id = row.integer(0);
  r.task_id = row.integer(1);
  r.text = row.text(2);
  r.progress = static_cast<int>(row.integer(3));
  r.state = row.text(4);
  r.reported_by = row.optional_integer(5);
  r.reported_by_name = row.text(6);
  r.reported_at = row.text(7);
  r.decided_by = row.optional_integer(8);
  r.decided_by_name = row.text(9);
  r.decided_at = row.text(10);
  r.note = row.text(11);
  r.version = row.integer(12);
  return r;
}

Status with_evidence(storage::Session& s, std::vector<Report>& reports) {
  for (Report& r : reports) {
    SHEQU_ASSIGN_OR_RETURN(r.evidence, evidence_of(s, r.id));
  }
  return {};
}

// Reports of tasks issued in the roots' subtrees, in a state, not by one user.
std::string issued_condition(storage::Session& s, const std::vector<std::string>& issuer_roots,
                             std::string_view state, std::optional<int64_t> not_by,
                             std::vector<Value>& params) {
  const std::string wanted = storage::bind_all(params, {std::string(state)});
  const std::string issued =
      storage::in_subtrees(s.dialect(), {"t.issuer_unit"}, issuer_roots, params);
  std::string where =
      "state = " + wanted + " AND task_id IN (SELECT t.id FROM plan_task t WHERE " + issued + ")";
  if (not_by) {
    where +=
        " AND (reported_by IS NULL OR reported_by <> " + storage::bind_all(params, {*not_by}) + ")";
  }
  return where;
}

}  // namespace

Result<int64_t> insert_task(storage::Session& s, const Task& t) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO plan_task (parent_id, unit_code, issuer_unit, year, section, title, "
          "target_text, target_value, target_unit, indicator_code, deadline, responsible_name, "
          "status, progress, created_by, created_at, updated_at, version) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1) RETURNING id",
          std::vector<Value>{
              optional_value(t.parent_id), t.unit_code, t.issuer_unit, int64_t{t.year}, t.section,
              t.title, t.target_text, optional_value(t.target_value), t.target_unit,
              optional_value(t.indicator), t.deadline, t.responsible_name, t.status,
              int64_t{t.progress}, optional_value(t.created_by), t.created_at, t.updated_at}));
  return row->integer(0);
}

Result<std::optional<Task>> find_task(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kTaskColumns + " FROM plan_task t WHERE t.id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Task>();
  return std::optional<Task>(task_from(*row));
}

Result<bool> update_task(storage::Session& s, const Task& t, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute(
          "UPDATE plan_task SET section = $1, title = $2, target_text = $3, "
          "target_value = $4, target_unit = $5, indicator_code = $6, deadline = $7, "
          "responsible_name = $8, updated_at = $9, version = version + 1 WHERE id = $10 "
          "AND version = $11",
          std::vector<Value>{t.section, t.title, t.target_text, optional_value(t.target_value),
                             t.target_unit, optional_value(t.indicator), t.deadline,
                             t.responsible_name, t.updated_at, t.id, expected_version}));
  return changed > 0;
}

Status set_task_progress(storage::Session& s, int64_t id, std::string_view status, int progress,
                         const std::string& updated_at) {
  SHEQU_TRY(
      s.execute("UPDATE plan_task SET status = $1, progress = $2, updated_at = $3, "
                "version = version + 1 WHERE id = $4",
                std::vector<Value>{std::string(status), int64_t{progress}, updated_at, id}));
  return {};
}

Status lock_task(storage::Session& s, int64_t id) {
  SHEQU_TRY(
      s.execute("UPDATE plan_task SET version = version WHERE id = $1", std::vector<Value>{id}));
  return {};
}

Result<std::vector<Task>> children(storage::Session& s, int64_t parent_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT " + kTaskColumns +
                             " FROM plan_task t WHERE t.parent_id = $1 ORDER BY t.unit_code, t.id",
                         std::vector<Value>{parent_id}));
  std::vector<Task> out;
  for (const Row& row : rows) out.push_back(task_from(row));
  return out;
}

Result<std::string> latest_child_deadline(storage::Session& s, int64_t parent_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT MAX(deadline) FROM plan_task WHERE parent_id = $1",
                                     std::vector<Value>{parent_id}));
  return row && !row->is_null(0) ? row->text(0) : std::string();
}

Result<org::Page<Task>> list_tasks(storage::Session& s, const TaskFilter& filter,
                                   const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM plan_task t WHERE " + condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kTaskColumns, where, "t.deadline, t.id",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Task> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(task_from(row));
  return out;
}

Result<int64_t> count_tasks(storage::Session& s, const TaskFilter& filter) {
  std::vector<Value> params;
  const std::string where = condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM plan_task t WHERE " + where, params));
  return count->integer(0);
}

Result<std::vector<std::pair<std::string, StateCounts>>> counts_by_unit(storage::Session& s,
                                                                        const TaskFilter& filter) {
  std::vector<Value> params;
  const std::string where = condition(s, filter, params);
  const std::string today = storage::bind_all(params, {filter.today});
  const std::string until = storage::bind_all(params, {at_risk_until(filter.today)});
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format(
                  "SELECT t.unit_code, COUNT(*), "
                  "SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), "
                  "SUM(CASE WHEN t.status <> 'done' AND t.deadline < {0} THEN 1 ELSE 0 END), "
                  "SUM(CASE WHEN t.status = 'in_progress' AND t.deadline >= {0} THEN 1 ELSE 0 "
                  "END), "
                  "SUM(CASE WHEN t.status = 'not_started' AND t.deadline >= {0} THEN 1 ELSE 0 "
                  "END), "
                  "SUM(CASE WHEN t.status <> 'done' AND t.deadline >= {0} AND t.deadline <= {1} "
                  "AND t.progress < {2} THEN 1 ELSE 0 END) "
                  "FROM plan_task t WHERE {3} GROUP BY t.unit_code",
                  today, until, kAtRiskProgress, where),
              params));
  std::vector<std::pair<std::string, StateCounts>> out;
  for (const Row& row : rows) {
    out.push_back({row.text(0),
                   {row.integer(1), row.integer(2), row.integer(3), row.integer(4), row.integer(5),
                    row.integer(6)}});
  }
  return out;
}

Result<int64_t> insert_report(storage::Session& s, const Report& r) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO plan_report (task_id, text, progress, state, reported_by, "
          "reported_by_name, reported_at, decided_by, decided_by_name, decided_at, note, "
          "version) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, '', '', '', 1) RETURNING id",
          std::vector<Value>{r.task_id, r.text, int64_t{r.progress}, r.state,
                             optional_value(r.reported_by), r.reported_by_name, r.reported_at}));
  return row->integer(0);
}

Result<std::optional<Report>> find_report(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kReportColumns + " FROM plan_report WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Report>();
  Report r = report_from(*row);
  SHEQU_ASSIGN_OR_RETURN(r.evidence, evidence_of(s, r.id));
  return std::optional<Report>(std::move(r));
}

Result<std::vector<Report>> reports_of(storage::Session& s, int64_t task_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kReportColumns + " FROM plan_report WHERE task_id = $1 ORDER BY id DESC",
              std::vector<Value>{task_id}));
  std::vector<Report> out;
  for (const Row& row : rows) out.push_back(report_from(row));
  SHEQU_TRY(with_evidence(s, out));
  return out;
}

Result<std::optional<Report>> last_approved(storage::Session& s, int64_t task_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kReportColumns +
                                " FROM plan_report WHERE task_id = $1 AND state = 'approved' "
                                "ORDER BY id DESC LIMIT 1",
                            std::vector<Value>{task_id}));
  if (!row) return std::optional<Report>();
  return std::optional<Report>(report_from(*row));
}

Result<bool> decide_report(storage::Session& s, const Report& r, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE plan_report SET state = $1, decided_by = $2, decided_by_name = $3, "
                "decided_at = $4, note = $5, version = version + 1 WHERE id = $6 AND version = $7",
                std::vector<Value>{r.state, optional_value(r.decided_by), r.decided_by_name,
                                   r.decided_at, r.note, r.id, expected_version}));
  return changed > 0;
}

Result<org::Page<Report>> reports_issued(storage::Session& s,
                                         const std::vector<std::string>& issuer_roots,
                                         std::string_view state, std::optional<int64_t> not_by,
                                         const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where =
      " FROM plan_report WHERE " + issued_condition(s, issuer_roots, state, not_by, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kReportColumns, where, "id DESC", std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Report> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(report_from(row));
  SHEQU_TRY(with_evidence(s, out.items));
  return out;
}

Result<int64_t> count_reports_issued(storage::Session& s,
                                     const std::vector<std::string>& issuer_roots,
                                     std::string_view state, std::optional<int64_t> not_by) {
  std::vector<Value> params;
  const std::string where = issued_condition(s, issuer_roots, state, not_by, params);
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM plan_report WHERE " + where, params));
  return count->integer(0);
}

Result<int64_t> insert_evidence(storage::Session& s, const Evidence& e) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO plan_evidence (report_id, kind, sha256, media_type, size_bytes, "
                  "uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  std::vector<Value>{e.report_id, e.kind, e.sha256, e.media_type, e.size_bytes,
                                     optional_value(e.uploaded_by), e.uploaded_at}));
  return row->integer(0);
}

Result<std::vector<Evidence>> evidence_of(storage::Session& s, int64_t report_id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT id, report_id, kind, sha256, media_type, size_bytes, "
                                 "uploaded_by, uploaded_at FROM plan_evidence WHERE report_id = $1 "
                                 "ORDER BY id",
                                 std::vector<Value>{report_id}));
  std::vector<Evidence> out;
  for (const Row& row : rows) {
    out.push_back({row.integer(0), row.integer(1), row.text(2), row.text(3), row.text(4),
                   row.integer(5), row.optional_integer(6), row.text(7)});
  }
  return out;
}

Result<int64_t> count_evidence(storage::Session& s, int64_t task_id) {
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM plan_evidence e JOIN plan_report r ON "
                                     "r.id = e.report_id WHERE r.task_id = $1",
                                     std::vector<Value>{task_id}));
  return count->integer(0);
}

}  // namespace repository

}  // namespace shequ::plan
