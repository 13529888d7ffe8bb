#include "readiness/incident_repository.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::readiness {

const std::vector<Choice>& incident_kinds() {
  static const std::vector<Choice> kinds{
      {"drought", {"干旱", "Drought"}},
      {"flood", {"洪涝", "Flood"}},
      {"hail", {"风雹", "Wind and hail"}},
      {"frost", {"低温冷冻", "Frost"}},
      {"snow", {"雪灾", "Snow"}},
      {"sandstorm", {"沙尘暴", "Sandstorm"}},
      {"earthquake", {"地震", "Earthquake"}},
      {"geological", {"地质灾害", "Landslide, debris flow or collapse"}},
      {"wildfire", {"森林草原火灾", "Forest or grassland fire"}},
      {"other", {"其他", "Other"}},
  };
  return kinds;
}

void Toll::add(const Toll& other) {
  incidents += other.incidents;
  affected += other.affected;
  injured += other.injured;
  dead += other.dead;
  missing += other.missing;
  houses_damaged += other.houses_damaged;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kColumns =
    "id, unit_code, kind, occurred_at, place, affected, injured, dead, missing, houses_damaged, "
    "needs, reported_by, reported_by_name, created_at, updated_at, version";

Incident incident_from(const Row& row) {
  Incident i;
  i.id = row.integer(0);
  i.unit_code = row.text(1);
  i.kind = row.text(2);
  i.occurred_at = row.text(3);
  i.place = row.text(4);
  i.toll = {1, row.integer(5), row.integer(6), row.integer(7), row.integer(8), row.integer(9)};
  i.needs = row.text(10);
  i.reported_by = row.optional_integer(11);
  i.reported_by_name = row.text(12);
  i.created_at = row.text(13);
  i.updated_at = row.text(14);
  i.version = row.integer(15);
  return i;
}

// The filter's condition; appends its parameters.
std::string condition(storage::Session& s, const IncidentFilter& f, std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"unit_code"}, f.roots, params);
  if (!f.kind.empty()) where += " AND kind = " + storage::bind_all(params, {f.kind});
  if (!f.from.empty()) where += " AND occurred_at >= " + storage::bind_all(params, {f.from});
  if (!f.until.empty()) where += " AND occurred_at < " + storage::bind_all(params, {f.until});
  return where;
}

}  // namespace

Result<int64_t> insert_incident(storage::Session& s, const Incident& i) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO readiness_incident (unit_code, kind, occurred_at, place, affected, "
                  "injured, dead, missing, houses_damaged, needs, reported_by, reported_by_name, "
                  "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                  "$10, $11, $12, $13, $14, 1) RETURNING id",
                  std::vector<Value>{i.unit_code, i.kind, i.occurred_at, i.place, i.toll.affected,
                                     i.toll.injured, i.toll.dead, i.toll.missing,
                                     i.toll.houses_damaged, i.needs, optional_value(i.reported_by),
                                     i.reported_by_name, i.created_at, i.updated_at}));
  return row->integer(0);
}

Result<std::optional<Incident>> find_incident(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kColumns + " FROM readiness_incident WHERE id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Incident>();
  return std::optional<Incident>(incident_from(*row));
}

Result<bool> update_incident(storage::Session& s, const Incident& i, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE readiness_incident SET kind = $1, occurred_at = $2, place = $3, "
                "affected = $4, injured = $5, dead = $6, missing = $7, houses_damaged = $8, "
                "needs = $9, updated_at = $10, version = version + 1 WHERE id = $11 AND "
                "version = $12",
                std::vector<Value>{i.kind, i.occurred_at, i.place, i.toll.affected, i.toll.injured,
                                   i.toll.dead, i.toll.missing, i.toll.houses_damaged, i.needs,
                                   i.updated_at, i.id, expected_version}));
  return changed > 0;
}

Result<org::Page<Incident>> list_incidents(storage::Session& s, const IncidentFilter& filter,
                                           const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM readiness_incident WHERE " + condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kColumns, where, "occurred_at DESC, id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Incident> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(incident_from(row));
  return out;
}

Result<std::vector<UnitKindToll>> tolls(storage::Session& s, const IncidentFilter& filter) {
  std::vector<Value> params;
  const std::string where = condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT unit_code, kind, COUNT(*), SUM(affected), SUM(injured), "
                         "SUM(dead), SUM(missing), SUM(houses_damaged) FROM readiness_incident "
                         "WHERE " +
                             where + " GROUP BY unit_code, kind",
                         params));
  std::vector<UnitKindToll> out;
  for (const Row& row : rows) {
    out.push_back({row.text(0),
                   row.text(1),
                   {row.integer(2), row.integer(3), row.integer(4), row.integer(5), row.integer(6),
                    row.integer(7)}});
  }
  return out;
}

}  // namespace repository

}  // namespace shequ::readiness
