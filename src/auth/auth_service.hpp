// Accounts, login, sessions and role grants.
//
// Login counts an attempt before it checks the password, so N parallel attempts against one
// account check at most `max_failed_logins` passwords before the account locks. Every answer to
// a failed login is the same whether the user exists, the password is wrong or the account is
// locked. Sessions are opaque random tokens; storage holds only their SHA-256.
//
// Thread-safe. Holds references to the database, org service and clock, which outlive it.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "audit/audit_log.hpp"
#include "auth/model.hpp"
#include "auth/password.hpp"
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
};

struct ClientInfo {
  std::string source_ip;
  std::string request_id;
};

struct LoginResult {
  std::string token;  // goes into the cookie; never stored
  std::string csrf_token;
  User user;
};

class AuthService {
 public:
  // `keyring` seals personal data (phones); it must outlive the service.
  AuthService(storage::Database& db, org::OrgService& org, const Clock& clock,
              const privacy::Keyring& keyring, AuthOptions options);

  // `totp_code` is required (6 digits) once the account has a second factor enabled; a missing
  // or wrong code is 401 with details[0].field "totpCode", and counts as a failed attempt.
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& totp_code, const ClientInfo& client);
  Status logout(const Actor& actor, const std::string& token);
  // The actor behind a session token, or unauthenticated when it is unknown, idle too long,
  // past its absolute end, or its user is disabled.
  Result<Actor> authenticate(const std::string& token, const ClientInfo& client);
  Status change_password(const Actor& actor, const std::string& current,
                         const std::string& replacement);

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

  struct TotpSetup {
    std::string secret;  // base32, for typing into an authenticator app
    std::string uri;     // otpauth://totp/..., for a QR code
  };
  // Starts (or restarts) setting up a second factor: a new secret, not in force until
  // enable_totp() confirms a code from it. Refused (conflict) once a second factor is enabled.
  Result<TotpSetup> setup_totp(const Actor& actor);
  Status enable_totp(const Actor& actor, const std::string& code);

  // Keys for machine clients, held by the caller's auth:apikey:manage over `unit`. A key may
  // carry only permissions the caller holds there. The token is returned once: only its hash
  // is stored.
  Result<std::pair<ApiKey, std::string>> create_api_key(
      const Actor& actor, const std::string& name, const std::string& unit,
      const std::vector<std::string>& permissions);
  Result<std::vector<ApiKey>> api_keys(const Actor& actor);
  Status revoke_api_key(const Actor& actor, int64_t id);
  // The actor a key stands for: its unit's subtree, its permissions. unauthenticated when the
  // key is unknown or revoked.
  Result<Actor> authenticate_api_key(const std::string& token, const ClientInfo& client);

  // The account's phone in clear, for a caller holding auth:user:unmask over the account, who
  // states why (2-200 characters). The reveal is audited with the reason.
  Result<std::string> unmask_phone(const Actor& actor, int64_t id, const std::string& reason);
  // Re-seals every stored phone with the keyring's current key (after `shequ keys rotate`);
  // returns how many changed. Audited as the operator.
  Result<int64_t> reseal_personal_data();

  const PasswordPolicy& policy() const { return policy_; }

 private:
  struct CachedSession {
    Actor actor;
    TimePoint fetched;  // by the injected clock, so tests can age the cache
  };

  Result<Actor> load_actor(const std::string& token_hash, const ClientInfo& client);
  Actor actor_for(const User& user, const std::string& csrf, const ClientInfo& client) const;
  Status validate_new_user(const NewUser& user) const;
  Status check_grants(const Actor& actor, const std::vector<RoleGrant>& roles) const;
  Result<std::string> store_reset_password(const User& user, const audit::Who& who,
                                           bool forget_totp);
  Status ensure_user_in_scope(const Actor& actor, std::string_view permission,
                              const User& user) const;
  Result<User> insert_user(const NewUser& user, const audit::Who& who);
  void forget_sessions_of(int64_t user_id);
  // The account as answered: the phone masked, the sealed value dropped.
  User presented(User user) const;

  storage::Database& db_;
  org::OrgService& org_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  AuthOptions options_;
  PasswordPolicy policy_;
  std::string dummy_hash_;  // verified against for unknown users, so timing tells nothing

  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
};

}  // namespace shequ::auth
