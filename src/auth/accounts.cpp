#include "auth/accounts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "common/strings.hpp"
#include "privacy/validators.hpp"

namespace shequ::auth {

namespace {

bool valid_username(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

}  // namespace

Result<std::string> Accounts::reset_password(const Actor& actor, int64_t id, bool forget_totp) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  if (id == actor.user_id) {
    return Error::invalid("id", {"不能重置自己的密码，请使用修改密码",
                                 "you cannot reset your own password; change it instead"});
  }
  SHEQU_TRY(context_.ensure_manageable(actor, kUserUpdate, user, "auth.password.reset"));
  for (const RoleGrant& g : user.roles) {
    if (const RoleDefinition* role = find_role(g.role); role != nullptr && role->separated_duty) {
      return separated_duty_refused(*role);
    }
  }
  return store_reset_password(user, audit::who(actor, kUserUpdate), forget_totp);
}

Result<std::string> Accounts::reset_password_as_operator(const std::string& username,
                                                         bool forget_totp) {
  SHEQU_ASSIGN_OR_RETURN(auto found, context_.db.read_value<std::optional<User>>(
                                         [&](storage::Session& s) -> Result<std::optional<User>> {
                                           return AuthRepository::find_user_by_name(s, username);
                                         }));
  if (!found) return Error::not_found({"账号", "account"});
  return store_reset_password(*found, audit::operator_who(), forget_totp);
}

Result<std::string> Accounts::store_reset_password(const User& user, const audit::Who& who,
                                                   bool forget_totp) {
  const std::string password = generate_password();
  SHEQU_ASSIGN_OR_RETURN(std::string hash, context_.hash_new_password(password));
  const std::string now = format_timestamp(context_.clock.now());
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::retire_current_password(s, user.id, now,
                                                      context_.options.password_history - 1));
    SHEQU_TRY(AuthRepository::reset_password(s, user.id, hash, now));
    SHEQU_TRY(AuthRepository::delete_sessions_of(s, user.id));
    if (forget_totp) SHEQU_TRY(AuthRepository::clear_totp(s, user.id));
    return context_.audit.append(s, who,
                                 {"auth.password.reset", "user", user.username, "success",
                                  forget_totp ? "totp cleared" : "", user.unit_code});
  }));
  sessions_.forget(user.id);
  return password;
}

Result<User> Accounts::me(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(auto found,
                         context_.db.read_value<std::optional<User>>([&](storage::Session& s) {
                           return AuthRepository::find_user(s, actor.user_id);
                         }));
  if (!found) return Error::unauthenticated(kSessionEnded);
  return context_.presented(std::move(*found));
}

Result<User> Accounts::user(const Actor& actor, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(User found, context_.find_user(id));
  SHEQU_TRY(context_.ensure_user_in_scope(actor, kUserRead, found));
  return context_.presented(std::move(found));
}

Result<std::pair<std::vector<User>, int64_t>> Accounts::users(const Actor& actor,
                                                              const std::string& unit,
                                                              const std::string& name_filter,
                                                              const std::string& phone,
                                                              int64_t offset, int64_t limit) {
  if (!phone.empty()) SHEQU_TRY(privacy::validate_mobile(phone, "phone"));
  const std::string phone_index =
      phone.empty() ? "" : context_.keyring.blind_index(phone, kPhoneContext);
  std::vector<std::string> roots = actor.roots_for(kUserRead);
  if (!unit.empty()) {
    SHEQU_TRY(context_.org.unit(unit));
    SHEQU_TRY(context_.org.in_scope(actor, kUserRead, unit));
    roots = {unit};
  }
  using UserPage = std::pair<std::vector<User>, int64_t>;
  SHEQU_ASSIGN_OR_RETURN(auto page, context_.db.read_value<UserPage>([&](storage::Session& s) {
    return AuthRepository::list_users(s, roots, name_filter, phone_index, offset, limit);
  }));
  for (User& user : page.first) user = context_.presented(std::move(user));
  return page;
}

Status Accounts::validate_new_user(const NewUser& user) const {
  std::vector<FieldError> problems;
  if (!valid_username(user.username)) {
    problems.push_back(
        {"username",
         {"用户名为 3-32 位小写字母、数字或 _ . -", "3-32 lower-case letters, digits, _ . or -"}});
  }
  if (auto name = normalise_text(user.display_name, "displayName"); !name) {
    for (FieldError& e : std::move(name).error().details) problems.push_back(std::move(e));
  } else if (name->empty() || utf8_length(*name) > 50) {
    problems.push_back({"displayName", {"姓名为 1-50 个字符", "must be 1-50 characters"}});
  }
  if (!user.phone.empty()) {
    if (Status phone = privacy::validate_mobile(user.phone, "phone"); !phone) {
      for (const FieldError& e : phone.error().details) problems.push_back(e);
    }
  }
  if (!context_.org.tree().find(user.unit_code)) {
    problems.push_back({"unitCode", {"单位不存在", "no such unit"}});
  }
  if (Status policy = context_.policy.check(user.password, user.username, "password"); !policy) {
    for (const FieldError& e : policy.error().details) problems.push_back(e);
  }
  for (std::size_t i = 0; i < user.roles.size(); ++i) {
    const RoleGrant& g = user.roles[i];
    const RoleDefinition* role = find_role(g.role);
    const auto unit = context_.org.tree().find(g.unit_code);
    const std::string field = fmt::format("roles[{}]", i);
    if (role == nullptr) {
      problems.push_back({field + ".role", {"没有这个角色", "no such role"}});
    } else if (!unit) {
      problems.push_back({field + ".unitCode", {"单位不存在", "no such unit"}});
    } else if (!held_at(*role, unit->unit.level)) {
      const Text where = held_at_description(*role);
      problems.push_back({field + ".unitCode",
                          {fmt::format("{}只能在{}任职", role->name.zh, where.zh),
                           fmt::format("{} is held only at {}", role->name.en, where.en)}});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

Status Accounts::check_grants(const Actor& actor, const std::vector<RoleGrant>& roles) const {
  for (const RoleGrant& g : roles) {
    const RoleDefinition* role = find_role(g.role);
    if (role == nullptr) return Error::invalid("roles", {"没有这个角色", "no such role"});
    if (role->separated_duty) return separated_duty_refused(*role);
    auto covers = [&](std::string_view permission) {
      return context_.org.covers(actor, permission, g.unit_code);
    };
    // Grant only within one's scope, and never a permission one does not hold there.
    const auto carried = context_.roles.permissions(g.role);
    if (!covers(kRoleAssign) || !std::all_of(carried.begin(), carried.end(), covers)) {
      Error error = Error::forbidden(kNoPermission);
      error.details.push_back({"roles",
                               {fmt::format("不能授予角色 {}（{}）", role->name.zh, g.unit_code),
                                fmt::format("you cannot grant {} at {}", g.role, g.unit_code)}});
      return error;
    }
  }
  return {};
}

Result<User> Accounts::insert_user(const NewUser& user, const audit::Who& who) {
  NewUser stored = user;
  SHEQU_ASSIGN_OR_RETURN(stored.display_name, normalise_text(user.display_name, "displayName"));
  SHEQU_ASSIGN_OR_RETURN(std::string hash, context_.hash_new_password(user.password));
  const std::string now = format_timestamp(context_.clock.now());
  return context_.db.write_value<User>([&](storage::Session& s) -> Result<User> {
    SHEQU_ASSIGN_OR_RETURN(auto existing, AuthRepository::find_credentials(s, user.username));
    if (existing) return Error::conflict({"用户名已被使用", "the user name is taken"});
    const std::string sealed =
        user.phone.empty() ? "" : context_.keyring.seal(user.phone, kPhoneContext);
    const std::string index =
        user.phone.empty() ? "" : context_.keyring.blind_index(user.phone, kPhoneContext);
    SHEQU_ASSIGN_OR_RETURN(int64_t id,
                           AuthRepository::insert_user(s, stored, hash, now, sealed, index));
    SHEQU_TRY(context_.audit.append(
        s, who, {"auth.user.create", "user", std::to_string(id), "success", "", user.unit_code}));
    for (const RoleGrant& g : user.roles) {
      SHEQU_TRY(context_.audit.append(
          s, who,
          {"auth.role.grant", "user", fmt::format("{}:{}@{}", id, g.role, g.unit_code), "success",
           "", g.unit_code}));
    }
    SHEQU_ASSIGN_OR_RETURN(auto created, AuthRepository::find_user(s, id));
    return context_.presented(std::move(*created));
  });
}

Result<User> Accounts::create_user(const Actor& actor, const NewUser& user) {
  SHEQU_TRY(validate_new_user(user));
  if (!context_.org.covers(actor, kUserCreate, user.unit_code)) {
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back(
        {"unitCode", {"只能在本辖区内创建账号", "accounts can only be created within your scope"}});
    return error;
  }
  SHEQU_TRY(check_grants(actor, user.roles));
  return insert_user(user, audit::who(actor, kUserCreate));
}

Result<User> Accounts::create_user_as_operator(const NewUser& user) {
  SHEQU_TRY(validate_new_user(user));
  return insert_user(user, audit::operator_who());
}

Result<User> Accounts::update_user(const Actor& actor, int64_t id, int64_t version,
                                   const std::optional<std::string>& display_name,
                                   const std::optional<std::string>& status) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  SHEQU_TRY(context_.ensure_manageable(actor, kUserUpdate, user, "auth.user.update"));
  std::vector<FieldError> problems;
  std::optional<std::string> new_display_name;
  if (display_name) {
    auto name = normalise_text(*display_name, "displayName");
    if (!name) {
      for (FieldError& e : std::move(name).error().details) problems.push_back(std::move(e));
    } else if (name->empty() || utf8_length(*name) > 50) {
      problems.push_back({"displayName", {"姓名为 1-50 个字符", "must be 1-50 characters"}});
    } else {
      new_display_name = std::move(name).value();
    }
  }
  if (status && *status != "active" && *status != "disabled") {
    problems.push_back({"status", {"只能是 active 或 disabled", "must be active or disabled"}});
  }
  if (status && *status == "disabled" && id == actor.user_id) {
    problems.push_back({"status", {"不能停用自己的账号", "you cannot disable your own account"}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  if (new_display_name) user.display_name = *new_display_name;
  if (status) user.status = *status;
  const audit::Who who = audit::who(actor, kUserUpdate);
  const std::string now = format_timestamp(context_.clock.now());
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::update_user(s, user, version, now));
    if (user.status == "disabled") {
      // Nothing the account started goes on acting for it: its sessions end and its keys too.
      SHEQU_TRY(AuthRepository::delete_sessions_of(s, id));
      SHEQU_ASSIGN_OR_RETURN(auto keys, AuthRepository::revoke_api_keys_of(s, id, now));
      for (const ApiKey& key : keys) {
        SHEQU_TRY(context_.audit.append(s, who,
                                        {"auth.apikey.revoke", "api_key", std::to_string(key.id),
                                         "success", "its issuer was disabled", key.unit_code}));
      }
    }
    return context_.audit.append(
        s, who, {"auth.user.update", "user", std::to_string(id), "success", "", user.unit_code});
  }));
  sessions_.forget(id);
  return this->user(actor, id);
}

Result<User> Accounts::set_roles(const Actor& actor, int64_t id, int64_t version,
                                 const std::vector<RoleGrant>& roles) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  if (id == actor.user_id) {
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back({"roles",
                             {"不能修改自己的角色，请由其他管理员办理",
                              "you cannot change your own roles: another administrator must"}});
    return error;
  }
  SHEQU_TRY(context_.ensure_manageable(actor, kRoleAssign, user, "auth.role.grant"));
  NewUser probe{user.username, user.display_name, user.unit_code, "", roles, false};
  if (Status valid = validate_new_user(probe); !valid) {
    // Only the role problems matter here; the password of an existing account is not re-checked.
    std::vector<FieldError> role_problems;
    for (const FieldError& e : valid.error().details) {
      if (e.field.starts_with("roles")) role_problems.push_back(e);
    }
    if (!role_problems.empty()) return Error::invalid(std::move(role_problems));
  }
  std::vector<RoleGrant> added, removed;
  for (const RoleGrant& g : roles) {
    if (std::find(user.roles.begin(), user.roles.end(), g) == user.roles.end()) added.push_back(g);
  }
  for (const RoleGrant& g : user.roles) {
    if (std::find(roles.begin(), roles.end(), g) == roles.end()) removed.push_back(g);
  }
  // A grant must not carry more than the granter holds; a revocation cannot raise anyone, so
  // it needs only the right to assign roles over the unit.
  SHEQU_TRY(check_grants(actor, added));
  for (const RoleGrant& g : removed) {
    if (const RoleDefinition* role = find_role(g.role); role != nullptr && role->separated_duty) {
      return separated_duty_refused(*role);
    }
    if (!context_.org.covers(actor, kRoleAssign, g.unit_code))
      return Error::forbidden(kNoPermission);
  }
  std::vector<RoleGrant> changed = added;
  changed.insert(changed.end(), removed.begin(), removed.end());
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(
        AuthRepository::update_user(s, user, version, format_timestamp(context_.clock.now())));
    SHEQU_TRY(AuthRepository::replace_roles(s, id, roles));
    for (const RoleGrant& g : changed) {
      const bool added = std::find(roles.begin(), roles.end(), g) != roles.end();
      SHEQU_TRY(context_.audit.append(
          s, audit::who(actor, kRoleAssign),
          {added ? "auth.role.grant" : "auth.role.revoke", "user",
           fmt::format("{}:{}@{}", id, g.role, g.unit_code), "success", "", g.unit_code}));
    }
    return {};
  }));
  sessions_.forget(id);
  return this->user(actor, id);
}

Result<int64_t> Accounts::count_users() {
  return context_.db.read_value<int64_t>(
      [](storage::Session& s) { return AuthRepository::count_users(s); });
}

Result<int64_t> Accounts::count_roleless(const Actor& actor) const {
  const std::vector<std::string> roots = actor.roots_for(kRoleAssign);
  if (roots.empty()) return int64_t{0};
  return context_.db.read_value<int64_t>(
      [&](storage::Session& s) { return AuthRepository::count_roleless_users(s, roots); });
}

}  // namespace shequ::auth
