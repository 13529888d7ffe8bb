#include "audit/routes.hpp"

#include "audit/audit_log.hpp"
#include "audit/declaration.hpp"
#include "http/contract.hpp"

namespace shequ::audit {

namespace {

using http::Request;
using http::Response;

const http::Schema& entry_schema() {
  using namespace http::schema;
  static const http::Schema entry = component(
      "AuditEntry",
      object({{"id", integer(1, kMaxInt)},
              {"time", string().describe("when it happened (UTC, ISO 8601)")},
              {"username", string().describe("who acted; the name tried for a failed login")},
              {"displayName", string().nullable().describe(
                                  "the account's display name now; null when there is no account")},
              {"role", string().describe("the role acted in; \"\" when none")},
              {"unitCode", string().describe("the actor's home unit; \"\" when unknown")},
              {"unitName",
               string().nullable().describe("the name of that unit; null when it is none now")},
              {"objectUnit",
               string().describe("the unit of the object acted on; \"\" when it has none")},
              {"objectUnitName",
               string().nullable().describe("the name of that unit; null when it is none now")},
              {"action", string().describe("e.g. auth.login, org.grid.create")},
              {"objectType", string()},
              {"objectId", string()},
              {"result", string()},
              {"sourceIp", string()},
              {"requestId", string()},
              {"detail", string().describe("what some actions add, e.g. the reason for a "
                                           "reveal; \"\" when none")}}));
  return entry;
}

std::vector<http::Property> list_query() {
  using namespace http::schema;
  std::vector<http::Property> query = paging();
  query.push_back({"from", date().optional().describe("the first day, in China time (UTC+8)")});
  query.push_back({"to", date().optional().describe("the last day (included), in China time")});
  query.push_back({"username", text(64).optional().describe("exact user name")});
  query.push_back({"action", text(64).optional().describe("exact action, e.g. auth.login")});
  return query;
}

Json entry_json(const Entry& e, const org::OrgTree& tree) {
  const auto name_of = [&tree](const std::string& code) -> Json {
    const auto unit = code.empty() ? std::nullopt : tree.find(code);
    return unit ? Json(unit->unit.name) : Json(nullptr);
  };
  return {{"id", e.id},
          {"time", e.occurred_at},
          {"username", e.username},
          {"displayName", e.display_name ? Json(*e.display_name) : Json(nullptr)},
          {"role", e.role},
          {"unitCode", e.unit_code},
          {"unitName", name_of(e.unit_code)},
          {"objectUnit", e.object_unit},
          {"objectUnitName", name_of(e.object_unit)},
          {"action", e.action},
          {"objectType", e.object_type},
          {"objectId", e.object_id},
          {"result", e.result},
          {"sourceIp", e.source_ip},
          {"requestId", e.request_id},
          {"detail", e.detail}};
}

}  // namespace

void add_routes(http::Router& router, storage::Database& db, const org::OrgTree& tree) {
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/audit",
       .permission = std::string(kLogRead),
       .summary = "The audit log within the caller's scope (entries whose actor's unit or "
                  "object's unit is in it), newest first",
       .tag = "audit",
       .handler = [&db, &tree](const Request& request) -> Result<Response> {
         const Json& query = request.query_json;
         Filter filter;
         filter.from = http::field<std::string>(query, "from");
         filter.to = http::field<std::string>(query, "to");
         filter.username = http::field<std::string>(query, "username");
         filter.action = http::field<std::string>(query, "action");
         filter.limit = query["pageSize"].get<int64_t>();
         filter.offset = (query["page"].get<int64_t>() - 1) * filter.limit;
         // An auditor at the province sees every entry (failed logins of unknown names
         // have no unit); one lower down sees the entries of their subtree.
         filter.scope_roots = request.actor->roots_for(kLogRead);
         filter.every_unit = tree.includes_root(filter.scope_roots);
         SHEQU_ASSIGN_OR_RETURN(auto entries, audit::query(db, filter));
         Json items = Json::array();
         for (const Entry& e : entries.items) items.push_back(entry_json(e, tree));
         return Response::json(200, {{"items", std::move(items)},
                                     {"total", entries.total},
                                     {"totalExact", entries.total_exact}});
       },
       .contract = {.query = list_query(),
                    .replies = {{.json = http::schema::page_of(entry_schema(), true)}}},
       .exports = http::ListExport{
           .title = {"审计日志", "Audit log"},
           .columns = {{.field = "time",
                        .label = {"时间", "Time"},
                        .format = http::ExportFormat::time,
                        .width = 20},
                       {.field = "displayName", .label = {"操作人", "By"}, .width = 22},
                       {.field = "username", .label = {"用户名", "User name"}},
                       {.field = "role", .label = {"角色", "Role"}},
                       {.field = "unitCode",
                        .label = {"操作人单位", "Their unit"},
                        .format = http::ExportFormat::unit,
                        .width = 36},
                       {.field = "action",
                        .label = {"操作", "Action"},
                        .format = http::ExportFormat::action,
                        .width = 20},
                       {.field = "action", .label = {"操作代码", "Action code"}, .width = 20},
                       {.field = "objectType", .label = {"对象类型", "Object type"}, .width = 10},
                       {.field = "objectId", .label = {"对象", "Object"}, .width = 20},
                       {.field = "objectUnit",
                        .label = {"对象所属单位", "Object's unit"},
                        .format = http::ExportFormat::unit,
                        .width = 36},
                       {.field = "result", .label = {"结果", "Result"}, .width = 10},
                       {.field = "sourceIp", .label = {"来源地址", "Source IP"}},
                       {.field = "requestId", .label = {"请求号", "Request"}, .width = 18},
                       {.field = "detail", .label = {"说明", "Detail"}, .width = 30}}}});
}

}  // namespace shequ::audit
