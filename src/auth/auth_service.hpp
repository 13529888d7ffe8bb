// Accounts, login, sessions and role grants.
//
// Login counts an attempt before it checks the password, so N parallel attempts against one
// account check at most `max_failed_logins` passwords before the account locks. Every answer to
// a failed login is the same whether the user exists, the password is wrong or the account is
// locked. Sessions are opaque random tokens; storage holds only their SHA-256.
//
// Brakes: password hashing goes through a PasswordGate (per process, bounded to the cores), and
// failed sign-ins are counted per account name and per source address in storage, across
// servers; past a limit the next attempts are refused (rate_limited with Retry-After) until the
// window ends. The first failures of a window are audited one by one, the rest as one summary.
//
// Managing an account (update, disable, reset, re-grant, reveal) needs the permission over its
// home unit and over every unit where it holds a role: an account that works above the caller is
// not the caller's to take over. Nobody changes their own roles. An API key acts with the
// permissions its issuer holds over the key's unit at the time of use, and ends with its issuer.
//
// Thread-safe. Holds references to the database, org service, clock, keyring and audit log,
// which outlive it.
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

struct LoginResult {
  std::string token;  // goes into the cookie; never stored
  std::string csrf_token;
  User user;
};

class AuthService {
 public:
  // `keyring` seals personal data (phones); it, `audit` and `roles` must outlive the service.
  AuthService(storage::Database& db, org::OrgService& org, const Clock& clock,
              const privacy::Keyring& keyring, const audit::Log& audit, const RoleTable& roles,
              AuthOptions options);

  // `totp_code` is required (6 digits) once the account has a second factor enabled; a missing
  // or wrong code is 401 with details[0].field "totpCode", and counts as a failed attempt.
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& totp_code, const ClientInfo& client);
  Status logout(const Actor& actor, const std::string& token);
  // The actor behind a session token, or unauthenticated when it is unknown, idle too long,
  // past its absolute end, or its user is disabled.
  Result<Actor> authenticate(const std::string& token, const ClientInfo& client);
  // Checks the current password like a login (a failure counts towards the lockout; the lockout
  // ends every session of the account, the caller's too), then refuses a replacement that breaks
  // the policy or was one of the last `password_history` passwords.
  Status change_password(const Actor& actor, const std::string& current,
                         const std::string& replacement);
  // Writes the summaries of failed sign-ins whose window has ended, and forgets those windows.
  // Called periodically by the server; safe on several servers at once (each summary is written
  // once). Returns how many summaries it wrote.
  Result<int64_t> summarise_login_failures();

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
  // Disabling an account ends its sessions and revokes the API keys it issued.
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
  // carry only permissions the caller holds there, and none that manage accounts
  // (api_key_may_carry); a key cannot issue keys. The token is returned once: only its hash is
  // stored.
  Result<std::pair<ApiKey, std::string>> create_api_key(
      const Actor& actor, const std::string& name, const std::string& unit,
      const std::vector<std::string>& permissions);
  Result<std::vector<ApiKey>> api_keys(const Actor& actor);
  Status revoke_api_key(const Actor& actor, int64_t id);
  // The actor a key stands for: its unit's subtree, with those of its permissions its issuer
  // holds over the unit now. unauthenticated when the key is unknown or revoked, or its issuer
  // is gone or disabled.
  Result<Actor> authenticate_api_key(const std::string& token, const ClientInfo& client);

  // The account's phone in clear, for a caller holding auth:user:unmask over the account, who
  // states why (2-200 characters). The reveal is audited with the reason.
  Result<std::string> unmask_phone(const Actor& actor, int64_t id, const std::string& reason);

  const PasswordPolicy& policy() const { return policy_; }
  const RoleTable& roles() const { return roles_; }
  const PasswordGate& password_gate() const { return gate_; }
  PasswordGate& password_gate() { return gate_; }

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
  // Reading: the account's home unit in the actor's scope for `permission` (else not_found).
  Status ensure_user_in_scope(const Actor& actor, std::string_view permission,
                              const User& user) const;
  // Managing: the home unit and every unit where the account holds a role. A refusal because
  // of a role outside the caller's scope is audited as `action` with result "refused".
  Status ensure_manageable(const Actor& actor, std::string_view permission, const User& user,
                           std::string_view action);
  // Records the outcome of a failed sign-in: the throttle counts, and an audit row unless the
  // window's first failures were audited already (then it joins the summary).
  Status record_failed_login(storage::Session& s, const std::string& username,
                             const audit::Who& who, const std::string& result,
                             const std::string& object_unit);
  Status write_login_summary(storage::Session& s, const LoginThrottle& row);
  // rate_limited (with the seconds until the window ends) when the account name or the source
  // address used up its failures in the current window; the refusal joins the summary.
  Result<std::optional<Error>> refuse_if_throttled(storage::Session& s, const std::string& username,
                                                   const std::string& source);
  // Starts a new window on a row whose window ended, writing the ended window's summary first.
  Status roll_window(storage::Session& s, LoginThrottle& row);
  // Hashes a new password through the gate.
  Result<std::string> hash_new_password(const std::string& password);
  Result<User> insert_user(const NewUser& user, const audit::Who& who);
  void forget_sessions_of(int64_t user_id);
  // The account as answered: the phone masked, the sealed value dropped.
  User presented(User user) const;

  storage::Database& db_;
  org::OrgService& org_;
  const RoleTable& roles_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const audit::Log& audit_;
  AuthOptions options_;
  PasswordPolicy policy_;
  PasswordGate gate_;
  std::string dummy_hash_;  // verified against for unknown users, so timing tells nothing

  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
};

}  // namespace shequ::auth
