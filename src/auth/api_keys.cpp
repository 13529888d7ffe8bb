#include "auth/api_keys.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "common/strings.hpp"
#include "storage/file_store.hpp"

namespace shequ::auth {

namespace {

const Text kKeyInvalid{"API 密钥无效或已撤销", "the API key is unknown or revoked"};

}  // namespace

Result<std::string> ApiKeys::check_new(const std::string& name, const std::string& unit,
                                       const std::vector<std::string>& permissions) const {
  std::vector<FieldError> problems;
  auto key_name = normalise_text(name, "name");
  if (!key_name) {
    for (FieldError& e : std::move(key_name).error().details) problems.push_back(std::move(e));
  } else if (key_name->empty() || utf8_length(*key_name) > 50) {
    problems.push_back({"name", {"名称为 1-50 个字符", "must be 1-50 characters"}});
  }
  if (!context_.org.tree().find(unit))
    problems.push_back({"unitCode", {"单位不存在", "no such unit"}});
  const auto known = context_.roles.all_permissions();
  if (permissions.empty())
    problems.push_back({"permissions", {"至少一项权限", "at least one permission"}});
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    if (std::find(known.begin(), known.end(), permissions[i]) == known.end()) {
      problems.push_back(
          {fmt::format("permissions[{}]", i), {"没有这项权限", "no such permission"}});
    } else if (!api_key_may_carry(permissions[i])) {
      problems.push_back({fmt::format("permissions[{}]", i),
                          {"账号、角色和密钥的管理只能由本人操作，不能交给密钥",
                           "managing accounts, roles and keys is for people: a key cannot "
                           "carry it"}});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return std::move(*key_name);
}

Result<std::pair<ApiKey, std::string>> ApiKeys::store(ApiKey key, const audit::Who& who) {
  const std::string token = "shq_" + random_token(32);
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(
        key.id, AuthRepository::insert_api_key(s, key, storage::sha256_hex(token), key.created_by));
    return context_.audit.append(
        s, who,
        {"auth.apikey.create", "api_key", std::to_string(key.id), "success", "", key.unit_code});
  }));
  return std::pair{std::move(key), token};
}

Result<std::pair<ApiKey, std::string>> ApiKeys::create(
    const Actor& actor, const std::string& name, const std::string& unit,
    const std::vector<std::string>& permissions) {
  if (actor.via_api_key) {
    return Error::forbidden({"API 密钥不能签发密钥", "an API key cannot issue keys"});
  }
  SHEQU_ASSIGN_OR_RETURN(std::string key_name, check_new(name, unit, permissions));
  auto held_at_unit = [&](std::string_view permission) {
    return context_.org.covers(actor, permission, unit);
  };
  if (!held_at_unit(kApiKeyManage) ||
      !std::all_of(permissions.begin(), permissions.end(),
                   [&](const std::string& p) { return held_at_unit(p); })) {
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back({"permissions",
                             {"密钥的权限不能超出您在该单位的权限",
                              "a key cannot carry permissions you do not hold there"}});
    return error;
  }
  return store({0, std::move(key_name), unit, permissions, format_timestamp(context_.clock.now()),
                false, actor.user_id},
               audit::who(actor, kApiKeyManage));
}

Result<std::pair<ApiKey, std::string>> ApiKeys::create_as_operator(
    const std::string& name, const std::string& unit, const std::vector<std::string>& permissions) {
  SHEQU_ASSIGN_OR_RETURN(std::string key_name, check_new(name, unit, permissions));
  return store(
      {0, std::move(key_name), unit, permissions, format_timestamp(context_.clock.now()), false, 0},
      audit::operator_who());
}

Result<std::vector<ApiKey>> ApiKeys::list(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(auto all,
                         context_.db.read_value<std::vector<ApiKey>>(
                             [](storage::Session& s) { return AuthRepository::list_api_keys(s); }));
  std::erase_if(all, [&](const ApiKey& key) {
    return !context_.org.covers(actor, kApiKeyManage, key.unit_code);
  });
  return all;
}

Status ApiKeys::revoke(const Actor& actor, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto key,
                         context_.db.read_value<std::optional<ApiKey>>([&](storage::Session& s) {
                           return AuthRepository::find_api_key_by_id(s, id);
                         }));
  if (!key || !context_.org.covers(actor, kApiKeyManage, key->unit_code)) {
    return Error::not_found({fmt::format("未找到密钥 {}", id), fmt::format("no API key {}", id)});
  }
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::revoke_api_key(s, id, format_timestamp(context_.clock.now())));
    return context_.audit.append(
        s, audit::who(actor, kApiKeyManage),
        {"auth.apikey.revoke", "api_key", std::to_string(id), "success", "", key->unit_code});
  }));
  return {};  // keys are looked up at every use: none outlives its revocation
}

Result<Actor> ApiKeys::authenticate(const std::string& token, const ClientInfo& client) {
  if (!token.starts_with("shq_") || token.size() > 128)
    return Error::unauthenticated(kSessionEnded);
  struct Found {
    std::optional<ApiKey> key;
    std::optional<User> issuer;
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, context_.db.read_value<Found>([&](storage::Session& s) -> Result<Found> {
        Found f;
        SHEQU_ASSIGN_OR_RETURN(f.key, AuthRepository::find_api_key(s, storage::sha256_hex(token)));
        if (f.key && f.key->created_by != 0) {
          SHEQU_ASSIGN_OR_RETURN(f.issuer, AuthRepository::find_user(s, f.key->created_by));
        }
        return f;
      }));
  if (!found.key) return Error::unauthenticated(kKeyInvalid);
  const bool from_operator = found.key->created_by == 0;
  if (!from_operator && (!found.issuer || found.issuer->status != "active")) {
    return Error::unauthenticated({"API 密钥的签发人已停用，密钥随之失效",
                                   "the key's issuer is disabled, and the key with it"});
  }
  // Evaluated at every use: a key never does more than its issuer may do now.
  std::optional<Actor> issuer;
  if (!from_operator) issuer = context_.actor_for(*found.issuer, "", client);
  std::vector<std::string> permissions;
  for (const std::string& p : found.key->permissions) {
    if (api_key_may_carry(p) &&
        (from_operator || context_.org.covers(*issuer, p, found.key->unit_code)))
      permissions.push_back(p);
  }
  Actor actor;
  actor.username = fmt::format("apikey:{}", found.key->id);
  actor.unit_code = found.key->unit_code;
  actor.via_api_key = true;
  actor.source_ip = client.source_ip;
  actor.request_id = client.request_id;
  actor.grants.push_back(
      Grant{"api_key", found.key->unit_code, context_.roles.intern(permissions)});
  return actor;
}

}  // namespace shequ::auth
