#include "auth/routes.hpp"

#include <fmt/format.h>

#include "auth/declaration.hpp"
#include "auth/roles.hpp"
#include "http/contract.hpp"
#include "http/dispatcher.hpp"

namespace shequ::auth {

namespace {

using http::Execution;
using http::kSessionCookie;
using http::Request;
using http::Response;

std::string session_cookie(const std::string& token, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{}", kSessionCookie,
                     token, secure ? "; Secure" : "");
}

std::string expired_cookie(bool secure) {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", kSessionCookie,
                     secure ? "; Secure" : "");
}

ClientInfo client(const Request& request) {
  return {request.remote_address, request.request_id};
}

Json grant_json(const RoleGrant& grant, const org::OrgTree& tree, Locale locale) {
  const RoleDefinition* role = find_role(grant.role);
  const auto unit = tree.find(grant.unit_code);
  return {{"role", grant.role},
          {"roleName", role ? role->name.in(locale) : grant.role},
          {"unitCode", grant.unit_code},
          {"unitName", unit ? unit->unit.name : ""}};
}

Json user_json(const User& user, const org::OrgTree& tree, Locale locale) {
  Json roles = Json::array();
  for (const RoleGrant& grant : user.roles) roles.push_back(grant_json(grant, tree, locale));
  const auto unit = tree.find(user.unit_code);
  return {{"id", user.id},
          {"username", user.username},
          {"displayName", user.display_name},
          {"phone", user.phone_masked.empty() ? Json(nullptr) : Json(user.phone_masked)},
          {"status", user.status},
          {"unitCode", user.unit_code},
          {"unitName", unit ? unit->unit.name : ""},
          {"roles", std::move(roles)},
          {"totpEnabled", user.totp_enabled},
          {"version", user.version}};
}

Json api_key_json(const ApiKey& key) {
  return {{"id", key.id},
          {"name", key.name},
          {"unitCode", key.unit_code},
          {"permissions", key.permissions},
          {"createdAt", key.created_at},
          {"revoked", key.revoked}};
}

// The shapes of the answers ------------------------------------------------------------------

http::Schema id() {
  return http::schema::integer(1, http::schema::kMaxInt);
}

const http::Schema& grant_schema() {
  using namespace http::schema;
  static const http::Schema grant = component(
      "RoleGrant",
      object({{"role", string().describe("the role's key (RoleKey)")},
              {"roleName", string().describe("in the language asked for")},
              {"unitCode", unit_code().describe("where the role is held: that unit's subtree")},
              {"unitName", string()}}));
  return grant;
}

const http::Schema& user_schema() {
  using namespace http::schema;
  static const http::Schema user = component(
      "User",
      object({{"id", id()},
              {"username", string()},
              {"displayName", string()},
              {"phone", string().nullable().describe("masked (138****5678); null when none")},
              {"status", enum_of({"active", "disabled"})},
              {"unitCode", unit_code().describe("the account's home unit")},
              {"unitName", string()},
              {"roles", array(grant_schema())},
              {"totpEnabled", boolean().describe("a second factor (TOTP) is in force")},
              {"version", integer(1, kMaxInt)}}));
  return user;
}

const http::Schema& api_key_schema() {
  using namespace http::schema;
  static const http::Schema key =
      component("ApiKey", object({{"id", id()},
                                  {"name", string()},
                                  {"unitCode", unit_code().describe("the subtree it may act in")},
                                  {"permissions", array(string())},
                                  {"createdAt", string()},
                                  {"revoked", boolean()}}));
  return key;
}

const http::Schema& role_definition_schema() {
  using namespace http::schema;
  static const http::Schema role = [] {
    std::vector<std::string> keys;
    for (const RoleDefinition& r : built_in_roles()) keys.emplace_back(r.key);
    return component(
        "RoleDefinition",
        object({{"role", component("RoleKey", enum_of(std::move(keys)))},
                {"roleName", string().describe("in the language asked for")},
                {"permissions", array(string())},
                {"separatedDuty",
                 boolean().describe("one of the three separated administrators: granted only by "
                                    "the operator on the server")},
                {"levels", array(integer(1, 6))
                               .describe("the unit levels it may be held at: 1 "
                                         "province ... 6 grid")}}));
  }();
  return role;
}

// What the routes take ------------------------------------------------------------------------

std::vector<http::Property> id_path(const char* what) {
  return {{"id", id().describe(what)}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

http::Schema roles_input() {
  using namespace http::schema;
  static const http::Schema assignment =
      component("RoleAssignment",
                object({{"role", text(32).describe("a role's key")}, {"unitCode", unit_code()}}));
  return array(assignment).max_items(50);
}

std::vector<RoleGrant> roles_of(const Json& roles) {
  std::vector<RoleGrant> out;
  for (const Json& r : roles) out.push_back({r["role"], r["unitCode"]});
  return out;
}

// The filters of both account lists (the query of one, the body of the other) and the paging.
std::vector<http::Property> user_filters() {
  using namespace http::schema;
  std::vector<http::Property> filters = paging();
  filters.push_back(
      {"unit", unit_code().optional().describe("only accounts of this unit's subtree")});
  filters.push_back({"q", text(50).optional().describe("part of the user name or display name")});
  return filters;
}

Result<Response> user_page(Auth& auth, const org::OrgTree& tree, const Request& request,
                           const Json& search) {
  const int64_t page_size = search["pageSize"].get<int64_t>();
  SHEQU_ASSIGN_OR_RETURN(
      auto found,
      auth.accounts().users(*request.actor, http::field<std::string>(search, "unit").value_or(""),
                            http::field<std::string>(search, "q").value_or(""),
                            http::field<std::string>(search, "phone").value_or(""),
                            (search["page"].get<int64_t>() - 1) * page_size, page_size));
  Json items = Json::array();
  for (const User& user : found.first) items.push_back(user_json(user, tree, request.locale));
  return Response::json(200, {{"items", std::move(items)}, {"total", found.second}});
}

}  // namespace

void add_routes(http::Router& router, Auth& auth, const org::OrgTree& tree, bool secure_cookies) {
  using namespace http::schema;
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/auth/login",
       .permission = std::string(http::kPublic),
       .summary = "Log in; sets the session cookie, returns the CSRF token",
       .tag = "auth",
       .handler = [&auth, &tree, secure_cookies](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto login,
             auth.sessions().login(body["username"], body["password"],
                                   http::field<std::string>(body, "totpCode").value_or(""),
                                   client(request)));
         Response response =
             Response::json(200, {{"user", user_json(login.user, tree, request.locale)},
                                  {"csrfToken", login.csrf_token},
                                  {"mustChangePassword", login.user.must_change_password}});
         response.headers.emplace_back("set-cookie", session_cookie(login.token, secure_cookies));
         return response;
       },
       .contract = {.body = object({{"username", text(64)},
                                    {"password", secret(256)},
                                    {"totpCode", text(6).optional().describe(
                                                     "the one-time code, when a second factor "
                                                     "is in force")}}),
                    .replies = {{.json = component(
                                     "Login", object({{"user", user_schema()},
                                                      {"csrfToken", string()},
                                                      {"mustChangePassword", boolean()}}))}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .permission = std::string(http::kAuthenticated),
              .summary = "Log out: ends this session",
              .tag = "auth",
              .handler = [&auth, secure_cookies](const Request& request) -> Result<Response> {
                SHEQU_TRY(auth.sessions().logout(*request.actor, request.cookie(kSessionCookie)));
                Response response = Response::no_content();
                response.headers.emplace_back("set-cookie", expired_cookie(secure_cookies));
                return response;
              },
              .contract = {.replies = {{.status = 204}}},
              .allowed_with_expired_password = true});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/auth/me",
       .permission = std::string(http::kAuthenticated),
       .summary = "The current user: account, roles with their units, permissions, CSRF token",
       .tag = "auth",
       .handler = [&auth, &tree](const Request& request) -> Result<Response> {
         const Actor& actor = *request.actor;
         SHEQU_ASSIGN_OR_RETURN(User user, auth.accounts().me(actor));
         Json roles = Json::array();
         for (const RoleGrant& grant : user.roles)
           roles.push_back(grant_json(grant, tree, request.locale));
         Json permissions = Json::array();
         for (std::string_view p : auth.roles().all_permissions()) {
           if (actor.has(p)) permissions.push_back(p);
         }
         return Response::json(200, {{"user", user_json(user, tree, request.locale)},
                                     {"roles", std::move(roles)},
                                     {"permissions", std::move(permissions)},
                                     {"csrfToken", actor.csrf_token},
                                     {"mustChangePassword", actor.must_change_password}});
       },
       .contract = {.replies = {{.json = component(
                                     "Me",
                                     object({{"user", user_schema()},
                                             {"roles", array(grant_schema())},
                                             {"permissions", array(string()).describe(
                                                                 "every permission the user holds "
                                                                 "somewhere")},
                                             {"csrfToken", string()},
                                             {"mustChangePassword", boolean()}}))}}},
       .allowed_with_expired_password = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/auth/password",
              .permission = std::string(http::kAuthenticated),
              .summary = "Change one's password; ends every session",
              .tag = "auth",
              .handler = [&auth, secure_cookies](const Request& request) -> Result<Response> {
                const Json& body = request.body_json;
                SHEQU_TRY(auth.sessions().change_password(*request.actor, body["currentPassword"],
                                                          body["newPassword"]));
                Response response = Response::no_content();
                response.headers.emplace_back("set-cookie", expired_cookie(secure_cookies));
                return response;
              },
              .contract = {.body = object(
                               {{"currentPassword", secret(256)}, {"newPassword", secret(256)}}),
                           .replies = {{.status = 204}}},
              .allowed_with_expired_password = true});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/auth/totp/setup",
       .permission = std::string(http::kAuthenticated),
       .summary = "Start setting up a second factor (TOTP): returns the secret and an otpauth URI",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto setup, auth.second_factor().setup(*request.actor));
         return Response::json(200, {{"secret", setup.secret}, {"uri", setup.uri}});
       },
       .contract = {.replies = {{.json = component(
                                     "TotpSetup",
                                     object({{"secret", string().describe("base32")},
                                             {"uri", string().describe("otpauth://, for the "
                                                                       "QR code")}}))}}},
       .allowed_with_expired_password = true,
       .reveals_personal_data = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/auth/totp/enable",
              .permission = std::string(http::kAuthenticated),
              .summary = "Put the second factor in force by confirming a code from it",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_TRY(auth.second_factor().enable(*request.actor, request.body_json["code"]));
                return Response::no_content();
              },
              .contract = {.body = object({{"code", text(6)}}), .replies = {{.status = 204}}},
              .allowed_with_expired_password = true});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/auth/roles",
       .permission = std::string(http::kAuthenticated),
       .summary = "The built-in roles, their permissions and the unit levels (1 province "
                  "... 6 grid) each may be held at",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         Json items = Json::array();
         for (const auto& role : built_in_roles()) {
           const auto carried = auth.roles().permissions(role.key);
           Json permissions(std::vector<std::string>(carried.begin(), carried.end()));
           Json levels = Json::array();
           for (int level = static_cast<int>(role.highest_level);
                level <= static_cast<int>(role.lowest_level); ++level) {
             levels.push_back(level);
           }
           items.push_back({{"role", role.key},
                            {"roleName", role.name.in(request.locale)},
                            {"permissions", std::move(permissions)},
                            {"separatedDuty", role.separated_duty},
                            {"levels", std::move(levels)}});
         }
         return Response::json(200, {{"items", std::move(items)}});
       },
       .execution = Execution::io,
       .contract = {.replies = {{.json = object({{"items", array(role_definition_schema())}})}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/users",
       .permission = std::string(kUserRead),
       .summary = "Accounts within the caller's scope (or within ?unit=), by name",
       .tag = "auth",
       .handler = [&auth, &tree](const Request& request) -> Result<Response> {
         return user_page(auth, tree, request, request.query_json);
       },
       .contract = {.query = user_filters(), .replies = {{.json = page_of(user_schema())}}},
       .exports = http::ListExport{
           .title = {"账号", "Accounts"},
           .columns = {
               {.field = "username", .label = {"用户名", "User name"}},
               {.field = "displayName", .label = {"姓名", "Name"}, .width = 22},
               {.field = "phone", .label = {"手机号（已脱敏）", "Mobile (masked)"}},
               {.field = "status",
                .label = {"状态", "Status"},
                .width = 8,
                .values = {{"active", {"启用", "Active"}}, {"disabled", {"停用", "Disabled"}}}},
               {.field = "unitCode",
                .label = {"所属单位", "Unit"},
                .format = http::ExportFormat::unit,
                .width = 40},
               {.field = "roles", .label = {"角色", "Roles"}, .width = 30, .each = "roleName"},
               {.field = "totpEnabled", .label = {"双因素认证", "Second factor"}, .width = 10}}}});
  // A phone number is personal data: it travels in a body, which proxies do not log, never in
  // the URL.
  router.add({.method = "POST",
              .pattern = "/api/v1/users/search",
              .permission = std::string(kUserRead),
              .summary = "Accounts within the caller's scope by exact mobile number (matched "
                         "through its blind index)",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                return user_page(auth, tree, request, request.body_json);
              },
              .contract = {.body =
                               [] {
                                 auto fields = user_filters();
                                 fields.push_back({"phone", mobile().describe("the whole number")});
                                 return object(std::move(fields));
                               }(),
                           .replies = {{.json = page_of(user_schema())}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/users",
              .permission = std::string(kUserCreate),
              .summary = "Create an account",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                const Json& body = request.body_json;
                NewUser user;
                user.username = body["username"];
                user.display_name = body["displayName"];
                user.password = body["password"];
                user.unit_code = body["unitCode"];
                user.phone = http::field<std::string>(body, "phone").value_or("");
                if (body.contains("roles")) user.roles = roles_of(body["roles"]);
                SHEQU_ASSIGN_OR_RETURN(User created,
                                       auth.accounts().create_user(*request.actor, user));
                return Response::json(201, user_json(created, tree, request.locale));
              },
              .contract = {.body = object({{"username", text(32)},
                                           {"displayName", text(50)},
                                           {"password", secret(128)},
                                           {"unitCode", unit_code().describe("its home unit")},
                                           {"phone", mobile().optional()},
                                           {"roles", roles_input().optional().describe(
                                                         "none: roles are assigned later")}}),
                           .replies = {{.status = 201, .json = user_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/users/{id}",
       .permission = std::string(kUserRead),
       .summary = "One account within the caller's scope",
       .tag = "auth",
       .handler = [&auth, &tree](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(User user, auth.accounts().user(*request.actor, id_of(request)));
         return Response::json(200, user_json(user, tree, request.locale));
       },
       .contract = {.path = id_path("the account's id"), .replies = {{.json = user_schema()}}}});
  router.add(
      {.method = "PATCH",
       .pattern = "/api/v1/users/{id}",
       .permission = std::string(kUserUpdate),
       .summary = "Rename, disable or enable an account",
       .tag = "auth",
       .handler = [&auth, &tree](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             User user, auth.accounts().update_user(*request.actor, id_of(request), body["version"],
                                                    http::field<std::string>(body, "displayName"),
                                                    http::field<std::string>(body, "status")));
         return Response::json(200, user_json(user, tree, request.locale));
       },
       .contract = {
           .path = id_path("the account's id"),
           .body =
               object({{"version", integer(1, kMaxInt).describe("the version the caller last saw")},
                       {"displayName", text(50).optional()},
                       {"status", enum_of({"active", "disabled"}).optional()}}),
           .replies = {{.json = user_schema()}}}});
  router.add({.method = "PUT",
              .pattern = "/api/v1/users/{id}/roles",
              .permission = std::string(kRoleAssign),
              .summary = "Replace an account's roles",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                const Json& body = request.body_json;
                SHEQU_ASSIGN_OR_RETURN(
                    User user, auth.accounts().set_roles(*request.actor, id_of(request),
                                                         body["version"], roles_of(body["roles"])));
                return Response::json(200, user_json(user, tree, request.locale));
              },
              .contract = {
                  .path = id_path("the account's id"),
                  .body = object(
                      {{"version", integer(1, kMaxInt).describe("the version the caller last saw")},
                       {"roles", roles_input()}}),
                  .replies = {{.json = user_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/users/{id}/unmask",
       .permission = std::string(kUserUnmask),
       .summary = "Reveal an account's phone in clear, stating why; audited",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(std::string phone,
                                auth.reveal().unmask_phone(*request.actor, id_of(request),
                                                           request.body_json["reason"]));
         return Response::json(200, {{"field", "phone"}, {"value", phone}});
       },
       .contract = {.path = id_path("the account's id"),
                    .body = object({{"field", enum_of({"phone"})},
                                    {"reason", text(200).describe("kept in the audit log")}}),
                    .replies = {{.json = object(
                                     {{"field", enum_of({"phone"})}, {"value", string()}})}}},
       .reveals_personal_data = true});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/users/{id}/password-reset",
       .permission = std::string(kUserUpdate),
       .summary = "Give an account a new generated password, shown once, to be changed at "
                  "its next login; lifts a lockout and ends its sessions; audited",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             std::string password,
             auth.accounts().reset_password(*request.actor, id_of(request),
                                            request.body_json["forgetTotp"].get<bool>()));
         return Response::json(200, {{"temporaryPassword", password}});
       },
       .contract = {.path = id_path("the account's id"),
                    .body = object({{"forgetTotp", boolean().default_to(false).describe(
                                                       "also remove a lost second factor")}}),
                    .replies = {{.json = object({{"temporaryPassword", string()}})}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/api-keys",
       .permission = std::string(kApiKeyManage),
       .summary = "API keys for machine clients within the caller's scope",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto keys, auth.api_keys().list(*request.actor));
         Json items = Json::array();
         for (const ApiKey& key : keys) items.push_back(api_key_json(key));
         return Response::json(200, {{"items", std::move(items)}});
       },
       .contract = {.replies = {{.json = object({{"items", array(api_key_schema())}})}}},
       .exports = http::ListExport{
           .title = {"API 密钥", "API keys"},
           .columns = {{.field = "name", .label = {"名称", "Name"}, .width = 24},
                       {.field = "unitCode",
                        .label = {"适用范围", "Scope"},
                        .format = http::ExportFormat::unit,
                        .width = 40},
                       {.field = "permissions", .label = {"权限", "Permissions"}, .width = 40},
                       {.field = "createdAt",
                        .label = {"签发时间", "Issued"},
                        .format = http::ExportFormat::time,
                        .width = 20},
                       {.field = "revoked", .label = {"已吊销", "Revoked"}, .width = 8}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/api-keys",
       .permission = std::string(kApiKeyManage),
       .summary = "Issue an API key; the token is shown once",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         const Json& body = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             auto created,
             auth.api_keys().create(*request.actor, body["name"], body["unitCode"],
                                    body["permissions"].get<std::vector<std::string>>()));
         Json key = api_key_json(created.first);
         return Response::json(201, {{"key", std::move(key)}, {"token", created.second}});
       },
       .contract = {
           .body = object({{"name", text(50)},
                           {"unitCode", unit_code().describe("the subtree it may act in")},
                           {"permissions", array(text(64)).max_items(200)}}),
           .replies = {
               {.status = 201,
                .json = object({{"key", api_key_schema()},
                                {"token", string().describe("shown this once: the client "
                                                            "sends it as a Bearer token")}})}}}});
  router.add({.method = "DELETE",
              .pattern = "/api/v1/api-keys/{id}",
              .permission = std::string(kApiKeyManage),
              .summary = "Revoke an API key",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_TRY(auth.api_keys().revoke(*request.actor, id_of(request)));
                return Response::no_content();
              },
              .contract = {.path = id_path("the key's id"), .replies = {{.status = 204}}}});
}

}  // namespace shequ::auth
