#include "facility/facility_repository.hpp"

#include <fmt/format.h>

#include "storage/like.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::facility {

namespace {

using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kColumns =
    "id, unit_code, type, name, floor_area, activity_area, office_area, service_area, land_area, "
    "hours, services, lat_e7, lon_e7, status, opened_on, closed_on, created_at, updated_at, "
    "version, capacity";

Value optional_value(const std::optional<double>& v) {
  return v ? Value(*v) : Value(nullptr);
}
Value optional_value(const std::optional<int32_t>& v) {
  return v ? Value(static_cast<int64_t>(*v)) : Value(nullptr);
}
Value optional_value(const std::optional<int64_t>& v) {
  return v ? Value(*v) : Value(nullptr);
}
Value optional_value(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value(nullptr);
}

std::string hours_text(const WeekHours& hours) {
  Json out = Json::array();
  for (const auto& day : hours) {
    Json ranges = Json::array();
    for (const TimeRange& r : day) ranges.push_back(format_time_range(r));
    out.push_back(std::move(ranges));
  }
  return out.dump();
}

Result<WeekHours> hours_of(const std::string& text) {
  SHEQU_ASSIGN_OR_RETURN(Json json, parse_json_strict(text));
  WeekHours hours;
  if (!json.is_array() || json.size() != hours.size()) {
    return Error::internal("facility.hours is not an array of seven days");
  }
  for (std::size_t d = 0; d < hours.size(); ++d) {
    for (const Json& r : json[d]) {
      const auto range = r.is_string() ? parse_time_range(r.get<std::string>()) : std::nullopt;
      if (!range) return Error::internal("facility.hours holds a malformed range");
      hours[d].push_back(*range);
    }
  }
  return hours;
}

// The columns of `fields`, in kColumns order from unit_code to closed_on, then capacity.
std::vector<Value> field_values(const FacilityFields& f) {
  return {f.unit_code,
          f.type,
          f.name,
          f.floor_area,
          f.activity_area,
          f.office_area,
          f.service_area,
          optional_value(f.land_area),
          hours_text(f.hours),
          Json(f.services).dump(),
          optional_value(f.lat_e7),
          optional_value(f.lon_e7),
          f.status,
          optional_value(f.opened_on),
          optional_value(f.closed_on),
          optional_value(f.capacity)};
}

Result<Facility> facility_from_row(const Row& row) {
  Facility out;
  out.id = row.integer(0);
  FacilityFields& f = out.fields;
  f.unit_code = row.text(1);
  f.type = row.text(2);
  f.name = row.text(3);
  f.floor_area = row.real(4);
  f.activity_area = row.real(5);
  f.office_area = row.real(6);
  f.service_area = row.real(7);
  if (!row.is_null(8)) f.land_area = row.real(8);
  SHEQU_ASSIGN_OR_RETURN(f.hours, hours_of(row.text(9)));
  SHEQU_ASSIGN_OR_RETURN(Json services, parse_json_strict(row.text(10)));
  for (const Json& s : services) f.services.push_back(s.get<std::string>());
  if (!row.is_null(11)) f.lat_e7 = static_cast<int32_t>(row.integer(11));
  if (!row.is_null(12)) f.lon_e7 = static_cast<int32_t>(row.integer(12));
  f.status = row.text(13);
  f.opened_on = row.optional_text(14);
  f.closed_on = row.optional_text(15);
  out.created_at = row.text(16);
  out.updated_at = row.text(17);
  out.version = row.integer(18);
  f.capacity = row.optional_integer(19);
  return out;
}

// id, changed_at, user_id, username, before_json, after_json.
Result<std::vector<FacilityChange>> changes_from_rows(const Rows& rows) {
  std::vector<FacilityChange> out;
  for (const Row& row : rows) {
    FacilityChange change;
    change.id = row.integer(0);
    change.changed_at = row.text(1);
    change.user_id = row.optional_integer(2);
    change.username = row.text(3);
    if (!row.is_null(4)) {
      SHEQU_ASSIGN_OR_RETURN(change.before, parse_json_strict(row.text(4)));
    }
    SHEQU_ASSIGN_OR_RETURN(change.after, parse_json_strict(row.text(5)));
    out.push_back(std::move(change));
  }
  return out;
}

const std::string kFigureColumns =
    "unit_code, year, households, residents, urban_residents, building_area, childcare_places, "
    "childcare_affordable, updated_at, version";

UnitFigures figures_from_row(const Row& row) {
  return {row.text(0), row.integer(1), row.integer(2), row.integer(3), row.integer(4),
          row.real(5), row.integer(6), row.integer(7), row.text(8),    row.integer(9)};
}

}  // namespace

Result<int64_t> FacilityRepository::insert(storage::Session& s, const FacilityFields& fields,
                                           const std::string& now) {
  std::vector<Value> params = field_values(fields);
  params.push_back(now);
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO facility (unit_code, type, name, floor_area, activity_area, "
          "office_area, service_area, land_area, hours, services, lat_e7, lon_e7, status, "
          "opened_on, closed_on, capacity, created_at, updated_at, version) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, 1) "
          "RETURNING id",
          params));
  return row->integer(0);
}

Status FacilityRepository::update(storage::Session& s, int64_t id, const FacilityFields& fields,
                                  int64_t expected_version, const std::string& now) {
  std::vector<Value> params = field_values(fields);
  params.push_back(now);
  params.push_back(id);
  params.push_back(expected_version);
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute("UPDATE facility SET unit_code = $1, type = $2, name = $3, floor_area = $4, "
                "activity_area = $5, office_area = $6, service_area = $7, land_area = $8, "
                "hours = $9, services = $10, lat_e7 = $11, lon_e7 = $12, status = $13, "
                "opened_on = $14, closed_on = $15, capacity = $16, updated_at = $17, "
                "version = version + 1 WHERE id = $18 AND version = $19",
                params));
  if (changed != 1) {
    return Error::conflict({"该设施已被他人修改，请刷新后重试",
                            "someone else changed this facility: reload and try again"});
  }
  return {};
}

Result<std::optional<Facility>> FacilityRepository::find(storage::Session& s, int64_t id) {
  const std::vector<Value> params{id};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kColumns + " FROM facility WHERE id = $1", params));
  if (!row) return std::optional<Facility>();
  SHEQU_ASSIGN_OR_RETURN(Facility facility, facility_from_row(*row));
  return std::optional<Facility>(std::move(facility));
}

Result<org::Page<Facility>> FacilityRepository::list(storage::Session& s,
                                                     const FacilityFilter& filter,
                                                     const org::PageRequest& page) {
  std::vector<Value> params{filter.type, filter.status};
  std::string where = " FROM facility WHERE ($1 = '' OR type = $1) AND ($2 = '' OR status = $2)";
  where += " AND " + storage::contains_text({"name"}, filter.name, params);
  where += " AND " + storage::in_subtrees(s.dialect(), {"unit_code"}, filter.roots, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kColumns, where, "unit_code, type, id",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Facility> out;
  out.total = found.total;
  for (const Row& row : found.rows) {
    SHEQU_ASSIGN_OR_RETURN(Facility facility, facility_from_row(row));
    out.items.push_back(std::move(facility));
  }
  return out;
}

Status FacilityRepository::add_change(storage::Session& s, int64_t facility_id,
                                      const FacilityChange& change) {
  const std::vector<Value> params{
      facility_id,
      change.changed_at,
      change.user_id ? Value(*change.user_id) : Value(nullptr),
      change.username,
      change.before.is_null() ? Value(nullptr) : Value(change.before.dump()),
      change.after.dump()};
  SHEQU_TRY(
      s.execute("INSERT INTO facility_change (facility_id, changed_at, user_id, username, "
                "before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6)",
                params));
  return {};
}

Result<std::vector<FacilityChange>> FacilityRepository::changes(storage::Session& s,
                                                                int64_t facility_id) {
  const std::vector<Value> params{facility_id};
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT id, changed_at, user_id, username, before_json, after_json FROM "
                         "facility_change WHERE facility_id = $1 ORDER BY id DESC",
                         params));
  return changes_from_rows(rows);
}

Result<std::vector<UnitFigures>> FacilityRepository::figures(storage::Session& s,
                                                             const std::string& unit) {
  const std::vector<Value> params{unit};
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kFigureColumns +
                                     " FROM unit_figure WHERE unit_code = $1 ORDER BY year DESC",
                                 params));
  std::vector<UnitFigures> out;
  for (const Row& row : rows) out.push_back(figures_from_row(row));
  return out;
}

Result<std::optional<UnitFigures>> FacilityRepository::figures_up_to(storage::Session& s,
                                                                     const std::string& unit,
                                                                     int64_t year) {
  const std::vector<Value> params{unit, year};
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT " + kFigureColumns +
                                                   " FROM unit_figure WHERE unit_code = $1 AND "
                                                   "year <= $2 ORDER BY year DESC LIMIT 1",
                                               params));
  if (!row) return std::optional<UnitFigures>();
  return std::optional<UnitFigures>(figures_from_row(*row));
}

Result<std::optional<UnitFigures>> FacilityRepository::find_figures(storage::Session& s,
                                                                    const std::string& unit,
                                                                    int64_t year) {
  const std::vector<Value> params{unit, year};
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kFigureColumns +
                                         " FROM unit_figure WHERE unit_code = $1 AND year = $2",
                                     params));
  if (!row) return std::optional<UnitFigures>();
  return std::optional<UnitFigures>(figures_from_row(*row));
}

Status FacilityRepository::put_figures(storage::Session& s, const UnitFigures& f,
                                       int64_t expected_version) {
  const std::vector<Value> params{
      f.unit_code,       f.year,          f.households,       f.residents,
      f.urban_residents, f.building_area, f.childcare_places, f.childcare_affordable,
      f.updated_at,      expected_version};
  int64_t changed = 0;
  if (expected_version == 0) {
    SHEQU_ASSIGN_OR_RETURN(
        changed,
        s.execute("INSERT INTO unit_figure (unit_code, year, households, residents, "
                  "urban_residents, building_area, childcare_places, childcare_affordable, "
                  "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10 + 1) "
                  "ON CONFLICT (unit_code, year) DO NOTHING",
                  params));
  } else {
    SHEQU_ASSIGN_OR_RETURN(
        changed, s.execute("UPDATE unit_figure SET households = $3, residents = $4, "
                           "urban_residents = $5, building_area = $6, childcare_places = $7, "
                           "childcare_affordable = $8, updated_at = $9, version = version + 1 "
                           "WHERE unit_code = $1 AND year = $2 AND version = $10",
                           params));
  }
  if (changed != 1) {
    return Error::conflict({"该年度的基础数据已被他人保存或修改，请刷新后重试",
                            "someone else saved these figures since: reload and try again"});
  }
  return {};
}

Status FacilityRepository::add_figure_change(storage::Session& s, const UnitFigures& figures,
                                             const FacilityChange& change) {
  const std::vector<Value> params{
      figures.unit_code,  figures.year,
      change.changed_at,  change.user_id ? Value(*change.user_id) : Value(nullptr),
      change.username,    change.before.is_null() ? Value(nullptr) : Value(change.before.dump()),
      change.after.dump()};
  SHEQU_TRY(
      s.execute("INSERT INTO unit_figure_change (unit_code, year, changed_at, user_id, "
                "username, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params));
  return {};
}

Result<std::vector<FacilityChange>> FacilityRepository::figure_changes(storage::Session& s,
                                                                       const std::string& unit,
                                                                       int64_t year) {
  const std::vector<Value> params{unit, year};
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT id, changed_at, user_id, username, before_json, after_json FROM "
                         "unit_figure_change WHERE unit_code = $1 AND year = $2 ORDER BY id DESC",
                         params));
  return changes_from_rows(rows);
}

Result<std::vector<Facility>> FacilityRepository::all(storage::Session& s) {
  std::vector<Facility> out;
  SHEQU_TRY(s.for_each("SELECT " + kColumns + " FROM facility ORDER BY id", {},
                       [&](const Row& row) -> Status {
                         SHEQU_ASSIGN_OR_RETURN(Facility facility, facility_from_row(row));
                         out.push_back(std::move(facility));
                         return {};
                       }));
  return out;
}

Result<std::vector<UnitFigures>> FacilityRepository::all_figures(storage::Session& s) {
  std::vector<UnitFigures> out;
  SHEQU_TRY(s.for_each("SELECT " + kFigureColumns + " FROM unit_figure ORDER BY unit_code, year",
                       {}, [&](const Row& row) -> Status {
                         out.push_back(figures_from_row(row));
                         return {};
                       }));
  return out;
}

Result<org::ChangeMark> FacilityRepository::facility_change_mark(storage::Session& s,
                                                                 int64_t after) {
  return storage::change_mark(s, "facility_change", after);
}

Result<org::ChangeMark> FacilityRepository::figure_change_mark(storage::Session& s, int64_t after) {
  return storage::change_mark(s, "unit_figure_change", after);
}

Result<std::vector<int64_t>> FacilityRepository::facilities_changed_after(storage::Session& s,
                                                                          int64_t after) {
  const std::vector<Value> params{after};
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT DISTINCT facility_id FROM facility_change WHERE id > $1", params));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.integer(0));
  return out;
}

Result<std::vector<std::string>> FacilityRepository::figure_units_changed_after(storage::Session& s,
                                                                                int64_t after) {
  const std::vector<Value> params{after};
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT DISTINCT unit_code FROM unit_figure_change WHERE id > $1", params));
  std::vector<std::string> out;
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

}  // namespace shequ::facility
