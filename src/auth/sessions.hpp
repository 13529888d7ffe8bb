// Signing in and out, sessions, and changing one's own password.
//
// Login counts an attempt before it checks the password, so N parallel attempts against one
// account check at most `max_failed_logins` passwords before the account locks. Every answer to
// a failed login is the same whether the user exists, the password is wrong or the account is
// locked. Sessions are opaque random tokens; storage holds only their SHA-256.
//
// Brakes: password hashing goes through the context's PasswordGate (per process, bounded to the
// cores), and failed sign-ins are counted per account name and per source address in storage,
// across servers; past a limit the next attempts are refused (rate_limited with Retry-After)
// until the window ends. The first failures of a window are audited one by one, the rest as one
// summary.
//
// An authenticated session is trusted for `session_cache` without asking storage again; the
// services that end or change an account call forget() so that this server drops it at once
// (other servers within the window).
//
// Thread-safe. The context outlives it.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/auth_context.hpp"

namespace shequ::auth {

struct LoginResult {
  std::string token;  // goes into the cookie; never stored
  std::string csrf_token;
  User user;
};

class Sessions {
 public:
  explicit Sessions(AuthContext& context) : context_(context) {}

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
  // Drops this server's trusted copies of the account's sessions: the next request asks storage.
  void forget(int64_t user_id);

 private:
  struct CachedSession {
    Actor actor;
    TimePoint fetched;  // by the injected clock, so tests can age the cache
  };

  Result<Actor> load_actor(const std::string& token_hash, const ClientInfo& client);
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

  AuthContext& context_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
};

}  // namespace shequ::auth
