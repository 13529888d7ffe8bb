#include "auth/auth_repository.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "storage/like.hpp"
#include "storage/scope.hpp"

namespace shequ::auth {

using storage::Row;
using storage::Value;

namespace {

constexpr std::string_view kUserColumns =
    "id, username, display_name, unit_code, status, must_change_password, password_changed_at, "
    "version, phone_sealed, totp_enabled";

User user_from_row(const Row& row) {
  User user;
  user.id = row.integer(0);
  user.username = row.text(1);
  user.display_name = row.text(2);
  user.unit_code = row.text(3);
  user.status = row.text(4);
  user.must_change_password = row.integer(5) != 0;
  user.password_changed_at = row.text(6);
  user.version = row.integer(7);
  user.phone_sealed = row.optional_text(8).value_or("");
  user.totp_enabled = row.integer(9) != 0;
  return user;
}

// The roles of every user in `users`, in one query whatever their number (a list page must not
// ask once per row).
Status load_roles(storage::Session& s, std::vector<User>& users) {
  if (users.empty()) return {};
  std::vector<Value> ids;
  std::string placeholders;
  std::unordered_map<int64_t, User*> by_id;
  for (User& user : users) {
    user.roles.clear();
    by_id.emplace(user.id, &user);
    ids.emplace_back(user.id);
    placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", ids.size());
  }
  return s.for_each(fmt::format("SELECT user_id, role, unit_code FROM user_role WHERE user_id IN "
                                "({}) ORDER BY user_id, role, unit_code",
                                placeholders),
                    ids, [&](const Row& row) -> Status {
                      by_id.at(row.integer(0))->roles.push_back({row.text(1), row.text(2)});
                      return {};
                    });
}

Result<std::optional<User>> one_user(storage::Session& s, std::string_view where,
                                     const Value& key) {
  const std::vector<Value> params{key};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(fmt::format("SELECT {} FROM app_user WHERE {}", kUserColumns, where), params));
  if (!row) return std::optional<User>{};
  std::vector<User> user{user_from_row(*row)};
  SHEQU_TRY(load_roles(s, user));
  return std::optional<User>{std::move(user.front())};
}

}  // namespace

Result<std::optional<Credentials>> AuthRepository::find_credentials(storage::Session& s,
                                                                    const std::string& username) {
  const std::vector<Value> params{username};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT id, password_hash, status, failed_logins, locked_until, "
                            "totp_sealed, totp_enabled, totp_last_step, unit_code "
                            "FROM app_user WHERE username = $1",
                            params));
  if (!row) return std::optional<Credentials>{};
  return std::optional<Credentials>{Credentials{
      row->integer(0), row->text(1), row->text(2), row->integer(3), row->optional_text(4),
      row->optional_text(5).value_or(""), row->integer(6) != 0, row->integer(7), row->text(8)}};
}

Result<int64_t> AuthRepository::count_attempt(storage::Session& s, int64_t user_id,
                                              int64_t max_attempts, const std::string& lock_until) {
  const std::vector<Value> params{user_id, max_attempts, lock_until};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("UPDATE app_user SET failed_logins = failed_logins + 1, "
                                     "locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 "
                                     "ELSE locked_until END WHERE id = $1 RETURNING failed_logins",
                                     params));
  return row->integer(0);
}

Status AuthRepository::clear_attempts(storage::Session& s, int64_t user_id) {
  const std::vector<Value> params{user_id};
  SHEQU_TRY(s.execute("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                      params));
  return {};
}

Result<int64_t> AuthRepository::insert_user(storage::Session& s, const NewUser& user,
                                            const std::string& hash, const std::string& now,
                                            const std::string& phone_sealed,
                                            const std::string& phone_index) {
  const std::vector<Value> params{user.username,
                                  user.display_name,
                                  user.unit_code,
                                  hash,
                                  now,
                                  int64_t{user.must_change_password ? 1 : 0},
                                  phone_sealed.empty() ? Value{nullptr} : Value{phone_sealed},
                                  phone_index.empty() ? Value{nullptr} : Value{phone_index}};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO app_user (username, display_name, unit_code, password_hash, "
                  "password_changed_at, must_change_password, created_at, updated_at, "
                  "phone_sealed, phone_index) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $5, $5, $7, $8) RETURNING id",
                  params));
  const int64_t id = row->integer(0);
  SHEQU_TRY(replace_roles(s, id, user.roles));
  return id;
}

Result<std::optional<User>> AuthRepository::find_user(storage::Session& s, int64_t id) {
  return one_user(s, "id = $1", id);
}

Result<std::optional<User>> AuthRepository::find_user_by_name(storage::Session& s,
                                                              const std::string& username) {
  return one_user(s, "username = $1", username);
}

Result<std::pair<std::vector<User>, int64_t>> AuthRepository::list_users(
    storage::Session& s, const std::vector<std::string>& roots, const std::string& name_filter,
    const std::string& phone_index, int64_t offset, int64_t limit) {
  std::vector<Value> params{phone_index};
  std::string where = " FROM app_user WHERE ($1 = '' OR phone_index = $1)";
  where += " AND " + storage::contains_text({"username", "display_name"}, name_filter, params);
  where += " AND " + storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(auto count, s.query_one("SELECT COUNT(*)" + where, params));
  const std::size_t filters = params.size();
  params.push_back(limit);
  params.push_back(offset);
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(fmt::format("SELECT {}{} ORDER BY username LIMIT ${} OFFSET ${}",
                                             kUserColumns, where, filters + 1, filters + 2),
                                 params));
  std::vector<User> users;
  users.reserve(rows.size());
  for (const Row& row : rows) users.push_back(user_from_row(row));
  SHEQU_TRY(load_roles(s, users));
  return std::pair{std::move(users), count->integer(0)};
}

Status AuthRepository::update_user(storage::Session& s, const User& user, int64_t expected_version,
                                   const std::string& now) {
  const std::vector<Value> params{user.display_name, user.status, now, user.id, expected_version};
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute("UPDATE app_user SET display_name = $1, status = $2, updated_at = $3, "
                "version = version + 1 WHERE id = $4 AND version = $5",
                params));
  if (changed != 1) {
    return Error::conflict({"该账号已被他人修改，请刷新后重试",
                            "the account was changed by someone else; reload and try again"});
  }
  return {};
}

Status AuthRepository::replace_roles(storage::Session& s, int64_t user_id,
                                     const std::vector<RoleGrant>& roles) {
  const std::vector<Value> id{user_id};
  SHEQU_TRY(s.execute("DELETE FROM user_role WHERE user_id = $1", id));
  for (const RoleGrant& grant : roles) {
    const std::vector<Value> params{user_id, grant.role, grant.unit_code};
    SHEQU_TRY(
        s.execute("INSERT INTO user_role (user_id, role, unit_code) VALUES ($1, $2, $3)", params));
  }
  return {};
}

Status AuthRepository::set_password(storage::Session& s, int64_t user_id, const std::string& hash,
                                    const std::string& now) {
  const std::vector<Value> params{hash, now, user_id};
  SHEQU_TRY(
      s.execute("UPDATE app_user SET password_hash = $1, password_changed_at = $2, "
                "must_change_password = 0, updated_at = $2, version = version + 1 WHERE id = $3",
                params));
  return {};
}

Result<std::vector<std::string>> AuthRepository::recent_password_hashes(storage::Session& s,
                                                                        int64_t user_id,
                                                                        int64_t limit) {
  const std::vector<Value> params{user_id, limit - 1};
  SHEQU_ASSIGN_OR_RETURN(auto current, s.query_one("SELECT password_hash FROM app_user WHERE id = "
                                                   "$1",
                                                   std::span<const Value>(params.data(), 1)));
  std::vector<std::string> hashes;
  if (current) hashes.push_back(current->text(0));
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query("SELECT password_hash FROM password_history WHERE "
                                            "user_id = $1 ORDER BY id DESC LIMIT $2",
                                            params));
  for (const Row& row : rows) hashes.push_back(row.text(0));
  return hashes;
}

Status AuthRepository::retire_current_password(storage::Session& s, int64_t user_id,
                                               const std::string& now, int64_t keep) {
  const std::vector<Value> params{user_id, now};
  SHEQU_TRY(
      s.execute("INSERT INTO password_history (user_id, password_hash, retired_at) SELECT "
                "id, password_hash, $2 FROM app_user WHERE id = $1",
                params));
  const std::vector<Value> trim{user_id, keep};
  SHEQU_TRY(
      s.execute("DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (SELECT id "
                "FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)",
                trim));
  return {};
}

Status AuthRepository::reset_password(storage::Session& s, int64_t user_id, const std::string& hash,
                                      const std::string& now) {
  const std::vector<Value> params{hash, now, user_id};
  SHEQU_TRY(s.execute(
      "UPDATE app_user SET password_hash = $1, password_changed_at = $2, must_change_password = 1, "
      "failed_logins = 0, locked_until = NULL, updated_at = $2, version = version + 1 WHERE id = "
      "$3",
      params));
  return {};
}

Status AuthRepository::clear_totp(storage::Session& s, int64_t user_id) {
  const std::vector<Value> params{user_id};
  SHEQU_TRY(s.execute(
      "UPDATE app_user SET totp_sealed = NULL, totp_enabled = 0, totp_last_step = 0 WHERE id = $1",
      params));
  return {};
}

Status AuthRepository::insert_session(storage::Session& s, const std::string& token_hash,
                                      int64_t user_id, const std::string& csrf,
                                      const std::string& now, const std::string& expires_at,
                                      int64_t idle_seconds) {
  const std::vector<Value> params{token_hash, user_id, csrf, now, expires_at, idle_seconds};
  SHEQU_TRY(
      s.execute("INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, "
                "last_seen_at, expires_at, idle_seconds) VALUES ($1, $2, $3, $4, $4, $5, $6)",
                params));
  return {};
}

Result<std::optional<SessionRecord>> AuthRepository::find_session(storage::Session& s,
                                                                  const std::string& token_hash) {
  const std::vector<Value> params{token_hash};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT user_id, csrf_token, last_seen_at, expires_at, "
                                     "idle_seconds FROM user_session WHERE token_hash = $1",
                                     params));
  if (!row) return std::optional<SessionRecord>{};
  return std::optional<SessionRecord>{
      SessionRecord{row->integer(0), row->text(1), row->text(2), row->text(3), row->integer(4)}};
}

Status AuthRepository::touch_session(storage::Session& s, const std::string& token_hash,
                                     const std::string& now) {
  const std::vector<Value> params{now, token_hash};
  SHEQU_TRY(s.execute("UPDATE user_session SET last_seen_at = $1 WHERE token_hash = $2", params));
  return {};
}

Status AuthRepository::delete_session(storage::Session& s, const std::string& token_hash) {
  const std::vector<Value> params{token_hash};
  SHEQU_TRY(s.execute("DELETE FROM user_session WHERE token_hash = $1", params));
  return {};
}

Status AuthRepository::delete_sessions_of(storage::Session& s, int64_t user_id) {
  const std::vector<Value> params{user_id};
  SHEQU_TRY(s.execute("DELETE FROM user_session WHERE user_id = $1", params));
  return {};
}

Status AuthRepository::set_totp_secret(storage::Session& s, int64_t id, const std::string& sealed) {
  const std::vector<Value> params{sealed, id};
  SHEQU_TRY(
      s.execute("UPDATE app_user SET totp_sealed = $1, totp_enabled = 0, totp_last_step = 0 "
                "WHERE id = $2",
                params));
  return {};
}

Status AuthRepository::enable_totp(storage::Session& s, int64_t id) {
  const std::vector<Value> params{id};
  SHEQU_TRY(s.execute("UPDATE app_user SET totp_enabled = 1 WHERE id = $1", params));
  return {};
}

Result<bool> AuthRepository::consume_totp_step(storage::Session& s, int64_t id, int64_t step) {
  const std::vector<Value> params{step, id};
  SHEQU_ASSIGN_OR_RETURN(int64_t changed, s.execute("UPDATE app_user SET totp_last_step = $1 "
                                                    "WHERE id = $2 AND totp_last_step < $1",
                                                    params));
  return changed == 1;
}

namespace {

ApiKey api_key_from_row(const Row& row) {
  ApiKey key{row.integer(0),
             row.text(1),
             row.text(2),
             {},
             row.text(4),
             !row.is_null(5),
             row.optional_integer(6).value_or(0)};
  const std::string permissions = row.text(3);
  for (std::size_t start = 0; start < permissions.size();) {
    const auto space = permissions.find(' ', start);
    const auto end = space == std::string::npos ? permissions.size() : space;
    if (end > start) key.permissions.push_back(permissions.substr(start, end - start));
    start = end + 1;
  }
  return key;
}

constexpr std::string_view kApiKeyColumns =
    "id, name, unit_code, permissions, created_at, revoked_at, created_by";

constexpr std::string_view kThrottleColumns =
    "scope, subject, window_start, failures, audited, unaudited, unaudited_from, unaudited_to, "
    "last_source, object_unit";

LoginThrottle throttle_from_row(const Row& row) {
  return LoginThrottle{row.text(0),
                       row.text(1),
                       row.text(2),
                       row.integer(3),
                       row.integer(4),
                       row.integer(5),
                       row.optional_text(6).value_or(""),
                       row.optional_text(7).value_or(""),
                       row.text(8),
                       row.text(9)};
}

}  // namespace

Result<int64_t> AuthRepository::insert_api_key(storage::Session& s, const ApiKey& key,
                                               const std::string& key_hash, int64_t created_by) {
  std::string permissions;
  for (const std::string& p : key.permissions) permissions += (permissions.empty() ? "" : " ") + p;
  // The operator at the command line is no account: no issuer.
  const std::vector<Value> params{key.name,
                                  key_hash,
                                  key.unit_code,
                                  permissions,
                                  created_by != 0 ? Value(created_by) : Value(nullptr),
                                  key.created_at};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("INSERT INTO api_key (name, key_hash, unit_code, permissions, "
                                     "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                                     "RETURNING id",
                                     params));
  return row->integer(0);
}

Result<std::optional<ApiKey>> AuthRepository::find_api_key(storage::Session& s,
                                                           const std::string& key_hash) {
  const std::vector<Value> params{key_hash};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one(fmt::format("SELECT {} FROM api_key WHERE key_hash = $1 "
                                                 "AND revoked_at IS NULL",
                                                 kApiKeyColumns),
                                     params));
  if (!row) return std::optional<ApiKey>{};
  return std::optional<ApiKey>{api_key_from_row(*row)};
}

Result<std::optional<ApiKey>> AuthRepository::find_api_key_by_id(storage::Session& s, int64_t id) {
  const std::vector<Value> params{id};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(fmt::format("SELECT {} FROM api_key WHERE id = $1", kApiKeyColumns), params));
  if (!row) return std::optional<ApiKey>{};
  return std::optional<ApiKey>{api_key_from_row(*row)};
}

Result<std::vector<ApiKey>> AuthRepository::list_api_keys(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query(fmt::format("SELECT {} FROM api_key ORDER BY id", kApiKeyColumns)));
  std::vector<ApiKey> keys;
  for (const Row& row : rows) keys.push_back(api_key_from_row(row));
  return keys;
}

Status AuthRepository::revoke_api_key(storage::Session& s, int64_t id, const std::string& now) {
  const std::vector<Value> params{now, id};
  SHEQU_TRY(
      s.execute("UPDATE api_key SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", params));
  return {};
}

Result<std::vector<ApiKey>> AuthRepository::revoke_api_keys_of(storage::Session& s, int64_t user_id,
                                                               const std::string& now) {
  const std::vector<Value> issuer{user_id};
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(fmt::format("SELECT {} FROM api_key WHERE created_by "
                                                        "= $1 AND revoked_at IS NULL ORDER BY id",
                                                        kApiKeyColumns),
                                            issuer));
  std::vector<ApiKey> keys;
  for (const Row& row : rows) {
    keys.push_back(api_key_from_row(row));
    SHEQU_TRY(revoke_api_key(s, keys.back().id, now));
  }
  return keys;
}

Result<std::optional<LoginThrottle>> AuthRepository::find_throttle(storage::Session& s,
                                                                   const std::string& scope,
                                                                   const std::string& subject) {
  const std::vector<Value> key{scope, subject};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(fmt::format("SELECT {} FROM login_throttle WHERE scope = $1 AND "
                                        "subject = $2",
                                        kThrottleColumns),
                            key));
  if (!row) return std::optional<LoginThrottle>{};
  return std::optional<LoginThrottle>{throttle_from_row(*row)};
}

Result<LoginThrottle> AuthRepository::lock_throttle(storage::Session& s, const std::string& scope,
                                                    const std::string& subject,
                                                    const std::string& now) {
  const std::vector<Value> key{scope, subject, now};
  SHEQU_TRY(
      s.execute("INSERT INTO login_throttle (scope, subject, window_start) VALUES ($1, $2, "
                "$3) ON CONFLICT (scope, subject) DO NOTHING",
                key));
  const std::string lock = s.dialect() == storage::Dialect::postgres ? " FOR UPDATE" : "";
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(fmt::format("SELECT {} FROM login_throttle WHERE scope = $1 AND "
                                        "subject = $2{}",
                                        kThrottleColumns, lock),
                            std::span<const Value>(key.data(), 2)));
  return throttle_from_row(*row);
}

Status AuthRepository::save_throttle(storage::Session& s, const LoginThrottle& row) {
  const std::vector<Value> params{
      row.window_start,
      row.failures,
      row.audited,
      row.unaudited,
      row.unaudited_from.empty() ? Value{nullptr} : Value{row.unaudited_from},
      row.unaudited_to.empty() ? Value{nullptr} : Value{row.unaudited_to},
      row.last_source,
      row.object_unit,
      row.scope,
      row.subject};
  SHEQU_TRY(s.execute(
      "UPDATE login_throttle SET window_start = $1, failures = $2, audited = $3, unaudited = $4, "
      "unaudited_from = $5, unaudited_to = $6, last_source = $7, object_unit = $8 "
      "WHERE scope = $9 AND subject = $10",
      params));
  return {};
}

Result<std::vector<LoginThrottle>> AuthRepository::throttles_started_before(
    storage::Session& s, const std::string& before) {
  const std::vector<Value> params{before};
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query(fmt::format("SELECT {} FROM login_throttle WHERE window_start < $1 ORDER "
                                     "BY scope, subject",
                                     kThrottleColumns),
                         params));
  std::vector<LoginThrottle> out;
  for (const Row& row : rows) out.push_back(throttle_from_row(row));
  return out;
}

Result<bool> AuthRepository::delete_throttle(storage::Session& s, const LoginThrottle& row) {
  const std::vector<Value> params{row.scope, row.subject, row.window_start, row.failures,
                                  row.unaudited};
  SHEQU_ASSIGN_OR_RETURN(
      int64_t deleted,
      s.execute("DELETE FROM login_throttle WHERE scope = $1 AND subject = $2 AND window_start = "
                "$3 AND failures = $4 AND unaudited = $5",
                params));
  return deleted == 1;
}

Result<int64_t> AuthRepository::count_users(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*) FROM app_user"));
  return row->integer(0);
}

namespace {

constexpr std::string_view kAssignmentSelect =
    "SELECT w.grid_code, w.work_phone, w.assigned_at, u.id, u.username, u.display_name, "
    "u.unit_code, u.status, u.must_change_password, u.password_changed_at, u.version, "
    "u.phone_sealed, u.totp_enabled FROM grid_worker w JOIN app_user u ON u.id = w.user_id ";

Result<std::vector<GridAssignment>> assignments(storage::Session& s, std::string_view where,
                                                const std::string& key) {
  std::vector<GridAssignment> out;
  const std::vector<Value> params{key};
  SHEQU_TRY(s.for_each(
      fmt::format("{}{} ORDER BY w.grid_code, w.assigned_at, u.id", kAssignmentSelect, where),
      params, [&](const Row& row) -> Status {
        std::vector<Value> user;
        for (std::size_t c = 3; c < row.size(); ++c) user.push_back(row.value(c));
        out.push_back({row.text(0), user_from_row(Row(std::move(user))),
                       row.optional_text(1).value_or(""), row.text(2)});
        return {};
      }));
  return out;
}

}  // namespace

Result<std::vector<GridAssignment>> AuthRepository::grid_assignments(
    storage::Session& s, const std::string& village_code) {
  return assignments(s, "WHERE w.grid_code IN (SELECT code FROM org_grid WHERE village_code = $1)",
                     village_code);
}

Result<std::vector<GridAssignment>> AuthRepository::grid_assignments_of_grid(
    storage::Session& s, const std::string& grid_code) {
  return assignments(s, "WHERE w.grid_code = $1", grid_code);
}

Result<std::vector<User>> AuthRepository::grid_worker_candidates(storage::Session& s,
                                                                 const std::string& village_code) {
  std::vector<User> out;
  const std::vector<Value> params{village_code};
  SHEQU_TRY(s.for_each(
      fmt::format("SELECT {} FROM app_user WHERE status = 'active' AND id IN (SELECT user_id "
                  "FROM user_role WHERE role = 'grid_worker' AND (unit_code = $1 OR unit_code IN "
                  "(SELECT code FROM org_grid WHERE village_code = $1))) ORDER BY display_name, id",
                  kUserColumns),
      params, [&](const Row& row) -> Status {
        out.push_back(user_from_row(row));
        return {};
      }));
  return out;
}

Status AuthRepository::put_grid_assignment(storage::Session& s, const std::string& grid_code,
                                           int64_t user_id, const std::string& work_phone,
                                           const std::string& now) {
  const std::vector<Value> params{grid_code, user_id,
                                  work_phone.empty() ? Value{nullptr} : Value{work_phone}, now};
  SHEQU_TRY(
      s.execute("INSERT INTO grid_worker (grid_code, user_id, work_phone, assigned_at) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (grid_code, user_id) DO UPDATE SET "
                "work_phone = excluded.work_phone",
                params));
  return {};
}

Result<bool> AuthRepository::delete_grid_assignment(storage::Session& s,
                                                    const std::string& grid_code, int64_t user_id) {
  const std::vector<Value> params{grid_code, user_id};
  SHEQU_ASSIGN_OR_RETURN(
      int64_t deleted,
      s.execute("DELETE FROM grid_worker WHERE grid_code = $1 AND user_id = $2", params));
  return deleted > 0;
}

Result<int64_t> AuthRepository::count_roleless_users(storage::Session& s,
                                                     const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string scope = storage::in_subtrees(s.dialect(), {"u.unit_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(fmt::format("SELECT COUNT(*) FROM app_user u WHERE u.status = 'active' "
                                        "AND {} AND NOT EXISTS (SELECT 1 FROM user_role r WHERE "
                                        "r.user_id = u.id)",
                                        scope),
                            params));
  return row->integer(0);
}

Result<int64_t> AuthRepository::count_unstaffed_grids(storage::Session& s,
                                                      const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string scope = storage::in_subtrees(s.dialect(), {"g.code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(fmt::format("SELECT COUNT(*) FROM org_grid g JOIN org_unit u ON u.code = g.code "
                              "AND u.valid_to IS NULL WHERE {} AND NOT EXISTS (SELECT 1 FROM "
                              "grid_worker w WHERE w.grid_code = g.code)",
                              scope),
                  params));
  return row->integer(0);
}

}  // namespace shequ::auth
