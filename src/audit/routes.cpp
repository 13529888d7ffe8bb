#include "audit/routes.hpp"

#include "audit/audit_log.hpp"
#include "audit/declaration.hpp"
#include "common/clock.hpp"
#include "http/query.hpp"

namespace shequ::audit {

using http::QueryReader;
using http::Request;
using http::Response;

void add_routes(http::Router& router, storage::Database& db, const org::OrgTree& tree) {
  router.add({.method = "GET",
              .pattern = "/api/v1/audit",
              .permission = std::string(kLogRead),
              .summary = "The audit log within the caller's scope (entries whose actor's unit or "
                         "object's unit is in it), newest first",
              .tag = "audit",
              .handler = [&db, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                Filter filter;
                filter.from = query.text("from", 10);
                filter.to = query.text("to", 10);
                filter.username = query.text("username", 64);
                filter.action = query.text("action", 64);
                const int64_t page = query.integer("page", 1, 1, 1'000'000);
                filter.limit = query.integer("pageSize", 20, 1, 200);
                filter.offset = (page - 1) * filter.limit;
                SHEQU_TRY(query.finish());
                std::vector<FieldError> problems;
                for (const auto& [name, value] :
                     {std::pair{"from", filter.from}, std::pair{"to", filter.to}}) {
                  if (value && !is_valid_date(*value)) {
                    problems.push_back(
                        {name, {"日期格式必须是 YYYY-MM-DD", "the date must be YYYY-MM-DD"}});
                  }
                }
                if (!problems.empty()) return Error::invalid(std::move(problems));
                // An auditor at the province sees every entry (failed logins of unknown names
                // have no unit); one lower down sees the entries of their subtree.
                filter.scope_roots = request.actor->roots_for(kLogRead);
                filter.every_unit = tree.includes_root(filter.scope_roots);
                SHEQU_ASSIGN_OR_RETURN(auto entries, audit::query(db, filter));
                Json items = Json::array();
                for (const Entry& e : entries.items) {
                  items.push_back({{"id", e.id},
                                   {"time", e.occurred_at},
                                   {"username", e.username},
                                   {"role", e.role},
                                   {"unitCode", e.unit_code},
                                   {"objectUnit", e.object_unit},
                                   {"action", e.action},
                                   {"objectType", e.object_type},
                                   {"objectId", e.object_id},
                                   {"result", e.result},
                                   {"sourceIp", e.source_ip},
                                   {"requestId", e.request_id},
                                   {"detail", e.detail}});
                }
                return Response::json(200, {{"items", std::move(items)}, {"total", entries.total}});
              },
              .query = {{"from", "string", "YYYY-MM-DD"},
                        {"to", "string", "YYYY-MM-DD"},
                        {"username", "string", "exact user name"},
                        {"action", "string", "exact action, e.g. auth.login"},
                        {"page", "integer", "1-based page"},
                        {"pageSize", "integer", "1-200"}}});
}

}  // namespace shequ::audit
