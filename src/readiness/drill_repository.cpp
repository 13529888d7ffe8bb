#include "readiness/drill_repository.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::readiness {

const std::vector<Choice>& drill_scenarios() {
  static const std::vector<Choice> scenarios{
      {"fire", {"消防", "Fire"}},        {"earthquake", {"地震", "Earthquake"}},
      {"flood", {"防汛", "Flood"}},      {"evacuation", {"人员疏散", "Evacuation"}},
      {"gas", {"燃气泄漏", "Gas leak"}}, {"other", {"其他", "Other"}},
  };
  return scenarios;
}

const std::vector<Choice>& drill_statuses() {
  static const std::vector<Choice> statuses{
      {"planned", {"计划", "Planned"}},
      {"done", {"已开展", "Held"}},
  };
  return statuses;
}

namespace repository {

namespace {

using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kColumns =
    "id, unit_code, held_on, status, scenario, description, participants, place, summary, "
    "updated_by_name, created_at, updated_at, version";

Drill drill_from(const Row& row) {
  Drill d;
  d.id = row.integer(0);
  d.unit_code = row.text(1);
  d.held_on = row.text(2);
  d.status = row.text(3);
  d.scenario = row.text(4);
  d.description = row.text(5);
  d.participants = row.integer(6);
  d.place = row.text(7);
  d.summary = row.text(8);
  d.updated_by_name = row.text(9);
  d.created_at = row.text(10);
  d.updated_at = row.text(11);
  d.version = row.integer(12);
  return d;
}

// The filter's condition; appends its parameters.
std::string condition(storage::Session& s, const DrillFilter& f, std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"unit_code"}, f.roots, params);
  if (!f.scenario.empty()) where += " AND scenario = " + storage::bind_all(params, {f.scenario});
  if (!f.status.empty()) where += " AND status = " + storage::bind_all(params, {f.status});
  if (!f.from.empty()) where += " AND held_on >= " + storage::bind_all(params, {f.from});
  if (!f.to.empty()) where += " AND held_on <= " + storage::bind_all(params, {f.to});
  return where;
}

}  // namespace

Result<int64_t> insert_drill(storage::Session& s, const Drill& d) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO readiness_drill (unit_code, held_on, status, scenario, "
                  "description, participants, place, summary, updated_by_name, created_at, "
                  "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) "
                  "RETURNING id",
                  std::vector<Value>{d.unit_code, d.held_on, d.status, d.scenario, d.description,
                                     d.participants, d.place, d.summary, d.updated_by_name,
                                     d.created_at, d.updated_at}));
  return row->integer(0);
}

Result<std::optional<Drill>> find_drill(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kColumns + " FROM readiness_drill WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Drill>();
  return std::optional<Drill>(drill_from(*row));
}

Result<bool> update_drill(storage::Session& s, const Drill& d, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE readiness_drill SET held_on = $1, status = $2, scenario = $3, "
                "description = $4, participants = $5, place = $6, summary = $7, "
                "updated_by_name = $8, updated_at = $9, version = version + 1 WHERE id = $10 "
                "AND version = $11",
                std::vector<Value>{d.held_on, d.status, d.scenario, d.description, d.participants,
                                   d.place, d.summary, d.updated_by_name, d.updated_at, d.id,
                                   expected_version}));
  return changed > 0;
}

Result<org::Page<Drill>> list_drills(storage::Session& s, const DrillFilter& filter,
                                     const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM readiness_drill WHERE " + condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kColumns, where, "held_on DESC, id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Drill> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(drill_from(row));
  return out;
}

Result<std::vector<DrillCount>> count_drills(storage::Session& s, const DrillFilter& filter) {
  std::vector<Value> params;
  const std::string where = condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT status, COUNT(*), SUM(participants) FROM readiness_drill "
                                 "WHERE " +
                                     where + " GROUP BY status",
                                 params));
  std::vector<DrillCount> out;
  for (const Row& row : rows) out.push_back({row.text(0), row.integer(1), row.integer(2)});
  return out;
}

}  // namespace repository

}  // namespace shequ::readiness
