#include "workforce/training_service.hpp"

#include <fmt/format.h>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "common/table_import.hpp"
#include "privacy/validators.hpp"
#include "workforce/declaration.hpp"
#include "workforce/repository.hpp"

namespace shequ::workforce {

namespace {

constexpr int64_t kMaxHours = 500;
constexpr std::size_t kMaxImportRows = 5'000;

Error course_not_found() {
  return Error::not_found({"未找到该培训班", "no such course"});
}

// The lowest level of unit that runs a course of `level`.
org::Level organiser_level(CourseLevel level) {
  switch (level) {
    case CourseLevel::township:
      return org::Level::township;
    case CourseLevel::county:
      return org::Level::county;
    case CourseLevel::city:
      return org::Level::city;
    case CourseLevel::province:
      return org::Level::province;
  }
  return org::Level::province;
}

const std::vector<TemplateColumn>& import_columns() {
  static const std::vector<TemplateColumn> columns{
      {"idNumber", {"身份证号", "ID number"}, 22},
      {"name", {"姓名", "Name"}, 12},
      {"completedOn", {"结业日期", "Completed on"}, 14},
      {"hours", {"学时", "Hours"}, 8},
  };
  return columns;
}

}  // namespace

TrainingService::TrainingService(const org::OrgService& org, storage::Database& db,
                                 const audit::Log& audit, const Clock& clock,
                                 const privacy::Keyring& keyring, const RosterService& roster)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring), roster_(roster) {}

Result<std::string> TrainingService::template_workbook(Locale locale) {
  return shequ::template_workbook({"参训记录", "Attendance"}, import_columns(), locale);
}

Result<Course> TrainingService::create_course(const Actor& actor, const Course& input) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView organiser, org_.unit(actor, input.organiser_code));
  SHEQU_TRY(org_.in_scope(actor, kTrainingManage, input.organiser_code));
  std::vector<FieldError> problems;
  const std::size_t title = utf8_length(input.title);
  if (title < 2 || title > 60) {
    problems.push_back({"title", {"名称应为 2 至 60 个字", "a title has 2 to 60 characters"}});
  }
  if (utf8_length(input.topics) > 200) {
    problems.push_back({"topics", {"内容至多 200 个字", "at most 200 characters"}});
  }
  if (organiser.unit.level > organiser_level(input.level)) {
    problems.push_back({"level",
                        {"举办单位的层级低于培训班的层级（县级培训由县级及以上单位举办）",
                         "the organiser is below the course's level (a county course is run by "
                         "a county or above)"}});
  }
  if (input.hours < 1 || input.hours > kMaxHours) {
    problems.push_back({"hours",
                        {fmt::format("学时应为 1 至 {}", kMaxHours),
                         fmt::format("hours are 1 to {}", kMaxHours)}});
  }
  if (input.ends_on < input.starts_on) {
    problems.push_back(
        {"endsOn", {"结束日期不能早于开始日期", "a course cannot end before it starts"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return db_.write_value<Course>([&](storage::Session& s) -> Result<Course> {
    Course c = input;
    c.created_at = format_timestamp(clock_.now());
    const auto by = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
    SHEQU_ASSIGN_OR_RETURN(c.id, repository::insert_course(s, c, by));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kTrainingManage),
        {std::string(kAuditCourseCreate), "workforce_course", std::to_string(c.id), "success",
         fmt::format("{} {} h", level_key(c.level), c.hours), c.organiser_code}));
    return c;
  });
}

Result<Course> TrainingService::visible(storage::Session& s, const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto course, repository::find_course(s, id));
  if (!course) return course_not_found();
  if (org_.covers(actor, kRosterRead, course->organiser_code)) return *course;
  for (const std::string& root : actor.roots_for(kRosterRead)) {
    if (org_.tree().contains(course->organiser_code, root)) return *course;
  }
  return course_not_found();
}

Result<repository::WorkerRow> TrainingService::trainee(storage::Session& s, const Actor& actor,
                                                       int64_t worker_id) const {
  SHEQU_ASSIGN_OR_RETURN(auto worker, repository::find_worker(s, worker_id));
  SHEQU_ASSIGN_OR_RETURN(const auto posts, repository::posts_of(s, {worker_id}));
  if (!worker || !roster_.reads(actor, kTrainingManage, *worker, posts)) {
    return Error::not_found({"未找到该社区工作者", "no such community worker"});
  }
  return std::move(*worker);
}

Result<org::Page<Course>> TrainingService::courses(const Actor& actor,
                                                   const std::optional<std::string>& unit,
                                                   std::optional<int> year,
                                                   const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const std::vector<std::string> roots,
                         org_.list_roots(actor, kRosterRead, unit));
  // The units above the caller's run courses for them too.
  std::set<std::string> above;
  for (const std::string& root : roots) {
    for (const org::UnitView& a : org_.tree().ancestors(root)) above.insert(a.unit.code);
  }
  const std::vector<std::string> organisers(above.begin(), above.end());
  return db_.read_value<org::Page<Course>>([&](storage::Session& s) -> Result<org::Page<Course>> {
    org::Page<Course> out;
    SHEQU_ASSIGN_OR_RETURN(out.items, repository::courses(s, organisers, roots, year, page.offset(),
                                                          page.page_size, out.total));
    return out;
  });
}

Result<CourseDetail> TrainingService::course(const Actor& actor, int64_t id) const {
  return db_.read_value<CourseDetail>([&](storage::Session& s) -> Result<CourseDetail> {
    CourseDetail detail;
    SHEQU_ASSIGN_OR_RETURN(detail.course, visible(s, actor, id));
    SHEQU_ASSIGN_OR_RETURN(auto participants, repository::participants(s, id));
    for (repository::Participant& p : participants) {
      if (!org_.covers(actor, kRosterRead, p.attendance.worker_unit)) continue;
      SHEQU_ASSIGN_OR_RETURN(const std::string name, keyring_.open(p.name_sealed, kNameContext));
      p.attendance.worker_name = privacy::mask_name(name);
      detail.participants.push_back(std::move(p.attendance));
    }
    return detail;
  });
}

std::vector<FieldError> TrainingService::completion_problems(const Course& course,
                                                             const std::string& completed_on,
                                                             std::optional<int64_t> hours) const {
  std::vector<FieldError> problems;
  if (completed_on > course.ends_on) {
    problems.push_back({"completedOn",
                        {fmt::format("结业日期晚于培训班结束日期 {}", course.ends_on),
                         fmt::format("after the course ended on {}", course.ends_on)}});
  } else if (completed_on < course.starts_on) {
    problems.push_back({"completedOn",
                        {fmt::format("结业日期早于培训班开始日期 {}", course.starts_on),
                         fmt::format("before the course began on {}", course.starts_on)}});
  } else if (completed_on > china_date(clock_.now())) {
    problems.push_back({"completedOn", {"结业日期不能晚于今天", "not after today"}});
  }
  if (hours && (*hours < 1 || *hours > course.hours)) {
    problems.push_back({"hours",
                        {fmt::format("学时应为 1 至 {}（培训班学时）", course.hours),
                         fmt::format("hours are 1 to the course's {}", course.hours)}});
  }
  return problems;
}

Result<Attendance> TrainingService::enrol(const Actor& actor, int64_t course_id,
                                          int64_t worker_id) const {
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Attendance>([&](storage::Session& s) -> Result<Attendance> {
    SHEQU_ASSIGN_OR_RETURN(const Course course, visible(s, actor, course_id));
    SHEQU_ASSIGN_OR_RETURN(const auto worker, trainee(s, actor, worker_id));
    if (course.ends_on < china_date(clock_.now())) {
      return Error::conflict({fmt::format("培训班已于 {} 结束，不能再报名", course.ends_on),
                              fmt::format("the course ended on {}", course.ends_on)});
    }
    SHEQU_ASSIGN_OR_RETURN(auto present, repository::find_attendance(s, course_id, worker_id));
    if (present) return Error::conflict({"该工作者已报名", "the worker is enrolled already"});
    SHEQU_TRY(repository::enrol(s, course_id, worker_id, now));
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kTrainingManage),
                      {std::string(kAuditEnrol), "workforce_course", std::to_string(course_id),
                       "success", fmt::format("worker {}", worker_id), worker.worker.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(const Worker shown, roster_.shown(worker, {}));
    return Attendance{.course_id = course_id,
                      .worker_id = worker_id,
                      .worker_name = shown.name,
                      .worker_unit = shown.unit_code,
                      .enrolled_at = now};
  });
}

Result<Attendance> TrainingService::record(const Actor& actor, int64_t course_id, int64_t worker_id,
                                           const std::string& completed_on,
                                           std::optional<int64_t> hours) const {
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<Attendance>([&](storage::Session& s) -> Result<Attendance> {
    SHEQU_ASSIGN_OR_RETURN(const Course course, visible(s, actor, course_id));
    SHEQU_ASSIGN_OR_RETURN(const auto worker, trainee(s, actor, worker_id));
    std::vector<FieldError> problems;
    for (FieldError& e : completion_problems(course, completed_on, hours)) {
      problems.push_back(std::move(e));
    }
    if (!problems.empty()) return Error::invalid(std::move(problems));
    SHEQU_ASSIGN_OR_RETURN(auto present, repository::find_attendance(s, course_id, worker_id));
    if (present && present->completed_on) {
      return Error::conflict(
          {fmt::format("该工作者已于 {} 结业", *present->completed_on),
           fmt::format("the worker completed it on {}", *present->completed_on)});
    }
    if (!present) SHEQU_TRY(repository::enrol(s, course_id, worker_id, now));
    const int64_t earned = hours.value_or(course.hours);
    const auto by = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
    SHEQU_TRY(repository::complete(s, course_id, worker_id, completed_on, earned, by));
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kTrainingManage),
        {std::string(kAuditAttendance), "workforce_course", std::to_string(course_id), "success",
         fmt::format("worker {} on {}, {} h", worker_id, completed_on, earned),
         worker.worker.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(const Worker shown, roster_.shown(worker, {}));
    return Attendance{.course_id = course_id,
                      .worker_id = worker_id,
                      .worker_name = shown.name,
                      .worker_unit = shown.unit_code,
                      .enrolled_at = present ? present->enrolled_at : now,
                      .completed_on = completed_on,
                      .hours = earned};
  });
}

Result<int64_t> TrainingService::import(const Actor& actor, int64_t course_id,
                                        TableReader& table) const {
  struct Row {
    int64_t worker_id = 0;
    std::string completed_on;
    int64_t hours = 0;
  };
  const auto& columns = import_columns();
  const std::string now = format_timestamp(clock_.now());
  // The file is read whole first (at most kMaxImportRows rows): a file that is no class list is
  // refused as such, before the course or the rows are looked at.
  std::vector<TableRow> read_rows;
  bool header_seen = false;
  for (;;) {
    SHEQU_ASSIGN_OR_RETURN(auto read, table.next());
    if (!read) break;
    for (std::string& cell : read->cells) cell = std::string(trim(cell));
    if (!header_seen) {
      header_seen = true;
      SHEQU_TRY(check_header(read->cells, columns, read->line));
      continue;
    }
    if (read_rows.size() >= kMaxImportRows) {
      return Error::too_large({fmt::format("一次最多导入 {} 条", kMaxImportRows),
                               fmt::format("at most {} rows at a time", kMaxImportRows)});
    }
    read->cells.resize(std::max(read->cells.size(), columns.size()));
    read_rows.push_back(std::move(*read));
  }
  if (read_rows.empty()) {
    return Error::invalid("file", {"文件中没有参训记录", "the file has no rows"});
  }
  return db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(const Course course, visible(s, actor, course_id));
    ProblemList problems;
    std::vector<Row> rows;
    std::map<int64_t, int64_t> lines;  // worker → the line naming them first
    for (const TableRow& read : read_rows) {
      const std::vector<std::string>& cells = read.cells;
      const int64_t line = read.line;
      const std::size_t before = problems.count();
      Row row;
      SHEQU_ASSIGN_OR_RETURN(auto worker, repository::worker_by_id_number(
                                              s, keyring_.blind_index(cells[0], kIdNumberContext)));
      std::vector<Post> posts;
      if (worker) {
        SHEQU_ASSIGN_OR_RETURN(posts, repository::posts_of(s, {worker->worker.id}));
      }
      if (!worker || !roster_.reads(actor, kTrainingManage, *worker, posts)) {
        problems.add(columns[0], line,
                     {"您管辖的名册中没有该身份证号", "no worker of your rosters has this number"});
      } else {
        SHEQU_ASSIGN_OR_RETURN(const std::string name,
                               keyring_.open(worker->name_sealed, kNameContext));
        if (name != cells[1]) {
          problems.add(columns[1], line,
                       {"姓名与名册不一致", "the name is not the roster's for this number"});
        }
        row.worker_id = worker->worker.id;
        if (const auto [first, added] = lines.emplace(row.worker_id, line); !added) {
          problems.add(columns[0], line,
                       {fmt::format("与第 {} 行重复", first->second),
                        fmt::format("the same worker as line {}", first->second)});
        }
        SHEQU_ASSIGN_OR_RETURN(auto present,
                               repository::find_attendance(s, course_id, row.worker_id));
        if (present && present->completed_on) {
          problems.add(columns[0], line,
                       {fmt::format("已于 {} 结业", *present->completed_on),
                        fmt::format("completed on {} already", *present->completed_on)});
        }
      }
      const auto day = parse_day(cells[2]);
      std::optional<int64_t> hours;
      if (!day) {
        problems.add(columns[2], line,
                     {"应为“2026-06-01”这样的日期", "must be a date like 2026-06-01"});
      }
      if (!cells[3].empty()) {
        hours = parse_decimal(cells[3]);
        if (!hours) problems.add(columns[3], line, {"应为整数", "must be a whole number"});
      }
      if (day) {
        for (FieldError& e : completion_problems(course, *day, hours)) {
          problems.add(columns[e.field == "hours" ? 3 : 2], line, std::move(e.reason));
        }
      }
      if (problems.count() == before) {
        row.completed_on = *day;
        row.hours = hours.value_or(course.hours);
        rows.push_back(std::move(row));
      }
    }
    if (!problems.empty()) return Error::invalid(std::move(problems).finish());
    const auto by = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
    for (const Row& row : rows) {
      SHEQU_ASSIGN_OR_RETURN(auto present,
                             repository::find_attendance(s, course_id, row.worker_id));
      if (!present) SHEQU_TRY(repository::enrol(s, course_id, row.worker_id, now));
      SHEQU_TRY(repository::complete(s, course_id, row.worker_id, row.completed_on, row.hours, by));
    }
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kTrainingManage),
                      {std::string(kAuditImport), "workforce_course", std::to_string(course_id),
                       "success", fmt::format("{} rows", rows.size()), course.organiser_code}));
    return static_cast<int64_t>(rows.size());
  });
}

}  // namespace shequ::workforce
