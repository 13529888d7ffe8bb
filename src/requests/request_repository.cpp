#include "requests/request_repository.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::requests::repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kCategoryColumns =
    "code, parent_code, name_zh, name_en, time_limit, handling_level, attributes, active, sort, "
    "version";

Result<Category> category_from_row(const Row& row) {
  Category c;
  c.code = row.text(0);
  c.parent = row.optional_text(1).value_or("");
  c.name = {row.text(2), row.text(3)};
  c.time_limit = row.text(4);
  c.level = static_cast<org::Level>(row.integer(5));
  SHEQU_ASSIGN_OR_RETURN(Json stored, parse_json_strict(row.text(6)));
  SHEQU_ASSIGN_OR_RETURN(c.attributes, attributes_of(stored));
  c.active = row.integer(7) != 0;
  c.sort = static_cast<int>(row.integer(8));
  c.version = row.integer(9);
  return c;
}

const std::string kCaseColumns =
    "id, tracking_code, category_code, unit_code, grid_code, status, channel, external_id, "
    "description, address, lat_e7, lon_e7, attributes, contact_name_sealed, "
    "contact_phone_sealed, contact_phone_index, submitted_by, received_at, accept_due, "
    "resolve_due, accepted_at, resolved_at, closed_at, accept_escalated, resolve_escalated, "
    "updated_at, version, merged_into";

Result<Case> case_from_row(const Row& row) {
  Case c;
  c.id = row.integer(0);
  c.tracking_code = row.text(1);
  c.category = row.text(2);
  c.unit = row.text(3);
  c.grid = row.optional_text(4);
  const auto state = parse_state(row.text(5));
  if (!state) return Error::internal("request_case.status holds an unknown state");
  c.status = *state;
  c.channel = row.text(6);
  c.external_id = row.optional_text(7);
  c.description = row.text(8);
  c.address = row.text(9);
  if (!row.is_null(10)) c.lat_e7 = static_cast<int32_t>(row.integer(10));
  if (!row.is_null(11)) c.lon_e7 = static_cast<int32_t>(row.integer(11));
  SHEQU_ASSIGN_OR_RETURN(c.attributes, parse_json_strict(row.text(12)));
  c.contact_name_sealed = row.optional_text(13);
  c.contact_phone_sealed = row.optional_text(14);
  c.contact_phone_index = row.optional_text(15);
  c.submitted_by = row.optional_integer(16);
  c.received_at = row.text(17);
  c.accept_due = row.text(18);
  c.resolve_due = row.text(19);
  c.accepted_at = row.optional_text(20);
  c.resolved_at = row.optional_text(21);
  c.closed_at = row.optional_text(22);
  c.accept_escalated = row.integer(23) != 0;
  c.resolve_escalated = row.integer(24) != 0;
  c.updated_at = row.text(25);
  c.version = row.integer(26);
  c.merged_into = row.optional_integer(27);
  return c;
}

Result<std::vector<Case>> cases_from_rows(const Rows& rows) {
  std::vector<Case> out;
  for (const Row& row : rows) {
    SHEQU_ASSIGN_OR_RETURN(Case c, case_from_row(row));
    out.push_back(std::move(c));
  }
  return out;
}

Status load_co_handlers(storage::Session& s, Case& c) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT unit_code FROM request_co_handler WHERE case_id = $1 "
                                 "ORDER BY added_at, unit_code",
                                 std::vector<Value>{c.id}));
  for (const Row& row : rows) c.co_handlers.push_back(row.text(0));
  return {};
}

}  // namespace

Result<std::vector<Category>> categories(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT " + kCategoryColumns +
                                            " FROM request_category ORDER BY sort, code"));
  std::vector<Category> out;
  for (const Row& row : rows) {
    SHEQU_ASSIGN_OR_RETURN(Category c, category_from_row(row));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<Category>> category(storage::Session& s, const std::string& code) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kCategoryColumns + " FROM request_category WHERE code = $1",
                            std::vector<Value>{code}));
  if (!row) return std::optional<Category>();
  SHEQU_ASSIGN_OR_RETURN(Category c, category_from_row(*row));
  return std::optional<Category>(std::move(c));
}

Result<CategoryInGroup> category_in_group(storage::Session& s, const std::string& code) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kCategoryColumns +
                                     " FROM request_category WHERE code = $1 OR code = "
                                     "(SELECT parent_code FROM request_category WHERE code = $1)",
                                 std::vector<Value>{code}));
  CategoryInGroup out;
  for (const Row& row : rows) {
    SHEQU_ASSIGN_OR_RETURN(Category c, category_from_row(row));
    if (c.code == code) {
      out.category = std::move(c);
    } else {
      out.group = std::move(c);
    }
  }
  return out;
}

Result<std::vector<CalendarDay>> calendar_days(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT day, working, name FROM request_calendar_day ORDER BY day"));
  std::vector<CalendarDay> out;
  for (const Row& row : rows) out.push_back({row.text(0), row.integer(1) != 0, row.text(2)});
  return out;
}

Status replace_calendar_year(storage::Session& s, int year, const std::vector<CalendarDay>& days) {
  const std::vector<Value> bounds{fmt::format("{}-01-01", year), fmt::format("{}-12-31", year)};
  SHEQU_TRY(s.execute("DELETE FROM request_calendar_day WHERE day >= $1 AND day <= $2", bounds));
  for (const CalendarDay& day : days) {
    SHEQU_TRY(s.execute("INSERT INTO request_calendar_day (day, working, name) VALUES ($1, $2, $3)",
                        std::vector<Value>{day.date, int64_t{day.working ? 1 : 0}, day.name}));
  }
  return {};
}

Result<int64_t> insert_case(storage::Session& s, const Case& c) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO request_case (tracking_code, category_code, unit_code, grid_code, status, "
          "channel, external_id, description, address, lat_e7, lon_e7, attributes, "
          "contact_name_sealed, contact_phone_sealed, contact_phone_index, submitted_by, "
          "received_at, accept_due, resolve_due, updated_at, version) VALUES ($1, $2, $3, $4, "
          "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $17, 1) "
          "RETURNING id",
          std::vector<Value>{
              c.tracking_code, c.category, c.unit, optional_value(c.grid),
              std::string(state_key(c.status)), c.channel, optional_value(c.external_id),
              c.description, c.address, optional_value(c.lat_e7), optional_value(c.lon_e7),
              c.attributes.dump(), optional_value(c.contact_name_sealed),
              optional_value(c.contact_phone_sealed), optional_value(c.contact_phone_index),
              optional_value(c.submitted_by), c.received_at, c.accept_due, c.resolve_due}));
  if (!row) return Error::internal("INSERT INTO request_case returned no id");
  return row->integer(0);
}

Result<std::optional<Case>> find_case(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kCaseColumns + " FROM request_case WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Case>();
  SHEQU_ASSIGN_OR_RETURN(Case c, case_from_row(*row));
  SHEQU_TRY(load_co_handlers(s, c));
  return std::optional<Case>(std::move(c));
}

Result<std::optional<Case>> find_case_by_tracking_code(storage::Session& s,
                                                       const std::string& tracking_code) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT id FROM request_case WHERE tracking_code = $1",
                                     std::vector<Value>{tracking_code}));
  if (!row) return std::optional<Case>();
  return find_case(s, row->integer(0));
}

Result<std::optional<Case>> find_case_by_external_id(storage::Session& s,
                                                     const std::string& channel,
                                                     const std::string& external_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT id FROM request_case WHERE channel = $1 AND external_id = $2",
                            std::vector<Value>{channel, external_id}));
  if (!row) return std::optional<Case>();
  return find_case(s, row->integer(0));
}

Result<bool> update_case(storage::Session& s, const Case& c, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE request_case SET status = $1, unit_code = $2, grid_code = $3, "
                "accepted_at = $4, resolved_at = $5, closed_at = $6, accept_escalated = $7, "
                "resolve_escalated = $8, updated_at = $9, merged_into = $12, version = version + 1 "
                "WHERE id = $10 AND version = $11",
                std::vector<Value>{std::string(state_key(c.status)), c.unit, optional_value(c.grid),
                                   optional_value(c.accepted_at), optional_value(c.resolved_at),
                                   optional_value(c.closed_at), int64_t{c.accept_escalated ? 1 : 0},
                                   int64_t{c.resolve_escalated ? 1 : 0}, c.updated_at, c.id,
                                   expected_version, optional_value(c.merged_into)}));
  return changed == 1;
}

Status add_co_handler(storage::Session& s, int64_t case_id, const std::string& unit,
                      const std::string& at) {
  SHEQU_TRY(
      s.execute("INSERT INTO request_co_handler (case_id, unit_code, added_at) VALUES ($1, $2, $3)",
                std::vector<Value>{case_id, unit, at}));
  return {};
}

Status append_event(storage::Session& s, int64_t case_id, const CaseEvent& e) {
  SHEQU_TRY(
      s.execute("INSERT INTO request_event (case_id, at, action, user_id, from_status, to_status, "
                "unit_code, target_unit, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                std::vector<Value>{case_id, e.at, e.action, optional_value(e.user_id),
                                   optional_value(e.from_status), e.to_status, e.unit,
                                   optional_value(e.target_unit), e.note}));
  return {};
}

Result<std::vector<CaseEvent>> events(storage::Session& s, int64_t case_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT e.id, e.at, e.action, e.user_id, COALESCE(u.username, ''), "
              "COALESCE(u.display_name, ''), e.from_status, e.to_status, e.unit_code, "
              "e.target_unit, e.note FROM request_event e LEFT JOIN app_user u ON u.id = e.user_id "
              "WHERE e.case_id = $1 ORDER BY e.id",
              std::vector<Value>{case_id}));
  std::vector<CaseEvent> out;
  for (const Row& row : rows) {
    out.push_back({row.integer(0), row.text(1), row.text(2), row.optional_integer(3), row.text(4),
                   row.text(5), row.optional_text(6), row.text(7), row.text(8),
                   row.optional_text(9), row.text(10)});
  }
  return out;
}

// Staff read the cases led by, falling in, or co-handled by a unit under `roots`: the condition
// on request_case's columns, its values added to `params`.
std::string readable_from(storage::Session& s, const std::vector<std::string>& roots,
                          std::vector<Value>& params) {
  return "(" + storage::in_subtrees(s.dialect(), {"unit_code", "grid_code"}, roots, params) +
         " OR id IN (SELECT case_id FROM request_co_handler WHERE " +
         storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params) + "))";
}

// "$3, $4, $5": a placeholder for each of `values`, added to `params`.
template <class T>
std::string placeholders(const std::vector<T>& values, std::vector<Value>& params) {
  std::string out;
  params.reserve(params.size() + values.size());
  for (const T& v : values) {
    params.emplace_back(v);
    out += fmt::format("{}${}", out.empty() ? "" : ", ", params.size());
  }
  return out;
}

Result<org::Page<Case>> list_cases(storage::Session& s, const CaseFilter& filter,
                                   const org::PageRequest& page) {
  std::vector<Value> params{filter.status, filter.category};
  std::string where =
      " FROM request_case WHERE ($1 = '' OR status = $1) AND ($2 = '' OR category_code = $2 OR "
      "category_code IN (SELECT code FROM request_category WHERE parent_code = $2))";
  if (filter.overdue_at) {
    params.push_back(*filter.overdue_at);
    where += fmt::format(
        " AND ((status = 'submitted' AND accept_due < ${0}) OR (status IN ('submitted', "
        "'accepted', 'in_progress') AND resolve_due < ${0}))",
        params.size());
  }
  if (filter.submitted_by) {
    params.push_back(*filter.submitted_by);
    where += fmt::format(" AND submitted_by = ${} AND channel = 'resident'", params.size());
  } else {
    const std::vector<std::string> unit{filter.unit.value_or("")};
    where += " AND " + readable_from(s, filter.unit ? unit : filter.roots, params);
  }
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kCaseColumns, where, "received_at DESC, id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Case> out;
  out.total = found.total;
  SHEQU_ASSIGN_OR_RETURN(out.items, cases_from_rows(found.rows));
  for (Case& c : out.items) SHEQU_TRY(load_co_handlers(s, c));
  return out;
}

Result<std::vector<Case>> search_cases(storage::Session& s, const CaseSearch& search) {
  std::vector<Value> params;
  std::string where = " FROM request_case WHERE " + readable_from(s, search.roots, params);
  if (!search.ids.empty()) {
    where += " AND id IN (" + placeholders(search.ids, params) + ")";
  } else {
    params.push_back(search.received_from);
    params.push_back(search.received_to);
    where += fmt::format(" AND received_at >= ${} AND received_at <= ${}", params.size() - 1,
                         params.size());
    if (!search.categories.empty()) {
      where += " AND category_code IN (" + placeholders(search.categories, params) + ")";
    }
    if (search.open) {
      where += *search.open ? " AND status IN ('submitted', 'accepted', 'in_progress')"
                            : " AND status IN ('resolved', 'closed')";
    }
  }
  params.push_back(search.limit);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query(fmt::format("SELECT {}{} ORDER BY received_at DESC, id DESC LIMIT ${}",
                                     kCaseColumns, where, params.size()),
                         params));
  SHEQU_ASSIGN_OR_RETURN(std::vector<Case> out, cases_from_rows(rows));
  for (Case& c : out) SHEQU_TRY(load_co_handlers(s, c));
  return out;
}

Result<std::vector<CaseUpdate>> updates(storage::Session& s, const std::vector<std::string>& roots,
                                        const std::string& from, const std::string& to,
                                        int64_t limit) {
  std::vector<Value> params{from, to};
  const std::string readable = readable_from(s, roots, params);
  params.push_back(limit);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format("SELECT e.case_id, e.id, e.at, e.action, e.user_id, e.from_status, "
                          "e.to_status, e.unit_code, e.target_unit, e.note FROM request_event e "
                          "WHERE e.at >= $1 AND e.at <= $2 AND e.case_id IN (SELECT id FROM "
                          "request_case WHERE {}) ORDER BY e.at, e.id LIMIT ${}",
                          readable, params.size()),
              params));
  std::vector<CaseUpdate> out;
  for (const Row& row : rows) {
    out.push_back(
        {row.integer(0),
         {row.integer(1), row.text(2), row.text(3), row.optional_integer(4), "", "",
          row.optional_text(5), row.text(6), row.text(7), row.optional_text(8), row.text(9)}});
  }
  return out;
}

Result<std::map<int64_t, std::string>> latest_notes(storage::Session& s,
                                                    const std::vector<int64_t>& case_ids,
                                                    const std::string& action) {
  std::map<int64_t, std::string> out;
  if (case_ids.empty()) return out;
  std::vector<Value> params{action};
  const std::string sql =
      "SELECT case_id, note FROM request_event WHERE action = $1 AND note <> '' AND case_id IN (" +
      placeholders(case_ids, params) + ") ORDER BY id";
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query(sql, params));
  for (const Row& row : rows) out[row.integer(0)] = row.text(1);
  return out;
}

Result<std::optional<Rating>> find_rating(storage::Session& s, int64_t case_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT score, comment, rated_by, rated_at, appeal_status, "
                            "appeal_reason, appealed_by, appealed_at, decision_note, decided_by, "
                            "decided_at FROM request_rating WHERE case_id = $1",
                            std::vector<Value>{case_id}));
  if (!row) return std::optional<Rating>();
  return std::optional<Rating>(
      Rating{row->text(0), row->text(1), row->optional_integer(2), row->text(3), row->text(4),
             row->optional_text(5), row->optional_integer(6), row->optional_text(7),
             row->optional_text(8), row->optional_integer(9), row->optional_text(10)});
}

namespace {

const std::string kPhotoColumns =
    "id, sha256, media_type, width, height, size_bytes, uploaded_by, uploaded_at";

Photo photo_from_row(const Row& row) {
  return {row.integer(0),
          row.text(1),
          row.text(2),
          static_cast<int>(row.integer(3)),
          static_cast<int>(row.integer(4)),
          row.integer(5),
          row.is_null(6) ? std::nullopt : std::optional(row.integer(6)),
          row.text(7)};
}

}  // namespace

Result<std::vector<Photo>> photos(storage::Session& s, int64_t case_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kPhotoColumns + " FROM request_photo WHERE case_id = $1 ORDER BY id",
              std::vector<Value>{case_id}));
  std::vector<Photo> out;
  for (const Row& row : rows) out.push_back(photo_from_row(row));
  return out;
}

Result<std::optional<Photo>> photo(storage::Session& s, int64_t case_id, int64_t photo_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT " + kPhotoColumns + " FROM request_photo WHERE case_id = $1 AND id = $2",
                  std::vector<Value>{case_id, photo_id}));
  if (!row) return std::optional<Photo>{};
  return std::optional(photo_from_row(*row));
}

Status lock_case(storage::Session& s, int64_t id) {
  const std::vector<Value> params{id};
  SHEQU_TRY(s.execute("UPDATE request_case SET version = version WHERE id = $1", params));
  return {};
}

Result<int64_t> insert_photo(storage::Session& s, int64_t case_id, const Photo& p) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO request_photo (case_id, sha256, media_type, width, height, "
          "size_bytes, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "RETURNING id",
          std::vector<Value>{case_id, p.sha256, p.media_type, int64_t{p.width}, int64_t{p.height},
                             p.size_bytes, optional_value(p.uploaded_by), p.uploaded_at}));
  if (!row) return Error::internal("an insert returned no id");
  return row->integer(0);
}

Status insert_rating(storage::Session& s, int64_t case_id, const Rating& r) {
  SHEQU_TRY(
      s.execute("INSERT INTO request_rating (case_id, score, comment, rated_by, rated_at, "
                "appeal_status) VALUES ($1, $2, $3, $4, $5, $6)",
                std::vector<Value>{case_id, r.score, r.comment, optional_value(r.rated_by),
                                   r.rated_at, r.appeal_status}));
  return {};
}

Status update_appeal(storage::Session& s, int64_t case_id, const Rating& r) {
  SHEQU_TRY(s.execute(
      "UPDATE request_rating SET appeal_status = $1, appeal_reason = $2, appealed_by = $3, "
      "appealed_at = $4, decision_note = $5, decided_by = $6, decided_at = $7 WHERE case_id = $8",
      std::vector<Value>{r.appeal_status, optional_value(r.appeal_reason),
                         optional_value(r.appealed_by), optional_value(r.appealed_at),
                         optional_value(r.decision_note), optional_value(r.decided_by),
                         optional_value(r.decided_at), case_id}));
  return {};
}

Result<std::optional<Rectification>> latest_rectification(storage::Session& s, int64_t case_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT id, opened_at, due, done_at FROM request_rectification WHERE "
                            "case_id = $1 ORDER BY id DESC LIMIT 1",
                            std::vector<Value>{case_id}));
  if (!row) return std::optional<Rectification>();
  return std::optional<Rectification>(
      Rectification{row->integer(0), row->text(1), row->text(2), row->optional_text(3)});
}

Status open_rectification(storage::Session& s, int64_t case_id, const std::string& at,
                          const std::string& due) {
  SHEQU_TRY(
      s.execute("INSERT INTO request_rectification (case_id, opened_at, due) VALUES ($1, $2, $3)",
                std::vector<Value>{case_id, at, due}));
  return {};
}

Status finish_rectification(storage::Session& s, int64_t case_id, const std::string& at) {
  SHEQU_TRY(
      s.execute("UPDATE request_rectification SET done_at = $1 WHERE case_id = $2 AND "
                "done_at IS NULL",
                std::vector<Value>{at, case_id}));
  return {};
}

namespace {

// The sums behind the rates over request_case c (with its rating r), for a GROUP BY. $1 is now.
const std::string kRateSums =
    "COUNT(*), "
    "SUM(CASE WHEN c.accepted_at IS NOT NULL AND c.accepted_at <= c.accept_due THEN 1 ELSE 0 "
    "END), "
    "SUM(CASE WHEN c.resolved_at IS NOT NULL OR c.resolve_due < $1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN c.resolved_at IS NOT NULL AND c.resolved_at <= c.resolve_due THEN 1 ELSE 0 "
    "END), "
    "SUM(CASE WHEN r.score IS NOT NULL AND r.appeal_status <> 'upheld' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN r.score IN ('very_satisfied', 'satisfied', 'basic') AND r.appeal_status <> "
    "'upheld' THEN 1 ELSE 0 END)";

// Cases received in [$2, $3), withdrawn and merged ones aside.
const std::string kRatedCases =
    " FROM request_case c LEFT JOIN request_rating r ON r.case_id = c.id WHERE c.received_at >= "
    "$2 AND c.received_at < $3 AND c.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM "
    "request_event w WHERE w.case_id = c.id AND w.action = 'withdraw')";

// The six sums from column `first` on (a SUM over no rows is NULL: 0).
RateCounts counts_from_row(std::string key, const Row& row, std::size_t first) {
  const auto n = [&](std::size_t i) { return row.is_null(first + i) ? 0 : row.integer(first + i); };
  return {std::move(key), n(0), n(1), n(2), n(3), n(4), n(5)};
}

}  // namespace

Result<bool> update_category(storage::Session& s, const Category& c, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute(
          "UPDATE request_category SET name_zh = $1, name_en = $2, time_limit = $3, "
          "handling_level = $4, attributes = $5, active = $6, version = version + 1 "
          "WHERE code = $7 AND version = $8",
          std::vector<Value>{c.name.zh, c.name.en, c.time_limit, int64_t{static_cast<int>(c.level)},
                             attributes_json(c.attributes).dump(), int64_t{c.active ? 1 : 0},
                             c.code, expected_version}));
  return changed == 1;
}

Status insert_category(storage::Session& s, const Category& c) {
  SHEQU_ASSIGN_OR_RETURN(
      auto last,
      c.parent.empty()
          ? s.query_one("SELECT MAX(sort) FROM request_category WHERE parent_code IS NULL", {})
          : s.query_one(
                "SELECT MAX(sort) FROM request_category WHERE parent_code = $1 OR code = $1",
                std::vector<Value>{c.parent}));
  const int64_t sort = last && !last->is_null(0) ? last->integer(0) + 1 : 1;
  SHEQU_TRY(s.execute(
      "INSERT INTO request_category (code, parent_code, name_zh, name_en, time_limit, "
      "handling_level, attributes, active, sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      std::vector<Value>{c.code, c.parent.empty() ? Value{} : Value{c.parent}, c.name.zh, c.name.en,
                         c.time_limit, int64_t{static_cast<int>(c.level)},
                         attributes_json(c.attributes).dump(), int64_t{c.active ? 1 : 0}, sort}));
  return {};
}

Result<std::vector<Case>> open_near(storage::Session& s, const std::string& category,
                                    const Area& area, const std::string& since, int64_t except) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kCaseColumns +
                  " FROM request_case WHERE category_code = $1 AND received_at >= $2 AND status "
                  "IN ('submitted', 'accepted', 'in_progress') AND id <> $3 AND lat_e7 BETWEEN $4 "
                  "AND $5 AND lon_e7 BETWEEN $6 AND $7 ORDER BY received_at DESC LIMIT 50",
              std::vector<Value>{category, since, except, int64_t{area.lat_min_e7},
                                 int64_t{area.lat_max_e7}, int64_t{area.lon_min_e7},
                                 int64_t{area.lon_max_e7}}));
  return cases_from_rows(rows);
}

Result<std::vector<RateCounts>> rates_by_unit(storage::Session& s,
                                              const std::vector<std::string>& units,
                                              const std::string& from, const std::string& to,
                                              const std::string& now) {
  std::vector<RateCounts> out;
  for (const std::string& unit : units) {
    SHEQU_ASSIGN_OR_RETURN(
        auto row, s.query_one("SELECT " + kRateSums + kRatedCases +
                                  " AND c.unit_code IN (SELECT code FROM org_unit_ancestor WHERE "
                                  "ancestor_code = $4)",
                              std::vector<Value>{now, from, to, unit}));
    if (!row) return Error::internal("a count returned no row");
    out.push_back(counts_from_row(unit, *row, 0));
  }
  return out;
}

Result<std::vector<RateCounts>> rates_by_lead_unit(storage::Session& s, const std::string& from,
                                                   const std::string& to, const std::string& now) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT c.unit_code, " + kRateSums + kRatedCases +
                                                " GROUP BY c.unit_code ORDER BY c.unit_code",
                                            std::vector<Value>{now, from, to}));
  std::vector<RateCounts> out;
  for (const Row& row : rows) out.push_back(counts_from_row(row.text(0), row, 1));
  return out;
}

Result<std::vector<RateCounts>> rates_by_category(storage::Session& s, const std::string& unit,
                                                  const std::string& from, const std::string& to,
                                                  const std::string& now) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT c.category_code, " + kRateSums + kRatedCases +
                             " AND c.unit_code IN (SELECT code FROM org_unit_ancestor WHERE "
                             "ancestor_code = $4) GROUP BY c.category_code ORDER BY "
                             "c.category_code",
                         std::vector<Value>{now, from, to, unit}));
  std::vector<RateCounts> out;
  for (const Row& row : rows) out.push_back(counts_from_row(row.text(0), row, 1));
  return out;
}

Result<int64_t> count_to_accept(storage::Session& s, const std::vector<std::string>& units) {
  if (units.empty()) return int64_t{0};
  std::vector<Value> params;
  std::string list;
  for (const std::string& unit : units) {
    params.push_back(unit);
    list += fmt::format("{}${}", list.empty() ? "" : ", ", params.size());
  }
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(fmt::format("SELECT COUNT(*) FROM request_case WHERE status = "
                              "'submitted' AND (unit_code IN ({0}) OR grid_code IN ({0}))",
                              list),
                  params));
  return row ? row->integer(0) : 0;
}

Result<std::vector<Case>> overdue_unescalated(storage::Session& s, const std::string& now,
                                              int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kCaseColumns +
                  " FROM request_case WHERE (status = 'submitted' AND accept_escalated = 0 AND "
                  "accept_due < $1) OR (status IN ('submitted', 'accepted', 'in_progress') AND "
                  "resolve_escalated = 0 AND resolve_due < $1) ORDER BY accept_due, id LIMIT $2",
              std::vector<Value>{now, limit}));
  SHEQU_ASSIGN_OR_RETURN(std::vector<Case> out, cases_from_rows(rows));
  for (Case& c : out) SHEQU_TRY(load_co_handlers(s, c));
  return out;
}

}  // namespace shequ::requests::repository
