// Accounts and their role grants: reading, creating, changing, disabling, re-granting and
// resetting passwords.
//
// Managing an account (update, disable, reset, re-grant) needs the permission over its home unit
// and over every unit where it holds a role: an account that works above the caller is not the
// caller's to take over. Nobody changes their own roles. Disabling an account ends its sessions
// and revokes the API keys it issued.
//
// Thread-safe. The context and the sessions outlive it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/auth_context.hpp"
#include "auth/sessions.hpp"

namespace shequ::auth {

class Accounts {
 public:
  Accounts(AuthContext& context, Sessions& sessions) : context_(context), sessions_(sessions) {}

  // The caller's own account (no scope check: everyone may read themselves).
  Result<User> me(const Actor& actor);
  Result<User> user(const Actor& actor, int64_t id);
  // Accounts in scope; `phone`, when given, matches exactly through the blind index (the number
  // itself is never compared in clear in storage).
  Result<std::pair<std::vector<User>, int64_t>> users(const Actor& actor, const std::string& unit,
                                                      const std::string& name_filter,
                                                      const std::string& phone, int64_t offset,
                                                      int64_t limit);
  Result<User> create_user(const Actor& actor, const NewUser& user);
  Result<User> update_user(const Actor& actor, int64_t id, int64_t version,
                           const std::optional<std::string>& display_name,
                           const std::optional<std::string>& status);
  Result<User> set_roles(const Actor& actor, int64_t id, int64_t version,
                         const std::vector<RoleGrant>& roles);
  // For someone who forgot their password or is locked out: sets a generated password, shown
  // once in the answer, to be changed at the next login; lifts the lockout, ends the account's
  // sessions, audited. With `forget_totp`, the second factor too (a lost phone): the account
  // enrols again. Needs auth:user:update over the account; not one's own account (change it
  // instead) and not a separated administrator's (only the operator resets those).
  Result<std::string> reset_password(const Actor& actor, int64_t id, bool forget_totp);
  // The same for the operator at the console (`shequ user reset-password`), for any account.
  Result<std::string> reset_password_as_operator(const std::string& username, bool forget_totp);

  // For `shequ init` and `shequ user add`: the operator at the console is trusted; the action is
  // audited as the system.
  Result<User> create_user_as_operator(const NewUser& user);
  Result<int64_t> count_users();
  // Active accounts in the caller's scope for auth:role:assign that hold no role yet: made by
  // the system administrator, waiting for the security administrator. A to-do.
  Result<int64_t> count_roleless(const Actor& actor) const;

 private:
  Status validate_new_user(const NewUser& user) const;
  Status check_grants(const Actor& actor, const std::vector<RoleGrant>& roles) const;
  Result<std::string> store_reset_password(const User& user, const audit::Who& who,
                                           bool forget_totp);
  Result<User> insert_user(const NewUser& user, const audit::Who& who);

  AuthContext& context_;
  Sessions& sessions_;
};

}  // namespace shequ::auth
