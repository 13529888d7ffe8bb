#include "jobs/routes.hpp"

#include "http/contract.hpp"
#include "jobs/declaration.hpp"

namespace shequ::jobs {

namespace {

using http::Request;
using http::Response;

const http::Schema& job_schema() {
  using namespace http::schema;
  static const http::Schema job = component(
      "Job",
      object({{"id", integer(1, kMaxInt)},
              {"kind", string().describe("declared by a module, e.g. access.siting")},
              {"kindLabel", string()},
              {"unitCode", unit_code()},
              {"createdBy", string().describe("the account's user name; system for the schedule")},
              {"state", enum_of({"queued", "running", "done", "failed", "cancelled"})},
              {"progress", number(0, 1)},
              {"attempts", integer(0, kMaxInt)},
              {"maxAttempts", integer(1, kMaxInt)},
              {"server", string().describe("the server that runs or ran it")},
              {"cancelRequested", boolean()},
              {"createdAt", string()},
              {"startedAt", string()},
              {"finishedAt", string()},
              {"error", string().nullable().describe("why it failed or was cancelled")},
              {"result", any().nullable().optional().describe("the kind's result, when done")}}));
  return job;
}

std::vector<http::Property> job_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt)}};
}

}  // namespace

Json job_json(const Job& job, const kit::Registry& registry, Locale locale, bool with_result) {
  const kit::JobKind* kind = registry.find_job_kind(job.kind);
  Json out{{"id", job.id},
           {"kind", job.kind},
           {"kindLabel", kind != nullptr ? kind->label.in(locale) : job.kind},
           {"unitCode", job.unit_code},
           {"createdBy", job.created_by_name},
           {"state", state_name(job.state)},
           {"progress", job.progress},
           {"attempts", job.attempts},
           {"maxAttempts", job.max_attempts},
           {"server", job.server},
           {"cancelRequested", job.cancel_requested},
           {"createdAt", job.created_at},
           {"startedAt", job.started_at},
           {"finishedAt", job.finished_at},
           {"error", job.error ? Json(job.error->in(locale)) : Json()}};
  if (with_result) out["result"] = job.result ? *job.result : Json();
  return out;
}

namespace {

std::vector<http::Property> list_query() {
  using namespace http::schema;
  std::vector<http::Property> query = paging();
  query.push_back({"kind", text(64).optional().describe("e.g. access.siting")});
  query.push_back(
      {"state", enum_of({"queued", "running", "done", "failed", "cancelled"}).optional()});
  return query;
}

}  // namespace

void add_routes(http::Router& router, const JobService& service, const kit::Registry& registry) {
  router.add({.method = "GET",
              .pattern = "/api/v1/jobs",
              .permission = std::string(kJobRead),
              .summary = "Background jobs whose unit is in the caller's scope, newest first",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                const Json& query = request.query_json;
                JobFilter filter;
                if (query.contains("kind")) filter.kind = query["kind"].get<std::string>();
                if (query.contains("state"))
                  filter.state = parse_state(query["state"].get<std::string>());
                filter.limit = query["pageSize"].get<int64_t>();
                filter.offset = (query["page"].get<int64_t>() - 1) * filter.limit;
                SHEQU_ASSIGN_OR_RETURN(auto jobs, service.list(*request.actor, filter));
                Json items = Json::array();
                for (const Job& job : jobs.items)
                  items.push_back(job_json(job, registry, request.locale, false));
                return Response::json(200, {{"items", std::move(items)}, {"total", jobs.total}});
              },
              .contract = {.query = list_query(),
                           .replies = {{.json = http::schema::page_of(job_schema())}}},
              .exports = http::ListExport{
                  .title = {"后台任务", "Background jobs"},
                  .columns = {{.field = "id", .label = {"编号", "Id"}, .width = 8},
                              {.field = "kindLabel", .label = {"任务", "Job"}, .width = 20},
                              {.field = "unitCode",
                               .label = {"单位", "Unit"},
                               .format = http::ExportFormat::unit,
                               .width = 36},
                              {.field = "createdBy", .label = {"提交人", "Submitted by"}},
                              {.field = "state",
                               .label = {"状态", "State"},
                               .width = 10,
                               .values = {{"queued", {"排队中", "Queued"}},
                                          {"running", {"运行中", "Running"}},
                                          {"done", {"已完成", "Done"}},
                                          {"failed", {"失败", "Failed"}},
                                          {"cancelled", {"已取消", "Cancelled"}}}},
                              {.field = "attempts", .label = {"尝试次数", "Attempts"}, .width = 8},
                              {.field = "createdAt",
                               .label = {"提交时间", "Submitted"},
                               .format = http::ExportFormat::time,
                               .width = 20},
                              {.field = "finishedAt",
                               .label = {"结束时间", "Finished"},
                               .format = http::ExportFormat::time,
                               .width = 20},
                              {.field = "error", .label = {"原因", "Reason"}, .width = 30}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/jobs/{id}",
              .permission = std::string(kJobRead),
              .summary = "A background job: its state, progress and result",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                const int64_t id = request.path_json["id"].get<int64_t>();
                SHEQU_ASSIGN_OR_RETURN(const Job job, service.show(*request.actor, id));
                return Response::json(200, job_json(job, registry, request.locale, true));
              },
              .contract = {.path = job_path(), .replies = {{.json = job_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/jobs/{id}/cancel",
              .permission = std::string(kJobCancel),
              .summary = "Cancel a queued job, or ask the server running it to stop",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                const int64_t id = request.path_json["id"].get<int64_t>();
                SHEQU_ASSIGN_OR_RETURN(const Job job, service.cancel(*request.actor, id));
                return Response::json(200, job_json(job, registry, request.locale, false));
              },
              .contract = {.path = job_path(), .replies = {{.json = job_schema()}}}});
}

}  // namespace shequ::jobs
