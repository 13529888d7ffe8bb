#include "indicator/indicator_repository.hpp"

#include "common/json.hpp"

namespace shequ::indicator {

namespace {

using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kColumns =
    "indicator, unit_code, period, numerator, denominator, state, entered_at, entered_by, "
    "approved_at, approved_by, version";

EnteredValue value_from_row(const Row& row) {
  EnteredValue v;
  v.key = {row.text(0), row.text(1), row.text(2)};
  v.numerator = row.integer(3);
  v.denominator = row.optional_integer(4);
  v.state = row.text(5);
  v.entered_at = row.text(6);
  v.entered_by = row.text(7);
  v.approved_at = row.optional_text(8);
  v.approved_by = row.optional_text(9);
  v.version = row.integer(10);
  return v;
}

Value optional_value(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value(nullptr);
}

}  // namespace

Result<std::optional<EnteredValue>> IndicatorRepository::find(storage::Session& s,
                                                              const ValueKey& key) {
  const std::vector<Value> params{key.indicator, key.unit_code, key.period};
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT " + kColumns +
                                                   " FROM indicator_value WHERE indicator = $1 "
                                                   "AND unit_code = $2 AND period = $3",
                                               params));
  if (!row) return std::optional<EnteredValue>();
  return std::optional<EnteredValue>(value_from_row(*row));
}

Result<std::vector<EnteredValue>> IndicatorRepository::all(storage::Session& s) {
  std::vector<EnteredValue> out;
  SHEQU_TRY(
      s.for_each("SELECT " + kColumns + " FROM indicator_value", {}, [&](const Row& row) -> Status {
        out.push_back(value_from_row(row));
        return {};
      }));
  return out;
}

Result<std::vector<EnteredValue>> IndicatorRepository::under(storage::Session& s,
                                                             const std::string& indicator,
                                                             const std::string& period,
                                                             const std::string& root) {
  const std::vector<Value> params{indicator, period, root};
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT v.indicator, v.unit_code, v.period, v.numerator, v.denominator, "
                         "v.state, v.entered_at, v.entered_by, v.approved_at, v.approved_by, "
                         "v.version FROM indicator_value v JOIN org_unit_ancestor a ON a.code = "
                         "v.unit_code AND a.ancestor_code = $3 WHERE v.indicator = $1 AND "
                         "v.period = $2 ORDER BY v.unit_code",
                         params));
  std::vector<EnteredValue> out;
  for (const Row& row : rows) out.push_back(value_from_row(row));
  return out;
}

Status IndicatorRepository::put(storage::Session& s, const EnteredValue& v,
                                int64_t expected_version) {
  const std::vector<Value> params{v.key.indicator,
                                  v.key.unit_code,
                                  v.key.period,
                                  v.numerator,
                                  v.denominator ? Value(*v.denominator) : Value(nullptr),
                                  v.entered_at,
                                  v.entered_by,
                                  expected_version};
  int64_t changed = 0;
  if (expected_version == 0) {
    SHEQU_ASSIGN_OR_RETURN(
        changed, s.execute("INSERT INTO indicator_value (indicator, unit_code, period, numerator, "
                           "denominator, state, entered_at, entered_by, version) VALUES ($1, $2, "
                           "$3, $4, $5, 'entered', $6, $7, $8 + 1) ON CONFLICT (indicator, "
                           "unit_code, period) DO NOTHING",
                           params));
  } else {
    SHEQU_ASSIGN_OR_RETURN(
        changed, s.execute("UPDATE indicator_value SET numerator = $4, denominator = $5, "
                           "entered_at = $6, entered_by = $7, version = version + 1 WHERE "
                           "indicator = $1 AND unit_code = $2 AND period = $3 AND version = $8 "
                           "AND state = 'entered'",
                           params));
  }
  if (changed != 1) {
    return Error::conflict({"该数值已被他人保存、修改或审核，请刷新后重试",
                            "someone else saved, changed or approved this value: reload and try "
                            "again"});
  }
  return {};
}

Status IndicatorRepository::insert(storage::Session& s, const EnteredValue& v) {
  const std::vector<Value> params{v.key.indicator,
                                  v.key.unit_code,
                                  v.key.period,
                                  v.numerator,
                                  v.denominator ? Value(*v.denominator) : Value(nullptr),
                                  v.state,
                                  v.entered_at,
                                  v.entered_by,
                                  optional_value(v.approved_at),
                                  optional_value(v.approved_by),
                                  v.version};
  SHEQU_TRY(
      s.execute("INSERT INTO indicator_value (indicator, unit_code, period, numerator, "
                "denominator, state, entered_at, entered_by, approved_at, approved_by, "
                "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                params));
  return {};
}

Status IndicatorRepository::set_approval(storage::Session& s, const ValueKey& key,
                                         int64_t expected_version,
                                         const std::optional<std::string>& approved_by,
                                         const std::optional<std::string>& approved_at) {
  const std::vector<Value> params{key.indicator,
                                  key.unit_code,
                                  key.period,
                                  expected_version,
                                  std::string(approved_by ? kApproved : kEntered),
                                  optional_value(approved_by),
                                  optional_value(approved_at)};
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute("UPDATE indicator_value SET state = $5, approved_by = $6, approved_at = $7, "
                "version = version + 1 WHERE indicator = $1 AND unit_code = $2 AND period = $3 "
                "AND version = $4",
                params));
  if (changed != 1) {
    return Error::conflict({"该数值已被他人修改，请刷新后重试",
                            "someone else changed this value: reload and try again"});
  }
  return {};
}

Status IndicatorRepository::add_change(storage::Session& s, const ValueKey& key,
                                       const ValueChange& change) {
  const std::vector<Value> params{
      key.indicator,      key.unit_code,
      key.period,         change.action,
      change.changed_at,  change.user_id ? Value(*change.user_id) : Value(nullptr),
      change.username,    change.before.is_null() ? Value(nullptr) : Value(change.before.dump()),
      change.after.dump()};
  SHEQU_TRY(
      s.execute("INSERT INTO indicator_value_change (indicator, unit_code, period, action, "
                "changed_at, user_id, username, before_json, after_json) VALUES ($1, $2, "
                "$3, $4, $5, $6, $7, $8, $9)",
                params));
  return {};
}

Result<std::vector<ValueChange>> IndicatorRepository::changes(storage::Session& s,
                                                              const ValueKey& key) {
  const std::vector<Value> params{key.indicator, key.unit_code, key.period};
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT id, action, changed_at, user_id, username, before_json, "
                                 "after_json FROM indicator_value_change WHERE indicator = $1 AND "
                                 "unit_code = $2 AND period = $3 ORDER BY id DESC",
                                 params));
  std::vector<ValueChange> out;
  for (const Row& row : rows) {
    ValueChange change;
    change.id = row.integer(0);
    change.action = row.text(1);
    change.changed_at = row.text(2);
    change.user_id = row.optional_integer(3);
    change.username = row.text(4);
    if (!row.is_null(5)) {
      SHEQU_ASSIGN_OR_RETURN(change.before, parse_json_strict(row.text(5)));
    }
    SHEQU_ASSIGN_OR_RETURN(change.after, parse_json_strict(row.text(6)));
    out.push_back(std::move(change));
  }
  return out;
}

Result<org::ChangeMark> IndicatorRepository::change_mark(storage::Session& s, int64_t after) {
  return storage::change_mark(s, "indicator_value_change", after);
}

Result<std::vector<ValueKey>> IndicatorRepository::changed_after(storage::Session& s,
                                                                 int64_t after) {
  const std::vector<Value> params{after};
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT DISTINCT indicator, unit_code, period FROM "
                                            "indicator_value_change WHERE id > $1",
                                            params));
  std::vector<ValueKey> out;
  for (const Row& row : rows) out.push_back({row.text(0), row.text(1), row.text(2)});
  return out;
}

}  // namespace shequ::indicator
