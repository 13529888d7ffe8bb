#include "org/routes.hpp"

#include "http/contract.hpp"
#include "org/declaration.hpp"
#include "org/unit_codes.hpp"
#include "org/unit_json.hpp"

namespace shequ::org {

namespace {

using http::Execution;
using http::Request;
using http::Response;

Json unit_json(const UnitView& view) {
  const Unit& u = view.unit;
  Json out{{"code", u.code},
           {"name", u.name},
           {"level", static_cast<int>(u.level)},
           {"levelName", level_name(u.level)},
           {"unitType", unit_type_key(u.type)},
           {"unitTypeName", unit_type_label(u.type)},
           {"parentCode", u.parent_code.empty() ? Json(nullptr) : Json(u.parent_code)},
           {"childCount", view.child_count},
           {"path", path_json(view.path)},
           {"version", u.version}};
  if (u.urban_rural_code.empty()) {
    out["urbanRural"] = nullptr;
  } else {
    out["urbanRural"] = {{"code", u.urban_rural_code},
                         {"name", *urban_rural_name(u.urban_rural_code)},
                         {"urban", is_urban(u.urban_rural_code)}};
  }
  return out;
}

Json page_json(const Page<UnitView>& page) {
  Json items = Json::array();
  for (const UnitView& view : page.items) items.push_back(unit_json(view));
  return {{"items", std::move(items)}, {"total", page.total}};
}

Json grid_json(const Grid& grid) {
  Json boundary = nullptr;
  if (grid.boundary) {
    boundary = {{"type", "Polygon"}, {"coordinates", geo::polygon_coordinates(*grid.boundary)}};
  }
  return {{"code", grid.unit.code},          {"name", grid.unit.name},
          {"description", grid.description}, {"villageCode", grid.unit.parent_code},
          {"version", grid.unit.version},    {"createdAt", grid.created_at},
          {"updatedAt", grid.updated_at},    {"boundary", std::move(boundary)}};
}

Json office_json(const Office& office) {
  return {{"address", office.address},
          {"phone", office.phone},
          {"hours", office.hours},
          {"updatedAt", office.updated_at}};
}

Json summary_json(const SubtreeSummary& summary) {
  Json by_type = Json::array();
  for (const auto& t : summary.descendants_by_type) {
    by_type.push_back({{"unitType", unit_type_key(t.type)},
                       {"unitTypeName", unit_type_label(t.type)},
                       {"level", static_cast<int>(level_of_type(t.type))},
                       {"count", t.count}});
  }
  Json urban_rural = Json::array();
  for (const auto& c : summary.urban_rural) {
    urban_rural.push_back({{"code", c.code},
                           {"name", *urban_rural_name(c.code)},
                           {"urban", is_urban(c.code)},
                           {"count", c.count}});
  }
  return {{"descendantsByType", std::move(by_type)},
          {"urbanRural", std::move(urban_rural)},
          {"urbanCount", summary.urban_villages_and_communities},
          {"ruralCount", summary.rural_villages_and_communities}};
}

// The shapes of the answers ------------------------------------------------------------------

const http::Schema& level() {
  static const http::Schema level = http::schema::component(
      "UnitLevel",
      http::schema::integer_enum({1, 2, 3, 4, 5, 6})
          .describe("1 province, 2 city, 3 county, 4 township, 5 village or community, 6 grid"));
  return level;
}

const http::Schema& unit_type() {
  static const http::Schema type = [] {
    std::vector<std::string> keys;
    for (int t = 0; t <= static_cast<int>(UnitType::grid); ++t) {
      keys.emplace_back(unit_type_key(static_cast<UnitType>(t)));
    }
    return http::schema::component("UnitType", http::schema::enum_of(std::move(keys)));
  }();
  return type;
}

http::Schema count() {
  return http::schema::integer(0, http::schema::kMaxInt);
}

// What an urban-rural classification code (城乡分类代码) is, with `extra` fields.
http::Schema urban_rural(std::vector<http::Property> extra = {}) {
  using namespace http::schema;
  std::vector<http::Property> fields{
      {"code", string().describe("城乡分类代码: 111-123 urban, 210-220 rural")},
      {"name", string()},
      {"urban", boolean()}};
  for (http::Property& p : extra) fields.push_back(std::move(p));
  return object(std::move(fields));
}

const http::Schema& unit_schema() {
  using namespace http::schema;
  static const http::Schema unit = component(
      "Unit",
      object({{"code", unit_code()},
              {"name", string()},
              {"level", level()},
              {"levelName", string().describe("the NBS level name: 省, 地级, 县级, 乡级, 村级")},
              {"unitType", unit_type()},
              {"unitTypeName", string()},
              {"parentCode", unit_code().nullable().describe("null for the province")},
              {"childCount", count()},
              {"path", path_schema()},
              {"urbanRural", component("UrbanRural", urban_rural())
                                 .nullable()
                                 .describe("villages and communities only")},
              {"version", integer(1, kMaxInt)}}));
  return unit;
}

// Not a component: the read answers it or null, which a reference cannot say.
http::Schema office_schema() {
  using namespace http::schema;
  return object({{"address", string()},
                 {"phone", string().describe("a public work number, shown to residents")},
                 {"hours", string().describe("opening hours as the office states them")},
                 {"updatedAt", string()}});
}

const http::Schema& summary_schema() {
  using namespace http::schema;
  static const http::Schema summary = component(
      "UnitSummary",
      object({{"descendantsByType", array(object({{"unitType", unit_type()},
                                                  {"unitTypeName", string()},
                                                  {"level", level()},
                                                  {"count", count()}}))
                                        .describe("every type present below the unit")},
              {"urbanRural", array(urban_rural({{"count", count()}}))
                                 .describe("villages and communities per urban-rural code")},
              {"urbanCount", count()},
              {"ruralCount", count()}}));
  return summary;
}

// A GeoJSON Polygon (WGS 84 longitude, latitude): the outer ring, then any holes; each ring
// closed. Requests made at a point inside reach the grid.
const http::Schema& grid_boundary_schema() {
  using namespace http::schema;
  static const http::Schema boundary =
      component("GridBoundary",
                object({{"type", enum_of({"Polygon"})},
                        {"coordinates",
                         array(array(tuple({number(), number()}).describe("[longitude, latitude]"))
                                   .max_items(kMaxGridBoundaryPoints))
                             .min_items(1)
                             .max_items(20)
                             .describe("rings: the boundary, then holes")}}));
  return boundary;
}

const http::Schema& grid_schema() {
  using namespace http::schema;
  static const http::Schema grid = component(
      "Grid",
      object({{"code", unit_code()},
              {"name", string()},
              {"description", string().describe("\"\" when none")},
              {"villageCode", unit_code()},
              {"version", integer(1, kMaxInt)},
              {"createdAt", string()},
              {"updatedAt", string()},
              {"boundary", grid_boundary_schema().nullable().describe("null until drawn")}}));
  return grid;
}

// What the routes take ------------------------------------------------------------------------

http::Schema grid_description() {
  return http::schema::text(500).min_length(0).optional().describe("\"\" clears it");
}

http::Schema grid_boundary() {
  return grid_boundary_schema().nullable().describe("null removes it");
}

PageRequest page_request(const Json& query) {
  return {.page = query["page"].get<int64_t>(), .page_size = query["pageSize"].get<int64_t>()};
}

GridChange grid_change(const Json& body) {
  GridChange change{.name = http::field<std::string>(body, "name"),
                    .description = http::field<std::string>(body, "description")};
  if (body.contains("boundary")) {
    const Json& boundary = body["boundary"];
    change.boundary.emplace();
    if (!boundary.is_null()) {
      geo::Polygon polygon;
      // The contract has checked the shape: rings of [number, number].
      for (const Json& ring : boundary["coordinates"]) {
        geo::Ring points;
        for (const Json& point : ring) {
          points.push_back({point[0].get<double>(), point[1].get<double>()});
        }
        polygon.push_back(std::move(points));
      }
      *change.boundary = std::move(polygon);
    }
  }
  return change;
}

}  // namespace

void add_routes(http::Router& router, OrgService& service) {
  using namespace http::schema;
  // The tree is this server's copy: bring it up to date with other servers' changes first, so
  // that a grid created through one server is found through another at once.
  const auto add = [&router, &service](http::Route route) {
    route.handler = [&service, handler = std::move(route.handler)](
                        const http::Request& request) -> Result<http::Response> {
      SHEQU_TRY(service.sync());
      return handler(request);
    };
    router.add(std::move(route));
  };
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}",
       .permission = std::string(kUnitRead),
       .summary = "One unit: level, type, urban-rural code, parent, number of children",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(UnitView unit, service.unit(*request.actor, code_of(request)));
         return Response::json(200, unit_json(unit));
       },
       .execution = Execution::io,
       .contract = {.path = code_path(), .replies = {{.json = unit_schema()}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/children",
       .permission = std::string(kUnitRead),
       .summary = "A unit's children, ordered by code, paged",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto children, service.children(*request.actor, code_of(request),
                                                                page_request(request.query_json)));
         return Response::json(200, page_json(children));
       },
       .execution = Execution::io,
       .contract = {.path = code_path(),
                    .query = paging(),
                    .replies = {{.json = page_of(unit_schema())}}},
       .exports = http::ListExport{
           .title = {"下级单位", "Sub-units"},
           .columns = {{.field = "code", .label = {"代码", "Code"}, .width = 18},
                       {.field = "name", .label = {"名称", "Name"}, .width = 28},
                       {.field = "levelName", .label = {"层级", "Level"}, .width = 10},
                       {.field = "unitTypeName", .label = {"类型", "Type"}, .width = 14},
                       {.field = "urbanRural.name", .label = {"城乡分类", "Urban/rural"}},
                       {.field = "childCount", .label = {"下级数", "Sub-units"}, .width = 10}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/ancestors",
       .permission = std::string(kUnitRead),
       .summary = "A unit's ancestors from the province down to its parent",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto ancestors,
                                service.ancestors(*request.actor, code_of(request)));
         Json items = Json::array();
         for (const UnitView& view : ancestors) items.push_back(unit_json(view));
         return Response::json(200, {{"items", std::move(items)}});
       },
       .execution = Execution::io,
       .contract = {.path = code_path(),
                    .replies = {{.json = object({{"items", array(unit_schema())}})}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/summary",
       .permission = std::string(kUnitRead),
       .summary = "Counts below a unit: units by type, villages/communities by urban-rural code",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto summary, service.summary(*request.actor, code_of(request)));
         return Response::json(200, summary_json(summary));
       },
       .execution = Execution::io,
       .contract = {.path = code_path(), .replies = {{.json = summary_schema()}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units",
       .permission = std::string(kUnitRead),
       .summary = "Find units by name within a subtree (root defaults to the province)",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& query = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto found, service.search(*request.actor, http::field<std::string>(query, "root"),
                                        query["q"].get<std::string>(), page_request(query)));
         return Response::json(200, page_json(found));
       },
       .execution = Execution::io,
       .contract = {.query =
                        [] {
                          auto query = paging();
                          query.push_back({"q", text(50).describe("part of the unit's name")});
                          query.push_back(
                              {"root", unit_code().optional().describe(
                                           "the subtree to search (default: the caller's scope)")});
                          return query;
                        }(),
                    .replies = {{.json = page_of(unit_schema())}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/grids",
       .permission = std::string(kGridRead),
       .summary = "The grids of a village or community",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto grids, service.grids(*request.actor, code_of(request)));
         Json items = Json::array();
         for (const Grid& grid : grids) items.push_back(grid_json(grid));
         const auto total = static_cast<int64_t>(items.size());
         return Response::json(200, {{"items", std::move(items)}, {"total", total}});
       },
       .contract = {.path = code_path(), .replies = {{.json = page_of(grid_schema())}}},
       .exports = http::ListExport{
           .title = {"网格", "Grids"},
           .columns = {{.field = "code", .label = {"网格代码", "Grid code"}, .width = 18},
                       {.field = "name", .label = {"名称", "Name"}, .width = 20},
                       {.field = "description", .label = {"范围说明", "Area"}, .width = 40},
                       {.field = "createdAt",
                        .label = {"建立时间", "Created"},
                        .format = http::ExportFormat::time,
                        .width = 20}}}});
  add({.method = "POST",
       .pattern = "/api/v1/org/units/{code}/grids",
       .permission = std::string(kGridCreate),
       .summary = "Create a grid under a village or community",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(Grid grid, service.create_grid(*request.actor, code_of(request),
                                                               grid_change(request.body_json)));
         Response response = Response::json(201, grid_json(grid));
         response.headers.emplace_back("location", "/api/v1/org/grids/" + grid.unit.code);
         return response;
       },
       .contract = {.path = code_path(),
                    .body = object({{"name", text(50)},
                                    {"description", grid_description()},
                                    {"boundary", grid_boundary().optional()}}),
                    .replies = {{.status = 201, .json = grid_schema()}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/office",
       .permission = std::string(kUnitRead),
       .summary = "Where residents find a township's, village's or community's office",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto office, service.office(*request.actor, code_of(request)));
         return Response::json(200, office ? office_json(*office) : Json(nullptr));
       },
       .contract = {.path = code_path(),
                    .replies = {{.json = office_schema().nullable().describe(
                                     "null until the unit's staff enter them")}}}});
  add({.method = "PUT",
       .pattern = "/api/v1/org/units/{code}/office",
       .permission = std::string(kOfficeUpdate),
       .summary = "Set the office details of a township, village or community",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(Office office,
                                service.set_office(*request.actor, code_of(request),
                                                   Office{body["address"].get<std::string>(),
                                                          body["phone"].get<std::string>(),
                                                          body["hours"].get<std::string>(), ""}));
         return Response::json(200, office_json(office));
       },
       .contract = {
           .path = code_path(),
           .body = object({{"address", text(200)}, {"phone", work_phone()}, {"hours", text(100)}}),
           .replies = {{.json = office_schema()}}}});
  add({.method = "GET",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridRead),
       .summary = "One grid",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(Grid grid, service.grid(*request.actor, code_of(request)));
         return Response::json(200, grid_json(grid));
       },
       .contract = {.path = code_path(), .replies = {{.json = grid_schema()}}}});
  add({.method = "PATCH",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridUpdate),
       .summary = "Rename, describe or draw a grid",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             Grid grid, service.update_grid(*request.actor, code_of(request),
                                            body["version"].get<int64_t>(), grid_change(body)));
         return Response::json(200, grid_json(grid));
       },
       .contract = {
           .path = code_path(),
           .body =
               object({{"version", integer(1, kMaxInt).describe("the version the caller last saw")},
                       {"name", text(50).optional()},
                       {"description", grid_description()},
                       {"boundary", grid_boundary().optional()}}),
           .replies = {{.json = grid_schema()}}}});
  add({.method = "DELETE",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridDelete),
       .summary = "Retire a grid (kept as history)",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_TRY(service.retire_grid(*request.actor, code_of(request),
                                       request.query_json["version"].get<int64_t>()));
         return Response::no_content();
       },
       .contract = {
           .path = code_path(),
           .query = {{"version", integer(1, kMaxInt).describe("the version the caller last saw")}},
           .replies = {{.status = 204}}}});
}

}  // namespace shequ::org
