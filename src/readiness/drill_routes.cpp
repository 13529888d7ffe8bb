#include "http/contract.hpp"
#include "readiness/declaration.hpp"
#include "readiness/routes.hpp"

namespace shequ::readiness {

namespace {

using http::Request;
using http::Response;

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  return {{"unit", unit_code().describe("the unit holding it: a county, township, village or "
                                        "community")},
          {"heldOn", date().describe("China date; not after today once held")},
          {"status", enum_of(choice_keys(drill_statuses())).describe("planned or held (done)")},
          {"scenario", enum_of(choice_keys(drill_scenarios()))},
          {"description",
           text(kMaxDrillText).min_length(0).default_to("").describe("what was rehearsed")},
          {"participants", integer(0, kMaxParticipants)},
          {"place", text(kMaxDrillText)},
          {"summary", text(kMaxDrillSummary).min_length(0).default_to("").describe("how it went")}};
}

DrillInput input_of(const Json& body) {
  DrillInput in;
  in.unit = body["unit"].get<std::string>();
  in.held_on = body["heldOn"].get<std::string>();
  in.status = body["status"].get<std::string>();
  in.scenario = body["scenario"].get<std::string>();
  in.description = body["description"].get<std::string>();
  in.participants = body["participants"].get<int64_t>();
  in.place = body["place"].get<std::string>();
  in.summary = body["summary"].get<std::string>();
  return in;
}

const http::Schema& drill_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("Drill", object({{"id", integer(1, kMaxInt)},
                                 {"version", integer(1, kMaxInt)},
                                 {"unit", string()},
                                 {"unitName", string()},
                                 {"heldOn", string()},
                                 {"status", enum_of(choice_keys(drill_statuses()))},
                                 {"statusLabel", string()},
                                 {"scenario", string()},
                                 {"scenarioLabel", string()},
                                 {"description", string()},
                                 {"participants", integer(0, kMaxInt)},
                                 {"place", string()},
                                 {"summary", string()},
                                 {"updatedByName", string()},
                                 {"createdAt", string()},
                                 {"updatedAt", string()}}));
  return schema;
}

Json drill_json(const DrillView& v, Locale locale) {
  const Drill& d = v.drill;
  return {{"id", d.id},
          {"version", d.version},
          {"unit", d.unit_code},
          {"unitName", v.unit_name},
          {"heldOn", d.held_on},
          {"status", d.status},
          {"statusLabel", choice_label(drill_statuses(), d.status, locale)},
          {"scenario", d.scenario},
          {"scenarioLabel", choice_label(drill_scenarios(), d.scenario, locale)},
          {"description", d.description},
          {"participants", d.participants},
          {"place", d.place},
          {"summary", d.summary},
          {"updatedByName", d.updated_by_name},
          {"createdAt", d.created_at},
          {"updatedAt", d.updated_at}};
}

}  // namespace

void add_drill_routes(http::Router& router, const DrillService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("a unit's subtree; none: the "
                                                                "caller's scope")});
  list_query.push_back({"scenario", enum_of(choice_keys(drill_scenarios())).optional()});
  list_query.push_back({"status", enum_of(choice_keys(drill_statuses())).optional()});
  list_query.push_back({"from", date().optional().describe("China date, included")});
  list_query.push_back({"to", date().optional().describe("China date, included")});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/readiness/drills",
       .permission = std::string(kDrillRead),
       .summary = "Drills in scope, the latest date first, with this year's counts of the subtree",
       .tag = "readiness",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         const DrillQuery query{q.value("unit", std::string()), q.value("scenario", std::string()),
                                q.value("status", std::string()), q.value("from", std::string()),
                                q.value("to", std::string())};
         SHEQU_ASSIGN_OR_RETURN(const DrillList list, service.list(*request.actor, query,
                                                                   {q["page"].get<int64_t>(),
                                                                    q["pageSize"].get<int64_t>()}));
         Json items = Json::array();
         for (const DrillView& v : list.page.items) items.push_back(drill_json(v, request.locale));
         const DrillYear& y = list.this_year;
         return Response::json(200, {{"items", items},
                                     {"total", list.page.total},
                                     {"thisYear",
                                      {{"year", y.year},
                                       {"done", y.done},
                                       {"planned", y.planned},
                                       {"participants", y.participants}}}});
       },
       .contract = {
           .query = list_query,
           .replies = {
               {.json = object(
                    {{"items", array(drill_schema())},
                     {"total", integer(0, kMaxInt)},
                     {"thisYear", component("DrillYear",
                                            object({{"year", integer(0, kMaxInt)},
                                                    {"done", integer(0, kMaxInt)},
                                                    {"planned", integer(0, kMaxInt)},
                                                    {"participants", integer(0, kMaxInt)}})
                                                .describe("the drills of the listed subtrees dated "
                                                          "this year (China time), whatever the "
                                                          "other filters"))}})}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/readiness/drills",
              .permission = std::string(kDrillWrite),
              .summary = "Plans or records an emergency drill",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const DrillView v,
                                       service.create(*request.actor, input_of(request.body_json)));
                return Response::json(201, drill_json(v, request.locale));
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.status = 201, .json = drill_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/readiness/drills/{id}",
              .permission = std::string(kDrillRead),
              .summary = "One emergency drill",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const DrillView v,
                    service.find(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, drill_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = drill_schema()}}}});
  std::vector<http::Property> update_body = input_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/readiness/drills/{id}",
              .permission = std::string(kDrillWrite),
              .summary = "Changes a drill (held, summed up) at `version`; its unit stays",
              .tag = "readiness",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const DrillView v,
                    service.update(*request.actor, request.path_json["id"].get<int64_t>(),
                                   request.body_json["version"].get<int64_t>(),
                                   input_of(request.body_json)));
                return Response::json(200, drill_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = drill_schema()}}}});
}

}  // namespace shequ::readiness
