#include "jobs/routes.hpp"

#include <charconv>

#include "http/query.hpp"
#include "jobs/declaration.hpp"

namespace shequ::jobs {

namespace {

using http::QueryReader;
using http::Request;
using http::Response;

// Job ids are positive 64-bit integers; anything else names no job.
Result<int64_t> job_id(const Request& request) {
  const std::string& text = request.param("id");
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::not_found({"后台任务", "job"});
  return id;
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

void add_routes(http::Router& router, const JobService& service, const kit::Registry& registry) {
  router.add({.method = "GET",
              .pattern = "/api/v1/jobs",
              .permission = std::string(kJobRead),
              .summary = "Background jobs whose unit is in the caller's scope, newest first",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                JobFilter filter;
                filter.kind = query.text("kind", 64);
                const auto state = query.text("state", 16);
                const int64_t page = query.integer("page", 1, 1, 1'000'000);
                filter.limit = query.integer("pageSize", 20, 1, 200);
                filter.offset = (page - 1) * filter.limit;
                SHEQU_TRY(query.finish());
                if (state) {
                  filter.state = parse_state(*state);
                  if (!filter.state) {
                    return Error::invalid("state",
                                          {"应为 queued、running、done、failed 或 cancelled",
                                           "must be queued, running, done, failed or cancelled"});
                  }
                }
                SHEQU_ASSIGN_OR_RETURN(auto jobs, service.list(*request.actor, filter));
                Json items = Json::array();
                for (const Job& job : jobs.items)
                  items.push_back(job_json(job, registry, request.locale, false));
                return Response::json(200, {{"items", std::move(items)}, {"total", jobs.total}});
              },
              .query = {{"kind", "string", "exact kind, e.g. access.siting"},
                        {"state", "string", "queued, running, done, failed or cancelled"},
                        {"page", "integer", "1-based page"},
                        {"pageSize", "integer", "1-200"}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/jobs/{id}",
              .permission = std::string(kJobRead),
              .summary = "A background job: its state, progress and result",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const int64_t id, job_id(request));
                SHEQU_ASSIGN_OR_RETURN(const Job job, service.show(*request.actor, id));
                return Response::json(200, job_json(job, registry, request.locale, true));
              }});
  router.add({.method = "POST",
              .pattern = "/api/v1/jobs/{id}/cancel",
              .permission = std::string(kJobCancel),
              .summary = "Cancel a queued job, or ask the server running it to stop",
              .tag = "jobs",
              .handler = [&service, &registry](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const int64_t id, job_id(request));
                SHEQU_ASSIGN_OR_RETURN(const Job job, service.cancel(*request.actor, id));
                return Response::json(200, job_json(job, registry, request.locale, false));
              }});
}

}  // namespace shequ::jobs
