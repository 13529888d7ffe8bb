// All SQL of the auth module. Stateless: every call runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace shequ::auth {

class AuthRepository {
 public:
  static Result<std::optional<Credentials>> find_credentials(storage::Session& s,
                                                             const std::string& username);
  // Counts one login attempt before the password is checked and returns the new count; the
  // attempt that reaches `max_attempts` locks the account until `lock_until`. Row-locked on
  // PostgreSQL, so parallel attempts count one after another.
  static Result<int64_t> count_attempt(storage::Session& s, int64_t user_id, int64_t max_attempts,
                                       const std::string& lock_until);
  static Status clear_attempts(storage::Session& s, int64_t user_id);

  // `phone_sealed` and `phone_index` are empty for an account without a phone.
  static Result<int64_t> insert_user(storage::Session& s, const NewUser& user,
                                     const std::string& hash, const std::string& now,
                                     const std::string& phone_sealed,
                                     const std::string& phone_index);
  static Result<std::optional<User>> find_user(storage::Session& s, int64_t id);

  // Grid workers. The accounts come without their roles.
  // Every assignment to a grid of the village or community, by grid, oldest first.
  static Result<std::vector<GridAssignment>> grid_assignments(storage::Session& s,
                                                              const std::string& village_code);
  // Those of one grid.
  static Result<std::vector<GridAssignment>> grid_assignments_of_grid(storage::Session& s,
                                                                      const std::string& grid_code);
  // Active accounts holding the grid-worker role on the village or on one of its grids.
  static Result<std::vector<User>> grid_worker_candidates(storage::Session& s,
                                                          const std::string& village_code);
  // Inserts the assignment or replaces its work phone.
  static Status put_grid_assignment(storage::Session& s, const std::string& grid_code,
                                    int64_t user_id, const std::string& work_phone,
                                    const std::string& now);
  // Returns whether there was one to delete.
  static Result<bool> delete_grid_assignment(storage::Session& s, const std::string& grid_code,
                                             int64_t user_id);
  // Active accounts whose unit lies under `roots` (storage::in_subtrees) holding no role.
  static Result<int64_t> count_roleless_users(storage::Session& s,
                                              const std::vector<std::string>& roots);
  // Current grids under `roots` (storage::in_subtrees) that nobody is assigned to.
  static Result<int64_t> count_unstaffed_grids(storage::Session& s,
                                               const std::vector<std::string>& roots);
  static Result<std::optional<User>> find_user_by_name(storage::Session& s,
                                                       const std::string& username);
  // Users whose unit lies in the current subtree of one of `roots` (storage::in_subtrees; none:
  // no users), whose name or user name contains `name_filter` (storage::contains_text: ASCII
  // case folded, wildcards literal) and, unless it is empty, whose phone has the blind index
  // `phone_index`, ordered by user name: one page, each user with their roles, and the total.
  // Three statements whatever the page size: the total, the page, the page's roles.
  static Result<std::pair<std::vector<User>, int64_t>> list_users(
      storage::Session& s, const std::vector<std::string>& roots, const std::string& name_filter,
      const std::string& phone_index, int64_t offset, int64_t limit);
  static Status update_user(storage::Session& s, const User& user, int64_t expected_version,
                            const std::string& now);
  static Status replace_roles(storage::Session& s, int64_t user_id,
                              const std::vector<RoleGrant>& roles);
  static Status set_password(storage::Session& s, int64_t user_id, const std::string& hash,
                             const std::string& now);
  // The account's current hash and the ones it retired, newest first, at most `limit` in all.
  static Result<std::vector<std::string>> recent_password_hashes(storage::Session& s,
                                                                 int64_t user_id, int64_t limit);
  // Keeps the account's current hash as retired at `now` (call before replacing it), and of the
  // retired hashes only the newest `keep`.
  static Status retire_current_password(storage::Session& s, int64_t user_id,
                                        const std::string& now, int64_t keep);
  // A password set by someone else: to be changed at the next login; lifts a lockout.
  static Status reset_password(storage::Session& s, int64_t user_id, const std::string& hash,
                               const std::string& now);
  // Forgets the second factor (a lost phone): the account enrols again.
  static Status clear_totp(storage::Session& s, int64_t user_id);

  static Status insert_session(storage::Session& s, const std::string& token_hash, int64_t user_id,
                               const std::string& csrf, const std::string& now,
                               const std::string& expires_at, int64_t idle_seconds);
  static Result<std::optional<SessionRecord>> find_session(storage::Session& s,
                                                           const std::string& token_hash);
  static Status touch_session(storage::Session& s, const std::string& token_hash,
                              const std::string& now);
  static Status delete_session(storage::Session& s, const std::string& token_hash);
  static Status delete_sessions_of(storage::Session& s, int64_t user_id);
  static Result<int64_t> count_users(storage::Session& s);

  static Result<int64_t> insert_api_key(storage::Session& s, const ApiKey& key,
                                        const std::string& key_hash, int64_t created_by);
  // An unrevoked key by the hash of its token.
  static Result<std::optional<ApiKey>> find_api_key(storage::Session& s,
                                                    const std::string& key_hash);
  static Result<std::vector<ApiKey>> list_api_keys(storage::Session& s);
  static Result<std::optional<ApiKey>> find_api_key_by_id(storage::Session& s, int64_t id);
  static Status revoke_api_key(storage::Session& s, int64_t id, const std::string& now);
  // Revokes every key the account issued that is still in force; returns them.
  static Result<std::vector<ApiKey>> revoke_api_keys_of(storage::Session& s, int64_t user_id,
                                                        const std::string& now);

  // The throttle row of (scope, subject), if any; not locked (for a check before the attempt).
  static Result<std::optional<LoginThrottle>> find_throttle(storage::Session& s,
                                                            const std::string& scope,
                                                            const std::string& subject);
  // The throttle row of (scope, subject), created with `now` as its window start when missing;
  // row-locked on PostgreSQL until the transaction ends, so that concurrent sign-ins on several
  // servers count one after another.
  static Result<LoginThrottle> lock_throttle(storage::Session& s, const std::string& scope,
                                             const std::string& subject, const std::string& now);
  static Status save_throttle(storage::Session& s, const LoginThrottle& row);
  // Rows whose window started before `before`.
  static Result<std::vector<LoginThrottle>> throttles_started_before(storage::Session& s,
                                                                     const std::string& before);
  // Deletes the row if nobody changed it since it was read; false when someone did (another
  // server summarising the same window, or a new attempt).
  static Result<bool> delete_throttle(storage::Session& s, const LoginThrottle& row);
  // Stores a new, not yet enabled, TOTP secret (sealed).
  static Status set_totp_secret(storage::Session& s, int64_t id, const std::string& sealed);
  static Status enable_totp(storage::Session& s, int64_t id);
  // Records `step` as used; false when it (or a later step) was used already: a replayed code.
  static Result<bool> consume_totp_step(storage::Session& s, int64_t id, int64_t step);
};

}  // namespace shequ::auth
