#include "auth/sessions.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "auth/totp.hpp"
#include "storage/file_store.hpp"

namespace shequ::auth {

namespace {

const Text kLoginFailed{"用户名或密码错误，或账号已被锁定",
                        "wrong user name or password, or the account is locked"};
const Text kTooManyFailures{"登录失败次数过多，请稍后再试",
                            "too many failed sign-ins; try again later"};

constexpr std::chrono::seconds kTouchInterval{60};
constexpr std::size_t kSessionCachePruneAt = 4096;

}  // namespace

Result<LoginResult> Sessions::login(const std::string& username, const std::string& password,
                                    const std::string& totp_code, const ClientInfo& client) {
  const TimePoint now = context_.clock.now();
  const std::string now_text = format_timestamp(now);
  const std::string lock_until = format_timestamp(now + context_.options.lockout);
  const audit::Who tried{std::nullopt, username, "", "", client.source_ip, client.request_id};
  // A flood is refused here, before it costs storage or a hash.
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, context_.gate.admit());
  struct Attempt {
    std::optional<Credentials> credentials;
    std::string refused_as;  // "disabled" or "locked": no password is checked
    int64_t count = 0;
    std::optional<Error> throttled;
  };
  // First count the attempt, then check the password: the lock holds however many arrive at once.
  SHEQU_ASSIGN_OR_RETURN(
      Attempt attempt,
      context_.db.write_value<Attempt>([&](storage::Session& s) -> Result<Attempt> {
        Attempt a;
        SHEQU_ASSIGN_OR_RETURN(a.throttled, refuse_if_throttled(s, username, client.source_ip));
        if (a.throttled) return a;  // committed: the refusal is counted for the summary
        SHEQU_ASSIGN_OR_RETURN(a.credentials, AuthRepository::find_credentials(s, username));
        if (!a.credentials) return a;
        if (a.credentials->status != "active") {
          a.refused_as = "disabled";
          return a;
        }
        const auto& locked = a.credentials->locked_until;
        if (locked && *locked > now_text) {
          a.refused_as = "locked";
          return a;
        }
        if (locked)
          SHEQU_TRY(AuthRepository::clear_attempts(s, a.credentials->user_id));  // lock over
        SHEQU_ASSIGN_OR_RETURN(
            a.count, AuthRepository::count_attempt(s, a.credentials->user_id,
                                                   context_.options.max_failed_logins, lock_until));
        if (a.count > context_.options.max_failed_logins) a.refused_as = "locked";
        return a;
      }));
  if (attempt.throttled) return *std::move(attempt.throttled);
  const bool may_check = attempt.credentials && attempt.refused_as.empty();
  ticket.wait_for_slot();
  // An unknown, disabled or locked account costs the same work as a real check.
  const bool password_ok =
      verify_password(may_check ? attempt.credentials->password_hash : context_.dummy_hash,
                      password) &&
      may_check;
  { PasswordGate::Ticket done = std::move(ticket); }  // the slot is free for the next caller
  audit::Who who = tried;
  const std::string home = attempt.credentials ? attempt.credentials->unit_code : "";
  if (attempt.credentials) who.user_id = attempt.credentials->user_id;
  if (!password_ok) {
    const std::string result = !attempt.credentials          ? "unknown_user"
                               : !attempt.refused_as.empty() ? attempt.refused_as
                               : attempt.count >= context_.options.max_failed_logins ? "locked_out"
                                                                                     : "failure";
    SHEQU_TRY(context_.db.write(
        [&](storage::Session& s) { return record_failed_login(s, username, who, result, home); }));
    return Error::unauthenticated(kLoginFailed);
  }
  const int64_t user_id = attempt.credentials->user_id;
  // The password is right; an account with a second factor needs its code too. A failure here
  // leaves the attempt counted.
  std::optional<int64_t> totp_step_used;
  if (attempt.credentials->totp_enabled) {
    SHEQU_ASSIGN_OR_RETURN(std::string secret,
                           context_.keyring.open(attempt.credentials->totp_sealed, kTotpContext));
    totp_step_used = totp_match(secret, totp_code, now, attempt.credentials->totp_last_step);
    if (!totp_step_used) {
      SHEQU_TRY(context_.db.write([&](storage::Session& s) {
        return record_failed_login(s, username, who, "totp_failure", home);
      }));
      Error error = Error::unauthenticated(kLoginFailed);
      error.details.push_back(
          {"totpCode",
           totp_code.empty()
               ? Text{"请输入动态口令", "enter the code from your authenticator"}
               : Text{"动态口令不正确或已使用", "the code is wrong or was used already"}});
      return error;
    }
  }
  LoginResult result;
  result.token = random_token(32);
  result.csrf_token = random_token(24);
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    if (totp_step_used) {
      SHEQU_ASSIGN_OR_RETURN(bool fresh,
                             AuthRepository::consume_totp_step(s, user_id, *totp_step_used));
      if (!fresh) return Error::unauthenticated(kLoginFailed);  // the same code, used meanwhile
    }
    SHEQU_TRY(AuthRepository::clear_attempts(s, user_id));
    SHEQU_ASSIGN_OR_RETURN(auto user, AuthRepository::find_user(s, user_id));
    result.user = std::move(*user);
    const auto idle = is_administrator(result.user) ? context_.options.admin_idle_timeout
                                                    : context_.options.idle_timeout;
    SHEQU_TRY(AuthRepository::insert_session(
        s, storage::sha256_hex(result.token), user_id, result.csrf_token, now_text,
        format_timestamp(now + context_.options.absolute_timeout),
        std::chrono::duration_cast<std::chrono::seconds>(idle).count()));
    if (!result.user.roles.empty()) who.role = result.user.roles.front().role;
    who.unit_code = result.user.unit_code;
    return context_.audit.append(s, who, {"auth.login", "user", username, "success", "", home});
  }));
  result.user.must_change_password =
      result.user.must_change_password ||
      result.user.password_changed_at < format_timestamp(now - context_.options.password_max_age);
  return result;
}

Result<std::optional<Error>> Sessions::refuse_if_throttled(storage::Session& s,
                                                           const std::string& username,
                                                           const std::string& source) {
  const TimePoint now = context_.clock.now();
  const std::string window_floor = format_timestamp(now - context_.options.login_window);
  int64_t retry_after = 0;
  for (const auto& [scope, subject, limit] :
       {std::tuple{"name", username, context_.options.login_failures_per_name},
        std::tuple{"source", source, context_.options.login_failures_per_source}}) {
    SHEQU_ASSIGN_OR_RETURN(auto row, AuthRepository::find_throttle(s, scope, subject));
    if (!row || row->window_start < window_floor || row->failures < limit) continue;
    // Counted for the summary; the row is locked and read again, as another server may count too.
    SHEQU_ASSIGN_OR_RETURN(LoginThrottle locked,
                           AuthRepository::lock_throttle(s, scope, subject, format_timestamp(now)));
    locked.unaudited += 1;
    if (locked.unaudited_from.empty()) locked.unaudited_from = format_timestamp(now);
    locked.unaudited_to = format_timestamp(now);
    locked.last_source = source;
    SHEQU_TRY(AuthRepository::save_throttle(s, locked));
    const auto window_end =
        parse_timestamp(locked.window_start).value_or(now) + context_.options.login_window;
    retry_after = std::max<int64_t>(
        retry_after, std::chrono::ceil<std::chrono::seconds>(window_end - now).count());
  }
  if (retry_after == 0) return std::optional<Error>{};
  return std::optional<Error>{Error::rate_limited(kTooManyFailures, retry_after)};
}

Status Sessions::record_failed_login(storage::Session& s, const std::string& username,
                                     const audit::Who& who, const std::string& result,
                                     const std::string& object_unit) {
  const std::string now = format_timestamp(context_.clock.now());
  SHEQU_ASSIGN_OR_RETURN(LoginThrottle by_name,
                         AuthRepository::lock_throttle(s, "name", username, now));
  SHEQU_ASSIGN_OR_RETURN(LoginThrottle by_source,
                         AuthRepository::lock_throttle(s, "source", who.source_ip, now));
  for (LoginThrottle* row : {&by_name, &by_source}) SHEQU_TRY(roll_window(s, *row));
  by_name.failures += 1;
  by_source.failures += 1;
  by_name.object_unit = object_unit;
  // A password or code that was checked is always recorded on its own (the lockout bounds how
  // many there are); refusals without a check (unknown name, locked or disabled account) only
  // while the window's first few are, and the rest go into the summary.
  const bool checked = result == "failure" || result == "locked_out" || result == "totp_failure";
  if (checked || by_name.audited < context_.options.login_failures_audited) {
    by_name.audited += 1;
    SHEQU_TRY(
        context_.audit.append(s, who, {"auth.login", "user", username, result, "", object_unit}));
  } else {
    by_name.unaudited += 1;
    if (by_name.unaudited_from.empty()) by_name.unaudited_from = now;
    by_name.unaudited_to = now;
    by_name.last_source = who.source_ip;
  }
  SHEQU_TRY(AuthRepository::save_throttle(s, by_name));
  return AuthRepository::save_throttle(s, by_source);
}

Status Sessions::roll_window(storage::Session& s, LoginThrottle& row) {
  const TimePoint now = context_.clock.now();
  if (row.window_start >= format_timestamp(now - context_.options.login_window)) return {};
  if (row.unaudited > 0) SHEQU_TRY(write_login_summary(s, row));
  row = LoginThrottle{row.scope, row.subject, format_timestamp(now)};
  return {};
}

Status Sessions::write_login_summary(storage::Session& s, const LoginThrottle& row) {
  const bool by_name = row.scope == "name";
  const audit::Who who{std::nullopt, by_name ? row.subject : "", "", "", row.last_source, ""};
  return context_.audit.append(
      s, who,
      {"auth.login", by_name ? "user" : "source", row.subject, "summary",
       fmt::format("{} failed or refused sign-ins from {} to {} not recorded one by one; the last "
                   "from {}",
                   row.unaudited, row.unaudited_from, row.unaudited_to, row.last_source),
       row.object_unit});
}

Result<int64_t> Sessions::summarise_login_failures() {
  const std::string window_floor =
      format_timestamp(context_.clock.now() - context_.options.login_window);
  return context_.db.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto ended, AuthRepository::throttles_started_before(s, window_floor));
    int64_t written = 0;
    for (const LoginThrottle& row : ended) {
      SHEQU_ASSIGN_OR_RETURN(bool deleted, AuthRepository::delete_throttle(s, row));
      if (!deleted || row.unaudited == 0) continue;
      SHEQU_TRY(write_login_summary(s, row));
      ++written;
    }
    return written;
  });
}

Status Sessions::logout(const Actor& actor, const std::string& token) {
  const std::string hash = storage::sha256_hex(token);
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::delete_session(s, hash));
    return context_.audit.append(
        s, audit::who(actor, ""),
        {"auth.logout", "user", actor.username, "success", "", actor.unit_code});
  }));
  std::lock_guard lock(cache_mutex_);
  cache_.erase(hash);
  return {};
}

Result<Actor> Sessions::authenticate(const std::string& token, const ClientInfo& client) {
  if (token.empty() || token.size() > 128) return Error::unauthenticated(kSessionEnded);
  const std::string hash = storage::sha256_hex(token);
  const TimePoint now = context_.clock.now();
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(hash); it != cache_.end()) {
      if (now - it->second.fetched < context_.options.session_cache && now >= it->second.fetched) {
        Actor actor = it->second.actor;
        actor.source_ip = client.source_ip;
        actor.request_id = client.request_id;
        return actor;
      }
      cache_.erase(it);
    }
  }
  SHEQU_ASSIGN_OR_RETURN(Actor actor, load_actor(hash, client));
  std::lock_guard lock(cache_mutex_);
  // Entries are trusted for seconds; drop the stale ones now and then so that sessions never
  // seen again do not accumulate for the life of the process.
  if (cache_.size() >= kSessionCachePruneAt) {
    std::erase_if(cache_, [&](const auto& entry) {
      return now - entry.second.fetched >= context_.options.session_cache;
    });
  }
  cache_[hash] = CachedSession{actor, now};
  return actor;
}

Result<Actor> Sessions::load_actor(const std::string& token_hash, const ClientInfo& client) {
  const TimePoint now = context_.clock.now();
  const std::string now_text = format_timestamp(now);
  struct Found {
    std::optional<SessionRecord> session;
    std::optional<User> user;
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, context_.db.read_value<Found>([&](storage::Session& s) -> Result<Found> {
        Found f;
        SHEQU_ASSIGN_OR_RETURN(f.session, AuthRepository::find_session(s, token_hash));
        if (f.session) {
          SHEQU_ASSIGN_OR_RETURN(f.user, AuthRepository::find_user(s, f.session->user_id));
        }
        return f;
      }));
  if (!found.session || !found.user) return Error::unauthenticated(kSessionEnded);
  const SessionRecord& session = *found.session;
  const std::string idle_limit = format_timestamp(now - std::chrono::seconds(session.idle_seconds));
  if (session.expires_at <= now_text || session.last_seen_at < idle_limit ||
      found.user->status != "active") {
    SHEQU_TRY(context_.db.write(
        [&](storage::Session& s) { return AuthRepository::delete_session(s, token_hash); }));
    return Error::unauthenticated(kSessionEnded);
  }
  if (session.last_seen_at < format_timestamp(now - kTouchInterval)) {
    SHEQU_TRY(context_.db.write([&](storage::Session& s) {
      return AuthRepository::touch_session(s, token_hash, now_text);
    }));
  }
  return context_.actor_for(*found.user, session.csrf_token, client);
}

void Sessions::forget(int64_t user_id) {
  std::lock_guard lock(cache_mutex_);
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

Status Sessions::change_password(const Actor& actor, const std::string& current,
                                 const std::string& replacement) {
  const TimePoint now = context_.clock.now();
  const std::string now_text = format_timestamp(now);
  const audit::Who who = audit::who(actor, "");
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, context_.gate.admit());
  struct Attempt {
    std::optional<Credentials> credentials;
    int64_t count = 0;
    bool may_check = false;
  };
  // Counted before the check, as for a login: whoever holds a stolen session gets as many
  // guesses at the password as anyone at the login page, and then loses the session.
  SHEQU_ASSIGN_OR_RETURN(
      Attempt attempt,
      context_.db.write_value<Attempt>([&](storage::Session& s) -> Result<Attempt> {
        Attempt a;
        SHEQU_ASSIGN_OR_RETURN(a.credentials, AuthRepository::find_credentials(s, actor.username));
        if (!a.credentials) return a;
        const auto& locked = a.credentials->locked_until;
        if (locked && *locked > now_text) return a;
        if (locked) SHEQU_TRY(AuthRepository::clear_attempts(s, a.credentials->user_id));
        SHEQU_ASSIGN_OR_RETURN(a.count,
                               AuthRepository::count_attempt(
                                   s, a.credentials->user_id, context_.options.max_failed_logins,
                                   format_timestamp(now + context_.options.lockout)));
        a.may_check = a.count <= context_.options.max_failed_logins;
        return a;
      }));
  if (!attempt.credentials) return Error::unauthenticated(kSessionEnded);
  ticket.wait_for_slot();
  const bool right =
      verify_password(attempt.may_check ? attempt.credentials->password_hash : context_.dummy_hash,
                      current) &&
      attempt.may_check;
  if (!right) {
    const bool locked = !attempt.may_check || attempt.count >= context_.options.max_failed_logins;
    SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
      if (locked) SHEQU_TRY(AuthRepository::delete_sessions_of(s, actor.user_id));
      return context_.audit.append(s, who,
                                   {"auth.password.change", "user", actor.username,
                                    locked ? "locked_out" : "failure", "", actor.unit_code});
    }));
    if (locked) {
      forget(actor.user_id);
      return Error::unauthenticated(
          {"当前密码多次输入错误，账号已锁定并退出登录，请稍后重新登录",
           "the current password was wrong too often: the account is locked and signed out; "
           "sign in again later"});
    }
    return Error::invalid("currentPassword", {"当前密码不正确", "the current password is wrong"});
  }
  SHEQU_TRY(context_.db.write(
      [&](storage::Session& s) { return AuthRepository::clear_attempts(s, actor.user_id); }));
  SHEQU_TRY(context_.policy.check(replacement, actor.username, "newPassword"));
  const Error used_before = Error::invalid(
      "newPassword",
      {fmt::format("不能与最近 {} 次使用过的密码相同", context_.options.password_history),
       fmt::format("must differ from your last {} passwords", context_.options.password_history)});
  if (replacement == current) return used_before;
  SHEQU_ASSIGN_OR_RETURN(auto recent,
                         context_.db.read_value<std::vector<std::string>>([&](storage::Session& s) {
                           return AuthRepository::recent_password_hashes(
                               s, actor.user_id, context_.options.password_history);
                         }));
  for (const std::string& hash : recent) {
    if (verify_password(hash, replacement)) return used_before;
  }
  const std::string hash = hash_password(replacement, context_.options.password_cost);
  { PasswordGate::Ticket done = std::move(ticket); }
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::retire_current_password(s, actor.user_id, now_text,
                                                      context_.options.password_history - 1));
    SHEQU_TRY(AuthRepository::set_password(s, actor.user_id, hash, now_text));
    SHEQU_TRY(AuthRepository::delete_sessions_of(s, actor.user_id));
    return context_.audit.append(
        s, who, {"auth.password.change", "user", actor.username, "success", "", actor.unit_code});
  }));
  forget(actor.user_id);
  return {};
}

}  // namespace shequ::auth
