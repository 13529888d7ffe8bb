#include "auth/routes.hpp"

#include <fmt/format.h>

#include "auth/declaration.hpp"
#include "auth/roles.hpp"
#include "common/strings.hpp"
#include "http/dispatcher.hpp"
#include "http/query.hpp"
#include "org/unit_codes.hpp"

namespace shequ::auth {

namespace {

using http::Execution;
using http::kSessionCookie;
using http::QueryReader;
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

Result<int64_t> user_id_param(const Request& request) {
  const auto id = parse_decimal(request.param("id"));
  if (!id || *id <= 0)
    return Error::invalid("id", {"账号编号必须是正整数", "must be a positive integer"});
  return *id;
}

struct UserSearch {
  std::optional<std::string> unit;
  std::optional<std::string> q;
  std::string phone;
  int64_t page = 1;
  int64_t page_size = 20;
};

Result<Response> user_page(Auth& auth, const org::OrgTree& tree, const Request& request,
                           const UserSearch& search) {
  SHEQU_ASSIGN_OR_RETURN(
      auto found,
      auth.accounts().users(*request.actor, search.unit.value_or(""), search.q.value_or(""),
                            search.phone, (search.page - 1) * search.page_size, search.page_size));
  Json items = Json::array();
  for (const User& user : found.first) items.push_back(user_json(user, tree, request.locale));
  return Response::json(200, {{"items", std::move(items)}, {"total", found.second}});
}

std::vector<RoleGrant> read_roles(JsonObjectReader& reader) {
  std::vector<RoleGrant> roles;
  reader.optional_array("roles", 50, [&](JsonObjectReader& item) {
    auto role = item.required_text("role", 32);
    auto unit = item.required_text("unitCode", 15);
    if (role && unit) roles.push_back({*role, *unit});
  });
  return roles;
}

}  // namespace

void add_routes(http::Router& router, Auth& auth, const org::OrgTree& tree, bool secure_cookies) {
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/auth/login",
       .permission = std::string(http::kPublic),
       .summary = "Log in: {username, password}; sets the session cookie, returns the CSRF token",
       .tag = "auth",
       .handler = [&auth, &tree, secure_cookies](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
         JsonObjectReader reader(body);
         auto username = reader.required_text("username", 64);
         auto password = reader.required_secret("password", 256);
         const auto totp_code = reader.optional_text("totpCode", 6);
         SHEQU_TRY(reader.finish());
         SHEQU_ASSIGN_OR_RETURN(
             auto login,
             auth.sessions().login(*username, *password, totp_code.value_or(""), client(request)));
         Response response =
             Response::json(200, {{"user", user_json(login.user, tree, request.locale)},
                                  {"csrfToken", login.csrf_token},
                                  {"mustChangePassword", login.user.must_change_password}});
         response.headers.emplace_back("set-cookie", session_cookie(login.token, secure_cookies));
         return response;
       },
       .json_body = true});
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
              .success_status = 204,
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
       .allowed_with_expired_password = true});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/auth/password",
       .permission = std::string(http::kAuthenticated),
       .summary = "Change one's password: {currentPassword, newPassword}; ends every session",
       .tag = "auth",
       .handler = [&auth, secure_cookies](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
         JsonObjectReader reader(body);
         auto current = reader.required_secret("currentPassword", 256);
         auto replacement = reader.required_secret("newPassword", 256);
         SHEQU_TRY(reader.finish());
         SHEQU_TRY(auth.sessions().change_password(*request.actor, *current, *replacement));
         Response response = Response::no_content();
         response.headers.emplace_back("set-cookie", expired_cookie(secure_cookies));
         return response;
       },
       .json_body = true,
       .success_status = 204,
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
       .allowed_with_expired_password = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/auth/totp/enable",
              .permission = std::string(http::kAuthenticated),
              .summary = "Put the second factor in force by confirming a code from it: {code}",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                const auto code = reader.required_text("code", 6);
                SHEQU_TRY(reader.finish());
                SHEQU_TRY(auth.second_factor().enable(*request.actor, *code));
                return Response::no_content();
              },
              .json_body = true,
              .success_status = 204,
              .allowed_with_expired_password = true});
  router.add({.method = "GET",
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
              .execution = Execution::io});
  router.add({.method = "GET",
              .pattern = "/api/v1/users",
              .permission = std::string(kUserRead),
              .summary = "Accounts within the caller's scope (or within ?unit=), by name",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                UserSearch search;
                search.unit = query.text("unit", 15);
                search.q = query.text("q", 50);
                search.page = query.integer("page", 1, 1, 1'000'000);
                search.page_size = query.integer("pageSize", 20, 1, 200);
                SHEQU_TRY(query.finish());
                return user_page(auth, tree, request, search);
              },
              .query = {{"unit", "string", "only accounts of this unit's subtree"},
                        {"q", "string", "part of the user name or display name"},
                        {"page", "integer", "1-based page"},
                        {"pageSize", "integer", "1-200"}}});
  // A phone number is personal data: it travels in a body, which proxies do not log, never in
  // the URL.
  router.add({.method = "POST",
              .pattern = "/api/v1/users/search",
              .permission = std::string(kUserRead),
              .summary =
                  "Accounts within the caller's scope by exact mobile number (matched through its "
                  "blind index): {phone, unit?, q?, page?, pageSize?}",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                UserSearch search;
                search.phone = reader.required_text("phone", 11).value_or("");
                search.unit = reader.optional_text("unit", 15);
                search.q = reader.optional_text("q", 50);
                search.page = reader.optional_int("page", 1, 1'000'000).value_or(1);
                search.page_size = reader.optional_int("pageSize", 1, 200).value_or(20);
                SHEQU_TRY(reader.finish());
                return user_page(auth, tree, request, search);
              },
              .json_body = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/users",
              .permission = std::string(kUserCreate),
              .summary = "Create an account: {username, displayName, password, unitCode, roles?}",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                NewUser user;
                user.username = reader.required_text("username", 32).value_or("");
                user.display_name = reader.required_text("displayName", 50).value_or("");
                user.password = reader.required_secret("password", 128).value_or("");
                user.unit_code = reader.required_text("unitCode", 15).value_or("");
                user.phone = reader.optional_text("phone", 11).value_or("");
                user.roles = read_roles(reader);
                SHEQU_TRY(reader.finish());
                SHEQU_ASSIGN_OR_RETURN(User created,
                                       auth.accounts().create_user(*request.actor, user));
                return Response::json(201, user_json(created, tree, request.locale));
              },
              .json_body = true,
              .success_status = 201});
  router.add({.method = "GET",
              .pattern = "/api/v1/users/{id}",
              .permission = std::string(kUserRead),
              .summary = "One account within the caller's scope",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
                SHEQU_ASSIGN_OR_RETURN(User user, auth.accounts().user(*request.actor, id));
                return Response::json(200, user_json(user, tree, request.locale));
              }});
  router.add({.method = "PATCH",
              .pattern = "/api/v1/users/{id}",
              .permission = std::string(kUserUpdate),
              .summary = "Rename, disable or enable an account: {version, displayName?, status?}",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                const auto version = reader.required_int("version", 1, INT64_MAX);
                const auto display_name = reader.optional_text("displayName", 50);
                const auto status = reader.optional_text("status", 16);
                SHEQU_TRY(reader.finish());
                SHEQU_ASSIGN_OR_RETURN(User user,
                                       auth.accounts().update_user(*request.actor, id, *version,
                                                                   display_name, status));
                return Response::json(200, user_json(user, tree, request.locale));
              },
              .json_body = true});
  router.add({.method = "PUT",
              .pattern = "/api/v1/users/{id}/roles",
              .permission = std::string(kRoleAssign),
              .summary = "Replace an account's roles: {version, roles:[{role, unitCode}]}",
              .tag = "auth",
              .handler = [&auth, &tree](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                const auto version = reader.required_int("version", 1, INT64_MAX);
                if (!body.contains("roles")) reader.add_error("roles", {"必填", "is required"});
                auto roles = read_roles(reader);
                SHEQU_TRY(reader.finish());
                SHEQU_ASSIGN_OR_RETURN(
                    User user, auth.accounts().set_roles(*request.actor, id, *version, roles));
                return Response::json(200, user_json(user, tree, request.locale));
              },
              .json_body = true});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/users/{id}/unmask",
       .permission = std::string(kUserUnmask),
       .summary =
           "Reveal an account's phone in clear, stating why: {field: \"phone\", reason}; audited",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
         SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
         JsonObjectReader reader(body);
         const auto field = reader.required_text("field", 16);
         const auto reason = reader.required_text("reason", 200);
         if (field && *field != "phone")
           reader.add_error("field", {"只能是 phone", "must be phone"});
         SHEQU_TRY(reader.finish());
         SHEQU_ASSIGN_OR_RETURN(std::string phone,
                                auth.reveal().unmask_phone(*request.actor, id, *reason));
         return Response::json(200, {{"field", "phone"}, {"value", phone}});
       },
       .json_body = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/users/{id}/password-reset",
              .permission = std::string(kUserUpdate),
              .summary = "Give an account a new generated password, shown once, to be changed at "
                         "its next login; lifts a lockout and ends its sessions; {forgetTotp?} "
                         "also removes a lost second factor; audited",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
                SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
                JsonObjectReader reader(body);
                const bool forget_totp = reader.optional_bool("forgetTotp").value_or(false);
                SHEQU_TRY(reader.finish());
                SHEQU_ASSIGN_OR_RETURN(std::string password, auth.accounts().reset_password(
                                                                 *request.actor, id, forget_totp));
                return Response::json(200, {{"temporaryPassword", password}});
              },
              .json_body = true});
  router.add({.method = "GET",
              .pattern = "/api/v1/api-keys",
              .permission = std::string(kApiKeyManage),
              .summary = "API keys for machine clients within the caller's scope",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(auto keys, auth.api_keys().list(*request.actor));
                Json items = Json::array();
                for (const ApiKey& key : keys) items.push_back(api_key_json(key));
                return Response::json(200, {{"items", std::move(items)}});
              }});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/api-keys",
       .permission = std::string(kApiKeyManage),
       .summary = "Issue an API key: {name, unitCode, permissions:[...]}; the token is shown once",
       .tag = "auth",
       .handler = [&auth](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
         JsonObjectReader reader(body);
         const auto name = reader.required_text("name", 50);
         const auto unit = reader.required_text("unitCode", 15);
         const auto permissions = reader.required_string_array("permissions", 50, 64);
         SHEQU_TRY(reader.finish());
         SHEQU_ASSIGN_OR_RETURN(auto created,
                                auth.api_keys().create(*request.actor, *name, *unit, *permissions));
         Json key = api_key_json(created.first);
         return Response::json(201, {{"key", std::move(key)}, {"token", created.second}});
       },
       .json_body = true,
       .success_status = 201});
  router.add({.method = "DELETE",
              .pattern = "/api/v1/api-keys/{id}",
              .permission = std::string(kApiKeyManage),
              .summary = "Revoke an API key",
              .tag = "auth",
              .handler = [&auth](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(int64_t id, user_id_param(request));
                SHEQU_TRY(auth.api_keys().revoke(*request.actor, id));
                return Response::no_content();
              },
              .success_status = 204});
}

}  // namespace shequ::auth
