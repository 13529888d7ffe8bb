#include "auth/auth_context.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "privacy/validators.hpp"

namespace shequ::auth {

const Text kSessionEnded{"登录已失效，请重新登录", "your session has ended; please log in again"};
const Text kNoPermission{"没有权限执行此操作", "you do not have permission for this"};

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool is_administrator(const User& user) {
  return std::any_of(user.roles.begin(), user.roles.end(), [](const RoleGrant& g) {
    const RoleDefinition* role = find_role(g.role);
    return role != nullptr && role->administrator;
  });
}

Error separated_duty_refused(const RoleDefinition& role) {
  Error error = Error::forbidden(kNoPermission);
  error.details.push_back(
      {"roles",
       {fmt::format("{}属于三员分立角色，其授予、撤销和密码重置只能由运维人员在服务器上用 shequ "
                    "user 命令办理",
                    role.name.zh),
        fmt::format("{} is one of the three separated administrators: only the operator grants, "
                    "revokes or resets it, with the shequ user commands on the server",
                    role.name.en)}});
  return error;
}

Error account_not_found(int64_t id) {
  return Error::not_found({fmt::format("未找到账号 {}", id), fmt::format("no account {}", id)});
}

namespace {

// libsodium is set up before the first hash; the dummy hash is the first.
std::string dummy_hash_for(const PasswordCost& cost) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  return hash_password("not a password of anyone", cost);
}

}  // namespace

AuthContext::AuthContext(storage::Database& db, org::OrgService& org, const Clock& clock,
                         const privacy::Keyring& keyring, const audit::Log& audit,
                         const RoleTable& roles, AuthOptions options)
    : db(db),
      org(org),
      clock(clock),
      keyring(keyring),
      audit(audit),
      roles(roles),
      options(std::move(options)),
      policy(this->options.dictionary_path),
      gate(this->options.hashing_slots, this->options.hashing_queue),
      dummy_hash(dummy_hash_for(this->options.password_cost)) {}

Actor AuthContext::actor_for(const User& user, const std::string& csrf,
                             const ClientInfo& client) const {
  Actor actor;
  actor.user_id = user.id;
  actor.username = user.username;
  actor.unit_code = user.unit_code;
  actor.csrf_token = csrf;
  actor.source_ip = client.source_ip;
  actor.request_id = client.request_id;
  actor.must_change_password =
      user.must_change_password ||
      user.password_changed_at < format_timestamp(clock.now() - options.password_max_age);
  actor.must_enroll_totp =
      options.require_totp_for_administrators && is_administrator(user) && !user.totp_enabled;
  for (const RoleGrant& g : user.roles) {
    if (find_role(g.role) != nullptr) {
      actor.grants.push_back(Grant{g.role, g.unit_code, roles.permissions(g.role)});
    }
  }
  return actor;
}

Result<std::string> AuthContext::hash_new_password(const std::string& password) {
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, gate.admit());
  ticket.wait_for_slot();
  return hash_password(password, options.password_cost);
}

User AuthContext::presented(User user) const {
  if (!user.phone_sealed.empty()) {
    auto phone = keyring.open(user.phone_sealed, kPhoneContext);
    // A value that does not open is shown as masked entirely and reported, never as ciphertext.
    if (!phone) spdlog::error("account {}: {}", user.id, phone.error().internal_detail);
    user.phone_masked = phone ? privacy::mask_mobile(*phone) : std::string("***********");
  }
  user.phone_sealed.clear();
  return user;
}

Status AuthContext::ensure_user_in_scope(const Actor& actor, std::string_view permission,
                                         const User& user) const {
  if (org.covers(actor, permission, user.unit_code)) return {};
  return account_not_found(user.id);
}

Status AuthContext::ensure_manageable(const Actor& actor, std::string_view permission,
                                      const User& user, std::string_view action) const {
  SHEQU_TRY(ensure_user_in_scope(actor, permission, user));
  for (const RoleGrant& g : user.roles) {
    if (org.covers(actor, permission, g.unit_code)) continue;
    const RoleDefinition* role = find_role(g.role);
    const auto unit = org.tree().find(g.unit_code);
    const std::string role_zh = role ? role->name.zh : g.role;
    const std::string role_en = role ? role->name.en : g.role;
    const std::string unit_name = unit ? unit->unit.name : g.unit_code;
    // An attempt on an account that works above the caller is a security event: on record for
    // the caller's auditors and for those of the unit where the account holds the role.
    SHEQU_TRY(audit.record(db, audit::who(actor, permission),
                           {std::string(action), "user", std::to_string(user.id), "refused",
                            fmt::format("holds {} at {}", g.role, g.unit_code), g.unit_code}));
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back(
        {"roles",
         {fmt::format("该账号在{}担任{}，超出您的管理范围，只能由上级管理员办理", unit_name,
                      role_zh),
          fmt::format("the account holds {} at {}, outside your scope: only an administrator "
                      "above you may manage it",
                      role_en, unit_name)}});
    return error;
  }
  return {};
}

Result<User> AuthContext::find_user(int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, db.read_value<std::optional<User>>([&](storage::Session& s) {
    return AuthRepository::find_user(s, id);
  }));
  if (!found) return account_not_found(id);
  return std::move(*found);
}

}  // namespace shequ::auth
