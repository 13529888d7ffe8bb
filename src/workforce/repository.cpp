#include "workforce/repository.hpp"

#include <fmt/format.h>

#include "storage/scope.hpp"

namespace shequ::workforce::repository {

using storage::bind_all;
using storage::Row;
using storage::Value;

namespace {

constexpr const char* kWorkerSelect =
    "SELECT w.id, w.unit_code, w.name_sealed, w.phone_sealed, w.id_number_sealed, "
    "w.qualification, w.certificate_number, w.social_service, w.created_at, w.version, "
    "(SELECT COALESCE(SUM(a.hours), 0) FROM workforce_attendance a WHERE a.worker_id = w.id AND "
    "a.completed_on IS NOT NULL) FROM workforce_worker w";

WorkerRow worker_of(const Row& row) {
  WorkerRow out;
  Worker& w = out.worker;
  w.id = row.integer(0);
  w.unit_code = row.text(1);
  out.name_sealed = row.text(2);
  out.phone_sealed = row.text(3);
  out.id_number_sealed = row.text(4);
  w.qualification = parse_qualification(row.text(5)).value_or(Qualification::none);
  w.certificate_number = row.text(6);
  w.social_service = row.integer(7) != 0;
  w.created_at = row.text(8);
  w.version = row.integer(9);
  w.hours = row.integer(10);
  return out;
}

#define SHEQU_COURSE_COLUMNS                                                                   \
  "SELECT c.id, c.organiser_code, c.title, c.level, c.form, c.hours, c.topics, c.starts_on, "  \
  "c.ends_on, c.created_at, (SELECT COUNT(*) FROM workforce_attendance a WHERE a.course_id = " \
  "c.id), (SELECT COUNT(*) FROM workforce_attendance a WHERE a.course_id = c.id AND "          \
  "a.completed_on IS NOT NULL)"
constexpr const char* kCourseSelect = SHEQU_COURSE_COLUMNS " FROM workforce_course c";
// A worker's completions: the course's columns, then the day and the hours.
constexpr const char* kTrainingSelect = SHEQU_COURSE_COLUMNS
    ", t.completed_on, t.hours FROM workforce_course c JOIN "
    "workforce_attendance t ON t.course_id = c.id";
#undef SHEQU_COURSE_COLUMNS

Course course_of(const Row& row) {
  return Course{.id = row.integer(0),
                .organiser_code = row.text(1),
                .title = row.text(2),
                .level = parse_course_level(row.text(3)).value_or(CourseLevel::township),
                .form = parse_course_form(row.text(4)).value_or(CourseForm::on_site),
                .hours = row.integer(5),
                .topics = row.text(6),
                .starts_on = row.text(7),
                .ends_on = row.text(8),
                .enrolled = row.integer(10),
                .completed = row.integer(11),
                .created_at = row.text(9)};
}

Post post_of(const Row& row) {
  return Post{.id = row.integer(0),
              .worker_id = row.integer(1),
              .unit_code = row.text(2),
              .position = parse_position(row.text(3)).value_or(Position::full_time_worker),
              .started_on = row.text(4),
              .ended_on = row.optional_text(5)};
}

// The condition "this post is in force on $n" for the day bound in `params`.
std::string in_force(std::vector<Value>& params, const std::string& day, const char* alias) {
  const std::string d = bind_all(params, {day});
  return fmt::format("{0}.started_on <= {1} AND ({0}.ended_on IS NULL OR {0}.ended_on >= {1})",
                     alias, d);
}

}  // namespace

Result<int64_t> insert_worker(storage::Session& s, const WorkerRow& row,
                              std::optional<int64_t> created_by, const std::string& at) {
  const Worker& w = row.worker;
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one(
          "INSERT INTO workforce_worker (unit_code, name_sealed, phone_sealed, "
          "id_number_sealed, id_number_index, qualification, certificate_number, "
          "social_service, created_by, created_at, updated_at, version) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $10, 1) RETURNING id",
          std::vector<Value>{w.unit_code, row.name_sealed, row.phone_sealed, row.id_number_sealed,
                             row.id_number_index, std::string(qualification_key(w.qualification)),
                             w.certificate_number, int64_t{w.social_service ? 1 : 0},
                             storage::optional_value(created_by), at}));
  if (!made) return Error::internal("INSERT INTO workforce_worker returned no id");
  return made->integer(0);
}

Result<std::optional<WorkerRow>> find_worker(storage::Session& s, int64_t id, bool lock) {
  if (lock && s.dialect() == storage::Dialect::postgres) {
    SHEQU_TRY(s.query_one("SELECT id FROM workforce_worker WHERE id = $1 FOR UPDATE",
                          std::vector<Value>{id}));
  }
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string(kWorkerSelect) + " WHERE w.id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<WorkerRow>();
  return std::optional<WorkerRow>(worker_of(*row));
}

Result<std::optional<WorkerRow>> worker_by_id_number(storage::Session& s,
                                                     const std::string& id_number_index) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one(std::string(kWorkerSelect) + " WHERE w.id_number_index = $1",
                                     std::vector<Value>{id_number_index}));
  if (!row) return std::optional<WorkerRow>();
  return std::optional<WorkerRow>(worker_of(*row));
}

Result<bool> update_worker(storage::Session& s, int64_t id, int64_t expected_version,
                           const WorkerRow& row, const std::string& at) {
  const Worker& w = row.worker;
  SHEQU_ASSIGN_OR_RETURN(
      auto changed,
      s.query_one(
          "UPDATE workforce_worker SET phone_sealed = $1, qualification = $2, "
          "certificate_number = $3, social_service = $4, updated_at = $5, version = "
          "version + 1 WHERE id = $6 AND version = $7 RETURNING id",
          std::vector<Value>{row.phone_sealed, std::string(qualification_key(w.qualification)),
                             w.certificate_number, int64_t{w.social_service ? 1 : 0}, at, id,
                             expected_version}));
  return changed.has_value();
}

Result<std::vector<WorkerRow>> workers(storage::Session& s, const std::vector<std::string>& roots,
                                       const std::string& day, std::optional<Position> position,
                                       int64_t offset, int64_t limit, int64_t& total) {
  std::vector<Value> params;
  const std::string here = storage::in_subtrees(s.dialect(), {"w.unit_code"}, roots, params);
  const std::string posted = storage::in_subtrees(s.dialect(), {"p.unit_code"}, roots, params);
  std::string where = fmt::format(
      " WHERE ({} OR EXISTS (SELECT 1 FROM workforce_post p WHERE p.worker_id = w.id AND {} AND "
      "{}))",
      here, posted, in_force(params, day, "p"));
  if (position) {
    const std::string key = bind_all(params, {std::string(position_key(*position))});
    where += fmt::format(
        " AND EXISTS (SELECT 1 FROM workforce_post q WHERE q.worker_id = w.id AND q.position = "
        "{} AND {})",
        key, in_force(params, day, "q"));
  }
  SHEQU_ASSIGN_OR_RETURN(auto counted,
                         s.query_one("SELECT COUNT(*) FROM workforce_worker w" + where, params));
  total = counted ? counted->integer(0) : 0;
  const std::string page = bind_all(params, {limit}) + " OFFSET " + bind_all(params, {offset});
  SHEQU_ASSIGN_OR_RETURN(
      auto rows,
      s.query(std::string(kWorkerSelect) + where + " ORDER BY w.id LIMIT " + page, params));
  std::vector<WorkerRow> out;
  for (const Row& row : rows) out.push_back(worker_of(row));
  return out;
}

Result<std::vector<Post>> posts_of(storage::Session& s, const std::vector<int64_t>& workers) {
  std::vector<Post> out;
  if (workers.empty()) return out;
  std::vector<Value> params;
  std::string ids;
  for (int64_t id : workers) ids += (ids.empty() ? "" : ", ") + bind_all(params, {id});
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query("SELECT id, worker_id, unit_code, position, started_on, ended_on FROM "
                         "workforce_post WHERE worker_id IN (" +
                             ids + ") ORDER BY worker_id, started_on, id",
                         params));
  for (const Row& row : rows) out.push_back(post_of(row));
  return out;
}

Result<int64_t> insert_post(storage::Session& s, const Post& p, const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one(
          "INSERT INTO workforce_post (worker_id, unit_code, position, started_on, "
          "ended_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          std::vector<Value>{p.worker_id, p.unit_code, std::string(position_key(p.position)),
                             p.started_on, storage::optional_value(p.ended_on), at}));
  if (!made) return Error::internal("INSERT INTO workforce_post returned no id");
  return made->integer(0);
}

Status end_post(storage::Session& s, int64_t post_id, const std::string& on) {
  SHEQU_TRY(s.execute("UPDATE workforce_post SET ended_on = $1 WHERE id = $2 AND ended_on IS NULL",
                      std::vector<Value>{on, post_id}));
  return {};
}

Result<int64_t> insert_course(storage::Session& s, const Course& c,
                              std::optional<int64_t> created_by) {
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one(
          "INSERT INTO workforce_course (organiser_code, title, level, form, hours, "
          "topics, starts_on, ends_on, created_by, created_at) VALUES ($1, $2, $3, $4, "
          "$5, $6, $7, $8, $9, $10) RETURNING id",
          std::vector<Value>{c.organiser_code, c.title, std::string(level_key(c.level)),
                             std::string(form_key(c.form)), c.hours, c.topics, c.starts_on,
                             c.ends_on, storage::optional_value(created_by), c.created_at}));
  if (!made) return Error::internal("INSERT INTO workforce_course returned no id");
  return made->integer(0);
}

Result<std::optional<Course>> find_course(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string(kCourseSelect) + " WHERE c.id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<Course>();
  return std::optional<Course>(course_of(*row));
}

Result<std::vector<Course>> courses(storage::Session& s, const std::vector<std::string>& organisers,
                                    const std::vector<std::string>& roots, std::optional<int> year,
                                    int64_t offset, int64_t limit, int64_t& total) {
  std::vector<Value> params;
  std::string where =
      " WHERE (" + storage::in_subtrees(s.dialect(), {"c.organiser_code"}, roots, params);
  for (const std::string& code : organisers) {
    where += " OR c.organiser_code = " + bind_all(params, {code});
  }
  where += ")";
  if (year) {
    where += fmt::format(" AND c.starts_on <= {} AND c.ends_on >= {}",
                         bind_all(params, {fmt::format("{:04d}-12-31", *year)}),
                         bind_all(params, {fmt::format("{:04d}-01-01", *year)}));
  }
  SHEQU_ASSIGN_OR_RETURN(auto counted,
                         s.query_one("SELECT COUNT(*) FROM workforce_course c" + where, params));
  total = counted ? counted->integer(0) : 0;
  const std::string page = bind_all(params, {limit}) + " OFFSET " + bind_all(params, {offset});
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(std::string(kCourseSelect) + where +
                                     " ORDER BY c.starts_on DESC, c.id DESC LIMIT " + page,
                                 params));
  std::vector<Course> out;
  for (const Row& row : rows) out.push_back(course_of(row));
  return out;
}

namespace {

constexpr const char* kAttendanceSelect =
    "SELECT a.course_id, a.worker_id, w.unit_code, a.enrolled_at, a.completed_on, a.hours, "
    "w.name_sealed FROM workforce_attendance a JOIN workforce_worker w ON w.id = a.worker_id";

Participant participant_of(const Row& row) {
  Participant p;
  p.attendance = Attendance{.course_id = row.integer(0),
                            .worker_id = row.integer(1),
                            .worker_unit = row.text(2),
                            .enrolled_at = row.text(3),
                            .completed_on = row.optional_text(4),
                            .hours = row.optional_integer(5)};
  p.name_sealed = row.text(6);
  return p;
}

}  // namespace

Result<std::vector<Participant>> participants(storage::Session& s, int64_t course_id) {
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(std::string(kAttendanceSelect) +
                                                " WHERE a.course_id = $1 ORDER BY a.worker_id",
                                            std::vector<Value>{course_id}));
  std::vector<Participant> out;
  for (const Row& row : rows) out.push_back(participant_of(row));
  return out;
}

Result<std::optional<Attendance>> find_attendance(storage::Session& s, int64_t course_id,
                                                  int64_t worker_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string(kAttendanceSelect) +
                                                   " WHERE a.course_id = $1 AND a.worker_id = $2",
                                               std::vector<Value>{course_id, worker_id}));
  if (!row) return std::optional<Attendance>();
  return std::optional<Attendance>(participant_of(*row).attendance);
}

Status enrol(storage::Session& s, int64_t course_id, int64_t worker_id, const std::string& at) {
  SHEQU_TRY(s.execute(
      "INSERT INTO workforce_attendance (course_id, worker_id, enrolled_at) VALUES ($1, $2, $3)",
      std::vector<Value>{course_id, worker_id, at}));
  return {};
}

Status complete(storage::Session& s, int64_t course_id, int64_t worker_id,
                const std::string& completed_on, int64_t hours,
                std::optional<int64_t> recorded_by) {
  SHEQU_TRY(s.execute(
      "UPDATE workforce_attendance SET completed_on = $1, hours = $2, recorded_by = $3 WHERE "
      "course_id = $4 AND worker_id = $5 AND completed_on IS NULL",
      std::vector<Value>{completed_on, hours, storage::optional_value(recorded_by), course_id,
                         worker_id}));
  return {};
}

Result<std::vector<TrainingRecord>> training_of(storage::Session& s, int64_t worker_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query(std::string(kTrainingSelect) +
                             " WHERE t.worker_id = $1 AND t.completed_on IS NOT NULL ORDER BY "
                             "t.completed_on DESC, c.id DESC",
                         std::vector<Value>{worker_id}));
  std::vector<TrainingRecord> out;
  for (const Row& row : rows) out.push_back({course_of(row), row.text(12), row.integer(13)});
  return out;
}

Result<RosterInput> roster_input(storage::Session& s, const std::vector<std::string>& roots,
                                 const std::string& year_start, const std::string& day) {
  RosterInput input{.year_start = year_start, .day = day};
  std::vector<Value> params;
  std::string where = " WHERE p.started_on <= " + bind_all(params, {day});
  if (!roots.empty()) {
    where += " AND " + storage::in_subtrees(s.dialect(), {"p.unit_code"}, roots, params);
  }
  SHEQU_ASSIGN_OR_RETURN(auto posts,
                         s.query("SELECT p.id, p.worker_id, p.unit_code, p.position, p.started_on, "
                                 "p.ended_on FROM workforce_post p" +
                                     where,
                                 params));
  for (const Row& row : posts) input.posts.push_back(post_of(row));
  const std::string workers = "SELECT p.worker_id FROM workforce_post p" + where;
  SHEQU_ASSIGN_OR_RETURN(
      auto flags,
      s.query("SELECT id, social_service FROM workforce_worker WHERE id IN (" + workers + ")",
              params));
  for (const Row& row : flags) input.social_service[row.integer(0)] = row.integer(1) != 0;
  std::vector<Value> training_params = params;
  const std::string until = bind_all(training_params, {day});
  SHEQU_ASSIGN_OR_RETURN(
      auto done,
      s.query("SELECT a.worker_id, a.completed_on, c.level, a.hours FROM workforce_attendance a "
              "JOIN workforce_course c ON c.id = a.course_id WHERE a.completed_on IS NOT NULL AND "
              "a.completed_on <= " +
                  until + " AND a.worker_id IN (" + workers + ")",
              training_params));
  for (const Row& row : done) {
    input.training.push_back({row.integer(0), row.text(1),
                              parse_course_level(row.text(2)).value_or(CourseLevel::township),
                              row.integer(3)});
  }
  return input;
}

}  // namespace shequ::workforce::repository
