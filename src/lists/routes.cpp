#include "lists/routes.hpp"

#include <cmath>

#include "http/contract.hpp"
#include "lists/declaration.hpp"
#include "org/unit_json.hpp"

namespace shequ::lists {

namespace {

using http::Request;
using http::Response;
using org::id_of;
using org::page_of_query;

std::optional<double> number_or_none(const Json& body, const char* name) {
  return body.contains(name) && !body[name].is_null() ? std::optional(body[name].get<double>())
                                                      : std::nullopt;
}

Json point_json(std::optional<int32_t> lat_e7) {
  return lat_e7 ? Json(static_cast<double>(*lat_e7) / 1e7) : Json(nullptr);
}

int64_t metres(uint64_t mm) {
  return static_cast<int64_t>(std::llround(static_cast<double>(mm) / 1000.0));
}

std::vector<http::Property> place_properties() {
  using namespace http::schema;
  return {{"lat", number(-90, 90).nullable().default_to(nullptr).describe("WGS 84")},
          {"lon", number(-180, 180).nullable().default_to(nullptr)},
          {"fromHour", integer(0, 24).default_to(0).describe("daily, included")},
          {"toHour", integer(0, 24).default_to(24).describe("daily, excluded")}};
}

// The sources staff choose from: all but the residents' own (kRaised).
std::vector<std::string> staff_sources() {
  std::vector<std::string> keys = choice_keys(need_sources());
  std::erase(keys, std::string(kRaised));
  return keys;
}

std::vector<http::Property> need_properties() {
  using namespace http::schema;
  std::vector<http::Property> p{
      {"unit", unit_code().describe("a village, community or grid")},
      {"source", enum_of(staff_sources()).default_to("staff")},
      {"sourceRef", text(kMaxSourceRef)
                        .min_length(0)
                        .default_to("")
                        .describe("the visit or request it came from")},
      {"category", enum_of(choice_keys(categories()))},
      {"urgency", enum_of(choice_keys(urgencies())).default_to("normal")},
      {"description", text(kMaxDescription)},
      {"personId", integer(1, kMaxInt)
                       .nullable()
                       .default_to(nullptr)
                       .describe("who it is for: a person of the register")},
      {"visitId", integer(1, kMaxInt)
                      .nullable()
                      .default_to(nullptr)
                      .describe("the home visit it was found in (source visit)")},
      {"requestId", integer(1, kMaxInt)
                        .nullable()
                        .default_to(nullptr)
                        .describe("the request it came with (source request)")}};
  for (auto& place : place_properties()) p.push_back(std::move(place));
  return p;
}

std::optional<int64_t> optional_id(const Json& b, const char* field) {
  return b[field].is_null() ? std::nullopt : std::optional<int64_t>(b[field].get<int64_t>());
}

NeedInput need_input(const Json& b) {
  return {b["unit"].get<std::string>(),
          b["source"].get<std::string>(),
          b["sourceRef"].get<std::string>(),
          b["category"].get<std::string>(),
          b["urgency"].get<std::string>(),
          b["description"].get<std::string>(),
          number_or_none(b, "lat"),
          number_or_none(b, "lon"),
          {b["fromHour"].get<int>(), b["toHour"].get<int>()},
          optional_id(b, "personId"),
          optional_id(b, "visitId"),
          optional_id(b, "requestId")};
}

std::vector<http::Property> resource_properties() {
  using namespace http::schema;
  std::vector<http::Property> p{
      {"unit", unit_code()},
      {"source", enum_of(choice_keys(resource_sources()))},
      {"name", text(kMaxName).min_length(0).default_to("").describe(
                   "required unless taken from a facility or organisation, whose name it shows")},
      {"category", enum_of(choice_keys(categories()))},
      {"capacity", integer(1, kMaxCapacity).describe("needs it takes at once")},
      {"facilityId", integer(1, kMaxInt)
                         .nullable()
                         .default_to(nullptr)
                         .describe("the registry's facility it is (source facility)")},
      {"organisationId", integer(1, kMaxInt)
                             .nullable()
                             .default_to(nullptr)
                             .describe("the volunteer team or social organisation it is")},
      {"contact", text(kMaxContact).min_length(0).default_to("").describe("a work number")},
      {"note", text(kMaxNote).min_length(0).default_to("")}};
  for (auto& place : place_properties()) p.push_back(std::move(place));
  return p;
}

ResourceInput resource_input(const Json& b) {
  return {b["unit"].get<std::string>(),    b["source"].get<std::string>(),
          b["name"].get<std::string>(),    b["category"].get<std::string>(),
          b["capacity"].get<int64_t>(),    {b["fromHour"].get<int>(), b["toHour"].get<int>()},
          number_or_none(b, "lat"),        number_or_none(b, "lon"),
          b["contact"].get<std::string>(), b["note"].get<std::string>(),
          optional_id(b, "facilityId"),    optional_id(b, "organisationId")};
}

const http::Schema& need_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ListsNeed", object({{"id", integer(1, kMaxInt)},
                           {"version", integer(1, kMaxInt)},
                           {"unit", string()},
                           {"unitName", string()},
                           {"source", string()},
                           {"sourceLabel", string()},
                           {"sourceRef", string()},
                           {"category", string()},
                           {"categoryLabel", string()},
                           {"urgency", string()},
                           {"urgencyLabel", string()},
                           {"description", string()},
                           {"lat", number().nullable()},
                           {"lon", number().nullable()},
                           {"fromHour", integer(0, 24)},
                           {"toHour", integer(0, 24)},
                           {"status", enum_of(choice_keys(need_states()))},
                           {"statusLabel", string()},
                           {"closeNote", string()},
                           {"personId", integer(1, kMaxInt).nullable()},
                           {"visitId", integer(1, kMaxInt).nullable()},
                           {"requestId", integer(1, kMaxInt).nullable()},
                           {"personMasked", string().describe("who it is for, masked")},
                           {"createdByName", string().describe("staff; empty when raised")},
                           {"createdAt", string()},
                           {"updatedAt", string()}}));
  return schema;
}

Json need_json(const NeedView& v, Locale locale) {
  const Need& n = v.need;
  return {{"id", n.id},
          {"version", n.version},
          {"unit", n.unit_code},
          {"unitName", v.unit_name},
          {"source", n.source},
          {"sourceLabel", choice_label(need_sources(), n.source, locale)},
          {"sourceRef", n.source_ref},
          {"category", n.category},
          {"categoryLabel", choice_label(categories(), n.category, locale)},
          {"urgency", n.urgency},
          {"urgencyLabel", choice_label(urgencies(), n.urgency, locale)},
          {"description", n.description},
          {"lat", point_json(n.lat_e7)},
          {"lon", point_json(n.lon_e7)},
          {"fromHour", n.hours.from},
          {"toHour", n.hours.to},
          {"status", n.status},
          {"statusLabel", choice_label(need_states(), n.status, locale)},
          {"closeNote", n.close_note},
          {"personId", n.person_id ? Json(*n.person_id) : Json(nullptr)},
          {"visitId", n.visit_id ? Json(*n.visit_id) : Json(nullptr)},
          {"requestId", n.request_id ? Json(*n.request_id) : Json(nullptr)},
          {"personMasked", v.person_masked},
          {"createdByName", n.created_by_name},
          {"createdAt", n.created_at},
          {"updatedAt", n.updated_at}};
}

const http::Schema& resource_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ListsResource",
                object({{"id", integer(1, kMaxInt)},
                        {"version", integer(1, kMaxInt)},
                        {"unit", string()},
                        {"unitName", string()},
                        {"source", string()},
                        {"sourceLabel", string()},
                        {"name", string()},
                        {"category", string()},
                        {"categoryLabel", string()},
                        {"capacity", integer(1, kMaxInt)},
                        {"booked", integer(0, kMaxInt)},
                        {"fromHour", integer(0, 24)},
                        {"toHour", integer(0, 24)},
                        {"lat", number().nullable()},
                        {"lon", number().nullable()},
                        {"contact", string()},
                        {"note", string()},
                        {"facilityId", integer(1, kMaxInt).nullable()},
                        {"organisationId", integer(1, kMaxInt).nullable()},
                        {"available", boolean().describe("false while its facility is not open: "
                                                         "not proposed")},
                        {"updatedAt", string()}}));
  return schema;
}

Json resource_json(const ResourceView& v, Locale locale) {
  const Resource& r = v.resource;
  return {{"id", r.id},
          {"version", r.version},
          {"unit", r.unit_code},
          {"unitName", v.unit_name},
          {"source", r.source},
          {"sourceLabel", choice_label(resource_sources(), r.source, locale)},
          {"name", r.name},
          {"category", r.category},
          {"categoryLabel", choice_label(categories(), r.category, locale)},
          {"capacity", r.capacity},
          {"booked", r.booked},
          {"fromHour", r.hours.from},
          {"toHour", r.hours.to},
          {"lat", point_json(r.lat_e7)},
          {"lon", point_json(r.lon_e7)},
          {"contact", r.contact},
          {"note", r.note},
          {"facilityId", r.facility_id ? Json(*r.facility_id) : Json(nullptr)},
          {"organisationId", r.organisation_id ? Json(*r.organisation_id) : Json(nullptr)},
          {"available", r.available},
          {"updatedAt", r.updated_at}};
}

const http::Schema& match_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ListsMatch", object({{"id", integer(1, kMaxInt)},
                                      {"version", integer(1, kMaxInt)},
                                      {"needId", integer(1, kMaxInt)},
                                      {"resourceId", integer(1, kMaxInt)},
                                      {"resourceName", string()},
                                      {"walkMetres", integer(0, kMaxInt).nullable()},
                                      {"byNetwork", boolean()},
                                      {"outcome", enum_of(choice_keys(outcomes()))},
                                      {"outcomeLabel", string()},
                                      {"outcomeNote", string()},
                                      {"confirmedByName", string()},
                                      {"confirmedAt", string()},
                                      {"closedAt", string()}}));
  return schema;
}

Json match_json(const MatchView& v, Locale locale) {
  const Match& m = v.match;
  return {
      {"id", m.id},
      {"version", m.version},
      {"needId", m.need_id},
      {"resourceId", m.resource_id},
      {"resourceName", v.resource_name},
      {"walkMetres", m.walk_mm ? Json(metres(static_cast<uint64_t>(*m.walk_mm))) : Json(nullptr)},
      {"byNetwork", m.by_network},
      {"outcome", m.outcome},
      {"outcomeLabel", choice_label(outcomes(), m.outcome, locale)},
      {"outcomeNote", m.outcome_note},
      {"confirmedByName", m.confirmed_by_name},
      {"confirmedAt", m.confirmed_at},
      {"closedAt", m.closed_at}};
}

const http::Schema& raised_need_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ListsRaisedNeed",
      object({{"id", integer(1, kMaxInt)},
              {"unitName", string()},
              {"category", string()},
              {"categoryLabel", string()},
              {"urgency", string()},
              {"urgencyLabel", string()},
              {"description", string()},
              {"fromHour", integer(0, 24)},
              {"toHour", integer(0, 24)},
              {"status", enum_of(choice_keys(need_states()))},
              {"statusLabel", string()},
              {"closeNote", string()},
              {"located", boolean().describe("at their home: resources nearby can be proposed")},
              {"createdAt", string()},
              {"matches", array(object({{"resourceName", string()},
                                        {"outcome", enum_of(choice_keys(outcomes()))},
                                        {"outcomeLabel", string()},
                                        {"confirmedAt", string()}}))}}));
  return schema;
}

Json raised_need_json(const RaisedNeed& r, Locale locale) {
  const Need& n = r.need;
  Json matches = Json::array();
  for (const MatchView& m : r.matches) {
    matches.push_back({{"resourceName", m.resource_name},
                       {"outcome", m.match.outcome},
                       {"outcomeLabel", choice_label(outcomes(), m.match.outcome, locale)},
                       {"confirmedAt", m.match.confirmed_at}});
  }
  return {{"id", n.id},
          {"unitName", r.unit_name},
          {"category", n.category},
          {"categoryLabel", choice_label(categories(), n.category, locale)},
          {"urgency", n.urgency},
          {"urgencyLabel", choice_label(urgencies(), n.urgency, locale)},
          {"description", n.description},
          {"fromHour", n.hours.from},
          {"toHour", n.hours.to},
          {"status", n.status},
          {"statusLabel", choice_label(need_states(), n.status, locale)},
          {"closeNote", n.close_note},
          {"located", n.lat_e7.has_value()},
          {"createdAt", n.created_at},
          {"matches", std::move(matches)}};
}

void add_resident_need_routes(http::Router& router, const ListsService& service) {
  using namespace http::schema;
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/lists/my-needs",
       .permission = std::string(kNeedRaise),
       .summary = "A resident's own needs, newest first, with what came of them",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const auto raised, service.raised(*request.actor));
         Json items = Json::array();
         for (const RaisedNeed& r : raised) {
           items.push_back(raised_need_json(r, request.locale));
         }
         return Response::json(200, {{"items", std::move(items)}});
       },
       .contract = {.replies = {{.json = object({{"items", array(raised_need_schema())}})}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/my-needs",
       .permission = std::string(kNeedRaise),
       .summary = "A resident raises a need of their own; it reaches their community's list",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const NeedView v,
             service.raise(*request.actor, {b["category"].get<std::string>(),
                                            b["urgency"].get<std::string>(),
                                            b["description"].get<std::string>(),
                                            {b["fromHour"].get<int>(), b["toHour"].get<int>()}}));
         return Response::json(201, raised_need_json({v.need, v.unit_name, {}}, request.locale));
       },
       .contract = {.body = object({{"category", text(30).min_length(0)},
                                    {"urgency", text(20).min_length(0).default_to("normal")},
                                    {"description", text(kMaxDescription).min_length(0)},
                                    {"fromHour", integer(0, 24).default_to(0)},
                                    {"toHour", integer(0, 24).default_to(24)}}),
                    .replies = {{.status = 201, .json = raised_need_schema()}}}});
}

void add_need_routes(http::Router& router, const ListsService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  list_query.push_back({"status", enum_of(choice_keys(need_states())).optional()});
  list_query.push_back({"category", enum_of(choice_keys(categories())).optional()});
  list_query.push_back({"urgency", enum_of(choice_keys(urgencies())).optional()});
  list_query.push_back({"source", enum_of(choice_keys(need_sources())).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/needs",
              .permission = std::string(kNeedRead),
              .summary = "Needs registered in scope, urgent first, then the oldest",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                NeedQuery query{q.value("unit", std::string()), q.value("status", std::string()),
                                q.value("category", std::string()),
                                q.value("urgency", std::string()),
                                q.value("source", std::string())};
                SHEQU_ASSIGN_OR_RETURN(auto page,
                                       service.list_needs(*request.actor, query, page_of_query(q)));
                Json items = Json::array();
                for (const NeedView& v : page.items) items.push_back(need_json(v, request.locale));
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(need_schema())}}},
              .exports = http::ListExport{
                  .title = {"需求清单", "Needs"},
                  .columns = {{.field = "unit",
                               .label = {"所属单位", "Unit"},
                               .format = http::ExportFormat::unit,
                               .width = 30},
                              {.field = "categoryLabel", .label = {"服务类别", "Category"}},
                              {.field = "urgencyLabel", .label = {"紧急程度", "Urgency"}},
                              {.field = "description", .label = {"需求内容", "Need"}, .width = 40},
                              {.field = "sourceLabel", .label = {"来源", "Source"}},
                              {.field = "statusLabel", .label = {"状态", "Status"}},
                              {.field = "createdAt",
                               .label = {"登记时间", "Registered"},
                               .format = http::ExportFormat::time,
                               .width = 20}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/lists/needs",
              .permission = std::string(kNeedWrite),
              .summary = "Registers a need of a village, community or grid",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const NeedView v,
                    service.create_need(*request.actor, need_input(request.body_json)));
                return Response::json(201, need_json(v, request.locale));
              },
              .contract = {.body = object(need_properties()),
                           .replies = {{.status = 201, .json = need_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/needs/{id}",
              .permission = std::string(kNeedRead),
              .summary = "A need with its matches, newest first",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const NeedDetail d,
                                       service.find_need(*request.actor, id_of(request)));
                Json matches = Json::array();
                for (const MatchView& m : d.matches) {
                  matches.push_back(match_json(m, request.locale));
                }
                return Response::json(200, {{"need", need_json(d.need, request.locale)},
                                            {"matches", std::move(matches)}});
              },
              .contract = {.path = ids_path(),
                           .replies = {{.json = object({{"need", need_schema()},
                                                        {"matches", array(match_schema())}})}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/lists/needs/{id}/close",
              .permission = std::string(kNeedWrite),
              .summary = "Closes an open need met some other way, at `version`",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& b = request.body_json;
                SHEQU_ASSIGN_OR_RETURN(
                    const NeedView v,
                    service.close_need(*request.actor, id_of(request), b["version"].get<int64_t>(),
                                       b["note"].get<std::string>()));
                return Response::json(200, need_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"version", integer(1, kMaxInt)},
                                           {"note", text(kMaxNote).describe("how it was met")}}),
                           .replies = {{.json = need_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/lists/needs/{id}/proposals",
       .permission = std::string(kNeedRead),
       .summary = "Resources proposed for an open need, best first",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const Proposals p,
                                service.proposals(*request.actor, id_of(request)));
         Json items = Json::array();
         for (const ProposalView& v : p.items) {
           items.push_back({{"resource", resource_json(v.resource, request.locale)},
                            {"walkMetres", metres(v.walk_mm)}});
         }
         return Response::json(200, {{"byNetwork", p.by_network},
                                     {"located", p.located},
                                     {"limitMetres", metres(kWalkLimitMm)},
                                     {"items", std::move(items)}});
       },
       .contract = {
           .path = ids_path(),
           .replies = {{.json = object(
                            {{"byNetwork", boolean().describe("false: straight-line distance, no "
                                                              "walking network loaded")},
                             {"located", boolean().describe("false: the need has no point, nothing "
                                                            "is proposed")},
                             {"limitMetres", integer(0, kMaxInt)},
                             {"items", array(object({{"resource", resource_schema()},
                                                     {"walkMetres", integer(0, kMaxInt)}}))}})}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/needs/{id}/matches",
       .permission = std::string(kNeedWrite),
       .summary = "Confirms a resource for an open need at `version`, taking one place",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(const MatchView v, service.confirm(*request.actor, id_of(request),
                                                                   b["version"].get<int64_t>(),
                                                                   b["resource"].get<int64_t>()));
         return Response::json(201, match_json(v, request.locale));
       },
       .contract = {
           .path = ids_path(),
           .body = object({{"version", integer(1, kMaxInt)}, {"resource", integer(1, kMaxInt)}}),
           .replies = {{.status = 201, .json = match_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/matches/{id}/outcome",
       .permission = std::string(kNeedWrite),
       .summary = "Records a match's outcome: done closes the need, failed reopens it",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const MatchView v,
             service.record_outcome(*request.actor, id_of(request), b["version"].get<int64_t>(),
                                    b["outcome"] == "done", b["note"].get<std::string>()));
         return Response::json(200, match_json(v, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)},
                                    {"outcome", enum_of({"done", "failed"})},
                                    {"note", text(kMaxNote).min_length(0).default_to("").describe(
                                                 "required when it failed")}}),
                    .replies = {{.json = match_schema()}}}});
}

void add_resource_routes(http::Router& router, const ListsService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  list_query.push_back({"category", enum_of(choice_keys(categories())).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/resources",
              .permission = std::string(kResourceRead),
              .summary = "Resources registered in scope, by unit and name",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.list_resources(*request.actor, q.value("unit", std::string()),
                                           q.value("category", std::string()), page_of_query(q)));
                Json items = Json::array();
                for (const ResourceView& v : page.items) {
                  items.push_back(resource_json(v, request.locale));
                }
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(resource_schema())}}},
              .exports = http::ListExport{
                  .title = {"资源清单", "Resources"},
                  .columns = {{.field = "unit",
                               .label = {"所属单位", "Unit"},
                               .format = http::ExportFormat::unit,
                               .width = 30},
                              {.field = "name", .label = {"资源名称", "Resource"}, .width = 30},
                              {.field = "sourceLabel", .label = {"资源类型", "Kind"}},
                              {.field = "categoryLabel", .label = {"服务类别", "Category"}},
                              {.field = "capacity", .label = {"可服务数量", "Capacity"}},
                              {.field = "booked", .label = {"已对接", "Booked"}},
                              {.field = "contact", .label = {"联系电话", "Contact"}}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/lists/resources",
              .permission = std::string(kResourceWrite),
              .summary = "Registers a resource of a unit in scope",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ResourceView v,
                    service.create_resource(*request.actor, resource_input(request.body_json)));
                return Response::json(201, resource_json(v, request.locale));
              },
              .contract = {.body = object(resource_properties()),
                           .replies = {{.status = 201, .json = resource_schema()}}}});
  std::vector<http::Property> origin_query = paging();
  origin_query.push_back({"unit", unit_code().describe("the resource's unit")});
  origin_query.push_back(
      {"source", enum_of({"facility", "volunteer", "organisation"}).describe("what it is")});
  origin_query.push_back({"q", text(50).min_length(0).default_to("").describe("part of the name")});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/lists/resources/origins",
       .permission = std::string(kResourceWrite),
       .summary = "What a resource of a unit may be taken from: its open facilities, or the "
                  "volunteer teams or social organisations that may serve it",
       .tag = "lists",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto page, service.origins(*request.actor, q["unit"].get<std::string>(),
                                        q["source"].get<std::string>(), q["q"].get<std::string>(),
                                        page_of_query(q)));
         Json items = Json::array();
         for (const Origin& o : page.items) {
           items.push_back({{"id", o.id},
                            {"name", o.name},
                            {"kindLabel", o.kind_label.in(request.locale)},
                            {"unit", o.unit_code},
                            {"unitName", o.unit_name},
                            {"lat", point_json(o.lat_e7)},
                            {"lon", point_json(o.lon_e7)},
                            {"taken", o.taken}});
         }
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {
           .query = origin_query,
           .replies = {
               {.json = page_of(component(
                    "ListsResourceOrigin",
                    object({{"id", integer(1, kMaxInt)},
                            {"name", string()},
                            {"kindLabel", string()},
                            {"unit", string()},
                            {"unitName", string()},
                            {"lat", number().nullable()},
                            {"lon", number().nullable()},
                            {"taken", boolean().describe("a resource of the unit is taken from "
                                                         "it already")}})))}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/resources/{id}",
              .permission = std::string(kResourceRead),
              .summary = "One resource",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const ResourceView v,
                                       service.find_resource(*request.actor, id_of(request)));
                return Response::json(200, resource_json(v, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = resource_schema()}}}});
  std::vector<http::Property> update_body = resource_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/lists/resources/{id}",
              .permission = std::string(kResourceWrite),
              .summary = "Changes a resource at `version`; its capacity never below what is booked",
              .tag = "lists",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ResourceView v,
                    service.update_resource(*request.actor, id_of(request),
                                            request.body_json["version"].get<int64_t>(),
                                            resource_input(request.body_json)));
                return Response::json(200, resource_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = resource_schema()}}}});
}

}  // namespace

void add_routes(http::Router& router, const ListsService& service, const ProjectService& projects) {
  add_need_routes(router, service);
  add_resident_need_routes(router, service);
  add_resource_routes(router, service);
  add_project_routes(router, projects);
}

}  // namespace shequ::lists
