// SQL of volunteers, activities and sign-ups (migration 0029). Personal fields go in and out
// sealed; the service seals and masks.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "volunteer/model.hpp"

namespace shequ::volunteer::repository {

// An account's id as stored: NULL for 0, a machine client.
storage::Value account_value(int64_t id);

// A volunteer row with its sealed fields as stored.
struct VolunteerRow {
  Volunteer volunteer;  // name and phone empty
  std::string name_sealed;
  std::optional<std::string> phone_sealed;
  std::optional<std::string> phone_index;  // written, never read back
};

Result<int64_t> insert_volunteer(storage::Session& s, const VolunteerRow& row);
Result<std::optional<VolunteerRow>> find_volunteer(storage::Session& s, int64_t id);
Result<std::optional<VolunteerRow>> volunteer_of_user(storage::Session& s, int64_t user_id);
Result<int64_t> count_volunteers(storage::Session& s);
// Volunteers of the villages and communities under `roots` (storage::in_subtrees), newest first.
Result<std::vector<VolunteerRow>> volunteers(storage::Session& s,
                                             const std::vector<std::string>& roots,
                                             std::optional<VolunteerState> state, int64_t offset,
                                             int64_t limit, int64_t& total);
// Opens a refused application again with `row`'s fields, when its version is
// `expected_version`; false when it is not.
Result<bool> reopen_volunteer(storage::Session& s, int64_t id, int64_t expected_version,
                              const VolunteerRow& row, const std::string& at);
// Moves a volunteer to `state` when its version is `expected_version`; false when it is not.
Result<bool> decide_volunteer(storage::Session& s, int64_t id, int64_t expected_version,
                              VolunteerState state, const std::string& reason, int64_t decided_by,
                              const std::string& at);

// Account ids below are 0 for a machine client (stored as NULL).
Result<int64_t> insert_activity(storage::Session& s, const ActivityInput& input,
                                int64_t organiser_id, const std::string& at);
// With `lock`, the activity's row is held until the commit on PostgreSQL (SQLite has one writer),
// so that what is read next (its state, its places, its sign-ups) cannot change under a write
// another server makes at once.
Result<std::optional<Activity>> find_activity(storage::Session& s, int64_t id, bool lock = false);
// At most `limit` activities, newest start first: of the units under `roots` (staff), or, with
// `exactly`, of exactly those units (a volunteer's community and the units above it).
Result<std::vector<Activity>> activities(storage::Session& s, const std::vector<std::string>& units,
                                         bool exactly, int64_t limit);
Status end_activity(storage::Session& s, int64_t id, const std::string& at);

Result<std::vector<Signup>> signups(storage::Session& s, int64_t activity_id);
Result<std::optional<Signup>> find_signup(storage::Session& s, int64_t activity_id,
                                          int64_t volunteer_id);
// Inserts a volunteer's sign-up, or gives a cancelled or waiting one `state` afresh.
Status put_signup(storage::Session& s, int64_t activity_id, int64_t volunteer_id, SignupState state,
                  const std::string& at);
Status set_signup_state(storage::Session& s, int64_t activity_id, int64_t volunteer_id,
                        SignupState state);
Status set_check(storage::Session& s, int64_t activity_id, int64_t volunteer_id,
                 Direction direction, const std::string& at, bool by_organiser);
// The first volunteer waiting for a place, in the order they signed up.
Result<std::optional<int64_t>> first_waiting(storage::Session& s, int64_t activity_id);
// The activities a volunteer holds a place in (signed up, not cancelled) that overlap
// [starts_at, ends_at), other than `except`.
Result<std::vector<int64_t>> overlapping(storage::Session& s, int64_t volunteer_id,
                                         const std::string& starts_at, const std::string& ends_at,
                                         int64_t except);
// Minutes recorded for a volunteer on a China date (corrections included).
Result<int64_t> minutes_on(storage::Session& s, int64_t volunteer_id, const std::string& date);
// Minutes recorded per volunteer among `ids`.
Result<std::map<int64_t, int64_t>> minutes_of(storage::Session& s, const std::vector<int64_t>& ids);

// The titles of activities by id (those that exist).
Result<std::map<int64_t, std::string>> activity_titles(storage::Session& s,
                                                       const std::vector<int64_t>& ids);

// A certificate as issued (migration 0030).
struct CertificateRow {
  std::string number;
  int64_t volunteer_id = 0;
  std::string issued_at;
  int64_t issued_by = 0;  // 0: the volunteer themself
  int key_id = 0;
  int64_t minutes = 0;
  int64_t seq_to = 0;
  std::string payload;
};
Status insert_certificate(storage::Session& s, const CertificateRow& row);

}  // namespace shequ::volunteer::repository
