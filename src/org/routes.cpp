#include <fmt/format.h>

#include "org/routes.hpp"

#include "http/query.hpp"
#include "org/declaration.hpp"
#include "org/unit_codes.hpp"

namespace shequ::org {

namespace {

using http::Execution;
using http::QueryParameter;
using http::QueryReader;
using http::Request;
using http::Response;

constexpr int64_t kMaxPageSize = 200;

const std::vector<QueryParameter> kPaging{
    {"page", "integer", "1-based page number (default 1)"},
    {"pageSize", "integer", "items per page, 1-200 (default 20)"},
};

PageRequest read_page(QueryReader& query) {
  PageRequest page;
  page.page = query.integer("page", 1, 1, 1'000'000);
  page.page_size = query.integer("pageSize", 20, 1, kMaxPageSize);
  return page;
}

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
  return {{"code", grid.unit.code},          {"name", grid.unit.name},
          {"description", grid.description}, {"villageCode", grid.unit.parent_code},
          {"version", grid.unit.version},    {"createdAt", grid.created_at},
          {"updatedAt", grid.updated_at}};
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

// Reads a grid body: name and description, and `version` when `with_version`.
Result<std::pair<GridChange, int64_t>> read_grid_body(const Request& request, bool with_version) {
  SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
  JsonObjectReader reader(body);
  GridChange change;
  change.name = with_version ? reader.optional_text("name", 50) : reader.required_text("name", 50);
  change.description = reader.optional_text_or_empty("description", 500);
  int64_t version = 0;
  if (with_version) version = reader.required_int("version", 1, INT64_MAX).value_or(0);
  SHEQU_TRY(reader.finish());
  return std::pair{std::move(change), version};
}

}  // namespace

void add_routes(http::Router& router, OrgService& service) {
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
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(UnitView unit, service.unit(*request.actor, request.param("code")));
         return Response::json(200, unit_json(unit));
       },
       .execution = Execution::io});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/children",
       .permission = std::string(kUnitRead),
       .summary = "A unit's children, ordered by code, paged",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         const PageRequest page = read_page(query);
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto children,
                                service.children(*request.actor, request.param("code"), page));
         return Response::json(200, page_json(children));
       },
       .execution = Execution::io,
       .query = kPaging});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/ancestors",
       .permission = std::string(kUnitRead),
       .summary = "A unit's ancestors from the province down to its parent",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto ancestors,
                                service.ancestors(*request.actor, request.param("code")));
         Json items = Json::array();
         for (const UnitView& view : ancestors) items.push_back(unit_json(view));
         return Response::json(200, {{"items", std::move(items)}});
       },
       .execution = Execution::io});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/summary",
       .permission = std::string(kUnitRead),
       .summary = "Counts below a unit: units by type, villages/communities by urban-rural code",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto summary,
                                service.summary(*request.actor, request.param("code")));
         return Response::json(200, summary_json(summary));
       },
       .execution = Execution::io});
  add({.method = "GET",
       .pattern = "/api/v1/org/units",
       .permission = std::string(kUnitRead),
       .summary = "Find units by name within a subtree (root defaults to the province)",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         const auto q = query.text("q", 50);
         const auto root = query.text("root", 15);
         const PageRequest page = read_page(query);
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto found,
                                service.search(*request.actor, root, q.value_or(""), page));
         return Response::json(200, page_json(found));
       },
       .execution = Execution::io,
       .query =
           [] {
             auto params = kPaging;
             params.push_back({"q", "string", "part of the unit's name (1-50 characters)"});
             params.push_back(
                 {"root", "string", "code of the subtree to search (default: the caller's scope)"});
             return params;
           }()});
  add({.method = "GET",
       .pattern = "/api/v1/org/units/{code}/grids",
       .permission = std::string(kGridRead),
       .summary = "The grids of a village or community",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto grids, service.grids(*request.actor, request.param("code")));
         Json items = Json::array();
         for (const Grid& grid : grids) items.push_back(grid_json(grid));
         const auto total = static_cast<int64_t>(items.size());
         return Response::json(200, {{"items", std::move(items)}, {"total", total}});
       }});
  add({.method = "POST",
       .pattern = "/api/v1/org/units/{code}/grids",
       .permission = std::string(kGridCreate),
       .summary = "Create a grid under a village or community: {name, description?}",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto input, read_grid_body(request, /*with_version=*/false));
         SHEQU_ASSIGN_OR_RETURN(
             Grid grid, service.create_grid(*request.actor, request.param("code"), input.first));
         Response response = Response::json(201, grid_json(grid));
         response.headers.emplace_back("location", "/api/v1/org/grids/" + grid.unit.code);
         return response;
       },
       .json_body = true,
       .success_status = 201});
  add({.method = "GET",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridRead),
       .summary = "One grid",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(Grid grid, service.grid(*request.actor, request.param("code")));
         return Response::json(200, grid_json(grid));
       }});
  add({.method = "PATCH",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridUpdate),
       .summary = "Rename or describe a grid: {version, name?, description?}",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto input, read_grid_body(request, /*with_version=*/true));
         SHEQU_ASSIGN_OR_RETURN(
             Grid grid,
             service.update_grid(*request.actor, request.param("code"), input.second, input.first));
         return Response::json(200, grid_json(grid));
       },
       .json_body = true});
  add({.method = "DELETE",
       .pattern = "/api/v1/org/grids/{code}",
       .permission = std::string(kGridDelete),
       .summary = "Retire a grid (kept as history): ?version=N",
       .tag = "org",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         const auto version = query.required_integer("version", 1, INT64_MAX);
         SHEQU_TRY(query.finish());
         SHEQU_TRY(service.retire_grid(*request.actor, request.param("code"), *version));
         return Response::no_content();
       },
       .query = {{"version", "integer", "the version the caller last saw", true}},
       .success_status = 204});
}

}  // namespace shequ::org
