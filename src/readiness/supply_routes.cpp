#include "http/contract.hpp"
#include "readiness/declaration.hpp"
#include "readiness/routes.hpp"

namespace shequ::readiness {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> category_keys() {
  std::vector<std::string> out;
  for (const Choice& c : supply_categories()) out.emplace_back(c.key);
  return out;
}

const char* expiry_key(Expiry e) {
  switch (e) {
    case Expiry::none:
      return "none";
    case Expiry::ok:
      return "ok";
    case Expiry::expiring:
      return "expiring";
    case Expiry::expired:
      return "expired";
  }
  return "none";
}

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  return {{"unit", unit_code().describe("the unit whose store keeps it: a county, township, "
                                        "village or community")},
          {"name", text(kMaxSupplyName)},
          {"category", enum_of(category_keys())},
          {"quantity", integer(0, kMaxQuantity).describe("0 once used up")},
          {"measure", text(kMaxMeasure).describe("what the quantity counts: 箱, 顶, 件")},
          {"place", text(kMaxSupplyPlace)
                        .min_length(0)
                        .default_to("")
                        .describe("where it is "
                                  "stored")},
          {"expiresOn", date().optional().describe("China date; absent when it does not expire")},
          {"note", text(kMaxSupplyNote).min_length(0).default_to("")}};
}

SupplyInput input_of(const Json& body) {
  SupplyInput in;
  in.unit = body["unit"].get<std::string>();
  in.name = body["name"].get<std::string>();
  in.category = body["category"].get<std::string>();
  in.quantity = body["quantity"].get<int64_t>();
  in.measure = body["measure"].get<std::string>();
  in.place = body["place"].get<std::string>();
  in.expires_on = body.value("expiresOn", std::string());
  in.note = body["note"].get<std::string>();
  return in;
}

const http::Schema& supply_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Supply",
      object({{"id", integer(1, kMaxInt)},
              {"version", integer(1, kMaxInt)},
              {"unit", string()},
              {"unitName", string()},
              {"name", string()},
              {"category", string()},
              {"categoryLabel", string()},
              {"quantity", integer(0, kMaxInt)},
              {"measure", string()},
              {"place", string()},
              {"expiresOn", string().nullable()},
              {"expiry", enum_of({"none", "ok", "expiring", "expired"})
                             .describe("against today: none (no date, or none left), ok, expiring "
                                       "(within 30 days), expired")},
              {"daysLeft", integer(-kMaxInt, kMaxInt)
                               .nullable()
                               .describe("days until the expiry date; negative: since")},
              {"note", string()},
              {"updatedByName", string()},
              {"createdAt", string()},
              {"updatedAt", string()}}));
  return schema;
}

Json supply_json(const SupplyView& v, Locale locale) {
  const Supply& s = v.supply;
  return {{"id", s.id},
          {"version", s.version},
          {"unit", s.unit_code},
          {"unitName", v.unit_name},
          {"name", s.name},
          {"category", s.category},
          {"categoryLabel", choice_label(supply_categories(), s.category, locale)},
          {"quantity", s.quantity},
          {"measure", s.measure},
          {"place", s.place},
          {"expiresOn", s.expires_on ? Json(*s.expires_on) : Json(nullptr)},
          {"expiry", expiry_key(v.expiry)},
          {"daysLeft", v.days_left ? Json(*v.days_left) : Json(nullptr)},
          {"note", s.note},
          {"updatedByName", s.updated_by_name},
          {"createdAt", s.created_at},
          {"updatedAt", s.updated_at}};
}

Result<Response> page_json(const org::Page<SupplyView>& page, Locale locale) {
  Json items = Json::array();
  for (const SupplyView& v : page.items) items.push_back(supply_json(v, locale));
  return Response::json(200, {{"items", items}, {"total", page.total}});
}

ExpiryFilter expiry_of(const Json& query) {
  const std::string e = query.value("expiry", std::string());
  if (e == "expiring") return ExpiryFilter::expiring;
  if (e == "expired") return ExpiryFilter::expired;
  return ExpiryFilter::any;
}

}  // namespace

void add_supply_routes(http::Router& router, const SupplyService& service) {
  using namespace http::schema;
  const http::Property unit{"unit", unit_code().optional().describe("a unit's subtree; none: the "
                                                                    "caller's scope")};
  const http::Property days{
      "days", integer(0, kMaxExpiryDays).optional().describe("the horizon in days; default 30")};
  std::vector<http::Property> list_query = paging();
  list_query.push_back(unit);
  list_query.push_back({"category", enum_of(category_keys()).optional()});
  list_query.push_back(
      {"expiry", enum_of({"expiring", "expired"})
                     .optional()
                     .describe("items in stock that expired or expire within `days`, or that "
                               "expired; the soonest first")});
  list_query.push_back(days);
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/readiness/supplies",
       .permission = std::string(kSupplyRead),
       .summary = "Emergency supplies in scope, by unit, category and name",
       .tag = "readiness",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SupplyQuery query{q.value("unit", std::string()), q.value("category", std::string()),
                           expiry_of(q), q.value("days", kExpirySoonDays)};
         SHEQU_ASSIGN_OR_RETURN(
             auto page, service.list(*request.actor, query,
                                     {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
         return page_json(page, request.locale);
       },
       .contract = {.query = list_query, .replies = {{.json = page_of(supply_schema())}}},
       .exports = http::ListExport{
           .title = {"应急物资", "Emergency supplies"},
           .columns = {{.field = "unit",
                        .label = {"储备单位", "Unit"},
                        .format = http::ExportFormat::unit,
                        .width = 36},
                       {.field = "name", .label = {"物资名称", "Item"}, .width = 24},
                       {.field = "categoryLabel", .label = {"类别", "Category"}, .width = 12},
                       {.field = "quantity", .label = {"数量", "Quantity"}, .width = 10},
                       {.field = "measure", .label = {"单位", "Measure"}, .width = 8},
                       {.field = "place", .label = {"存放地点", "Stored at"}, .width = 24},
                       {.field = "expiresOn", .label = {"有效期至", "Expires"}, .width = 12},
                       {.field = "expiry",
                        .label = {"状态", "State"},
                        .width = 10,
                        .values = {{"none", {"", ""}},
                                   {"ok", {"有效", "Good"}},
                                   {"expiring", {"即将过期", "Expiring soon"}},
                                   {"expired", {"已过期", "Expired"}}}},
                       {.field = "note", .label = {"备注", "Note"}, .width = 24},
                       {.field = "updatedByName", .label = {"登记人", "Updated by"}},
                       {.field = "updatedAt",
                        .label = {"更新时间", "Updated"},
                        .format = http::ExportFormat::time,
                        .width = 20}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/readiness/supplies",
              .permission = std::string(kSupplyWrite),
              .summary = "Registers an item of a unit's emergency supplies",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const SupplyView v,
                                       service.create(*request.actor, input_of(request.body_json)));
                return Response::json(201, supply_json(v, request.locale));
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.status = 201, .json = supply_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/supplies/expiring",
              .permission = std::string(kSupplyRead),
              .summary = "The expiry list: items in stock that expired or expire within `days` "
                         "(30 by default), the soonest first",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SupplyQuery query{q.value("unit", std::string()), "", ExpiryFilter::expiring,
                                  q.value("days", kExpirySoonDays)};
                SHEQU_ASSIGN_OR_RETURN(auto page, service.list(*request.actor, query,
                                                               {q["page"].get<int64_t>(),
                                                                q["pageSize"].get<int64_t>()}));
                return page_json(page, request.locale);
              },
              .contract = {.query =
                               [&] {
                                 std::vector<http::Property> q = paging();
                                 q.push_back(unit);
                                 q.push_back(days);
                                 return q;
                               }(),
                           .replies = {{.json = page_of(supply_schema())}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/supplies/{id}",
              .permission = std::string(kSupplyRead),
              .summary = "One item of emergency supplies",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const SupplyView v,
                    service.find(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, supply_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = supply_schema()}}}});
  std::vector<http::Property> update_body = input_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/readiness/supplies/{id}",
              .permission = std::string(kSupplyWrite),
              .summary = "Changes an item (used, restocked) at `version`; its unit stays",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const SupplyView v,
                    service.update(*request.actor, request.path_json["id"].get<int64_t>(),
                                   request.body_json["version"].get<int64_t>(),
                                   input_of(request.body_json)));
                return Response::json(200, supply_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = supply_schema()}}}});
  router.add(
      {.method = "DELETE",
       .pattern = "/api/v1/readiness/supplies/{id}",
       .permission = std::string(kSupplyWrite),
       .summary = "Removes an item no longer kept at `version` (the audit log keeps it)",
       .tag = "readiness",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_TRY(service.remove(*request.actor, request.path_json["id"].get<int64_t>(),
                                  request.query_json["version"].get<int64_t>()));
         return Response::no_content();
       },
       .contract = {
           .path = ids_path(),
           .query = {{"version", integer(1, kMaxInt).describe("the version the caller last saw")}},
           .replies = {{.status = 204}}}});
}

}  // namespace shequ::readiness
