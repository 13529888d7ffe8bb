#include "http/contract.hpp"
#include "lists/declaration.hpp"
#include "lists/routes.hpp"
#include "org/unit_json.hpp"

namespace shequ::lists {

namespace {

using http::Request;
using http::Response;
using org::id_of;
using org::page_of_query;

// What staff and the public both see of a project.
std::vector<http::Property> public_project_properties() {
  using namespace http::schema;
  return {{"id", integer(1, kMaxInt)},
          {"unit", string()},
          {"unitName", string()},
          {"title", string()},
          {"category", enum_of(choice_keys(project_categories()))},
          {"categoryLabel", string()},
          {"summary", string()},
          {"budgetFen", integer(0, kMaxInt)},
          {"fundingSource", enum_of(choice_keys(funding_sources()))},
          {"fundingSourceLabel", string()},
          {"startOn", string()},
          {"endOn", string()},
          {"status", enum_of(choice_keys(project_states()))},
          {"statusLabel", string()},
          {"progress", integer(0, 100)},
          {"beneficiaries", integer(0, kMaxInt)},
          {"publishedAt", string().describe("empty until first published")}};
}

Json public_project_json(const ProjectView& v, Locale locale) {
  const Project& p = v.project;
  return {{"id", p.id},
          {"unit", p.unit_code},
          {"unitName", v.unit_name},
          {"title", p.title},
          {"category", p.category},
          {"categoryLabel", choice_label(project_categories(), p.category, locale)},
          {"summary", p.summary},
          {"budgetFen", p.budget_fen},
          {"fundingSource", p.funding_source},
          {"fundingSourceLabel", choice_label(funding_sources(), p.funding_source, locale)},
          {"startOn", p.start_on},
          {"endOn", p.end_on},
          {"status", p.status},
          {"statusLabel", choice_label(project_states(), p.status, locale)},
          {"progress", p.progress},
          {"beneficiaries", p.beneficiaries},
          {"publishedAt", p.published_at}};
}

const http::Schema& public_project_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("PublicProject", object(public_project_properties()));
  return schema;
}

const http::Schema& project_schema() {
  using namespace http::schema;
  static const http::Schema schema = [] {
    std::vector<http::Property> p = public_project_properties();
    for (auto& more : std::vector<http::Property>{
             {"version", integer(1, kMaxInt)},
             {"published", boolean()},
             {"pendingComments", integer(0, kMaxInt).describe("comments waiting for review")},
             {"createdByName", string()},
             {"createdAt", string()},
             {"updatedAt", string()}}) {
      p.push_back(std::move(more));
    }
    return component("ListsProject", object(std::move(p)));
  }();
  return schema;
}

Json project_json(const ProjectView& v, Locale locale) {
  Json out = public_project_json(v, locale);
  const Project& p = v.project;
  out["version"] = p.version;
  out["published"] = p.published;
  out["pendingComments"] = p.pending_comments;
  out["createdByName"] = p.created_by_name;
  out["createdAt"] = p.created_at;
  out["updatedAt"] = p.updated_at;
  return out;
}

Json public_update_json(const ProjectUpdate& u, Locale locale) {
  return {{"on", u.on},
          {"progress", u.progress},
          {"status", u.status},
          {"statusLabel", choice_label(project_states(), u.status, locale)},
          {"text", u.body}};
}

std::vector<http::Property> public_update_properties() {
  using namespace http::schema;
  return {{"on", string()},
          {"progress", integer(0, 100)},
          {"status", enum_of(choice_keys(project_states()))},
          {"statusLabel", string()},
          {"text", string()}};
}

const http::Schema& update_schema() {
  using namespace http::schema;
  static const http::Schema schema = [] {
    std::vector<http::Property> p = public_update_properties();
    p.push_back({"id", integer(1, kMaxInt)});
    p.push_back({"createdByName", string()});
    p.push_back({"createdAt", string()});
    return component("ProjectUpdate", object(std::move(p)));
  }();
  return schema;
}

Json update_json(const ProjectUpdate& u, Locale locale) {
  Json out = public_update_json(u, locale);
  out["id"] = u.id;
  out["createdByName"] = u.created_by_name;
  out["createdAt"] = u.created_at;
  return out;
}

const http::Schema& comment_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ProjectComment", object({{"id", integer(1, kMaxInt)},
                                          {"projectId", integer(1, kMaxInt)},
                                          {"projectTitle", string()},
                                          {"body", string()},
                                          {"state", enum_of(choice_keys(comment_states()))},
                                          {"stateLabel", string()},
                                          {"reply", string()},
                                          {"createdAt", string()},
                                          {"decidedByName", string()},
                                          {"decidedAt", string()}}));
  return schema;
}

Json comment_json(const ProjectComment& c, Locale locale) {
  return {{"id", c.id},
          {"projectId", c.project_id},
          {"projectTitle", c.project_title},
          {"body", c.body},
          {"state", c.state},
          {"stateLabel", choice_label(comment_states(), c.state, locale)},
          {"reply", c.reply},
          {"createdAt", c.created_at},
          {"decidedByName", c.decided_by_name},
          {"decidedAt", c.decided_at}};
}

const http::Schema& public_comment_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("PublicProjectComment",
                object({{"body", string()}, {"reply", string()}, {"createdAt", string()}}));
  return schema;
}

std::vector<http::Property> project_body() {
  using namespace http::schema;
  return {{"unit", unit_code().describe("a county, township, village or community")},
          {"title", text(kMaxTitle)},
          {"category", enum_of(choice_keys(project_categories()))},
          {"summary", text(kMaxSummary).min_length(0).default_to("")},
          {"budgetFen", integer(0, kMaxBudgetFen).default_to(0)},
          {"fundingSource", enum_of(choice_keys(funding_sources()))},
          {"startOn", date()},
          {"endOn", date()},
          {"beneficiaries", integer(0, kMaxBeneficiaries).default_to(0).describe("people")}};
}

ProjectInput project_input(const Json& b) {
  return {b["unit"].get<std::string>(),     b["title"].get<std::string>(),
          b["category"].get<std::string>(), b["summary"].get<std::string>(),
          b["budgetFen"].get<int64_t>(),    b["fundingSource"].get<std::string>(),
          b["startOn"].get<std::string>(),  b["endOn"].get<std::string>(),
          b["beneficiaries"].get<int64_t>()};
}

const http::Schema& detail_schema() {
  using namespace http::schema;
  static const http::Schema schema = object({{"project", project_schema()},
                                             {"updates", array(update_schema())},
                                             {"comments", array(comment_schema())}});
  return schema;
}

Json detail_json(const ProjectDetail& d, Locale locale) {
  Json updates = Json::array();
  for (const ProjectUpdate& u : d.updates) updates.push_back(update_json(u, locale));
  Json comments = Json::array();
  for (const ProjectComment& c : d.comments) comments.push_back(comment_json(c, locale));
  return {{"project", project_json(d.project, locale)},
          {"updates", std::move(updates)},
          {"comments", std::move(comments)}};
}

void add_staff_routes(http::Router& router, const ProjectService& projects) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  list_query.push_back({"status", enum_of(choice_keys(project_states())).optional()});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/lists/projects",
       .permission = std::string(kProjectRead),
       .summary = "Livelihood projects in scope, newest first",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(auto page,
                                projects.list(*request.actor, q.value("unit", std::string()),
                                              q.value("status", std::string()), page_of_query(q)));
         Json items = Json::array();
         for (const ProjectView& v : page.items) items.push_back(project_json(v, request.locale));
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = list_query, .replies = {{.json = page_of(project_schema())}}},
       .exports = http::ListExport{
           .title = {"项目清单", "Projects"},
           .columns = {{.field = "unit",
                        .label = {"所属单位", "Unit"},
                        .format = http::ExportFormat::unit,
                        .width = 30},
                       {.field = "title", .label = {"项目名称", "Project"}, .width = 30},
                       {.field = "categoryLabel", .label = {"项目类别", "Category"}},
                       {.field = "budgetFen",
                        .label = {"预算（元）", "Budget (yuan)"},
                        .format = http::ExportFormat::fen},
                       {.field = "fundingSourceLabel", .label = {"资金来源", "Funding"}},
                       {.field = "startOn", .label = {"开始日期", "Start"}, .width = 12},
                       {.field = "endOn", .label = {"完成时限", "End"}, .width = 12},
                       {.field = "statusLabel", .label = {"状态", "Status"}, .width = 10},
                       {.field = "progress", .label = {"进度（%）", "Progress (%)"}},
                       {.field = "beneficiaries", .label = {"受益人数", "Beneficiaries"}},
                       {.field = "published", .label = {"已公开", "Published"}, .width = 8}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/lists/projects",
              .permission = std::string(kProjectWrite),
              .summary = "Registers a livelihood project (not yet published)",
              .tag = "lists",
              .handler = [&projects](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ProjectView v,
                    projects.create(*request.actor, project_input(request.body_json)));
                return Response::json(201, project_json(v, request.locale));
              },
              .contract = {.body = object(project_body()),
                           .replies = {{.status = 201, .json = project_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/projects/{id}",
              .permission = std::string(kProjectRead),
              .summary = "A project with its progress reports and every comment, newest first",
              .tag = "lists",
              .handler = [&projects](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const ProjectDetail d,
                                       projects.find(*request.actor, id_of(request)));
                return Response::json(200, detail_json(d, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = detail_schema()}}}});
  std::vector<http::Property> update_body = project_body();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/lists/projects/{id}",
              .permission = std::string(kProjectWrite),
              .summary = "Changes a project at `version`",
              .tag = "lists",
              .handler = [&projects](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const ProjectView v,
                                       projects.update(*request.actor, id_of(request),
                                                       request.body_json["version"].get<int64_t>(),
                                                       project_input(request.body_json)));
                return Response::json(200, project_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = project_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/projects/{id}/updates",
       .permission = std::string(kProjectWrite),
       .summary = "Reports a project's progress at `version`: never below the last "
                  "report; done at 100 %",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const ProjectView v,
             projects.report(*request.actor, id_of(request), b["version"].get<int64_t>(),
                             {b["on"].get<std::string>(), b["progress"].get<int>(),
                              b["status"].get<std::string>(), b["text"].get<std::string>()}));
         return Response::json(200, project_json(v, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)},
                                    {"on", date()},
                                    {"progress", integer(0, 100)},
                                    {"status", enum_of(choice_keys(project_states()))},
                                    {"text", text(kMaxReport)}}),
                    .replies = {{.json = project_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/projects/{id}/publish",
       .permission = std::string(kProjectWrite),
       .summary = "Publishes a project to residents, or withdraws it, at `version`",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const ProjectView v,
             projects.publish(*request.actor, id_of(request), b["version"].get<int64_t>(),
                              b["published"].get<bool>()));
         return Response::json(200, project_json(v, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)}, {"published", boolean()}}),
                    .replies = {{.json = project_schema()}}}});
  std::vector<http::Property> comments_query = paging();
  comments_query.push_back(
      {"unit", unit_code().optional().describe("its subtree; none: the scope")});
  comments_query.push_back({"state", enum_of(choice_keys(comment_states())).optional()});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/lists/comments",
       .permission = std::string(kProjectWrite),
       .summary = "Residents' comments on projects in scope, oldest first",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto page, projects.comments(*request.actor, q.value("unit", std::string()),
                                          q.value("state", std::string()), page_of_query(q)));
         Json items = Json::array();
         for (const ProjectComment& c : page.items)
           items.push_back(comment_json(c, request.locale));
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = comments_query, .replies = {{.json = page_of(comment_schema())}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/lists/comments/{id}/decision",
       .permission = std::string(kProjectWrite),
       .summary = "Publishes or hides a resident's comment, with an optional public reply",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const ProjectComment c,
             projects.decide(*request.actor, id_of(request), b["decision"] == "publish",
                             b["reply"].get<std::string>()));
         return Response::json(200, comment_json(c, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"decision", enum_of({"publish", "hide"})},
                                    {"reply", text(kMaxComment).min_length(0).default_to("")}}),
                    .replies = {{.json = comment_schema()}}}});
}

void add_resident_routes(http::Router& router, const ProjectService& projects) {
  using namespace http::schema;
  router.add({.method = "POST",
              .pattern = "/api/v1/lists/projects/{id}/comments",
              .permission = std::string(kProjectComment),
              .summary = "A resident comments on a published project of their area; shown once "
                         "staff publish it",
              .tag = "lists",
              .handler = [&projects](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ProjectComment c,
                    projects.comment(*request.actor, id_of(request),
                                     request.body_json["body"].get<std::string>()));
                return Response::json(201, comment_json(c, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"body", text(kMaxComment)}}),
                           .replies = {{.status = 201, .json = comment_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/lists/my-comments",
              .permission = std::string(kProjectComment),
              .summary = "The caller's own comments with their review state, newest first",
              .tag = "lists",
              .handler = [&projects](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(auto mine, projects.my_comments(*request.actor));
                Json items = Json::array();
                for (const ProjectComment& c : mine)
                  items.push_back(comment_json(c, request.locale));
                return Response::json(200, {{"items", items}});
              },
              .contract = {.replies = {{.json = object({{"items", array(comment_schema())}})}}}});
}

void add_public_routes(http::Router& router, const ProjectService& projects) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().describe("the resident's community, or any unit")});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/public/projects",
       .permission = std::string(http::kPublic),
       .summary = "Anyone: the published projects of a unit, the units above it and those "
                  "within it; under way first",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto page, projects.public_list(q["unit"].get<std::string>(), page_of_query(q)));
         Json items = Json::array();
         for (const ProjectView& v : page.items) {
           items.push_back(public_project_json(v, request.locale));
         }
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = list_query, .replies = {{.json = page_of(public_project_schema())}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/public/projects/{id}",
       .permission = std::string(http::kPublic),
       .summary = "Anyone: a published project with its progress reports and published "
                  "comments; nobody's name",
       .tag = "lists",
       .handler = [&projects](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const ProjectDetail d, projects.public_find(id_of(request)));
         Json updates = Json::array();
         for (const ProjectUpdate& u : d.updates) {
           updates.push_back(public_update_json(u, request.locale));
         }
         Json comments = Json::array();
         for (const ProjectComment& c : d.comments) {
           comments.push_back({{"body", c.body}, {"reply", c.reply}, {"createdAt", c.created_at}});
         }
         return Response::json(200, {{"project", public_project_json(d.project, request.locale)},
                                     {"updates", std::move(updates)},
                                     {"comments", std::move(comments)}});
       },
       .contract = {
           .path = ids_path(),
           .replies = {
               {.json = object({{"project", public_project_schema()},
                                {"updates", array(component("PublicProjectUpdate",
                                                            object(public_update_properties())))},
                                {"comments", array(public_comment_schema())}})}}}});
}

}  // namespace

void add_project_routes(http::Router& router, const ProjectService& projects) {
  add_staff_routes(router, projects);
  add_resident_routes(router, projects);
  add_public_routes(router, projects);
}

}  // namespace shequ::lists
