// Training (培训, issue 15): courses run by a township, county, city or the province, workers
// enrolled on them, and the attendance that makes their training record, entered one by one or
// imported from the class list a course keeps (.xlsx or CSV, all or nothing).
//
// Scope: courses are seen by those who read the roster under the organiser, and by the units
// below the organiser (a county's course is its communities' too); creating one needs
// workforce:training:manage over the organiser. Enrolling and recording a worker need it over
// the worker (their roster or a post in force); a worker outside it is not_found. Every write is
// audited.
//
// Thread-safe: immutable after construction; every reference must outlive the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/table_reader.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "workforce/model.hpp"
#include "workforce/workforce_service.hpp"

namespace shequ::workforce {

struct CourseDetail {
  Course course;
  std::vector<Attendance> participants;  // those the caller reads, by worker id
};

class TrainingService {
 public:
  TrainingService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                  const Clock& clock, const privacy::Keyring& keyring, const RosterService& roster);

  // invalid with every field's reason at once: a title, a level the organiser runs (a county
  // course by a county or above), hours from 1 to 500, an end not before the start.
  Result<Course> create_course(const Actor& actor, const Course& input) const;
  // Courses the caller sees, under `unit` when given, running in `year` when given; newest first.
  Result<org::Page<Course>> courses(const Actor& actor, const std::optional<std::string>& unit,
                                    std::optional<int> year, const org::PageRequest& page) const;
  Result<CourseDetail> course(const Actor& actor, int64_t id) const;
  // conflict when the course has ended or the worker is enrolled already.
  Result<Attendance> enrol(const Actor& actor, int64_t course_id, int64_t worker_id) const;
  // The worker completed the course on `completed_on` (within the course's dates, not after
  // today), earning `hours` (default: the course's; at most the course's). Enrols them too.
  // conflict when recorded already.
  Result<Attendance> record(const Actor& actor, int64_t course_id, int64_t worker_id,
                            const std::string& completed_on, std::optional<int64_t> hours) const;
  // The course's class list filled in (import_columns()): every row recorded, or none, with
  // every bad row's line and reason. The rows recorded.
  Result<int64_t> import(const Actor& actor, int64_t course_id, TableReader& table) const;

  static Result<std::string> template_workbook(Locale locale);

 private:
  // The worker when the caller trains them (workforce:training:manage over them), else not_found.
  Result<repository::WorkerRow> trainee(storage::Session& s, const Actor& actor,
                                        int64_t worker_id) const;
  // The course when the caller sees it, else not_found.
  Result<Course> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  // Problems with recording `completed_on` and `hours` on the course, on the fields
  // "completedOn" and "hours".
  std::vector<FieldError> completion_problems(const Course& course, const std::string& completed_on,
                                              std::optional<int64_t> hours) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const RosterService& roster_;
};

}  // namespace shequ::workforce
