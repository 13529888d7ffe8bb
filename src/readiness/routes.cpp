#include "readiness/routes.hpp"

#include "http/contract.hpp"
#include "readiness/declaration.hpp"

namespace shequ::readiness {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> kind_keys() {
  std::vector<std::string> out;
  for (const Choice& c : incident_kinds()) out.emplace_back(c.key);
  return out;
}

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  const http::Schema people = integer(0, kMaxPeople);
  return {{"unit", unit_code().describe("the reporting unit: a county, township, village, "
                                        "community or grid")},
          {"kind", enum_of(kind_keys())},
          {"occurredAt", text(30).describe("a UTC timestamp, 2026-07-20T06:30:00.000Z")},
          {"place", text(kMaxPlace)},
          {"affected", people.describe("people affected")},
          {"injured", people.describe("among the affected")},
          {"dead", people.describe("among the affected")},
          {"missing", people.describe("among the affected")},
          {"housesDamaged", people},
          {"needs", text(kMaxNeeds).min_length(0).default_to("").describe("what is needed")}};
}

IncidentInput input_of(const Json& body) {
  IncidentInput in;
  in.unit = body["unit"].get<std::string>();
  in.kind = body["kind"].get<std::string>();
  in.occurred_at = body["occurredAt"].get<std::string>();
  in.place = body["place"].get<std::string>();
  in.toll.affected = body["affected"].get<int64_t>();
  in.toll.injured = body["injured"].get<int64_t>();
  in.toll.dead = body["dead"].get<int64_t>();
  in.toll.missing = body["missing"].get<int64_t>();
  in.toll.houses_damaged = body["housesDamaged"].get<int64_t>();
  in.needs = body["needs"].get<std::string>();
  return in;
}

std::vector<http::Property> toll_properties() {
  using namespace http::schema;
  return {{"incidents", integer(0, kMaxInt)}, {"affected", integer(0, kMaxInt)},
          {"injured", integer(0, kMaxInt)},   {"dead", integer(0, kMaxInt)},
          {"missing", integer(0, kMaxInt)},   {"housesDamaged", integer(0, kMaxInt)}};
}

Json toll_json(const Toll& t) {
  return {{"incidents", t.incidents}, {"affected", t.affected},
          {"injured", t.injured},     {"dead", t.dead},
          {"missing", t.missing},     {"housesDamaged", t.houses_damaged}};
}

const http::Schema& incident_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("Incident", object({{"id", integer(1, kMaxInt)},
                                    {"version", integer(1, kMaxInt)},
                                    {"unit", string()},
                                    {"unitName", string()},
                                    {"kind", string()},
                                    {"kindLabel", string()},
                                    {"occurredAt", string()},
                                    {"place", string()},
                                    {"affected", integer(0, kMaxInt)},
                                    {"injured", integer(0, kMaxInt)},
                                    {"dead", integer(0, kMaxInt)},
                                    {"missing", integer(0, kMaxInt)},
                                    {"housesDamaged", integer(0, kMaxInt)},
                                    {"needs", string()},
                                    {"reportedByName", string()},
                                    {"createdAt", string()},
                                    {"updatedAt", string()}}));
  return schema;
}

Json incident_json(const IncidentView& v, Locale locale) {
  const Incident& i = v.incident;
  return {{"id", i.id},
          {"version", i.version},
          {"unit", i.unit_code},
          {"unitName", v.unit_name},
          {"kind", i.kind},
          {"kindLabel", choice_label(incident_kinds(), i.kind, locale)},
          {"occurredAt", i.occurred_at},
          {"place", i.place},
          {"affected", i.toll.affected},
          {"injured", i.toll.injured},
          {"dead", i.toll.dead},
          {"missing", i.toll.missing},
          {"housesDamaged", i.toll.houses_damaged},
          {"needs", i.needs},
          {"reportedByName", i.reported_by_name},
          {"createdAt", i.created_at},
          {"updatedAt", i.updated_at}};
}

Period period_of(const Json& query) {
  return {query.value("from", std::string()), query.value("to", std::string())};
}

}  // namespace

void add_routes(http::Router& router, const IncidentService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("a unit's subtree; none: the "
                                                                "caller's scope")});
  list_query.push_back({"kind", enum_of(kind_keys()).optional()});
  list_query.push_back({"from", date().optional().describe("China date, included")});
  list_query.push_back({"to", date().optional().describe("China date, included")});
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/incidents",
              .permission = std::string(kIncidentRead),
              .summary = "Incident reports in scope, the latest first",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.list(*request.actor, q.value("unit", std::string()),
                                 q.value("kind", std::string()), period_of(q),
                                 {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const IncidentView& v : page.items) {
                  items.push_back(incident_json(v, request.locale));
                }
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(incident_schema())}}},
              .exports = http::ListExport{
                  .title = {"灾情报送", "Incident reports"},
                  .columns = {{.field = "occurredAt",
                               .label = {"发生时间", "Occurred"},
                               .format = http::ExportFormat::time,
                               .width = 20},
                              {.field = "unit",
                               .label = {"报送单位", "Unit"},
                               .format = http::ExportFormat::unit,
                               .width = 36},
                              {.field = "kindLabel", .label = {"灾害种类", "Kind"}, .width = 14},
                              {.field = "place", .label = {"地点", "Place"}, .width = 30},
                              {.field = "affected", .label = {"受灾人数", "Affected"}, .width = 10},
                              {.field = "injured", .label = {"受伤", "Injured"}, .width = 8},
                              {.field = "dead", .label = {"死亡", "Dead"}, .width = 8},
                              {.field = "missing", .label = {"失踪", "Missing"}, .width = 8},
                              {.field = "housesDamaged",
                               .label = {"房屋损坏（间）", "Houses damaged"},
                               .width = 12},
                              {.field = "needs", .label = {"需求", "Needs"}, .width = 30},
                              {.field = "reportedByName", .label = {"报送人", "Reported by"}},
                              {.field = "updatedAt",
                               .label = {"最后续报", "Last report"},
                               .format = http::ExportFormat::time,
                               .width = 20}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/readiness/incidents",
              .permission = std::string(kIncidentReport),
              .summary = "Reports an incident (灾情报送)",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const IncidentView v,
                                       service.report(*request.actor, input_of(request.body_json)));
                return Response::json(201, incident_json(v, request.locale));
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.status = 201, .json = incident_schema()}}}});
  std::vector<http::Property> summary_query{
      {"unit", unit_code().optional().describe("default: the caller's own unit")},
      {"from", date().optional().describe("China date, included; default: 1 January")},
      {"to", date().optional().describe("China date, included; default: today")}};
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/incidents/summary",
              .permission = std::string(kIncidentRead),
              .summary = "Totals of a unit's subtree in a period: all, by kind, by child unit",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    const IncidentSummary s,
                    service.summary(*request.actor, q.value("unit", std::string()), period_of(q)));
                Json kinds = Json::array();
                for (const auto& [kind, toll] : s.by_kind) {
                  Json line = toll_json(toll);
                  line["kind"] = kind;
                  line["kindLabel"] = choice_label(incident_kinds(), kind, request.locale);
                  kinds.push_back(std::move(line));
                }
                Json children = Json::array();
                for (const UnitToll& c : s.children) {
                  Json line = toll_json(c.toll);
                  line["unit"] = c.unit;
                  line["unitName"] = c.unit_name;
                  children.push_back(std::move(line));
                }
                return Response::json(200, {{"unit", s.unit},
                                            {"unitName", s.unit_name},
                                            {"from", s.period.from},
                                            {"to", s.period.to},
                                            {"total", toll_json(s.total)},
                                            {"kinds", kinds},
                                            {"children", children}});
              },
              .contract = {
                  .query = summary_query,
                  .replies = {{.json = object(
                                   {{"unit", string()},
                                    {"unitName", string()},
                                    {"from", string()},
                                    {"to", string()},
                                    {"total", component("IncidentToll", object(toll_properties()))},
                                    {"kinds", array(object([] {
                                       auto p = toll_properties();
                                       p.push_back({"kind", string()});
                                       p.push_back({"kindLabel", string()});
                                       return p;
                                     }()))},
                                    {"children", array(object([] {
                                       auto p = toll_properties();
                                       p.push_back({"unit", string()});
                                       p.push_back({"unitName", string()});
                                       return p;
                                     }()))}})}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/incidents/{id}",
              .permission = std::string(kIncidentRead),
              .summary = "One incident report",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const IncidentView v,
                    service.find(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, incident_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = incident_schema()}}}});
  std::vector<http::Property> correct_body = input_properties();
  correct_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/readiness/incidents/{id}",
              .permission = std::string(kIncidentReport),
              .summary = "A later report of the same incident (续报) at `version`",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const IncidentView v,
                    service.correct(*request.actor, request.path_json["id"].get<int64_t>(),
                                    request.body_json["version"].get<int64_t>(),
                                    input_of(request.body_json)));
                return Response::json(200, incident_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(correct_body),
                           .replies = {{.json = incident_schema()}}}});
}

}  // namespace shequ::readiness
