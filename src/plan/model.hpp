// Plan tasks, progress reports and their evidence as stored, and the SQL that reads and writes
// them. Every function runs inside the caller's transaction; scoped reads take the roots of the
// caller's subtrees (storage::in_subtrees).
//
// Thread-safe: plain data and free functions over the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/choice.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::plan {

// The plan's key tasks (its part 三, sections (一) to (五)) and its special columns (专栏 2 to 6).
const std::vector<Choice>& sections();

// Stored status: what was reported and approved.
inline constexpr std::string_view kNotStarted = "not_started";
inline constexpr std::string_view kInProgress = "in_progress";
inline constexpr std::string_view kDone = "done";
// The computed state beside them: deadline passed and not done.
inline constexpr std::string_view kLate = "late";
// A filter for the tasks at risk: not done, deadline within kAtRiskDays, approved progress under
// kAtRiskProgress.
inline constexpr std::string_view kAtRisk = "at_risk";
inline constexpr int kAtRiskDays = 14;
inline constexpr int kAtRiskProgress = 80;

// The states a task is in (not_started, in_progress, done, late), labelled.
const std::vector<Choice>& task_states();

inline constexpr std::string_view kSubmitted = "submitted";
inline constexpr std::string_view kApproved = "approved";
inline constexpr std::string_view kReturned = "returned";
const std::vector<Choice>& report_states();

struct Task {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string unit_code;    // who carries it out
  std::string issuer_unit;  // who issued it and approves its reports: an ancestor of unit_code
  int year = 0;
  std::string section;
  std::string title;
  std::string target_text;
  std::optional<double> target_value;
  std::string target_unit;
  std::optional<std::string> indicator;
  std::string deadline;  // China date
  std::string responsible_name;
  std::string status = std::string(kNotStarted);
  int progress = 0;  // the last approved report's percent
  std::optional<int64_t> created_by;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Read with the task, not stored in its row.
  int64_t children = 0;
  int64_t pending_reports = 0;
};

struct Evidence {
  int64_t id = 0;
  int64_t report_id = 0;
  std::string kind;  // "photo" or "pdf"
  std::string sha256;
  std::string media_type;
  int64_t size_bytes = 0;
  std::optional<int64_t> uploaded_by;
  std::string uploaded_at;
};

struct Report {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string text;
  int progress = 0;
  std::string state = std::string(kSubmitted);
  std::optional<int64_t> reported_by;
  std::string reported_by_name;
  std::string reported_at;
  std::optional<int64_t> decided_by;
  std::string decided_by_name;
  std::string decided_at;
  std::string note;
  int64_t version = 1;
  std::vector<Evidence> evidence;  // read with the report, oldest first
};

// Which tasks a list or a count takes. `today` decides lateness and risk.
struct TaskFilter {
  std::vector<std::string> roots;  // owned in these subtrees
  std::optional<int> year;
  std::string state;                // "" any; a task_states() key or kAtRisk
  std::string section;              // "" any
  std::optional<std::string> unit;  // owned by exactly this unit
  std::string today;
};

// Tasks owned in one child unit's subtree, by state.
struct StateCounts {
  int64_t tasks = 0;
  int64_t done = 0;
  int64_t late = 0;
  int64_t in_progress = 0;
  int64_t not_started = 0;
  int64_t at_risk = 0;
  void add(const StateCounts& other);
};

// The last day at risk when today is `today`: today + kAtRiskDays.
std::string at_risk_until(const std::string& today);

namespace repository {

Result<int64_t> insert_task(storage::Session& s, const Task& task);
Result<std::optional<Task>> find_task(storage::Session& s, int64_t id);
// Rewrites what the issuer may change, at `expected_version`; false when it changed since.
Result<bool> update_task(storage::Session& s, const Task& task, int64_t expected_version);
// Sets status and progress (a report approved, or the first one submitted); bumps the version.
Status set_task_progress(storage::Session& s, int64_t id, std::string_view status, int progress,
                         const std::string& updated_at);
// Serialises writers of one task's reports (two at once cannot both be the one pending).
Status lock_task(storage::Session& s, int64_t id);
Result<std::vector<Task>> children(storage::Session& s, int64_t parent_id);
// The latest child deadline of a task ("" none): its own deadline cannot move before it.
Result<std::string> latest_child_deadline(storage::Session& s, int64_t parent_id);
// Deadline order (then id).
Result<org::Page<Task>> list_tasks(storage::Session& s, const TaskFilter& filter,
                                   const org::PageRequest& page);
Result<int64_t> count_tasks(storage::Session& s, const TaskFilter& filter);
// Per unit that owns tasks in the filter: its counts by state.
Result<std::vector<std::pair<std::string, StateCounts>>> counts_by_unit(storage::Session& s,
                                                                        const TaskFilter& filter);

Result<int64_t> insert_report(storage::Session& s, const Report& report);
Result<std::optional<Report>> find_report(storage::Session& s, int64_t id);
// Newest first, each with its evidence.
Result<std::vector<Report>> reports_of(storage::Session& s, int64_t task_id);
// The report approved last, if any.
Result<std::optional<Report>> last_approved(storage::Session& s, int64_t task_id);
// Records a decision at `expected_version`; false when it changed since.
Result<bool> decide_report(storage::Session& s, const Report& report, int64_t expected_version);
// Reports in `state` of tasks issued in `issuer_roots`' subtrees, newest first.
Result<org::Page<Report>> reports_issued(storage::Session& s,
                                         const std::vector<std::string>& issuer_roots,
                                         std::string_view state, std::optional<int64_t> not_by,
                                         const org::PageRequest& page);
Result<int64_t> count_reports_issued(storage::Session& s,
                                     const std::vector<std::string>& issuer_roots,
                                     std::string_view state, std::optional<int64_t> not_by);

Result<int64_t> insert_evidence(storage::Session& s, const Evidence& evidence);
Result<std::vector<Evidence>> evidence_of(storage::Session& s, int64_t report_id);
// Evidence files of all a task's reports, by task: for the ledger.
Result<int64_t> count_evidence(storage::Session& s, int64_t task_id);

}  // namespace repository

}  // namespace shequ::plan
