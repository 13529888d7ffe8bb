#include "volunteer/volunteer_repository.hpp"

#include "storage/scope.hpp"

namespace shequ::volunteer::repository {

using storage::bind_all;
using storage::optional_value;
using storage::Row;
using storage::Value;

namespace {

constexpr const char* kVolunteerColumns =
    "id, unit_code, user_id, name_sealed, phone_sealed, skills, state, state_reason, created_at, "
    "version";

VolunteerRow volunteer_of(const Row& row) {
  VolunteerRow out;
  Volunteer& v = out.volunteer;
  v.id = row.integer(0);
  v.unit_code = row.text(1);
  v.user_id = row.optional_integer(2);
  out.name_sealed = row.text(3);
  out.phone_sealed = row.optional_text(4);
  v.skills = row.text(5);
  v.state = parse_volunteer_state(row.text(6)).value_or(VolunteerState::applied);
  v.state_reason = row.optional_text(7).value_or("");
  v.created_at = row.text(8);
  v.version = row.integer(9);
  return out;
}

// The places taken and waited for come with each activity.
constexpr const char* kActivitySelect =
    "SELECT a.id, a.unit_code, a.title, a.place, a.starts_at, a.ends_at, a.capacity, a.skills, "
    "a.state, a.organiser_id, a.version, "
    "(SELECT COUNT(*) FROM volunteer_signup s WHERE s.activity_id = a.id AND s.state = "
    "'signed_up'), "
    "(SELECT COUNT(*) FROM volunteer_signup s WHERE s.activity_id = a.id AND s.state = "
    "'waiting'), a.organisation_id, "
    "(SELECT o.name FROM volunteer_organisation o WHERE o.id = a.organisation_id) "
    "FROM volunteer_activity a";

Activity activity_of(const Row& row) {
  return Activity{.id = row.integer(0),
                  .unit_code = row.text(1),
                  .title = row.text(2),
                  .place = row.text(3),
                  .starts_at = row.text(4),
                  .ends_at = row.text(5),
                  .capacity = row.integer(6),
                  .skills = row.text(7),
                  .state = row.text(8) == "ended" ? ActivityState::ended : ActivityState::published,
                  .organiser_id = row.optional_integer(9).value_or(0),
                  .signed_up = row.integer(11),
                  .waiting = row.integer(12),
                  .version = row.integer(10),
                  .organisation_id = row.optional_integer(13),
                  .organisation_name = row.optional_text(14).value_or("")};
}

SignupState signup_state_of(const std::string& key) {
  if (key == "waiting") return SignupState::waiting;
  if (key == "cancelled") return SignupState::cancelled;
  return SignupState::signed_up;
}

constexpr const char* kSignupSelect =
    "SELECT activity_id, volunteer_id, state, signed_up_at, checked_in_at, checked_out_at, "
    "by_organiser FROM volunteer_signup";

Signup signup_of(const Row& row) {
  return Signup{.activity_id = row.integer(0),
                .volunteer_id = row.integer(1),
                .state = signup_state_of(row.text(2)),
                .signed_up_at = row.text(3),
                .checked_in_at = row.optional_text(4),
                .checked_out_at = row.optional_text(5),
                .by_organiser = row.integer(6) != 0};
}

}  // namespace

Value account_value(int64_t id) {
  return id == 0 ? Value(nullptr) : Value(id);
}

Result<int64_t> insert_volunteer(storage::Session& s, const VolunteerRow& row) {
  const Volunteer& v = row.volunteer;
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one(
          "INSERT INTO volunteer (unit_code, user_id, name_sealed, phone_sealed, "
          "phone_index, skills, state, state_reason, created_at, updated_at, version) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id",
          std::vector<Value>{v.unit_code, optional_value(v.user_id), row.name_sealed,
                             optional_value(row.phone_sealed), optional_value(row.phone_index),
                             v.skills, std::string(state_key(v.state)),
                             v.state_reason.empty() ? Value(nullptr) : Value(v.state_reason),
                             v.created_at}));
  if (!made) return Error::internal("INSERT INTO volunteer returned no id");
  return made->integer(0);
}

Result<std::optional<VolunteerRow>> find_volunteer(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string("SELECT ") + kVolunteerColumns +
                                                   " FROM volunteer WHERE id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<VolunteerRow>();
  return std::optional<VolunteerRow>(volunteer_of(*row));
}

Result<std::optional<VolunteerRow>> volunteer_of_user(storage::Session& s, int64_t user_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string("SELECT ") + kVolunteerColumns +
                                                   " FROM volunteer WHERE user_id = $1",
                                               std::vector<Value>{user_id}));
  if (!row) return std::optional<VolunteerRow>();
  return std::optional<VolunteerRow>(volunteer_of(*row));
}

Result<std::vector<VolunteerRow>> volunteers(storage::Session& s,
                                             const std::vector<std::string>& roots,
                                             std::optional<VolunteerState> state, int64_t offset,
                                             int64_t limit, int64_t& total) {
  std::vector<Value> params;
  std::string where = " WHERE " + storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params);
  if (state) where += " AND state = " + bind_all(params, {std::string(state_key(*state))});
  SHEQU_ASSIGN_OR_RETURN(auto counted,
                         s.query_one("SELECT COUNT(*) FROM volunteer" + where, params));
  total = counted ? counted->integer(0) : 0;
  const std::string page = bind_all(params, {limit}) + " OFFSET " + bind_all(params, {offset});
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query(std::string("SELECT ") + kVolunteerColumns + " FROM volunteer" + where +
                             " ORDER BY id DESC LIMIT " + page,
                         params));
  std::vector<VolunteerRow> out;
  for (const Row& row : rows) out.push_back(volunteer_of(row));
  return out;
}

Result<bool> reopen_volunteer(storage::Session& s, int64_t id, int64_t expected_version,
                              const VolunteerRow& row, const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute(
          "UPDATE volunteer SET unit_code = $1, name_sealed = $2, phone_sealed = $3, "
          "phone_index = $4, skills = $5, state = 'applied', state_reason = NULL, "
          "decided_by = NULL, decided_at = NULL, updated_at = $6, version = version + 1 "
          "WHERE id = $7 AND version = $8",
          std::vector<Value>{row.volunteer.unit_code, row.name_sealed,
                             optional_value(row.phone_sealed), optional_value(row.phone_index),
                             row.volunteer.skills, at, id, expected_version}));
  return changed == 1;
}

Result<bool> decide_volunteer(storage::Session& s, int64_t id, int64_t expected_version,
                              VolunteerState state, const std::string& reason, int64_t decided_by,
                              const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE volunteer SET state = $1, state_reason = $2, decided_by = $3, "
                "decided_at = $4, updated_at = $4, version = version + 1 "
                "WHERE id = $5 AND version = $6",
                std::vector<Value>{std::string(state_key(state)),
                                   reason.empty() ? Value(nullptr) : Value(reason),
                                   account_value(decided_by), at, id, expected_version}));
  return changed == 1;
}

Result<int64_t> insert_activity(storage::Session& s, const ActivityInput& input,
                                int64_t organiser_id, const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      auto made,
      s.query_one("INSERT INTO volunteer_activity (unit_code, title, place, starts_at, ends_at, "
                  "capacity, skills, state, organiser_id, created_at, updated_at, version, "
                  "organisation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', $8, $9, $9, "
                  "1, $10) RETURNING id",
                  std::vector<Value>{input.unit_code, input.title, input.place, input.starts_at,
                                     input.ends_at, input.capacity, input.skills,
                                     account_value(organiser_id), at,
                                     storage::optional_value(input.organisation_id)}));
  if (!made) return Error::internal("INSERT INTO volunteer_activity returned no id");
  return made->integer(0);
}

Result<std::optional<Activity>> find_activity(storage::Session& s, int64_t id, bool lock) {
  if (lock && s.dialect() == storage::Dialect::postgres) {
    SHEQU_TRY(s.query_one("SELECT id FROM volunteer_activity WHERE id = $1 FOR UPDATE",
                          std::vector<Value>{id}));
  }
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string(kActivitySelect) + " WHERE a.id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<Activity>();
  return std::optional<Activity>(activity_of(*row));
}

Result<std::vector<Activity>> activities(storage::Session& s, const std::vector<std::string>& units,
                                         bool exactly, int64_t limit) {
  std::vector<Value> params;
  std::string where;
  if (exactly) {
    std::string list;
    for (const std::string& unit : units) {
      list += (list.empty() ? "" : ", ") + bind_all(params, {unit});
    }
    where = list.empty() ? " WHERE 1 = 0" : " WHERE a.unit_code IN (" + list + ")";
  } else {
    where = " WHERE " + storage::in_subtrees(s.dialect(), {"a.unit_code"}, units, params);
  }
  // The whole statement first: binding LIMIT appends to `params`, which query() then reads.
  const std::string sql = std::string(kActivitySelect) + where +
                          " ORDER BY a.starts_at DESC, a.id DESC LIMIT " +
                          bind_all(params, {limit});
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(sql, params));
  std::vector<Activity> out;
  for (const Row& row : rows) out.push_back(activity_of(row));
  return out;
}

Status end_activity(storage::Session& s, int64_t id, const std::string& at) {
  SHEQU_TRY(
      s.execute("UPDATE volunteer_activity SET state = 'ended', updated_at = $1, "
                "version = version + 1 WHERE id = $2",
                std::vector<Value>{at, id}));
  return {};
}

Result<std::vector<Signup>> signups(storage::Session& s, int64_t activity_id) {
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query(std::string(kSignupSelect) + " WHERE activity_id = $1 "
                                                              "ORDER BY signed_up_at, volunteer_id",
                                 std::vector<Value>{activity_id}));
  std::vector<Signup> out;
  for (const Row& row : rows) out.push_back(signup_of(row));
  return out;
}

Result<std::optional<Signup>> find_signup(storage::Session& s, int64_t activity_id,
                                          int64_t volunteer_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(std::string(kSignupSelect) +
                                                   " WHERE activity_id = $1 AND volunteer_id = $2",
                                               std::vector<Value>{activity_id, volunteer_id}));
  if (!row) return std::optional<Signup>();
  return std::optional<Signup>(signup_of(*row));
}

Status put_signup(storage::Session& s, int64_t activity_id, int64_t volunteer_id, SignupState state,
                  const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t revived,
      s.execute("UPDATE volunteer_signup SET state = $1, signed_up_at = $2, checked_in_at = NULL, "
                "checked_out_at = NULL, by_organiser = 0 WHERE activity_id = $3 AND "
                "volunteer_id = $4 AND state <> 'signed_up'",
                std::vector<Value>{std::string(signup_key(state)), at, activity_id, volunteer_id}));
  if (revived == 1) return {};
  SHEQU_TRY(
      s.execute("INSERT INTO volunteer_signup (activity_id, volunteer_id, state, "
                "signed_up_at) VALUES ($1, $2, $3, $4)",
                std::vector<Value>{activity_id, volunteer_id, std::string(signup_key(state)), at}));
  return {};
}

Status set_signup_state(storage::Session& s, int64_t activity_id, int64_t volunteer_id,
                        SignupState state) {
  SHEQU_TRY(
      s.execute("UPDATE volunteer_signup SET state = $1 WHERE activity_id = $2 AND "
                "volunteer_id = $3",
                std::vector<Value>{std::string(signup_key(state)), activity_id, volunteer_id}));
  return {};
}

Status set_check(storage::Session& s, int64_t activity_id, int64_t volunteer_id,
                 Direction direction, const std::string& at, bool by_organiser) {
  const std::string column = direction == Direction::in ? "checked_in_at" : "checked_out_at";
  SHEQU_TRY(s.execute("UPDATE volunteer_signup SET " + column +
                          " = $1, by_organiser = CASE WHEN $2 = 1 THEN 1 ELSE by_organiser END "
                          "WHERE activity_id = $3 AND volunteer_id = $4",
                      std::vector<Value>{at, int64_t{by_organiser}, activity_id, volunteer_id}));
  return {};
}

Result<std::optional<int64_t>> first_waiting(storage::Session& s, int64_t activity_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT volunteer_id FROM volunteer_signup WHERE activity_id = $1 "
                            "AND state = 'waiting' ORDER BY signed_up_at, volunteer_id LIMIT 1",
                            std::vector<Value>{activity_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->integer(0));
}

Result<std::vector<int64_t>> overlapping(storage::Session& s, int64_t volunteer_id,
                                         const std::string& starts_at, const std::string& ends_at,
                                         int64_t except) {
  SHEQU_ASSIGN_OR_RETURN(
      auto rows, s.query("SELECT a.id FROM volunteer_signup s JOIN volunteer_activity a ON a.id = "
                         "s.activity_id WHERE s.volunteer_id = $1 AND s.state <> 'cancelled' AND "
                         "a.id <> $2 AND a.starts_at < $3 AND a.ends_at > $4 ORDER BY a.id",
                         std::vector<Value>{volunteer_id, except, ends_at, starts_at}));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.integer(0));
  return out;
}

Result<int64_t> minutes_on(storage::Session& s, int64_t volunteer_id, const std::string& date) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hour WHERE "
                                     "volunteer_id = $1 AND served_on = $2",
                                     std::vector<Value>{volunteer_id, date}));
  return row ? row->integer(0) : 0;
}

Result<std::map<int64_t, int64_t>> minutes_of(storage::Session& s,
                                              const std::vector<int64_t>& ids) {
  std::map<int64_t, int64_t> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ", ") + bind_all(params, {id});
  SHEQU_ASSIGN_OR_RETURN(auto rows,
                         s.query("SELECT volunteer_id, SUM(minutes) FROM volunteer_hour WHERE "
                                 "volunteer_id IN (" +
                                     list + ") GROUP BY volunteer_id",
                                 params));
  for (const Row& row : rows) out[row.integer(0)] = row.integer(1);
  return out;
}

Result<int64_t> count_volunteers(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*) FROM volunteer"));
  return row ? row->integer(0) : 0;
}

Result<std::map<int64_t, std::string>> activity_titles(storage::Session& s,
                                                       const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> titles;
  if (ids.empty()) return titles;
  std::vector<Value> params;
  std::string list;
  for (const int64_t id : ids) list += (list.empty() ? "" : ", ") + bind_all(params, {id});
  const std::string sql = "SELECT id, title FROM volunteer_activity WHERE id IN (" + list + ")";
  SHEQU_ASSIGN_OR_RETURN(auto rows, s.query(sql, params));
  for (const Row& row : rows) titles[row.integer(0)] = row.text(1);
  return titles;
}

Status insert_certificate(storage::Session& s, const CertificateRow& row) {
  const std::vector<Value> params{row.number,
                                  row.volunteer_id,
                                  row.issued_at,
                                  account_value(row.issued_by),
                                  static_cast<int64_t>(row.key_id),
                                  row.minutes,
                                  row.seq_to,
                                  row.payload};
  SHEQU_TRY(s.execute(
      "INSERT INTO volunteer_certificate (number, volunteer_id, issued_at, issued_by, key_id, "
      "minutes, seq_to, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      params));
  return {};
}

}  // namespace shequ::volunteer::repository
