#include "lists/model.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::lists {

const std::vector<Choice>& categories() {
  static const std::vector<Choice> categories{
      {"elderly_care", {"养老照护", "Elderly care"}}, {"meals", {"助餐配餐", "Meals"}},
      {"childcare", {"托育看护", "Childcare"}},       {"health", {"医疗健康", "Health"}},
      {"housekeeping", {"家政保洁", "Housekeeping"}}, {"repair", {"维修服务", "Repairs"}},
      {"legal", {"法律咨询", "Legal advice"}},        {"counselling", {"心理疏导", "Counselling"}},
      {"tutoring", {"学业辅导", "Tutoring"}},         {"employment", {"就业帮扶", "Employment"}},
      {"culture", {"文体活动", "Culture and sport"}}, {"other", {"其他", "Other"}},
  };
  return categories;
}

const std::vector<Choice>& need_sources() {
  static const std::vector<Choice> sources{
      {"staff", {"工作人员登记", "Entered by staff"}},
      {"visit", {"入户走访", "Home visit"}},
      {"request", {"群众诉求", "Request"}},
      {kRaised, {"居民提出", "Raised by a resident"}},
  };
  return sources;
}

const std::vector<Choice>& urgencies() {
  static const std::vector<Choice> urgencies{
      {"normal", {"一般", "Normal"}},
      {kUrgent, {"紧急", "Urgent"}},
  };
  return urgencies;
}

const std::vector<Choice>& resource_sources() {
  static const std::vector<Choice> sources{
      {"facility", {"服务设施", "Facility"}},
      {"volunteer", {"志愿者（队伍）", "Volunteers"}},
      {"organisation", {"社会组织", "Social organisation"}},
      {"stationed_unit", {"驻区单位", "Unit stationed in the area"}},
      {"charity", {"公益慈善", "Charity"}},
  };
  return sources;
}

const std::vector<Choice>& need_states() {
  static const std::vector<Choice> states{
      {kOpen, {"待对接", "Open"}},
      {kMatched, {"已对接", "Matched"}},
      {kClosed, {"已办结", "Closed"}},
  };
  return states;
}

const std::vector<Choice>& outcomes() {
  static const std::vector<Choice> outcomes{
      {kPending, {"服务中", "In service"}},
      {kDone, {"已完成", "Done"}},
      {kFailed, {"未成功", "Did not work out"}},
  };
  return outcomes;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kNeedColumns =
    "id, unit_code, source, source_ref, category, urgency, description, lat_e7, lon_e7, "
    "from_hour, to_hour, status, close_note, created_by, created_by_name, created_at, updated_at, "
    "version, person_id, raised_by, visit_id, request_id";

std::optional<int32_t> optional_int32(const Row& row, std::size_t column) {
  const auto value = row.optional_integer(column);
  return value ? std::optional<int32_t>(static_cast<int32_t>(*value)) : std::nullopt;
}

Need need_from(const Row& row) {
  Need n;
  n.id = row.integer(0);
  n.unit_code = row.text(1);
  n.source = row.text(2);
  n.source_ref = row.text(3);
  n.category = row.text(4);
  n.urgency = row.text(5);
  n.description = row.text(6);
  n.lat_e7 = optional_int32(row, 7);
  n.lon_e7 = optional_int32(row, 8);
  n.hours = {static_cast<int>(row.integer(9)), static_cast<int>(row.integer(10))};
  n.status = row.text(11);
  n.close_note = row.text(12);
  n.created_by = row.optional_integer(13);
  n.created_by_name = row.text(14);
  n.created_at = row.text(15);
  n.updated_at = row.text(16);
  n.version = row.integer(17);
  n.person_id = row.optional_integer(18);
  n.raised_by = row.optional_integer(19);
  n.visit_id = row.optional_integer(20);
  n.request_id = row.optional_integer(21);
  return n;
}

// A resource taken from a facility or an organisation shows that one's name as it is now, and
// the facility's point when it has one (a facility has both coordinates or neither).
const std::string kResourceColumns =
    "r.id, r.unit_code, r.source, COALESCE(f.name, o.name, r.name) AS shown_name, r.category, "
    "r.capacity, r.booked, r.from_hour, r.to_hour, "
    "CASE WHEN f.lat_e7 IS NULL THEN r.lat_e7 ELSE f.lat_e7 END, "
    "CASE WHEN f.lat_e7 IS NULL THEN r.lon_e7 ELSE f.lon_e7 END, r.contact, r.note, "
    "r.created_at, r.updated_at, r.version, r.facility_id, r.organisation_id, "
    "CASE WHEN f.status IS NULL OR f.status = 'open' THEN 1 ELSE 0 END";
const std::string kResourceFrom =
    " FROM lists_resource r LEFT JOIN facility f ON f.id = r.facility_id "
    "LEFT JOIN volunteer_organisation o ON o.id = r.organisation_id";

Resource resource_from(const Row& row) {
  Resource r;
  r.id = row.integer(0);
  r.unit_code = row.text(1);
  r.source = row.text(2);
  r.name = row.text(3);
  r.category = row.text(4);
  r.capacity = row.integer(5);
  r.booked = row.integer(6);
  r.hours = {static_cast<int>(row.integer(7)), static_cast<int>(row.integer(8))};
  r.lat_e7 = optional_int32(row, 9);
  r.lon_e7 = optional_int32(row, 10);
  r.contact = row.text(11);
  r.note = row.text(12);
  r.created_at = row.text(13);
  r.updated_at = row.text(14);
  r.version = row.integer(15);
  r.facility_id = row.optional_integer(16);
  r.organisation_id = row.optional_integer(17);
  r.available = row.integer(18) != 0;
  return r;
}

const std::string kMatchColumns =
    "id, need_id, resource_id, walk_mm, by_network, outcome, outcome_note, confirmed_by, "
    "confirmed_by_name, confirmed_at, closed_at, version";

Match match_from(const Row& row) {
  Match m;
  m.id = row.integer(0);
  m.need_id = row.integer(1);
  m.resource_id = row.integer(2);
  m.walk_mm = row.optional_integer(3);
  m.by_network = row.integer(4) != 0;
  m.outcome = row.text(5);
  m.outcome_note = row.text(6);
  m.confirmed_by = row.optional_integer(7);
  m.confirmed_by_name = row.text(8);
  m.confirmed_at = row.text(9);
  m.closed_at = row.text(10);
  m.version = row.integer(11);
  return m;
}

std::string need_condition(storage::Session& s, const NeedFilter& f, std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"unit_code"}, f.roots, params);
  if (!f.status.empty()) where += " AND status = " + storage::bind_all(params, {f.status});
  if (!f.category.empty()) where += " AND category = " + storage::bind_all(params, {f.category});
  if (!f.urgency.empty()) where += " AND urgency = " + storage::bind_all(params, {f.urgency});
  if (!f.source.empty()) where += " AND source = " + storage::bind_all(params, {f.source});
  return where;
}

}  // namespace

Result<int64_t> insert_need(storage::Session& s, const Need& n) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO lists_need (unit_code, source, source_ref, category, urgency, "
          "description, lat_e7, lon_e7, from_hour, to_hour, status, close_note, "
          "created_by, created_by_name, created_at, updated_at, version, person_id, "
          "raised_by, visit_id, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, '', $12, $13, $14, $15, 1, $16, $17, $18, $19) RETURNING id",
          std::vector<Value>{n.unit_code, n.source, n.source_ref, n.category, n.urgency,
                             n.description, optional_value(n.lat_e7), optional_value(n.lon_e7),
                             int64_t{n.hours.from}, int64_t{n.hours.to}, n.status,
                             optional_value(n.created_by), n.created_by_name, n.created_at,
                             n.updated_at, optional_value(n.person_id), optional_value(n.raised_by),
                             optional_value(n.visit_id), optional_value(n.request_id)}));
  return row->integer(0);
}

Result<std::optional<Need>> find_need(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kNeedColumns + " FROM lists_need WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Need>();
  return std::optional<Need>(need_from(*row));
}

Result<bool> set_need_status(storage::Session& s, int64_t id, std::string_view status,
                             const std::string& note, const std::string& updated_at,
                             int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE lists_need SET status = $1, close_note = $2, updated_at = $3, "
                "version = version + 1 WHERE id = $4 AND version = $5",
                std::vector<Value>{std::string(status), note, updated_at, id, expected_version}));
  return changed > 0;
}

Result<org::Page<Need>> list_needs(storage::Session& s, const NeedFilter& filter,
                                   const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM lists_need WHERE " + need_condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(
      const storage::PageRows found,
      storage::query_page(s, kNeedColumns, where,
                          "CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END, created_at, id",
                          std::move(params), page.page_size, page.offset()));
  org::Page<Need> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(need_from(row));
  return out;
}

Result<int64_t> count_needs(storage::Session& s, const NeedFilter& filter) {
  std::vector<Value> params;
  const std::string where = need_condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM lists_need WHERE " + where, params));
  return count->integer(0);
}

Result<std::vector<Need>> needs_raised_by(storage::Session& s, int64_t user_id, int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT " + kNeedColumns +
                             " FROM lists_need WHERE raised_by = $1 ORDER BY id DESC LIMIT $2",
                         std::vector<Value>{user_id, limit}));
  std::vector<Need> out;
  for (const Row& row : rows) out.push_back(need_from(row));
  return out;
}

Result<int64_t> count_open_raised_by(storage::Session& s, int64_t user_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto count,
      s.query_one("SELECT COUNT(*) FROM lists_need WHERE raised_by = $1 AND status <> $2",
                  std::vector<Value>{user_id, std::string(kClosed)}));
  return count->integer(0);
}

namespace {

// Whether a need of `category` not closed holds `id` in `finding` (visit_id, request_id).
Result<bool> open_need_from(storage::Session& s, storage::Column finding, int64_t id,
                            const std::string& category) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one(fmt::format("SELECT 1 FROM lists_need WHERE {} = $1 AND category = $2 "
                                        "AND status <> $3",
                                        finding.name()),
                            std::vector<Value>{id, category, std::string(kClosed)}));
  return row.has_value();
}

}  // namespace

Result<bool> open_need_from_visit(storage::Session& s, int64_t visit_id,
                                  const std::string& category) {
  return open_need_from(s, "visit_id", visit_id, category);
}

Result<bool> open_need_from_request(storage::Session& s, int64_t request_id,
                                    const std::string& category) {
  return open_need_from(s, "request_id", request_id, category);
}

Result<int64_t> insert_resource(storage::Session& s, const Resource& r) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO lists_resource (unit_code, source, name, category, capacity, "
                  "booked, from_hour, to_hour, lat_e7, lon_e7, contact, note, created_at, "
                  "updated_at, version, facility_id, organisation_id) VALUES ($1, $2, $3, $4, $5, "
                  "0, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15) RETURNING id",
                  std::vector<Value>{
                      r.unit_code, r.source, r.name, r.category, r.capacity, int64_t{r.hours.from},
                      int64_t{r.hours.to}, optional_value(r.lat_e7), optional_value(r.lon_e7),
                      r.contact, r.note, r.created_at, r.updated_at, optional_value(r.facility_id),
                      optional_value(r.organisation_id)}));
  return row->integer(0);
}

Result<std::optional<Resource>> find_resource(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kResourceColumns + kResourceFrom + " WHERE r.id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Resource>();
  return std::optional<Resource>(resource_from(*row));
}

Result<bool> update_resource(storage::Session& s, const Resource& r, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE lists_resource SET source = $1, name = $2, category = $3, capacity = $4, "
                "from_hour = $5, to_hour = $6, lat_e7 = $7, lon_e7 = $8, contact = $9, note = $10, "
                "updated_at = $11, facility_id = $14, organisation_id = $15, version = version + 1 "
                "WHERE id = $12 AND version = $13 AND booked <= $4",
                std::vector<Value>{r.source, r.name, r.category, r.capacity, int64_t{r.hours.from},
                                   int64_t{r.hours.to}, optional_value(r.lat_e7),
                                   optional_value(r.lon_e7), r.contact, r.note, r.updated_at, r.id,
                                   expected_version, optional_value(r.facility_id),
                                   optional_value(r.organisation_id)}));
  return changed > 0;
}

Result<bool> book(storage::Session& s, int64_t resource_id) {
  SHEQU_ASSIGN_OR_RETURN(const int64_t changed,
                         s.execute("UPDATE lists_resource SET booked = booked + 1, version = "
                                   "version + 1 WHERE id = $1 AND booked < capacity",
                                   std::vector<Value>{resource_id}));
  return changed > 0;
}

Status release(storage::Session& s, int64_t resource_id) {
  SHEQU_TRY(
      s.execute("UPDATE lists_resource SET booked = booked - 1, version = version + 1 "
                "WHERE id = $1 AND booked > 0",
                std::vector<Value>{resource_id}));
  return {};
}

Result<org::Page<Resource>> list_resources(storage::Session& s, const ResourceFilter& filter,
                                           const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where = kResourceFrom + " WHERE " +
                      storage::in_subtrees(s.dialect(), {"r.unit_code"}, filter.roots, params);
  if (!filter.category.empty()) {
    where += " AND r.category = " + storage::bind_all(params, {filter.category});
  }
  if (filter.proposable) {
    where += " AND r.booked < r.capacity AND (f.status IS NULL OR f.status = 'open')";
  }
  SHEQU_ASSIGN_OR_RETURN(
      const storage::PageRows found,
      storage::query_page(s, kResourceColumns, where, "r.unit_code, shown_name, r.id",
                          std::move(params), page.page_size, page.offset()));
  org::Page<Resource> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(resource_from(row));
  return out;
}

Result<int64_t> insert_match(storage::Session& s, const Match& m) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO lists_match (need_id, resource_id, walk_mm, by_network, outcome, "
          "outcome_note, confirmed_by, confirmed_by_name, confirmed_at, closed_at, "
          "version) VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8, '', 1) RETURNING id",
          std::vector<Value>{m.need_id, m.resource_id, optional_value(m.walk_mm),
                             int64_t{m.by_network ? 1 : 0}, m.outcome,
                             optional_value(m.confirmed_by), m.confirmed_by_name, m.confirmed_at}));
  return row->integer(0);
}

Result<std::optional<Match>> find_match(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kMatchColumns + " FROM lists_match WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Match>();
  return std::optional<Match>(match_from(*row));
}

Result<bool> close_match(storage::Session& s, const Match& m, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute(
          "UPDATE lists_match SET outcome = $1, outcome_note = $2, closed_at = $3, "
          "version = version + 1 WHERE id = $4 AND version = $5 AND outcome = 'pending'",
          std::vector<Value>{m.outcome, m.outcome_note, m.closed_at, m.id, expected_version}));
  return changed > 0;
}

Result<std::vector<Match>> matches_of(storage::Session& s, int64_t need_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kMatchColumns + " FROM lists_match WHERE need_id = $1 ORDER BY id DESC",
              std::vector<Value>{need_id}));
  std::vector<Match> out;
  for (const Row& row : rows) out.push_back(match_from(row));
  return out;
}

namespace {

// Of `ids`, those that `column` of a resource under `root` holds.
Result<std::vector<int64_t>> taken(storage::Session& s, storage::Column column,
                                   const std::string& root, const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  std::string sql =
      fmt::format("SELECT DISTINCT {} FROM lists_resource WHERE ", column.name()) +
      storage::in_subtrees(s.dialect(), {"unit_code"}, std::vector<std::string>{root}, params) +
      fmt::format(" AND {} IN (", column.name());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += (i ? ", " : "") + storage::bind_all(params, {ids[i]});
  }
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query(sql + ")", params));
  for (const Row& row : rows) out.push_back(row.integer(0));
  return out;
}

}  // namespace

Result<std::vector<int64_t>> facilities_taken(storage::Session& s, const std::string& root,
                                              const std::vector<int64_t>& facility_ids) {
  return taken(s, "facility_id", root, facility_ids);
}

Result<std::vector<int64_t>> organisations_taken(storage::Session& s, const std::string& root,
                                                 const std::vector<int64_t>& organisation_ids) {
  return taken(s, "organisation_id", root, organisation_ids);
}

}  // namespace repository

}  // namespace shequ::lists
