#include "http/system_routes.hpp"
#include "http/openapi.hpp"

namespace shequ::http {

void register_system_routes(Router& router, SystemRoutesContext context) {
  using namespace schema;
  router.add({.method = "GET",
              .pattern = "/healthz",
              .permission = std::string(kPublic),
              .summary = "Liveness: the process is serving",
              .tag = "system",
              .handler = [](const Request&) -> Result<Response> {
                return Response::json(200, {{"status", "ok"}});
              },
              .execution = Execution::io,
              .contract = {.replies = {{.json = object({{"status", enum_of({"ok"})}})}}}});
  router.add({.method = "GET",
              .pattern = "/readyz",
              .permission = std::string(kPublic),
              .summary = "Readiness: the database answers",
              .tag = "system",
              .handler = [&db = context.db](const Request&) -> Result<Response> {
                const Status status = db.read([](storage::Session& s) -> Status {
                  SHEQU_TRY(s.query("SELECT 1"));
                  return {};
                });
                if (!status) return Error::unavailable(status.error().internal_detail);
                return Response::json(200, {{"status", "ready"}});
              },
              .contract = {.replies = {{.json = object({{"status", enum_of({"ready"})}})}}}});
  router.add({.method = "GET",
              .pattern = "/metrics",
              .permission = "system:metrics:read",
              .summary = "Request counts and latency histograms (Prometheus text format)",
              .tag = "system",
              .handler = [metrics = context.metrics](const Request&) -> Result<Response> {
                return Response::text(200, metrics().render_prometheus(),
                                      "text/plain; version=0.0.4; charset=utf-8");
              },
              .execution = Execution::io,
              .contract = {.replies = {{.media_type = "text/plain"}}}});
  router.add({.method = "GET",
              .pattern = "/api/openapi.json",
              .permission = std::string(kPublic),
              .summary = "This API's OpenAPI 3.1 description, generated from the routes' contracts",
              .tag = "system",
              .handler = [&router = context.router,
                          version = context.version](const Request&) -> Result<Response> {
                return Response::json(200, openapi_document(router, version));
              },
              .execution = Execution::io,
              .contract = {.replies = {{.json = object({{"openapi", enum_of({"3.1.0"})},
                                                        {"info", map_of(any())},
                                                        {"paths", map_of(any())},
                                                        {"components", map_of(any())}})}}}});
}

}  // namespace shequ::http
