// The routes of grid workers on grids and of a resident's own community (auth/grid_workers.hpp).
#include "auth/routes.hpp"
#include "http/contract.hpp"

#include "auth/declaration.hpp"
#include "org/declaration.hpp"
#include "org/unit_json.hpp"

namespace shequ::auth {

namespace {

using http::Request;
using http::Response;

Json assignment_json(const GridAssignment& a) {
  const User& u = a.worker;
  return {{"gridCode", a.grid_code},
          {"userId", u.id},
          {"username", u.username},
          {"displayName", u.display_name},
          {"phone", u.phone_masked.empty() ? Json(nullptr) : Json(u.phone_masked)},
          {"workPhone", a.work_phone.empty() ? Json(nullptr) : Json(a.work_phone)},
          {"assignedAt", a.assigned_at}};
}

Json candidate_json(const User& u, const org::OrgTree& tree) {
  const auto unit = tree.find(u.unit_code);
  return {{"userId", u.id},
          {"username", u.username},
          {"displayName", u.display_name},
          {"unitCode", u.unit_code},
          {"unitName", unit ? unit->unit.name : ""},
          {"phone", u.phone_masked.empty() ? Json(nullptr) : Json(u.phone_masked)}};
}

Json community_json(const ResidentCommunity& c) {
  Json workers = Json::array();
  for (const GridAssignment& a : c.grid_workers) {
    workers.push_back({{"displayName", a.worker.display_name},
                       {"workPhone", a.work_phone.empty() ? Json(nullptr) : Json(a.work_phone)}});
  }
  Json office = nullptr;
  if (c.office) {
    office = {
        {"address", c.office->address}, {"phone", c.office->phone}, {"hours", c.office->hours}};
  }
  Json grid = nullptr;
  if (c.grid) {
    grid = {{"code", c.grid->unit.code},
            {"name", c.grid->unit.name},
            {"description", c.grid->description}};
  }
  return {{"community", org::unit_ref_json(c.community)},
          {"office", std::move(office)},
          {"grid", std::move(grid)},
          {"gridWorkers", std::move(workers)}};
}

const http::Schema& assignment_schema() {
  using namespace http::schema;
  static const http::Schema assignment = component(
      "GridAssignment",
      object(
          {{"gridCode", unit_code()},
           {"userId", integer(1, kMaxInt)},
           {"username", string()},
           {"displayName", string()},
           {"phone", string().nullable().describe("the account's phone, masked; null when none")},
           {"workPhone", string().nullable().describe("a public work number; null when none")},
           {"assignedAt", string()}}));
  return assignment;
}

const http::Schema& candidate_schema() {
  using namespace http::schema;
  static const http::Schema candidate =
      component("GridWorkerCandidate",
                object({{"userId", integer(1, kMaxInt)},
                        {"username", string()},
                        {"displayName", string()},
                        {"unitCode", unit_code()},
                        {"unitName", string()},
                        {"phone", string().nullable().describe("masked; null when none")}}));
  return candidate;
}

const http::Schema& community_schema() {
  using namespace http::schema;
  static const http::Schema community = component(
      "ResidentCommunity",
      object(
          {{"community", org::unit_ref_schema()},
           {"office", object({{"address", string()}, {"phone", string()}, {"hours", string()}})
                          .nullable()
                          .describe("null until the community enters it")},
           {"grid", object({{"code", unit_code()}, {"name", string()}, {"description", string()}})
                        .nullable()
                        .describe("the resident's grid; null for an account of the community")},
           {"gridWorkers",
            array(object({{"displayName", string()}, {"workPhone", string().nullable()}}))}}));
  return community;
}

std::vector<http::Property> grid_and_user_path() {
  using namespace http::schema;
  return {{"code", unit_code().describe("the grid's 15-digit code")},
          {"userId", integer(1, kMaxInt).describe("the grid worker's account")}};
}

}  // namespace

void add_grid_worker_routes(http::Router& router, Auth& auth, const org::OrgTree& tree) {
  using namespace http::schema;
  GridWorkers& workers = auth.grid_workers();
  router.add({.method = "GET",
              .pattern = "/api/v1/org/units/{code}/grid-workers",
              .permission = std::string(org::kGridRead),
              .summary = "Who serves each grid of a village or community",
              .tag = "org",
              .handler = [&workers](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(auto found,
                                       workers.of_village(*request.actor, org::code_of(request)));
                Json items = Json::array();
                for (const GridAssignment& a : found) items.push_back(assignment_json(a));
                return Response::json(200, {{"items", std::move(items)}});
              },
              .contract = {.path = org::code_path("a village's or community's code"),
                           .replies = {{.json = object({{"items", array(assignment_schema())}})}}},
              .exports = http::ListExport{
                  .title = {"网格员", "Grid workers"},
                  .columns = {{.field = "gridCode",
                               .label = {"网格", "Grid"},
                               .format = http::ExportFormat::unit,
                               .width = 40},
                              {.field = "displayName", .label = {"姓名", "Name"}, .width = 22},
                              {.field = "username", .label = {"用户名", "User name"}},
                              {.field = "phone", .label = {"手机号（已脱敏）", "Mobile (masked)"}},
                              {.field = "workPhone", .label = {"工作电话", "Work phone"}},
                              {.field = "assignedAt",
                               .label = {"指派时间", "Assigned"},
                               .format = http::ExportFormat::time,
                               .width = 20}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/org/grids/{code}/worker-candidates",
              .permission = std::string(kGridWorkerAssign),
              .summary = "Accounts that may be assigned to a grid: the grid workers of its village",
              .tag = "org",
              .handler = [&workers, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(auto users,
                                       workers.candidates(*request.actor, org::code_of(request)));
                Json items = Json::array();
                for (const User& u : users) items.push_back(candidate_json(u, tree));
                return Response::json(200, {{"items", std::move(items)}});
              },
              .contract = {.path = org::code_path("the grid's 15-digit code"),
                           .replies = {{.json = object({{"items", array(candidate_schema())}})}}}});
  router.add(
      {.method = "PUT",
       .pattern = "/api/v1/org/grids/{code}/workers/{userId}",
       .permission = std::string(kGridWorkerAssign),
       .summary = "Assign a grid worker to a grid, or change the work phone shown to residents",
       .tag = "org",
       .handler = [&workers](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             GridAssignment assigned,
             workers.assign(
                 *request.actor, org::code_of(request), request.path_json["userId"].get<int64_t>(),
                 body.contains("workPhone") ? body["workPhone"].get<std::string>() : ""));
         return Response::json(200, assignment_json(assigned));
       },
       .contract = {.path = grid_and_user_path(),
                    .body = object({{"workPhone", work_phone().optional().describe(
                                                      "a public work number residents may call")}}),
                    .replies = {{.json = assignment_schema()}}}});
  router.add({.method = "DELETE",
              .pattern = "/api/v1/org/grids/{code}/workers/{userId}",
              .permission = std::string(kGridWorkerAssign),
              .summary = "Remove a grid worker from a grid",
              .tag = "org",
              .handler = [&workers](const Request& request) -> Result<Response> {
                SHEQU_TRY(workers.unassign(*request.actor, org::code_of(request),
                                           request.path_json["userId"].get<int64_t>()));
                return Response::no_content();
              },
              .contract = {.path = grid_and_user_path(), .replies = {{.status = 204}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/me/community",
              .permission = std::string(http::kAuthenticated),
              .summary = "The caller's own community: its office, the caller's grid and who "
                         "serves it (the resident pages' 我的社区)",
              .tag = "auth",
              .handler = [&workers](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(auto community, workers.community_of(*request.actor));
                return Response::json(200, community_json(community));
              },
              .contract = {.replies = {{.json = community_schema()}}}});
}

}  // namespace shequ::auth
