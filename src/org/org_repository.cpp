#include "org/org_repository.hpp"

#include <fmt/format.h>

#include "common/json.hpp"
#include "org/unit_codes.hpp"

namespace shequ::org {

using storage::Row;
using storage::Rows;
using storage::Value;

namespace {

constexpr std::string_view kUnitColumns =
    "u.code, u.name, u.level, u.unit_type, u.urban_rural_code, p.parent_code, u.version";
constexpr std::string_view kCurrentUnits =
    " FROM org_unit u LEFT JOIN org_unit_parent p ON p.code = u.code AND p.valid_to IS NULL"
    " WHERE u.valid_to IS NULL";

Result<UnitType> type_from_key(const std::string& key) {
  for (int t = 0; t <= static_cast<int>(UnitType::grid); ++t) {
    if (unit_type_key(static_cast<UnitType>(t)) == key) return static_cast<UnitType>(t);
  }
  return Error::internal(fmt::format("unknown unit_type '{}' in org_unit", key));
}

Result<Unit> unit_from_row(const Row& row) {
  Unit unit;
  unit.code = row.text(0);
  unit.name = row.text(1);
  unit.level = static_cast<Level>(row.integer(2));
  SHEQU_ASSIGN_OR_RETURN(unit.type, type_from_key(row.text(3)));
  unit.urban_rural_code = row.optional_text(4).value_or("");
  unit.parent_code = row.optional_text(5).value_or("");
  unit.version = row.integer(6);
  return unit;
}

Value nullable(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

const std::string kGridSelect = fmt::format(
    "SELECT {}, g.description, u.created_at, u.updated_at, g.boundary"
    " FROM org_unit u JOIN org_grid g ON g.code = u.code"
    " LEFT JOIN org_unit_parent p ON p.code = u.code AND p.valid_to IS NULL"
    " WHERE u.valid_to IS NULL",
    kUnitColumns);

Result<Grid> grid_from_row(const Row& row) {
  SHEQU_ASSIGN_OR_RETURN(Unit unit, unit_from_row(row));
  Grid grid{std::move(unit), row.text(7), row.text(8), row.text(9), std::nullopt};
  if (!row.is_null(10)) {
    // Written by boundary_text from a checked polygon: anything else is a damaged row.
    const auto parsed = parse_json_strict(row.text(10));
    geo::Polygon polygon;
    if (!parsed || !geo::read_polygon(*parsed, polygon)) {
      return Error::internal(fmt::format("grid {} has a damaged boundary", grid.unit.code));
    }
    grid.boundary = std::move(polygon);
  }
  return grid;
}

Value boundary_text(const std::optional<geo::Polygon>& boundary) {
  if (!boundary) return nullptr;
  return geo::polygon_coordinates(*boundary).dump();
}

}  // namespace

Error stale_version_error() {
  return Error::conflict({"该单位已被他人修改，请刷新后重试",
                          "the unit was changed by someone else; reload and try again"});
}

Result<std::vector<Unit>> OrgRepository::load_current(storage::Session& s) {
  std::vector<Unit> units;
  SHEQU_TRY(s.for_each(fmt::format("SELECT {}{}", kUnitColumns, kCurrentUnits), {},
                       [&](const Row& row) -> Status {
                         SHEQU_ASSIGN_OR_RETURN(Unit unit, unit_from_row(row));
                         units.push_back(std::move(unit));
                         return {};
                       }));
  return units;
}

Result<std::vector<Unit>> OrgRepository::load_on(storage::Session& s, const std::string& day) {
  SHEQU_ASSIGN_OR_RETURN(auto first, s.query_one("SELECT MIN(valid_from) FROM org_unit"));
  const std::string first_recorded = first->optional_text(0).value_or("");
  const std::vector<Value> params{day, first_recorded};
  std::vector<Unit> units;
  SHEQU_TRY(s.for_each(
      fmt::format("SELECT {} FROM org_unit u LEFT JOIN org_unit_parent p ON p.code = u.code"
                  " AND (p.valid_from <= $1 OR p.valid_from = $2)"
                  " AND (p.valid_to IS NULL OR p.valid_to > $1)"
                  " WHERE u.level <= 5 AND (u.valid_from <= $1 OR u.valid_from = $2)"
                  " AND (u.valid_to IS NULL OR u.valid_to > $1)",
                  kUnitColumns),
      params, [&](const Row& row) -> Status {
        SHEQU_ASSIGN_OR_RETURN(Unit unit, unit_from_row(row));
        units.push_back(std::move(unit));
        return {};
      }));
  return units;
}

Result<int64_t> OrgRepository::count_current(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT COUNT(*) FROM org_unit WHERE valid_to IS NULL"));
  return row->integer(0);
}

Result<std::optional<Unit>> OrgRepository::find_current(storage::Session& s,
                                                        const std::string& code) {
  const std::vector<Value> params{code};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(fmt::format("SELECT {}{} AND u.code = $1", kUnitColumns, kCurrentUnits), params));
  if (!row) return std::optional<Unit>{};
  SHEQU_ASSIGN_OR_RETURN(Unit unit, unit_from_row(*row));
  return std::optional<Unit>{std::move(unit)};
}

namespace {

Result<int64_t> record_change(storage::Session& s, const std::string& code) {
  const std::vector<Value> params{code};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("INSERT INTO org_change (code) VALUES ($1) RETURNING id", params));
  return row->integer(0);
}

}  // namespace

Result<ChangeMark> OrgRepository::change_mark(storage::Session& s, int64_t after) {
  return storage::change_mark(s, "org_change", after);
}

Result<std::vector<std::pair<int64_t, std::string>>> OrgRepository::changes(storage::Session& s,
                                                                            int64_t after) {
  std::vector<std::pair<int64_t, std::string>> changes;
  const std::vector<Value> params{after};
  SHEQU_TRY(s.for_each("SELECT id, code FROM org_change WHERE id > $1 ORDER BY id", params,
                       [&](const Row& row) -> Status {
                         changes.emplace_back(row.integer(0), row.text(1));
                         return {};
                       }));
  return changes;
}

Result<int64_t> OrgRepository::trim_changes(storage::Session& s, int64_t keep) {
  const std::vector<Value> params{keep};
  return s.execute("DELETE FROM org_change WHERE id <= (SELECT MAX(id) FROM org_change) - $1",
                   params);
}

Result<int64_t> OrgRepository::insert(storage::Session& s, const Unit& unit,
                                      const std::string& valid_from, const std::string& now) {
  const std::vector<Value> unit_params{unit.code,
                                       unit.name,
                                       int64_t{static_cast<int>(unit.level)},
                                       std::string(unit_type_key(unit.type)),
                                       nullable(unit.urban_rural_code),
                                       valid_from,
                                       now};
  SHEQU_TRY(
      s.execute("INSERT INTO org_unit (code, name, level, unit_type, urban_rural_code, valid_from, "
                "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)",
                unit_params));
  const std::vector<Value> self{unit.code};
  SHEQU_TRY(s.execute(
      "INSERT INTO org_unit_ancestor (ancestor_code, code, depth) VALUES ($1, $1, 0)", self));
  if (unit.parent_code.empty()) return record_change(s, unit.code);
  const std::vector<Value> link_params{unit.code, unit.parent_code, valid_from};
  SHEQU_TRY(
      s.execute("INSERT INTO org_unit_parent (code, parent_code, valid_from) VALUES ($1, $2, $3)",
                link_params));
  // The parent's ancestors, and the parent, one level further up.
  const std::vector<Value> up{unit.code, unit.parent_code};
  SHEQU_TRY(
      s.execute("INSERT INTO org_unit_ancestor (ancestor_code, code, depth) "
                "SELECT ancestor_code, $1, depth + 1 FROM org_unit_ancestor WHERE code = $2",
                up));
  return record_change(s, unit.code);
}

Result<int64_t> OrgRepository::update_attributes(storage::Session& s, const Unit& unit,
                                                 int64_t expected_version, const std::string& now) {
  const std::vector<Value> params{unit.name,
                                  std::string(unit_type_key(unit.type)),
                                  nullable(unit.urban_rural_code),
                                  now,
                                  unit.code,
                                  expected_version};
  SHEQU_ASSIGN_OR_RETURN(int64_t changed,
                         s.execute("UPDATE org_unit SET name = $1, unit_type = $2, "
                                   "urban_rural_code = $3, updated_at = $4, version = version + 1 "
                                   "WHERE code = $5 AND version = $6 AND valid_to IS NULL",
                                   params));
  if (changed != 1) {
    return stale_version_error();
  }
  return record_change(s, unit.code);
}

Result<int64_t> OrgRepository::move(storage::Session& s, const std::string& code,
                                    const std::string& new_parent, const std::string& as_of) {
  const std::vector<Value> close_params{as_of, code};
  SHEQU_TRY(
      s.execute("UPDATE org_unit_parent SET valid_to = $1 WHERE code = $2 AND valid_to IS NULL",
                close_params));
  // A link opened and closed on the same day never held; drop it so the new one can open today.
  const std::vector<Value> same_day_params{code, as_of};
  SHEQU_TRY(
      s.execute("DELETE FROM org_unit_parent WHERE code = $1 AND valid_from = $2 AND valid_to = $2",
                same_day_params));
  const std::vector<Value> open_params{code, new_parent, as_of};
  SHEQU_TRY(
      s.execute("INSERT INTO org_unit_parent (code, parent_code, valid_from) VALUES ($1, $2, $3)",
                open_params));
  // The whole subtree leaves the old ancestors (the unit's own, above it) and joins the new
  // parent's; the links within the subtree stay.
  const std::vector<Value> unit{code};
  SHEQU_TRY(
      s.execute("DELETE FROM org_unit_ancestor"
                " WHERE code IN (SELECT code FROM org_unit_ancestor WHERE ancestor_code = $1)"
                " AND ancestor_code IN (SELECT ancestor_code FROM org_unit_ancestor WHERE code = $1"
                " AND depth > 0)",
                unit));
  const std::vector<Value> repoint{code, new_parent};
  SHEQU_TRY(s.execute(
      "INSERT INTO org_unit_ancestor (ancestor_code, code, depth)"
      " SELECT above.ancestor_code, below.code, above.depth + below.depth + 1"
      " FROM org_unit_ancestor above JOIN org_unit_ancestor below ON below.ancestor_code = $1"
      " WHERE above.code = $2",
      repoint));
  return record_change(s, code);
}

Result<int64_t> OrgRepository::retire(storage::Session& s, const std::string& code,
                                      int64_t expected_version, const std::string& as_of,
                                      const std::string& now) {
  const std::vector<Value> params{as_of, now, code, expected_version};
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute("UPDATE org_unit SET valid_to = $1, updated_at = $2, version = version + 1 "
                "WHERE code = $3 AND version = $4 AND valid_to IS NULL",
                params));
  if (changed != 1) {
    return stale_version_error();
  }
  const std::vector<Value> link_params{as_of, code};
  SHEQU_TRY(
      s.execute("UPDATE org_unit_parent SET valid_to = $1 WHERE code = $2 AND valid_to IS NULL",
                link_params));
  const std::vector<Value> unit{code};
  SHEQU_TRY(s.execute("DELETE FROM org_unit_ancestor WHERE code = $1 OR ancestor_code = $1", unit));
  return record_change(s, code);
}

Status OrgRepository::lock(storage::Session& s, const std::string& code) {
  const std::vector<Value> params{code};
  SHEQU_TRY(s.execute("UPDATE org_unit SET version = version WHERE code = $1", params));
  return {};
}

Result<int> OrgRepository::next_grid_serial(storage::Session& s, const std::string& village_code) {
  const std::vector<Value> params{village_code};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT COALESCE(MAX(serial), 0) FROM org_grid WHERE village_code = $1", params));
  return static_cast<int>(row->integer(0)) + 1;
}

Status OrgRepository::insert_grid_details(storage::Session& s, const std::string& code,
                                          const std::string& village_code, int serial,
                                          const std::string& description,
                                          const std::optional<geo::Polygon>& boundary) {
  const std::vector<Value> params{code, village_code, int64_t{serial}, description,
                                  boundary_text(boundary)};
  SHEQU_TRY(
      s.execute("INSERT INTO org_grid (code, village_code, serial, description, boundary)"
                " VALUES ($1, $2, $3, $4, $5)",
                params));
  return {};
}

Status OrgRepository::update_grid_description(storage::Session& s, const std::string& code,
                                              const std::string& description) {
  const std::vector<Value> params{description, code};
  SHEQU_TRY(s.execute("UPDATE org_grid SET description = $1 WHERE code = $2", params));
  return {};
}

Status OrgRepository::update_grid_boundary(storage::Session& s, const std::string& code,
                                           const std::optional<geo::Polygon>& boundary) {
  const std::vector<Value> params{boundary_text(boundary), code};
  SHEQU_TRY(s.execute("UPDATE org_grid SET boundary = $1 WHERE code = $2", params));
  return {};
}

Result<std::optional<Grid>> OrgRepository::find_grid(storage::Session& s, const std::string& code) {
  const std::vector<Value> params{code};
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one(kGridSelect + " AND u.code = $1", params));
  if (!row) return std::optional<Grid>{};
  SHEQU_ASSIGN_OR_RETURN(Grid grid, grid_from_row(*row));
  return std::optional<Grid>{std::move(grid)};
}

Result<std::vector<Grid>> OrgRepository::list_grids(storage::Session& s,
                                                    const std::string& village_code) {
  const std::vector<Value> params{village_code};
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query(kGridSelect + " AND g.village_code = $1 ORDER BY u.code", params));
  std::vector<Grid> grids;
  for (const Row& row : rows) {
    SHEQU_ASSIGN_OR_RETURN(Grid grid, grid_from_row(row));
    grids.push_back(std::move(grid));
  }
  return grids;
}

Result<std::optional<Office>> OrgRepository::find_office(storage::Session& s,
                                                         const std::string& code) {
  const std::vector<Value> params{code};
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("SELECT address, phone, hours, updated_at FROM org_unit_office WHERE code = $1",
                  params));
  if (!row) return std::optional<Office>{};
  return std::optional<Office>{Office{row->text(0), row->text(1), row->text(2), row->text(3)}};
}

Status OrgRepository::put_office(storage::Session& s, const std::string& code,
                                 const Office& office) {
  const std::vector<Value> params{code, office.address, office.phone, office.hours,
                                  office.updated_at};
  SHEQU_TRY(
      s.execute("INSERT INTO org_unit_office (code, address, phone, hours, updated_at) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET "
                "address = excluded.address, phone = excluded.phone, "
                "hours = excluded.hours, updated_at = excluded.updated_at",
                params));
  return {};
}

Result<bool> OrgRepository::grid_name_taken(storage::Session& s, const std::string& village_code,
                                            const std::string& name,
                                            const std::string& except_code) {
  const std::vector<Value> params{village_code, name, except_code};
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT COUNT(*) FROM org_grid g JOIN org_unit u ON u.code = g.code "
                            "WHERE g.village_code = $1 AND u.name = $2 AND u.code <> $3 "
                            "AND u.valid_to IS NULL",
                            params));
  return row->integer(0) > 0;
}

}  // namespace shequ::org
