#include "workforce/routes.hpp"

#include "org/unit_json.hpp"
#include "workforce/declaration.hpp"

namespace shequ::workforce {

namespace {

using http::Request;
using http::Response;

constexpr std::size_t kMaxUploadBytes = 4u << 20;

std::vector<std::string> keys(std::span<const std::string_view> keys) {
  return {keys.begin(), keys.end()};
}

int64_t path_id(const Request& request, const char* name = "id") {
  return request.path_json[name].get<int64_t>();
}

org::PageRequest page_of_query(const Json& q) {
  return {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()};
}

const http::Schema& post_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "WorkforcePost", object({{"id", integer(1, kMaxInt)},
                               {"unit", org::unit_ref_schema()},
                               {"position", enum_of(keys(kPositionKeys))},
                               {"main", boolean().describe("a main post: one at a time")},
                               {"startedOn", string()},
                               {"endedOn", string().nullable().describe("null: in post")}}));
  return schema;
}

Json post_json(const org::OrgService& org, const Post& p) {
  return {{"id", p.id},
          {"unit", org::unit_ref_json(org, p.unit_code)},
          {"position", position_key(p.position)},
          {"main", is_main_post(p.position)},
          {"startedOn", p.started_on},
          {"endedOn", p.ended_on ? Json(*p.ended_on) : Json(nullptr)}};
}

const http::Schema& worker_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Worker",
      object({{"id", integer(1, kMaxInt)},
              {"unit", org::unit_ref_schema().describe("the roster the worker is on")},
              {"name", string().describe("masked: 张*三")},
              {"phone", string().describe("masked: 138****5678")},
              {"idNumber", string().describe("masked: 620***********123X")},
              {"qualification", enum_of(keys(kQualificationKeys))},
              {"certificateNumber", string()},
              {"socialService", boolean().describe("works in social services (row 27)")},
              {"posts", array(post_schema()).describe("in force today, main post first")},
              {"hours", integer(0, kMaxInt).describe("training hours completed, all time")},
              {"createdAt", string()},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

Json worker_json(const org::OrgService& org, const Worker& w) {
  Json posts = Json::array();
  for (const Post& p : w.posts) posts.push_back(post_json(org, p));
  return {{"id", w.id},
          {"unit", org::unit_ref_json(org, w.unit_code)},
          {"name", w.name},
          {"phone", w.phone},
          {"idNumber", w.id_number},
          {"qualification", qualification_key(w.qualification)},
          {"certificateNumber", w.certificate_number},
          {"socialService", w.social_service},
          {"posts", std::move(posts)},
          {"hours", w.hours},
          {"createdAt", w.created_at},
          {"version", w.version}};
}

// The roster's Excel download (GET /workforce/workers.xlsx): what the list shows, masked, in words.
http::ListExport worker_export() {
  std::vector<std::pair<std::string, Text>> positions;
  for (std::size_t i = 0; i < kPositionKeys.size(); ++i) {
    positions.emplace_back(std::string(kPositionKeys[i]), position_label(static_cast<Position>(i)));
  }
  return {
      .title = {"社区工作者", "Community workers"},
      .columns = {
          {.field = "name", .label = {"姓名（已脱敏）", "Name (masked)"}, .width = 12},
          {.field = "phone", .label = {"手机号（已脱敏）", "Phone (masked)"}, .width = 14},
          {.field = "idNumber", .label = {"身份证号（已脱敏）", "ID number (masked)"}, .width = 22},
          {.field = "unit.code",
           .label = {"所在名册", "Roster"},
           .format = http::ExportFormat::unit,
           .width = 36},
          {.field = "posts",
           .label = {"现任岗位", "Posts in force"},
           .width = 30,
           .each = "position",
           .values = std::move(positions)},
          {.field = "qualification",
           .label = {"社会工作职业资格", "Social-work qualification"},
           .width = 16,
           .values = {{"none", {"无", "None"}},
                      {"assistant", {"助理社会工作师", "Assistant social worker"}},
                      {"social_worker", {"社会工作师", "Social worker"}},
                      {"senior", {"高级社会工作师", "Senior social worker"}}}},
          {.field = "certificateNumber",
           .label = {"职业资格证书编号", "Certificate number"},
           .width = 20},
          {.field = "socialService", .label = {"从事社会服务", "In social services"}, .width = 10},
          {.field = "hours", .label = {"累计培训学时", "Training hours"}, .width = 10}}};
}

const http::Schema& course_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("Course", object({{"id", integer(1, kMaxInt)},
                                  {"organiser", org::unit_ref_schema()},
                                  {"title", string()},
                                  {"level", enum_of(keys(kCourseLevelKeys))},
                                  {"form", enum_of(keys(kCourseFormKeys))},
                                  {"hours", integer(1, kMaxInt)},
                                  {"topics", string()},
                                  {"startsOn", string()},
                                  {"endsOn", string()},
                                  {"enrolled", integer(0, kMaxInt)},
                                  {"completed", integer(0, kMaxInt)},
                                  {"createdAt", string()}}));
  return schema;
}

Json course_json(const org::OrgService& org, const Course& c) {
  return {{"id", c.id},
          {"organiser", org::unit_ref_json(org, c.organiser_code)},
          {"title", c.title},
          {"level", level_key(c.level)},
          {"form", form_key(c.form)},
          {"hours", c.hours},
          {"topics", c.topics},
          {"startsOn", c.starts_on},
          {"endsOn", c.ends_on},
          {"enrolled", c.enrolled},
          {"completed", c.completed},
          {"createdAt", c.created_at}};
}

const http::Schema& attendance_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "CourseAttendance",
      object({{"courseId", integer(1, kMaxInt)},
              {"workerId", integer(1, kMaxInt)},
              {"workerName", string().describe("masked")},
              {"workerUnit", org::unit_ref_schema()},
              {"enrolledAt", string()},
              {"completedOn", string().nullable().describe("null: enrolled, not completed")},
              {"hours", integer(0, kMaxInt).nullable()}}));
  return schema;
}

Json attendance_json(const org::OrgService& org, const Attendance& a) {
  return {{"courseId", a.course_id},
          {"workerId", a.worker_id},
          {"workerName", a.worker_name},
          {"workerUnit", org::unit_ref_json(org, a.worker_unit)},
          {"enrolledAt", a.enrolled_at},
          {"completedOn", a.completed_on ? Json(*a.completed_on) : Json(nullptr)},
          {"hours", a.hours ? Json(*a.hours) : Json(nullptr)}};
}

const http::Schema& training_need_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "TrainingNeed",
      object({{"worker", worker_schema()},
              {"unit", org::unit_ref_schema().describe("of the main post")},
              {"positions", array(enum_of(keys(kPositionKeys))).describe("in force, main first")},
              {"needs", array(enum_of({"county_training", "biennial_training", "children_director",
                                       "hours_120"}))},
              {"lastTrainedOn", string().nullable()},
              {"hours", integer(0, kMaxInt).describe("class hours up to the day counted")}}));
  return schema;
}

void add_roster_routes(http::Router& router, const RosterService& roster,
                       const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/workers",
      .permission = std::string(kRosterRead),
      .summary = "Community workers of the caller's units or under a unit, masked, by id",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        const auto position = http::field<std::string>(q, "position");
        SHEQU_ASSIGN_OR_RETURN(
            auto page,
            roster.workers(*request.actor, http::field<std::string>(q, "unit"),
                           position ? parse_position(*position) : std::nullopt, page_of_query(q)));
        Json items = Json::array();
        for (const Worker& w : page.items) items.push_back(worker_json(org, w));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional()});
                         query.push_back({"position", enum_of(keys(kPositionKeys)).optional()});
                         return query;
                       }(),
                   .replies = {{.json = page_of(worker_schema())}}},
      .exports = worker_export(),
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/workers/search",
      .permission = std::string(kRosterRead),
      .summary = "Find a worker by ID number, exactly (in the body, so that it lands in no "
                 "access log), within the caller's units; audited",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            const std::vector<Worker> found,
            roster.find(*request.actor, request.body_json["idNumber"].get<std::string>()));
        Json items = Json::array();
        for (const Worker& w : found) items.push_back(worker_json(org, w));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.body = object({{"idNumber", text(18)}}),
                   .replies = {{.json = page_of(worker_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/workers",
      .permission = std::string(kRosterManage),
      .summary = "Register a community worker with their first post; every field's problem at "
                 "once",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Worker w,
            roster.register_worker(
                *request.actor,
                {.unit_code = b["unit"].get<std::string>(),
                 .name = b["name"].get<std::string>(),
                 .phone = b["phone"].get<std::string>(),
                 .id_number = b["idNumber"].get<std::string>(),
                 .qualification = *parse_qualification(b["qualification"].get<std::string>()),
                 .certificate_number = b["certificateNumber"].get<std::string>(),
                 .social_service = b["socialService"].get<bool>(),
                 .position = *parse_position(b["position"].get<std::string>()),
                 .started_on = b["startedOn"].get<std::string>()}));
        return Response::json(201, worker_json(org, w));
      },
      .contract = {.body = object(
                       {{"unit", unit_code()},
                        {"name", text(30)},
                        {"phone", text(20)},
                        {"idNumber", text(18)},
                        {"qualification", enum_of(keys(kQualificationKeys)).default_to("none")},
                        {"certificateNumber", text(30).default_to("")},
                        {"socialService", boolean().default_to(false)},
                        {"position", enum_of(keys(kPositionKeys))},
                        {"startedOn", date()}}),
                   .replies = {{.status = 201, .json = worker_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/workers/{id}",
      .permission = std::string(kRosterRead),
      .summary = "A worker with every post past and present and the training record",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto detail, roster.worker(*request.actor, path_id(request)));
        Json posts = Json::array();
        for (const Post& p : detail.posts) posts.push_back(post_json(org, p));
        Json training = Json::array();
        for (const TrainingRecord& t : detail.training) {
          training.push_back({{"course", course_json(org, t.course)},
                              {"completedOn", t.completed_on},
                              {"hours", t.hours}});
        }
        return Response::json(200, {{"worker", worker_json(org, detail.worker)},
                                    {"posts", std::move(posts)},
                                    {"training", std::move(training)}});
      },
      .contract = {.path = ids_path(),
                   .replies = {{.json = object(
                                    {{"worker", worker_schema()},
                                     {"posts", array(post_schema()).describe("newest first")},
                                     {"training", array(object({{"course", course_schema()},
                                                                {"completedOn", string()},
                                                                {"hours", integer()}}))
                                                      .describe("newest first")}})}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/workforce/workers/{id}",
      .permission = std::string(kRosterManage),
      .summary = "Change a worker's phone, qualification and social-service flag",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Worker w,
            roster.change(
                *request.actor, path_id(request),
                {.phone = http::field<std::string>(b, "phone"),
                 .qualification = *parse_qualification(b["qualification"].get<std::string>()),
                 .certificate_number = b["certificateNumber"].get<std::string>(),
                 .social_service = b["socialService"].get<bool>(),
                 .version = b["version"].get<int64_t>()}));
        return Response::json(200, worker_json(org, w));
      },
      .contract = {.path = ids_path(),
                   .body = object({{"phone", text(20).optional().describe(
                                                 "a new mobile; absent: the one held stays")},
                                   {"qualification", enum_of(keys(kQualificationKeys))},
                                   {"certificateNumber", text(30).default_to("")},
                                   {"socialService", boolean()},
                                   {"version", integer(1, kMaxInt)}}),
                   .replies = {{.json = worker_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/workers/{id}/posts",
      .permission = std::string(kRosterManage),
      .summary = "A worker takes up a post; a second main post at once is refused",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Post p,
            roster.start_post(*request.actor, path_id(request), b["unit"].get<std::string>(),
                              *parse_position(b["position"].get<std::string>()),
                              b["startedOn"].get<std::string>()));
        return Response::json(201, post_json(org, p));
      },
      .contract = {.path = ids_path(),
                   .body = object({{"unit", unit_code()},
                                   {"position", enum_of(keys(kPositionKeys))},
                                   {"startedOn", date()}}),
                   .replies = {{.status = 201, .json = post_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/workers/{id}/posts/{post}/end",
      .permission = std::string(kRosterManage),
      .summary = "A worker leaves a post; the post stays on record",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            Post p, roster.end_post(*request.actor, path_id(request), path_id(request, "post"),
                                    request.body_json["endedOn"].get<std::string>()));
        return Response::json(200, post_json(org, p));
      },
      .contract = {.path = ids_path({"id", "post"}),
                   .body = object({{"endedOn", date()}}),
                   .replies = {{.json = post_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/training-needs",
      .permission = std::string(kRosterRead),
      .summary = "Workers in post who still need training in a year, and why",
      .tag = "workforce",
      .handler = [&roster, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page, roster.training_needs(*request.actor, http::field<std::string>(q, "unit"),
                                             q["year"].get<int>(), page_of_query(q)));
        Json items = Json::array();
        for (const TrainingNeed& n : page.items) {
          Json positions = Json::array();
          for (Position p : n.standing.positions) positions.push_back(position_key(p));
          Json needs = Json::array();
          for (Need need : n.standing.needs) needs.push_back(need_key(need));
          items.push_back(
              {{"worker", worker_json(org, n.worker)},
               {"unit", org::unit_ref_json(org, n.standing.unit_code)},
               {"positions", std::move(positions)},
               {"needs", std::move(needs)},
               {"lastTrainedOn",
                n.standing.last_trained_on ? Json(*n.standing.last_trained_on) : Json(nullptr)},
               {"hours", n.standing.hours}});
        }
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional()});
                         query.push_back({"year", integer(2020, 2100)});
                         return query;
                       }(),
                   .replies = {{.json = page_of(training_need_schema())}}},
  });
}

void add_training_routes(http::Router& router, const TrainingService& training,
                         const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/courses",
      .permission = std::string(kRosterRead),
      .summary = "Courses run by the caller's units, under them or above them; newest first",
      .tag = "workforce",
      .handler = [&training, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(auto page,
                               training.courses(*request.actor, http::field<std::string>(q, "unit"),
                                                http::field<int>(q, "year"), page_of_query(q)));
        Json items = Json::array();
        for (const Course& c : page.items) items.push_back(course_json(org, c));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional()});
                         query.push_back({"year", integer(2020, 2100).optional()});
                         return query;
                       }(),
                   .replies = {{.json = page_of(course_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/courses",
      .permission = std::string(kTrainingManage),
      .summary = "Create a training course; every field's problem at once",
      .tag = "workforce",
      .handler = [&training, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Course c,
            training.create_course(*request.actor,
                                   {.organiser_code = b["organiser"].get<std::string>(),
                                    .title = b["title"].get<std::string>(),
                                    .level = *parse_course_level(b["level"].get<std::string>()),
                                    .form = *parse_course_form(b["form"].get<std::string>()),
                                    .hours = b["hours"].get<int64_t>(),
                                    .topics = b["topics"].get<std::string>(),
                                    .starts_on = b["startsOn"].get<std::string>(),
                                    .ends_on = b["endsOn"].get<std::string>()}));
        return Response::json(201, course_json(org, c));
      },
      .contract = {.body = object({{"organiser", unit_code()},
                                   {"title", text(60)},
                                   {"level", enum_of(keys(kCourseLevelKeys))},
                                   {"form", enum_of(keys(kCourseFormKeys))},
                                   {"hours", integer(-1000, 1000)},
                                   {"topics", text(200).default_to("")},
                                   {"startsOn", date()},
                                   {"endsOn", date()}}),
                   .replies = {{.status = 201, .json = course_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/courses/{id}",
      .permission = std::string(kRosterRead),
      .summary = "A course with the participants of the caller's units",
      .tag = "workforce",
      .handler = [&training, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto detail, training.course(*request.actor, path_id(request)));
        Json participants = Json::array();
        for (const Attendance& a : detail.participants) {
          participants.push_back(attendance_json(org, a));
        }
        return Response::json(200, {{"course", course_json(org, detail.course)},
                                    {"participants", std::move(participants)}});
      },
      .contract = {.path = ids_path(),
                   .replies = {{.json = object({{"course", course_schema()},
                                                {"participants", array(attendance_schema())}})}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/courses/{id}/participants",
      .permission = std::string(kTrainingManage),
      .summary = "Enrol a worker on a course that has not ended",
      .tag = "workforce",
      .handler = [&training, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(Attendance a,
                               training.enrol(*request.actor, path_id(request),
                                              request.body_json["worker"].get<int64_t>()));
        return Response::json(201, attendance_json(org, a));
      },
      .contract = {.path = ids_path(),
                   .body = object({{"worker", integer(1, kMaxInt)}}),
                   .replies = {{.status = 201, .json = attendance_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/courses/{id}/attendance",
      .permission = std::string(kTrainingManage),
      .summary = "Record that a worker completed a course, within its dates",
      .tag = "workforce",
      .handler = [&training, &org](const Request& request) -> Result<Response> {
        const Json& b = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Attendance a,
            training.record(*request.actor, path_id(request), b["worker"].get<int64_t>(),
                            b["completedOn"].get<std::string>(), http::field<int64_t>(b, "hours")));
        return Response::json(200, attendance_json(org, a));
      },
      .contract = {.path = ids_path(),
                   .body = object(
                       {{"worker", integer(1, kMaxInt)},
                        {"completedOn", date()},
                        {"hours",
                         integer(-1000, 1000).optional().describe("default: the course's")}}),
                   .replies = {{.json = attendance_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/workforce/attendance-template",
      .permission = std::string(kTrainingManage),
      .summary = "The class list template to import a course's attendance from",
      .tag = "workforce",
      .handler = [](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(std::string workbook,
                               TrainingService::template_workbook(request.locale));
        return Response::attachment(std::move(workbook), std::string(http::kXlsxMediaType),
                                    "attendance-template.xlsx", "参训记录导入模板.xlsx");
      },
      .contract = {.replies = {{.media_type = std::string(http::kXlsxMediaType),
                                .description = "the header row of the template (参训记录)"}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/workforce/courses/{id}/attendance/import",
      .permission = std::string(kTrainingManage),
      .summary = "Record every row of a filled-in class list (.xlsx or CSV), all or none",
      .tag = "workforce",
      .handler = [&training](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto table, TableReader::open(request.body));
        SHEQU_ASSIGN_OR_RETURN(const int64_t recorded,
                               training.import(*request.actor, path_id(request), *table));
        return Response::json(200, {{"recorded", recorded}});
      },
      .contract = {.path = ids_path(),
                   .upload =
                       http::Upload{
                           .media_types = {std::string(http::kXlsxMediaType), "text/csv",
                                           "application/vnd.ms-excel", "application/octet-stream"},
                           .max_bytes = kMaxUploadBytes,
                           .description = "the class list filled in (attendance template)"},
                   .replies = {{.json = object({{"recorded", integer(1, kMaxInt)}})}}},
  });
}

}  // namespace

void add_routes(http::Router& router, const RosterService& roster, const TrainingService& training,
                const org::OrgService& org) {
  add_roster_routes(router, roster, org);
  add_training_routes(router, training, org);
}

}  // namespace shequ::workforce
