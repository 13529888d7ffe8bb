#include "residents/visit_repository.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::residents::repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kVisitColumns =
    "v.id, v.person_id, v.grid_code, v.visited_on, v.visitor_id, u.username, u.display_name, "
    "v.met, v.health, v.living, v.safety, v.needs, v.note_sealed, v.lat_e7, v.lon_e7, "
    "v.client_key, v.recorded_at, v.request_id";
const std::string kVisitFrom = " FROM resident_visit v JOIN app_user u ON u.id = v.visitor_id";

// Needs are stored as one comma-separated text of keys (visit_needs()).
std::vector<std::string> split_needs(const std::string& text) {
  std::vector<std::string> needs;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    needs.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return needs;
}

Visit visit_from_row(const Row& row) {
  Visit v;
  v.id = row.integer(0);
  v.person_id = row.integer(1);
  v.grid_code = row.text(2);
  v.visited_on = row.text(3);
  v.visitor_id = row.integer(4);
  v.visitor_username = row.text(5);
  v.visitor_display_name = row.text(6);
  v.met = row.text(7);
  v.health = row.text(8);
  v.living = row.text(9);
  v.safety = row.text(10);
  v.needs = split_needs(row.text(11));
  v.note_sealed = row.optional_text(12);
  if (auto lat = row.optional_integer(13)) v.lat_e7 = static_cast<int32_t>(*lat);
  if (auto lon = row.optional_integer(14)) v.lon_e7 = static_cast<int32_t>(*lon);
  v.client_key = row.text(15);
  v.recorded_at = row.text(16);
  v.request_id = row.optional_integer(17);
  return v;
}

const std::string kReferralColumns =
    "id, person_id, visit_id, township_code, grid_code, kind, status, reason, created_at, "
    "decided_at, decided_by, version";

Referral referral_from_row(const Row& row) {
  Referral r;
  r.id = row.integer(0);
  r.person_id = row.integer(1);
  r.visit_id = row.optional_integer(2);
  r.township_code = row.text(3);
  r.grid_code = row.text(4);
  r.kind = row.text(5);
  r.status = row.text(6);
  r.reason = row.text(7);
  r.created_at = row.text(8);
  r.decided_at = row.optional_text(9);
  r.decided_by = row.optional_integer(10);
  r.version = row.integer(11);
  return r;
}

}  // namespace

Result<std::vector<CareRule>> care_rules(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(
          "SELECT unit_code, tag, every_months FROM resident_care_rule ORDER BY unit_code, tag"));
  std::vector<CareRule> out;
  for (const Row& row : rows) {
    out.push_back({row.text(0), row.text(1), static_cast<int>(row.integer(2))});
  }
  return out;
}

Status replace_care_rules(storage::Session& s, const std::string& unit,
                          const std::vector<CareRule>& rules, const std::string& at) {
  SHEQU_TRY(
      s.execute("DELETE FROM resident_care_rule WHERE unit_code = $1", std::vector<Value>{unit}));
  for (const CareRule& r : rules) {
    SHEQU_TRY(s.execute(
        "INSERT INTO resident_care_rule (unit_code, tag, every_months, updated_at) VALUES ($1, "
        "$2, $3, $4)",
        std::vector<Value>{unit, r.tag, int64_t{r.every_months}, at}));
  }
  return {};
}

Result<int64_t> insert_visit(storage::Session& s, const Visit& v) {
  std::string needs;
  for (const std::string& n : v.needs) needs += (needs.empty() ? "" : ",") + n;
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO resident_visit (person_id, grid_code, visited_on, visitor_id, met, health, "
          "living, safety, needs, note_sealed, lat_e7, lon_e7, client_key, recorded_at, "
          "request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
          "RETURNING id",
          std::vector<Value>{v.person_id, v.grid_code, v.visited_on, v.visitor_id, v.met, v.health,
                             v.living, v.safety, needs, optional_value(v.note_sealed),
                             optional_value(v.lat_e7), optional_value(v.lon_e7), v.client_key,
                             v.recorded_at, optional_value(v.request_id)}));
  if (!row) return Error::internal("INSERT INTO resident_visit returned no id");
  return row->integer(0);
}

Result<std::optional<Visit>> find_visit_by_key(storage::Session& s, const std::string& key) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kVisitColumns + kVisitFrom + " WHERE v.client_key = $1",
                            std::vector<Value>{key}));
  if (!row) return std::optional<Visit>();
  return std::optional<Visit>(visit_from_row(*row));
}

Result<std::optional<Visit>> find_visit(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kVisitColumns + kVisitFrom + " WHERE v.id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Visit>();
  return std::optional<Visit>(visit_from_row(*row));
}

Result<std::vector<Visit>> visits_of(storage::Session& s, int64_t person_id, int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kVisitColumns + kVisitFrom +
                                     " WHERE v.person_id = $1 ORDER BY v.visited_on DESC, v.id "
                                     "DESC LIMIT $2",
                                 std::vector<Value>{person_id, limit}));
  std::vector<Visit> out;
  for (const Row& row : rows) out.push_back(visit_from_row(row));
  return out;
}

Result<std::vector<VisitRate>> visit_rates(storage::Session& s, const std::string& tag,
                                           const std::string& first, const std::string& last) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT h.unit_code, COUNT(DISTINCT m.person_id), COUNT(DISTINCT CASE WHEN EXISTS "
              "(SELECT 1 FROM resident_visit v WHERE v.person_id = m.person_id AND v.visited_on "
              ">= $2 AND v.visited_on <= $3) THEN m.person_id END) FROM resident_membership m "
              "JOIN resident_household h ON h.id = m.household_id WHERE m.person_id IN (SELECT "
              "person_id FROM resident_tag WHERE tag = $1) AND m.moved_in <= $3 AND "
              "(m.moved_out IS NULL OR m.moved_out >= $2) GROUP BY h.unit_code ORDER BY "
              "h.unit_code",
              std::vector<Value>{tag, first, last}));
  std::vector<VisitRate> out;
  for (const Row& row : rows) out.push_back({row.text(0), row.integer(1), row.integer(2)});
  return out;
}

Result<int64_t> insert_referral(storage::Session& s, const Referral& r) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO resident_referral (person_id, visit_id, township_code, grid_code, "
                  "kind, status, reason, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                  "$8, 1) RETURNING id",
                  std::vector<Value>{r.person_id, optional_value(r.visit_id), r.township_code,
                                     r.grid_code, r.kind, r.status, r.reason, r.created_at}));
  if (!row) return Error::internal("INSERT INTO resident_referral returned no id");
  return row->integer(0);
}

Result<std::optional<Referral>> find_referral(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kReferralColumns + " FROM resident_referral WHERE id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Referral>();
  return std::optional<Referral>(referral_from_row(*row));
}

Result<org::Page<Referral>> list_referrals(storage::Session& s,
                                           const std::vector<std::string>& roots,
                                           const std::string& status,
                                           const org::PageRequest& page) {
  std::vector<Value> params{status};
  const std::string where = " FROM resident_referral WHERE ($1 = '' OR status = $1) AND " +
                            storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kReferralColumns, where, "id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Referral> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(referral_from_row(row));
  return out;
}

Result<int64_t> count_open_referrals(storage::Session& s, const std::vector<std::string>& roots) {
  std::vector<Value> params;
  // The condition first: it adds the parameters the statement then binds.
  const std::string scope = storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT COUNT(*) FROM resident_referral WHERE status IN ('referred', "
                            "'under_assessment') AND " +
                                scope,
                            params));
  return row->integer(0);
}

Result<bool> update_referral(storage::Session& s, const Referral& r, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute("UPDATE resident_referral SET status = $1, reason = $2, decided_at = $3, "
                "decided_by = $4, version = version + 1 WHERE id = $5 AND version = $6",
                std::vector<Value>{r.status, r.reason, optional_value(r.decided_at),
                                   optional_value(r.decided_by), r.id, expected_version}));
  return changed > 0;
}

}  // namespace shequ::residents::repository
