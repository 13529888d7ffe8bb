#include "plan/routes.hpp"

#include <fmt/format.h>

#include "http/contract.hpp"
#include "plan/declaration.hpp"
#include "plan/evidence.hpp"
#include "requests/photo.hpp"

namespace shequ::plan {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> state_filters() {
  std::vector<std::string> out = choice_keys(task_states());
  out.emplace_back(kAtRisk);
  return out;
}

std::optional<int> year_of(const Json& query) {
  return query.contains("year") ? std::optional<int>(query["year"].get<int>()) : std::nullopt;
}

http::Schema year_schema() {
  return http::schema::integer(kFirstYear, kLastYear);
}

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  return {{"section", enum_of(choice_keys(sections()))},
          {"title", text(kMaxTitle)},
          {"targetText", text(kMaxTargetText).describe("the measurable target, in words")},
          {"targetValue", number(0, 1e12).nullable().optional()},
          {"targetUnit", text(kMaxTargetUnit).min_length(0).default_to("")},
          {"indicator", text(10).nullable().optional().describe("a plan indicator's id, \"12\"")},
          {"deadline", date().describe("China date, in the task's year")},
          {"responsibleName", text(kMaxResponsible)}};
}

TaskInput input_of(const Json& body) {
  TaskInput in;
  in.unit = body.value("unit", std::string());
  in.year = body.value("year", 0);
  in.section = body["section"].get<std::string>();
  in.title = body["title"].get<std::string>();
  in.target_text = body["targetText"].get<std::string>();
  if (body.contains("targetValue") && !body["targetValue"].is_null()) {
    in.target_value = body["targetValue"].get<double>();
  }
  in.target_unit = body["targetUnit"].get<std::string>();
  if (body.contains("indicator") && !body["indicator"].is_null()) {
    in.indicator = body["indicator"].get<std::string>();
  }
  in.deadline = body["deadline"].get<std::string>();
  in.responsible_name = body["responsibleName"].get<std::string>();
  if (body.contains("parentId") && !body["parentId"].is_null()) {
    in.parent_id = body["parentId"].get<int64_t>();
  }
  return in;
}

const http::Schema& task_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "PlanTask", object({{"id", integer(1, kMaxInt)},
                          {"version", integer(1, kMaxInt)},
                          {"parentId", integer(1, kMaxInt).nullable()},
                          {"unit", string()},
                          {"unitName", string()},
                          {"issuerUnit", string()},
                          {"issuerUnitName", string()},
                          {"year", integer(kFirstYear, kLastYear)},
                          {"section", string()},
                          {"sectionLabel", string()},
                          {"title", string()},
                          {"targetText", string()},
                          {"targetValue", number().nullable()},
                          {"targetUnit", string()},
                          {"indicator", string().nullable()},
                          {"deadline", string()},
                          {"responsibleName", string()},
                          {"status", enum_of({std::string(kNotStarted), std::string(kInProgress),
                                              std::string(kDone)})},
                          {"state", enum_of(choice_keys(task_states()))},
                          {"stateLabel", string()},
                          {"atRisk", boolean()},
                          {"progress", integer(0, 100)},
                          {"children", integer(0, kMaxInt)},
                          {"pendingReports", integer(0, kMaxInt)},
                          {"createdAt", string()},
                          {"updatedAt", string()}}));
  return schema;
}

Json task_json(const TaskView& v, Locale locale) {
  const Task& t = v.task;
  return {{"id", t.id},
          {"version", t.version},
          {"parentId", t.parent_id ? Json(*t.parent_id) : Json(nullptr)},
          {"unit", t.unit_code},
          {"unitName", v.unit_name},
          {"issuerUnit", t.issuer_unit},
          {"issuerUnitName", v.issuer_name},
          {"year", t.year},
          {"section", t.section},
          {"sectionLabel", choice_label(sections(), t.section, locale)},
          {"title", t.title},
          {"targetText", t.target_text},
          {"targetValue", t.target_value ? Json(*t.target_value) : Json(nullptr)},
          {"targetUnit", t.target_unit},
          {"indicator", t.indicator ? Json(*t.indicator) : Json(nullptr)},
          {"deadline", t.deadline},
          {"responsibleName", t.responsible_name},
          {"status", t.status},
          {"state", v.state},
          {"stateLabel", choice_label(task_states(), v.state, locale)},
          {"atRisk", v.at_risk},
          {"progress", t.progress},
          {"children", t.children},
          {"pendingReports", t.pending_reports},
          {"createdAt", t.created_at},
          {"updatedAt", t.updated_at}};
}

const http::Schema& evidence_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "PlanEvidence", object({{"id", integer(1, kMaxInt)},
                              {"kind", enum_of({"photo", "pdf"})},
                              {"mediaType", string()},
                              {"bytes", integer(0, kMaxInt)},
                              {"createdAt", string()}})
                          .describe("served at /api/v1/plan/reports/{report}/evidence/{id}"));
  return schema;
}

Json evidence_json(const Evidence& e) {
  return {{"id", e.id},
          {"kind", e.kind},
          {"mediaType", e.media_type},
          {"bytes", e.size_bytes},
          {"createdAt", e.uploaded_at}};
}

const http::Schema& report_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("PlanReport", object({{"id", integer(1, kMaxInt)},
                                      {"version", integer(1, kMaxInt)},
                                      {"taskId", integer(1, kMaxInt)},
                                      {"taskTitle", string()},
                                      {"unit", string()},
                                      {"unitName", string()},
                                      {"text", string()},
                                      {"progress", integer(0, 100)},
                                      {"state", enum_of(choice_keys(report_states()))},
                                      {"stateLabel", string()},
                                      {"reportedByName", string()},
                                      {"reportedAt", string()},
                                      {"decidedByName", string()},
                                      {"decidedAt", string().describe("\"\" while waiting")},
                                      {"note", string()},
                                      {"evidence", array(evidence_schema())}}));
  return schema;
}

Json report_json(const ReportView& v, Locale locale) {
  const Report& r = v.report;
  Json evidence = Json::array();
  for (const Evidence& e : r.evidence) evidence.push_back(evidence_json(e));
  return {{"id", r.id},
          {"version", r.version},
          {"taskId", r.task_id},
          {"taskTitle", v.task_title},
          {"unit", v.unit},
          {"unitName", v.unit_name},
          {"text", r.text},
          {"progress", r.progress},
          {"state", r.state},
          {"stateLabel", choice_label(report_states(), r.state, locale)},
          {"reportedByName", r.reported_by_name},
          {"reportedAt", r.reported_at},
          {"decidedByName", r.decided_by_name},
          {"decidedAt", r.decided_at},
          {"note", r.note},
          {"evidence", std::move(evidence)}};
}

std::vector<http::Property> count_properties() {
  using namespace http::schema;
  return {{"tasks", integer(0, kMaxInt)},      {"done", integer(0, kMaxInt)},
          {"late", integer(0, kMaxInt)},       {"inProgress", integer(0, kMaxInt)},
          {"notStarted", integer(0, kMaxInt)}, {"atRisk", integer(0, kMaxInt)}};
}

Json counts_json(const StateCounts& c) {
  return {{"tasks", c.tasks},
          {"done", c.done},
          {"late", c.late},
          {"inProgress", c.in_progress},
          {"notStarted", c.not_started},
          {"atRisk", c.at_risk}};
}

std::string progress_text(const LedgerLine& line, Locale locale) {
  if (!line.last_approved) {
    return locale == Locale::en ? "no progress approved yet" : "尚无审核通过的进展";
  }
  return fmt::format("{}%：{}", line.last_approved->progress, line.last_approved->text);
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

void add_task_routes(http::Router& router, const PlanService& service) {
  using namespace http::schema;
  router.add({.method = "GET",
              .pattern = "/api/v1/plan/sections",
              .permission = std::string(kTaskRead),
              .summary = "The plan's sections a task belongs to",
              .tag = "plan",
              .handler = [](const Request& request) -> Result<Response> {
                Json items = Json::array();
                for (const Choice& c : sections()) {
                  items.push_back({{"key", c.key}, {"label", c.label.in(request.locale)}});
                }
                return Response::json(200, {{"items", items}});
              },
              .contract = {.replies = {{.json = object(
                                            {{"items", array(object({{"key", string()},
                                                                     {"label", string()}}))}})}}}});
  std::vector<http::Property> list_query = paging();
  list_query.push_back(
      {"unit", unit_code().optional().describe("tasks owned in its subtree; none: the scope")});
  list_query.push_back({"year", year_schema().optional()});
  list_query.push_back({"state", enum_of(state_filters()).optional()});
  list_query.push_back({"section", enum_of(choice_keys(sections())).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/plan/tasks",
              .permission = std::string(kTaskRead),
              .summary = "Tasks owned in scope, deadline first",
              .tag = "plan",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                TaskQuery query{q.value("unit", std::string()), year_of(q),
                                q.value("state", std::string()), q.value("section", std::string())};
                SHEQU_ASSIGN_OR_RETURN(auto page, service.list(*request.actor, query,
                                                               {q["page"].get<int64_t>(),
                                                                q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const TaskView& v : page.items) items.push_back(task_json(v, request.locale));
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(task_schema())}}}});
  std::vector<http::Property> issue_body = input_properties();
  issue_body.push_back({"unit", unit_code().describe("the unit that carries it out")});
  issue_body.push_back({"year", year_schema()});
  issue_body.push_back(
      {"parentId", integer(1, kMaxInt)
                       .nullable()
                       .optional()
                       .describe("breaking down this task of the caller's own unit")});
  router.add({.method = "POST",
              .pattern = "/api/v1/plan/tasks",
              .permission = std::string(kTaskIssue),
              .summary = "Issues a task to a unit below, or breaks one's own unit's task down",
              .tag = "plan",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const TaskView v,
                                       service.issue(*request.actor, input_of(request.body_json)));
                return Response::json(201, task_json(v, request.locale));
              },
              .contract = {.body = object(issue_body),
                           .replies = {{.status = 201, .json = task_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/plan/tasks/{id}",
       .permission = std::string(kTaskRead),
       .summary = "A task with its parent, the tasks it was broken into, and its reports",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const TaskDetail d, service.find(*request.actor, id_of(request)));
         Json children = Json::array();
         for (const TaskView& c : d.children) {
           children.push_back(task_json(c, request.locale));
         }
         Json reports = Json::array();
         for (const ReportView& r : d.reports) {
           reports.push_back(report_json(r, request.locale));
         }
         Json value(nullptr);
         if (d.indicator_value) {
           const IndicatorFigure& f = *d.indicator_value;
           value = {{"period", f.period},
                    {"hasData", f.has_data},
                    {"value", f.value},
                    {"status", f.status},
                    {"progress", f.progress ? Json(*f.progress) : Json(nullptr)}};
         }
         return Response::json(
             200, {{"task", task_json(d.task, request.locale)},
                   {"parent", d.parent ? task_json(*d.parent, request.locale) : Json(nullptr)},
                   {"children", std::move(children)},
                   {"reports", std::move(reports)},
                   {"indicatorValue", std::move(value)}});
       },
       .contract = {
           .path = ids_path(),
           .replies = {
               {.json =
                    object({{"task", task_schema()},
                            {"parent",
                             task_schema().nullable().describe("null when none, or not in scope")},
                            {"children", array(task_schema())},
                            {"reports", array(report_schema()).describe("newest first")},
                            {"indicatorValue",
                             object({{"period", string()},
                                     {"hasData", boolean()},
                                     {"value", number()},
                                     {"status", enum_of({"met", "on_track", "at_risk", "no_data"})},
                                     {"progress", number().nullable()}})
                                 .nullable()
                                 .describe("the linked indicator at the task's unit and "
                                           "year; null when none is linked or the caller "
                                           "may not read it")}})}}}});
  std::vector<http::Property> update_body = input_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add(
      {.method = "PUT",
       .pattern = "/api/v1/plan/tasks/{id}",
       .permission = std::string(kTaskIssue),
       .summary = "The issuer changes a task at `version` (not its unit, year or parent)",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const TaskView v,
                                service.update(*request.actor, id_of(request),
                                               request.body_json["version"].get<int64_t>(),
                                               input_of(request.body_json)));
         return Response::json(200, task_json(v, request.locale));
       },
       .contract = {
           .path = ids_path(), .body = object(update_body), .replies = {{.json = task_schema()}}}});
}

void add_report_routes(http::Router& router, const PlanService& service) {
  using namespace http::schema;
  router.add({.method = "POST",
              .pattern = "/api/v1/plan/tasks/{id}/reports",
              .permission = std::string(kReportSubmit),
              .summary = "The task's own unit reports its progress",
              .tag = "plan",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& b = request.body_json;
                SHEQU_ASSIGN_OR_RETURN(
                    const ReportView v,
                    service.report(*request.actor, id_of(request), b["text"].get<std::string>(),
                                   b["progress"].get<int>()));
                return Response::json(201, report_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"text", text(kMaxReportText)},
                                           {"progress", integer(0, 100).describe("percent")}}),
                           .replies = {{.status = 201, .json = report_schema()}}}});
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"state", enum_of(choice_keys(report_states())).default_to("submitted")});
  router.add({.method = "GET",
              .pattern = "/api/v1/plan/reports",
              .permission = std::string(kReportDecide),
              .summary = "Reports on the tasks issued in scope; waiting ones not one's own",
              .tag = "plan",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.reports(*request.actor, q["state"].get<std::string>(),
                                    {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const ReportView& v : page.items) {
                  items.push_back(report_json(v, request.locale));
                }
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(report_schema())}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/plan/reports/{id}/evidence",
       .permission = std::string(kReportSubmit),
       .summary = "Adds a photo or a PDF to a report waiting for its decision",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const Evidence e,
                                service.add_evidence(*request.actor, id_of(request), request.body));
         return Response::json(201, evidence_json(e));
       },
       .contract = {.path = ids_path(),
                    .upload = http::Upload{.media_types = {std::string(requests::kJpegMediaType),
                                                           std::string(requests::kPngMediaType),
                                                           std::string(kPdfMediaType)},
                                           .max_bytes = kMaxEvidenceBytes,
                                           .description = "a JPEG or PNG photo (kept encoded "
                                                          "again without its metadata) or a PDF "
                                                          "without scripts or embedded files"},
                    .replies = {{.status = 201, .json = evidence_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/plan/reports/{id}/evidence/{evidence}",
       .permission = std::string(kTaskRead),
       .summary = "An evidence file of a report on a task in scope",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(EvidenceFile file,
                                service.evidence(*request.actor, id_of(request),
                                                 request.path_json["evidence"].get<int64_t>()));
         const bool pdf = file.kind == "pdf";
         Response response = Response::text(200, std::move(file.bytes), std::move(file.media_type));
         response.headers.emplace_back("cache-control", "private, max-age=86400");
         // A PDF is saved rather than opened in the console's origin.
         response.headers.emplace_back(
             "content-disposition", pdf ? fmt::format("attachment; filename=\"evidence-{}.pdf\"",
                                                      request.path_json["evidence"].get<int64_t>())
                                        : std::string("inline"));
         return response;
       },
       .contract = {.path = ids_path({"id", "evidence"}),
                    .replies = {{.media_type = "*/*",
                                 .description = "the photo (image/jpeg, image/png) or the PDF"}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/plan/reports/{id}/decision",
       .permission = std::string(kReportDecide),
       .summary = "Approves or returns a report at `version`; never by its reporter",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const ReportView v,
             service.decide(*request.actor, id_of(request), b["version"].get<int64_t>(),
                            b["decision"] == "approve", b["note"].get<std::string>()));
         return Response::json(200, report_json(v, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)},
                                    {"decision", enum_of({"approve", "return"})},
                                    {"note", text(kMaxNote).min_length(0).default_to("").describe(
                                                 "why, when returned")}}),
                    .replies = {{.json = report_schema()}}}});
}

void add_ledger_routes(http::Router& router, const PlanService& service) {
  using namespace http::schema;
  std::vector<http::Property> ledger_query = paging();
  ledger_query.push_back({"unit", unit_code().optional().describe("default: the caller's unit")});
  ledger_query.push_back({"year", year_schema().optional().describe("default: this year")});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/plan/ledger",
       .permission = std::string(kTaskRead),
       .summary = "A unit's ledger (工作台账) for a year: the tasks it owns, deadline first",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto page, service.ledger(*request.actor, q.value("unit", std::string()), year_of(q),
                                       {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
         Json items = Json::array();
         for (const LedgerLine& line : page.items) {
           const Task& t = line.task.task;
           items.push_back(
               {{"index", line.index},
                {"id", t.id},
                {"title", t.title},
                {"sectionLabel", choice_label(sections(), t.section, request.locale)},
                {"unit", t.unit_code},
                {"unitName", line.task.unit_name},
                {"responsibleName", t.responsible_name},
                {"deadline", t.deadline},
                {"targetText", t.target_text},
                {"progressText", progress_text(line, request.locale)},
                {"stateLabel", choice_label(task_states(), line.task.state, request.locale)},
                {"evidenceCount", line.evidence}});
         }
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = ledger_query,
                    .replies = {{.json = page_of(component(
                                     "PlanLedgerLine",
                                     object({{"index", integer(1, kMaxInt)},
                                             {"id", integer(1, kMaxInt)},
                                             {"title", string()},
                                             {"sectionLabel", string()},
                                             {"unit", string()},
                                             {"unitName", string()},
                                             {"responsibleName", string()},
                                             {"deadline", string()},
                                             {"targetText", string()},
                                             {"progressText", string()},
                                             {"stateLabel", string()},
                                             {"evidenceCount", integer(0, kMaxInt)}})))}}},
       .exports = http::ListExport{
           .title = {"工作台账", "Ledger"},
           .columns = {{.field = "index", .label = {"序号", "No."}, .width = 6},
                       {.field = "title", .label = {"任务名称", "Task"}, .width = 36},
                       {.field = "sectionLabel", .label = {"所属章节", "Section"}, .width = 30},
                       {.field = "unitName", .label = {"责任单位", "Unit"}, .width = 20},
                       {.field = "responsibleName", .label = {"责任人", "Responsible"}},
                       {.field = "deadline", .label = {"完成时限", "Deadline"}, .width = 12},
                       {.field = "targetText", .label = {"目标", "Target"}, .width = 30},
                       {.field = "progressText", .label = {"进展情况", "Progress"}, .width = 40},
                       {.field = "stateLabel", .label = {"完成状态", "State"}, .width = 10},
                       {.field = "evidenceCount",
                        .label = {"佐证材料数", "Evidence files"},
                        .width = 10}}}});
  std::vector<http::Property> rollup_query{
      {"unit", unit_code().optional().describe("default: the caller's own unit")},
      {"year", year_schema().optional().describe("default: this year")}};
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/plan/rollup",
       .permission = std::string(kTaskRead),
       .summary = "Tasks owned in a unit's subtree for a year, by state and child unit",
       .tag = "plan",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             const Rollup r,
             service.rollup(*request.actor, q.value("unit", std::string()), year_of(q)));
         Json children = Json::array();
         for (const UnitStateCounts& c : r.children) {
           Json line = counts_json(c.counts);
           line["unit"] = c.unit;
           line["unitName"] = c.unit_name;
           children.push_back(std::move(line));
         }
         return Response::json(200, {{"unit", r.unit},
                                     {"unitName", r.unit_name},
                                     {"year", r.year},
                                     {"total", counts_json(r.total)},
                                     {"own", counts_json(r.own)},
                                     {"children", std::move(children)}});
       },
       .contract = {
           .query = rollup_query,
           .replies = {
               {.json = object(
                    {{"unit", string()},
                     {"unitName", string()},
                     {"year", integer(kFirstYear, kLastYear)},
                     {"total", component("PlanStateCounts", object(count_properties()))},
                     {"own", object(count_properties()).describe("tasks the unit owns itself")},
                     {"children", array(object([] {
                        auto p = count_properties();
                        p.push_back({"unit", string()});
                        p.push_back({"unitName", string()});
                        return p;
                      }()))}})}}}});
}

}  // namespace

void add_routes(http::Router& router, const PlanService& service) {
  add_task_routes(router, service);
  add_report_routes(router, service);
  add_ledger_routes(router, service);
}

}  // namespace shequ::plan
