#include "auth/auth_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "auth/roles.hpp"
#include "auth/totp.hpp"
#include "common/strings.hpp"
#include "org/unit_codes.hpp"
#include "privacy/validators.hpp"

namespace shequ::auth {

namespace {

const Text kLoginFailed{"用户名或密码错误，或账号已被锁定",
                        "wrong user name or password, or the account is locked"};
const Text kSessionEnded{"登录已失效，请重新登录", "your session has ended; please log in again"};
const Text kNoPermission{"没有权限执行此操作", "you do not have permission for this"};
const Text kTooManyFailures{"登录失败次数过多，请稍后再试",
                            "too many failed sign-ins; try again later"};
const Text kKeyInvalid{"API 密钥无效或已撤销", "the API key is unknown or revoked"};

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

constexpr std::chrono::seconds kTouchInterval{60};
constexpr std::size_t kSessionCachePruneAt = 4096;

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

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

bool valid_username(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

}  // namespace

AuthService::AuthService(storage::Database& db, org::OrgService& org, const Clock& clock,
                         const privacy::Keyring& keyring, const audit::Log& audit,
                         const RoleTable& roles, AuthOptions options)
    : db_(db),
      org_(org),
      roles_(roles),
      clock_(clock),
      keyring_(keyring),
      audit_(audit),
      options_(std::move(options)),
      policy_(options_.dictionary_path),
      gate_(options_.hashing_slots, options_.hashing_queue) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  dummy_hash_ = hash_password("not a password of anyone", options_.password_cost);
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& totp_code, const ClientInfo& client) {
  const TimePoint now = clock_.now();
  const std::string now_text = format_timestamp(now);
  const std::string lock_until = format_timestamp(now + options_.lockout);
  const audit::Who tried{std::nullopt, username, "", "", client.source_ip, client.request_id};
  // A flood is refused here, before it costs storage or a hash.
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, gate_.admit());
  struct Attempt {
    std::optional<Credentials> credentials;
    std::string refused_as;  // "disabled" or "locked": no password is checked
    int64_t count = 0;
    std::optional<Error> throttled;
  };
  // First count the attempt, then check the password: the lock holds however many arrive at once.
  SHEQU_ASSIGN_OR_RETURN(
      Attempt attempt, db_.write_value<Attempt>([&](storage::Session& s) -> Result<Attempt> {
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
                                                   options_.max_failed_logins, lock_until));
        if (a.count > options_.max_failed_logins) a.refused_as = "locked";
        return a;
      }));
  if (attempt.throttled) return *std::move(attempt.throttled);
  const bool may_check = attempt.credentials && attempt.refused_as.empty();
  ticket.wait_for_slot();
  // An unknown, disabled or locked account costs the same work as a real check.
  const bool password_ok =
      verify_password(may_check ? attempt.credentials->password_hash : dummy_hash_, password) &&
      may_check;
  { PasswordGate::Ticket done = std::move(ticket); }  // the slot is free for the next caller
  audit::Who who = tried;
  const std::string home = attempt.credentials ? attempt.credentials->unit_code : "";
  if (attempt.credentials) who.user_id = attempt.credentials->user_id;
  if (!password_ok) {
    const std::string result = !attempt.credentials                          ? "unknown_user"
                               : !attempt.refused_as.empty()                 ? attempt.refused_as
                               : attempt.count >= options_.max_failed_logins ? "locked_out"
                                                                             : "failure";
    SHEQU_TRY(db_.write(
        [&](storage::Session& s) { return record_failed_login(s, username, who, result, home); }));
    return Error::unauthenticated(kLoginFailed);
  }
  const int64_t user_id = attempt.credentials->user_id;
  // The password is right; an account with a second factor needs its code too. A failure here
  // leaves the attempt counted.
  std::optional<int64_t> totp_step_used;
  if (attempt.credentials->totp_enabled) {
    SHEQU_ASSIGN_OR_RETURN(std::string secret,
                           keyring_.open(attempt.credentials->totp_sealed, kTotpContext));
    totp_step_used = totp_match(secret, totp_code, now, attempt.credentials->totp_last_step);
    if (!totp_step_used) {
      SHEQU_TRY(db_.write([&](storage::Session& s) {
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
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    if (totp_step_used) {
      SHEQU_ASSIGN_OR_RETURN(bool fresh,
                             AuthRepository::consume_totp_step(s, user_id, *totp_step_used));
      if (!fresh) return Error::unauthenticated(kLoginFailed);  // the same code, used meanwhile
    }
    SHEQU_TRY(AuthRepository::clear_attempts(s, user_id));
    SHEQU_ASSIGN_OR_RETURN(auto user, AuthRepository::find_user(s, user_id));
    result.user = std::move(*user);
    const auto idle =
        is_administrator(result.user) ? options_.admin_idle_timeout : options_.idle_timeout;
    SHEQU_TRY(AuthRepository::insert_session(
        s, sha256_hex(result.token), user_id, result.csrf_token, now_text,
        format_timestamp(now + options_.absolute_timeout),
        std::chrono::duration_cast<std::chrono::seconds>(idle).count()));
    if (!result.user.roles.empty()) who.role = result.user.roles.front().role;
    who.unit_code = result.user.unit_code;
    return audit_.append(s, who, {"auth.login", "user", username, "success", "", home});
  }));
  result.user.must_change_password =
      result.user.must_change_password ||
      result.user.password_changed_at < format_timestamp(now - options_.password_max_age);
  return result;
}

Result<std::optional<Error>> AuthService::refuse_if_throttled(storage::Session& s,
                                                              const std::string& username,
                                                              const std::string& source) {
  const TimePoint now = clock_.now();
  const std::string window_floor = format_timestamp(now - options_.login_window);
  int64_t retry_after = 0;
  for (const auto& [scope, subject, limit] :
       {std::tuple{"name", username, options_.login_failures_per_name},
        std::tuple{"source", source, options_.login_failures_per_source}}) {
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
        parse_timestamp(locked.window_start).value_or(now) + options_.login_window;
    retry_after = std::max<int64_t>(
        retry_after, std::chrono::ceil<std::chrono::seconds>(window_end - now).count());
  }
  if (retry_after == 0) return std::optional<Error>{};
  return std::optional<Error>{Error::rate_limited(kTooManyFailures, retry_after)};
}

Status AuthService::record_failed_login(storage::Session& s, const std::string& username,
                                        const audit::Who& who, const std::string& result,
                                        const std::string& object_unit) {
  const std::string now = format_timestamp(clock_.now());
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
  if (checked || by_name.audited < options_.login_failures_audited) {
    by_name.audited += 1;
    SHEQU_TRY(audit_.append(s, who, {"auth.login", "user", username, result, "", object_unit}));
  } else {
    by_name.unaudited += 1;
    if (by_name.unaudited_from.empty()) by_name.unaudited_from = now;
    by_name.unaudited_to = now;
    by_name.last_source = who.source_ip;
  }
  SHEQU_TRY(AuthRepository::save_throttle(s, by_name));
  return AuthRepository::save_throttle(s, by_source);
}

Status AuthService::roll_window(storage::Session& s, LoginThrottle& row) {
  const TimePoint now = clock_.now();
  if (row.window_start >= format_timestamp(now - options_.login_window)) return {};
  if (row.unaudited > 0) SHEQU_TRY(write_login_summary(s, row));
  row = LoginThrottle{row.scope, row.subject, format_timestamp(now)};
  return {};
}

Status AuthService::write_login_summary(storage::Session& s, const LoginThrottle& row) {
  const bool by_name = row.scope == "name";
  const audit::Who who{std::nullopt, by_name ? row.subject : "", "", "", row.last_source, ""};
  return audit_.append(
      s, who,
      {"auth.login", by_name ? "user" : "source", row.subject, "summary",
       fmt::format("{} failed or refused sign-ins from {} to {} not recorded one by one; the last "
                   "from {}",
                   row.unaudited, row.unaudited_from, row.unaudited_to, row.last_source),
       row.object_unit});
}

Result<int64_t> AuthService::summarise_login_failures() {
  const std::string window_floor = format_timestamp(clock_.now() - options_.login_window);
  return db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
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

Status AuthService::logout(const Actor& actor, const std::string& token) {
  const std::string hash = sha256_hex(token);
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::delete_session(s, hash));
    return audit_.append(s, audit::who(actor, ""),
                         {"auth.logout", "user", actor.username, "success", "", actor.unit_code});
  }));
  std::lock_guard lock(cache_mutex_);
  cache_.erase(hash);
  return {};
}

Actor AuthService::actor_for(const User& user, const std::string& csrf,
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
      user.password_changed_at < format_timestamp(clock_.now() - options_.password_max_age);
  actor.must_enroll_totp =
      options_.require_totp_for_administrators && is_administrator(user) && !user.totp_enabled;
  for (const RoleGrant& g : user.roles) {
    if (find_role(g.role) != nullptr) {
      actor.grants.push_back(Grant{g.role, g.unit_code, roles_.permissions(g.role)});
    }
  }
  return actor;
}

Result<Actor> AuthService::authenticate(const std::string& token, const ClientInfo& client) {
  if (token.empty() || token.size() > 128) return Error::unauthenticated(kSessionEnded);
  const std::string hash = sha256_hex(token);
  const TimePoint now = clock_.now();
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(hash); it != cache_.end()) {
      if (now - it->second.fetched < options_.session_cache && now >= it->second.fetched) {
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
      return now - entry.second.fetched >= options_.session_cache;
    });
  }
  cache_[hash] = CachedSession{actor, now};
  return actor;
}

Result<Actor> AuthService::load_actor(const std::string& token_hash, const ClientInfo& client) {
  const TimePoint now = clock_.now();
  const std::string now_text = format_timestamp(now);
  struct Found {
    std::optional<SessionRecord> session;
    std::optional<User> user;
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, db_.read_value<Found>([&](storage::Session& s) -> Result<Found> {
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
    SHEQU_TRY(db_.write(
        [&](storage::Session& s) { return AuthRepository::delete_session(s, token_hash); }));
    return Error::unauthenticated(kSessionEnded);
  }
  if (session.last_seen_at < format_timestamp(now - kTouchInterval)) {
    SHEQU_TRY(db_.write([&](storage::Session& s) {
      return AuthRepository::touch_session(s, token_hash, now_text);
    }));
  }
  return actor_for(*found.user, session.csrf_token, client);
}

void AuthService::forget_sessions_of(int64_t user_id) {
  std::lock_guard lock(cache_mutex_);
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

Result<std::string> AuthService::hash_new_password(const std::string& password) {
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, gate_.admit());
  ticket.wait_for_slot();
  return hash_password(password, options_.password_cost);
}

Status AuthService::change_password(const Actor& actor, const std::string& current,
                                    const std::string& replacement) {
  const TimePoint now = clock_.now();
  const std::string now_text = format_timestamp(now);
  const audit::Who who = audit::who(actor, "");
  SHEQU_ASSIGN_OR_RETURN(PasswordGate::Ticket ticket, gate_.admit());
  struct Attempt {
    std::optional<Credentials> credentials;
    int64_t count = 0;
    bool may_check = false;
  };
  // Counted before the check, as for a login: whoever holds a stolen session gets as many
  // guesses at the password as anyone at the login page, and then loses the session.
  SHEQU_ASSIGN_OR_RETURN(
      Attempt attempt, db_.write_value<Attempt>([&](storage::Session& s) -> Result<Attempt> {
        Attempt a;
        SHEQU_ASSIGN_OR_RETURN(a.credentials, AuthRepository::find_credentials(s, actor.username));
        if (!a.credentials) return a;
        const auto& locked = a.credentials->locked_until;
        if (locked && *locked > now_text) return a;
        if (locked) SHEQU_TRY(AuthRepository::clear_attempts(s, a.credentials->user_id));
        SHEQU_ASSIGN_OR_RETURN(a.count, AuthRepository::count_attempt(
                                            s, a.credentials->user_id, options_.max_failed_logins,
                                            format_timestamp(now + options_.lockout)));
        a.may_check = a.count <= options_.max_failed_logins;
        return a;
      }));
  if (!attempt.credentials) return Error::unauthenticated(kSessionEnded);
  ticket.wait_for_slot();
  const bool right =
      verify_password(attempt.may_check ? attempt.credentials->password_hash : dummy_hash_,
                      current) &&
      attempt.may_check;
  if (!right) {
    const bool locked = !attempt.may_check || attempt.count >= options_.max_failed_logins;
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      if (locked) SHEQU_TRY(AuthRepository::delete_sessions_of(s, actor.user_id));
      return audit_.append(s, who,
                           {"auth.password.change", "user", actor.username,
                            locked ? "locked_out" : "failure", "", actor.unit_code});
    }));
    if (locked) {
      forget_sessions_of(actor.user_id);
      return Error::unauthenticated(
          {"当前密码多次输入错误，账号已锁定并退出登录，请稍后重新登录",
           "the current password was wrong too often: the account is locked and signed out; "
           "sign in again later"});
    }
    return Error::invalid("currentPassword", {"当前密码不正确", "the current password is wrong"});
  }
  SHEQU_TRY(db_.write(
      [&](storage::Session& s) { return AuthRepository::clear_attempts(s, actor.user_id); }));
  SHEQU_TRY(policy_.check(replacement, actor.username, "newPassword"));
  const Error used_before = Error::invalid(
      "newPassword",
      {fmt::format("不能与最近 {} 次使用过的密码相同", options_.password_history),
       fmt::format("must differ from your last {} passwords", options_.password_history)});
  if (replacement == current) return used_before;
  SHEQU_ASSIGN_OR_RETURN(
      auto recent, db_.read_value<std::vector<std::string>>([&](storage::Session& s) {
        return AuthRepository::recent_password_hashes(s, actor.user_id, options_.password_history);
      }));
  for (const std::string& hash : recent) {
    if (verify_password(hash, replacement)) return used_before;
  }
  const std::string hash = hash_password(replacement, options_.password_cost);
  { PasswordGate::Ticket done = std::move(ticket); }
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::retire_current_password(s, actor.user_id, now_text,
                                                      options_.password_history - 1));
    SHEQU_TRY(AuthRepository::set_password(s, actor.user_id, hash, now_text));
    SHEQU_TRY(AuthRepository::delete_sessions_of(s, actor.user_id));
    return audit_.append(
        s, who, {"auth.password.change", "user", actor.username, "success", "", actor.unit_code});
  }));
  forget_sessions_of(actor.user_id);
  return {};
}

Result<std::string> AuthService::reset_password(const Actor& actor, int64_t id, bool forget_totp) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  if (id == actor.user_id) {
    return Error::invalid("id", {"不能重置自己的密码，请使用修改密码",
                                 "you cannot reset your own password; change it instead"});
  }
  SHEQU_TRY(ensure_manageable(actor, kUserUpdate, user, "auth.password.reset"));
  for (const RoleGrant& g : user.roles) {
    if (const RoleDefinition* role = find_role(g.role); role != nullptr && role->separated_duty) {
      return separated_duty_refused(*role);
    }
  }
  return store_reset_password(user, audit::who(actor, kUserUpdate), forget_totp);
}

Result<std::string> AuthService::reset_password_as_operator(const std::string& username,
                                                            bool forget_totp) {
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<User>>(
                                         [&](storage::Session& s) -> Result<std::optional<User>> {
                                           return AuthRepository::find_user_by_name(s, username);
                                         }));
  if (!found) return Error::not_found({"账号", "account"});
  return store_reset_password(*found, audit::operator_who(), forget_totp);
}

Result<std::string> AuthService::store_reset_password(const User& user, const audit::Who& who,
                                                      bool forget_totp) {
  const std::string password = generate_password();
  SHEQU_ASSIGN_OR_RETURN(std::string hash, hash_new_password(password));
  const std::string now = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(
        AuthRepository::retire_current_password(s, user.id, now, options_.password_history - 1));
    SHEQU_TRY(AuthRepository::reset_password(s, user.id, hash, now));
    SHEQU_TRY(AuthRepository::delete_sessions_of(s, user.id));
    if (forget_totp) SHEQU_TRY(AuthRepository::clear_totp(s, user.id));
    return audit_.append(s, who,
                         {"auth.password.reset", "user", user.username, "success",
                          forget_totp ? "totp cleared" : "", user.unit_code});
  }));
  forget_sessions_of(user.id);
  return password;
}

Status AuthService::ensure_user_in_scope(const Actor& actor, std::string_view permission,
                                         const User& user) const {
  if (org_.covers(actor, permission, user.unit_code)) return {};
  return Error::not_found(
      {fmt::format("未找到账号 {}", user.id), fmt::format("no account {}", user.id)});
}

Status AuthService::ensure_manageable(const Actor& actor, std::string_view permission,
                                      const User& user, std::string_view action) {
  SHEQU_TRY(ensure_user_in_scope(actor, permission, user));
  for (const RoleGrant& g : user.roles) {
    if (org_.covers(actor, permission, g.unit_code)) continue;
    const RoleDefinition* role = find_role(g.role);
    const auto unit = org_.tree().find(g.unit_code);
    const std::string role_zh = role ? role->name.zh : g.role;
    const std::string role_en = role ? role->name.en : g.role;
    const std::string unit_name = unit ? unit->unit.name : g.unit_code;
    // An attempt on an account that works above the caller is a security event: on record for
    // the caller's auditors and for those of the unit where the account holds the role.
    SHEQU_TRY(audit_.record(db_, audit::who(actor, permission),
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

Result<User> AuthService::me(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<User>>([&](storage::Session& s) {
    return AuthRepository::find_user(s, actor.user_id);
  }));
  if (!found) return Error::unauthenticated(kSessionEnded);
  return presented(std::move(*found));
}

Result<User> AuthService::user(const Actor& actor, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<User>>([&](storage::Session& s) {
    return AuthRepository::find_user(s, id);
  }));
  if (!found)
    return Error::not_found({fmt::format("未找到账号 {}", id), fmt::format("no account {}", id)});
  SHEQU_TRY(ensure_user_in_scope(actor, kUserRead, *found));
  return presented(std::move(*found));
}

Result<std::pair<std::vector<User>, int64_t>> AuthService::users(const Actor& actor,
                                                                 const std::string& unit,
                                                                 const std::string& name_filter,
                                                                 const std::string& phone,
                                                                 int64_t offset, int64_t limit) {
  if (!phone.empty()) SHEQU_TRY(privacy::validate_mobile(phone, "phone"));
  const std::string phone_index = phone.empty() ? "" : keyring_.blind_index(phone, kPhoneContext);
  std::vector<std::string> roots = actor.roots_for(kUserRead);
  if (!unit.empty()) {
    SHEQU_TRY(org_.unit(unit));
    SHEQU_TRY(org_.in_scope(actor, kUserRead, unit));
    roots = {unit};
  }
  using UserPage = std::pair<std::vector<User>, int64_t>;
  SHEQU_ASSIGN_OR_RETURN(auto page, db_.read_value<UserPage>([&](storage::Session& s) {
    return AuthRepository::list_users(s, roots, name_filter, phone_index, offset, limit);
  }));
  for (User& user : page.first) user = presented(std::move(user));
  return page;
}

Status AuthService::validate_new_user(const NewUser& user) const {
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
  if (!org_.tree().find(user.unit_code)) {
    problems.push_back({"unitCode", {"单位不存在", "no such unit"}});
  }
  if (Status policy = policy_.check(user.password, user.username, "password"); !policy) {
    for (const FieldError& e : policy.error().details) problems.push_back(e);
  }
  for (std::size_t i = 0; i < user.roles.size(); ++i) {
    const RoleGrant& g = user.roles[i];
    const RoleDefinition* role = find_role(g.role);
    const auto unit = org_.tree().find(g.unit_code);
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

Status AuthService::check_grants(const Actor& actor, const std::vector<RoleGrant>& roles) const {
  for (const RoleGrant& g : roles) {
    const RoleDefinition* role = find_role(g.role);
    if (role == nullptr) return Error::invalid("roles", {"没有这个角色", "no such role"});
    if (role->separated_duty) return separated_duty_refused(*role);
    auto covers = [&](std::string_view permission) {
      return org_.covers(actor, permission, g.unit_code);
    };
    // Grant only within one's scope, and never a permission one does not hold there.
    const auto carried = roles_.permissions(g.role);
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

Result<User> AuthService::insert_user(const NewUser& user, const audit::Who& who) {
  NewUser stored = user;
  SHEQU_ASSIGN_OR_RETURN(stored.display_name, normalise_text(user.display_name, "displayName"));
  SHEQU_ASSIGN_OR_RETURN(std::string hash, hash_new_password(user.password));
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<User>([&](storage::Session& s) -> Result<User> {
    SHEQU_ASSIGN_OR_RETURN(auto existing, AuthRepository::find_credentials(s, user.username));
    if (existing) return Error::conflict({"用户名已被使用", "the user name is taken"});
    const std::string sealed = user.phone.empty() ? "" : keyring_.seal(user.phone, kPhoneContext);
    const std::string index =
        user.phone.empty() ? "" : keyring_.blind_index(user.phone, kPhoneContext);
    SHEQU_ASSIGN_OR_RETURN(int64_t id,
                           AuthRepository::insert_user(s, stored, hash, now, sealed, index));
    SHEQU_TRY(audit_.append(
        s, who, {"auth.user.create", "user", std::to_string(id), "success", "", user.unit_code}));
    for (const RoleGrant& g : user.roles) {
      SHEQU_TRY(audit_.append(
          s, who,
          {"auth.role.grant", "user", fmt::format("{}:{}@{}", id, g.role, g.unit_code), "success",
           "", g.unit_code}));
    }
    SHEQU_ASSIGN_OR_RETURN(auto created, AuthRepository::find_user(s, id));
    return presented(std::move(*created));
  });
}

Result<User> AuthService::create_user(const Actor& actor, const NewUser& user) {
  SHEQU_TRY(validate_new_user(user));
  if (!org_.covers(actor, kUserCreate, user.unit_code)) {
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back(
        {"unitCode", {"只能在本辖区内创建账号", "accounts can only be created within your scope"}});
    return error;
  }
  SHEQU_TRY(check_grants(actor, user.roles));
  return insert_user(user, audit::who(actor, kUserCreate));
}

Result<User> AuthService::create_user_as_operator(const NewUser& user) {
  SHEQU_TRY(validate_new_user(user));
  return insert_user(user, audit::operator_who());
}

Result<User> AuthService::update_user(const Actor& actor, int64_t id, int64_t version,
                                      const std::optional<std::string>& display_name,
                                      const std::optional<std::string>& status) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  SHEQU_TRY(ensure_manageable(actor, kUserUpdate, user, "auth.user.update"));
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
  const std::string now = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::update_user(s, user, version, now));
    if (user.status == "disabled") {
      // Nothing the account started goes on acting for it: its sessions end and its keys too.
      SHEQU_TRY(AuthRepository::delete_sessions_of(s, id));
      SHEQU_ASSIGN_OR_RETURN(auto keys, AuthRepository::revoke_api_keys_of(s, id, now));
      for (const ApiKey& key : keys) {
        SHEQU_TRY(audit_.append(s, who,
                                {"auth.apikey.revoke", "api_key", std::to_string(key.id), "success",
                                 "its issuer was disabled", key.unit_code}));
      }
    }
    return audit_.append(
        s, who, {"auth.user.update", "user", std::to_string(id), "success", "", user.unit_code});
  }));
  forget_sessions_of(id);
  return this->user(actor, id);
}

Result<User> AuthService::set_roles(const Actor& actor, int64_t id, int64_t version,
                                    const std::vector<RoleGrant>& roles) {
  SHEQU_ASSIGN_OR_RETURN(User user, this->user(actor, id));
  if (id == actor.user_id) {
    Error error = Error::forbidden(kNoPermission);
    error.details.push_back({"roles",
                             {"不能修改自己的角色，请由其他管理员办理",
                              "you cannot change your own roles: another administrator must"}});
    return error;
  }
  SHEQU_TRY(ensure_manageable(actor, kRoleAssign, user, "auth.role.grant"));
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
    if (!org_.covers(actor, kRoleAssign, g.unit_code)) return Error::forbidden(kNoPermission);
  }
  std::vector<RoleGrant> changed = added;
  changed.insert(changed.end(), removed.begin(), removed.end());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::update_user(s, user, version, format_timestamp(clock_.now())));
    SHEQU_TRY(AuthRepository::replace_roles(s, id, roles));
    for (const RoleGrant& g : changed) {
      const bool added = std::find(roles.begin(), roles.end(), g) != roles.end();
      SHEQU_TRY(audit_.append(
          s, audit::who(actor, kRoleAssign),
          {added ? "auth.role.grant" : "auth.role.revoke", "user",
           fmt::format("{}:{}@{}", id, g.role, g.unit_code), "success", "", g.unit_code}));
    }
    return {};
  }));
  forget_sessions_of(id);
  return this->user(actor, id);
}

User AuthService::presented(User user) const {
  if (!user.phone_sealed.empty()) {
    auto phone = keyring_.open(user.phone_sealed, kPhoneContext);
    // A value that does not open is shown as masked entirely and reported, never as ciphertext.
    if (!phone) spdlog::error("account {}: {}", user.id, phone.error().internal_detail);
    user.phone_masked = phone ? privacy::mask_mobile(*phone) : std::string("***********");
  }
  user.phone_sealed.clear();
  return user;
}

Result<std::string> AuthService::unmask_phone(const Actor& actor, int64_t id,
                                              const std::string& reason) {
  SHEQU_ASSIGN_OR_RETURN(const std::string trimmed, normalise_text(trim(reason), "reason"));
  if (utf8_length(trimmed) < 2 || utf8_length(trimmed) > 200) {
    return Error::invalid(
        "reason", {"请说明查看原因（2-200 个字符）", "state the reason (2-200 characters)"});
  }
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<User>>([&](storage::Session& s) {
    return AuthRepository::find_user(s, id);
  }));
  if (!found)
    return Error::not_found({fmt::format("未找到账号 {}", id), fmt::format("no account {}", id)});
  SHEQU_TRY(ensure_manageable(actor, kUserUnmask, *found, "pii.unmask"));
  if (found->phone_sealed.empty()) {
    return Error::not_found({"该账号没有登记手机号码", "the account has no phone number"});
  }
  SHEQU_ASSIGN_OR_RETURN(std::string phone, keyring_.open(found->phone_sealed, kPhoneContext));
  SHEQU_TRY(db_.write([&](storage::Session& s) {
    return audit_.append(
        s, audit::who(actor, kUserUnmask),
        {"pii.unmask", "user.phone", std::to_string(id), "success", trimmed, found->unit_code});
  }));
  return phone;
}

Result<AuthService::TotpSetup> AuthService::setup_totp(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(auto credentials,
                         db_.read_value<std::optional<Credentials>>([&](storage::Session& s) {
                           return AuthRepository::find_credentials(s, actor.username);
                         }));
  if (!credentials) return Error::unauthenticated(kSessionEnded);
  if (credentials->totp_enabled) {
    return Error::conflict(
        {"已启用动态口令", "a second factor is already enabled for this account"});
  }
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(
        AuthRepository::set_totp_secret(s, actor.user_id, keyring_.seal(secret, kTotpContext)));
    return audit_.append(
        s, audit::who(actor, ""),
        {"auth.totp.setup", "user", actor.username, "success", "", actor.unit_code});
  }));
  const std::string encoded = base32(secret);
  return TotpSetup{
      encoded,
      fmt::format(
          "otpauth://totp/shequ:{}?secret={}&issuer=shequ&algorithm=SHA1&digits=6&period=30",
          actor.username, encoded)};
}

Status AuthService::enable_totp(const Actor& actor, const std::string& code) {
  SHEQU_ASSIGN_OR_RETURN(auto credentials,
                         db_.read_value<std::optional<Credentials>>([&](storage::Session& s) {
                           return AuthRepository::find_credentials(s, actor.username);
                         }));
  if (!credentials || credentials->totp_sealed.empty() || credentials->totp_enabled) {
    return Error::conflict({"请先设置动态口令", "set up the second factor first"});
  }
  SHEQU_ASSIGN_OR_RETURN(std::string secret, keyring_.open(credentials->totp_sealed, kTotpContext));
  const auto step = totp_match(secret, code, clock_.now(), credentials->totp_last_step);
  if (!step) return Error::invalid("code", {"动态口令不正确", "the code is wrong"});
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::enable_totp(s, actor.user_id));
    SHEQU_TRY(AuthRepository::consume_totp_step(s, actor.user_id, *step));
    return audit_.append(
        s, audit::who(actor, ""),
        {"auth.totp.enable", "user", actor.username, "success", "", actor.unit_code});
  }));
  forget_sessions_of(actor.user_id);  // the cached actor still says "must set up"
  return {};
}

Result<std::pair<ApiKey, std::string>> AuthService::create_api_key(
    const Actor& actor, const std::string& name, const std::string& unit,
    const std::vector<std::string>& permissions) {
  if (actor.via_api_key) {
    return Error::forbidden({"API 密钥不能签发密钥", "an API key cannot issue keys"});
  }
  std::vector<FieldError> problems;
  auto key_name = normalise_text(name, "name");
  if (!key_name) {
    for (FieldError& e : std::move(key_name).error().details) problems.push_back(std::move(e));
  } else if (key_name->empty() || utf8_length(*key_name) > 50) {
    problems.push_back({"name", {"名称为 1-50 个字符", "must be 1-50 characters"}});
  }
  if (!org_.tree().find(unit)) problems.push_back({"unitCode", {"单位不存在", "no such unit"}});
  const auto known = roles_.all_permissions();
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
  auto held_at_unit = [&](std::string_view permission) {
    return org_.covers(actor, permission, unit);
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
  ApiKey key{0, *key_name, unit, permissions, format_timestamp(clock_.now()), false, actor.user_id};
  const std::string token = "shq_" + random_token(32);
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(
        key.id, AuthRepository::insert_api_key(s, key, sha256_hex(token), actor.user_id));
    return audit_.append(
        s, audit::who(actor, kApiKeyManage),
        {"auth.apikey.create", "api_key", std::to_string(key.id), "success", "", unit});
  }));
  return std::pair{std::move(key), token};
}

Result<std::vector<ApiKey>> AuthService::api_keys(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(auto all, db_.read_value<std::vector<ApiKey>>([](storage::Session& s) {
    return AuthRepository::list_api_keys(s);
  }));
  std::erase_if(
      all, [&](const ApiKey& key) { return !org_.covers(actor, kApiKeyManage, key.unit_code); });
  return all;
}

Status AuthService::revoke_api_key(const Actor& actor, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto key, db_.read_value<std::optional<ApiKey>>([&](storage::Session& s) {
    return AuthRepository::find_api_key_by_id(s, id);
  }));
  if (!key || !org_.covers(actor, kApiKeyManage, key->unit_code)) {
    return Error::not_found({fmt::format("未找到密钥 {}", id), fmt::format("no API key {}", id)});
  }
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::revoke_api_key(s, id, format_timestamp(clock_.now())));
    return audit_.append(
        s, audit::who(actor, kApiKeyManage),
        {"auth.apikey.revoke", "api_key", std::to_string(id), "success", "", key->unit_code});
  }));
  std::lock_guard lock(cache_mutex_);
  cache_.clear();  // a revoked key must not outlive its cached actor
  return {};
}

Result<Actor> AuthService::authenticate_api_key(const std::string& token,
                                                const ClientInfo& client) {
  if (!token.starts_with("shq_") || token.size() > 128)
    return Error::unauthenticated(kSessionEnded);
  struct Found {
    std::optional<ApiKey> key;
    std::optional<User> issuer;
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, db_.read_value<Found>([&](storage::Session& s) -> Result<Found> {
        Found f;
        SHEQU_ASSIGN_OR_RETURN(f.key, AuthRepository::find_api_key(s, sha256_hex(token)));
        if (f.key && f.key->created_by != 0) {
          SHEQU_ASSIGN_OR_RETURN(f.issuer, AuthRepository::find_user(s, f.key->created_by));
        }
        return f;
      }));
  if (!found.key) return Error::unauthenticated(kKeyInvalid);
  if (!found.issuer || found.issuer->status != "active") {
    return Error::unauthenticated({"API 密钥的签发人已停用，密钥随之失效",
                                   "the key's issuer is disabled, and the key with it"});
  }
  // Evaluated at every use: a key never does more than its issuer may do now.
  const Actor issuer = actor_for(*found.issuer, "", client);
  std::vector<std::string> permissions;
  for (const std::string& p : found.key->permissions) {
    if (api_key_may_carry(p) && org_.covers(issuer, p, found.key->unit_code))
      permissions.push_back(p);
  }
  Actor actor;
  actor.username = fmt::format("apikey:{}", found.key->id);
  actor.unit_code = found.key->unit_code;
  actor.via_api_key = true;
  actor.source_ip = client.source_ip;
  actor.request_id = client.request_id;
  actor.grants.push_back(Grant{"api_key", found.key->unit_code, roles_.intern(permissions)});
  return actor;
}

Result<int64_t> AuthService::count_users() {
  return db_.read_value<int64_t>(
      [](storage::Session& s) { return AuthRepository::count_users(s); });
}

}  // namespace shequ::auth
