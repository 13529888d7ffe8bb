// What the account services (sessions, accounts, second factor, API keys, reveal) share: the
// parts they are built on, the options, the password gate, and the rules more than one of them
// applies (who an account's actor is, which accounts a caller may read or manage, how an
// account is shown).
//
// Owned by auth::Auth, which creates it before and destroys it after the services. The
// references must outlive it. Thread-safe: the members are immutable after construction, or
// thread-safe themselves (the gate, the database, the audit log).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "auth/model.hpp"
#include "auth/password.hpp"
#include "auth/password_gate.hpp"
#include "auth/roles.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"

namespace shequ::auth {

struct AuthOptions {
  PasswordCost password_cost = production_password_cost();
  std::string dictionary_path = "/usr/share/dict/cracklib-small";
  std::chrono::hours password_max_age{24 * 90};
  int64_t max_failed_logins = 5;
  std::chrono::minutes lockout{30};
  std::chrono::minutes idle_timeout{30};
  std::chrono::minutes admin_idle_timeout{15};
  std::chrono::hours absolute_timeout{12};
  // How long an authenticated session is trusted without asking storage again.
  std::chrono::seconds session_cache{5};
  // Administrators must set up a second factor before anything but me, logout, password and
  // TOTP set-up is served.
  bool require_totp_for_administrators = false;
  // Password hashes running at once (0: one per core) and callers that may wait for one (0: as
  // many as slots); beyond them a login is refused with rate_limited.
  unsigned hashing_slots = 0;
  unsigned hashing_queue = 0;
  // Failed sign-ins allowed per account name and per source address within `login_window`;
  // further attempts are refused (rate_limited) until the window ends.
  int64_t login_failures_per_name = 10;
  int64_t login_failures_per_source = 50;
  std::chrono::minutes login_window{10};
  // Sign-ins refused without a password check (unknown name, locked or disabled account)
  // written to the audit log one by one per account name and window; the rest are counted and
  // written as one summary when the window ends. Checked passwords are always written.
  int64_t login_failures_audited = 5;
  // A new password may not be any of the account's last `password_history` passwords (the
  // current one included).
  int64_t password_history = 5;
};

struct ClientInfo {
  std::string source_ip;
  std::string request_id;
};

extern const Text kSessionEnded;
extern const Text kNoPermission;

// `bytes` random bytes, URL-safe base64 without padding.
std::string random_token(std::size_t bytes);
bool is_administrator(const User& user);
// forbidden, naming the separated administrator role that only the operator grants or resets.
Error separated_duty_refused(const RoleDefinition& role);
Error account_not_found(int64_t id);

struct AuthContext {
  AuthContext(storage::Database& db, org::OrgService& org, const Clock& clock,
              const privacy::Keyring& keyring, const audit::Log& audit, const RoleTable& roles,
              AuthOptions options);

  // The actor of a signed-in account: its grants with their permissions, and what it must do
  // before anything else (change an expired password, enrol a second factor).
  Actor actor_for(const User& user, const std::string& csrf, const ClientInfo& client) const;
  // Hashes a new password through the gate (rate_limited when the gate's queue is full).
  Result<std::string> hash_new_password(const std::string& password);
  // The account as answered: the phone masked, the sealed value dropped.
  User presented(User user) const;
  // Reading: the account's home unit in the actor's scope for `permission` (else not_found).
  Status ensure_user_in_scope(const Actor& actor, std::string_view permission,
                              const User& user) const;
  // Managing: the home unit and every unit where the account holds a role. A refusal because
  // of a role outside the caller's scope is audited as `action` with result "refused".
  Status ensure_manageable(const Actor& actor, std::string_view permission, const User& user,
                           std::string_view action) const;
  // The account by id, or not_found.
  Result<User> find_user(int64_t id) const;

  storage::Database& db;
  org::OrgService& org;
  const Clock& clock;
  const privacy::Keyring& keyring;
  const audit::Log& audit;
  const RoleTable& roles;
  const AuthOptions options;
  const PasswordPolicy policy;
  PasswordGate gate;
  // Verified against for unknown accounts, so that timing tells nothing.
  const std::string dummy_hash;
};

}  // namespace shequ::auth
