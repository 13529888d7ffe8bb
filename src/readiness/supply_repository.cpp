#include "readiness/supply_repository.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::readiness {

const std::vector<Choice>& supply_categories() {
  static const std::vector<Choice> categories{
      {"food", {"食品", "Food"}},         {"water", {"饮用水", "Drinking water"}},
      {"medicine", {"药品", "Medicine"}}, {"shelter", {"帐篷被褥", "Tents and bedding"}},
      {"lighting", {"照明", "Lighting"}}, {"rescue", {"救援工具", "Rescue tools"}},
      {"other", {"其他", "Other"}},
  };
  return categories;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kColumns =
    "id, unit_code, name, category, quantity, measure, place, expires_on, note, "
    "updated_by_name, created_at, updated_at, version";

Supply supply_from(const Row& row) {
  Supply s;
  s.id = row.integer(0);
  s.unit_code = row.text(1);
  s.name = row.text(2);
  s.category = row.text(3);
  s.quantity = row.integer(4);
  s.measure = row.text(5);
  s.place = row.text(6);
  s.expires_on = row.optional_text(7);
  s.note = row.text(8);
  s.updated_by_name = row.text(9);
  s.created_at = row.text(10);
  s.updated_at = row.text(11);
  s.version = row.integer(12);
  return s;
}

// The filter's condition; appends its parameters.
std::string condition(storage::Session& s, const SupplyFilter& f, std::vector<Value>& params) {
  std::string where = storage::in_subtrees(s.dialect(), {"unit_code"}, f.roots, params);
  if (!f.category.empty()) where += " AND category = " + storage::bind_all(params, {f.category});
  if (!f.expires_by.empty()) {
    where += f.expired_only ? " AND quantity > 0 AND expires_on < "
                            : " AND quantity > 0 AND expires_on <= ";
    where += storage::bind_all(params, {f.expires_by});
  }
  return where;
}

}  // namespace

Result<int64_t> insert_supply(storage::Session& s, const Supply& i) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO readiness_supply (unit_code, name, category, quantity, measure, "
                  "place, expires_on, note, updated_by_name, created_at, updated_at, version) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING id",
                  std::vector<Value>{i.unit_code, i.name, i.category, i.quantity, i.measure,
                                     i.place, optional_value(i.expires_on), i.note,
                                     i.updated_by_name, i.created_at, i.updated_at}));
  return row->integer(0);
}

Result<std::optional<Supply>> find_supply(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kColumns + " FROM readiness_supply WHERE id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Supply>();
  return std::optional<Supply>(supply_from(*row));
}

Result<bool> update_supply(storage::Session& s, const Supply& i, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE readiness_supply SET name = $1, category = $2, quantity = $3, "
                "measure = $4, place = $5, expires_on = $6, note = $7, updated_by_name = $8, "
                "updated_at = $9, version = version + 1 WHERE id = $10 AND version = $11",
                std::vector<Value>{i.name, i.category, i.quantity, i.measure, i.place,
                                   optional_value(i.expires_on), i.note, i.updated_by_name,
                                   i.updated_at, i.id, expected_version}));
  return changed > 0;
}

Result<bool> delete_supply(storage::Session& s, int64_t id, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(const int64_t changed,
                         s.execute("DELETE FROM readiness_supply WHERE id = $1 AND version = $2",
                                   std::vector<Value>{id, expected_version}));
  return changed > 0;
}

Result<org::Page<Supply>> list_supplies(storage::Session& s, const SupplyFilter& filter,
                                        SupplyOrder order, const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM readiness_supply WHERE " + condition(s, filter, params);
  const char* order_by = order == SupplyOrder::by_expiry ? "expires_on, unit_code, name, id"
                                                         : "unit_code, category, name, id";
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kColumns, where, order_by, std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Supply> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(supply_from(row));
  return out;
}

Result<int64_t> count_supplies(storage::Session& s, const SupplyFilter& filter) {
  std::vector<Value> params;
  const std::string where = condition(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(
      auto count, s.query_one("SELECT COUNT(*) FROM readiness_supply WHERE " + where, params));
  return count->integer(0);
}

}  // namespace repository

}  // namespace shequ::readiness
