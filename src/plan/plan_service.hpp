// Plan tasks and ledgers (年度任务清单和工作台账). A level issues a task to a unit below its own
// (the province to a city or county, a county to a township); the owner breaks it down for the
// units directly below it, a child's deadline never after its parent's. The owner's staff report
// progress with evidence (photos, PDFs); the issuing unit's staff approve or return each report,
// never their own. A unit's ledger for a year lists its tasks as officials hand them in, and the
// roll-up counts each child unit's tasks finished, late, in progress and not started.
//
// Lateness and risk are computed with the injected clock, never stored. Every call checks the
// caller's scope on the server: a task outside it is not_found. Thread-safe; what the constructor
// takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "indicator/indicator_service.hpp"
#include "org/org_service.hpp"
#include "plan/model.hpp"
#include "storage/database.hpp"
#include "storage/file_store.hpp"

namespace shequ::plan {

inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxTargetText = 500;
inline constexpr std::size_t kMaxTargetUnit = 20;
inline constexpr std::size_t kMaxResponsible = 50;
inline constexpr std::size_t kMaxReportText = 2000;
inline constexpr std::size_t kMaxNote = 500;
inline constexpr int64_t kMaxEvidencePerReport = 9;
inline constexpr int kFirstYear = 2021;
inline constexpr int kLastYear = 2035;

struct TaskInput {
  std::string unit;  // who carries it out
  int year = 0;
  std::string section;
  std::string title;
  std::string target_text;
  std::optional<double> target_value;
  std::string target_unit;
  std::optional<std::string> indicator;  // an indicator of the plan (indicator/catalogue.hpp)
  std::string deadline;                  // China date
  std::string responsible_name;
  std::optional<int64_t> parent_id;  // breaking this task down
};

struct TaskView {
  Task task;
  std::string unit_name;
  std::string issuer_name;
  std::string state;  // task_states(): late when the deadline passed and it is not done
  bool at_risk = false;
};

struct ReportView {
  Report report;
  std::string task_title;
  std::string unit;
  std::string unit_name;
};

// The value of the indicator a task is linked to, for the task's unit and year, as the
// indicators' dashboard shows it.
struct IndicatorFigure {
  std::string period;  // the task's year
  bool has_data = false;
  double value = 0;                // in the indicator's measure (a percentage as 50.0)
  std::string status;              // met, on_track, at_risk, no_data
  std::optional<double> progress;  // the share of the target reached, 0 to 100
};

struct TaskDetail {
  TaskView task;
  // For a task linked to an indicator, when the caller may read the indicator there.
  std::optional<IndicatorFigure> indicator_value;
  std::optional<TaskView> parent;
  std::vector<TaskView> children;
  std::vector<ReportView> reports;  // newest first
};

struct TaskQuery {
  std::string unit;  // owned in its subtree; "" the caller's scope
  std::optional<int> year;
  std::string state;  // "" any, a task_states() key or kAtRisk
  std::string section;
};

// One line of a ledger (工作台账).
struct LedgerLine {
  int64_t index = 0;  // 序号, from 1
  TaskView task;
  std::optional<Report> last_approved;
  int64_t evidence = 0;  // files over all its reports
};

struct UnitStateCounts {
  std::string unit;
  std::string unit_name;
  StateCounts counts;
};

struct Rollup {
  std::string unit;
  std::string unit_name;
  int year = 0;
  StateCounts total;                      // every task owned in the subtree
  StateCounts own;                        // those owned by the unit itself
  std::vector<UnitStateCounts> children;  // every child unit (grids aside), none left out
};

struct EvidenceFile {
  std::string bytes;
  std::string media_type;
  std::string kind;
};

class PlanService {
 public:
  // `indicators` may be null (no indicators module): tasks then show no indicator's value.
  PlanService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
              const Clock& clock, const storage::FileStore& files,
              const indicator::IndicatorService* indicators = nullptr);

  // Issues a task to a unit below the caller's own, or (parent_id) breaks the caller's own unit's
  // task down for a unit directly below it. Every field is checked at once.
  Result<TaskView> issue(const Actor& actor, const TaskInput& input) const;
  // The issuer's staff change a task that is not done, at `version`; its unit, year and parent
  // do not change, and its deadline stays between its children's and its parent's.
  Result<TaskView> update(const Actor& actor, int64_t id, int64_t version,
                          const TaskInput& input) const;
  Result<TaskDetail> find(const Actor& actor, int64_t id) const;
  // Deadline order.
  Result<org::Page<TaskView>> list(const Actor& actor, const TaskQuery& query,
                                   const org::PageRequest& page) const;

  // The task's own unit's staff report progress (0 to 100, not below what was approved last);
  // one report waits for a decision at a time.
  Result<ReportView> report(const Actor& actor, int64_t task_id, const std::string& text,
                            int progress) const;
  // Evidence (evidence.hpp) of a report waiting for its decision, from its unit's staff, up to
  // kMaxEvidencePerReport. The file is stored before the row that names it commits.
  Result<Evidence> add_evidence(const Actor& actor, int64_t report_id,
                                std::string_view upload) const;
  Result<EvidenceFile> evidence(const Actor& actor, int64_t report_id, int64_t evidence_id) const;
  // Approves (the task's progress becomes the report's; done at 100) or returns (a note says
  // why) a waiting report at `version`: staff whose scope covers the issuing unit, never the
  // reporter.
  Result<ReportView> decide(const Actor& actor, int64_t report_id, int64_t version, bool approve,
                            const std::string& note) const;
  // Reports in `state` of the tasks issued in the caller's scope; waiting ones leave out the
  // caller's own. Newest first.
  Result<org::Page<ReportView>> reports(const Actor& actor, std::string_view state,
                                        const org::PageRequest& page) const;

  // The tasks `unit` owns in `year`, deadline order ("" unit: the caller's own; no year: this
  // year).
  Result<org::Page<LedgerLine>> ledger(const Actor& actor, const std::string& unit,
                                       std::optional<int> year, const org::PageRequest& page) const;
  Result<Rollup> rollup(const Actor& actor, const std::string& unit, std::optional<int> year) const;

  // The workbench's to-dos over the caller's scope.
  Result<int64_t> count_late(const Actor& actor) const;
  Result<int64_t> count_at_risk(const Actor& actor) const;
  Result<int64_t> count_pending(const Actor& actor) const;

 private:
  // The task, its parent, children and reports, as the caller sees them.
  Result<TaskDetail> read_detail(const Actor& actor, int64_t id) const;
  std::string today() const;
  Result<TaskInput> validated(const Actor& actor, const TaskInput& input,
                              const std::optional<Task>& parent) const;
  TaskView view_of(Task task) const;
  Result<Task> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  Result<std::pair<Report, Task>> visible_report(storage::Session& s, const Actor& actor,
                                                 int64_t id) const;
  ReportView report_view(Report report, const Task& task) const;
  Result<int64_t> count_state(const Actor& actor, std::string_view state) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const storage::FileStore& files_;
  const indicator::IndicatorService* indicators_;
};

}  // namespace shequ::plan
