#include "alerts/alert_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/json.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::alerts::repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kAlertColumns =
    "id, unit_code, category, level, title, content, guidance, valid_from, valid_until, "
    "target_json, ack_minutes, status, created_by, created_by_name, approver_unit, decided_by, "
    "decided_by_name, decided_at, decision_note, issued_at, delivered_at, job_id, recipients, "
    "created_at, updated_at, version, broadcast, broadcast_state, broadcast_ref, broadcast_error";

Json target_json(const Target& t) {
  Json out{{"units", t.units}, {"grids", t.grids}, {"tags", t.tags}};
  if (!t.area.empty()) out["area"] = geo::polygon_coordinates(t.area);
  return out;
}

Target target_from(const std::string& text) {
  Target t;
  const Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return t;
  t.units = json.value("units", std::vector<std::string>());
  t.grids = json.value("grids", std::vector<std::string>());
  t.tags = json.value("tags", std::vector<std::string>());
  if (json.contains("area")) geo::read_polygon(json["area"], t.area);
  return t;
}

constexpr std::size_t kAlertColumnCount = 30;

Alert alert_from(const Row& row) {
  Alert a;
  a.id = row.integer(0);
  a.unit_code = row.text(1);
  a.category = row.text(2);
  a.level = row.text(3);
  a.title = row.text(4);
  a.content = row.text(5);
  a.guidance = row.text(6);
  a.valid_from = row.text(7);
  a.valid_until = row.text(8);
  a.target = target_from(row.text(9));
  a.ack_minutes = row.integer(10);
  a.status = row.text(11);
  a.created_by = row.optional_integer(12);
  a.created_by_name = row.text(13);
  a.approver_unit = row.optional_text(14);
  a.decided_by = row.optional_integer(15);
  a.decided_by_name = row.optional_text(16);
  a.decided_at = row.optional_text(17);
  a.decision_note = row.optional_text(18);
  a.issued_at = row.optional_text(19);
  a.delivered_at = row.optional_text(20);
  a.job_id = row.optional_integer(21);
  a.recipients = row.integer(22);
  a.created_at = row.text(23);
  a.updated_at = row.text(24);
  a.version = row.integer(25);
  a.broadcast = row.integer(26) != 0;
  a.broadcast_state = row.text(27);
  a.broadcast_ref = row.optional_text(28);
  a.broadcast_error = row.optional_text(29);
  return a;
}

const std::string kRecipientColumns =
    "id, alert_id, person_id, unit_code, grid_code, vulnerable, account_id, channel, state, "
    "delivered_at, read_at, answered_at, attempts, sent_at, outbound_ref, outbound_error";
constexpr std::size_t kRecipientColumnCount = 16;

Recipient recipient_from(const Row& row, std::size_t at = 0) {
  Recipient r;
  r.id = row.integer(at + 0);
  r.alert_id = row.integer(at + 1);
  r.person_id = row.integer(at + 2);
  r.unit_code = row.text(at + 3);
  r.grid_code = row.text(at + 4);
  r.vulnerable = row.integer(at + 5) != 0;
  r.account_id = row.optional_integer(at + 6);
  r.channel = row.text(at + 7);
  r.state = row.text(at + 8);
  r.delivered_at = row.text(at + 9);
  r.read_at = row.optional_text(at + 10);
  r.answered_at = row.optional_text(at + 11);
  r.attempts = row.integer(at + 12);
  r.sent_at = row.optional_text(at + 13);
  r.outbound_ref = row.optional_text(at + 14);
  r.outbound_error = row.optional_text(at + 15);
  return r;
}

const std::string kTaskColumns =
    "id, alert_id, recipient_id, unit_code, grid_code, reason, state, outcome, note, created_at, "
    "done_at, done_by, done_by_name, version";

Task task_from(const Row& row) {
  Task t;
  t.id = row.integer(0);
  t.alert_id = row.integer(1);
  t.recipient_id = row.integer(2);
  t.unit_code = row.text(3);
  t.grid_code = row.text(4);
  t.reason = row.text(5);
  t.state = row.text(6);
  t.outcome = row.optional_text(7);
  t.note = row.optional_text(8);
  t.created_at = row.text(9);
  t.done_at = row.optional_text(10);
  t.done_by = row.optional_integer(11);
  t.done_by_name = row.optional_text(12);
  t.version = row.integer(13);
  return t;
}

// The condition of `target`'s people on resident_person p: living in one of its units or grids
// (a grid is a unit of the tree, so one subtree test covers both), or in `issuer`'s subtree in a
// household whose location lies in the box around the target's area (the caller tests the
// polygon itself); with one of its tags when it names any. Appends its parameters.
// The people the register may warn: living, identified, with a household.
constexpr std::string_view kWarnable = "p.household_id IS NOT NULL AND p.anonymised_at IS NULL";

// Whether person p's household lies in the bounding box of the target's area.
std::string in_area_box(const Target& target, std::vector<Value>& params) {
  double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
  for (const geo::Point& point : target.area.front()) {
    min_lon = std::min(min_lon, point[0]);
    max_lon = std::max(max_lon, point[0]);
    min_lat = std::min(min_lat, point[1]);
    max_lat = std::max(max_lat, point[1]);
  }
  const auto e7 = [](double degrees) { return static_cast<int64_t>(std::floor(degrees * 1e7)); };
  return "EXISTS (SELECT 1 FROM resident_household h WHERE h.id = p.household_id AND "
         "h.lat_e7 BETWEEN " +
         storage::bind_all(params, {e7(min_lat)}) + " AND " +
         storage::bind_all(params, {e7(max_lat) + 1}) + " AND h.lon_e7 BETWEEN " +
         storage::bind_all(params, {e7(min_lon)}) + " AND " +
         storage::bind_all(params, {e7(max_lon) + 1}) + ")";
}

bool has_area(const Target& target) {
  return !target.area.empty() && !target.area.front().empty();
}

// "$3, $4, ...": `values` bound.
std::string bound(const std::vector<std::string>& values, std::vector<Value>& params) {
  std::string list;
  for (const std::string& value : values) {
    list += (list.empty() ? "" : ", ") + storage::bind_all(params, {value});
  }
  return list;
}

// " AND <person p has one of the target's tags>", or nothing for a target without tags.
std::string with_tags(const Target& target, std::vector<Value>& params) {
  if (target.tags.empty()) return "";
  return " AND EXISTS (SELECT 1 FROM resident_tag t WHERE t.person_id = p.id AND t.tag IN (" +
         bound(target.tags, params) + "))";
}

std::string target_condition(storage::Session& s, const Target& target, const std::string& issuer,
                             std::vector<Value>& params) {
  std::vector<std::string> roots = target.units;
  roots.insert(roots.end(), target.grids.begin(), target.grids.end());
  std::string where = std::string(kWarnable) + " AND (" +
                      storage::in_subtrees(s.dialect(), {"p.grid_code"}, roots, params);
  if (has_area(target)) {
    const std::string scope = storage::in_subtrees(s.dialect(), {"p.grid_code"},
                                                   std::vector<std::string>{issuer}, params);
    where += " OR (" + scope + " AND " + in_area_box(target, params) + ")";
  }
  return where + ")" + with_tags(target, params);
}

// "id, unit_code" as "a.id, a.unit_code".
std::string qualified(std::string_view columns, std::string_view alias) {
  std::string out;
  while (!columns.empty()) {
    const auto comma = columns.find(", ");
    out += fmt::format("{}{}.{}", out.empty() ? "" : ", ", alias, columns.substr(0, comma));
    columns = comma == std::string_view::npos ? "" : columns.substr(comma + 2);
  }
  return out;
}

std::string vulnerable_list() {
  std::string out;
  for (std::string_view tag : vulnerable_tags()) {
    out += fmt::format("{}'{}'", out.empty() ? "" : ", ", tag);
  }
  return out;
}

}  // namespace

Result<int64_t> insert_alert(storage::Session& s, const Alert& a) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO alert (unit_code, category, level, title, content, guidance, valid_from, "
          "valid_until, target_json, ack_minutes, status, created_by, created_by_name, "
          "approver_unit, decided_by, decided_by_name, decided_at, decision_note, issued_at, "
          "delivered_at, job_id, recipients, created_at, updated_at, version, broadcast) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
          "$20, $21, $22, $23, $24, 1, $25) RETURNING id",
          std::vector<Value>{a.unit_code,
                             a.category,
                             a.level,
                             a.title,
                             a.content,
                             a.guidance,
                             a.valid_from,
                             a.valid_until,
                             target_json(a.target).dump(),
                             a.ack_minutes,
                             a.status,
                             optional_value(a.created_by),
                             a.created_by_name,
                             optional_value(a.approver_unit),
                             optional_value(a.decided_by),
                             optional_value(a.decided_by_name),
                             optional_value(a.decided_at),
                             optional_value(a.decision_note),
                             optional_value(a.issued_at),
                             optional_value(a.delivered_at),
                             optional_value(a.job_id),
                             a.recipients,
                             a.created_at,
                             a.updated_at,
                             int64_t{a.broadcast ? 1 : 0}}));
  return row->integer(0);
}

Result<std::optional<Alert>> find_alert(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT " + kAlertColumns + " FROM alert WHERE id = $1", std::vector<Value>{id}));
  if (!row) return std::optional<Alert>();
  return std::optional<Alert>(alert_from(*row));
}

Result<bool> update_alert(storage::Session& s, const Alert& a, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert SET unit_code = $1, category = $2, level = $3, title = $4, "
                "content = $5, guidance = $6, valid_from = $7, valid_until = $8, target_json = $9, "
                "ack_minutes = $10, status = $11, approver_unit = $12, decided_by = $13, "
                "decided_by_name = $14, decided_at = $15, decision_note = $16, issued_at = $17, "
                "delivered_at = $18, job_id = $19, recipients = $20, updated_at = $21, "
                "broadcast = $24, version = version + 1 WHERE id = $22 AND version = $23",
                std::vector<Value>{a.unit_code,
                                   a.category,
                                   a.level,
                                   a.title,
                                   a.content,
                                   a.guidance,
                                   a.valid_from,
                                   a.valid_until,
                                   target_json(a.target).dump(),
                                   a.ack_minutes,
                                   a.status,
                                   optional_value(a.approver_unit),
                                   optional_value(a.decided_by),
                                   optional_value(a.decided_by_name),
                                   optional_value(a.decided_at),
                                   optional_value(a.decision_note),
                                   optional_value(a.issued_at),
                                   optional_value(a.delivered_at),
                                   optional_value(a.job_id),
                                   a.recipients,
                                   a.updated_at,
                                   a.id,
                                   expected_version,
                                   int64_t{a.broadcast ? 1 : 0}}));
  return changed > 0;
}

Result<org::Page<Alert>> list_alerts(storage::Session& s, const std::vector<std::string>& roots,
                                     const std::vector<std::string>& approver_roots,
                                     const std::string& status, const org::PageRequest& page) {
  std::vector<Value> params{status};
  const std::string issued = storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params);
  const std::string approving =
      storage::in_subtrees(s.dialect(), {"approver_unit"}, approver_roots, params);
  // Those that reached people in scope: a grid worker's, issued by the community above them.
  const std::string reached = storage::in_subtrees(s.dialect(), {"r.grid_code"}, roots, params);
  const std::string where =
      " FROM alert WHERE ($1 = '' OR status = $1) AND (" + issued + " OR (status = 'pending' AND " +
      approving + ") OR EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = alert.id AND " +
      reached + "))";
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kAlertColumns, where, "id DESC", std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Alert> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(alert_from(row));
  return out;
}

Result<int64_t> count_pending(storage::Session& s, const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string scope = storage::in_subtrees(s.dialect(), {"approver_unit"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT COUNT(*) FROM alert WHERE status = 'pending' AND " + scope, params));
  return row->integer(0);
}

Result<std::vector<Alert>> alerts_in_force(storage::Session& s, const std::string& now) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT " + kAlertColumns +
                             " FROM alert WHERE status = 'sent' AND valid_until > $1 ORDER BY id",
                         std::vector<Value>{now}));
  std::vector<Alert> out;
  for (const Row& row : rows) out.push_back(alert_from(row));
  return out;
}

namespace {

// A unit of a target's walk: `whole` when it lies in the target's units or grids (everyone of
// it), otherwise in the issuer's subtree for the target's area (those in the area's box).
struct TargetUnit {
  std::string code;
  bool whole = false;
};

// The units of a target's walk from `from` on (after it unless `inclusive`), in code order, at
// most `limit`: the subtrees of its units and grids, and with an area the issuer's, read from the
// ancestor table by ancestor (an index range per root).
Result<std::vector<TargetUnit>> target_units(storage::Session& s, const Target& target,
                                             const std::string& issuer, const std::string& from,
                                             bool inclusive, int64_t limit) {
  std::vector<std::string> roots = target.units;
  roots.insert(roots.end(), target.grids.begin(), target.grids.end());
  std::vector<std::string> walked = roots;
  if (has_area(target)) walked.push_back(issuer);
  if (walked.empty()) return std::vector<TargetUnit>();
  std::vector<Value> params{from, limit};
  const std::string whole =
      has_area(target) && !roots.empty()
          ? "MAX(CASE WHEN a.ancestor_code IN (" + bound(roots, params) + ") THEN 1 ELSE 0 END)"
          : (has_area(target) ? "0" : "1");
  const std::string walk = bound(walked, params);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query(fmt::format("SELECT a.code, {} FROM org_unit_ancestor a WHERE "
                                     "a.ancestor_code IN ({}) AND a.code {} $1 GROUP BY a.code "
                                     "ORDER BY a.code LIMIT $2",
                                     whole, walk, inclusive ? ">=" : ">"),
                         params));
  std::vector<TargetUnit> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back({row.text(0), row.integer(1) != 0});
  return out;
}

}  // namespace

Result<std::vector<TargetPerson>> target_people(storage::Session& s, const Target& target,
                                                const std::string& issuer,
                                                const TargetCursor& after, int64_t limit) {
  constexpr int64_t kUnitsAtOnce = 256;
  std::vector<TargetPerson> out;
  std::string from = after.grid;
  bool inclusive = true;
  while (static_cast<int64_t>(out.size()) < limit) {
    SHEQU_ASSIGN_OR_RETURN(const auto units,
                           target_units(s, target, issuer, from, inclusive, kUnitsAtOnce));
    if (units.empty()) break;
    for (const TargetUnit& unit : units) {
      // One grid at a time, by id: an index range, no sort, nothing read twice.
      std::vector<Value> params{unit.code, unit.code == after.grid ? after.person_id : int64_t{0},
                                limit - static_cast<int64_t>(out.size())};
      std::string where = std::string(kWarnable);
      if (!unit.whole) where += " AND " + in_area_box(target, params);
      where += with_tags(target, params);
      SHEQU_ASSIGN_OR_RETURN(
          Rows rows,
          s.query(fmt::format("SELECT p.id, p.unit_code, p.grid_code, p.phone_sealed, CASE WHEN "
                              "EXISTS (SELECT 1 FROM resident_tag v WHERE v.person_id = p.id AND "
                              "v.tag IN ({})) THEN 1 ELSE 0 END, h.lat_e7, h.lon_e7 FROM "
                              "resident_person p LEFT JOIN resident_household h ON h.id = "
                              "p.household_id WHERE p.grid_code = $1 AND p.id > $2 AND {} "
                              "ORDER BY p.id LIMIT $3",
                              vulnerable_list(), where),
                  params));
      for (const Row& row : rows) {
        TargetPerson p{row.integer(0), row.text(1), row.text(2), row.optional_text(3),
                       row.integer(4) != 0};
        const auto lat = row.optional_integer(5);
        const auto lon = row.optional_integer(6);
        if (lat && lon) {
          p.location = geo::Point{static_cast<double>(*lon) / 1e7, static_cast<double>(*lat) / 1e7};
        }
        out.push_back(std::move(p));
      }
      if (static_cast<int64_t>(out.size()) >= limit) return out;
    }
    from = units.back().code;
    inclusive = false;
  }
  return out;
}

Result<int64_t> count_target(storage::Session& s, const Target& target, const std::string& issuer) {
  std::vector<Value> params;
  const std::string where = target_condition(s, target, issuer, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT COUNT(*) FROM resident_person p WHERE " + where, params));
  return row->integer(0);
}

Result<std::map<std::string, int64_t>> resident_accounts(storage::Session& s,
                                                         const std::vector<std::string>& indexes) {
  std::map<std::string, int64_t> out;
  constexpr std::size_t kBatch = 500;
  for (std::size_t from = 0; from < indexes.size(); from += kBatch) {
    std::vector<Value> params;
    std::string in;
    for (std::size_t i = from; i < std::min(indexes.size(), from + kBatch); ++i) {
      in += (in.empty() ? "" : ", ") + storage::bind_all(params, {indexes[i]});
    }
    SHEQU_ASSIGN_OR_RETURN(
        Rows rows,
        s.query("SELECT u.phone_index, MIN(u.id) FROM app_user u WHERE u.status = 'active' AND "
                "u.phone_index IN (" +
                    in +
                    ") AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND "
                    "r.role = 'resident') GROUP BY u.phone_index",
                params));
    for (const Row& row : rows) out.emplace(row.text(0), row.integer(1));
  }
  return out;
}

Result<int64_t> insert_recipients(storage::Session& s, const std::vector<Recipient>& recipients) {
  constexpr std::size_t kBatch = 50;
  int64_t inserted = 0;
  for (std::size_t from = 0; from < recipients.size(); from += kBatch) {
    const std::size_t to = std::min(recipients.size(), from + kBatch);
    std::vector<Value> params;
    std::string values;
    std::string people;
    for (std::size_t i = from; i < to; ++i) {
      const Recipient& r = recipients[i];
      values +=
          (values.empty() ? "(" : ", (") +
          storage::bind_all(params, {r.alert_id, r.person_id, r.unit_code, r.grid_code,
                                     int64_t{r.vulnerable ? 1 : 0}, optional_value(r.account_id),
                                     r.channel, r.state, r.delivered_at}) +
          ")";
    }
    SHEQU_ASSIGN_OR_RETURN(
        const int64_t n,
        s.execute("INSERT INTO alert_recipient (alert_id, person_id, unit_code, grid_code, "
                  "vulnerable, account_id, channel, state, delivered_at) VALUES " +
                      values + " ON CONFLICT (alert_id, person_id) DO NOTHING",
                  params));
    inserted += n;
    // Nothing reaches them but a visit: the task is there from the start.
    std::vector<Value> task_params{recipients[from].alert_id, recipients[from].delivered_at};
    for (std::size_t i = from; i < to; ++i) {
      if (recipients[i].vulnerable && recipients[i].channel == kChannelNone) {
        people += (people.empty() ? "" : ", ") +
                  storage::bind_all(task_params, {recipients[i].person_id});
      }
    }
    if (people.empty()) continue;
    SHEQU_TRY(s.execute(
        "INSERT INTO alert_task (alert_id, recipient_id, unit_code, grid_code, reason, state, "
        "created_at, version) SELECT r.alert_id, r.id, r.unit_code, r.grid_code, 'no_channel', "
        "'open', $2, 1 FROM alert_recipient r WHERE r.alert_id = $1 AND r.person_id IN (" +
            people + ") ON CONFLICT (recipient_id) DO NOTHING",
        task_params));
  }
  return inserted;
}

Result<int64_t> count_recipients(storage::Session& s, int64_t alert_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $1",
                                     std::vector<Value>{alert_id}));
  return row->integer(0);
}

Result<std::optional<Recipient>> find_recipient(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kRecipientColumns + " FROM alert_recipient WHERE id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Recipient>();
  return std::optional<Recipient>(recipient_from(*row));
}

Result<std::optional<Recipient>> recipient_of(storage::Session& s, int64_t alert_id,
                                              int64_t account_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kRecipientColumns +
                                " FROM alert_recipient WHERE alert_id = $1 AND account_id = $2 "
                                "ORDER BY id LIMIT 1",
                            std::vector<Value>{alert_id, account_id}));
  if (!row) return std::optional<Recipient>();
  return std::optional<Recipient>(recipient_from(*row));
}

Status update_recipient(storage::Session& s, const Recipient& r) {
  SHEQU_TRY(s.execute(
      "UPDATE alert_recipient SET state = $1, read_at = $2, answered_at = $3 WHERE id = $4",
      std::vector<Value>{r.state, optional_value(r.read_at), optional_value(r.answered_at), r.id}));
  return {};
}

Result<org::Page<std::pair<Alert, Recipient>>> alerts_of_account(storage::Session& s,
                                                                 int64_t account_id,
                                                                 const org::PageRequest& page) {
  const std::vector<Value> count_params{account_id};
  SHEQU_ASSIGN_OR_RETURN(
      auto count,
      s.query_one("SELECT COUNT(*) FROM alert_recipient WHERE account_id = $1", count_params));
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + qualified(kAlertColumns, "a") + ", " + qualified(kRecipientColumns, "r") +
                  " FROM alert_recipient r JOIN alert a ON a.id = r.alert_id WHERE "
                  "r.account_id = $1 ORDER BY r.alert_id DESC LIMIT $2 OFFSET $3",
              std::vector<Value>{account_id, page.page_size, page.offset()}));
  org::Page<std::pair<Alert, Recipient>> out;
  out.total = count->integer(0);
  for (const Row& row : rows)
    out.items.emplace_back(alert_from(row), recipient_from(row, kAlertColumnCount));
  return out;
}

Result<int64_t> count_unanswered(storage::Session& s, int64_t account_id, const std::string& now) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT COUNT(*) FROM alert_recipient r JOIN alert a ON a.id = r.alert_id "
                  "WHERE r.account_id = $1 AND r.state IN ('delivered', 'read') AND "
                  "a.status = 'sent' AND a.valid_until > $2",
                  std::vector<Value>{account_id, now}));
  return row->integer(0);
}

Result<std::vector<Recipient>> silent_vulnerable(storage::Session& s, int64_t alert_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kRecipientColumns +
                  " FROM alert_recipient WHERE alert_id = $1 AND vulnerable = 1 AND state NOT IN "
                  "('acknowledged', 'help') AND NOT EXISTS (SELECT 1 FROM alert_task t WHERE "
                  "t.recipient_id = alert_recipient.id) ORDER BY id",
              std::vector<Value>{alert_id}));
  std::vector<Recipient> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(recipient_from(row));
  return out;
}

Result<bool> insert_task(storage::Session& s, const Task& t) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t n,
      s.execute("INSERT INTO alert_task (alert_id, recipient_id, unit_code, grid_code, reason, "
                "state, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) "
                "ON CONFLICT (recipient_id) DO NOTHING",
                std::vector<Value>{t.alert_id, t.recipient_id, t.unit_code, t.grid_code, t.reason,
                                   t.state, t.created_at}));
  return n > 0;
}

Result<std::optional<Task>> find_task(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kTaskColumns + " FROM alert_task WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Task>();
  return std::optional<Task>(task_from(*row));
}

Result<std::optional<Task>> task_of_recipient(storage::Session& s, int64_t recipient_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kTaskColumns + " FROM alert_task WHERE recipient_id = $1",
                            std::vector<Value>{recipient_id}));
  if (!row) return std::optional<Task>();
  return std::optional<Task>(task_from(*row));
}

Result<bool> update_task(storage::Session& s, const Task& t, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t n,
      s.execute(
          "UPDATE alert_task SET reason = $1, state = $2, outcome = $3, note = $4, "
          "done_at = $5, done_by = $6, done_by_name = $7, version = version + 1 "
          "WHERE id = $8 AND version = $9",
          std::vector<Value>{t.reason, t.state, optional_value(t.outcome), optional_value(t.note),
                             optional_value(t.done_at), optional_value(t.done_by),
                             optional_value(t.done_by_name), t.id, expected_version}));
  return n > 0;
}

Result<org::Page<Task>> list_tasks(storage::Session& s, const std::vector<std::string>& roots,
                                   const std::string& state, int64_t alert_id,
                                   const org::PageRequest& page) {
  std::vector<Value> params{state, alert_id};
  const std::string where =
      " FROM alert_task WHERE ($1 = '' OR state = $1) AND ($2 = 0 OR "
      "alert_id = $2) AND " +
      storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kTaskColumns, where,
                                             "CASE WHEN state = 'open' THEN 0 ELSE 1 END, CASE "
                                             "WHEN reason = 'help' THEN 0 ELSE 1 END, id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Task> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(task_from(row));
  return out;
}

Result<int64_t> count_open_tasks(storage::Session& s, const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string scope = storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT COUNT(*) FROM alert_task WHERE state = 'open' AND " + scope, params));
  return row->integer(0);
}

Result<std::vector<GridCounts>> board(storage::Session& s, int64_t alert_id,
                                      const std::vector<std::string>& roots) {
  std::vector<Value> params{alert_id};
  const std::string scope = storage::in_subtrees(s.dialect(), {"r.grid_code"}, roots, params);
  // Each recipient in one column: help first, then acknowledged (by them, or reached by their
  // grid worker), then unreachable; the rest are pending.
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT r.grid_code, COUNT(*), "
              "SUM(CASE WHEN r.state = 'acknowledged' OR (r.state <> 'help' AND t.outcome IN "
              "('reached', 'helped')) THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN r.state = 'help' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN r.state NOT IN ('acknowledged', 'help') AND t.outcome = "
              "'unreachable' THEN 1 ELSE 0 END) "
              "FROM alert_recipient r LEFT JOIN alert_task t ON t.recipient_id = r.id "
              "WHERE r.alert_id = $1 AND " +
                  scope + " GROUP BY r.grid_code ORDER BY r.grid_code",
              params));
  std::vector<GridCounts> out;
  for (const Row& row : rows) {
    GridCounts c{row.text(0), row.integer(1), row.integer(2), 0, row.integer(3), row.integer(4)};
    c.pending = c.recipients - c.acknowledged - c.helped - c.unreachable;
    out.push_back(c);
  }
  return out;
}

Result<ChannelCounts> channel_counts(storage::Session& s, int64_t alert_id,
                                     const std::vector<std::string>& roots) {
  std::vector<Value> params{alert_id};
  const std::string scope = storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT channel, state, withdraw_state, COUNT(*) FROM "
                                            "alert_recipient WHERE alert_id = $1 AND " +
                                                scope + " GROUP BY channel, state, withdraw_state",
                                            params));
  ChannelCounts out;
  for (const Row& row : rows) {
    const std::string channel = row.text(0);
    const std::string state = row.text(1);
    const std::optional<std::string> withdrawal = row.optional_text(2);
    const int64_t n = row.integer(3);
    if (withdrawal) {
      out.sms_withdrawals += n;
      if (*withdrawal == kSent) out.sms_withdrawn += n;
      if (*withdrawal == kFailed) out.sms_withdraw_failed += n;
    }
    if (channel == kChannelH5) out.h5 += n;
    if (channel == kChannelNone) out.none += n;
    if (channel != kChannelSms) continue;
    out.sms += n;
    if (state == kQueued || state == kSending) out.sms_queued += n;
    if (state == kSent) out.sms_sent += n;
    if (state == kDelivered) out.sms_delivered += n;
    if (state == kFailed) out.sms_failed += n;
  }
  return out;
}

Result<std::vector<std::string>> recipient_units(storage::Session& s, int64_t alert_id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT DISTINCT unit_code FROM alert_recipient WHERE "
                                            "alert_id = $1 ORDER BY unit_code",
                                            std::vector<Value>{alert_id}));
  std::vector<std::string> out;
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

Result<std::vector<int64_t>> alerts_with_outbound_work(storage::Session& s,
                                                       const std::string& stale_before) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT DISTINCT alert_id FROM alert_recipient WHERE channel = 'sms' AND (state = "
              "'queued' OR (state = 'sending' AND claimed_at < $1)) UNION SELECT alert_id FROM "
              "alert_recipient WHERE withdraw_state = 'queued' OR (withdraw_state = 'sending' AND "
              "withdraw_claimed_at < $1) UNION SELECT id FROM alert WHERE broadcast_state IN "
              "('queued', 'withdraw_queued') OR (broadcast_state IN ('sending', 'withdrawing') "
              "AND broadcast_at < $1) ORDER BY 1",
              std::vector<Value>{stale_before}));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.integer(0));
  return out;
}

Result<std::vector<SmsToSend>> sms_to_send(storage::Session& s, int64_t alert_id,
                                           const std::string& stale_before, int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + qualified(kRecipientColumns, "r") +
                  ", p.phone_sealed FROM alert_recipient r JOIN resident_person p ON p.id = "
                  "r.person_id WHERE r.alert_id = $1 AND r.channel = 'sms' AND (r.state = "
                  "'queued' OR (r.state = 'sending' AND r.claimed_at < $2)) ORDER BY r.id "
                  "LIMIT $3",
              std::vector<Value>{alert_id, stale_before, limit}));
  std::vector<SmsToSend> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    out.push_back({recipient_from(row), row.optional_text(kRecipientColumnCount)});
  }
  return out;
}

Result<bool> claim_sms(storage::Session& s, int64_t recipient_id, const std::string& stale_before,
                       const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert_recipient SET state = 'sending', claimed_at = $1, attempts = "
                "attempts + 1 WHERE id = $2 AND channel = 'sms' AND (state = 'queued' OR (state "
                "= 'sending' AND claimed_at < $3))",
                std::vector<Value>{at, recipient_id, stale_before}));
  return changed > 0;
}

Result<bool> finish_sms(storage::Session& s, const Recipient& r) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute(
          "UPDATE alert_recipient SET state = $1, sent_at = $2, outbound_ref = $3, "
          "outbound_error = $4 WHERE id = $5 AND state = 'sending'",
          std::vector<Value>{r.state, optional_value(r.sent_at), optional_value(r.outbound_ref),
                             optional_value(r.outbound_error), r.id}));
  return changed > 0;
}

Result<bool> take_receipt(storage::Session& s, int64_t recipient_id, const std::string& state,
                          const std::optional<std::string>& error) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert_recipient SET state = $1, outbound_error = $2 WHERE id = $3 AND "
                "channel = 'sms' AND state IN ('queued', 'sending', 'sent')",
                std::vector<Value>{state, optional_value(error), recipient_id}));
  return changed > 0;
}

Result<std::optional<Recipient>> recipient_of_person(storage::Session& s, int64_t alert_id,
                                                     int64_t person_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT " + kRecipientColumns +
                                                   " FROM alert_recipient WHERE alert_id = $1 "
                                                   "AND person_id = $2",
                                               std::vector<Value>{alert_id, person_id}));
  if (!row) return std::optional<Recipient>();
  return std::optional<Recipient>(recipient_from(*row));
}

Result<int64_t> fail_unsent(storage::Session& s, int64_t alert_id, const std::string& error) {
  return s.execute(
      "UPDATE alert_recipient SET state = 'failed', outbound_error = $1 WHERE alert_id = $2 AND "
      "channel = 'sms' AND state IN ('queued', 'sending')",
      std::vector<Value>{error, alert_id});
}

Result<int64_t> queue_sms_withdrawals(storage::Session& s, int64_t alert_id) {
  return s.execute(
      "UPDATE alert_recipient SET withdraw_state = 'queued' WHERE alert_id = $1 AND channel = "
      "'sms' AND withdraw_state IS NULL AND (state IN ('sending', 'sent', 'delivered') OR "
      "(state = 'queued' AND attempts > 0))",
      std::vector<Value>{alert_id});
}

Result<std::vector<WithdrawalToSend>> withdrawals_to_send(storage::Session& s, int64_t alert_id,
                                                          const std::string& stale_before,
                                                          int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT r.id, r.person_id, r.withdraw_attempts, p.phone_sealed FROM alert_recipient "
              "r JOIN resident_person p ON p.id = r.person_id WHERE r.alert_id = $1 AND "
              "(r.withdraw_state = 'queued' OR (r.withdraw_state = 'sending' AND "
              "r.withdraw_claimed_at < $2)) ORDER BY r.id LIMIT $3",
              std::vector<Value>{alert_id, stale_before, limit}));
  std::vector<WithdrawalToSend> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    out.push_back({row.integer(0), row.integer(1), row.integer(2), row.optional_text(3)});
  }
  return out;
}

Result<bool> claim_withdrawal(storage::Session& s, int64_t recipient_id,
                              const std::string& stale_before, const std::string& at) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert_recipient SET withdraw_state = 'sending', withdraw_claimed_at = $1, "
                "withdraw_attempts = withdraw_attempts + 1 WHERE id = $2 AND (withdraw_state = "
                "'queued' OR (withdraw_state = 'sending' AND withdraw_claimed_at < $3))",
                std::vector<Value>{at, recipient_id, stale_before}));
  return changed > 0;
}

Result<bool> finish_withdrawal(storage::Session& s, int64_t recipient_id, const std::string& state,
                               const std::optional<std::string>& error) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert_recipient SET withdraw_state = $1, withdraw_error = $2 WHERE id = $3 "
                "AND withdraw_state = 'sending'",
                std::vector<Value>{state, optional_value(error), recipient_id}));
  return changed > 0;
}

Result<bool> set_broadcast(storage::Session& s, int64_t alert_id, const std::string& state,
                           const BroadcastUpdate& update) {
  std::vector<Value> params{state, optional_value(update.reference), optional_value(update.error),
                            update.at, alert_id};
  std::string condition;
  if (update.claim) {
    params.push_back(update.from);
    params.push_back(update.stale_before);
    condition = "(broadcast_state = $6 OR (broadcast_state = $1 AND broadcast_at < $7))";
  } else {
    params.push_back(update.from);
    condition = "broadcast_state = $6";
  }
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE alert SET broadcast_state = $1, broadcast_ref = COALESCE($2, "
                "broadcast_ref), broadcast_error = $3, broadcast_at = $4 WHERE id = $5 AND " +
                    condition,
                params));
  return changed > 0;
}

Result<std::map<std::string, std::string>> settings(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT unit_code, approval_from FROM alert_setting"));
  std::map<std::string, std::string> out;
  for (const Row& row : rows) out.emplace(row.text(0), row.text(1));
  return out;
}

Status put_setting(storage::Session& s, const std::string& unit, const std::string& from,
                   int64_t by, const std::string& at) {
  SHEQU_TRY(s.execute(
      "INSERT INTO alert_setting (unit_code, approval_from, updated_at, updated_by) VALUES ($1, "
      "$2, $3, $4) ON CONFLICT (unit_code) DO UPDATE SET approval_from = excluded.approval_from, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      std::vector<Value>{unit, from, at, by > 0 ? Value(by) : Value(nullptr)}));
  return {};
}

}  // namespace shequ::alerts::repository
