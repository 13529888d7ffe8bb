// SQL of the roster and training (migration 0032). Personal fields go in and out sealed; the
// service seals and masks. Posts and attendance are only ever added to or closed, never deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "workforce/compliance.hpp"
#include "workforce/model.hpp"

namespace shequ::workforce::repository {

// A worker as stored: the model's personal fields empty, and their sealed forms.
struct WorkerRow {
  Worker worker;
  std::string name_sealed;
  std::string phone_sealed;
  std::string id_number_sealed;
  std::string id_number_index;  // written and searched, never shown
};

Result<int64_t> insert_worker(storage::Session& s, const WorkerRow& row,
                              std::optional<int64_t> created_by, const std::string& at);
// `lock`: held until the transaction ends (PostgreSQL; SQLite has one writer), so that two
// servers adding posts to one worker at once see each other's.
Result<std::optional<WorkerRow>> find_worker(storage::Session& s, int64_t id, bool lock = false);
Result<std::optional<WorkerRow>> worker_by_id_number(storage::Session& s,
                                                     const std::string& id_number_index);
// false when the version was not `expected_version`.
Result<bool> update_worker(storage::Session& s, int64_t id, int64_t expected_version,
                           const WorkerRow& row, const std::string& at);
// Workers on the rosters under `roots` (storage::in_subtrees), or who hold a post there today,
// with a post of `position` in force on `day` when given; by id.
Result<std::vector<WorkerRow>> workers(storage::Session& s, const std::vector<std::string>& roots,
                                       const std::string& day, std::optional<Position> position,
                                       int64_t offset, int64_t limit, int64_t& total);

// Posts of the workers, in force or not, by worker and start.
Result<std::vector<Post>> posts_of(storage::Session& s, const std::vector<int64_t>& workers);
Result<int64_t> insert_post(storage::Session& s, const Post& post, const std::string& at);
Status end_post(storage::Session& s, int64_t post_id, const std::string& on);

Result<int64_t> insert_course(storage::Session& s, const Course& course,
                              std::optional<int64_t> created_by);
Result<std::optional<Course>> find_course(storage::Session& s, int64_t id);
// Courses run by `organisers` or by a unit under `roots`, newest first, those running in `year`
// when given.
Result<std::vector<Course>> courses(storage::Session& s, const std::vector<std::string>& organisers,
                                    const std::vector<std::string>& roots, std::optional<int> year,
                                    int64_t offset, int64_t limit, int64_t& total);

// The course's participants with their sealed names and roster units, by worker.
struct Participant {
  Attendance attendance;  // worker_name empty
  std::string name_sealed;
};
Result<std::vector<Participant>> participants(storage::Session& s, int64_t course_id);
Result<std::optional<Attendance>> find_attendance(storage::Session& s, int64_t course_id,
                                                  int64_t worker_id);
Status enrol(storage::Session& s, int64_t course_id, int64_t worker_id, const std::string& at);
Status complete(storage::Session& s, int64_t course_id, int64_t worker_id,
                const std::string& completed_on, int64_t hours, std::optional<int64_t> recorded_by);
// A worker's completed courses, newest first.
Result<std::vector<TrainingRecord>> training_of(storage::Session& s, int64_t worker_id);

// What the rules read (compliance.hpp) for the posts at units under `roots`, or everywhere
// when `roots` is empty: posts begun by `day`, the completions of their workers by `day`.
Result<RosterInput> roster_input(storage::Session& s, const std::vector<std::string>& roots,
                                 const std::string& year_start, const std::string& day);

}  // namespace shequ::workforce::repository
